package session

import (
	"bytes"
	"os"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
)

// FuzzAnalyze feeds arbitrary capture files (seeded with real ones) through
// the whole pipeline: capture reader, decoders, reassembly and the session
// tracker. It must never panic, and every session must come out with a
// status for every phase.
func FuzzAnalyze(f *testing.F) {
	for _, name := range []string{"nDPI__pptp.pcap", "chapcrack__pptp.cap", "pppd__gre-blocked.pcap", "pppd__mschapv2-wrong-password.pcap", "packetlife__PPTP_negotiation.cap"} {
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
		for _, s := range a.Sessions {
			for _, name := range PhaseOrder {
				if s.Phases[name].Status == "" {
					t.Fatalf("session %d phase %s has no status", s.Index, name)
				}
			}
			_ = s.Verdict()
		}
	})
}
