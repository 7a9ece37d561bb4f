package decode

import (
	"unicode"
	"unicode/utf8"
)

func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

// printable returns the text of b, a name or message read off the wire, safe
// to print on a terminal. Text made only of graphic UTF-8 characters and
// spaces is returned as it is. Any other text is escaped as in a Go string
// literal, without the quotes: a byte that is not UTF-8 or a control
// character below 0x80 as \xNN, another character that is not graphic
// (C1 controls, bidirectional overrides, ...) as \uNNNN, and, so that the
// escapes read back unambiguously, a backslash as \\.
func printable(b []byte) string {
	if unprintable(b) == 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b)+16)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n <= 1, r < utf8.RuneSelf && !graphic(r):
			out = appendHex(append(out, `\x`...), uint32(b[0]), 2)
		case r == '\\':
			out = append(out, `\\`...)
		case !graphic(r) && r <= 0xFFFF:
			out = appendHex(append(out, `\u`...), uint32(r), 4)
		case !graphic(r):
			out = appendHex(append(out, `\U`...), uint32(r), 8)
		default:
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return string(out)
}

// appendHex appends v as digits lower-case hexadecimal digits.
func appendHex(b []byte, v uint32, digits int) []byte {
	for i := digits - 1; i >= 0; i-- {
		b = append(b, "0123456789abcdef"[v>>(4*i)&15])
	}
	return b
}

// graphic says whether r prints as itself: a graphic character or a space.
func graphic(r rune) bool { return unicode.IsGraphic(r) && r != utf8.RuneError }

// unprintable counts the bytes of b that printable escapes (backslashes
// aside): 0 when b is printed as it is.
func unprintable(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if (r == utf8.RuneError && size <= 1) || !graphic(r) {
			n += size
		}
		b = b[size:]
	}
	return n
}

// cstring returns b up to its first NUL, as PPTP's fixed-size string fields
// are NUL-padded, through printable.
func cstring(b []byte) string { return printable(cstringBytes(b)) }

// cstringBytes is b up to its first NUL.
func cstringBytes(b []byte) []byte {
	for i, c := range b {
		if c == 0 {
			return b[:i]
		}
	}
	return b
}
