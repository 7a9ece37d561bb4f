package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/pptpscope/pptpscope/session"
)

// TableOptions configures the packet table.
type TableOptions struct {
	// Width is the terminal width the table must fit (80 when zero).
	Width int
	// Color adds ANSI colours per protocol.
	Color bool
	// FrameLabel, when set, gives the frame column's text for a frame
	// number (file:frame for several captures merged); FrameWidth is then
	// the column's width.
	FrameLabel func(frame int) string
	FrameWidth int
	// Hex follows each row with the hex dump of its frame and, when
	// decrypted, of its inner PPP frame (as tshark -x).
	Hex bool
	// Lang is the language of the headers and of the hex dump's ("" English).
	Lang string
	// FlushRows writes each row out as soon as it is made (for a
	// terminal); otherwise rows are written out in blocks of 64 KiB, and
	// at Close.
	FlushRows bool
}

// PacketTable writes records as a packet list for people, one row per
// record: frame, relative time, source and destination, protocol, message
// and key fields. It streams: rows are written as they come.
type PacketTable struct {
	// slow hands every row to tablewriter; otherwise tablewriter writes
	// the header and writeRow (table_fast.go) the rows, as tablewriter
	// would lay them out (TestPacketTableRowsAsTablewriter), without its
	// cost per row.
	slow   bool
	buf    []byte
	out    *bufio.Writer
	t      *tablewriter.Table
	tw     *trimWriter
	opts   TableOptions
	rows   int
	full   bool
	widths []int
	closed bool
	fast   fastRow
}

// NewPacketTable returns a table writer on w.
//
// Columns have fixed widths so rows stream out as they come: frame, time,
// source and destination, message (protocol and name) and the key fields,
// which wrap onto continuation lines. Below 120 columns message names are
// abbreviated the way pppd's logs and RFC 2637 readers write them (ConfReq,
// SCCRQ); from 120 columns on they are the RFC names.
func NewPacketTable(w io.Writer, opts TableOptions) (*PacketTable, error) {
	if opts.Width <= 0 {
		opts.Width = 80
	}
	full := opts.Width >= 120
	msgW := 15
	if full {
		msgW = 38
	}
	addrW := 21
	if full {
		addrW = 32
	}
	fixed := []int{max(7, opts.FrameWidth), 11, addrW, msgW}
	sum := 0
	for _, w := range fixed {
		sum += w + 1
	}
	info := opts.Width - sum + 3
	if info < 20 {
		info = 20
	}
	widths := tw.NewMapper[int, int]()
	for i, w := range append(fixed, info) {
		widths.Set(i, w)
	}
	pad := tw.CellPadding{Global: tw.Padding{Left: "", Right: " ", Overwrite: true}}
	out := bufio.NewWriterSize(w, 64<<10)
	trim := &trimWriter{w: out}
	t := tablewriter.NewTable(trim,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleASCII),
			Settings: tw.Settings{
				Separators: tw.Separators{ShowHeader: tw.Off, ShowFooter: tw.Off, BetweenRows: tw.Off, BetweenColumns: tw.Off},
				Lines:      tw.Lines{ShowHeaderLine: tw.On},
			},
		})),
		tablewriter.WithConfig(tablewriter.Config{
			Header: tw.CellConfig{
				Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
				Formatting: tw.CellFormatting{AutoFormat: tw.Off},
				Padding:    pad,
			},
			Row: tw.CellConfig{
				Alignment:  tw.CellAlignment{Global: tw.AlignLeft, PerColumn: []tw.Align{tw.AlignRight, tw.AlignRight}},
				Formatting: tw.CellFormatting{AutoWrap: tw.WrapNormal},
				Padding:    pad,
			},
		}),
		tablewriter.WithStreaming(tw.StreamConfig{Enable: true}),
		tablewriter.WithColumnWidths(widths),
	)
	if err := t.Start(); err != nil {
		return nil, err
	}
	l := opts.Lang
	t.Header([]string{T(l, "packets.col.no"), T(l, "packets.col.time"), T(l, "packets.col.addrs"), T(l, "packets.col.message"), T(l, "packets.col.info")})
	return &PacketTable{t: t, out: out, tw: trim, opts: opts, full: full, widths: append(fixed, info)}, nil
}

