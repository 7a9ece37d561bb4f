package session

import (
	"net/netip"
	"testing"
	"time"
)

// TestCandidates: a lazy tracker keeps GRE-only flows and SYN-only
// connections as candidates (no Session, no control connection), counts
// them as sessions, promotes one when its flow or connection shows more,
// with the Key it had, and finishes the rest as the sessions they stand
// for: the same sessions (keys, starts, packets) as a tracker without
// candidates. (TestCandidatesEqualSessions in pipeline compares whole
// outputs.)
func TestCandidates(t *testing.T) {
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	srv := netip.MustParseAddr("10.0.0.1")
	feed := func(tr *Tracker) {
		for i := range 100 {
			cli := netip.AddrFrom4([4]byte{10, 1, byte(i >> 8), byte(i)})
			tm := t0.Add(time.Duration(i) * time.Millisecond)
			tr.Record(&Record{Frame: 2*i + 1, Time: tm, Src: cli, Dst: srv, CallID: i, Proto: "GRE", Msg: "Ack", HasAck: true, Ack: 7, ID: -1})
			tr.TCP(&TCPEvent{Frame: 2*i + 2, Time: tm, Src: cli, Dst: srv, SrcPort: 40000, DstPort: 1723, SYN: true})
		}
	}
	lazy := NewTrackerWith(TrackerOptions{LazyFinish: true, NoMessages: true})
	feed(lazy)
	if got := lazy.Tracked(); got != 200 {
		t.Fatalf("Tracked = %d, want 200", got)
	}
	if len(lazy.sessions) != 0 || len(lazy.conns) != 0 || len(lazy.gre) != 0 || lazy.ncands != 200 {
		t.Fatalf("sessions %d, conns %d, flows %d, candidates %d: want only 200 candidates",
			len(lazy.sessions), len(lazy.conns), len(lazy.gre), lazy.ncands)
	}
	if c, f, p := lazy.Held(); c != 100 || f != 100 || p != 100 {
		t.Errorf("Held = %d, %d, %d, want 100 each", c, f, p)
	}
	// The SYN-ACK of connection 5 and the reverse GRE flow of flow 7
	// promote them.
	cli5 := netip.AddrFrom4([4]byte{10, 1, 0, 5})
	lazy.TCP(&TCPEvent{Frame: 1000, Time: t0.Add(time.Second), Src: srv, Dst: cli5, SrcPort: 1723, DstPort: 40000, SYN: true, ACK: true})
	cli7 := netip.AddrFrom4([4]byte{10, 1, 0, 7})
	r := &Record{Frame: 1001, Time: t0.Add(time.Second), Src: srv, Dst: cli7, CallID: 9999, Proto: "GRE", Msg: "Ack", HasAck: true, Ack: 7, ID: -1}
	lazy.Record(r)
	if len(lazy.sessions) != 2 || lazy.ncands != 198 || lazy.Tracked() != 200 {
		t.Fatalf("after two promotions: sessions %d, candidates %d, tracked %d", len(lazy.sessions), lazy.ncands, lazy.Tracked())
	}
	if r.SessionKey != 15 { // flow 7's GRE was the 15th thing seen
		t.Errorf("reverse flow went to session %d, want 15", r.SessionKey)
	}
	whole := NewTrackerWith(TrackerOptions{LazyFinish: true, NoMessages: true, NoCandidates: true})
	feed(whole)
	whole.TCP(&TCPEvent{Frame: 1000, Time: t0.Add(time.Second), Src: srv, Dst: cli5, SrcPort: 1723, DstPort: 40000, SYN: true, ACK: true})
	whole.Record(&Record{Frame: 1001, Time: t0.Add(time.Second), Src: srv, Dst: cli7, CallID: 9999, Proto: "GRE", Msg: "Ack", HasAck: true, Ack: 7, ID: -1})
	// Half finished by the cap (the least recently seen), the rest at the
	// end: the same sessions either way.
	lazy.MaxSessions, whole.MaxSessions = 100, 100
	a := lazy.FinishIdle(t0.Add(2*time.Second), time.Hour, time.Hour)
	b := whole.FinishIdle(t0.Add(2*time.Second), time.Hour, time.Hour)
	a = append(a, lazy.Sessions()...)
	b = append(b, whole.Sessions()...)
	if len(a) != 200 || len(b) != 200 || lazy.SessionsCapped != whole.SessionsCapped || lazy.SessionsCapped == 0 {
		t.Fatalf("finished %d and %d sessions, capped %d and %d", len(a), len(b), lazy.SessionsCapped, whole.SessionsCapped)
	}
	for i := range a {
		x, y := a[i], b[i]
		x.Finish()
		y.Finish()
		if x.Key() != y.Key() || x.Index != y.Index || !x.Start.Equal(y.Start) || !x.End.Equal(y.End) ||
			x.Stats[0].Packets != y.Stats[0].Packets || x.Stats[1].Packets != y.Stats[1].Packets ||
			x.Client.Addr != y.Client.Addr || x.InferredBy != y.InferredBy || len(x.Findings) != len(y.Findings) || len(x.Phases) != len(y.Phases) {
			t.Errorf("session %d: with candidates %+v\nwithout %+v", i, x, y)
		}
	}
	if c, f, p := lazy.Held(); c+f+p != 0 || lazy.Tracked() != 0 {
		t.Errorf("after the end: held %d, %d, %d, tracked %d", c, f, p, lazy.Tracked())
	}
}
