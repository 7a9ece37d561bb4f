package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/pptpscope/pptpscope/session"
)

// The SVG figure: written by hand (no library), plain SVG 1.1 that any
// browser shows, laid out like a textbook sequence diagram: the two
// participants in boxes on top, dashed lifelines, a band per phase with the
// article's heading, arrows with the message name above and the key content
// below it, the time in the left margin and the frame number in the right.

// svg geometry, in pixels.
const (
	svgWidth      = 960
	svgClientX    = 250
	svgServerX    = 790
	svgTimeX      = 96  // right edge of the time column
	svgFrameX     = 806 // left edge of the frame column
	svgFrameChars = 22  // characters of 11-pixel monospace the frame column holds
	svgLine       = 15  // label line height
	svgWrapChars  = 74  // label characters between the lifelines (12 px font, ~7 px a glyph)
	svgBandHead   = 28
	svgItemGap    = 10
	svgBoxWidth   = 210
	svgBoxLine    = 16
	svgTitleH     = 34
	svgLegendH    = 40
	svgFontSans   = "DejaVu Sans, Verdana, Arial, sans-serif"
	svgFontMono   = "DejaVu Sans Mono, Menlo, Consolas, monospace"
	svgColorText  = "#222"
)

// phaseStrokes are the darker phase colours (band headings).
var phaseStrokes = map[string]string{
	session.PhaseTCPConnect:        "#2b5797",
	session.PhaseControlConnection: "#1b7a83",
	session.PhaseCallSetup:         "#1b7a83",
	session.PhaseLCP:               "#7a3b96",
	session.PhaseAuthentication:    "#9a6a00",
	session.PhaseNCP:               "#2d7d32",
	session.PhaseCCP:               "#3949ab",
	session.PhaseData:              "#555555",
	session.PhaseTeardown:          "#a1335a",
}

var statusColors = map[string]string{
	session.StatusOK:         "#2d7d32",
	session.StatusFailed:     "#c62828",
	session.StatusIncomplete: "#b26a00",
	session.StatusMissing:    "#777777",
}

// SVGOptions configures an SVG figure.
type SVGOptions struct {
	// IDPrefix makes element ids unique when several figures share a page.
	IDPrefix string
	// NoTitle leaves out the session title line (the report has its own).
	NoTitle bool
	// NoLegend leaves out the legend.
	NoLegend bool
	// Session, when set, is written on every message arrow (data-s) for the
	// report's script.
	Session int
	// Markers prefixes the ids of the arrowhead markers: each inline <svg>
	// of a page defines its own, and ids must be unique in the page (a
	// collapsed section hides its markers from every figure that shares
	// the id).
	Markers string
}

// WriteSVG writes the diagrams as one standalone SVG document, one below the
// other.
func WriteSVG(w io.Writer, ds []*Diagram, lang string) error {
	return WriteSVGWith(w, ds, SVGDocOptions{Lang: lang})
}

// SVGDocOptions configure WriteSVGWith.
type SVGDocOptions struct {
	// Traffic draws each session's traffic chart (TrafficChart) below its
	// diagram, in Lang.
	Traffic bool
	Lang    string
}

// WriteSVGWith is WriteSVG with options.
func WriteSVGWith(w io.Writer, ds []*Diagram, opts SVGDocOptions) error {
	lang := opts.Lang
	var body bytes.Buffer
	y := 0
	if len(ds) == 0 {
		fmt.Fprintf(&body, `<text x="%d" y="30" font-family="%s" font-size="14">%s</text>`+"\n", 20, svgFontSans, esc(T(lang, "diagram.no-session")))
		y = 50
	}
	for i, d := range ds {
		b, h := SVGBody(d, SVGOptions{IDPrefix: fmt.Sprintf("s%d-", i+1)})
		fmt.Fprintf(&body, "<g transform=\"translate(0,%d)\">\n%s</g>\n", y, b)
		y += h + 20
		if opts.Traffic && d.Session != nil {
			if c, ch := TrafficChart(d.Session, opts.Lang); c != "" {
				fmt.Fprintf(&body, "<g class=\"traffic\" transform=\"translate(0,%d)\">\n%s</g>\n", y, c)
				y += ch + 20
			}
		}
	}
	_, err := fmt.Fprintf(w, "%s%s</svg>\n", svgHeader(y, "", ""), body.String())
	return err
}

// svgHeader opens an SVG document of the given height, with the arrow
// markers every figure uses.
func svgHeader(height int, class, markers string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(svgOpen(height, class, markers))
	return b.String()
}

