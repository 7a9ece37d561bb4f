package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/pptpscope/pptpscope/session"
)

// DiagramTextOptions configures the text sequence diagram.
type DiagramTextOptions struct {
	Width int  // columns (80 when zero; at least 60)
	Color bool // ANSI colour per phase
	ASCII bool // plain ASCII instead of Unicode box drawing
	// Lang is the language of the words with no diagram to say it (no
	// session); each diagram has its own (DiagramOptions.Lang).
	Lang string
}

// glyphs are the characters a text diagram is drawn with.
type glyphs struct {
	life, tee, teeL, bottomTee, h, dash, data, head, headL, cross, header string
	tl, tr, bl, br, v                                                     string
}

var unicodeGlyphs = glyphs{
	life: "│", tee: "├", teeL: "┤", bottomTee: "┬", h: "─", dash: "╌", data: "═", head: "▶", headL: "◀",
	cross: "✕", header: "━", tl: "┌", tr: "┐", bl: "└", br: "┘", v: "│",
}

var asciiGlyphs = glyphs{
	life: "|", tee: "|", teeL: "|", bottomTee: "+", h: "-", dash: ".", data: "=", head: ">", headL: "<",
	cross: "x", header: "=", tl: "+", tr: "+", bl: "+", br: "+", v: "|",
}

// phaseColors colours each phase's header and arrows.
var phaseColors = map[string]string{
	session.PhaseTCPConnect:        "\x1b[34m", // blue
	session.PhaseControlConnection: "\x1b[36m", // cyan
	session.PhaseCallSetup:         "\x1b[36m",
	session.PhaseLCP:               "\x1b[35m", // magenta
	session.PhaseAuthentication:    "\x1b[33m", // yellow
	session.PhaseNCP:               "\x1b[32m", // green
	session.PhaseCCP:               "\x1b[94m", // bright blue
	session.PhaseData:              "\x1b[37m",
	session.PhaseTeardown:          "\x1b[95m", // bright magenta
}

// WriteDiagramText draws the diagrams as text: two lifelines, an arrow per
// message with its label above it, the time in the left margin and the
// frame number in the right one, a header line per phase.
func WriteDiagramText(w io.Writer, ds []*Diagram, opts DiagramTextOptions) error {
	if opts.Width <= 0 {
		opts.Width = 80
	}
	if opts.Width < 60 {
		opts.Width = 60
	}
	g := unicodeGlyphs
	if opts.ASCII {
		g = asciiGlyphs
	}
	t := &textDiagram{tw: &textWriter{w: w, opts: TextOptions{Width: opts.Width, Color: opts.Color, Lang: opts.Lang}}, g: g, width: opts.Width, ascii: opts.ASCII}
	if len(ds) == 0 {
		t.tw.printf("%s\n", T(opts.Lang, "diagram.no-session.text"))
		return t.tw.err
	}
	for i, d := range ds {
		if i > 0 {
			t.tw.printf("\n")
		}
		t.diagram(d)
	}
	return t.tw.err
}

type textDiagram struct {
	tw     *textWriter
	g      glyphs
	width  int
	ascii  bool
	cx, sx int // lifeline columns
	color  string
	// frameCols is the room right of the server lifeline: frameCols, or
	// more for file:frame names (several captures merged).
	frameCols int
}

const (
	timeCols  = 11 // "  10.289534 "
	frameCols = 8  // room right of the server lifeline: " #123456"
)

// runeLen is the number of terminal columns s takes (a Chinese character
// takes two).
func runeLen(s string) int { return cols(s) }

// fit shortens s to n runes, ending it with an ellipsis ("~" in ASCII).
func (t *textDiagram) fit(s string, n int) string {
	if runeLen(s) <= n {
		return s
	}
	if n <= 1 {
		return cutCols(s, max(n, 0))
	}
	ell := "…"
	if t.ascii {
		ell = "~"
	}
	return cutCols(s, n-1) + ell
}

func (t *textDiagram) ascii7(s string) string {
	if !t.ascii {
		return s
	}
	r := strings.NewReplacer("→", "->", "←", "<-", "×", "x", "…", "...", "–", "-")
	s = r.Replace(s)
	var b strings.Builder
	for _, c := range s {
		if c < 0x80 || wide(c) { // Chinese text stays: --lang zh asked for it
			b.WriteRune(c)
		} else {
			b.WriteByte('?')
		}
	}
	return b.String()
}

func (t *textDiagram) paint(code, s string) string {
	if code == "" {
		return s
	}
	return t.tw.paint(code, s)
}

func (t *textDiagram) line(s string) { t.tw.printf("%s\n", strings.TrimRight(s, " ")) }

