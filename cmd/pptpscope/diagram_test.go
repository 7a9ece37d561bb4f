package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/session"
)

// goldenFigures are the captures whose SVG and HTML figures are kept as
// golden files (the text formats are kept for every capture): a complete
// Windows session after a mid-capture one, a blocked GRE (retransmissions,
// unanswered requests), a keepalive time-out, a complete pppd session and
// a capture with a call but no GRE.
var goldenFigures = map[string]bool{
	"pptpcrack__test.pcap": true, "pppd__gre-blocked.pcap": true, "pppd__echo-timeout.pcap": true,
	"pppd__mschapv2-mppe128.pcap": true, "nDPI__pptp.pcap": true,
}

// TestGoldenDiagram: `diagram` in every format on the bundled captures,
// against reviewed output (text at 80 columns without colour, ASCII,
// Mermaid, PlantUML for every capture; SVG and HTML for goldenFigures).
// Their syntax is checked in the render package's tests.
func TestGoldenDiagram(t *testing.T) {
	for _, p := range pcaps(t) {
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			golden(t, "diagram/"+name+".txt", runOK(t, "diagram", "--width", "80", "--color", "never", p))
			golden(t, "diagram/"+name+".mmd", runOK(t, "diagram", "--format", "mermaid", p))
			golden(t, "diagram/"+name+".puml", runOK(t, "diagram", "--format", "plantuml", p))
			if goldenFigures[name] {
				golden(t, "diagram/"+name+".ascii.txt", runOK(t, "diagram", "--ascii", "--width", "100", "--color", "never", p))
				golden(t, "diagram/"+name+".svg", runOK(t, "diagram", "--format", "svg", p))
				golden(t, "diagram/"+name+".html", runOK(t, "diagram", "--format", "html", p))
			}
		})
	}
}

// TestDiagramPptpcrack is the acceptance check: the diagram of
// pptpcrack__test.pcap takes a student from the TCP handshake to CCP under
// the article's headings, in order, in every format.
func TestDiagramPptpcrack(t *testing.T) {
	const pcap = "../../testdata/pcaps/pptpcrack__test.pcap"
	steps := []string{"2.1 TCP connect", "TCP SYN", "TCP SYN-ACK", "TCP ACK",
		"2.2 control connection", "Start-Control-Connection-Request", "Start-Control-Connection-Reply",
		"2.2 call setup and GRE tunnel", "Outgoing-Call-Request", "Outgoing-Call-Reply", "Set-Link-Info",
		"2.3 LCP", "LCP Configure-Request id=0", "LCP Configure-Reject id=0", "LCP Configure-Nak id=1", "LCP Configure-Ack id=2",
		"2.4 authentication", "CHAP Challenge", "CHAP Response", "CHAP Success",
		"2.5 NCP", "IPCP Configure-Request id=6", "IPCP Configure-Nak id=7", "IPCP Configure-Ack id=8",
		"2.6 CCP", "CCP Configure-Request id=5", "CCP Configure-Ack id=7", "3 data"}
	for _, format := range []string{"text", "mermaid", "plantuml", "svg"} {
		out := string(runOK(t, "diagram", "--session", "2", "--format", format, "--width", "100", pcap))
		pos := 0
		for _, s := range steps {
			i := strings.Index(out[pos:], s)
			if i < 0 {
				t.Errorf("%s: %q missing or out of order", format, s)
				continue
			}
			pos += i + len(s)
		}
	}
}

// TestDiagramFitsWidth: no line of the text diagram is wider than --width.
func TestDiagramFitsWidth(t *testing.T) {
	for _, p := range pcaps(t) {
		for _, w := range []int{60, 80, 132} {
			for _, ascii := range []string{"--ascii=false", "--ascii=true"} {
				out := runOK(t, "diagram", "--width", strconv.Itoa(w), ascii, "--color", "never", p)
				for i, l := range strings.Split(string(out), "\n") {
					if n := utf8.RuneCountInString(l); n > w {
						t.Errorf("%s width %d %s line %d has %d columns: %q", filepath.Base(p), w, ascii, i+1, n, l)
					}
					if ascii == "--ascii=true" {
						for _, r := range l {
							if r > 0x7e {
								t.Errorf("%s --ascii line %d has %q", filepath.Base(p), i+1, r)
								break
							}
						}
					}
				}
			}
		}
	}
}

// TestDiagramColor: colour per phase with --color always, none with never,
// and auto follows NO_COLOR and the terminal (a buffer is no terminal).
func TestDiagramColor(t *testing.T) {
	const pcap = "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap"
	always := string(runOK(t, "diagram", "--color", "always", pcap))
	for _, code := range []string{"\x1b[34m", "\x1b[35m", "\x1b[33m", "\x1b[32m", "\x1b[94m"} { // tcp, lcp, auth, ncp, ccp
		if !strings.Contains(always, code) {
			t.Errorf("--color always lacks the phase colour %q", code)
		}
	}
	if strings.Contains(string(runOK(t, "diagram", "--color", "never", pcap)), "\x1b[") {
		t.Error("--color never wrote escape codes")
	}
	t.Setenv("NO_COLOR", "1")
	if strings.Contains(string(runOK(t, "diagram", pcap)), "\x1b[") {
		t.Error("NO_COLOR: escape codes written")
	}
}

