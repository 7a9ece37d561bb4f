package render

import (
	"strings"
	"unicode/utf8"
)

// Terminal columns: Chinese characters and full-width punctuation take two
// columns, everything else pptpscope prints takes one.

// wide reports whether r takes two terminal columns (East Asian Wide and
// Fullwidth ranges that Chinese text uses).
func wide(r rune) bool {
	return r >= 0x1100 && r <= 0x115F ||
		r >= 0x2E80 && r <= 0x303E ||
		r >= 0x3041 && r <= 0x33FF ||
		r >= 0x3400 && r <= 0x4DBF ||
		r >= 0x4E00 && r <= 0x9FFF ||
		r >= 0xA000 && r <= 0xA4CF ||
		r >= 0xAC00 && r <= 0xD7A3 ||
		r >= 0xF900 && r <= 0xFAFF ||
		r >= 0xFE30 && r <= 0xFE4F ||
		r >= 0xFF00 && r <= 0xFF60 ||
		r >= 0xFFE0 && r <= 0xFFE6
}

// cols is the number of terminal columns s takes.
func cols(s string) int {
	n := 0
	for _, r := range s {
		if wide(r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// hasWide reports whether s holds a two-column character.
func hasWide(s string) bool {
	for _, r := range s {
		if wide(r) {
			return true
		}
	}
	return false
}

// padRight pads s with spaces to width columns (like %-*s, counting columns).
func padRight(s string, width int) string {
	if n := cols(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

// padLeft right-aligns s in width columns (like %*s, counting columns).
func padLeft(s string, width int) string {
	if n := cols(s); n < width {
		return strings.Repeat(" ", width-n) + s
	}
	return s
}

// noLineStart: Chinese punctuation that must not begin a line;
// noLineEnd: Chinese punctuation that must not end one.
const (
	noLineStart = "，。；：、）》」』！？"
	noLineEnd   = "（《「『"
)

// cjkTokens cuts a word holding Chinese characters into the pieces a line
// may break between: each Chinese character alone (with the punctuation
// that follows it, and an opening bracket before it), and runs of other
// characters (with an opening bracket that follows one without a space).
func cjkTokens(word string) []string {
	var out []string
	cur := ""
	glue := false // cur ends with an opening bracket: the next rune joins it
	for _, r := range word {
		switch {
		case glue:
			cur += string(r)
			glue = strings.ContainsRune(noLineEnd, r)
		case strings.ContainsRune(noLineStart, r) && (cur != "" || len(out) > 0):
			if cur == "" {
				out[len(out)-1] += string(r)
			} else {
				cur += string(r)
			}
		case wide(r):
			glue = strings.ContainsRune(noLineEnd, r)
			if last, _ := utf8.DecodeLastRuneInString(cur); glue && cur != "" && !wide(last) {
				// An opening bracket right after a run of other characters
				// stays with it: "gre-missing（1）" is not cut before its "（".
				cur += string(r)
				continue
			}
			if cur != "" {
				out = append(out, cur)
			}
			cur = string(r)
		default:
			if cur != "" {
				last, _ := utf8.DecodeLastRuneInString(cur)
				if wide(last) {
					out = append(out, cur)
					cur = ""
				}
			}
			cur += string(r)
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// wrapWide wraps text that holds Chinese to width columns: lines break at
// spaces and between Chinese characters (never before closing punctuation).
func wrapWide(s string, width int) string {
	if width < 4 {
		width = 4
	}
	var lines []string
	line, lineCols := "", 0
	flush := func() {
		if line != "" {
			lines = append(lines, line)
		}
		line, lineCols = "", 0
	}
	for _, word := range strings.Fields(s) {
		for i, tok := range cjkTokens(word) {
			tc := cols(tok)
			sep := ""
			if i == 0 && line != "" {
				sep = " "
			}
			if line != "" && lineCols+len(sep)+tc > width {
				flush()
				sep = ""
			}
			for line == "" && tc > width {
				// A run longer than a line: cut it.
				cut, c := 0, 0
				for j, r := range tok {
					rc := 1
					if wide(r) {
						rc = 2
					}
					if c+rc > width {
						cut = j
						break
					}
					c += rc
				}
				lines = append(lines, tok[:cut])
				tok = tok[cut:]
				tc = cols(tok)
			}
			line += sep + tok
			lineCols += len(sep) + tc
		}
	}
	flush()
	return strings.Join(lines, "\n")
}
