//go:build cgo || linux

package capture

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// fakeRing hands out n packets of varied sizes (byte i%251 repeated,
// timestamps 1 us apart, in the local zone as the backends give them),
// then the error end (nil: timeouts until closed). With gate set, each
// read waits for a value from it first.
type fakeRing struct {
	n      int
	end    error
	gate   chan struct{}
	reads  atomic.Int64 // packets handed out
	closed atomic.Bool
	buf    []byte
}

var fakeStart = time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 3600))

func fakeSize(i int) int {
	if i%1000 == 999 {
		return MaxPacketLen // the longest packet: a batch of its own
	}
	return 60 + (i*37)%1400
}

func fakePacket(i int) []byte { return bytes.Repeat([]byte{byte(i % 251)}, fakeSize(i)) }

func (r *fakeRing) read() ([]byte, gopacket.CaptureInfo, error) {
	if r.gate != nil {
		<-r.gate
	}
	i := int(r.reads.Load())
	if i >= r.n {
		if r.end != nil {
			return nil, gopacket.CaptureInfo{}, r.end
		}
		time.Sleep(time.Millisecond)
		return nil, gopacket.CaptureInfo{}, errRingTimeout
	}
	r.reads.Add(1)
	r.buf = append(r.buf[:0], fakePacket(i)...) // the ring reuses its memory: the queue must copy
	ci := gopacket.CaptureInfo{Timestamp: fakeStart.Add(time.Duration(i) * time.Microsecond), CaptureLength: len(r.buf), Length: len(r.buf) + 4}
	return r.buf, ci, nil
}

func (r *fakeRing) stats() (LiveStats, error) {
	return LiveStats{Received: int(r.reads.Load()), Dropped: 7}, nil
}

func (r *fakeRing) close() { r.closed.Store(true) }

// checkPacket compares the i-th packet the queue gave with what the ring
// handed out.
func checkPacket(t *testing.T, i int, p Packet) {
	t.Helper()
	want := fakePacket(i)
	ts := fakeStart.Add(time.Duration(i) * time.Microsecond)
	if !bytes.Equal(p.Data, want) || p.Frame != i+1 || p.LinkType != layers.LinkTypeEthernet ||
		!p.CI.Timestamp.Equal(ts) || p.CI.Timestamp.Location() != time.UTC ||
		p.CI.CaptureLength != len(want) || p.CI.Length != len(want)+4 {
		t.Fatalf("packet %d: frame %d, %d bytes (first %#x), %v, lengths %d/%d; want frame %d, %d bytes of %#x, %v UTC, %d/%d",
			i, p.Frame, len(p.Data), p.Data[:min(len(p.Data), 1)], p.CI.Timestamp, p.CI.CaptureLength, p.CI.Length,
			i+1, len(want), want[0], ts, len(want), len(want)+4)
	}
}

// TestLiveQueueOrder: every packet, in order, with its bytes, UTC time and
// lengths, then the ring's error.
func TestLiveQueueOrder(t *testing.T) {
	const n = 5000
	end := errors.New("interface went down")
	r := &fakeRing{n: n, end: end}
	q := newLiveQueue("fake0", "fake", layers.LinkTypeEthernet, r, false)
	for i := range n {
		p, err := q.Next()
		if err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		checkPacket(t, i, p)
	}
	if _, err := q.Next(); err != end {
		t.Fatalf("after the packets: %v, want the ring's error", err)
	}
	if _, err := q.Next(); err != end {
		t.Fatalf("again: %v, want the ring's error", err)
	}
	q.Close()
	if !r.closed.Load() {
		t.Fatal("Close did not close the ring")
	}
	if st, err := q.Stats(); err != nil || st != (LiveStats{Received: n, Dropped: 7}) {
		t.Fatalf("stats after Close: %+v, %v", st, err)
	}
}

// TestLiveQueueTimeout: a few packets, then nothing: they are handed over
// at the ring's timeout, not when a batch is full.
func TestLiveQueueTimeout(t *testing.T) {
	r := &fakeRing{n: 3}
	q := newLiveQueue("fake0", "fake", layers.LinkTypeEthernet, r, false)
	defer q.Close()
	for i := range 3 {
		p, err := q.Next()
		if err != nil {
			t.Fatal(err)
		}
		checkPacket(t, i, p)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if _, err := q.Next(); err != io.EOF {
			t.Errorf("Next after Stop: %v, want io.EOF", err)
		}
	}()
	time.Sleep(20 * time.Millisecond)
	q.Stop() // ends the Next waiting for packets
	wg.Wait()
	if _, err := q.Next(); err != io.EOF {
		t.Fatalf("Next after Stop: %v, want io.EOF", err)
	}
}

