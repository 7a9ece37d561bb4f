package pipeline

import (
	"net/netip"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/session"
)

// TestPhasesPerSession: two sessions between the same hosts at once (a
// client reconnecting while its old session lingers) each get their own
// phase events: records are grouped by the tracker's session, not by the
// address pair; a session's end forgets only its own state.
func TestPhasesPerSession(t *testing.T) {
	c, s := netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("198.51.100.1")
	t0 := time.Unix(1000, 0)
	rec := func(frame, key int, phase, msg string) *session.Record {
		return &session.Record{Frame: frame, Time: t0.Add(time.Duration(frame) * time.Millisecond), Src: c, Dst: s,
			Proto: "LCP", Msg: msg, ID: frame, CallID: 7, Control: true, Phase: phase, SessionKey: key}
	}
	p := phases{}
	var got []int
	for _, r := range []*session.Record{
		rec(1, 1, session.PhaseLCP, "Configure-Request"),
		rec(2, 2, session.PhaseLCP, "Configure-Request"), // the second session: its own event
		rec(3, 1, session.PhaseLCP, "Configure-Ack"),     // back to the first: none
		rec(4, 1, session.PhaseTeardown, "Terminate-Request"),
		rec(5, 2, session.PhaseLCP, "Configure-Ack"), // the second is still in LCP
	} {
		if p.entered(r) {
			got = append(got, r.Frame)
		}
	}
	if want := []int{1, 2, 4}; !equalInts(got, want) {
		t.Fatalf("phase events at frames %v, want %v", got, want)
	}
	delete(p, 1) // session 1 ended
	if !p.entered(rec(6, 1, session.PhaseLCP, "Configure-Request")) || p.entered(rec(7, 2, session.PhaseLCP, "Configure-Ack")) {
		t.Fatal("after session 1 ended: a new session 1 must get its event, session 2 none")
	}
}
