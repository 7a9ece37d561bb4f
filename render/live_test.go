package render

import (
	"bytes"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/session"
)

// TestLivePhasesPerSession: two sessions between the same hosts at once
// (a client reconnecting while its old session lingers) each get their
// own phase headers: records are grouped by the tracker's session, not by
// the address pair; a session's end forgets only its own state.
func TestLivePhasesPerSession(t *testing.T) {
	c, s := netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("198.51.100.1")
	t0 := time.Unix(1000, 0)
	rec := func(frame, key int, phase, msg string) *session.Record {
		return &session.Record{Frame: frame, Time: t0.Add(time.Duration(frame) * time.Millisecond), Src: c, Dst: s,
			Proto: "LCP", Msg: msg, ID: frame, CallID: 7, Control: true, Phase: phase, SessionKey: key}
	}
	var b bytes.Buffer
	l := NewLiveWriter(&b, false, TextOptions{Width: 100})
	for _, r := range []*session.Record{
		rec(1, 1, session.PhaseLCP, "Configure-Request"),
		rec(2, 2, session.PhaseLCP, "Configure-Request"), // the second session: its own header
		rec(3, 1, session.PhaseLCP, "Configure-Ack"),     // back to the first: no new header
		rec(4, 1, session.PhaseTeardown, "Terminate-Request"),
		rec(5, 2, session.PhaseLCP, "Configure-Ack"), // the second is still in LCP
	} {
		if err := l.Record(r); err != nil {
			t.Fatal(err)
		}
	}
	var headers []string
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.Contains(line, "↔") {
			headers = append(headers, line)
		}
	}
	want := []string{
		"192.0.2.1 ↔ 198.51.100.1  2.3 LCP",
		"192.0.2.1 ↔ 198.51.100.1  2.3 LCP",
		"192.0.2.1 ↔ 198.51.100.1  teardown",
	}
	if strings.Join(headers, "\n") != strings.Join(want, "\n") {
		t.Fatalf("phase headers:\n%s\nwant:\n%s\n(output:\n%s)", strings.Join(headers, "\n"), strings.Join(want, "\n"), b.String())
	}
}
