//go:build linux

package capture

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket/layers"
)

// fifoThreads counts the process's threads with the SCHED_FIFO policy
// (field 41 of /proc/self/task/TID/stat).
func fifoThreads(t *testing.T) int {
	t.Helper()
	stats, err := filepath.Glob("/proc/self/task/*/stat")
	if err != nil || len(stats) == 0 {
		t.Fatalf("no threads in /proc/self/task: %v", err)
	}
	n := 0
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue // the thread ended
		}
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:]) // after "pid (comm) "
		if len(f) > 38 && f[38] == "1" {                         // field 41: policy, 1 = SCHED_FIFO
			n++
		}
	}
	return n
}

// TestLiveQueueReaderPriority: as root with RealTime (live --realtime),
// while packets come, the copying
// goroutine runs on one thread of the lowest real-time priority; when a read
// waits for nothing, and when the capture ends, the thread gets the
// ordinary priority back (no other goroutine ever runs at that priority);
// without the permission no thread changes.
func TestLiveQueueReaderPriority(t *testing.T) {
	before := fifoThreads(t)
	busy := before
	if os.Geteuid() == 0 {
		busy++
	}
	const n = 10
	gate := make(chan struct{})
	q := newLiveQueue("fake0", "fake", layers.LinkTypeEthernet, &fakeRing{n: n, gate: gate}, true)
	for range n {
		gate <- struct{}{} // taken when a read starts: the one before returned a packet
	}
	// The copying now waits in its next read, for the gate.
	if got := fifoThreads(t); got != busy {
		close(gate)
		q.Close()
		t.Fatalf("%d SCHED_FIFO threads while packets come, want %d (euid %d)", got, busy, os.Geteuid())
	}
	gate <- struct{}{} // a read that times out
	deadline := time.Now().Add(5 * time.Second)
	for fifoThreads(t) != before && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if got := fifoThreads(t); got != before {
		close(gate)
		q.Close()
		t.Fatalf("%d SCHED_FIFO threads after a read timed out, want %d", got, before)
	}
	close(gate) // every read from now on: a timeout
	q.Close()   // returns once the copying has ended
	if got := fifoThreads(t); got != before {
		t.Fatalf("%d SCHED_FIFO threads after Close, want %d: the priority outlived the copying", got, before)
	}
}

// TestLiveQueueOrdinaryPriority: without RealTime (live's default, as
// tcpdump) the copying keeps the ordinary priority, root or not.
func TestLiveQueueOrdinaryPriority(t *testing.T) {
	before := fifoThreads(t)
	const n = 10
	gate := make(chan struct{})
	q := newLiveQueue("fake0", "fake", layers.LinkTypeEthernet, &fakeRing{n: n, gate: gate}, false)
	for range n {
		gate <- struct{}{}
	}
	got := fifoThreads(t)
	close(gate)
	q.Close()
	if got != before {
		t.Fatalf("%d SCHED_FIFO threads while packets come without RealTime, want %d", got, before)
	}
}

// TestRealTimePermitted: the probe live --realtime warns with agrees with
// what the copying goroutine gets, and leaves no thread at a real-time
// priority: as root it is allowed; as an unprivileged user (this test's
// binary run again by setpriv as nobody, without capabilities, when the
// test runs as root) it is refused with the permission message.
func TestRealTimePermitted(t *testing.T) {
	if os.Getenv("PPTPSCOPE_RT_PROBE") == "1" {
		fmt.Println("probe:", RealTimePermitted())
		return
	}
	before := fifoThreads(t)
	err := RealTimePermitted()
	if got := fifoThreads(t); got != before {
		t.Fatalf("%d SCHED_FIFO threads after the probe, %d before", got, before)
	}
	refused := "probe: " + msg("realtime-permission").Error()
	if os.Geteuid() != 0 {
		if err == nil || err.Error() != msg("realtime-permission").Error() {
			t.Fatalf("unprivileged: RealTimePermitted() = %v, want %q", err, refused)
		}
		return
	}
	if err != nil {
		t.Fatalf("root: RealTimePermitted() = %v, want nil", err)
	}
	cmd := exec.Command("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all",
		os.Args[0], "-test.run=^TestRealTimePermitted$")
	cmd.Env = append(os.Environ(), "PPTPSCOPE_RT_PROBE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("setpriv: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), refused+"\n") {
		t.Fatalf("as nobody: got\n%s\nwant a line %q", out, refused)
	}
}
