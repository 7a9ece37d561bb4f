package session

import (
	"net/netip"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/decode"
)

// TestStreamerOrder: ended sessions are handed over in start order, once no
// open session started before them; past the cap on waiting sessions the
// earliest go anyway, counted as out of order.
func TestStreamerOrder(t *testing.T) {
	t0 := time.Unix(1000, 0)
	mk := func(order int, start time.Duration) *Session {
		return &Session{order: order, Start: t0.Add(start)}
	}
	open := mk(1, 1*time.Second) // still tracked: holds back what started after it
	tr := &Tracker{sessions: []*Session{open}}
	var got []int
	st := &streamer{t: tr, max: 2, out: func(s *Session) error {
		got = append(got, s.order)
		if s.Index != len(got) {
			t.Errorf("session %d numbered %d, want %d", s.order, s.Index, len(got))
		}
		return nil
	}}
	st.now = t0.Add(time.Minute)
	// Session 0 started before the open one: it goes at once.
	if err := st.ended([]*Session{mk(3, 5*time.Second), mk(0, 0)}); err != nil {
		t.Fatal(err)
	}
	if want := []int{0}; !equalInts(got, want) {
		t.Fatalf("handed over %v, want %v", got, want)
	}
	// Two wait behind the open session (the cap); a third makes the
	// earliest waiting one go, out of order.
	if err := st.ended([]*Session{mk(2, 2*time.Second)}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(st.held) != 2 {
		t.Fatalf("handed over %v, %d waiting; want [0] and 2", got, len(st.held))
	}
	if err := st.ended([]*Session{mk(4, 7*time.Second)}); err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 2}; !equalInts(got, want) || st.forced != 1 {
		t.Fatalf("handed over %v (forced %d), want %v (forced 1)", got, st.forced, want)
	}
	// The end: the open session joins the waiting ones, in start order.
	tr.sessions = nil
	if err := st.flush([]*Session{open}); err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 2, 1, 3, 4}; !equalInts(got, want) {
		t.Fatalf("handed over %v, want %v", got, want)
	}
	// Ties of start time keep the order of first appearance.
	got, st.emitted = nil, 0
	if err := st.flush([]*Session{mk(9, 0), mk(8, 0), mk(7, -time.Second)}); err != nil {
		t.Fatal(err)
	}
	if want := []int{7, 8, 9}; !equalInts(got, want) {
		t.Fatalf("ties: handed over %v, want %v", got, want)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestCloseOnly: in a file's streamed analysis a call ended by
// Call-Disconnect-Notify is not over while its control connection stays
// open (another call may follow on it, as in TestSeveralCallsOnOneConnection);
// it is once the connection closed and FileGrace passed. Live analysis
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
		ended := tr.FinishIdle(last.Add(2*FileGrace), FileIdle, FileGrace)
		if closeOnly {
			if len(ended) != 0 {
				t.Fatalf("closeOnly: %d sessions finished while the control connection is open", len(ended))
			}
			tr.TCP(&TCPEvent{Frame: 6, Time: last.Add(3 * FileGrace), Src: netip.MustParseAddr(c), Dst: netip.MustParseAddr(s), SrcPort: 40000, DstPort: 1723, FIN: true, ACK: true})
			if n := len(tr.FinishIdle(last.Add(3*FileGrace+FileGrace/2), FileIdle, FileGrace)); n != 0 {
				t.Fatalf("closeOnly: %d sessions finished before the grace after FIN", n)
			}
			ended = tr.FinishIdle(last.Add(5*FileGrace), FileIdle, FileGrace)
		}
		if len(ended) != 1 || ended[0].CallID != 1 {
			t.Fatalf("closeOnly %v: finished %d sessions, want the call 1", closeOnly, len(ended))
		}
		if tr.Tracked() != 0 {
			t.Fatalf("closeOnly %v: %d sessions still tracked", closeOnly, tr.Tracked())
		}
	}
}
