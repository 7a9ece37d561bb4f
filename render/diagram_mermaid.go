package render

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/pptpscope/pptpscope/session"
)

// phaseFills are the light background colours of the phase bands
// (Mermaid rect, SVG bands, HTML headings).
var phaseFills = map[string][3]int{
	session.PhaseTCPConnect:        {226, 236, 250},
	session.PhaseControlConnection: {224, 244, 246},
	session.PhaseCallSetup:         {224, 244, 246},
	session.PhaseLCP:               {243, 231, 248},
	session.PhaseAuthentication:    {253, 244, 222},
	session.PhaseNCP:               {229, 245, 229},
	session.PhaseCCP:               {228, 234, 252},
	session.PhaseData:              {240, 240, 240},
	session.PhaseTeardown:          {250, 230, 236},
}

// mermaidEntity matches the entity codes Mermaid decodes before parsing.
var mermaidEntity = regexp.MustCompile(`#\w+;`)

// mermaidText makes s safe inside a Mermaid sequence diagram statement: its
// lexer ends text at '#', ';' and a newline, and treats "%%" as a comment,
// so those become entity codes (as Mermaid's documentation says: #59; for
// a semicolon), and so do the HTML brackets.
func mermaidText(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '#':
			b.WriteString("#35;")
		case ';':
			b.WriteString("#59;")
		case '%':
			b.WriteString("#37;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			if c < 0x20 || c == 0x7f {
				b.WriteByte(' ')
				continue
			}
			b.WriteRune(c)
		}
	}
	return b.String()
}

// escLines wraps s at about n columns, escapes each line with esc and
// joins them with sep.
func escLines(s string, n int, sep string, esc func(string) string) string {
	lines := strings.Split(wrapWords(s, n), "\n")
	for i := range lines {
		lines[i] = esc(lines[i])
	}
	return strings.Join(lines, sep)
}

// WriteMermaid writes one Mermaid sequenceDiagram per session (several
// sessions give several diagrams, separated by a comment line: paste one
// at a time, or use --session).
func WriteMermaid(w io.Writer, ds []*Diagram, lang string) error {
	tw := &textWriter{w: w}
	if len(ds) == 0 {
		tw.printf("%%%% pptpscope diagram: no PPTP session\nsequenceDiagram\n    participant C as %s\n    participant S as %s\n",
			mermaidText(T(lang, "common.client")), mermaidText(T(lang, "common.server")))
		tw.printf("    Note over C,S: %s\n", mermaidText(T(lang, "diagram.no-session")))
	}
	for i, d := range ds {
		if i > 0 {
			tw.printf("\n")
		}
		writeMermaid(tw, d)
	}
	return tw.err
}

func writeMermaid(tw *textWriter, d *Diagram) {
	tw.printf("%%%% pptpscope diagram: %s (%s)\n", mermaidText(d.Title), d.Verdict)
	tw.printf("sequenceDiagram\n")
	tw.printf("    title %s (%s)\n", mermaidText(d.Title), mermaidText(d.VerdictText()))
	part := func(id string, p Participant) {
		lines := p.Lines()
		for i := range lines {
			lines[i] = mermaidText(lines[i])
		}
		tw.printf("    participant %s as %s\n", id, strings.Join(lines, "<br/>"))
	}
	part("C", d.Client)
	part("S", d.Server)
	for _, s := range d.Sections {
		f := phaseFills[s.Phase]
		tw.printf("    rect rgb(%d, %d, %d)\n", f[0], f[1], f[2])
		head := d.T("diagram.section", s.Title, StatusWord(d.Lang, s.Status))
		if s.Note != "" && s.Status != session.StatusOK {
			head += d.T("diagram.section.note", s.Note)
		}
		tw.printf("    Note over C,S: %s\n", escLines(head, 70, "<br/>", mermaidText))
		for i := range s.Items {
			it := &s.Items[i]
			if it.Kind == ItemNote {
				tw.printf("    Note over C,S: %s\n", escLines(it.Label, 70, "<br/>", mermaidText))
				continue
			}
			from, to := "C", "S"
			if !it.FromClient {
				from, to = "S", "C"
			}
			arrow := "->>"
			switch {
			case it.Unanswered && it.Retransmission:
				arrow = "--x"
			case it.Unanswered:
				arrow = "-x"
			case it.Retransmission:
				arrow = "-->>"
			case it.Kind == ItemData:
				arrow = "-)"
			}
			tw.printf("    %s%s%s: %s\n", from, arrow, to, d.flatLabel(it, "<br/>", 70, mermaidText))
		}
		tw.printf("    end\n")
	}
}

// flatLabel is an item's label for the formats without a time margin: the
// time, the label with its marks, then the detail on further lines joined
// with sep; esc escapes the text for the format.
func (d *Diagram) flatLabel(it *Item, sep string, width int, esc func(string) string) string {
	l := fmt.Sprintf("[%.6f] %s", d.Rel(it.Time), it.Label)
	if it.Frame > 0 && it.Kind != ItemRepeat {
		l += d.T("diagram.frame-ref", d.FrameName(it.Frame))
	}
	if m := d.ItemMarks(it); m != "" {
		l += " " + m
	}
	l = esc(l)
	if det := d.ItemDetail(it); det != "" {
		for _, line := range strings.Split(wrapWords(det, width), "\n") {
			l += sep + esc(line)
		}
	}
	return l
}