// svgOpen is the <svg> element (without the XML declaration, for inline use).
func svgOpen(height int, class, markers string) string {
	var b strings.Builder
	cls := ""
	if class != "" {
		cls = ` class="` + class + `"`
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg"%s width="%d" height="%d" viewBox="0 0 %d %d" font-family="%s" font-size="12">`+"\n",
		cls, svgWidth, height, svgWidth, height, svgFontSans)
	b.WriteString("<defs>\n")
	for _, m := range []struct{ id, color string }{{"ah", svgColorText}, {"ahr", "#c62828"}, {"aho", "#b25d00"}, {"ahg", "#666"}} {
		fmt.Fprintf(&b, `<marker id="%s%s" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>`+"\n", markers, m.id, m.color)
	}
	b.WriteString("</defs>\n")
	return b.String()
}

// WriteSVGInline writes a diagram as an <svg> element for an HTML page.
func writeSVGInline(w *bytes.Buffer, d *Diagram, opts SVGOptions) {
	if opts.Markers == "" {
		opts.Markers = opts.IDPrefix
	}
	body, h := SVGBody(d, opts)
	w.WriteString(svgOpen(h, "seq", opts.Markers))
	w.WriteString(body)
	w.WriteString("</svg>\n")
}

// esc escapes text for XML content and attribute values.
func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// svgWrap wraps a label to the width between the lifelines.
func svgWrap(s string) []string {
	n := svgWrapChars
	return strings.Split(wrapWords(s, n), "\n")
}

// SVGBody draws one diagram and returns the SVG elements (without the
// <svg> element) and the figure's height.
func SVGBody(d *Diagram, opts SVGOptions) (string, int) {
	var b strings.Builder
	y := 0
	if !opts.NoTitle {
		fmt.Fprintf(&b, `<text x="12" y="22" font-size="16" font-weight="bold" fill="%s">%s</text>`, svgColorText, esc(d.Title))
		fmt.Fprintf(&b, `<text x="%d" y="22" font-size="14" font-weight="bold" text-anchor="end" fill="%s">%s</text>`+"\n",
			svgWidth-12, verdictColor(d.Verdict), esc(d.VerdictText()))
		y = svgTitleH
	}
	// Participants.
	cl, sl := d.Client.Lines(), d.Server.Lines()
	n := max(len(cl), len(sl))
	boxH := n*svgBoxLine + 12
	box := func(x int, lines []string, role string) {
		fmt.Fprintf(&b, `<g class="participant %s"><rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="#fdfdf6" stroke="%s" stroke-width="1.2"/>`,
			role, x-svgBoxWidth/2, y, svgBoxWidth, boxH, svgColorText)
		for i, l := range lines {
			weight := ""
			if i == 0 {
				weight = ` font-weight="bold"`
			}
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle"%s>%s</text>`, x, y+6+(i+1)*svgBoxLine-3, weight, esc(fitRunes(l, 30)))
		}
		b.WriteString("</g>\n")
	}
	box(svgClientX, cl, "client")
	box(svgServerX, sl, "server")
	y += boxH
	lifeTop := y
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" fill="#666" text-anchor="end">%s</text>`, svgTimeX, y+14, esc(d.T("diagram.time")))
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" fill="#666">%s</text>`+"\n", svgFrameX, y+14, esc(d.T("common.frame")))
	y += 20
	var items, bands strings.Builder
	for si := range d.Sections {
		s := &d.Sections[si]
		top := y
		var sec strings.Builder
		y += svgBandHead
		if s.Note != "" && s.Status != session.StatusOK {
			for _, l := range svgWrap(s.Note) {
				fmt.Fprintf(&sec, `<text x="%d" y="%d" font-style="italic" fill="#555">%s</text>`+"\n", svgClientX+12, y+11, esc(l))
				y += svgLine
			}
			y += 4
		}
		for ii := range s.Items {
			y = svgItem(&sec, d, &s.Items[ii], y, opts)
		}
		y += 4
		fill := phaseFills[s.Phase]
		fmt.Fprintf(&bands, `<rect class="band" data-phase="%s" x="2" y="%d" width="%d" height="%d" fill="rgb(%d,%d,%d)"/>`+"\n", s.Phase, top, svgWidth-4, y-top, fill[0], fill[1], fill[2])
		fmt.Fprintf(&items, `<g class="phase" data-phase="%s">`, s.Phase)
		fmt.Fprintf(&items, `<line x1="2" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="1.5"/>`, top, svgWidth-2, top, phaseStrokes[s.Phase])
		fmt.Fprintf(&items, `<text x="10" y="%d" font-size="14" font-weight="bold" fill="%s">%s</text>`, top+19, phaseStrokes[s.Phase], esc(s.Title))
		fmt.Fprintf(&items, `<text x="%d" y="%d" font-size="12" font-weight="bold" text-anchor="end" fill="%s">%s</text>`+"\n",
			svgWidth-12, top+19, statusColors[s.Status], esc(s.Status))
		items.WriteString(sec.String())
		items.WriteString("</g>\n")
	}
	// Bands first, then the lifelines, then headings and arrows on top.
	b.WriteString(bands.String())
	fmt.Fprintf(&b, `<line class="lifeline" x1="%d" y1="%d" x2="%d" y2="%d" stroke="#888" stroke-dasharray="5 4"/>`, svgClientX, lifeTop, svgClientX, y+6)
	fmt.Fprintf(&b, `<line class="lifeline" x1="%d" y1="%d" x2="%d" y2="%d" stroke="#888" stroke-dasharray="5 4"/>`+"\n", svgServerX, lifeTop, svgServerX, y+6)
	b.WriteString(items.String())
	y += 10
	if !opts.NoLegend {
		y = svgLegend(&b, y, d, opts.Markers)
	}
	return b.String(), y
}

