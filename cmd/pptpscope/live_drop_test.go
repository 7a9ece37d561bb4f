package main

import (
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/capture"
)

// TestLiveHelperProcess is pptpscope itself when a test runs this binary
// with PPTPSCOPE_HELPER_ARGS set (arguments separated by \x1f): giving up root
// must not happen in the test process. Otherwise it does nothing.
func TestLiveHelperProcess(t *testing.T) {
	args := os.Getenv("PPTPSCOPE_HELPER_ARGS")
	if args == "" {
		return
	}
	os.Exit(run(strings.Split(args, "\x1f"), os.Stdin, os.Stdout, os.Stderr))
}

// liveDropRoot (in TestLiveVeth, as root): live -Z nobody -w FILE
// --rotate-size captures a replayed session and every file it writes,
// FILE and each FILE.N, belongs to nobody and holds its share of the
// packets.
func liveDropRoot(t *testing.T) {
	nobody, err := user.Lookup("nobody")
	if err != nil {
		t.Fatal(err)
	}
	uid, _ := strconv.Atoi(nobody.Uid)
	ns, a, b := vethPair(t)
	frames := pptpFrames(t, "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap")
	dir, err := os.MkdirTemp("", "pptpscope-Z")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil { // nobody may create files here
		t.Fatal(err)
	}
	out := filepath.Join(dir, "cap.pcap")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLiveHelperProcess$")
	cmd.Env = append(os.Environ(), "PPTPSCOPE_HELPER_ARGS="+strings.Join([]string{"live", "-i", a, "-Z", "nobody",
		"-c", strconv.Itoa(len(frames)), "-w", out, "--rotate-size", "4000", "--format", "json"}, "\x1f"))
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// FILE is created after the interface is open: then the replay is seen.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(out); err == nil {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("live exited before writing %s: %v: %s", out, err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("live wrote no %s: %s", out, stderr.String())
		}
	}
	if err := replay(ns, b, frames); err != nil {
		cmd.Process.Kill()
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("live -Z nobody: %v: %s", err, stderr.String())
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("live did not stop after -c %d: %s", len(frames), stderr.String())
	}
	packets, files := 0, 0
	for i := 0; ; i++ {
		name := out
		if i > 0 {
			name += "." + strconv.Itoa(i)
		}
		st, err := os.Stat(name)
		if err != nil {
			break
		}
		files++
		if owner := st.Sys().(*syscall.Stat_t).Uid; int(owner) != uid {
			t.Errorf("%s belongs to uid %d, not nobody (%d)", name, owner, uid)
		}
		src, err := capture.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		for {
			if _, err := src.Next(); err != nil {
				break
			}
			packets++
		}
		src.Close()
	}
	if files < 2 || packets != len(frames) {
		t.Errorf("%d files with %d packets, want rotated files with %d", files, packets, len(frames))
	}
}

// TestLiveDropErrors: -Z with an unknown user is a usage error before
// the interface is opened.
func TestLiveDropErrors(t *testing.T) {
	opened := false
	openLive = func(string, capture.LiveOptions) (capture.Live, error) {
		opened = true
		src, err := capture.Open("../../testdata/pcaps/pppd__gre-blocked.pcap")
		if err != nil {
			return nil, err
		}
		return &fakeLive{src: src, err: io.EOF}, nil
	}
	t.Cleanup(func() { openLive = capture.OpenLive })
	code, _, stderr := runCapture(t, nil, "live", "-i", "fake0", "-Z", "no-such-user-pptpscope")
	if code != exitUsage || opened || !strings.Contains(stderr, "-Z no-such-user-pptpscope: no such user") {
		t.Errorf("unknown user: exit %d, interface opened %v, stderr %q", code, opened, stderr)
	}
}
