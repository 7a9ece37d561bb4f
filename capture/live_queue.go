//go:build cgo || linux

package capture

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// ring is what a live backend gives the queue: packets read one at a time
// from the kernel's buffer (libpcap's or the AF_PACKET ring), each valid
// until the next read.
type ring interface {
	// read returns the next packet, or errRingTimeout when none came
	// within the backend's timeout (at most liveLatency).
	read() ([]byte, gopacket.CaptureInfo, error)
	// stats are the kernel's counters.
	stats() (LiveStats, error)
	// close releases the handle; read is no longer running.
	close()
}

// errRingTimeout: a ring read that timed out.
var errRingTimeout = errors.New("capture: read timed out")

// The queue between the ring and the analysis: the packets of a ring are
// copied, as soon as the kernel hands them over, into batches of
// queueBatchBytes (or queueBatchPackets), so the kernel gets its buffer
// back at once; at most QueueBytes of batches wait for the analysis. When
// that is full the copying waits, the kernel's buffer fills and the kernel
// drops what does not fit, counted in LiveStats.Dropped as before: the
// capture buffers the -B (or default) kernel buffer plus QueueBytes.
const (
	// QueueBytes bounds the packet data copied out of the kernel's buffer
	// and not yet analyzed (batch buffers, allocated only when needed).
	QueueBytes        = 64 << 20
	queueBatchBytes   = 1 << 20 // at least MaxPacketLen: the longest packet fits in an empty batch
	queueBatchPackets = 8192
	queueBatches      = QueueBytes / queueBatchBytes
	// queueSpan: a batch is handed over once it spans this long (packet
	// time), so that it waits no longer when packets keep coming. Each
	// handover wakes the analysis when it waits (it usually does: it is
	// faster than the wire), which costs as much as analyzing hundreds of
	// packets on a busy VM.
	queueSpan = 50 * time.Millisecond
	// queueKeep batches are kept for reuse when the analysis has caught up
	// (a new batch is zeroed memory: page faults); the others are left to
	// the garbage collector.
	queueKeep = 8
	// queueAhead free batches are kept ready for the copying by a goroutine
	// of their own (fill), so that the copying never allocates: a goroutine
	// that allocates is drafted for the garbage collector's marking in
	// proportion (measured: 8 ms at a time, with the default 2 MiB kernel
	// buffer full in 6 to 20 ms). 4 MiB: 13 ms of a 2.5 Gbit/s wire, as
	// long as the filling may wait for its own assist.
	queueAhead = 4
)

// newLiveBatch allocates a batch (a variable: the tests check who calls it).
var newLiveBatch = func() *liveBatch {
	return &liveBatch{buf: make([]byte, 0, queueBatchBytes), pkts: make([]queued, 0, queueBatchPackets)}
}

// queued is a packet in a batch: no pointers, so that a full queue costs
// the garbage collector nothing to scan.
type queued struct {
	ns          int64 // timestamp, Unix nanoseconds
	off, caplen uint32
	length      uint32
}

type liveBatch struct {
	buf  []byte
	pkts []queued
	err  error // ends the capture after the packets
}

// liveQueue is the Live of both backends: a goroutine drains the ring into
// batches (run), Next hands out their packets in order.
type liveQueue struct {
	name, backend string
	link          layers.LinkType
	r             ring

	full    chan *liveBatch // batches to analyze, in order (never blocks: it holds every batch and the error's)
	free    chan *liveBatch // batches to reuse (never blocks: it can hold every batch)
	grow    chan struct{}   // asks fill for more free batches
	alive   atomic.Int32    // batches allocated and not dropped
	done    chan struct{}   // closed by Stop
	exited  chan struct{}   // closed when run returns
	filled  chan struct{}   // closed when fill returns
	stopped atomic.Bool
	once    sync.Once

	cur   *liveBatch
	i     int
	err   error
	frame int

	mu     sync.Mutex
	closed bool
	final  LiveStats

	realtime bool // LiveOptions.RealTime
}

func newLiveQueue(name, backend string, link layers.LinkType, r ring, realtime bool) *liveQueue {
	q := &liveQueue{name: name, backend: backend, link: link, r: r, realtime: realtime,
		full: make(chan *liveBatch, queueBatches+1), free: make(chan *liveBatch, queueBatches),
		grow: make(chan struct{}, 1), done: make(chan struct{}), exited: make(chan struct{}), filled: make(chan struct{})}
	q.more()
	go q.fill()
	go q.run()
	return q
}

// more allocates free batches until queueAhead are free or the queue has
// queueBatches.
func (q *liveQueue) more() {
	for len(q.free) < queueAhead && q.alive.Load() < queueBatches {
		q.alive.Add(1)
		q.free <- newLiveBatch()
	}
}

// fill allocates the batches the copying asks for, until Stop.
func (q *liveQueue) fill() {
	defer close(q.filled)
	for {
		select {
		case <-q.grow:
			q.more()
		case <-q.done:
			return
		}
	}
}