// Write implements RecordWriter.
func (p *PacketTable) Write(r *session.Record) error {
	if p.slow || p.rows == 0 {
		return p.write(p.row(r))
	}
	p.rows++
	p.buf = p.writeRow(p.buf[:0], r)
	if p.opts.Hex {
		p.buf = append(p.buf, recordDump(p.opts.Lang, r)...)
	}
	return p.emit(p.buf)
}

// emit writes a row's bytes out (and flushes them with FlushRows).
func (p *PacketTable) emit(b []byte) error {
	if _, err := p.out.Write(b); err != nil {
		return err
	}
	if p.opts.FlushRows {
		return p.out.Flush()
	}
	return nil
}

// Render implements RecordRenderer.
func (p *PacketTable) Render(r *session.Record) (func() error, int) {
	row := p.row(r)
	n := len(row.dump)
	for _, c := range row.cells {
		n += len(c)
	}
	return func() error { return p.write(row) }, n
}

// tableRow is a record's row, rendered.
type tableRow struct {
	cells       []string
	color, dump string
}

func (p *PacketTable) row(r *session.Record) tableRow {
	row := tableRow{cells: p.cells(r)}
	if p.opts.Color {
		row.color = recordColor(r)
	}
	if p.opts.Hex {
		row.dump = recordDump(p.opts.Lang, r)
	}
	return row
}

func (p *PacketTable) write(row tableRow) error {
	p.rows++
	p.tw.color = row.color
	var err error
	if p.slow || p.rows == 1 { // the first row: tablewriter writes the header line with it
		err = p.t.Append(row.cells)
	} else {
		err = p.appendRow(row.cells)
	}
	p.tw.color = ""
	if err == nil && row.dump != "" {
		_, err = io.WriteString(p.out, row.dump)
	}
	if err == nil && p.opts.FlushRows {
		err = p.out.Flush()
	}
	return err
}

// appendRow writes a row as tablewriter lays out the table's rows: cells
// already wrapped to their column (cells), each line of the row the cells'
// lines side by side, the first two columns right-aligned, every column
// padded to its width with one space on the right (the trim writer removes
// what trails a line).
func (p *PacketTable) appendRow(cells []string) error {
	var lines [5][]string
	n := 1
	for c, cell := range cells {
		lines[c] = strings.Split(cell, "\n")
		n = max(n, len(lines[c]))
	}
	b := p.buf[:0]
	for i := range n {
		for c, w := range p.widths {
			text := ""
			if i < len(lines[c]) {
				text = lines[c][i]
			}
			pad := w - 1 - cols(text)
			if c < 2 {
				b = appendSpaces(b, pad)
				b = append(b, text...)
			} else {
				b = append(b, text...)
				b = appendSpaces(b, pad)
			}
			b = append(b, ' ')
		}
		b = append(b, '\n')
	}
	p.buf = b
	_, err := p.tw.Write(b)
	return err
}

func appendSpaces(b []byte, n int) []byte {
	for range max(n, 0) {
		b = append(b, ' ')
	}
	return b
}

// recordColor is a row's colour: by protocol family, red for an error.
func recordColor(r *session.Record) string {
	switch {
	case r.Err != nil:
		return ansiRed
	case r.Proto == "PPTP":
		return ansiCyan
	case r.Proto == "LCP":
		return ansiYellow
	case r.Proto == "PAP" || r.Proto == "CHAP" || r.Proto == "EAP":
		return ansiMagenta
	case r.Proto == "IPCP" || r.Proto == "IPV6CP" || r.Proto == "CCP" || r.Proto == "CBCP":
		return ansiGreen
	}
	return ansiDim
}

