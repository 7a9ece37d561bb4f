package session

import (
	"net/netip"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/decode"
)

// The durations of a file's streamed analysis (pipeline.FileGrace,
// pipeline.FileIdle).
const (
	fileGrace = time.Minute
	fileIdle  = 30 * time.Minute
)

// TestCloseOnly: in a file's streamed analysis a call ended by
// Call-Disconnect-Notify is not over while its control connection stays
// open (another call may follow on it, as in TestSeveralCallsOnOneConnection);
// it is once the connection closed and fileGrace passed. Live analysis
// (closeOnly unset) finishes it after the grace.
func TestCloseOnly(t *testing.T) {
	const c, s = "192.0.2.1", "198.51.100.1"
	for _, closeOnly := range []bool{true, false} {
		tr := NewTracker()
		tr.closeOnly = closeOnly
		tr.Record(pptpRecord(t, 1, c, s, 40000, 1723, decode.PPTP{MessageType: decode.PPTPStartControlConnectionRequest, ProtocolVersion: 0x100}))
		tr.Record(pptpRecord(t, 2, s, c, 1723, 40000, decode.PPTP{MessageType: decode.PPTPStartControlConnectionReply, ProtocolVersion: 0x100, ResultCode: 1}))
		tr.Record(pptpRecord(t, 3, c, s, 40000, 1723, decode.PPTP{MessageType: decode.PPTPOutgoingCallRequest, CallID: 1}))
		tr.Record(pptpRecord(t, 4, s, c, 1723, 40000, decode.PPTP{MessageType: decode.PPTPOutgoingCallReply, CallID: 10, PeerCallID: 1, ResultCode: 1}))
		tr.Record(pptpRecord(t, 5, s, c, 1723, 40000, decode.PPTP{MessageType: decode.PPTPCallDisconnectNotify, CallID: 10, ResultCode: 3}))
		last := time.Unix(1000, 0).Add(5 * time.Millisecond)
		ended := tr.FinishIdle(last.Add(2*fileGrace), fileIdle, fileGrace)
		if closeOnly {
			if len(ended) != 0 {
				t.Fatalf("closeOnly: %d sessions finished while the control connection is open", len(ended))
			}
			tr.TCP(&TCPEvent{Frame: 6, Time: last.Add(3 * fileGrace), Src: netip.MustParseAddr(c), Dst: netip.MustParseAddr(s), SrcPort: 40000, DstPort: 1723, FIN: true, ACK: true})
			if n := len(tr.FinishIdle(last.Add(3*fileGrace+fileGrace/2), fileIdle, fileGrace)); n != 0 {
				t.Fatalf("closeOnly: %d sessions finished before the grace after FIN", n)
			}
			ended = tr.FinishIdle(last.Add(5*fileGrace), fileIdle, fileGrace)
		}
		if len(ended) != 1 || ended[0].CallID != 1 {
			t.Fatalf("closeOnly %v: finished %d sessions, want the call 1", closeOnly, len(ended))
		}
		if tr.Tracked() != 0 {
			t.Fatalf("closeOnly %v: %d sessions still tracked", closeOnly, tr.Tracked())
		}
	}
}
