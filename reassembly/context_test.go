package reassembly

import (
	"testing"
	"time"

	"github.com/gopacket/gopacket"
)

// TestPacketContext: the context of a segment gives gopacket the segment's
// time and frameOf its frame, with and without ancillary data of the
// caller's (kept, the context after it).
func TestPacketContext(t *testing.T) {
	ts := time.Date(2026, 12, 2, 14, 0, 0, 123456789, time.UTC)
	for _, anc := range [][]any{nil, {"caller's"}} {
		ci := gopacket.CaptureInfo{Timestamp: ts, CaptureLength: 60, Length: 60, AncillaryData: anc}
		got := newPacketContext(ci, 42).GetCaptureInfo()
		if !got.Timestamp.Equal(ts) || got.Timestamp != ts || frameOf(got) != 42 {
			t.Fatalf("ancillary %v: time %v, frame %d", anc, got.Timestamp, frameOf(got))
		}
		if len(anc) > 0 && (len(got.AncillaryData) != 2 || got.AncillaryData[0] != anc[0] || got.CaptureLength != 60) {
			t.Fatalf("the caller's CaptureInfo not kept: %+v", got)
		}
	}
	if frameOf(gopacket.CaptureInfo{}) != 0 {
		t.Fatal("frameOf without a context")
	}
}
