package render

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrapWords(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		width int
		want  string
	}{
		{"fits", "id=1 MRU=1400", 20, "id=1 MRU=1400"},
		{"wraps at spaces", "id=1 ACCM=0x00000000 Magic=0xe77d019e PFC ACFC", 24, "id=1 ACCM=0x00000000\nMagic=0xe77d019e PFC\nACFC"},
		{"cuts a word longer than the line", "IfID=7026:1715:4ff5:7508", 10, "IfID=7026:\n1715:4ff5:\n7508"},
		{"runes, not bytes", "→→→ ééé", 3, "→→→\nééé"},
		{"empty", "", 10, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := wrapWords(tc.in, tc.width)
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if strings.ReplaceAll(strings.ReplaceAll(got, "\n", ""), " ", "") != strings.ReplaceAll(tc.in, " ", "") {
				t.Errorf("characters lost: %q", got)
			}
			for _, l := range strings.Split(got, "\n") {
				if utf8.RuneCountInString(l) > tc.width {
					t.Errorf("line %q longer than %d", l, tc.width)
				}
			}
		})
	}
}

func TestTrimWriter(t *testing.T) {
	var b bytes.Buffer
	w := &trimWriter{w: &b}
	for _, chunk := range []string{"a  ", " b   \n", "   \n", "c", "  ", "d  \n"} {
		if _, err := w.Write([]byte(chunk)); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := b.String(), "a   b\n\nc  d\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
