package reassembly

import (
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	gpreassembly "github.com/gopacket/gopacket/reassembly"
)

// The in-order fast path (issue 16). gopacket's reassembler holds about a
// kilobyte per connection (its pool of connection structs grows by
// doubling and never shrinks, plus its map), and PPTP control connections
// are long-lived and many: ten thousand open at once must fit in 64 MB.
// Yet a control connection's segments nearly always come in order, and
// for those gopacket does little: it remembers each direction's next
// sequence number and the connection's last-seen time, and hands the
// payload on. A connection whose segments have all been in order is
// followed by the stream itself (stream.fast, known, next, lastSeen): the
// payload goes straight to the framers, as ReassembledSG would give it.
//
// The fast path takes only segments whose effect in gopacket is certain
// (gopacket v1.7.7's AssembleWithContext with this package's Accept):
//
//   - on a direction not started yet: a segment without SYN or payload is
//     refused by Accept; a SYN starts the direction at seq+1 (the framer's
//     start) and a payload without SYN starts it at seq;
//   - on a started direction: a SYN is dropped (RFC 5961); a segment
//     without payload changes nothing, wherever its sequence number; one
//     at the next sequence number is fed whole, one wholly before it (a
//     retransmission) changes nothing, one partly before it is fed from
//     the next sequence number on;
//   - every segment moves the last-seen time to the latest.
//
// Anything else (a gap, a FIN or RST that may end a direction) promotes the
// connection: gopacket is given a synthetic SYN per started direction, the
// connection's first direction first, at next-1 and at the last-seen time,
// which leaves gopacket's connection in the state it would have reached by
// seeing every segment (same direction of the connection, next sequence
// numbers, last-seen time, no buffered data); the stream factory returns
// the same stream, uncounted, and ReassembledSG ignores the synthetic
// SYNs. gopacket then takes the segment and all that follow.
//
// FlushOlderThan and Close close a fast connection as gopacket closes an
// idle one (when its last-seen time is before the limit; always at Close):
// ReassemblyComplete ends both directions, the first one first, and the
// messages are ordered by stream number with gopacket's. Stats count fast
// connections as gopacket's. TestFastDifferential and FuzzFastPath check
// all this against the same segments given to gopacket alone.

// locate gives the meta of the fast path's segment: every byte fed comes
// from it.
func (m *meta) locate(int) meta { return *m }

// fastOpen starts following a connection neither live nor pending with its
// first segment tcp, as the stream factory would; it reports whether it
// dealt with the segment (false: gopacket must take it).
func (a *Assembler) fastOpen(netFlow gopacket.Flow, tcp *layers.TCP, ci gopacket.CaptureInfo, frame int, k connKey) bool {
	if a.noFast {
		return false
	}
	if !tcp.SYN && len(tcp.Payload) == 0 {
		return true // the factory would refuse it: nothing happens
	}
	if tcp.FIN || tcp.RST {
		return false
	}
	if a.stats.ActiveStreams >= a.opts.MaxStreams {
		a.refuse(k)
		return true
	}
	a.stats.Streams++
	a.stats.ActiveStreams++
	a.ids++
	s := a.newStream(a.ids, k, netFlow.EndpointType())
	s.fast, s.lastSeen = true, ci.Timestamp
	if !a.fastPacket(s, 0, tcp, ci, frame) {
		panic("reassembly: a connection's first segment promoted it") // SYN or payload, neither FIN nor RST
	}
	return true
}

// fastResume makes the connection k of pending SYN p a fast one, as
// gopacket would have taken the SYN: the first direction starts.
func (a *Assembler) fastResume(k connKey, p *pendingSYN) *stream {
	s := a.newStream(p.id, k, p.netType)
	s.fast, s.lastSeen = true, p.time
	s.known[0], s.next[0] = true, p.seq+1
	s.dirs[0].start()
	return s
}

// fastPacket takes segment tcp of the fast connection s in direction dir.
// It reports whether it dealt with it; false means s was promoted and
// gopacket must take the segment.
func (a *Assembler) fastPacket(s *stream, dir int, tcp *layers.TCP, ci gopacket.CaptureInfo, frame int) bool {
	if s.lastSeen.Before(ci.Timestamp) {
		s.lastSeen = ci.Timestamp
	}
	data := tcp.Payload
	if !s.known[dir] {
		if !tcp.SYN && len(data) == 0 {
			return true // Accept refuses it
		}
		if tcp.FIN || tcp.RST {
			a.promote(s)
			return false
		}
		seq := tcp.Seq
		if tcp.SYN {
			seq++
		}
		s.known[dir], s.next[dir] = true, seq+uint32(len(data))
		a.fastFeed(s, dir, tcp.SYN, data, ci, frame)
		return true
	}
	if tcp.SYN {
		return true // dropped on a synchronized direction
	}
	if tcp.FIN || tcp.RST {
		a.promote(s)
		return false
	}
	if len(data) == 0 {
		return true
	}
	diff := gpreassembly.Sequence(s.next[dir]).Difference(gpreassembly.Sequence(tcp.Seq))
	switch {
	case diff > 0:
		a.promote(s) // a gap
		return false
	case -diff >= len(data):
		return true // all sent already
	}
	s.next[dir] = tcp.Seq + uint32(len(data))
	a.fastFeed(s, dir, false, data[-diff:], ci, frame)
	return true
}

// fastFeed does what ReassembledSG does with the in-order segment's data.
func (a *Assembler) fastFeed(s *stream, dir int, start bool, data []byte, ci gopacket.CaptureInfo, frame int) {
	f := &s.dirs[dir]
	if start {
		f.start()
	}
	if len(data) > 0 {
		a.stats.Bytes += int64(len(data))
		a.loc = meta{frame: frame, time: ci.Timestamp}
		f.feed(data, &a.loc)
	}
}

// promote hands the fast connection s over to gopacket (see above).
func (a *Assembler) promote(s *stream) {
	s.fast = false
	a.promoted = s
	for dir := range 2 {
		if !s.known[dir] {
			continue
		}
		k := s.env.key
		if dir == 1 {
			k = k.reverse()
		}
		a.assembleSYN(k, s.env.netType, s.next[dir]-1, 0, 0, false, s.lastSeen, 0)
	}
	a.promoted = nil
}

// closeFast closes the fast connections last seen before t (all of them
// when all is set), as gopacket's FlushCloseOlderThan and FlushAll close
// idle connections with nothing buffered.
func (a *Assembler) closeFast(t time.Time, all bool) {
	for _, s := range a.live {
		if s.fast && (all || s.lastSeen.Before(t)) {
			s.ReassemblyComplete(nil)
		}
	}
}
