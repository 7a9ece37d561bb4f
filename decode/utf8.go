package decode

import "unicode/utf8"

func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

// printable returns s with bytes that are not printable UTF-8 replaced, for
// names and messages read off the wire.
func printable(b []byte) string {
	if utf8.Valid(b) {
		ok := true
		for _, c := range b {
			if c < 0x20 && c != '\t' {
				ok = false
				break
			}
		}
		if ok {
			return string(b)
		}
	}
	out := make([]rune, 0, len(b))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError || r < 0x20 && r != '\t' {
			r = '.'
		}
		out = append(out, r)
		b = b[n:]
	}
	return string(out)
}

// cstring returns b up to its first NUL, as PPTP's fixed-size string fields
// are NUL-padded.
func cstring(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return printable(b[:i])
		}
	}
	return printable(b)
}
