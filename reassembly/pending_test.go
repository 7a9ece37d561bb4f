package reassembly

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket/layers"
)

// step is a segment, or a flush (FlushOlderThan at flush) when flush is set.
type step struct {
	seg   segment
	flush time.Time
}

// feed gives steps to a: a segment or a flush each; it returns the stats
// after each step.
func (a *Assembler) feed(steps []step) []Stats {
	var sts []Stats
	for i := range steps {
		s := &steps[i]
		if !s.flush.IsZero() {
			a.FlushOlderThan(s.flush)
		} else {
			a.Packet(s.seg.net, &s.seg.tcp, s.seg.ci, s.seg.frame)
		}
		sts = append(sts, a.Stats())
	}
	return sts
}

// closeAll closes a, appends its final stats to sts and checks that no
// connection is left.
func (a *Assembler) closeAll(sts []Stats) []Stats {
	a.Close()
	if len(a.pending) != 0 || len(a.live) != 0 {
		panic("pending or live connections left after Close")
	}
	return append(sts, a.Stats())
}

// runMode gives steps to a new Assembler, with lone SYNs kept pending
// (pending.go) or given to gopacket at once, and returns what it emitted
// and its stats after each step and at the end.
func runMode(steps []step, opts Options, noDefer bool) ([]result, []Stats) {
	var out []result
	a := New(func(m Message) { out = append(out, toResult(m)) }, opts)
	a.noDefer = noDefer
	return out, a.closeAll(a.feed(steps))
}

func checkSameModes(t *testing.T, steps []step, opts Options) {
	t.Helper()
	got, gotSt := runMode(steps, opts, false)
	want, wantSt := runMode(steps, opts, true)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("messages with pending SYNs:\n%v\nwithout:\n%v", got, want)
	}
	if !reflect.DeepEqual(gotSt, wantSt) {
		for i := range gotSt {
			if gotSt[i] != wantSt[i] {
				t.Errorf("after step %d: stats %+v with pending SYNs, %+v without", i, gotSt[i], wantSt[i])
				break
			}
		}
	}
}

func stepsOf(segs []segment) []step {
	var st []step
	for _, s := range segs {
		st = append(st, step{seg: s})
	}
	return st
}

// captureSegs are the TCP segments of a bundled capture.
type captureSegs struct {
	name string
	segs []segment
}

// allCaptureSegments returns the segments of every bundled capture that
// has some.
func allCaptureSegments(t *testing.T) []captureSegs {
	files, err := os.ReadDir("../testdata/pcaps")
	if err != nil {
		t.Fatal(err)
	}
	var out []captureSegs
	for _, f := range files {
		name := f.Name()
		if !strings.HasSuffix(name, ".pcap") && !strings.HasSuffix(name, ".cap") && !strings.HasSuffix(name, ".pcapng") {
			continue
		}
		if segs := loadSegments(t, filepath.Base(name)); len(segs) > 0 {
			out = append(out, captureSegs{name, segs})
		}
	}
	return out
}

// TestPendingSYNCaptures: keeping lone SYNs pending changes nothing on the
// real captures (messages and every count after each segment), nor on the
// synthetic reworkings of nDPI__pptp.pcap.
func TestPendingSYNCaptures(t *testing.T) {
	n := 0
	for _, c := range allCaptureSegments(t) {
		segs := c.segs
		n++
		t.Run(c.name, func(t *testing.T) {
			checkSameModes(t, stepsOf(segs), Options{})
			checkSameModes(t, stepsOf(segs), Options{MaxStreams: 1})
		})
	}
	if n < 5 {
		t.Fatalf("only %d captures with control connections", n)
	}
	// Stream numbers order what Close gives up: a connection opened by a
	// pending SYN keeps the number of its SYN, before a connection seen
	// later without its SYN. b opens with its SYN; a, without SYN and
	// SYN-ACK, comes before the rest of b; each holds a message after a gap.
	segs := loadSegments(t, base)
	a := without(segs, 1, 2, 8)
	b := without(loadSegments(t, "packetlife__PPTP_negotiation.cap"), 7)
	order := append(append(append([]segment{}, b[0]), a...), b[1:]...)
	got, _ := runMode(stepsOf(order), Options{}, false)
	if len(got) != 10 || got[len(got)-2].Frame != 10 || got[len(got)-1].Frame != 19 {
		t.Errorf("given up at Close out of stream order: %v", got)
	}
	checkSameModes(t, stepsOf(order), Options{})
	for _, tc := range syntheticCases {
		t.Run(tc.name, func(t *testing.T) { checkSameModes(t, stepsOf(tc.build(segs)), tc.opts) })
	}
}

