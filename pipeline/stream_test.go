package pipeline

import (
	"net/netip"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/session"
)

// TestStreamerOrder: ended sessions are handed over in start order, once no
// open session started before them; past the cap on waiting sessions the
// earliest go anyway, counted as out of order.
func TestStreamerOrder(t *testing.T) {
	t0 := time.Unix(1000, 0)
	// Sessions made by a tracker, one per GRE flow, so that their keys
	// (order of first appearance) are those of Key(); order maps a key
	// back to the number the test gave.
	tk := session.NewTracker()
	order := map[int]int{}
	mk := func(n int, start time.Duration) *session.Session {
		r := &session.Record{Frame: n + 1, Time: t0, Src: netip.AddrFrom4([4]byte{192, 0, 2, byte(n + 1)}), Dst: netip.MustParseAddr("198.51.100.1"),
			ID: -1, CallID: n + 1, Proto: "GRE", Msg: "Ack"}
		tk.Record(r)
		s := tk.SessionOf(r)
		if s == nil {
			t.Fatalf("no session for GRE flow %d", n)
		}
		s.Start = t0.Add(start)
		order[s.Key()] = n
		return s
	}
	var ss [10]*session.Session
	for n := range ss {
		ss[n] = mk(n, 0)
	}
	at := func(n int, start time.Duration) *session.Session {
		ss[n].Start = t0.Add(start)
		return ss[n]
	}
	open := at(1, 1*time.Second) // still tracked: holds back what started after it
	tr := &fakeOpen{sessions: []*session.Session{open}}
	var got []int
	st := &streamer{t: tr, max: 2, out: func(s *session.Session) error {
		got = append(got, order[s.Key()])
		if s.Index != len(got) {
			t.Errorf("session %d numbered %d, want %d", order[s.Key()], s.Index, len(got))
		}
		return nil
	}}
	st.now = t0.Add(time.Minute)
	// Session 0 started before the open one: it goes at once.
	if err := st.ended([]*session.Session{at(3, 5*time.Second), at(0, 0)}); err != nil {
		t.Fatal(err)
	}
	if want := []int{0}; !equalInts(got, want) {
		t.Fatalf("handed over %v, want %v", got, want)
	}
	// Two wait behind the open session (the cap); a third makes the
	// earliest waiting one go, out of order.
	if err := st.ended([]*session.Session{at(2, 2*time.Second)}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(st.held) != 2 {
		t.Fatalf("handed over %v, %d waiting; want [0] and 2", got, len(st.held))
	}
	if err := st.ended([]*session.Session{at(4, 7*time.Second)}); err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 2}; !equalInts(got, want) || st.forced != 1 {
		t.Fatalf("handed over %v (forced %d), want %v (forced 1)", got, st.forced, want)
	}
	// The end: the open session joins the waiting ones, in start order.
	tr.sessions = nil
	if err := st.flush([]*session.Session{open}, nil); err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 2, 1, 3, 4}; !equalInts(got, want) {
		t.Fatalf("handed over %v, want %v", got, want)
	}
	// Ties of start time keep the order of first appearance.
	got, st.emitted = nil, 0
	if err := st.flush([]*session.Session{at(9, 0), at(8, 0), at(7, -time.Second)}, nil); err != nil {
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

// fakeOpen stands for the tracker's open sessions.
type fakeOpen struct{ sessions []*session.Session }

func (f *fakeOpen) EarliestStart(before time.Time) time.Time {
	for _, s := range f.sessions {
		if s.Start.Before(before) {
			before = s.Start
		}
	}
	return before
}

func (f *fakeOpen) Tracked() int { return len(f.sessions) }