// TestLiveQueueBounded: while the analysis does not read, the queue takes
// at most QueueBytes of packets from the ring (then the kernel's buffer
// would fill and the kernel drop); once read, they all come, in order.
func TestLiveQueueBounded(t *testing.T) {
	n := 3 * QueueBytes / 700
	gate := make(chan struct{})
	r := &fakeRing{n: n, end: io.EOF, gate: gate}
	q := newLiveQueue("fake0", "fake", layers.LinkTypeEthernet, r, false)
	defer q.Close()
	// Feed the ring until the copying stops asking for packets once every
	// batch is allocated (fill allocates them as the copying asks).
feed:
	for {
		select {
		case gate <- struct{}{}:
		case <-time.After(200 * time.Millisecond):
			if q.alive.Load() >= queueBatches && len(q.free) == 0 {
				break feed
			}
		}
	}
	taken := int(r.reads.Load())
	size := 0
	for i := range taken {
		size += fakeSize(i)
	}
	if taken >= n || size > QueueBytes+MaxPacketLen || size < QueueBytes/2 {
		t.Fatalf("the queue took %d packets (%d bytes) of %d before the analysis read any, want about %d bytes", taken, size, n, QueueBytes)
	}
	if a := q.alive.Load(); a > queueBatches {
		t.Fatalf("%d batches, at most %d", a, queueBatches)
	}
	go openGate(q, gate)
	readAll(t, q, n)
	if a := q.alive.Load(); a > queueKeep+2 {
		t.Errorf("%d batches kept after the queue drained, want at most %d", a, queueKeep+2)
	}
}

// TestLiveQueueCopyingNeverAllocates: the goroutine that copies the ring
// never allocates a batch itself (fill does, ahead), so the garbage
// collector never drafts it to mark while the kernel's buffer fills: the
// queue grows from its first batches to QueueBytes and drains again, and no
// batch is allocated with (*liveQueue).run on the stack.
func TestLiveQueueCopyingNeverAllocates(t *testing.T) {
	var calls, byRun atomic.Int64
	orig := newLiveBatch
	defer func() { newLiveBatch = orig }()
	newLiveBatch = func() *liveBatch {
		calls.Add(1)
		pc := make([]uintptr, 64)
		frames := runtime.CallersFrames(pc[:runtime.Callers(1, pc)])
		for {
			f, more := frames.Next()
			if strings.HasSuffix(f.Function, "(*liveQueue).run") {
				byRun.Add(1)
			}
			if !more {
				break
			}
		}
		return orig()
	}
	n := 2 * QueueBytes / 700
	gate := make(chan struct{})
	r := &fakeRing{n: n, end: io.EOF, gate: gate}
	q := newLiveQueue("fake0", "fake", layers.LinkTypeEthernet, r, false)
	defer q.Close()
	go openGate(q, gate)
	// The analysis reads nothing until the copying waits for batches.
	for q.alive.Load() < queueBatches || len(q.free) > 0 {
		time.Sleep(time.Millisecond)
	}
	readAll(t, q, n)
	if calls.Load() < queueBatches {
		t.Fatalf("%d batches allocated, want the queue to grow to %d", calls.Load(), queueBatches)
	}
	if byRun.Load() != 0 {
		t.Fatalf("%d of %d batches allocated by the copying goroutine, want none", byRun.Load(), calls.Load())
	}
}

// openGate lets every read of the fake ring through until the copying ends.
func openGate(q *liveQueue, gate chan<- struct{}) {
	for {
		select {
		case gate <- struct{}{}:
		case <-q.exited:
			return
		}
	}
}

// readAll reads the n packets of the fake ring, in order and whole, then
// io.EOF.
func readAll(t *testing.T, q *liveQueue, n int) {
	t.Helper()
	for i := range n {
		p, err := q.Next()
		if err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		checkPacket(t, i, p)
	}
	if _, err := q.Next(); err != io.EOF {
		t.Fatalf("at the end: %v, want io.EOF", err)
	}
}
