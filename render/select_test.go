package render

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/session"
)

// heldCounter is a Holder that counts what it writes.
type heldCounter struct {
	session.NopSink
	written int
}

func (h *heldCounter) Hold(*session.Record) (func() error, int) {
	return func() error { h.written++; return nil }, 100
}

// TestSelectBounded: a selection holds at most MaxHeldRecords records of
// open sessions; the rest are counted in its line, not kept.
func TestSelectBounded(t *testing.T) {
	inner := &heldCounter{}
	sink := Select(inner, Selection{Failed: true}, SelectOptions{})
	sel := sink.(*selector)
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	a := netip.MustParseAddr("192.0.2.1")
	for i := 0; i < MaxHeldRecords+10; i++ {
		if err := sink.Record(&session.Record{Frame: i + 1, Time: t0, Src: a, Dst: a, SessionKey: 1 + i%3}); err != nil {
			t.Fatal(err)
		}
	}
	if sel.nHeld != MaxHeldRecords || sel.dropped != 10 {
		t.Fatalf("held %d, dropped %d; want %d and 10", sel.nHeld, sel.dropped, MaxHeldRecords)
	}
	res := SelectionResult{Shown: 0, Total: 3, LeftOut: map[string]int{"--failed": 3}, RecordsDropped: 10}
	const want = "0 of 3 sessions shown; 3 left out by --failed; 10 records of open sessions not listed: more than 200000 were held waiting for their session's end"
	if got := res.Line("en"); got != want {
		t.Errorf("line %q, want %q", got, want)
	}
}

// TestParseTimeBound: RFC 3339 and offsets from the capture's start.
func TestParseTimeBound(t *testing.T) {
	start := time.Date(2019, 6, 15, 14, 37, 10, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
		bad  bool
	}{
		{"+30s", start.Add(30 * time.Second), false},
		{"+1h30m", start.Add(90 * time.Minute), false},
		{"+1.5", start.Add(1500 * time.Millisecond), false},
		{"2019-06-15T14:37:20Z", time.Date(2019, 6, 15, 14, 37, 20, 0, time.UTC), false},
		{"2019-06-15T16:37:20+02:00", time.Date(2019, 6, 15, 14, 37, 20, 0, time.UTC), false},
		{"+-1s", time.Time{}, true},
		{"yesterday", time.Time{}, true},
		{"14:37", time.Time{}, true},
	} {
		b, err := ParseTimeBound(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("%q: no error", tc.in)
			}
			continue
		}
		if err != nil || !b.at(start).Equal(tc.want) {
			t.Errorf("%q: %v, %v; want %v", tc.in, b.at(start), err, tc.want)
		}
	}
}

// TestListsInChinese: the lists inside the summary and selection lines are
// joined with the Chinese enumeration comma in Chinese.
func TestListsInChinese(t *testing.T) {
	c := SessionSummary{Sessions: 2, Failed: 2, codes: map[string]int{"auth-failed": 2, "gre-loss": 1}}
	for lang, want := range map[string]string{
		"en": "; most frequent findings: auth-failed (2), gre-loss (1)",
		"zh": "；最常见的诊断：auth-failed（2）、gre-loss（1）",
	} {
		if got := c.Line(lang); !strings.HasSuffix(got, want) {
			t.Errorf("%s: summary %q does not end with %q", lang, got, want)
		}
	}
	res := SelectionResult{Total: 3, LeftOut: map[string]int{"--failed": 1, "--host": 1}}
	if got := res.Line("zh"); !strings.Contains(got, "、") || strings.Contains(got, ", ") {
		t.Errorf("zh selection line %q: want its list joined with 、", got)
	}
}