func (p *PacketTable) cells(r *session.Record) []string {
	cells := []string{
		p.frameLabel(r.Frame),
		formatRel(r.Rel),
		addrPair(p.opts.Lang, r),
		MessageLabel(r, p.full),
		Info(p.opts.Lang, r),
	}
	for i := range cells {
		cells[i] = wrapWords(cells[i], p.widths[i]-1)
	}
	return cells
}

// Close implements RecordWriter.
func (p *PacketTable) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	err := p.t.Close()
	if ferr := p.out.Flush(); err == nil {
		err = ferr
	}
	return err
}

func formatRel(d time.Duration) string {
	return fmt.Sprintf("%.6f", d.Seconds())
}

func addrPair(lang string, r *session.Record) string {
	if !r.Src.IsValid() {
		return T(lang, "packets.ppp-link")
	}
	return r.Src.String() + " → " + r.Dst.String()
}

// Info is the one-line description of a record's key fields; decoding
// notes are worded in lang.
func Info(lang string, r *session.Record) string {
	return string(appendInfo(nil, lang, r))
}

// wrapWords wraps s at spaces to lines of at most width runes, cutting words
// longer than a line, so no table cell ever loses characters.
func wrapWords(s string, width int) string {
	if hasWide(s) {
		return wrapWide(s, width)
	}
	if width < 4 {
		width = 4
	}
	if isASCII(s) {
		return wrapASCII(s, width)
	}
	return wrapRunes(s, width)
}

// isASCII reports whether s is all ASCII: a byte is then a rune and a column.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// wrapASCII is wrapRunes of an ASCII string, on its bytes, without making
// a rune slice and a string per word (the end of an analysis with
// hundreds of sessions wrapped them for a tenth of its time).
// TestWrapASCIIEqualsRunes holds the two equal.
func wrapASCII(s string, width int) string {
	out := make([]byte, 0, len(s)+len(s)/width+1)
	lines := 0
	// line is the current line: out[start:], when open.
	start, open := 0, false
	endLine := func() {
		open = false
	}
	newLine := func() {
		if lines > 0 {
			out = append(out, '\n')
		}
		lines++
		start, open = len(out), true
	}
	for i := 0; i < len(s); {
		for i < len(s) && asciiSpace[s[i]] == 1 {
			i++
		}
		j := i
		for j < len(s) && asciiSpace[s[j]] == 0 {
			j++
		}
		if i == j {
			break
		}
		w := s[i:j]
		i = j
		for len(w) > width {
			if open {
				endLine()
			}
			newLine()
			out = append(out, w[:width]...)
			endLine()
			w = w[width:]
		}
		switch {
		case !open:
			newLine()
			out = append(out, w...)
		case len(out)-start+1+len(w) <= width:
			out = append(append(out, ' '), w...)
		default:
			endLine()
			newLine()
			out = append(out, w...)
		}
	}
	return string(out)
}

// wrapRunes is wrapWords of a string that is not all ASCII.
func wrapRunes(s string, width int) string {
	var lines []string
	line := []rune{}
	for _, word := range strings.Fields(s) {
		w := []rune(word)
		for len(w) > width {
			if len(line) > 0 {
				lines = append(lines, string(line))
				line = line[:0]
			}
			lines = append(lines, string(w[:width]))
			w = w[width:]
		}
		switch {
		case len(line) == 0:
			line = append(line, w...)
		case len(line)+1+len(w) <= width:
			line = append(append(line, ' '), w...)
		default:
			lines = append(lines, string(line))
			line = append(line[:0], w...)
		}
	}
	if len(line) > 0 {
		lines = append(lines, string(line))
	}
	return strings.Join(lines, "\n")
}

func (p *PacketTable) frameLabel(frame int) string {
	if p.opts.FrameLabel != nil {
		return p.opts.FrameLabel(frame)
	}
	return fmt.Sprint(frame)
}
