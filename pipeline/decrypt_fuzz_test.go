package pipeline

import (
	"bytes"
	"errors"
	"github.com/pptpscope/pptpscope/session"
	"os"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/mppe"
)

// FuzzAnalyzeDecrypt runs the whole pipeline with credentials over arbitrary
// captures, seeded with the real encrypted sessions (mutations hit the CHAP
// values, the CCP options and the MPPE headers and counts): no panic, a
// mismatch is reported as a mppe.MismatchError, every session gets a decryption
// status and every inner packet agrees with the counts.
func FuzzAnalyzeDecrypt(f *testing.F) {
	for _, name := range []string{"pppd__mschapv2-mppe128.pcap", "pppd__mschapv2-mppe40.pcap", "pppd__mschapv1-mppe128.pcap", "chapcrack__pptp.cap"} {
		data, err := os.ReadFile(pcap(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	creds := &mppe.Credentials{ByUser: map[string]mppe.Credential{"student": {Password: "syberos"}, "moxie": {Password: "bPCFyF2uL1p5Lg5yrKmqmY"}}}
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := capture.OpenReader(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		inner := 0
		a, err := AnalyzeWith(src, AnalyzeOptions{Credentials: creds}, func(r *session.Record) error {
			if r.Inner != nil {
				inner++
				_ = r.Inner.Name()
			}
			return nil
		})
		var me *mppe.MismatchError
		if errors.As(err, &me) {
			return
		}
		decrypted := 0
		for _, s := range a.Sessions {
			d := s.Decryption
			if d == nil || d.Status == "" {
				t.Fatalf("session %d without a decryption status", s.Index)
			}
			decrypted += d.Dir[0].Decrypted + d.Dir[1].Decrypted
		}
		if inner != decrypted {
			t.Fatalf("%d inner packets, %d decrypted", inner, decrypted)
		}
	})
}