// TestPendingSYNMixed: lone SYNs from many ports (some retransmitted, some
// answered by a SYN-ACK or reset, one followed by the real connection's
// segments), with flushes in between and few streams allowed, give the
// same messages and counts whether the SYNs are kept pending or not.
func TestPendingSYNMixed(t *testing.T) {
	segs := loadSegments(t, base)
	syn, synAck := find(segs, 1), find(segs, 2)
	t0 := syn.ci.Timestamp
	at := func(s segment, port uint16, d time.Duration, frame int) segment {
		if s.tcp.DstPort == PPTPPort {
			s.tcp.SrcPort = layers.TCPPort(port)
		} else {
			s.tcp.DstPort = layers.TCPPort(port)
		}
		s.tcp.SetInternalPortsForTesting()
		s.ci.Timestamp = t0.Add(d)
		s.frame = frame
		return s
	}
	var steps []step
	frame := 1000
	for i := range 40 {
		port := uint16(30000 + i%25) // ports 30000-30014 twice: retransmitted SYNs
		d := time.Duration(i) * 10 * time.Second
		frame++
		steps = append(steps, step{seg: at(syn, port, d, frame)})
		switch i % 7 {
		case 3:
			frame++
			steps = append(steps, step{seg: at(synAck, port, d+time.Millisecond, frame)})
		case 5:
			frame++
			rst := at(syn, port, d+time.Millisecond, frame)
			rst.tcp.SYN, rst.tcp.RST = false, true
			rst.tcp.Seq++
			steps = append(steps, step{seg: rst})
		}
		if i%9 == 8 {
			steps = append(steps, step{flush: t0.Add(d - time.Minute)})
		}
		if i == 20 {
			// The real connection, whose SYN is pending among the others.
			for _, s := range segs {
				s.ci.Timestamp = t0.Add(d + time.Duration(s.frame)*time.Millisecond)
				steps = append(steps, step{seg: s})
			}
		}
	}
	for _, n := range []int{1, 3, 10, 100} {
		checkSameModes(t, steps, Options{MaxStreams: n})
	}
	// The lone SYNs are pending, not gopacket's: none is live.
	a := New(func(Message) {}, Options{})
	for i := range steps[:5] {
		if s := steps[i].seg; steps[i].flush.IsZero() && s.tcp.SYN && !s.tcp.ACK {
			a.Packet(s.net, &s.tcp, s.ci, s.frame)
		}
	}
	if len(a.pending) == 0 || len(a.live) != 0 {
		t.Errorf("%d pending, %d live", len(a.pending), len(a.live))
	}
}

// BenchmarkLoneSYNs: the live heap an Assembler holds for 65,536
// connections seen only through their SYN, with the SYNs kept pending
// (pending) or given to gopacket at once (gopacket).
func BenchmarkLoneSYNs(b *testing.B) {
	syn := find(loadSegments(b, base), 1)
	for _, mode := range []string{"pending", "gopacket"} {
		b.Run(mode, func(b *testing.B) {
			var mb float64
			for range b.N {
				var m0, m1 runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&m0)
				a := New(func(Message) {}, Options{MaxStreams: 1 << 16})
				a.noDefer, a.noFast = mode == "gopacket", mode == "gopacket"
				for i := range 1 << 16 {
					s := syn
					s.tcp.SrcPort = layers.TCPPort(i)
					s.tcp.SetInternalPortsForTesting()
					a.Packet(s.net, &s.tcp, s.ci, i)
				}
				runtime.GC()
				runtime.ReadMemStats(&m1)
				mb = float64(m1.HeapAlloc-m0.HeapAlloc) / 1e6
				runtime.KeepAlive(a)
			}
			b.ReportMetric(mb, "live-MB")
		})
	}
}
