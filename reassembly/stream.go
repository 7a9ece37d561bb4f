package reassembly

import (
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	gpreassembly "github.com/gopacket/gopacket/reassembly"
)

// packetContext carries a segment's frame number through gopacket's
// reassembly, which keeps the AssemblerContext of every byte it buffers:
// GetCaptureInfo returns a CaptureInfo with the segment's time and the
// context as its AncillaryData, where frameOf finds it again. gopacket reads
// only the time; so does the framer, with the frame. One is made per
// segment (48 bytes; a CaptureInfo of its own would double that).
type packetContext struct {
	ts    time.Time
	frame int
	anc   [1]any
}

func (c *packetContext) GetCaptureInfo() gopacket.CaptureInfo {
	return gopacket.CaptureInfo{Timestamp: c.ts, AncillaryData: c.anc[:]}
}

// ancContext is the context of a segment whose CaptureInfo carries
// ancillary data of its own: that CaptureInfo, with the context appended.
type ancContext struct {
	packetContext
	ci gopacket.CaptureInfo
}

func (c *ancContext) GetCaptureInfo() gopacket.CaptureInfo { return c.ci }

func newPacketContext(ci gopacket.CaptureInfo, frame int) gpreassembly.AssemblerContext {
	if len(ci.AncillaryData) == 0 {
		c := &packetContext{ts: ci.Timestamp, frame: frame}
		c.anc[0] = c
		return c
	}
	c := &ancContext{packetContext: packetContext{ts: ci.Timestamp, frame: frame}, ci: ci}
	c.ci.AncillaryData = append(ci.AncillaryData[:len(ci.AncillaryData):len(ci.AncillaryData)], &c.packetContext)
	return c
}

// frameOf returns the frame number of a CaptureInfo made by packetContext.
func frameOf(ci gopacket.CaptureInfo) int {
	for i := len(ci.AncillaryData) - 1; i >= 0; i-- {
		if c, ok := ci.AncillaryData[i].(*packetContext); ok {
			return c.frame
		}
	}
	return 0
}

type streamFactory struct{ a *Assembler }

// New follows a connection, unless MaxStreams are open or the segment can
// not start one (no SYN and no payload: a lone ACK, FIN or RST). A pending
// SYN (pending.go) and a connection promoted from the in-order fast path
// (fast.go) were counted when they came: the first gets the stream number
// it reserved, the second is its own stream, framers and all.
func (sf *streamFactory) New(netFlow, tcpFlow gopacket.Flow, tcp *layers.TCP, _ gpreassembly.AssemblerContext) gpreassembly.Stream {
	a := sf.a
	if s := a.promoted; s != nil {
		return s
	}
	var id int
	if p := a.resumed; p != nil {
		id = p.id
	} else {
		if !tcp.SYN && len(tcp.Payload) == 0 {
			return nil
		}
		var ok bool
		if id, ok = a.admit(makeConnKey(netFlow, tcpFlow)); !ok {
			return nil
		}
	}
	return a.newStream(id, makeConnKey(netFlow, tcpFlow), netFlow.EndpointType())
}

// admit counts a new connection k and gives it its stream number, unless
// MaxStreams are open: k is then refused (counted once) and ok is false.
// Every way a connection starts (gopacket's stream factory, a pending SYN,
// the in-order fast path) goes through it.
func (a *Assembler) admit(k connKey) (id int, ok bool) {
	if a.stats.ActiveStreams >= a.opts.MaxStreams {
		a.refuse(k)
		return 0, false
	}
	a.stats.Streams++
	a.stats.ActiveStreams++
	a.ids++
	return a.ids, true
}

// newStream makes stream id for connection k (its first segment's
// direction) and adds it to the live ones.
func (a *Assembler) newStream(id int, k connKey, netType gopacket.EndpointType) *stream {
	s := &stream{a: a, id: id}
	s.env = framerEnv{maxLen: a.opts.MaxMessage, stats: &a.stats, out: func(m Message) { a.deliver(s.id, m) },
		key: k, netType: netType}
	if a.live == nil {
		a.live = make(map[connKey]*stream)
	}
	a.live[k] = s
	s.dirs[0].env, s.dirs[1].env, s.dirs[1].dir = &s.env, &s.env, 1
	return s
}

// stream is one connection: a framer per direction, index 0 for the
// direction of the connection's first segment (gopacket's client to server).
type stream struct {
	a    *Assembler
	id   int
	env  framerEnv // env.key: the connection, in gopacket's direction
	dirs [2]framer
	sg   gpreassembly.ScatterGather // during ReassembledSG, for locate
	done bool

	// The in-order fast path's state (fast.go), while fast is set:
	// per direction, whether gopacket's nextSeq would be known, its value
	// and whether the direction is closed, and the connection's last-seen
	// time (gopacket's two halves share it once the latest of them is
	// taken).
	fast     bool
	known    [2]bool
	closed   [2]bool // by a FIN or RST
	next     [2]uint32
	lastSeen time.Time
}

func dirIndex(dir gpreassembly.TCPFlowDirection) int {
	if dir == gpreassembly.TCPDirServerToClient {
		return 1
	}
	return 0
}

// Accept takes every segment. A direction first seen without its SYN
// starts at its first segment with data (a capture begun mid-connection);
// segments without data before that are ignored.
func (s *stream) Accept(tcp *layers.TCP, _ gopacket.CaptureInfo, _ gpreassembly.TCPFlowDirection, nextSeq gpreassembly.Sequence, start *bool, _ gpreassembly.AssemblerContext) bool {
	if nextSeq < 0 && !tcp.SYN { // gopacket's invalidSequence: nothing seen yet
		if len(tcp.Payload) == 0 {
			return false
		}
		*start = true
	}
	return true
}

func (s *stream) ReassembledSG(sg gpreassembly.ScatterGather, _ gpreassembly.AssemblerContext) {
	if s.a.promoted == s {
		return // a synthetic segment of promote: the stream already took it
	}
	dir, start, end, skip := sg.Info()
	f := &s.dirs[dirIndex(dir)]
	if start {
		f.start()
	}
	if skip > 0 {
		f.gap(skip)
	}
	if n, _ := sg.Lengths(); n > 0 {
		s.a.stats.Bytes += int64(n)
		s.sg = sg
		f.feed(sg.Fetch(n), s)
		s.sg = nil
	}
	if end {
		f.end()
	}
}

func (s *stream) locate(off int) meta {
	ci := s.sg.CaptureInfo(off)
	return meta{frame: frameOf(ci), time: ci.Timestamp}
}

func (s *stream) ReassemblyComplete(_ gpreassembly.AssemblerContext) bool {
	if !s.done {
		s.done = true
		s.dirs[0].end()
		s.dirs[1].end()
		s.a.stats.ActiveStreams--
		delete(s.a.live, s.env.key)
	}
	return true
}
