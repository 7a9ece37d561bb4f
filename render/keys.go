package render

import (
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/session"
)

// KeyMaterialWarning opens the output of `pptpscope keys`.
const KeyMaterialWarning = `WARNING: this output contains key material. The NT password hash is as good
as the password for MS-CHAP (anyone holding it can log in as the user), and
the MPPE keys decrypt the whole session. Do not share it or paste it where
others can read it.`

// KeysOptions configures WriteKeys.
type KeysOptions struct {
	Width int // wrap width (80 when zero)
	// Assumed is set when the key length and mode were not negotiated in
	// the capture and 128-bit stateless keys are shown.
	Assumed bool
}

// HexGroups formats b as upper-case hex in groups of 4 octets, 4 groups a
// line, continuation lines indented by indent spaces: fixed-width columns.
func HexGroups(b []byte, indent int) string {
	var lines []string
	for i := 0; i < len(b); i += 16 {
		line := b[i:min(i+16, len(b))]
		var groups []string
		for j := 0; j < len(line); j += 4 {
			groups = append(groups, strings.ToUpper(hex.EncodeToString(line[j:min(j+4, len(line))])))
		}
		lines = append(lines, strings.Join(groups, " "))
	}
	return strings.Join(lines, "\n"+strings.Repeat(" ", indent))
}

// WriteKeys writes the step-by-step key derivation of one session: the
// values captured on the wire, then each step with its formula, its RFC
// reference and its value. The caller prints KeyMaterialWarning first.
func WriteKeys(w io.Writer, s *session.Session, d *mppe.Derivation, opts KeysOptions) error {
	if opts.Width <= 0 {
		opts.Width = 80
	}
	t := &textWriter{w: w, opts: TextOptions{Width: opts.Width}}
	dd := s.Decryption
	mode := "stateful"
	if d.Mode == mppe.Stateless {
		mode = "stateless"
	}
	t.printf("Session %d: %s → %s, user %s, %s\n", s.Index, addrOr(s.Client.Addr), addrOr(s.Server.Addr), dd.User, d.Method)
	kl := fmt.Sprintf("MPPE %d-bit %s keys (from the acknowledged CCP options)", int(d.Bits), mode)
	if opts.Assumed {
		kl = fmt.Sprintf("MPPE %d-bit %s keys (assumed: the CCP exchange is not in the capture)", int(d.Bits), mode)
	}
	t.printf("  %s\n", wrapIndent(kl, opts.Width-2, 2))

	a := s.Auth
	t.printf("\n  %-26s %6s  %s\n", "Captured", "frame", "value (hex)")
	captured := func(name string, frame int, v []byte) {
		if len(v) == 0 {
			return
		}
		f := "-"
		if frame > 0 {
			f = fmt.Sprint(frame)
		}
		t.printf("  %-26s %6s  %s\n", name, f, HexGroups(v, 37))
	}
	if d.Method == "MS-CHAPv1" {
		captured("Challenge", dd.ChallengeFrame, a.Challenge)
	} else {
		captured("AuthenticatorChallenge", dd.ChallengeFrame, a.Challenge)
		captured("PeerChallenge", dd.ResponseFrame, a.PeerChallenge)
	}
	captured("NT-Response", dd.ResponseFrame, a.NTResponse)
	t.printf("  %-26s %6s  %q\n", "UserName", frameText(dd.ResponseFrame), dd.User)
	if a.AuthenticatorResponse != "" {
		if b, err := hex.DecodeString(a.AuthenticatorResponse); err == nil {
			captured("S= (AuthenticatorResponse)", dd.SuccessFrame, b)
		}
	}

	t.printf("\n  Derivation\n")
	for i, st := range d.Steps {
		num := fmt.Sprintf("%2d  ", i+1)
		t.printf("\n  %s%s\n", num, st.Name)
		t.printf("      %s\n", wrapIndent("= "+st.Formula, opts.Width-6, 8))
		t.printf("      %s\n", wrapIndent(st.Ref, opts.Width-6, 6))
		t.printf("      %s\n", HexGroups(st.Value, 6))
		switch st.Check {
		case mppe.Match:
			t.printf("      %s\n", fmt.Sprintf("= the %s captured in frame %d", st.Captured, checkFrame(st.Captured, dd)))
		case mppe.Mismatch:
			t.printf("      %s\n", fmt.Sprintf("≠ the %s captured in frame %d", st.Captured, checkFrame(st.Captured, dd)))
		}
	}
	return t.err
}

func frameText(f int) string {
	if f <= 0 {
		return "-"
	}
	return fmt.Sprint(f)
}

func checkFrame(captured string, dd *session.Decryption) int {
	if captured == "S=" {
		return dd.SuccessFrame
	}
	return dd.ResponseFrame
}
