package render

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/session"
)

func analyzeCapture(t *testing.T, path string) *session.Analysis {
	t.Helper()
	src, err := capture.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	a, err := pipeline.Run(src, pipeline.Options{Policy: pipeline.Whole(false)}, session.NopSink{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func captures(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"*.pcap", "*.pcapng", "*.cap"} {
		m, _ := filepath.Glob(filepath.Join("../testdata/pcaps", pat))
		out = append(out, m...)
	}
	if len(out) < 20 {
		t.Fatalf("found %d captures", len(out))
	}
	return out
}

// TestDiagramSyntaxAllCaptures: on every bundled capture the Mermaid and
// PlantUML texts pass the grammar checks, and the SVG is well-formed XML
// with one arrow group per diagram item.
func TestDiagramSyntaxAllCaptures(t *testing.T) {
	for _, p := range captures(t) {
		t.Run(filepath.Base(p), func(t *testing.T) {
			a := analyzeCapture(t, p)
			for _, tc := range []struct {
				data bool
				lang string
			}{{false, "en"}, {true, "en"}, {false, "zh"}, {true, "zh"}} {
				data, lang := tc.data, tc.lang
				ds, err := NewDiagrams(a, 0, DiagramOptions{Data: data, Lang: lang})
				if err != nil {
					t.Fatal(err)
				}
				var mmd, puml, svg bytes.Buffer
				if err := WriteMermaid(&mmd, ds, lang); err != nil {
					t.Fatal(err)
				}
				docs := splitMermaid(mmd.String())
				if len(docs) != max(len(ds), 1) {
					t.Errorf("%d Mermaid diagrams for %d sessions", len(docs), len(ds))
				}
				for _, doc := range docs {
					if err := checkMermaid(doc); err != nil {
						t.Errorf("mermaid (data=%v): %v", data, err)
					}
				}
				if err := WritePlantUML(&puml, ds, lang); err != nil {
					t.Fatal(err)
				}
				if n, err := checkPlantUML(puml.String()); err != nil || n != max(len(ds), 1) {
					t.Errorf("plantuml (data=%v): %d blocks for %d sessions: %v", data, n, len(ds), err)
				}
				if err := WriteSVG(&svg, ds, lang); err != nil {
					t.Fatal(err)
				}
				if err := checkXML(svg.String()); err != nil {
					t.Errorf("svg (data=%v) is not well-formed XML: %v", data, err)
				}
				arrows := 0
				for _, d := range ds {
					arrows += d.Arrows()
				}
				if got := strings.Count(svg.String(), `<g class="msg`); got != arrows {
					t.Errorf("svg has %d arrow groups, the diagrams %d items", got, arrows)
				}
				if lang == "zh" && len(ds) > 0 {
					for _, out := range []string{mmd.String(), puml.String(), svg.String()} {
						if !strings.Contains(out, "客户端") || strings.Contains(out, "!(") {
							t.Errorf("zh diagram without 客户端 or with a missing catalogue key: %.200s", out)
						}
					}
				}
			}
		})
	}
}

// TestCheckersReject makes sure the grammar checks fail on what the real
// parsers reject.
func TestCheckersReject(t *testing.T) {
	for name, doc := range map[string]string{
		"semicolon":  "sequenceDiagram\n    participant C as c\n    participant S as s\n    C->>S: a;b\n",
		"hash":       "sequenceDiagram\n    participant C as c\n    participant S as s\n    C->>S: frame #3\n",
		"bad arrow":  "sequenceDiagram\n    participant C as c\n    participant S as s\n    C=>S: x\n",
		"no end":     "sequenceDiagram\n    participant C as c\n    participant S as s\n    rect rgb(1, 2, 3)\n    C->>S: x\n",
		"undeclared": "sequenceDiagram\n    participant C as c\n    C->>X: x\n",
		"html":       "sequenceDiagram\n    participant C as c\n    participant S as s\n    C->>S: <b>x</b>\n",
	} {
		if checkMermaid(doc) == nil {
			t.Errorf("mermaid %s: accepted", name)
		}
	}
	for name, doc := range map[string]string{
		"creole":   "@startuml\nparticipant \"c\" as C\nparticipant \"s\" as S\nC -> S : a--b\n@enduml\n",
		"tag":      "@startuml\nparticipant \"c\" as C\nparticipant \"s\" as S\nC -> S : <b>x\n@enduml\n",
		"arrow":    "@startuml\nparticipant \"c\" as C\nparticipant \"s\" as S\nC => S : x\n@enduml\n",
		"unclosed": "@startuml\nparticipant \"c\" as C\n",
	} {
		if _, err := checkPlantUML(doc); err == nil {
			t.Errorf("plantuml %s: accepted", name)
		}
	}
	if checkXML(`<svg xmlns="http://www.w3.org/2000/svg"><text>a & b</text></svg>`) == nil {
		t.Error("xml: accepted a bare &")
	}
}

// TestEscaping: text that would break the formats is escaped.
func TestEscaping(t *testing.T) {
	hostile := `a;b #1 50% <b>x</b> --y-- **z** "q" \n ~`
	if got := mermaidEntity.ReplaceAllString(mermaidText(hostile), ""); strings.ContainsAny(got, "#;<>%") {
		t.Errorf("mermaidText(%q) = %q", hostile, got)
	}
	doc := "sequenceDiagram\n    participant C as " + mermaidText(hostile) + "\n    participant S as s\n    C->>S: " + mermaidText(hostile) + "\n"
	if err := checkMermaid(doc); err != nil {
		t.Errorf("escaped Mermaid text rejected: %v", err)
	}
	pu := "@startuml\nparticipant \"c\" as C\nparticipant \"s\" as S\nC -> S : " + plantText(hostile) + "\n@enduml\n"
	if _, err := checkPlantUML(pu); err != nil {
		t.Errorf("escaped PlantUML text rejected: %v", err)
	}
	if got := esc("<a & \"b\">\x01"); strings.ContainsAny(got, "<>\"\x01") {
		t.Errorf("esc = %q", got)
	}
}

func msg(frame int, fromClient bool, proto, name string, id int, b ...byte) session.Message {
	return session.Message{Frame: frame, Time: time.Unix(int64(frame), 0), FromClient: fromClient, Proto: proto, Msg: name, ID: id, Bytes: b, Phase: session.PhaseLCP}
}

// TestMarkMessages: answers go to the latest matching request; repeated
// requests are retransmissions; requests never answered are marked.
// The sequence is pppd__gre-blocked.pcap's LCP (frames 17-23), where the
// client's requests never reach the server.
func TestMarkMessages(t *testing.T) {
	creq := []byte{1, 1, 0, 8, 5, 6, 0xcb, 0xe6}
	sreq := []byte{1, 1, 0, 8, 3, 4, 0xc2, 0x27}
	sack := []byte{2, 1, 0, 8, 3, 4, 0xc2, 0x27}
	msgs := []session.Message{
		msg(17, true, "LCP", "Configure-Request", 1, creq...),
		msg(18, false, "LCP", "Configure-Request", 1, sreq...),
		msg(19, true, "LCP", "Configure-Ack", 1, sack...),
		msg(20, true, "LCP", "Configure-Request", 1, creq...),
		msg(21, false, "LCP", "Configure-Request", 1, sreq...),
		msg(22, true, "LCP", "Configure-Ack", 1, sack...),
		msg(23, true, "LCP", "Configure-Request", 2, creq[:1]...), // other content: not a retransmission
		msg(24, true, "IPV6CP", "Configure-Request", 4, 1, 4, 0, 4),
		msg(25, false, "LCP", "Protocol-Reject", 6),
		msg(26, true, "LCP", "Echo-Request", 7),
		msg(27, true, "LCP", "Echo-Request", 8),
		msg(28, false, "LCP", "Echo-Reply", 8),
	}
	msgs[8].Summary = "proto=IPV6CP"
	f := markMessages(msgs)
	want := []struct{ retrans, unanswered bool }{
		{false, true}, {false, false}, {false, false}, {true, true}, {true, false}, {false, false}, {false, true},
		{false, false}, {false, false}, {false, true}, {false, false}, {false, false},
	}
	for i, w := range want {
		if f[i].retransmission != w.retrans || f[i].unanswered != w.unanswered {
			t.Errorf("frame %d %s: retransmission=%v unanswered=%v, want %v %v", msgs[i].Frame, msgs[i].Msg,
				f[i].retransmission, f[i].unanswered, w.retrans, w.unanswered)
		}
	}
}

// TestCollapse: long runs and keepalives collapse into "×N" arrows that
// still stand for every message.
func TestCollapse(t *testing.T) {
	s := &session.Session{Index: 1, Phases: map[string]*session.Phase{}}
	for _, p := range session.PhaseOrder {
		s.Phases[p] = &session.Phase{Name: p, Status: session.StatusOK}
	}
	base := time.Unix(1000, 0)
	for i := 0; i < 120; i++ {
		for _, fromClient := range []bool{true, false} {
			name := "Echo-Request"
			if !fromClient {
				name = "Echo-Reply"
			}
			m := msg(10+2*i+len(s.Messages)%2, fromClient, "LCP", name, i%256)
			m.Time = base.Add(time.Duration(i) * 10 * time.Second)
			m.Phase = session.PhaseData
			s.Messages = append(s.Messages, m)
		}
	}
	for i := 0; i < 8; i++ {
		m := msg(500+i, true, "LCP", "Configure-Request", 1, 1, 1, 0, 4)
		m.Phase = session.PhaseLCP
		s.Messages = append(s.Messages, m)
	}
	d := NewDiagram(s, DiagramOptions{Origin: base})
	var data, lcp *Section
	for i := range d.Sections {
		switch d.Sections[i].Phase {
		case session.PhaseData:
			data = &d.Sections[i]
		case session.PhaseLCP:
			lcp = &d.Sections[i]
		}
	}
	if len(data.Items) != 1 || data.Items[0].Label != "LCP Echo-Request/Reply ×120" || data.Items[0].Count() != 240 {
		t.Errorf("data phase: %+v", data.Items)
	}
	if len(lcp.Items) != 1 || lcp.Items[0].Label != "LCP Configure-Request ×8" || !lcp.Items[0].Retransmission || !lcp.Items[0].Unanswered {
		t.Errorf("LCP phase: %+v", lcp.Items)
	}
	full := NewDiagram(s, DiagramOptions{Origin: base, Data: true})
	if n := full.Arrows(); n != 248 {
		t.Errorf("with --data every message is drawn: %d arrows, want 248", n)
	}
}

func TestPhaseByName(t *testing.T) {
	for in, want := range map[string]string{"lcp": "lcp", "2.3": "lcp", "AUTH": "authentication", "2.6": "ccp", "teardown": "teardown", "tcp": "tcp-connect"} {
		if got, err := PhaseByName(in); err != nil || got != want {
			t.Errorf("PhaseByName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := PhaseByName("2.7"); err == nil {
		t.Error("PhaseByName(2.7) accepted")
	}
}

func TestLangFromEnv(t *testing.T) {
	for _, c := range []struct{ all, msgs, lang, want string }{
		{"", "", "zh_CN.UTF-8", "zh"}, {"C", "", "zh_CN.UTF-8", "en"}, {"", "zh_TW", "en_US", "zh"}, {"", "", "", "en"}, {"zh_HK.UTF-8", "", "en_US", "zh"},
	} {
		t.Setenv("LC_ALL", c.all)
		t.Setenv("LC_MESSAGES", c.msgs)
		t.Setenv("LANG", c.lang)
		if got := LangFromEnv(); got != c.want {
			t.Errorf("LC_ALL=%q LC_MESSAGES=%q LANG=%q: %s, want %s", c.all, c.msgs, c.lang, got, c.want)
		}
	}
}

// TestExplanationsCoverCaptures: every message type of every bundled
// capture, and every phase, is explained in both languages.
func TestExplanationsCoverCaptures(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range captures(t) {
		for _, s := range analyzeCapture(t, p).Sessions {
			for _, m := range s.Messages {
				seen[m.Proto+" "+m.Msg] = true
			}
		}
	}
	for _, extra := range []string{"LCP Configure-Nak", "IPCP Configure-Reject", "CCP Reset-Request", "PAP Authenticate-Nak", "CHAP Failure", "EAP Failure", "PPTP Call-Disconnect-Notify"} {
		seen[extra] = true
	}
	for key := range seen {
		proto, name, _ := strings.Cut(key, " ")
		for _, lang := range Languages {
			e, ok := Explain(lang, proto, name)
			if !ok || e.Role == "" || e.Answer == "" || !strings.Contains(e.RFC, "RFC") && !strings.Contains(e.RFC, "draft") {
				t.Errorf("%s %s: no full explanation: %+v", lang, key, e)
			}
			if strings.Contains(e.Role+e.Answer, "{") {
				t.Errorf("%s %s: unfilled template: %s", lang, key, e.Role)
			}
		}
	}
	for _, p := range session.PhaseOrder {
		for _, lang := range Languages {
			if PhaseIntro(lang, p) == "" || phaseTitle(lang, p) == "" {
				t.Errorf("%s: phase %s not explained", lang, p)
			}
		}
	}
}

// TestPPPLinkPhaseIntros: the report's paragraphs for a PPP link session
// (no PPTP) say nothing of GRE, TCP or the PPTP control connection, in
// every language, and PPTP sessions keep theirs.
func TestPPPLinkPhaseIntros(t *testing.T) {
	link := &session.Session{PPPLink: true}
	for _, lang := range Languages {
		for _, p := range link.PhaseNames() {
			intro := SessionPhaseIntro(lang, link, p)
			if intro == "" {
				t.Errorf("%s: PPP link phase %s not explained", lang, p)
			}
			for _, word := range []string{"GRE", "TCP", "Call-Clear", "Stop-Control", "1723"} {
				if strings.Contains(intro, word) {
					t.Errorf("%s: PPP link phase %s speaks of %s: %s", lang, p, word, intro)
				}
			}
		}
		for _, p := range session.PhaseOrder {
			if got, want := SessionPhaseIntro(lang, &session.Session{}, p), PhaseIntro(lang, p); got != want {
				t.Errorf("%s: PPTP phase %s: %q, want %q", lang, p, got, want)
			}
		}
	}
}
