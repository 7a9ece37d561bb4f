package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
)

// TestPPPLinkDiagramReport: a plain PPP link capture (PPP on a serial line:
// no IP around it, no PPTP) is drawn and reported with its PPP negotiation,
// LCP, CHAP authentication and IPCP, in English and Chinese, without the
// PPTP phases (TCP connect, control connection, call setup); it used to say
// "No PPTP session". packetlife__PPP_negotiation.cap: frames 1-5 LCP, 6-11
// CHAP (mutual: R1 challenges first, so R1 is the server and R0 the client),
// 12-15 IPCP (10.0.0.1 and 10.0.0.2).
func TestPPPLinkDiagramReport(t *testing.T) {
	in := "../../testdata/pcaps/packetlife__PPP_negotiation.cap"
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			title := render.T(lang, "analyze.session.ppp-link", 1, "10.0.0.1", "10.0.0.2")
			code, diagram, stderr := runCapture(t, nil, "diagram", "--lang", lang, "--width", "100", in)
			if code != exitOK {
				t.Fatalf("diagram: exit %d: %s", code, stderr)
			}
			out := filepath.Join(t.TempDir(), "r.html")
			if code, _, stderr := runCapture(t, nil, "report", "--lang", lang, "-o", out, in); code != exitOK {
				t.Fatalf("report: exit %d: %s", code, stderr)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			report := string(b)
			if strings.Contains(diagram, render.T(lang, "diagram.no-session")) || strings.Contains(report, "<p>"+render.T(lang, "report.nosession")+"</p>") {
				t.Errorf("says there is no session")
			}
			for name, text := range map[string]string{"diagram": diagram, "report": report} {
				if !strings.Contains(text, title) {
					t.Errorf("%s: no PPP link session %q:\n%.600s", name, title, text)
				}
				for _, m := range []string{"LCP Configure-Request", "LCP Configure-Ack", "CHAP Challenge", "CHAP Response", "CHAP Success", "IPCP Configure-Request", "IPCP Configure-Ack"} {
					if !strings.Contains(text, m) {
						t.Errorf("%s: no %s", name, m)
					}
				}
			}
			for _, p := range []string{session.PhaseLCP, session.PhaseAuthentication, session.PhaseNCP} {
				if !strings.Contains(diagram, render.PhaseTitle(lang, p)) {
					t.Errorf("diagram: no phase %q", render.PhaseTitle(lang, p))
				}
				if !strings.Contains(report, `-`+p+`">`+render.PhaseTitle(lang, p)+`</a>`) {
					t.Errorf("report: no timeline row for %q", render.PhaseTitle(lang, p))
				}
			}
			if strings.Contains(diagram, "GRE") || strings.Contains(diagram, "TCP") {
				t.Errorf("diagram of a PPP link mentions GRE or TCP:\n%s", diagram)
			}
			for _, p := range []string{session.PhaseTCPConnect, session.PhaseControlConnection, session.PhaseCallSetup} {
				if strings.Contains(diagram, render.PhaseTitle(lang, p)) {
					t.Errorf("diagram: PPTP phase %q on a PPP link", render.PhaseTitle(lang, p))
				}
				if strings.Contains(report, `-`+p+`">`) {
					t.Errorf("report: PPTP phase %q on a PPP link", p)
				}
			}
		})
	}
}

// TestPPPLinkNothingToDecrypt: keys and decrypt on a PPP link capture still
// say there is no PPTP session, with exitNothing, as before PPP link
// captures had a session.
func TestPPPLinkNothingToDecrypt(t *testing.T) {
	in := "../../testdata/pcaps/packetlife__PPP_negotiation.cap"
	pw := "../../testdata/credentials/moxie.txt"
	for _, args := range [][]string{
		{"keys", "--password-file", pw, in},
		{"decrypt", "--password-file", pw, in, "-w", filepath.Join(t.TempDir(), "x.pcap")},
	} {
		code, _, stderr := runCapture(t, nil, args...)
		if code != exitNothing || !strings.Contains(stderr, "no PPTP session in the capture") {
			t.Errorf("%s: exit %d, %q; want %d, no PPTP session", args[0], code, stderr, exitNothing)
		}
	}
}
