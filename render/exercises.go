package render

import (
	"fmt"
	"io"
	"strings"
)

// FaultRow is one fault of the simulator as the outputs show it.
type FaultRow struct {
	Name    string // NAME or NAME=VALUE
	Finding string // analyze finding code, "" for none
	Key     string // catalogue key of the description
}

// Exercise is one exercise capture and what was injected into it.
type Exercise struct {
	File     string
	Client   string
	Auth     string
	MPPE     int
	Stateful bool
	Faults   []FaultRow
}

// WriteFaultList writes the simulator's faults, each with the finding that
// analyze reports for it and a description.
func WriteFaultList(w io.Writer, lang string, rows []FaultRow) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-32s %-18s %s\n", T(lang, "simulate.list.fault"), T(lang, "simulate.list.finding"), T(lang, "simulate.list.what"))
	for _, r := range rows {
		fmt.Fprintf(&b, "%-32s %-18s %s\n", r.Name, findingOrNone(lang, r.Finding), T(lang, r.Key))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func findingOrNone(lang, code string) string {
	if code == "" {
		return T(lang, "simulate.list.none")
	}
	return code
}

// WriteExercises writes the questions sheet (answers false) or the answer
// key of an exercise set as Markdown.
func WriteExercises(w io.Writer, lang string, answers bool, rows []Exercise) error {
	var b strings.Builder
	if answers {
		fmt.Fprintf(&b, "# %s\n\n", T(lang, "simulate.ex.answers.title"))
	} else {
		fmt.Fprintf(&b, "# %s\n\n%s\n\n", T(lang, "simulate.ex.questions.title"), T(lang, "simulate.ex.questions.intro"))
	}
	for i, r := range rows {
		fmt.Fprintf(&b, "## %s %d: `%s`\n\n", T(lang, "simulate.ex.exercise"), i+1, r.File)
		if !answers {
			for _, q := range []string{"simulate.ex.q.works", "simulate.ex.q.auth", "simulate.ex.q.where", "simulate.ex.q.fix"} {
				fmt.Fprintf(&b, "- %s\n", T(lang, q))
			}
			b.WriteString("\n")
			continue
		}
		enc := T(lang, "simulate.ex.a.noenc")
		if r.MPPE != 0 {
			mode := T(lang, "simulate.ex.a.stateless")
			if r.Stateful {
				mode = T(lang, "simulate.ex.a.stateful")
			}
			enc = T(lang, "simulate.ex.a.mppe", r.MPPE, mode)
		}
		fmt.Fprintf(&b, "- %s\n", T(lang, "simulate.ex.a.setup", r.Client, r.Auth, enc))
		if len(r.Faults) == 0 {
			fmt.Fprintf(&b, "- %s\n", T(lang, "simulate.ex.a.nofault"))
		}
		for _, f := range r.Faults {
			fmt.Fprintf(&b, "- %s\n", T(lang, "simulate.ex.a.fault", f.Name, T(lang, f.Key)))
			fmt.Fprintf(&b, "- %s\n", T(lang, "simulate.ex.a.finding", findingOrNone(lang, f.Finding)))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