// batch returns an empty batch: a free one, else the next one fill
// allocates or the analysis frees (nil after Stop). It never allocates.
func (q *liveQueue) batch() *liveBatch {
	var b *liveBatch
	select {
	case b = <-q.free:
	default:
		q.askMore()
		select {
		case b = <-q.free:
		case <-q.done:
			return nil
		}
	}
	if len(q.free) < queueAhead {
		q.askMore()
	}
	return b
}

func (q *liveQueue) askMore() {
	select {
	case q.grow <- struct{}{}:
	default: // already asked
	}
}

// run copies the ring's packets into batches and hands each over when it
// is full, when its first packet is queueSpan older than the last, or when
// the ring had nothing within its timeout.
func (q *liveQueue) run() {
	defer close(q.exited)
	// The real-time thread (readerPriority) is held while packets come and
	// given back when a read waits for nothing: a locked thread's goroutine
	// that yields (libpcap's reads do when they time out) waits for a
	// thread of ordinary priority to hand it back its own (go tool trace
	// under load: 35-105 ms, and the kernel's buffer fills meanwhile if a
	// burst starts then).
	var restore func()
	defer func() {
		if restore != nil {
			restore()
		}
	}()
	var b *liveBatch
	var first int64
	for !q.stopped.Load() {
		data, ci, err := q.r.read()
		if err == errRingTimeout {
			if b != nil && len(b.pkts) > 0 {
				q.full <- b
				b = nil
			}
			if restore != nil {
				restore()
				restore = nil
			}
			continue
		}
		if restore == nil && err == nil && q.realtime {
			restore = readerPriority()
		}
		if err != nil {
			if q.stopped.Load() {
				return
			}
			if b == nil {
				b = &liveBatch{}
			}
			b.err = err
			q.full <- b
			return
		}
		if b == nil {
			if b = q.batch(); b == nil {
				return
			}
		}
		ns := ci.Timestamp.UnixNano()
		if len(b.pkts) == 0 {
			first = ns
		}
		if len(b.buf)+len(data) > cap(b.buf) {
			q.full <- b
			if b = q.batch(); b == nil {
				return
			}
			first = ns
		}
		off := len(b.buf)
		b.buf = append(b.buf, data...)
		b.pkts = append(b.pkts, queued{ns: ns, off: uint32(off), caplen: uint32(len(data)), length: uint32(ci.Length)})
		if len(b.pkts) >= queueBatchPackets || ns-first >= int64(queueSpan) || ns < first {
			q.full <- b
			b = nil
		}
	}
}

// Next returns the next packet, io.EOF after Stop, or the capture's error
// after the packets before it.
func (q *liveQueue) Next() (Packet, error) {
	for {
		if q.stopped.Load() {
			return Packet{}, io.EOF
		}
		if b := q.cur; b != nil && q.i < len(b.pkts) {
			p := b.pkts[q.i]
			q.i++
			q.frame++
			data := b.buf[p.off : p.off+p.caplen : p.off+p.caplen]
			ci := gopacket.CaptureInfo{Timestamp: time.Unix(0, p.ns).UTC(), CaptureLength: int(p.caplen), Length: int(p.length)}
			return Packet{Data: data, CI: ci, LinkType: q.link, Frame: q.frame}, nil
		}
		if q.err != nil {
			return Packet{}, q.err
		}
		if b := q.cur; b != nil {
			// The last packet of b was valid until this call.
			q.cur = nil
			if b.err != nil {
				q.err = b.err
				continue
			}
			b.buf, b.pkts = b.buf[:0], b.pkts[:0]
			if len(q.free) < queueKeep {
				q.free <- b
			} else {
				q.alive.Add(-1) // left to the garbage collector: the queue shrinks after a burst
			}
		}
		select {
		case q.cur = <-q.full:
			q.i = 0
		case <-q.done:
			return Packet{}, io.EOF
		}
	}
}

// Stop makes Next return io.EOF and ends the copying (within the ring's
// timeout); the packets still queued are not analyzed.
func (q *liveQueue) Stop() {
	q.once.Do(func() {
		q.stopped.Store(true)
		close(q.done)
	})
}

// Stats are the kernel's counters: packets the filter accepted (dropped
// ones included) and packets dropped because the kernel's buffer was full
// (which it is when the queue is). After Stop it waits for the copying to
// end (libpcap's handle is not for two threads at once).
func (q *liveQueue) Stats() (LiveStats, error) {
	if q.stopped.Load() {
		<-q.exited
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return q.final, nil
	}
	return q.r.stats()
}

// Close stops the capture, waits for the copying (and fill) to end and
// releases the handle.
func (q *liveQueue) Close() error {
	q.Stop()
	<-q.exited
	<-q.filled
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.closed {
		q.final, _ = q.r.stats()
		q.closed = true
		q.r.close()
	}
	return nil
}

func (q *liveQueue) Name() string              { return q.name }
func (q *liveQueue) Backend() string           { return q.backend }
func (q *liveQueue) LinkType() layers.LinkType { return q.link }
