package reassembly

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// fullMsg is an emitted Message with every field, Data copied.
type fullMsg Message

func (m fullMsg) String() string {
	return fmt.Sprintf("{frame %d %v %v %v lost %d trunc %v %x}", m.Frame, m.Time.Format(time.RFC3339Nano),
		m.Net, m.Transport, m.Lost, m.Truncated, m.Data)
}

// fastRun gives steps to a new Assembler with the in-order fast path on or
// off and returns every message emitted, the stats after each step and at
// the end, and how many connections were still fast before Close.
func fastRun(steps []step, opts Options, noDefer, noFast bool) (msgs []fullMsg, sts []Stats, fast int) {
	a := New(func(m Message) {
		m.Data = bytes.Clone(m.Data)
		msgs = append(msgs, fullMsg(m))
	}, opts)
	a.noDefer, a.noFast = noDefer, noFast
	sts = a.feed(steps)
	for _, s := range a.live {
		if s.fast {
			fast++
		}
	}
	return msgs, a.closeAll(sts), fast
}

// checkFast runs steps with and without the fast path (each with and
// without pending SYNs) and fails on any difference in the messages or in
// the stats after any step. It returns the connections left fast.
func checkFast(t *testing.T, steps []step, opts Options) int {
	t.Helper()
	fast := 0
	for _, noDefer := range []bool{false, true} {
		got, gotSt, n := fastRun(steps, opts, noDefer, false)
		want, wantSt, _ := fastRun(steps, opts, noDefer, true)
		fast += n
		if !reflect.DeepEqual(got, want) {
			i := 0
			for i < min(len(got), len(want)) && reflect.DeepEqual(got[i], want[i]) {
				i++
			}
			var g, w any = "none", "none"
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			t.Fatalf("noDefer %v: %d messages with the fast path, %d without; message %d differs:\n%v\n%v", noDefer, len(got), len(want), i, g, w)
		}
		for i := range gotSt {
			if gotSt[i] != wantSt[i] {
				t.Fatalf("noDefer %v: after step %d: stats %+v with the fast path, %+v without", noDefer, i, gotSt[i], wantSt[i])
			}
		}
	}
	return fast
}

// TestFastCaptures: the fast path changes nothing on the real captures,
// the synthetic reworkings of nDPI__pptp.pcap and the lone SYNs of
// TestPendingSYNMixed.
func TestFastCaptures(t *testing.T) {
	for _, c := range allCaptureSegments(t) {
		segs := c.segs
		t.Run(c.name, func(t *testing.T) {
			checkFast(t, stepsOf(segs), Options{})
			checkFast(t, stepsOf(segs), Options{MaxStreams: 1})
			// Cut before the end: connections still open, fast or not, at Close.
			for _, n := range []int{len(segs) / 3, len(segs) / 2, len(segs) - 2} {
				if n > 0 {
					checkFast(t, stepsOf(segs[:n]), Options{})
				}
			}
		})
	}
	segs := loadSegments(t, base)
	for _, tc := range syntheticCases {
		t.Run(tc.name, func(t *testing.T) { checkFast(t, stepsOf(tc.build(segs)), tc.opts) })
	}
	// Up to the client's FIN (frame 17) nDPI's connection is in order: it
	// is still fast when the capture is cut there.
	if n := checkFast(t, stepsOf(segs[:12]), Options{}); n != 2 {
		t.Errorf("%d fast connections left in the two runs of an in-order connection, want 2", n)
	}
}

// fastGen builds steps from ops (see genSteps).
type fastGen struct {
	conns   []*genConn
	streams [2][]byte // each direction's content, repeated
	clock   time.Time
	frame   int
	steps   []step
}

// genConn is one connection of the generator: per direction its flows,
// ports, initial sequence number and how far its stream was sent.
type genConn struct {
	net   [2]gopacket.Flow
	port  [2]uint16
	isn   [2]uint32
	pos   [2]int
	fill  [2]int // length of the next in-order segment, up to bytes sent ahead
	round uint32 // new connections on the same ports
}

