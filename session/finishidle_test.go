package session

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/decode"
)

// TestNoneQuietAgrees: through a long random run of calls set up, GRE
// flows with and without call setup (candidates too), calls disconnected,
// control connections closed, time passing and sessions finished, with
// closeOnly and without, whenever noneQuiet says no group is over, the
// groups FinishIdle would make have none over (FinishIdle returns early on
// noneQuiet's word alone).
func TestNoneQuietAgrees(t *testing.T) {
	for _, closeOnly := range []bool{false, true} {
		rng := rand.New(rand.NewPCG(5, 6))
		tr := NewTrackerWith(TrackerOptions{NoMessages: true, CloseOnly: closeOnly})
		addr := func(i int) string { return fmt.Sprintf("10.%d.0.%d", i%4, i) }
		now := time.Unix(1000, 0)
		idle, grace := 20*time.Second, 3*time.Second
		over, idleSteps, slow, finished := 0, 0, 0, 0
		for step := range 4000 {
			now = now.Add(time.Duration(rng.IntN(400)) * time.Millisecond)
			c, s := rng.IntN(12), 100+rng.IntN(2)
			port := uint16(20000 + c)
			at := func(r *Record) *Record { r.Time = now; return r }
			switch n := rng.IntN(100); {
			case n < 3:
				tr.Record(at(pptpRecord(t, step, addr(c), addr(s), port, 1723,
					decode.PPTP{MessageType: decode.PPTPOutgoingCallRequest, CallID: uint16(c)})))
				tr.Record(at(pptpRecord(t, step, addr(s), addr(c), 1723, port,
					decode.PPTP{MessageType: decode.PPTPOutgoingCallReply, CallID: uint16(c + 50), PeerCallID: uint16(c), ResultCode: 1})))
			case n < 5:
				tr.Record(at(pptpRecord(t, step, addr(c), addr(s), port, 1723,
					decode.PPTP{MessageType: decode.PPTPCallDisconnectNotify, CallID: uint16(c)})))
			case n < 7:
				tr.TCP(&TCPEvent{Frame: step, Time: now, Src: netip.MustParseAddr(addr(c)), Dst: netip.MustParseAddr(addr(s)),
					SrcPort: port, DstPort: 1723, FIN: true, ACK: true})
			case n < 9:
				now = now.Add(time.Duration(rng.IntN(30)) * time.Second)
			case n < 12:
				ended := tr.FinishIdle(now, idle, grace)
				finished += len(ended)
			default:
				src, dst, id := addr(c), addr(s), c+50
				if rng.IntN(2) == 0 {
					src, dst, id = dst, src, c
				}
				if rng.IntN(8) == 0 {
					id = 200 + rng.IntN(50) // a flow without call setup
				}
				tr.Record(at(greAck(step, src, dst, id)))
			}
			quick := tr.noneQuiet(now, idle, grace)
			done, _ := quietGroups(tr.groups(), now, idle, grace)
			if quick && len(done) > 0 {
				t.Fatalf("closeOnly %v, step %d: noneQuiet, but %d groups over", closeOnly, step, len(done))
			}
			if len(done) > 0 {
				over++
			} else if idleSteps++; !quick {
				slow++ // FinishIdle would make the groups for nothing
			}
		}
		t.Logf("closeOnly %v: %d steps with groups over, %d without (noneQuiet false in %d of them), %d sessions finished",
			closeOnly, over, idleSteps, slow, finished)
		if over < 100 || finished < 50 {
			t.Errorf("closeOnly %v: %d steps with groups over, %d sessions finished", closeOnly, over, finished)
		}
	}
}
