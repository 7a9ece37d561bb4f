package candidates

import (
	"testing"
	"unicode/utf8"
)

// FuzzRule parses and applies arbitrary rules: no panic, and results stay
// within hashcat's buffer when the word does.
func FuzzRule(f *testing.F) {
	for _, s := range []string{":", "d O28 Y4 '4 d", "f *A5 '8 O14", "p5 y3 Y3 q", "i5! o0x s12 @a", "3 0-", "x", "zZ", "e-E"} {
		f.Add(s, "Password1")
	}
	f.Fuzz(func(t *testing.T, rule, word string) {
		r, err := ParseRule(rule)
		if err != nil {
			return
		}
		if len(word) >= ruleBufSize {
			word = word[:ruleBufSize-1]
		}
		out := r.Apply(nil, []byte(word))
		if len(out) >= 2*ruleBufSize {
			t.Fatalf("rule %q made %d octets", rule, len(out))
		}
	})
}

// FuzzMask parses arbitrary masks and charsets and takes a few candidates.
func FuzzMask(f *testing.F) {
	f.Add("?l?d", "", false)
	f.Add("?1?2", "?l?d", true)
	f.Add("a??b?", "x", false)
	f.Fuzz(func(t *testing.T, mask, cs string, incr bool) {
		m, err := NewMask(mask, MaskOptions{Custom: [4]string{cs, "?1"}, Increment: incr})
		if err != nil {
			return
		}
		var b Batch
		if _, err := m.Fill(&b, 100); err != nil {
			t.Fatal(err)
		}
		if b.Len() == 0 || m.Total() <= 0 {
			t.Fatalf("mask %q: no candidates", mask)
		}
		_ = utf8.Valid(b.At(0))
	})
}
