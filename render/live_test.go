package render

import (
	"bytes"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/session"
)

// TestLivePhaseHeaders: the live writer writes a phase header for each
// phase event, before the record (the loop decides when a phase is entered:
// pipeline.TestPhasesPerSession).
func TestLivePhaseHeaders(t *testing.T) {
	c, s := netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("198.51.100.1")
	t0 := time.Unix(1000, 0)
	rec := func(frame, key int, phase, msg string) *session.Record {
		return &session.Record{Frame: frame, Time: t0.Add(time.Duration(frame) * time.Millisecond), Src: c, Dst: s,
			Proto: "LCP", Msg: msg, ID: frame, CallID: 7, Control: true, Phase: phase, SessionKey: key}
	}
	var b bytes.Buffer
	l := NewLiveWriter(&b, false, TextOptions{Width: 100})
	for _, ev := range []struct {
		r     *session.Record
		phase bool
	}{
		{rec(1, 1, session.PhaseLCP, "Configure-Request"), true},
		{rec(2, 2, session.PhaseLCP, "Configure-Request"), true},
		{rec(3, 1, session.PhaseLCP, "Configure-Ack"), false},
		{rec(4, 1, session.PhaseTeardown, "Terminate-Request"), true},
		{rec(5, 2, session.PhaseLCP, "Configure-Ack"), false},
	} {
		if ev.phase {
			if err := l.Phase(ev.r); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.Record(ev.r); err != nil {
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
