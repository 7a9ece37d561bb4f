package render

import (
	"strings"
	"testing"
	"time"
)

// FuzzParseTimeBound: any text gives a bound or an error wrapping
// ErrTimeBound, never a panic, and a relative bound is never negative.
func FuzzParseTimeBound(f *testing.F) {
	for _, s := range []string{"+30s", "+1.5", "2019-06-15T14:37:20Z", "+", "+-1s", "+1e300", "2019-13-01T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseTimeBound(s)
		if err != nil {
			if !strings.Contains(err.Error(), ErrTimeBound.Error()) {
				t.Fatalf("%q: error %v does not wrap ErrTimeBound", s, err)
			}
			return
		}
		if !b.Set || b.Relative && b.Rel < 0 {
			t.Fatalf("%q: %+v", s, b)
		}
		_ = b.at(time.Unix(0, 0))
	})
}

// FuzzScrub: scrubbing any text with names, secrets and addresses known
// never panics and leaves no known secret in it.
func FuzzScrub(f *testing.F) {
	f.Add("name=student S=2B6D4FB144837E5EDF3441839341843560C93B9E 10.0.0.1 fe80::1", true)
	f.Add("jm jmjm 10.0.0.12", false)
	f.Add("00ff2b6d4fb144837e5edf3441839341843560c93b9eab", false)
	f.Fuzz(func(t *testing.T, s string, strict bool) {
		x := NewRedactor(RedactOptions{Addresses: true})
		x.placeholder(redUser, "student")
		x.placeholder(redAuthenticator, "2b6d4fb144837e5edf3441839341843560c93b9e")
		out := x.Scrub(s, strict)
		if strings.Contains(strings.ToLower(out), "2b6d4fb144837e5edf3441839341843560c93b9e") {
			t.Fatalf("%q -> %q keeps the secret", s, out)
		}
	})
}
