package render

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pptpscope/pptpscope/session"
)

// The packet table's rows, written without tablewriter and without a
// string per cell: the cells' texts are appended to one buffer, wrapped
// into another (as wrapWords wraps them), and the row's lines are written
// as tablewriter lays them out, through what trimWriter does to them
// (trailing spaces cut, the colour around each line that is not empty).
// TestPacketTableRowsAsTablewriter and TestWrapCellAsWrapWords check it.

// fastRow is the scratch space of writeRow, reused from row to row.
type fastRow struct {
	text  []byte        // the five cells' texts, one after the other
	lines []byte        // their wrapped lines, one after the other
	spans [5][]lineSpan // each cell's lines in lines
}

// lineSpan is a line of a wrapped cell: lines[start:end], cols columns.
type lineSpan struct{ start, end, cols int }

// writeRow appends the table row of r to b.
func (p *PacketTable) writeRow(b []byte, r *session.Record) []byte {
	f := &p.fast
	lang := p.opts.Lang
	t := f.text[:0]
	var ends [5]int
	if p.opts.FrameLabel != nil {
		t = append(t, p.opts.FrameLabel(r.Frame)...)
	} else {
		t = strconv.AppendInt(t, int64(r.Frame), 10)
	}
	ends[0] = len(t)
	t = strconv.AppendFloat(t, r.Rel.Seconds(), 'f', 6, 64) // formatRel
	ends[1] = len(t)
	t = appendAddrPair(t, lang, r)
	ends[2] = len(t)
	t = appendMessageLabel(t, r, p.full)
	ends[3] = len(t)
	t = appendInfo(t, lang, r)
	ends[4] = len(t)
	f.text = t

	lines := f.lines[:0]
	n, start := 1, 0
	for c, end := range ends {
		lines, f.spans[c] = wrapCell(lines, f.spans[c][:0], t[start:end], p.widths[c]-1)
		n = max(n, len(f.spans[c]))
		start = end
	}
	f.lines = lines

	color := ""
	if p.opts.Color {
		color = recordColor(r)
	}
	for i := range n {
		lineStart := len(b)
		b = append(b, color...)
		textStart := len(b)
		for c, w := range p.widths {
			var text []byte
			cols := 0
			if i < len(f.spans[c]) {
				s := f.spans[c][i]
				text, cols = lines[s.start:s.end], s.cols
			}
			if c < 2 {
				b = appendSpaces(b, w-1-cols)
				b = append(b, text...)
			} else {
				b = append(b, text...)
				b = appendSpaces(b, w-1-cols)
			}
			b = append(b, ' ')
		}
		// What trimWriter does: no trailing spaces; the colour only
		// around a line with text.
		k := len(b)
		for k > textStart && b[k-1] == ' ' {
			k--
		}
		switch {
		case k == textStart:
			b = b[:lineStart]
		case color != "":
			b = append(b[:k], ansiReset...)
		default:
			b = b[:k]
		}
		b = append(b, '\n')
	}
	return b
}

// wrapCell appends the lines of s wrapped to width columns as wrapWords
// wraps them to lines and their spans to spans. Text that is not valid
// UTF-8 (wrapWords replaces the bad bytes) or holds two-column characters
// (wrapWide) goes through wrapWords.
func wrapCell(lines []byte, spans []lineSpan, s []byte, width int) ([]byte, []lineSpan) {
	if l, sp, ok := wrapPlain(lines, spans, s, width); ok {
		return l, sp
	}
	w := wrapWords(string(s), width)
	for l := range strings.SplitSeq(w, "\n") {
		spans = append(spans, lineSpan{len(lines), len(lines) + len(l), cols(l)})
		lines = append(lines, l...)
	}
	return lines, spans
}

