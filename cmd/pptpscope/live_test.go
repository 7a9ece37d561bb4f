package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/capture"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// TestLiveVeth (run by make test, as root in CI): in a network namespace
// with a veth pair, `pptpscope live` on one end sees a real capture
// replayed onto the other end, and reports the same messages, sessions,
// phases and findings as `packets` and `analyze` of the file. Needs root
// (network namespaces, packet sockets): fails without.
func TestLiveVeth(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Fatal("TestLiveVeth needs root (ip netns, veth, packet sockets): run `make test` as root, as CI does")
	}
	// The findings certain before the session ends must come as "finding"
	// events before its "session-end".
	for _, c := range []struct{ name, early string }{
		{"pppd__mschapv2-mppe128.pcap", ""},
		{"pppd__gre-blocked.pcap", "gre-missing"},
		{"pppd__mschapv2-wrong-password.pcap", "auth-failed"},
	} {
		t.Run(c.name, func(t *testing.T) { liveReplay(t, "../../testdata/pcaps/"+c.name, c.early) })
	}
	t.Run("-Z nobody", liveDropRoot) // live_drop_test.go
}

func sh(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// vethPair creates namespace ns with veth end b in it and end a here, both
// up, without IPv6 (no router solicitations on the wire).
func vethPair(t *testing.T) (ns, a, b string) {
	id := fmt.Sprintf("%d%d", os.Getpid()%10000, time.Now().UnixNano()%1000)
	ns, a, b = "pptpscope-"+id, "pscA"+id, "pscB"+id
	sh(t, "ip", "netns", "add", ns)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", ns).Run() })
	sh(t, "ip", "link", "add", a, "type", "veth", "peer", "name", b)
	t.Cleanup(func() { exec.Command("ip", "link", "del", a).Run() })
	sh(t, "ip", "link", "set", b, "netns", ns)
	os.WriteFile("/proc/sys/net/ipv6/conf/"+a+"/disable_ipv6", []byte("1"), 0o644)
	exec.Command("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf."+b+".disable_ipv6=1").Run()
	sh(t, "ip", "link", "set", a, "up")
	sh(t, "ip", "netns", "exec", ns, "ip", "link", "set", b, "up")
	return ns, a, b
}

// replay writes frames onto iface inside namespace ns through a packet
// socket opened by a thread that joined the namespace.
func replay(ns, iface string, frames [][]byte) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with the goroutine
		errc <- func() error {
			f, err := os.Open("/var/run/netns/" + ns)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
				return fmt.Errorf("setns: %w", err)
			}
			ifc, err := net.InterfaceByName(iface)
			if err != nil {
				return err
			}
			fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW, 0)
			if err != nil {
				return err
			}
			defer unix.Close(fd)
			sa := &unix.SockaddrLinklayer{Ifindex: ifc.Index}
			for _, fr := range frames {
				if err := unix.Sendto(fd, fr, 0, sa); err != nil {
					return fmt.Errorf("sendto: %w", err)
				}
				time.Sleep(2 * time.Millisecond)
			}
			return nil
		}()
	}()
	return <-errc
}

// pptpFrames returns the frames of a capture that the default filter keeps.
func pptpFrames(t *testing.T, file string) [][]byte {
	src, err := capture.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	vm, err := bpf.NewVM(capture.DefaultFilterProgram(262144))
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for {
		p, err := src.Next()
		if err != nil {
			break
		}
		if n, err := vm.Run(p.Data); err == nil && n > 0 {
			out = append(out, append([]byte(nil), p.Data...))
		}
	}
	return out
}

type liveEvent struct {
	Type    string          `json:"type"`
	Proto   string          `json:"proto"`
	Msg     string          `json:"msg"`
	Phase   string          `json:"phase"`
	Session json.RawMessage `json:"session"`
	Frames  int             `json:"frames"`
	Finding struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Frames  []int  `json:"frames"`
	} `json:"finding"`
}

// sessionView is what must agree between live and analyze.
type sessionView struct {
	Verdict string `json:"verdict"`
	User    *string
	Phases  []struct {
		Name       string `json:"name"`
		Status     string `json:"status"`
		FrameCount int    `json:"frame_count"`
	} `json:"phases"`
	Findings []struct {
		Code     string `json:"code"`
		Severity string `json:"severity"`
	} `json:"findings"`
}

