package candidates

import (
	"bytes"
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

// FuzzWordlist reads arbitrary word lists (plain or gzip-looking): no
// panic, every candidate at most MaxChars characters, counts consistent.
func FuzzWordlist(f *testing.F) {
	f.Add([]byte("a\r\n\nb\n$HEX[4142]\n"))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := NewWordlist("fuzz", bytes.NewReader(data))
		if err != nil {
			return
		}
		var b Batch
		n := 0
		for {
			b.Reset()
			more, err := w.Fill(&b, 7)
			for i := range b.Len() {
				if charLen(b.At(i)) > MaxChars {
					t.Fatalf("candidate of %d characters", charLen(b.At(i)))
				}
			}
			n += b.Len()
			if err != nil || !more {
				break
			}
		}
		if s := w.Stats(); int64(n)+s.TooLong != s.Lines {
			t.Fatalf("%d candidates + %d too long != %d lines", n, s.TooLong, s.Lines)
		}
	})
}
