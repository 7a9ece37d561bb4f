package session

import "time"

// seqWindow is how many recent GRE sequence numbers a direction remembers
// to tell duplicates from late (reordered) packets.
const seqWindow = 1024

// seqTracker counts lost, duplicated and reordered GRE packets of one
// direction from their 32-bit sequence numbers (RFC 2637 section 4.4),
// with bounded memory: a bitmap of the last seqWindow numbers.
type seqTracker struct {
	started bool
	max     uint32
	seen    [seqWindow / 64]uint64
	// sent remembers when recent sequence numbers were seen, for the
	// round-trip time measured from the peer's acknowledgments.
	sentSeq  [64]uint32
	sentTime [64]int64 // UnixNano, 0 = none: a third of the size of time.Time
	lastAck  uint32
	acked    bool
}

func (s *seqTracker) bit(seq uint32) (word int, mask uint64) {
	i := seq % seqWindow
	return int(i / 64), 1 << (i % 64)
}

// add records sequence number seq and updates the counts in st.
func (s *seqTracker) add(seq uint32, t time.Time, st *DirStats) {
	s.sentSeq[seq%64], s.sentTime[seq%64] = seq, t.UnixNano()
	if !s.started {
		s.started = true
		s.max = seq
		w, m := s.bit(seq)
		s.seen[w] |= m
		return
	}
	d := int64(int32(seq - s.max)) // signed distance, wrapping at 2^32
	switch {
	case d > 0:
		if d > seqWindow {
			// A jump past the window: count it as loss, forget the window.
			st.Lost += int(d - 1)
			s.seen = [seqWindow / 64]uint64{}
		} else {
			for i := uint32(1); i < uint32(d); i++ {
				w, m := s.bit(s.max + i)
				s.seen[w] &^= m
			}
			st.Lost += int(d - 1)
		}
		s.max = seq
		w, m := s.bit(seq)
		s.seen[w] |= m
	case d == 0:
		st.Duplicated++
	case -d < seqWindow:
		w, m := s.bit(seq)
		if s.seen[w]&m != 0 {
			st.Duplicated++
			return
		}
		s.seen[w] |= m
		st.Reordered++
		if st.Lost > 0 {
			st.Lost-- // it was counted lost when the gap opened
		}
	default:
		st.Duplicated++ // far behind: a stale copy
	}
}

// ack records an acknowledgment (from the other direction) of seq, and
// returns the time since that sequence number was seen, when it is known.
func (s *seqTracker) ack(ack uint32, t time.Time) (time.Duration, bool) {
	if s.acked && int32(ack-s.lastAck) <= 0 {
		return 0, false
	}
	s.acked, s.lastAck = true, ack
	if s.sentSeq[ack%64] != ack || s.sentTime[ack%64] == 0 {
		return 0, false
	}
	return time.Duration(t.UnixNano() - s.sentTime[ack%64]), true
}