func verdictColor(v string) string {
	switch v {
	case "failed":
		return statusColors[session.StatusFailed]
	case "incomplete":
		return statusColors[session.StatusIncomplete]
	}
	return statusColors[session.StatusOK]
}

func fitRunes(s string, n int) string {
	if runeLen(s) <= n {
		return s
	}
	return cutCols(s, n-1) + "…"
}

// svgItem draws one item at y and returns the y below it.
func svgItem(b *strings.Builder, d *Diagram, it *Item, y int, opts SVGOptions) int {
	if it.Kind == ItemNote {
		for _, l := range svgWrap(it.Label) {
			fmt.Fprintf(b, `<text class="note" x="%d" y="%d" text-anchor="middle" font-style="italic" fill="#666">%s</text>`+"\n", (svgClientX+svgServerX)/2, y+12, esc(l))
			y += svgLine
		}
		return y + svgItemGap
	}
	label := it.Label
	if m := d.ItemMarks(it); m != "" {
		label += " " + m
	}
	lines := svgWrap(label)
	first := len(lines)
	if det := d.ItemDetail(it); det != "" {
		lines = append(lines, svgWrap(det)...)
	}
	msgs := make([]string, len(it.Msgs))
	for i, m := range it.Msgs {
		msgs[i] = fmt.Sprint(m)
	}
	cls := "msg"
	switch {
	case it.Kind == ItemData:
		cls += " data"
	case it.Kind == ItemRepeat:
		cls += " repeat"
	}
	if it.Unanswered {
		cls += " unanswered"
	}
	if it.Retransmission {
		cls += " retransmission"
	}
	first0 := ""
	if len(it.Msgs) > 0 {
		first0 = fmt.Sprintf(` id="%sm%d" data-m="%d"`, opts.IDPrefix, it.Msgs[0], it.Msgs[0])
		if opts.Session > 0 {
			first0 += fmt.Sprintf(` data-s="%d"`, opts.Session)
		}
	}
	fmt.Fprintf(b, `<g class="%s"%s data-msgs="%s" data-n="%d" data-frame="%d">`, cls, first0, strings.Join(msgs, " "), it.Count(), it.Frame)
	x, anchor := svgClientX+12, "start"
	if !it.FromClient {
		x, anchor = svgServerX-12, "end"
	}
	// A transparent hit area makes the whole row clickable.
	fmt.Fprintf(b, `<rect class="hit" x="%d" y="%d" width="%d" height="%d" fill="transparent"/>`, svgClientX-150, y, svgServerX-svgClientX+200, len(lines)*svgLine+14)
	labelColor := svgColorText
	switch {
	case it.Unanswered:
		labelColor = "#c62828"
	case it.Retransmission:
		labelColor = "#b25d00"
	}
	for i, l := range lines {
		y += svgLine
		if i < first {
			fmt.Fprintf(b, `<text class="label" x="%d" y="%d" text-anchor="%s" font-weight="bold" fill="%s">%s</text>`, x, y-3, anchor, labelColor, esc(l))
		} else {
			fmt.Fprintf(b, `<text class="detail" x="%d" y="%d" text-anchor="%s" font-size="11.5" fill="#444">%s</text>`, x, y-3, anchor, esc(l))
		}
	}
	ay := y + 5
	from, to := svgClientX, svgServerX
	if !it.FromClient {
		from, to = svgServerX, svgClientX
	}
	stroke, marker, width, dash := svgColorText, "ah", "1.4", ""
	switch {
	case it.Unanswered:
		stroke, marker = "#c62828", ""
	case it.Retransmission:
		stroke, marker, dash = "#b25d00", "aho", ` stroke-dasharray="7 4"`
	case it.Kind == ItemData:
		stroke, marker, width = "#666", "ahg", "3"
	}
	if it.Retransmission && it.Unanswered {
		dash = ` stroke-dasharray="7 4"`
	}
	switch {
	case it.Unanswered:
		end := from + (to-from)*2/3
		fmt.Fprintf(b, `<line class="arrow" x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="%s"%s/>`, from, ay, end, ay, stroke, width, dash)
		fmt.Fprintf(b, `<path class="cross" d="M%d,%d L%d,%d M%d,%d L%d,%d" stroke="#c62828" stroke-width="2.2"/>`, end-6, ay-6, end+6, ay+6, end-6, ay+6, end+6, ay-6)
	case it.Exchange:
		fmt.Fprintf(b, `<line class="arrow" x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="%s" marker-start="url(#%s)" marker-end="url(#%s)"/>`, from, ay, to, ay, stroke, width, opts.Markers+marker, opts.Markers+marker)
	default:
		fmt.Fprintf(b, `<line class="arrow" x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="%s"%s marker-end="url(#%s)"/>`, from, ay, to, ay, stroke, width, dash, opts.Markers+marker)
	}
	fmt.Fprintf(b, `<text class="time" x="%d" y="%d" text-anchor="end" font-family="%s" font-size="11" fill="#333">%.6f</text>`, svgTimeX, ay+4, svgFontMono, d.Rel(it.Time))
	if it.Frame > 0 {
		name := "#" + d.FrameName(it.Frame)
		fit := "" // a file:frame name longer than the column is squeezed into it
		if len(name) > svgFrameChars {
			fit = fmt.Sprintf(` textLength="%d" lengthAdjust="spacingAndGlyphs"`, svgWidth-svgFrameX-6)
		}
		fmt.Fprintf(b, `<text class="frame" x="%d" y="%d" font-family="%s" font-size="11" fill="#666"%s>%s</text>`, svgFrameX, ay+4, svgFontMono, fit, esc(name))
	}
	b.WriteString("</g>\n")
	return ay + svgItemGap
}