func (t *textDiagram) diagram(d *Diagram) {
	verdict := d.VerdictText()
	vc := ansiGreen
	switch d.Verdict {
	case "failed":
		vc = ansiRed
	case "incomplete":
		vc = ansiYellow
	}
	title := t.ascii7(d.Title)
	if cols(title)+2+cols(verdict) > t.width {
		// A long title (a PPP link session's, long addresses): wrapped,
		// the verdict on the last line.
		lines := strings.Split(wrapIndent(title+"  "+verdict, t.width, 0), "\n")
		for _, l := range lines[:len(lines)-1] {
			t.line(t.paint(ansiBold, l))
		}
		last := lines[len(lines)-1]
		if head, ok := strings.CutSuffix(last, verdict); ok {
			t.line(t.paint(ansiBold, strings.TrimRight(head, " ")) + "  " + t.paint(vc, verdict))
		} else {
			t.line(last)
		}
	} else {
		t.line(t.paint(ansiBold, title) + "  " + t.paint(vc, verdict))
	}
	t.frameCols = frameCols
	for _, sec := range d.Sections {
		for _, it := range sec.Items {
			if it.Frame > 0 {
				// " #" and the name; at most a third of the width.
				t.frameCols = max(t.frameCols, min(len(d.FrameName(it.Frame))+2, t.width/3))
			}
		}
	}
	t.boxes(d)
	for i := range d.Sections {
		t.section(d, &d.Sections[i])
	}
	t.row("", "", "", "", "")
	g := t.g
	legend := []string{
		g.h + g.h + g.head + " " + d.T("diagram.legend.message"), g.dash + g.dash + g.head + " " + d.T("diagram.retransmission"),
		g.h + g.h + g.cross + " " + d.T("diagram.no-answer"), g.headL + g.h + g.head + " " + d.T("diagram.legend.repeat-short"),
		g.data + g.data + g.head + " " + d.T("diagram.legend.data-short"), "#N " + d.T("common.frame"),
	}
	line := ""
	for _, l := range legend {
		if line != "" && runeLen(line)+2+runeLen(l) > t.width {
			t.line(t.paint(ansiDim, line))
			line = ""
		}
		if line != "" {
			line += "  "
		}
		line += l
	}
	t.line(t.paint(ansiDim, line))
}

// boxes draws the two participant boxes and sets the lifeline columns.
func (t *textDiagram) boxes(d *Diagram) {
	cl, sl := d.Client.Lines(), d.Server.Lines()
	maxBox := (t.width - timeCols - t.frameCols - 6) / 2
	boxW := func(lines []string) int {
		w := 0
		for _, l := range lines {
			w = max(w, runeLen(t.ascii7(l)))
		}
		return min(w+4, maxBox)
	}
	cw, sw := boxW(cl), boxW(sl)
	// The client box starts after the time margin; the server box ends at
	// the right edge, its lifeline leaving room for the frame numbers.
	cLeft := timeCols
	t.cx = cLeft + cw/2
	t.sx = t.width - 1 - max(sw-sw/2-1, t.frameCols)
	sLeft := t.sx - sw/2
	n := max(len(cl), len(sl))
	box := func(lines []string, i, w int) string {
		if i >= len(lines) {
			return t.g.v + strings.Repeat(" ", w-2) + t.g.v
		}
		s := t.fit(t.ascii7(lines[i]), w-4)
		pad := w - 4 - runeLen(s)
		return t.g.v + " " + strings.Repeat(" ", pad/2) + s + strings.Repeat(" ", pad-pad/2) + " " + t.g.v
	}
	border := func(w int, l, m, r string) string {
		half := w / 2
		return l + strings.Repeat(t.g.h, half-1) + m + strings.Repeat(t.g.h, w-half-2) + r
	}
	t.line(strings.Repeat(" ", cLeft) + border(cw, t.g.tl, t.g.h, t.g.tr) + strings.Repeat(" ", sLeft-cLeft-cw) + border(sw, t.g.tl, t.g.h, t.g.tr))
	for i := 0; i < n; i++ {
		c := box(cl, i, cw)
		if i == 0 {
			c = strings.Replace(c, cl[0], t.paint(ansiBold, cl[0]), 1)
		}
		s := box(sl, i, sw)
		if i == 0 {
			s = strings.Replace(s, sl[0], t.paint(ansiBold, sl[0]), 1)
		}
		t.line(strings.Repeat(" ", cLeft) + c + strings.Repeat(" ", sLeft-cLeft-cw) + s)
	}
	t.line(padLeft(d.T("diagram.time"), cLeft-1) + " " + border(cw, t.g.bl, t.g.bottomTee, t.g.br) +
		strings.Repeat(" ", sLeft-cLeft-cw) + border(sw, t.g.bl, t.g.bottomTee, t.g.br))
}

// inner is the number of columns between the lifelines.
func (t *textDiagram) inner() int { return t.sx - t.cx - 1 }

