package render

import (
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/session"
)

// KeyWarning is the warning that opens the output of `pptpscope keys`, in
// lang.
func KeyWarning(lang string) string { return T(lang, "keys.warning") }

// KeysOptions configures WriteKeys.
type KeysOptions struct {
	Width int // wrap width (80 when zero)
	// Lang is the language of the output ("" English).
	Lang string
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
// reference and its value. The caller prints KeyWarning first.
func WriteKeys(w io.Writer, s *session.Session, d *mppe.Derivation, opts KeysOptions) error {
	if opts.Width <= 0 {
		opts.Width = 80
	}
	lang := opts.Lang
	t := &textWriter{w: w, opts: TextOptions{Width: opts.Width, Lang: lang}}
	dd := s.Decryption
	mode := mppeMode(lang, d.Mode == mppe.Stateless)
	t.printf("%s\n", t.T("keys.session", s.Index, addrOr(s.Client.Addr), addrOr(s.Server.Addr), dd.User, d.Method))
	kl := t.T("keys.keys", int(d.Bits), mode)
	if opts.Assumed {
		kl = t.T("keys.keys.assumed", int(d.Bits), mode)
	}
	t.printf("  %s\n", wrapIndent(kl, opts.Width-2, 2))

	a := s.Auth
	t.printf("\n  %s %s  %s\n", padRight(t.T("keys.col.captured"), 26), padLeft(t.T("common.frame"), 6), t.T("keys.col.value"))
	captured := func(name string, frame int, v []byte) {
		if len(v) == 0 {
			return
		}
		f := "-"
		if frame > 0 {
			f = fmt.Sprint(frame)
		}
		t.printf("  %s %6s  %s\n", padRight(name, 26), f, HexGroups(v, 37))
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

	t.printf("\n  %s\n", t.T("keys.derivation"))
	for i, st := range d.Steps {
		num := fmt.Sprintf("%2d  ", i+1)
		t.printf("\n  %s%s\n", num, StepName(lang, st))
		t.printf("      %s\n", wrapIndent("= "+StepFormula(lang, st), opts.Width-6, 8))
		t.printf("      %s\n", wrapIndent(StepRef(lang, st), opts.Width-6, 6))
		t.printf("      %s\n", HexGroups(st.Value, 6))
		switch st.Check {
		case mppe.Match:
			t.printf("      %s\n", t.T("keys.check.match", st.Captured, checkFrame(st.Captured, dd)))
		case mppe.Mismatch:
			t.printf("      %s\n", t.T("keys.check.mismatch", st.Captured, checkFrame(st.Captured, dd)))
		}
	}
	return t.err
}

// StepName names a derivation step: the quantity and, for keys, the
// direction.
func StepName(lang string, st mppe.Step) string {
	q := st.Quantity
	if HasText("keys.quantity." + q) {
		q = T(lang, "keys.quantity."+q)
	}
	if st.Dir == mppe.DirNone {
		return q
	}
	return q + " " + T(lang, "keys.dir."+string(st.Dir))
}

// StepFormula is the step's formula with its remarks in lang.
func StepFormula(lang string, st mppe.Step) string {
	f := st.Formula
	for _, n := range st.Notes {
		if n == mppe.NoteGivenNTHash {
			f = T(lang, "keys.note."+n, f)
		} else {
			f += T(lang, "keys.note."+n)
		}
	}
	return f
}

// StepRef is the step's RFC reference with its remark in lang.
func StepRef(lang string, st mppe.Step) string {
	if st.RefNote == "" {
		return st.Ref
	}
	return st.Ref + T(lang, "keys.refnote."+st.RefNote)
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