func newFastGen(tb testing.TB) *fastGen {
	g := &fastGen{clock: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}
	c2s, s2c := streamOf(tb, base, true), streamOf(tb, base, false)
	junk := []byte{0x00, 0x9c, 0x00, 0x01, 0x1a, 0x2b, 0x3c, 0xff, 0x10}
	g.streams[0] = bytes.Join([][]byte{c2s, junk, c2s[:200], c2s}, nil)
	g.streams[1] = bytes.Join([][]byte{s2c, s2c[:50], s2c}, nil)
	v4 := func(a, b byte) gopacket.Flow {
		return gopacket.NewFlow(layers.EndpointIPv4, []byte{10, 0, 0, a}, []byte{10, 0, 0, b})
	}
	v6a, v6b := make([]byte, 16), make([]byte, 16)
	v6a[0], v6a[15], v6b[0], v6b[15] = 0x20, 1, 0x20, 2
	add := func(net gopacket.Flow, cport, sport uint16) {
		c := &genConn{port: [2]uint16{cport, sport}}
		c.net[0], c.net[1] = net, net.Reverse()
		g.conns = append(g.conns, c)
	}
	add(v4(1, 2), 40000, PPTPPort)
	add(v4(3, 2), 40001, PPTPPort)
	add(gopacket.NewFlow(layers.EndpointIPv6, v6a, v6b), 40002, PPTPPort)
	add(v4(4, 4), PPTPPort, PPTPPort) // the same in both directions
	add(v4(5, 2), 40003, 80)          // not PPTP
	add(v4(6, 2), 40004, PPTPPort)
	for i, c := range g.conns {
		c.isn = [2]uint32{uint32(i) * 0x3b9aca07, 0xffffff00 - uint32(i)*100} // servers near the wrap
	}
	return g
}

// genSteps turns ops into steps: a byte of options, then 4 bytes a step.
//
//	b0: connection (b0&7), direction (b0>>3&1), kind (b0>>4): 0-8 the next
//	    bytes of the stream, 9 bytes already sent again, 10 a hole then
//	    bytes, 11 a segment without payload near the next sequence number,
//	    12 a new connection on the same ports (new ISN, a SYN), 13 a flush,
//	    14 garbage at the next sequence number, 15 bytes ahead, no hole
//	    skipped: the next bytes of the stream fill in up to them
//	    exactly
//	b1: flags: SYN when b1&15 is 1, FIN when b1>>4 is 1, RST when b1 is
//	    0xfe or 0xff, ACK when b1&4
//	b2: length: b2&63, times 4 when b2&64, 1900+ when b2 >= 0xf8
//	b3: time step: < 0x80 ms, < 0xc0 s, < 0xf0 min, < 0xff s backwards,
//	    0xff a zero timestamp
func genSteps(tb testing.TB, ops []byte) ([]step, Options) {
	g := newFastGen(tb)
	var opts Options
	if len(ops) > 0 {
		o := ops[0]
		opts.MaxStreams = []int{0, 1, 2, 3}[o&3]
		opts.MaxBufferedPagesPerConnection = []int{0, 1, 2, 4}[o>>2&3]
		opts.MaxBufferedPagesTotal = []int{0, 2, 3, 5}[o>>4&3]
		if o&0x40 != 0 {
			opts.MaxMessage = 220
		}
		ops = ops[1:]
	}
	for i := 0; i+4 <= len(ops); i += 4 {
		g.op(ops[i], ops[i+1], ops[i+2], ops[i+3], i)
	}
	return g.steps, opts
}

