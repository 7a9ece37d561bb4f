package render

import (
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Syntax checks for the Mermaid and PlantUML texts, written from the tools'
// grammars: Mermaid's sequenceDiagram.jison lexer and parser (mermaid-js,
// packages/mermaid/src/diagrams/sequence/parser) and PlantUML's sequence
// diagram reference. They accept the subset pptpscope writes and reject what
// would break those parsers. (The output was also run once through the real
// tools: Mermaid 12.3.0's mermaid.parse in Chromium and PlantUML 1.2020's
// -checkonly; see CHANGELOG.)

var (
	// Mermaid: ACTOR is [^\+\->:\n,;]+; TXT is ":" followed by [^#\n;]+.
	mmdActor       = `([^+\->:\n,;]+?)`
	mmdParticipant = regexp.MustCompile(`^participant ` + mmdActor + ` as ([^#\n;]+)$`)
	mmdSignal      = regexp.MustCompile(`^` + mmdActor + `(-->>|->>|-->|->|--x|-x|--\)|-\))([+-]?)` + mmdActor + `:([^#\n;]+)$`)
	mmdNote        = regexp.MustCompile(`^Note (over|left of|right of) ` + mmdActor + `(,` + mmdActor + `)?:([^#\n;]+)$`)
	mmdRect        = regexp.MustCompile(`^rect rgba?\(\s*\d+\s*,\s*\d+\s*,\s*\d+\s*(,\s*[\d.]+\s*)?\)$`)
	mmdTitle       = regexp.MustCompile(`^title [^#\n;]+$`)
	// Keywords the lexer matches before ACTOR: an actor must not start with one.
	mmdKeywords = []string{"box", "participant", "actor", "create", "destroy", "loop", "rect", "opt", "alt", "else", "par",
		"and", "critical", "option", "break", "end", "left of", "right of", "links", "link", "properties", "details",
		"over", "note", "activate", "deactivate", "title", "autonumber", "off", "sequencediagram"}
)

// checkMermaid checks one Mermaid document holding one sequence diagram.
func checkMermaid(doc string) error {
	// Mermaid replaces entity codes (#59; #lt;) before lexing.
	doc = mermaidEntity.ReplaceAllString(doc, "E")
	header := false
	depth := 0
	actors := map[string]bool{}
	actor := func(n int, a string) error {
		a = strings.TrimSpace(a)
		for _, k := range mmdKeywords {
			if strings.HasPrefix(strings.ToLower(a), k) {
				return fmt.Errorf("line %d: actor %q starts with the keyword %q", n, a, k)
			}
		}
		if !actors[a] {
			return fmt.Errorf("line %d: actor %q not declared", n, a)
		}
		return nil
	}
	text := func(n int, s string) error {
		s = strings.ReplaceAll(s, "<br/>", " ")
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("line %d: empty text", n)
		}
		if strings.ContainsAny(s, "<>") {
			return fmt.Errorf("line %d: raw HTML bracket in %q", n, s)
		}
		return nil
	}
	for i, line := range strings.Split(doc, "\n") {
		n := i + 1
		l := strings.TrimSpace(line)
		switch {
		case l == "":
			continue
		case strings.HasPrefix(l, "%%{"):
			return fmt.Errorf("line %d: directive not expected", n)
		case strings.HasPrefix(l, "%%"):
			continue
		case !header:
			if l != "sequenceDiagram" {
				return fmt.Errorf("line %d: %q before sequenceDiagram", n, l)
			}
			header = true
			continue
		case strings.ContainsAny(l, "#;"):
			return fmt.Errorf("line %d: '#' starts a comment and ';' ends a statement: %q", n, l)
		}
		if m := mmdTitle.FindStringSubmatch(l); m != nil {
			continue
		}
		if m := mmdParticipant.FindStringSubmatch(l); m != nil {
			a := strings.TrimSpace(m[1])
			if actors[a] {
				return fmt.Errorf("line %d: participant %q declared twice", n, a)
			}
			actors[a] = true
			if err := text(n, m[2]); err != nil {
				return err
			}
			continue
		}
		if mmdRect.MatchString(l) {
			depth++
			continue
		}
		if l == "end" {
			if depth--; depth < 0 {
				return fmt.Errorf("line %d: end without a block", n)
			}
			continue
		}
		if m := mmdNote.FindStringSubmatch(l); m != nil {
			if err := actor(n, m[2]); err != nil {
				return err
			}
			if m[3] != "" {
				if err := actor(n, m[4]); err != nil {
					return err
				}
			}
			if err := text(n, m[5]); err != nil {
				return err
			}
			continue
		}
		if m := mmdSignal.FindStringSubmatch(l); m != nil {
			if err := actor(n, m[1]); err != nil {
				return err
			}
			if err := actor(n, m[4]); err != nil {
				return err
			}
			if err := text(n, m[5]); err != nil {
				return err
			}
			continue
		}
		return fmt.Errorf("line %d: not a sequenceDiagram statement: %q", n, l)
	}
	if !header {
		return fmt.Errorf("no sequenceDiagram")
	}
	if depth != 0 {
		return fmt.Errorf("%d blocks not closed with end", depth)
	}
	return nil
}

