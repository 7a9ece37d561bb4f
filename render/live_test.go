package render

import (
	"bytes"
	"errors"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/pipeline"
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

// TestLiveChinese: with Lang zh the live writer's phase headers, findings,
// session summaries and capture statistics are Chinese; JSON keeps the codes
// and writes the message in the language it is given.
func TestLiveChinese(t *testing.T) {
	a := analyzeCapture(t, "../testdata/pcaps/pppd__gre-blocked.pcap")
	s := a.Sessions[0]
	var f session.Finding
	for _, x := range s.Findings {
		if x.Code == session.FindingGREMissing {
			f = x
		}
	}
	if f.Code == "" {
		t.Fatal("no gre-missing finding")
	}
	var b bytes.Buffer
	l := NewLiveWriter(&b, false, TextOptions{Width: 100, Lang: "zh"})
	r := &session.Record{Frame: 1, Time: s.Start, Src: s.Client.Addr, Dst: s.Server.Addr, Proto: "LCP", Msg: "Configure-Request",
		ID: 1, Control: true, Phase: session.PhaseLCP, SessionKey: 1}
	if err := l.Record(r); err != nil {
		t.Fatal(err)
	}
	if err := l.Finding(s, f); err != nil {
		t.Fatal(err)
	}
	l.Stats = func() LiveStats {
		return LiveStats{Interface: "eth0", Backend: "pcap", Frames: 42, Received: 40, Dropped: 2}
	}
	if err := l.SessionEnd(s); err != nil {
		t.Fatal(err)
	}
	if err := l.End(a); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"2.3 LCP 协商", "错误 gre-missing：客户端发出的 GRE 没有到达服务器", "会话 1：", "诊断结果", "在 eth0（pcap）上抓到 42 个报文，过滤器收到 40 个，内核丢弃 2 个"} {
		if !strings.Contains(out, want) {
			t.Errorf("live zh output lacks %q:\n%s", want, out)
		}
	}
	b.Reset()
	l = NewLiveWriter(&b, true, TextOptions{Lang: "zh"})
	if err := l.Finding(s, f); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, `"code":"gre-missing"`) || !strings.Contains(out, `"side":"client"`) || !strings.Contains(out, "客户端发出的 GRE") {
		t.Errorf("live JSON finding: %s", out)
	}
}

// syncBuffer is a bytes.Buffer safe for the LiveWriter's timer.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestLiveLatency: with Latency the live writer's output waits in its
// buffer and comes out by the timer, or at once at End; on every bundled
// capture, with the live policy keeping no messages (as pptpscope live
// runs it), byte for byte what it writes without Latency from the policy
// that keeps them. A write error of the timer comes back from the next
// event.
func TestLiveLatency(t *testing.T) {
	for _, p := range captures(t) {
		for _, jsonOut := range []bool{false, true} {
			var want bytes.Buffer
			liveRun(t, p, NewLiveWriter(&want, jsonOut, TextOptions{Width: 100}), false)
			var got syncBuffer
			l := NewLiveWriter(&got, jsonOut, TextOptions{Width: 100})
			l.Latency = time.Hour // only End writes
			liveRun(t, p, l, true)
			if got.String() != want.String() {
				t.Errorf("%s (json %v): with Latency and no messages:\n%s\nwithout:\n%s", p, jsonOut, got.String(), want.String())
			}
			if !strings.Contains(want.String(), "received") {
				t.Errorf("%s: no statistics in\n%s", p, want.String())
			}
		}
	}

	c, s := netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("198.51.100.1")
	r := &session.Record{Frame: 1, Time: time.Unix(1000, 0), Src: c, Dst: s, Proto: "LCP", Msg: "Configure-Request",
		ID: 1, CallID: 7, Control: true, Phase: session.PhaseLCP, SessionKey: 1}
	var b syncBuffer
	l := NewLiveWriter(&b, false, TextOptions{Width: 100})
	l.Latency = 20 * time.Millisecond
	if err := l.Record(r); err != nil {
		t.Fatal(err)
	}
	if b.String() != "" {
		t.Fatalf("written before the latency: %q", b.String())
	}
	deadline := time.Now().Add(10 * time.Second)
	for b.String() == "" && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if !strings.Contains(b.String(), "LCP Configure-Request id=1") {
		t.Fatalf("the timer wrote %q", b.String())
	}

	fail := errors.New("disk full")
	l = NewLiveWriter(failWriter{fail}, false, TextOptions{Width: 100})
	l.Latency = time.Millisecond
	if err := l.Record(r); err != nil {
		t.Fatalf("first record: %v (the write comes later)", err)
	}
	var err error
	for deadline := time.Now().Add(10 * time.Second); err == nil && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
		err = l.Record(r)
	}
	if !errors.Is(err, fail) {
		t.Fatalf("records after the timer's failed write: %v, want %v", err, fail)
	}
	if err := l.End(&session.Analysis{}); !errors.Is(err, fail) {
		t.Fatalf("End after a failed write: %v, want %v", err, fail)
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

// liveRun runs the live policy over a capture into l.
func liveRun(t *testing.T, path string, l *LiveWriter, noMessages bool) {
	t.Helper()
	src, err := capture.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	l.Stats = func() LiveStats { return LiveStats{Interface: "eth0", Backend: "test", Received: 10, Frames: 10} }
	pol := pipeline.Live(0, 0, 0)
	pol.NoMessages = noMessages
	if _, err := pipeline.Run(src, pipeline.Options{Policy: pol}, l); err != nil {
		t.Fatal(err)
	}
}
