package session

import (
	"math/rand/v2"
	"net/netip"
	"slices"
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

// TestFinishIdleNoneIdle: FinishIdle with no session quiet for longer than
// the grace allocates nothing (it used to build the groups of every open
// session each time), and finishes the connection once it has been.
func TestFinishIdleNoneIdle(t *testing.T) {
	const c, s = "192.0.2.1", "198.51.100.1"
	tr := NewTracker()
	tr.closeOnly = true
	for i := range 50 {
		port := uint16(40000 + i)
		tr.Record(pptpRecord(t, 2*i+1, c, s, port, 1723, decode.PPTP{MessageType: decode.PPTPStartControlConnectionRequest, ProtocolVersion: 0x100}))
		tr.Record(pptpRecord(t, 2*i+2, s, c, 1723, port, decode.PPTP{MessageType: decode.PPTPStartControlConnectionReply, ProtocolVersion: 0x100, ResultCode: 1}))
	}
	tr.TCP(&TCPEvent{Frame: 101, Time: time.Unix(1000, 0).Add(200 * time.Millisecond), Src: netip.MustParseAddr(c), Dst: netip.MustParseAddr(s), SrcPort: 40000, DstPort: 1723, RST: true})
	last := time.Unix(1000, 0).Add(200 * time.Millisecond)
	if allocs := testing.AllocsPerRun(20, func() {
		if ended := tr.FinishIdle(last.Add(fileGrace), fileIdle, fileGrace); len(ended) != 0 {
			t.Fatalf("%d sessions finished", len(ended))
		}
	}); allocs != 0 {
		t.Fatalf("FinishIdle with nothing to finish: %v allocations", allocs)
	}
	if ended := tr.FinishIdle(last.Add(fileGrace+time.Nanosecond), fileIdle, fileGrace); len(ended) != 1 || ended[0].Client.Port != 40000 {
		t.Fatalf("after the grace: %d sessions finished, want the reset connection's", len(ended))
	}
	if tr.Tracked() != 49 {
		t.Fatalf("%d sessions tracked, want 49", tr.Tracked())
	}
}

// TestFinishIdleQuickEqualsFull: FinishIdle finishes the same sessions,
// in the same order, whether it first looks for a quiet session
// (noneIdle) or builds its groups every time, over random connections,
// calls, GRE, disconnects, resets, FINs and times, with and without
// closeOnly and a cap.
func TestFinishIdleQuickEqualsFull(t *testing.T) {
	const c, s = "192.0.2.1", "198.51.100.1"
	rng := rand.New(rand.NewPCG(5, 16))
	skipped := 0
	for run := 0; run < 300; run++ {
		var trs [2]*Tracker
		maxSessions := 0
		if run%3 == 0 {
			maxSessions = 3 + rng.IntN(5)
		}
		for i := range trs {
			trs[i] = NewTracker()
			trs[i].closeOnly = run%2 == 0
			trs[i].MaxSessions = maxSessions
		}
		idle := []time.Duration{30 * time.Second, 2 * time.Minute}[rng.IntN(2)]
		grace := []time.Duration{10 * time.Second, time.Minute}[rng.IntN(2)]
		now := time.Unix(1000, 0)
		frame := 0
		apply := func(ev func(tr *Tracker)) {
			for _, tr := range trs {
				ev(tr)
			}
		}
		for step := 0; step < 40; step++ {
			now = now.Add(time.Duration(rng.IntN(40000)) * time.Millisecond)
			frame++
			f, tm := frame, now
			port := uint16(40000 + rng.IntN(8))
			call := int(port - 40000)
			var rec func() *Record
			var tcp *TCPEvent
			switch rng.IntN(8) {
			case 0:
				rec = func() *Record {
					return pptpRecord(t, f, c, s, port, 1723, decode.PPTP{MessageType: decode.PPTPStartControlConnectionRequest, ProtocolVersion: 0x100})
				}
			case 1:
				rec = func() *Record {
					return pptpRecord(t, f, c, s, port, 1723, decode.PPTP{MessageType: decode.PPTPOutgoingCallRequest, CallID: uint16(call)})
				}
			case 2:
				rec = func() *Record {
					return pptpRecord(t, f, s, c, 1723, port, decode.PPTP{MessageType: decode.PPTPOutgoingCallReply, CallID: uint16(100 + call), PeerCallID: uint16(call), ResultCode: 1})
				}
			case 3:
				rec = func() *Record {
					return pptpRecord(t, f, s, c, 1723, port, decode.PPTP{MessageType: decode.PPTPCallDisconnectNotify, CallID: uint16(100 + call), ResultCode: 3})
				}
			case 4:
				rec = func() *Record { return greAck(f, c, s, 100+call) }
			case 5:
				id := 500 + rng.IntN(3)
				rec = func() *Record { return greAck(f, "203.0.113.9", s, id) }
			case 6:
				tcp = &TCPEvent{Frame: f, Time: tm, Src: netip.MustParseAddr(c), Dst: netip.MustParseAddr(s), SrcPort: port, DstPort: 1723, RST: true}
			default:
				tcp = &TCPEvent{Frame: f, Time: tm, Src: netip.MustParseAddr(c), Dst: netip.MustParseAddr(s), SrcPort: port, DstPort: 1723, FIN: true, ACK: true}
			}
			if rec != nil {
				apply(func(tr *Tracker) {
					r := rec()
					r.Time = tm
					tr.Record(r)
				})
			} else {
				apply(func(tr *Tracker) { e := *tcp; tr.TCP(&e) })
			}
			if rng.IntN(3) != 0 {
				continue
			}
			at := now.Add(time.Duration(rng.IntN(150)) * time.Second)
			var got [2][]int
			for i, tr := range trs {
				finishIdleFull = i == 0
				if i == 1 && tr.noneIdle(at, idle, grace) {
					skipped++
				}
				for _, se := range tr.FinishIdle(at, idle, grace) {
					got[i] = append(got[i], se.Key(), se.Index, se.CallID)
				}
			}
			finishIdleFull = false
			if !slices.Equal(got[0], got[1]) || trs[0].Tracked() != trs[1].Tracked() || trs[0].SessionsCapped != trs[1].SessionsCapped {
				t.Fatalf("run %d step %d: full %v (%d tracked), quick %v (%d tracked)", run, step, got[0], trs[0].Tracked(), got[1], trs[1].Tracked())
			}
		}
	}
	if skipped < 100 {
		t.Fatalf("the quick check skipped the groups %d times", skipped)
	}
}
