package crack

import (
	"encoding/hex"
	"strings"
	"testing"
	"time"
)

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// RFC 2759 section 9.2's example, which is also john-jumbo's own test
// vector for $MSCHAPv2$ (password clientPass).
var rfc2759 = Auth{Method: MSCHAPv2, User: "User",
	AuthChallenge: unhex("5B5D7C7D7B3F2F3E3C2C602132262628"),
	PeerChallenge: unhex("21402324255E262A28295F2B3A337C7E"),
	NTResponse:    unhex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF")}

func TestExportForms(t *testing.T) {
	md5 := Auth{Method: CHAPMD5, ID: 0, Challenge: unhex("cc7e5247514551acdcbf782c4027bfb1"), Response: unhex("fdfdad5277812ae40956a66f3db23308")}
	md5odd := md5
	md5odd.Challenge = append(md5.Challenge, 1)
	for _, c := range []struct {
		name   string
		a      Auth
		format string
		line   string
		mode   int
		reason string
	}{
		{"john MSCHAPv2 (john's test vector)", rfc2759, FormatJohn, "$MSCHAPv2$" + strings.ToLower("5B5D7C7D7B3F2F3E3C2C602132262628$82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF$21402324255E262A28295F2B3A337C7E$") + "User", 0, ""},
		// RFC 2759 9.2: ChallengeHash D02E4386BCE91226.
		{"hashcat 5500", rfc2759, FormatHashcat, "User::::82309ecd8d708b5ea08faa3981cd83544233114a3d85d6df:d02e4386bce91226", 5500, ""},
		{"john chap (john's test vector)", md5, FormatJohn, "$chap$0*cc7e5247514551acdcbf782c4027bfb1*fdfdad5277812ae40956a66f3db23308", 0, ""},
		// Checked by hand: hashcat -m 4800 cracks this line with "password".
		{"hashcat 4800", md5, FormatHashcat, "fdfdad5277812ae40956a66f3db23308:cc7e5247514551acdcbf782c4027bfb1:00", 4800, ""},
		{"hashcat 4800, 17-octet challenge", md5odd, FormatHashcat, "", 0, NoLineChallengeLength},
		{"PAP", Auth{Method: PAP}, FormatHashcat, "", 0, NoLineClear},
	} {
		t.Run(c.name, func(t *testing.T) {
			line, mode, reason := Export(&c.a, c.format)
			if line != c.line || mode != c.mode || reason != c.reason {
				t.Fatalf("got %q %d %q\nwant %q %d %q", line, mode, reason, c.line, c.mode, c.reason)
			}
		})
	}
	// The vectors crack with their known passwords.
	out := attack(t, []Auth{rfc2759, md5}, "x\nclientPass\npassword\n", Options{})
	for _, r := range out.Results {
		if !r.Found {
			t.Errorf("%s not found", r.Auth.Method)
		}
	}
}

func TestExplainRFC2759(t *testing.T) {
	e := Explain(&rfc2759, time.Millisecond)
	// NtPasswordHash("clientPass") = 44EBBA8D5312B8D611474411F56989AE.
	if len(e.ThirdKeys) != 1 || e.ThirdKeys[0] != 0x89ae {
		t.Fatalf("third keys %04x", e.ThirdKeys)
	}
	if hex.EncodeToString(e.ChallengeHash[:]) != "d02e4386bce91226" || e.DESRate <= 0 || e.Remaining < 1e6 {
		t.Fatalf("%+v", e)
	}
	// $99$ = base64(challenge hash, the first two blocks, the two octets).
	if e.Token != "$99$0C5DhrzpEiaCMJ7NjXCLXqCPqjmBzYNUia4=" {
		t.Fatalf("token %s", e.Token)
	}
}