// wrapPlain is wrapCell for text in which every rune takes one column;
// it reports false (and lines and spans are to be taken as they were) at
// a two-column character or a byte that is not UTF-8.
func wrapPlain(lines []byte, spans []lineSpan, s []byte, width int) ([]byte, []lineSpan, bool) {
	if width < 4 {
		width = 4
	}
	open := false // a line is being filled: lines[line:]
	line, lineRunes := 0, 0
	for i := 0; i < len(s); {
		// The next word (strings.Fields: separated by white space).
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				if asciiSpace[c] == 0 {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRune(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		if i == len(s) {
			break
		}
		wordStart, runes, ascii := i, 0, true
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				if asciiSpace[c] != 0 {
					break
				}
				i++
				runes++
				continue
			}
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 || wide(r) {
				return lines, spans, false
			}
			if unicode.IsSpace(r) {
				break
			}
			i += size
			runes++
			ascii = false
		}
		word := s[wordStart:i]
		for runes > width { // a word longer than a line: cut
			if open {
				spans = append(spans, lineSpan{line, len(lines), lineRunes})
				open = false
			}
			cut := width
			if !ascii {
				cut = 0
				for range width {
					_, size := utf8.DecodeRune(word[cut:])
					cut += size
				}
			}
			spans = append(spans, lineSpan{len(lines), len(lines) + cut, width})
			lines = append(lines, word[:cut]...)
			word = word[cut:]
			runes -= width
		}
		switch {
		case !open:
			open, line, lineRunes = true, len(lines), runes
			lines = append(lines, word...)
		case lineRunes+1+runes <= width:
			lines = append(append(lines, ' '), word...)
			lineRunes += 1 + runes
		default:
			spans = append(spans, lineSpan{line, len(lines), lineRunes})
			line, lineRunes = len(lines), runes
			lines = append(lines, word...)
		}
	}
	if open {
		spans = append(spans, lineSpan{line, len(lines), lineRunes})
	}
	return lines, spans, true
}

// asciiSpace: the ASCII white space strings.Fields splits at.
var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// appendAddrPair appends addrPair(lang, r).
func appendAddrPair(b []byte, lang string, r *session.Record) []byte {
	if !r.Src.IsValid() {
		return append(b, T(lang, "packets.ppp-link")...)
	}
	b = r.Src.AppendTo(b)
	b = append(b, " → "...)
	if !r.Dst.IsValid() {
		return append(b, r.Dst.String()...)
	}
	return r.Dst.AppendTo(b)
}

// appendMessageLabel appends MessageLabel(r, full).
func appendMessageLabel(b []byte, r *session.Record, full bool) []byte {
	b = append(b, r.Proto...)
	b = append(b, ' ')
	return append(b, messageName(r, full)...)
}

// appendInfo appends Info(lang, r).
func appendInfo(b []byte, lang string, r *session.Record) []byte {
	// Parts joined by spaces, as strings.Join: a part may be empty.
	parts := 0
	part := func(b []byte) []byte {
		if parts > 0 {
			b = append(b, ' ')
		}
		parts++
		return b
	}
	if r.ID >= 0 {
		b = strconv.AppendInt(append(part(b), "id="...), int64(r.ID), 10)
	}
	if r.Message != nil {
		if s := r.Message.Summary(); s != "" {
			b = append(part(b), s...)
		}
	}
	if r.Proto == "GRE" || r.Proto == "MPPE" || (r.Proto == "PPP" && r.CallID >= 0) {
		if r.CallID >= 0 {
			b = strconv.AppendInt(append(part(b), "call="...), int64(r.CallID), 10)
		}
		if r.HasSeq {
			b = strconv.AppendUint(append(part(b), "seq="...), uint64(r.Seq), 10)
		}
		if r.HasAck {
			b = strconv.AppendUint(append(part(b), "ack="...), uint64(r.Ack), 10)
		}
		if r.Proto == "PPP" {
			b = strconv.AppendInt(append(part(b), "len="...), int64(r.Length), 10)
		}
	}
	if r.Inner != nil {
		b = append(part(b), InnerInfo(lang, r.Inner)...)
	}
	for _, n := range RecordNotes(lang, r) {
		b = append(append(append(part(b), '['), n...), ']')
	}
	if r.Err != nil {
		b = append(append(append(part(b), "[error: "...), r.Err.Error()...), ']')
	}
	return b
}