func liveReplay(t *testing.T, file, early string) {
	ns, a, b := vethPair(t)
	frames := pptpFrames(t, file)
	started := make(chan capture.Live, 1)
	liveStarted = func(l capture.Live) { started <- l }
	t.Cleanup(func() { liveStarted = func(capture.Live) {} })
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		var o, e bytes.Buffer
		code := run([]string{"live", "-i", a, "--format", "json", "-c", strconv.Itoa(len(frames))}, nil, &o, &e)
		done <- result{code, o.String(), e.String()}
	}()
	var live capture.Live
	select {
	case live = <-started:
	case r := <-done:
		t.Fatalf("live exited early: %d %s", r.code, r.err)
	}
	if err := replay(ns, b, frames); err != nil {
		live.Stop()
		t.Fatal(err)
	}
	var r result
	select {
	case r = <-done:
	case <-time.After(20 * time.Second):
		live.Stop()
		r = <-done
		t.Errorf("live did not stop after -c %d", len(frames))
	}
	if r.code != 0 {
		t.Fatalf("live: exit %d: %s", r.code, r.err)
	}

	var msgs, wantMsgs []string
	var sessions []sessionView
	var stats *liveEvent
	var findings []string
	sc := bufio.NewScanner(strings.NewReader(r.out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var ev liveEvent
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("not JSON: %q", sc.Text())
		}
		switch ev.Type {
		case "message":
			msgs = append(msgs, ev.Proto+" "+ev.Msg)
		case "phase":
			if ev.Phase == "" {
				t.Errorf("phase event without phase: %s", sc.Text())
			}
		case "finding":
			if len(sessions) > 0 {
				t.Errorf("finding after a session-end: %s", sc.Text())
			}
			if ev.Finding.Message == "" || len(ev.Finding.Frames) == 0 {
				t.Errorf("finding without message or frames: %s", sc.Text())
			}
			findings = append(findings, ev.Finding.Code)
		case "session-end":
			var s sessionView
			json.Unmarshal(ev.Session, &s)
			sessions = append(sessions, s)
		case "stats":
			stats = &ev
		default:
			t.Errorf("unknown event type: %s", sc.Text())
		}
	}
	var po, pe bytes.Buffer
	if code := run([]string{"packets", "--format", "json", file}, nil, &po, &pe); code != 0 {
		t.Fatalf("packets: %d %s", code, pe.String())
	}
	for _, line := range strings.Split(strings.TrimSpace(po.String()), "\n") {
		var ev liveEvent
		if json.Unmarshal([]byte(line), &ev) == nil && ev.Proto != "" {
			wantMsgs = append(wantMsgs, ev.Proto+" "+ev.Msg)
		}
	}
	if len(wantMsgs) == 0 || !reflect.DeepEqual(msgs, wantMsgs) {
		t.Errorf("messages:\nlive    %q\npackets %q", msgs, wantMsgs)
	}
	var ao, ae bytes.Buffer
	if code := run([]string{"analyze", "--format", "json", file}, nil, &ao, &ae); code != 0 {
		t.Fatalf("analyze: %d %s", code, ae.String())
	}
	var doc struct{ Sessions []sessionView }
	if err := json.Unmarshal(ao.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Sessions) == 0 || !reflect.DeepEqual(sessions, doc.Sessions) {
		t.Errorf("sessions:\nlive    %+v\nanalyze %+v", sessions, doc.Sessions)
	}
	if wantF := strings.Fields(early); !reflect.DeepEqual(findings, wantF) && (len(findings) > 0 || len(wantF) > 0) {
		t.Errorf("finding events %q, want %q", findings, wantF)
	}
	if stats == nil || stats.Frames != len(frames) {
		t.Errorf("stats event %+v, want frames=%d", stats, len(frames))
	}
}

// fakeLive is a capture.Live replaying a capture's packets, then failing
// with err (io.EOF: a clean end).
type fakeLive struct {
	src  capture.Source
	err  error
	n    int
	stop bool
}

func (f *fakeLive) Next() (capture.Packet, error) {
	if f.stop {
		return capture.Packet{}, io.EOF
	}
	p, err := f.src.Next()
	if err == io.EOF {
		return p, f.err
	}
	f.n++
	return p, err
}
func (f *fakeLive) Close() error                      { return f.src.Close() }
func (f *fakeLive) Name() string                      { return "fake0" }
func (f *fakeLive) Stop()                             { f.stop = true }
func (f *fakeLive) Stats() (capture.LiveStats, error) { return capture.LiveStats{Received: f.n}, nil }
func (f *fakeLive) Backend() string                   { return "fake" }
func (f *fakeLive) LinkType() layers.LinkType         { return layers.LinkTypeEthernet }

