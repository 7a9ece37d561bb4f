package candidates

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"
)

func TestRuleFileErrorsNameFileAndLine(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"unknown function", "c\n$1\nQ\n", "bad.rule line 3: invalid rule: unknown or unsupported function 'Q' at column 1"},
		{"rejection function", "# comment\n\n<5\n", "bad.rule line 3: invalid rule: unknown or unsupported function '<' at column 1"},
		{"missing parameter", "$", "bad.rule line 1: invalid rule: function '$' at column 1 needs 1 parameter(s)"},
		{"bad position", "T!", "bad.rule line 1: invalid rule: function 'T' at column 1: '!' is not a position (0-9, A-Z)"},
		{"no rule", "# only a comment\n", "invalid rule: bad.rule holds no rule"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseRules("bad.rule", strings.NewReader(c.text))
			if err == nil || err.Error() != c.want || !errors.Is(err, ErrRule) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
		})
	}
}

func TestMaskErrors(t *testing.T) {
	for _, c := range []struct {
		name, mask string
		opts       MaskOptions
		want       string
	}{
		{"empty", "", MaskOptions{}, "invalid mask: the mask is empty"},
		{"lone ?", "?d?", MaskOptions{}, `invalid mask: mask "?d?" ends with a lone '?' (write ?? for a question mark)`},
		{"unknown", "?x", MaskOptions{}, `invalid mask: mask "?x": unknown charset ?x (known: ?l ?u ?d ?h ?H ?s ?a ?b ?1-?4 ??)`},
		{"undefined custom", "?3", MaskOptions{}, `invalid mask: mask "?3" uses ?3 but custom charset 3 is not defined (-3)`},
		{"bad custom", "?1", MaskOptions{Custom: [4]string{"?z"}}, `invalid mask: custom charset -1 "?z": unknown charset ?z (known: ?l ?u ?d ?h ?H ?s ?a ?b ?1-?4 ??)`},
		{"increment-min too long", "?d?d", MaskOptions{Increment: true, IncrementMin: 3}, "invalid mask: --increment-min 3 is longer than the mask (2 positions)"},
		{"too many", strings.Repeat("?b", 9), MaskOptions{}, `invalid mask: mask "` + strings.Repeat("?b", 9) + `" has too many candidates`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := NewMask(c.mask, c.opts)
			if err == nil || err.Error() != c.want || !errors.Is(err, ErrMask) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
		})
	}
}

func TestWordlistErrorsAndCounts(t *testing.T) {
	if _, err := NewWordlist("empty.txt", strings.NewReader("")); err == nil || err.Error() != "unusable word list: empty.txt is empty" {
		t.Fatalf("empty: %v", err)
	}
	// gzip, a Latin-1 line (e9 = é), a line far past the buffer.
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte("one\ncaf\xe9\n" + strings.Repeat("x", 100000) + "\ntwo"))
	zw.Close()
	w, err := NewWordlist("list.gz", &z)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(stdout(t, w)); got != "one\ncaf\xe9\ntwo\n" {
		t.Fatalf("got %q", got)
	}
	if got, want := w.Stats(), (WordStats{Lines: 4, TooLong: 1, NotUTF8: 1}); got != want {
		t.Fatalf("stats %+v, want %+v", got, want)
	}
	// A corrupt gzip stream is an error, not a silent end.
	bad := append([]byte{0x1f, 0x8b}, bytes.Repeat([]byte{0}, 30)...)
	if w, err := NewWordlist("bad.gz", bytes.NewReader(bad)); err == nil {
		var b Batch
		if _, err = w.Fill(&b, 10); err == nil {
			t.Fatal("corrupt gzip accepted")
		}
	}
	// 256 characters (not octets) are allowed: 256 x "é" is 512 octets.
	w, _ = NewWordlist("utf8", strings.NewReader(strings.Repeat("é", 256)+"\n"+strings.Repeat("é", 257)+"\n"))
	if got := stdout(t, w); string(got) != strings.Repeat("é", 256)+"\n" || w.Stats().TooLong != 1 {
		t.Fatalf("got %d octets, stats %+v", len(got), w.Stats())
	}
}

func TestSkip(t *testing.T) {
	full := func() []byte {
		m, _ := NewMask("?d?l", MaskOptions{Increment: true})
		return stdout(t, m)
	}()
	lines := bytes.SplitAfter(full, []byte("\n"))
	for _, n := range []int64{0, 1, 9, 10, 11, 100, 269, 270, 500} {
		m, _ := NewMask("?d?l", MaskOptions{Increment: true})
		got, err := Skip(m, n)
		if err != nil {
			t.Fatal(err)
		}
		want := min(n, 270)
		if got != want {
			t.Fatalf("skip %d: skipped %d", n, got)
		}
		rest := stdout(t, m)
		if !bytes.Equal(rest, bytes.Join(lines[want:], nil)) {
			t.Fatalf("skip %d: rest differs", n)
		}
		// The generic path (a word list) skips the same way.
		w, _ := NewWordlist("w", bytes.NewReader(full))
		if got, _ := Skip(NewStraight(w, nil), n); got != want {
			t.Fatalf("word list skip %d: %d", n, got)
		}
	}
}
