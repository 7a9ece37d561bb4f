package render

import (
	"io"
	"strings"

	"github.com/pptpscope/pptpscope/session"
)

// plantText makes s safe as PlantUML label text: backslashes are doubled
// (\n is PlantUML's line break), and creole markup (**bold**, //italic//,
// --strike--, __underline__, ~~wave~~, ""mono"", <tags>) is escaped with
// PlantUML's escape character '~'.
func plantText(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, c := range rs {
		switch {
		case c == '\\':
			b.WriteString(`\\`)
			continue
		case c == '\n' || c == '\r' || c == '\t' || c < 0x20 || c == 0x7f:
			b.WriteByte(' ')
			continue
		case c == '~' || c == '<' || c == '>':
			b.WriteByte('~')
		case strings.ContainsRune("*/-_\"", c) && i+1 < len(rs) && rs[i+1] == c:
			b.WriteByte('~')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// WritePlantUML writes one @startuml ... @enduml block per session.
func WritePlantUML(w io.Writer, ds []*Diagram, lang string) error {
	tw := &textWriter{w: w}
	if len(ds) == 0 {
		tw.printf("@startuml\nparticipant \"%s\" as C\nparticipant \"%s\" as S\nnote across: %s\n@enduml\n",
			plantText(T(lang, "common.client")), plantText(T(lang, "common.server")), plantText(T(lang, "diagram.no-session")))
	}
	for i, d := range ds {
		if i > 0 {
			tw.printf("\n")
		}
		writePlantUML(tw, d)
	}
	return tw.err
}

func writePlantUML(tw *textWriter, d *Diagram) {
	tw.printf("@startuml\n")
	tw.printf("' pptpscope diagram: %s\n", strings.ReplaceAll(d.Title, "\n", " "))
	tw.printf("title %s (%s)\n", plantText(d.Title), plantText(d.VerdictText()))
	tw.printf("hide footbox\n")
	tw.printf("skinparam shadowing false\n")
	tw.printf("skinparam sequenceMessageAlign left\n")
	part := func(id string, p Participant) {
		lines := p.Lines()
		for i := range lines {
			lines[i] = strings.ReplaceAll(plantText(lines[i]), `"`, `'`)
		}
		tw.printf("participant \"%s\" as %s\n", strings.Join(lines, `\n`), id)
	}
	part("C", d.Client)
	part("S", d.Server)
	for _, s := range d.Sections {
		head := d.T("diagram.section", s.Title, StatusWord(d.Lang, s.Status))
		tw.printf("== %s ==\n", plantText(head))
		if s.Note != "" && s.Status != session.StatusOK {
			tw.printf("note across: %s\n", escLines(s.Note, 70, `\n`, plantText))
		}
		for i := range s.Items {
			it := &s.Items[i]
			if it.Kind == ItemNote {
				tw.printf("note across: %s\n", escLines(it.Label, 70, `\n`, plantText))
				continue
			}
			from, to := "C", "S"
			if !it.FromClient {
				from, to = "S", "C"
			}
			arrow := "->"
			switch {
			case it.Unanswered:
				arrow = "->x"
			case it.Exchange:
				arrow = "<->"
			case it.Retransmission:
				arrow = "-->"
			case it.Kind == ItemData:
				arrow = "->>"
			}
			tw.printf("%s %s %s : %s\n", from, arrow, to, plantLabel(d, it))
		}
	}
	tw.printf("@enduml\n")
}

func plantLabel(d *Diagram, it *Item) string {
	return d.flatLabel(it, `\n`, 70, plantText)
}
