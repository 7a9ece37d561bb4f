package pipeline

import (
	"bytes"
	"github.com/pptpscope/pptpscope/session"
	"os"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/capture"
)

// FuzzAnalyze feeds arbitrary capture files (seeded with real ones) through
// the whole pipeline: capture reader, decoders, reassembly and the session
// tracker. It must never panic, and every session must come out with a
// status for every phase.
func FuzzAnalyze(f *testing.F) {
	for _, name := range []string{"nDPI__pptp.pcap", "chapcrack__pptp.cap", "pppd__gre-blocked.pcap", "pppd__mschapv2-wrong-password.pcap", "packetlife__PPTP_negotiation.cap",
		"packetlife__PPP_negotiation.cap", "packetlife__PPP_EAP.cap"} {
		data, err := os.ReadFile(pcap(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := capture.OpenReader(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		a, _ := Analyze(src, nil)
		check := func(s *session.Session) {
			for _, name := range session.PhaseOrder {
				if s.Phases[name].Status == "" {
					t.Fatalf("session %d phase %s has no status", s.Index, name)
				}
			}
			_ = s.Verdict()
		}
		for _, s := range a.Sessions {
			check(s)
		}
		// Streamed (what `analyze` does): every session handed over once,
		// numbered in order, finished; none left in the Analysis.
		src, err = capture.OpenReader(bytes.NewReader(data), "fuzz")
		if err != nil {
			t.Fatalf("second open: %v", err)
		}
		var got []*session.Session
		sa, _ := AnalyzeWith(src, AnalyzeOptions{NoMessages: true, OnSession: func(s *session.Session) error {
			if s.Index != len(got)+1 {
				t.Fatalf("session handed over as number %d after %d", s.Index, len(got))
			}
			check(s)
			got = append(got, s)
			return nil
		}}, nil)
		if len(sa.Sessions) != 0 || sa.Streamed != len(got) {
			t.Fatalf("streamed: %d sessions left, Streamed %d, %d handed over", len(sa.Sessions), sa.Streamed, len(got))
		}
		// Nothing is over before the end when the capture spans less than
		// FileGrace: the streamed analysis is then the whole one.
		if first, last, ok := span(a.Sessions); ok && last.Sub(first) < FileGrace {
			if len(got) != len(a.Sessions) {
				t.Fatalf("streamed %d sessions, whole %d", len(got), len(a.Sessions))
			}
			for i, s := range a.Sessions {
				g := got[i]
				if g.Start != s.Start || g.Client.Addr != s.Client.Addr || g.Verdict() != s.Verdict() || len(g.Findings) != len(s.Findings) {
					t.Fatalf("session %d differs: streamed %v %v %s, whole %v %v %s", i+1, g.Start, g.Client.Addr, g.Verdict(), s.Start, s.Client.Addr, s.Verdict())
				}
			}
		}
	})
}

// span is the earliest start and the latest end of the sessions.
func span(ss []*session.Session) (first, last time.Time, ok bool) {
	for _, s := range ss {
		if !ok || s.Start.Before(first) {
			first = s.Start
		}
		if !ok || s.End.After(last) {
			last = s.End
		}
		ok = true
	}
	return first, last, ok
}
