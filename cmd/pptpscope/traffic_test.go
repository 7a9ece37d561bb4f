package main

import (
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// marks sums the counts in the titles of a chart's marks of a class.
func marks(t *testing.T, svg, class string) int {
	t.Helper()
	n := 0
	for _, m := range regexp.MustCompile(`class="`+class+`"[^>]*><title>(\d+) `).FindAllStringSubmatch(svg, -1) {
		v, _ := strconv.Atoi(m[1])
		n += v
	}
	return n
}

type dirCounts struct {
	Lost, Reordered int
	Packets         int `json:"gre_packets"`
}

// TestTrafficChart: diagram --format svg --data and the report draw each
// session's traffic over time, with as many lost and reordered packets
// marked as the session's statistics count, and unanswered echoes where
// the peer stopped answering; the SVG is well-formed XML.
func TestTrafficChart(t *testing.T) {
	for _, tc := range []struct {
		file    string
		echoGap string // "yes", "no", or "" (not checked: gre-loss loses echoes too)
	}{{"pppd__gre-loss.pcap", ""}, {"pptpcrack__test.pcap", "no"}, {"pppd__mschapv2-mppe128.pcap", "no"}, {"pppd__echo-timeout.pcap", "yes"}} {
		t.Run(tc.file, func(t *testing.T) {
			p := pcapDir + tc.file
			var doc struct {
				Sessions []struct {
					Stats struct {
						C2S dirCounts `json:"client_to_server"`
						S2C dirCounts `json:"server_to_client"`
					}
				}
			}
			if err := json.Unmarshal(runOK(t, "analyze", "--format", "json", p), &doc); err != nil {
				t.Fatal(err)
			}
			lost, reordered, sessions := 0, 0, 0
			for _, s := range doc.Sessions {
				lost += s.Stats.C2S.Lost + s.Stats.S2C.Lost
				reordered += s.Stats.C2S.Reordered + s.Stats.S2C.Reordered
				if s.Stats.C2S.Packets+s.Stats.S2C.Packets > 0 {
					sessions++
				}
			}
			svg := string(runOK(t, "diagram", "--format", "svg", "--data", p))
			if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
				t.Fatalf("not XML: %v", err)
			}
			report := string(runOK(t, "report", "-o", "-", p))
			for name, out := range map[string]string{"svg": svg, "report": report} {
				if got := strings.Count(out, `class="traffic"`); got != sessions {
					t.Errorf("%s: %d traffic charts, want %d", name, got, sessions)
				}
				if got := marks(t, out, "lost"); got != lost {
					t.Errorf("%s: %d lost marked, want %d", name, got, lost)
				}
				if got := marks(t, out, "reordered"); got != reordered {
					t.Errorf("%s: %d reordered marked, want %d", name, got, reordered)
				}
				if got := strings.Contains(out, `class="echo-gap"`); tc.echoGap != "" && got != (tc.echoGap == "yes") {
					t.Errorf("%s: echo gaps drawn %v, want %v", name, got, tc.echoGap)
				}
			}
			if tc.file == "pppd__gre-loss.pcap" && lost == 0 {
				t.Error("gre-loss has no loss: the check checks nothing")
			}
			plain := string(runOK(t, "diagram", "--format", "svg", p))
			if strings.Contains(plain, `class="traffic"`) {
				t.Error("diagram --format svg without --data draws the chart")
			}
		})
	}
	zh := string(runOK(t, "report", "--lang", "zh", "-o", "-", pcapDir+"pppd__gre-loss.pcap"))
	if !strings.Contains(zh, "流量随时间的变化") {
		t.Error("the Chinese report has no chart heading")
	}
}