// TestLiveWriteRotate: -w writes pcap or pcapng (by the name), and with a
// size limit rotates to FILE.1, FILE.2 ... no file over the limit, every
// packet in exactly one file, in order.
func TestLiveWriteRotate(t *testing.T) {
	const in = "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap"
	var want []string
	src, err := capture.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	for {
		p, err := src.Next()
		if err != nil {
			break
		}
		want = append(want, fmt.Sprintf("%d %x", p.CI.Timestamp.UnixNano(), p.Data))
	}
	src.Close()
	for _, c := range []struct {
		name  string
		limit int64
		magic string
	}{
		{"out.pcap", 0, "d4c3b2a1"},
		{"out.pcapng", 0, "0a0d0d0a"},
		{"out.pcap", 4000, "d4c3b2a1"},
		{"out.pcapng", 4000, "0a0d0d0a"},
	} {
		t.Run(fmt.Sprintf("%s-%d", c.name, c.limit), func(t *testing.T) {
			dir := t.TempDir()
			f, err := capture.Open(in)
			if err != nil {
				t.Fatal(err)
			}
			w, err := capture.NewRotatingWriter(filepath.Join(dir, c.name), c.limit, 262144, layers.LinkTypeEthernet)
			if err != nil {
				t.Fatal(err)
			}
			ls := &liveSource{Live: &fakeLive{src: f, err: io.EOF}, w: w}
			for {
				if _, err := ls.Next(); err != nil {
					break
				}
			}
			if ls.werr != nil {
				t.Fatal(ls.werr)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			ls.Close()
			var got []string
			files := 0
			for i := 0; ; i++ {
				name := filepath.Join(dir, c.name)
				if i > 0 {
					name += "." + strconv.Itoa(i)
				}
				b, err := os.ReadFile(name)
				if err != nil {
					break
				}
				files++
				if fmt.Sprintf("%x", b[:4]) != c.magic {
					t.Errorf("%s starts with %x, want %s", name, b[:4], c.magic)
				}
				if c.limit > 0 && int64(len(b)) > c.limit {
					t.Errorf("%s: %d bytes, over the limit %d", name, len(b), c.limit)
				}
				r, err := capture.Open(name)
				if err != nil {
					t.Fatal(err)
				}
				for {
					p, err := r.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					got = append(got, fmt.Sprintf("%d %x", p.CI.Timestamp.UnixNano(), p.Data))
				}
				r.Close()
			}
			if c.limit == 0 && files != 1 || c.limit > 0 && files < 3 {
				t.Errorf("%d files written", files)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("packets written differ: %d, want %d", len(got), len(want))
			}
		})
	}
}

// TestLiveInterfaceDown: when the capture fails (the interface went down),
// live prints the findings and summaries of what it saw, says the
// interface went down, and exits 1.
func TestLiveInterfaceDown(t *testing.T) {
	openLive = func(string, capture.LiveOptions) (capture.Live, error) {
		src, err := capture.Open("../../testdata/pcaps/pppd__gre-blocked.pcap")
		if err != nil {
			return nil, err
		}
		return &fakeLive{src: src, err: errors.New("recvfrom: network is down")}, nil
	}
	t.Cleanup(func() { openLive = capture.OpenLive })
	var o, e bytes.Buffer
	code := run([]string{"live", "-i", "pscgone0", "--width", "100"}, nil, &o, &e)
	out := o.String()
	if code != exitError || !strings.Contains(e.String(), "interface pscgone0 went down: recvfrom: network is down") {
		t.Errorf("exit %d, stderr %q", code, e.String())
	}
	for _, want := range []string{"ERROR gre-missing: GRE from the client does not reach the server",
		"Session 1: 10.0.0.2 → 10.0.0.1", "interface pscgone0 went down\n", "packets captured on pscgone0 (fake)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "ERROR gre-missing") > strings.Index(out, "Session 1:") {
		t.Errorf("the finding comes after the summary:\n%s", out)
	}
	o.Reset()
	e.Reset()
	run([]string{"live", "-i", "pscgone0", "--format", "json"}, nil, &o, &e)
	if !strings.Contains(o.String(), `"interface_down":true`) || !strings.Contains(o.String(), `"type":"finding"`) {
		t.Errorf("JSON output:\n%s", o.String())
	}
}
