package pipeline

import (
	"path/filepath"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/session"
)

// TestRecordMPPEBits: every record of every bundled capture, through the
// fast paths and the slow ones, carries in Encrypted and Compressed the
// bits of its MPPE Message (false for records of other messages), which the
// tracker counts from.
func TestRecordMPPEBits(t *testing.T) {
	defer func() { slowPaths = false }()
	for _, slow := range []bool{false, true} {
		slowPaths = slow
		mppe := 0
		for _, path := range allCaptures(t) {
			src, err := capture.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			_, err = AnalyzeWith(src, AnalyzeOptions{}, func(r *session.Record) error {
				enc, comp := false, false
				if m, ok := r.Message.(*decode.MPPE); ok {
					enc, comp = m.Encrypted, m.Compressed
					mppe++
				}
				if r.Encrypted != enc || r.Compressed != comp {
					t.Errorf("%s frame %d (%s %s, slow %v): Encrypted, Compressed = %v, %v; the Message has %v, %v",
						filepath.Base(path), r.Frame, r.Proto, r.Msg, slow, r.Encrypted, r.Compressed, enc, comp)
				}
				return nil
			})
			src.Close()
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
		}
		if mppe < 1000 {
			t.Fatalf("slow %v: only %d MPPE records in the bundled captures", slow, mppe)
		}
	}
}
