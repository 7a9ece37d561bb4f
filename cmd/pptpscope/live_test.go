package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

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
	for _, name := range []string{"pppd__mschapv2-mppe128.pcap", "pppd__gre-blocked.pcap"} {
		t.Run(name, func(t *testing.T) { liveReplay(t, "../../testdata/pcaps/"+name) })
	}
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

func liveReplay(t *testing.T, file string) {
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
	if stats == nil || stats.Frames != len(frames) {
		t.Errorf("stats event %+v, want frames=%d", stats, len(frames))
	}
}
