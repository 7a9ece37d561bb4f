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
// sequence number, whether the direction is closed and the connection's
// last-seen time, and hands the payload on. A connection whose segments
// have all been in order is followed by the stream itself (stream.fast,
// known, closed, next, lastSeen): the payload goes straight to the
// framers, as ReassembledSG would give it.
//
// The fast path takes only segments whose effect in gopacket is certain
// (gopacket v1.7.7's AssembleWithContext with this package's Accept):
//
//   - on a direction not started yet: a segment without SYN or payload is
//     refused by Accept; a SYN starts the direction at seq+1 (the framer's
//     start), a payload without SYN starts it at seq;
//   - on a closed direction, nothing; on a started one, a SYN is dropped
//     (RFC 5961); a RST is taken only at the next sequence number, a FIN
//     only if it reaches it; a segment with no payload, FIN or RST
//     changes nothing, wherever its sequence number; a segment at the next
//     sequence number is fed whole, one partly before it from the next
//     sequence number on, one wholly before it (a retransmission) not at
//     all;
//   - a FIN or RST taken ends its direction after its payload (the
//     framer's end) and closes it; once both are closed the connection is
//     complete (ReassemblyComplete);
//   - every segment moves the last-seen time to the latest.
//
// Anything else, data or a FIN after a hole, would wait in gopacket: it
// promotes the connection. gopacket is given a synthetic SYN per started
// direction, the connection's first direction first, at next-1, then a FIN
// at next on a closed direction, all at the last-seen time, which leaves
// gopacket's connection in the state it would have reached by seeing every
// segment (same direction of the connection, next sequence numbers, closed
// directions, last-seen time, nothing buffered); the stream factory
// returns the same stream, uncounted, and ReassembledSG ignores the
// synthetic segments. gopacket then takes the segment and all that follow.
//
// FlushOlderThan and Close close a fast connection as gopacket closes an
// idle one with nothing buffered (when its last-seen time is before the
// limit; always at Close): ReassemblyComplete ends both directions, the
// first one first, and the messages are ordered by stream number with
// gopacket's. Stats count fast connections as gopacket's. TestFastCaptures,
// TestFastDifferential and FuzzFastPath check all this against the same
// segments given to gopacket alone.

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
	id, ok := a.admit(k)
	if !ok {
		return true
	}
	s := a.newStream(id, k, netFlow.EndpointType())
	s.fast, s.lastSeen = true, ci.Timestamp
	// A first segment starts its direction and never promotes; were it to,
	// gopacket would take it like any promoted connection's segment.
	return a.fastPacket(s, 0, tcp, ci, frame)
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
	end := tcp.FIN || tcp.RST
	if !s.known[dir] {
		if !tcp.SYN && len(data) == 0 {
			return true // Accept refuses it
		}
		seq := tcp.Seq
		if tcp.SYN {
			seq++
		}
		s.known[dir], s.next[dir] = true, seq+uint32(len(data))
		a.fastFeed(s, dir, tcp.SYN, data, end, ci, frame)
		return true
	}
	if s.closed[dir] || tcp.SYN {
		return true // a closed direction takes nothing; a SYN is dropped on a synchronized one
	}
	next, seq := gpreassembly.Sequence(s.next[dir]), gpreassembly.Sequence(tcp.Seq)
	diff := next.Difference(seq)
	if diff > 0 {
		// Ahead: a RST there is dropped, a segment without payload or FIN
		// changes nothing; data or a FIN would wait in gopacket.
		if tcp.RST || !tcp.FIN && len(data) == 0 {
			return true
		}
		a.promote(s)
		return false
	}
	if tcp.RST && diff < 0 || tcp.FIN && next.Difference(seq.Add(len(data))) < 0 {
		return true // before the next sequence number: dropped
	}
	data = data[min(-diff, len(data)):]
	if len(data) == 0 && !end {
		return true // all sent already
	}
	s.next[dir] = tcp.Seq + uint32(len(tcp.Payload))
	a.fastFeed(s, dir, false, data, end, ci, frame)
	return true
}

// fastFeed does what ReassembledSG does with the in-order segment's data,
// and what gopacket does when the segment ends its direction (end: FIN or
// RST): the direction is closed, and the connection is complete once both
// are.
func (a *Assembler) fastFeed(s *stream, dir int, start bool, data []byte, end bool, ci gopacket.CaptureInfo, frame int) {
	f := &s.dirs[dir]
	if start {
		f.start()
	}
	if len(data) > 0 {
		a.stats.Bytes += int64(len(data))
		a.loc = meta{frame: frame, time: ci.Timestamp}
		f.feed(data, &a.loc)
	}
	if end {
		f.end()
		s.closed[dir] = true
		if s.closed[1-dir] {
			s.ReassemblyComplete(nil)
		}
	}
}

// promote hands the fast connection s over to gopacket (see above).
// Direction 0 is always started (fastOpen, fastResume): its SYN makes
// gopacket's connection, oriented as the stream's.
func (a *Assembler) promote(s *stream) {
	s.fast = false
	a.promoted = s
	for dir := range 2 {
		if s.known[dir] {
			a.assembleSeg(s.dirKey(dir), s.env.netType, s.next[dir]-1, 0, 0, synFlag, s.lastSeen, 0)
		}
	}
	for dir := range 2 {
		if s.closed[dir] {
			a.assembleSeg(s.dirKey(dir), s.env.netType, s.next[dir], 0, 0, finFlag, s.lastSeen, 0)
		}
	}
	a.promoted = nil
}

// dirKey returns the key of direction dir of s.
func (s *stream) dirKey(dir int) connKey {
	if dir == 1 {
		return s.env.key.reverse()
	}
	return s.env.key
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