// splitMermaid cuts WriteMermaid's output into its diagrams.
func splitMermaid(out string) []string {
	var docs []string
	for i, part := range strings.Split(out, "\n%% pptpscope diagram") {
		if i > 0 {
			part = "%% pptpscope diagram" + part
		}
		if strings.TrimSpace(part) != "" {
			docs = append(docs, part)
		}
	}
	return docs
}

var (
	pumlParticipant = regexp.MustCompile(`^participant "([^"]*)" as (\w+)$`)
	pumlMessage     = regexp.MustCompile(`^(\w+) (->x|->>|->|-->|<->) (\w+) : (.+)$`)
	pumlDivider     = regexp.MustCompile(`^== \S.* ==$`)
	pumlNote        = regexp.MustCompile(`^note across: (.+)$`)
	pumlSkinparam   = regexp.MustCompile(`^skinparam \w+ \w+$`)
	pumlCreole      = regexp.MustCompile(`(^|[^~])(\*\*|//|--|__|~~|""|[<>])`)
)

// checkPlantUML checks @startuml ... @enduml blocks of a sequence diagram.
func checkPlantUML(out string) (blocks int, err error) {
	in := false
	actors := map[string]bool{}
	text := func(n int, s string) error {
		// Creole markup must be escaped with '~'; '\' only as \n or \\.
		t := strings.ReplaceAll(strings.ReplaceAll(s, `\\`, ""), `\n`, " ")
		if strings.Contains(t, `\`) {
			return fmt.Errorf("line %d: stray backslash in %q", n, s)
		}
		t = strings.ReplaceAll(t, "~~", "")
		if m := pumlCreole.FindString(t); m != "" {
			return fmt.Errorf("line %d: unescaped creole %q in %q", n, m, s)
		}
		return nil
	}
	for i, l := range strings.Split(out, "\n") {
		n := i + 1
		switch {
		case l == "" && !in:
			continue
		case l == "@startuml":
			if in {
				return blocks, fmt.Errorf("line %d: @startuml inside a diagram", n)
			}
			in, actors = true, map[string]bool{}
			continue
		case !in:
			return blocks, fmt.Errorf("line %d: %q outside @startuml/@enduml", n, l)
		case l == "@enduml":
			in = false
			blocks++
			continue
		case strings.HasPrefix(l, "'"), l == "hide footbox", pumlSkinparam.MatchString(l):
			continue
		case strings.HasPrefix(l, "title "):
			if err := text(n, l[6:]); err != nil {
				return blocks, err
			}
			continue
		}
		if m := pumlParticipant.FindStringSubmatch(l); m != nil {
			actors[m[2]] = true
			if err := text(n, m[1]); err != nil {
				return blocks, err
			}
			continue
		}
		if pumlDivider.MatchString(l) {
			if err := text(n, strings.Trim(l, "= ")); err != nil {
				return blocks, err
			}
			continue
		}
		if m := pumlNote.FindStringSubmatch(l); m != nil {
			if err := text(n, m[1]); err != nil {
				return blocks, err
			}
			continue
		}
		if m := pumlMessage.FindStringSubmatch(l); m != nil {
			if !actors[m[1]] || !actors[m[3]] {
				return blocks, fmt.Errorf("line %d: undeclared participant in %q", n, l)
			}
			if err := text(n, m[4]); err != nil {
				return blocks, err
			}
			continue
		}
		return blocks, fmt.Errorf("line %d: not a sequence diagram statement: %q", n, l)
	}
	if in {
		return blocks, fmt.Errorf("@startuml without @enduml")
	}
	return blocks, nil
}

// checkXML parses a document with encoding/xml, token by token.
func checkXML(doc string) error {
	d := xml.NewDecoder(strings.NewReader(doc))
	d.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if t.Name.Local != "svg" || t.Name.Space != "http://www.w3.org/2000/svg" {
					return fmt.Errorf("root element %v, want svg in the SVG namespace", t.Name)
				}
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 {
		return fmt.Errorf("%d root elements", roots)
	}
	return nil
}
