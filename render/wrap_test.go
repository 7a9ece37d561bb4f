package render

import (
	"math/rand"
	"strings"
	"testing"
)

// TestWrapASCIIEqualsRunes: wrapWords' path for ASCII strings wraps as
// the rune path does, for words shorter and longer than the width, runs of
// every ASCII space, and empty or blank strings.
func TestWrapASCIIEqualsRunes(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	pieces := []string{"a", "bc", "def", "ghij", "klmnopq", "rstuvwxyzABCDEFGHIJ", "0123456789012345678901234567890123456789",
		" ", "  ", "\t", "\n", "\v", "\f", "\r", "-", "frame 12", "(3)"}
	cases := []string{"", " ", "\t\n", "word", "two words", strings.Repeat("x", 12), " lead", "trail "}
	for range 3000 {
		var b strings.Builder
		for range rng.Intn(30) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		for width := 4; width <= 45; width++ {
			if got, want := wrapASCII(s, width), wrapRunes(s, width); got != want {
				t.Fatalf("width %d, %q:\nascii %q\nrunes %q", width, s, got, want)
			}
		}
	}
	if !isASCII("abc \t~") || isASCII("abc é") {
		t.Fatal("isASCII")
	}
}
