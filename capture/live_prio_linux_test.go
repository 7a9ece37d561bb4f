//go:build linux

package capture

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// TestLiveQueueReaderPriority: as root the copying goroutine runs on one
// thread of the lowest real-time priority, which ends with it (no other
// goroutine ever runs at that priority); without the permission no thread
// changes.
func TestLiveQueueReaderPriority(t *testing.T) {
	before := fifoThreads(t)
	want := before
	if os.Geteuid() == 0 {
		want++
	}
	q := newLiveQueue("fake0", "fake", layers.LinkTypeEthernet, &fakeRing{n: 10})
	for i := range 10 {
		p, err := q.Next()
		if err != nil {
			t.Fatal(err)
		}
		checkPacket(t, i, p)
	}
	if got := fifoThreads(t); got != want {
		q.Close()
		t.Fatalf("%d SCHED_FIFO threads while capturing, want %d (euid %d)", got, want, os.Geteuid())
	}
	q.Close() // returns once the copying has ended
	if got := fifoThreads(t); got != before {
		t.Fatalf("%d SCHED_FIFO threads after Close, want %d: the priority outlived the copying", got, before)
	}
}