// svgLegend explains the arrow styles.
func svgLegend(b *strings.Builder, y int, d *Diagram, mk string) int {
	y += 14
	x := 20
	sample := func(w int, draw string, text string) {
		b.WriteString(draw)
		fmt.Fprintf(b, `<text x="%d" y="%d" font-size="11" fill="#444">%s</text>`, x+w+8, y+4, esc(text))
		x += w + 24 + int(float64(cols(text))*6.4)
	}
	b.WriteString(`<g class="legend">`)
	sample(40, fmt.Sprintf(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="1.4" marker-end="url(#%sah)"/>`, x, y, x+40, y, svgColorText, mk), d.T("diagram.legend.message"))
	sample(40, fmt.Sprintf(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#b25d00" stroke-width="1.4" stroke-dasharray="7 4" marker-end="url(#%saho)"/>`, x, y, x+40, y, mk), d.T("diagram.retransmission"))
	sample(40, fmt.Sprintf(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#c62828" stroke-width="1.4"/><path d="M%d,%d L%d,%d M%d,%d L%d,%d" stroke="#c62828" stroke-width="2.2"/>`, x, y, x+34, y, x+30, y-5, x+40, y+5, x+30, y+5, x+40, y-5), d.T("diagram.no-answer"))
	sample(40, fmt.Sprintf(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="1.4" marker-start="url(#%sah)" marker-end="url(#%sah)"/>`, x, y, x+40, y, svgColorText, mk, mk), d.T("diagram.legend.repeat"))
	sample(40, fmt.Sprintf(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#666" stroke-width="3" marker-end="url(#%sahg)"/>`, x, y, x+40, y, mk), d.T("diagram.legend.data"))
	b.WriteString("</g>\n")
	return y + svgLegendH - 14
}