// row writes one line: margin text, the left lifeline glyph, the middle
// (padded to inner() columns), the right lifeline glyph and the frame.
func (t *textDiagram) row(margin, left, mid, right, frame string) {
	if left == "" {
		left = t.g.life
	}
	if right == "" {
		right = t.g.life
	}
	pad := max(t.inner()-runeLen(stripANSI(mid)), 0)
	out := fmt.Sprintf("%*s", t.cx-1, margin) + " " + t.paint(t.color, left) + mid + strings.Repeat(" ", pad) + t.paint(t.color, right)
	if frame != "" {
		out += fmt.Sprintf("%*s", t.width-1-t.sx, "#"+frame)
	}
	t.line(out)
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func (t *textDiagram) section(d *Diagram, s *Section) {
	t.color = ""
	if t.tw.opts.Color {
		t.color = phaseColors[s.Phase]
	}
	title := " " + t.ascii7(s.Title) + " "
	status := " " + StatusWord(d.Lang, s.Status) + " "
	fill := t.width - 2 - runeLen(title) - runeLen(status) - 2
	if fill < 2 {
		fill = 2
	}
	h := t.g.header
	line := t.paint(t.color, h+h) + t.paint(ansiBold+t.color, title) + t.paint(t.color, strings.Repeat(h, fill)) +
		t.tw.status(s.Status, 0) + t.paint(t.color, " "+h+h)
	line = strings.Replace(line, t.tw.status(s.Status, 0), " "+t.tw.status(s.Status, 0), 1)
	t.line(line)
	if s.Note != "" && s.Status != session.StatusOK {
		for _, l := range strings.Split(wrapWords(t.ascii7(s.Note), t.inner()-2), "\n") {
			t.row("", "", " "+t.paint(ansiDim, l), "", "")
		}
	}
	for i := range s.Items {
		t.item(d, &s.Items[i])
	}
}

func (t *textDiagram) item(d *Diagram, it *Item) {
	width := t.inner() - 2
	if it.Kind == ItemNote {
		for _, l := range strings.Split(wrapWords(t.ascii7(it.Label), width), "\n") {
			pad := (width - runeLen(l)) / 2
			t.row("", "", " "+strings.Repeat(" ", pad)+t.paint(ansiDim, l), "", "")
		}
		return
	}
	label := it.Label
	if m := d.ItemMarks(it); m != "" {
		label += " " + m
	}
	var lines []string
	lines = append(lines, strings.Split(wrapWords(t.ascii7(label), width), "\n")...)
	if det := d.ItemDetail(it); det != "" {
		lines = append(lines, strings.Split(wrapWords(t.ascii7(det), width), "\n")...)
	}
	for i, l := range lines {
		txt := l
		if i == 0 {
			txt = t.paintLabel(it, l)
		}
		if it.FromClient {
			t.row("", "", " "+txt, "", "")
		} else {
			t.row("", "", " "+strings.Repeat(" ", width-runeLen(l))+txt, "", "")
		}
	}
	frame := ""
	if it.Frame > 0 {
		frame = d.FrameName(it.Frame)
	}
	left, mid, right := t.arrow(it)
	t.row(fmt.Sprintf("%.6f", d.Rel(it.Time)), left, mid, right, frame)
}

func (t *textDiagram) paintLabel(it *Item, l string) string {
	if !t.tw.opts.Color {
		return l
	}
	switch {
	case it.Unanswered:
		return ansiRed + l + ansiReset
	case it.Retransmission:
		return ansiYellow + l + ansiReset
	}
	return ansiBold + l + ansiReset
}

// arrow returns an arrow row's left lifeline glyph, middle and right
// lifeline glyph.
func (t *textDiagram) arrow(it *Item) (left, mid, right string) {
	n := t.inner()
	line := t.g.h
	switch {
	case it.Kind == ItemData:
		line = t.g.data
	case it.Retransmission:
		line = t.g.dash
	}
	switch {
	case it.Exchange:
		return "", t.paint(t.color, t.g.headL+strings.Repeat(line, n-2)+t.g.head), ""
	case it.Unanswered:
		k := n * 2 / 3
		if it.FromClient {
			return t.g.tee, t.paint(ansiRed, strings.Repeat(line, k)+t.g.cross), ""
		}
		return "", strings.Repeat(" ", n-k-1) + t.paint(ansiRed, t.g.cross+strings.Repeat(line, k)), t.g.teeL
	case it.FromClient:
		return t.g.tee, t.paint(t.color, strings.Repeat(line, n-1)+t.g.head), ""
	}
	return "", t.paint(t.color, t.g.headL+strings.Repeat(line, n-1)), t.g.teeL
}

// cutCols is the longest prefix of s that takes at most n columns.
func cutCols(s string, n int) string {
	c := 0
	for i, r := range s {
		w := 1
		if wide(r) {
			w = 2
		}
		if c+w > n {
			return s[:i]
		}
		c += w
	}
	return s
}