func (g *fastGen) op(b0, b1, b2, b3 byte, i int) {
	c := g.conns[min(int(b0&7), len(g.conns)-1)]
	dir, kind := int(b0>>3&1), b0>>4
	ts := g.tick(b3)
	n := int(b2 & 63)
	if b2&64 != 0 {
		n *= 4
	}
	if b2 >= 0xf8 {
		n = 1900 + int(b2&7)*97
	}
	tcp := layers.TCP{SYN: b1&15 == 1, FIN: b1>>4 == 1, RST: b1 >= 0xfe, ACK: b1&4 != 0, Window: 8192}
	tcp.SrcPort, tcp.DstPort = layers.TCPPort(c.port[dir]), layers.TCPPort(c.port[1-dir])
	tcp.Ack = c.isn[1-dir] + 1 + uint32(c.pos[1-dir])
	off := c.pos[dir]
	switch {
	case kind <= 8:
		if c.fill[dir] > 0 {
			n, c.fill[dir] = c.fill[dir], 0
		}
		c.pos[dir] += n
	case kind == 9:
		off = max(0, off-int(b1>>2)-n)
	case kind == 10:
		off += 1 + int(b1>>3)
		c.pos[dir] = off + n
	case kind == 11:
		off -= int(b1 >> 6 & 1)
		n = 0
	case kind == 12:
		c.round++
		c.isn[dir] = c.isn[dir]*2654435761 + c.round
		c.pos, c.fill = [2]int{}, [2]int{}
		off, n, tcp.SYN = 0, 0, true
	case kind == 13:
		g.steps = append(g.steps, step{flush: g.clock.Add(-time.Duration(b2%12) * time.Minute)})
		return
	case kind == 14:
		c.pos[dir] += n
	case kind == 15:
		c.fill[dir] = 1 + int(b1>>6)
		off += c.fill[dir]
		if b2&0x80 != 0 {
			n = 0 // a bare FIN, say
		}
	}
	seq := c.isn[dir] + 1 + uint32(off)
	payload := make([]byte, n)
	s := g.streams[dir]
	for j := range payload {
		if kind == 14 {
			payload[j] = byte(i*7 + j*13)
		} else {
			payload[j] = s[(off+j)%len(s)]
		}
	}
	if tcp.SYN {
		seq-- // the SYN takes the sequence number before the data
	}
	tcp.Seq, tcp.Payload = seq, payload
	tcp.SetInternalPortsForTesting()
	g.frame++
	g.steps = append(g.steps, step{seg: segment{frame: g.frame, ci: gopacket.CaptureInfo{Timestamp: ts}, net: c.net[dir], tcp: tcp}})
}

// tick moves the clock by b3 (see genSteps) and returns the segment's time.
func (g *fastGen) tick(b3 byte) time.Time {
	switch {
	case b3 < 0x80:
		g.clock = g.clock.Add(time.Duration(b3) * time.Millisecond)
	case b3 < 0xc0:
		g.clock = g.clock.Add(time.Duration(b3&63) * time.Second)
	case b3 < 0xf0:
		g.clock = g.clock.Add(time.Duration(b3&63) * time.Minute)
	case b3 < 0xff:
		g.clock = g.clock.Add(-time.Duration(b3&15) * time.Second)
	default:
		return time.Time{}
	}
	return g.clock
}

// randomOps makes the ops of a random run: mostly in-order segments, some
// of every other kind.
func randomOps(r *rand.Rand, n int) []byte {
	ops := []byte{byte(r.IntN(256))}
	for range n {
		b0 := byte(r.IntN(16))
		if r.IntN(3) == 0 {
			b0 |= byte(9+r.IntN(7)) << 4
		} else {
			b0 |= byte(r.IntN(9)) << 4
		}
		b1 := byte(r.IntN(256))
		b2 := byte(r.IntN(256))
		b3 := byte(r.IntN(0x80))
		if r.IntN(8) == 0 {
			b3 = byte(r.IntN(256))
		}
		ops = append(ops, b0, b1, b2, b3)
	}
	return ops
}

// TestFastDifferential: random connections (several at once, both
// directions, SYN, FIN, RST, holes, reordering, retransmissions, overlaps,
// keepalives, garbage, messages split anywhere, flushes, stream limits)
// give the same messages and stats with the fast path and without.
func TestFastDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 1723))
	runs := 1500
	if testing.Short() {
		runs = 150
	}
	fast := 0
	for i := range runs {
		ops := randomOps(r, 10+r.IntN(120))
		steps, opts := genSteps(t, ops)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			defer func() {
				if t.Failed() {
					t.Logf("ops %x", ops)
				}
			}()
			fast += checkFast(t, steps, opts)
		})
	}
	if fast == 0 {
		t.Error("no connection stayed fast until Close: the fast path was not exercised")
	}
}

// FuzzFastPath: the same as TestFastDifferential on fuzzed ops.
func FuzzFastPath(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 8 {
		f.Add(randomOps(r, 40))
	}
	f.Add([]byte{0, 0x00, 1, 0, 0, 0x00, 0, 20, 1, 0x08, 0, 30, 1, 0x00, 0, 40, 2, 0x90, 0x10, 0, 3})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 4*400 {
			return
		}
		steps, opts := genSteps(t, ops)
		checkFast(t, steps, opts)
	})
}
