package crack

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Export formats.
const (
	FormatHashcat = "hashcat"
	FormatJohn    = "john"
)

// Reasons an authentication has no export line (render explains them).
const (
	NoLineClear           = "clear"            // PAP: nothing to crack
	NoLineChallengeLength = "challenge-length" // hashcat 4800 takes 16-octet challenges only
	NoLineUncrackable     = "uncrackable"      // not an MS-CHAP response of an NT hash
)

func hexs(b []byte) string { return hex.EncodeToString(b) }

// field keeps a user name from breaking the colon-separated hashcat line.
func field(s string) string { return strings.NewReplacer(":", "", "\n", "", "\r", "").Replace(s) }

// Export returns the line hashcat or john reads for the authentication,
// or "" and the reason there is none. hashcat: mode 5500 (NetNTLMv1) for
// MS-CHAPv1/v2, mode 4800 for CHAP-MD5 and EAP-MD5 with a 16-octet
// challenge. john (jumbo): $MSCHAPv2$, $NETNTLM$ and $chap$.
// The hashcat mode is returned with the line.
func Export(a *Auth, format string) (line string, mode int, reason string) {
	switch {
	case a.Method == PAP:
		return "", 0, NoLineClear
	case a.MSCHAP():
		ch := ChallengeOf(a)
		if format == FormatJohn {
			if a.Method == MSCHAPv1 {
				return fmt.Sprintf("$NETNTLM$%s$%s", hexs(ch[:]), hexs(a.NTResponse)), 0, ""
			}
			return fmt.Sprintf("$MSCHAPv2$%s$%s$%s$%s", hexs(a.AuthChallenge), hexs(a.NTResponse), hexs(a.PeerChallenge), a.User), 0, ""
		}
		// An LM field that is empty (or zero) keeps hashcat off its ESS
		// path, which would never crack an MS-CHAP response.
		lm := ""
		if a.HasLM() {
			lm = hexs(a.LMResponse)
		}
		// user::domain:lm:nt:challenge, the domain empty.
		return fmt.Sprintf("%s:::%s:%s:%s", field(a.User), lm, hexs(a.NTResponse), hexs(ch[:])), 5500, ""
	case a.Method == CHAPMD5 || a.Method == EAPMD5:
		if format == FormatJohn {
			return fmt.Sprintf("$chap$%d*%s*%s", a.ID, hexs(a.Challenge), hexs(a.Response)), 0, ""
		}
		if len(a.Challenge) != 16 {
			return "", 0, NoLineChallengeLength
		}
		return fmt.Sprintf("%s:%s:%02x", hexs(a.Response), hexs(a.Challenge), a.ID), 4800, ""
	}
	return "", 0, NoLineUncrackable
}

// Explanation is chapcrack's reduction of one MS-CHAP response, computed
// without the password.
type Explanation struct {
	ChallengeHash [8]byte    // what the three DES keys encrypt
	Blocks        [3][8]byte // the NT-Response: DES(K1,CH) DES(K2,CH) DES(K3,CH)
	ThirdKeys     []uint16   // the recovered last two octets of the NT hash
	Token         string     // chapcrack's $99$ token
	DESRate       float64    // DES operations (new key, one block) per second on one core, measured here
	// Remaining is the time in seconds the two remaining 56-bit keys take
	// at DESRate (2 x 2^56 DES operations, the worst case; half on average).
	Remaining float64
}

// Explain reduces an MS-CHAP response and measures the DES rate for
// measure (at least 1,000 operations).
func Explain(a *Auth, measure time.Duration) Explanation {
	var e Explanation
	e.ChallengeHash = ChallengeOf(a)
	for i := range 3 {
		copy(e.Blocks[i][:], a.NTResponse[8*i:])
	}
	e.ThirdKeys = ThirdKeys(e.ChallengeHash, a.NTResponse)
	if len(e.ThirdKeys) > 0 {
		k := e.ThirdKeys[0]
		tok := append(append(append(e.ChallengeHash[:0:0], e.ChallengeHash[:]...), a.NTResponse[:16]...), byte(k>>8), byte(k))
		e.Token = "$99$" + base64.StdEncoding.EncodeToString(tok)
	}
	e.DESRate = desRate(measure)
	if e.DESRate > 0 {
		e.Remaining = 2 * float64(uint64(1)<<56) / e.DESRate
	}
	return e
}

// desRate measures the key search of des.go on one core: a new key (its
// round keys) and one encryption per operation.
func desRate(d time.Duration) float64 {
	n := 0
	start := time.Now()
	for {
		thirdKeysRange(0x0123456789abcdef, 0, n%(1<<16), n%(1<<16)+4096)
		n += 4096
		if el := time.Since(start); el >= d {
			return float64(n) / el.Seconds()
		}
	}
}