// TestDiagramOptions: --session, --phase and --data select what is drawn.
func TestDiagramOptions(t *testing.T) {
	const pcap = "../../testdata/pcaps/pptpcrack__test.pcap"
	lcp := string(runOK(t, "diagram", "--phase", "lcp", "--session", "2", pcap))
	if !strings.Contains(lcp, "2.3 LCP") || strings.Contains(lcp, "2.4 authentication") || strings.Contains(lcp, "Session 1") {
		t.Errorf("--phase lcp --session 2 drew more than session 2's LCP:\n%s", lcp)
	}
	if n := strings.Count(string(runOK(t, "diagram", "--phase", "2.6", pcap)), "2.6 CCP"); n != 2 {
		t.Errorf("--phase 2.6: %d CCP sections, want one per session", n)
	}
	plain := string(runOK(t, "diagram", "--phase", "data", "--session", "2", "--width", "100", pcap))
	data := string(runOK(t, "diagram", "--phase", "data", "--session", "2", "--width", "100", "--data", pcap))
	if !strings.Contains(plain, "data: 510 GRE packets") || strings.Contains(plain, "MPPE Data") {
		t.Errorf("without --data the data phase is not summarized:\n%.600s", plain)
	}
	if strings.Count(data, "MPPE Data") != 689 { // 505 + 184 encrypted frames
		t.Errorf("--data drew %d MPPE frames, want 689", strings.Count(data, "MPPE Data"))
	}
	for _, args := range [][]string{
		{"diagram", "--session", "3", pcap},
		{"diagram", "--phase", "2.9", pcap},
		{"diagram", "--format", "png", pcap},
		{"diagram", "--color", "sometimes", pcap},
		{"report", "--lang", "fr", pcap},
		{"packets", "--phase", "nope", pcap},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, nil, &stdout, &stderr); code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitUsage, stderr.String())
		}
	}
}

// TestPacketsPhase: `packets --phase` lists exactly the messages the
// session tracker put in that phase.
func TestPacketsPhase(t *testing.T) {
	for _, name := range []string{"pptpcrack__test.pcap", "pppd__mschapv2-mppe128.pcap", "pppd__gre-blocked.pcap", "packetlife__PPP_negotiation.cap"} {
		p := "../../testdata/pcaps/" + name
		src, err := capture.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]map[int]int{} // phase -> frame -> messages
		a, err := pipeline.Run(src, pipeline.Options{Policy: pipeline.Whole(false)}, pipeline.RecordFunc(func(r *session.Record) error {
			if r.Control {
				if want[r.Phase] == nil {
					want[r.Phase] = map[int]int{}
				}
				want[r.Phase][r.Frame]++
			}
			return nil
		}))
		src.Close()
		if err != nil {
			t.Fatal(err)
		}
		// The tracker's view: every session message of the phase.
		for _, s := range a.Sessions {
			for _, m := range s.Messages {
				if m.Proto != "TCP" && want[m.Phase][m.Frame] == 0 {
					t.Errorf("%s: frame %d (%s %s) is in phase %s of the session but no record says so", name, m.Frame, m.Proto, m.Msg, m.Phase)
				}
			}
		}
		for _, phase := range []string{"lcp", "authentication", "ncp", "ccp", "teardown"} {
			got := map[int]int{}
			for _, line := range strings.Split(strings.TrimSpace(string(runOK(t, "packets", "--phase", phase, "--format", "json", p))), "\n") {
				if line == "" {
					continue
				}
				var r struct{ Frame int }
				if err := json.Unmarshal([]byte(line), &r); err != nil {
					t.Fatal(err)
				}
				got[r.Frame]++
			}
			if len(got) != len(want[phase]) {
				t.Errorf("%s --phase %s: %d frames, want %d", name, phase, len(got), len(want[phase]))
			}
			for f, n := range want[phase] {
				if got[f] != n {
					t.Errorf("%s --phase %s: frame %d listed %d times, want %d", name, phase, f, got[f], n)
				}
			}
		}
	}
	table := string(runOK(t, "packets", "--phase", "lcp", "--no-summary", "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap"))
	row := regexp.MustCompile(`^\s+\d+ `)
	for _, l := range strings.Split(strings.TrimSpace(table), "\n")[2:] {
		if row.MatchString(l) && !strings.Contains(l, " LCP ") {
			t.Errorf("--phase lcp table row is not LCP: %q", l)
		}
	}
}
