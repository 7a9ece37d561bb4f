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
	if err := l.End(a, LiveStats{Interface: "eth0", Backend: "pcap", Frames: 42, Received: 40, Dropped: 2}); err != nil {
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
