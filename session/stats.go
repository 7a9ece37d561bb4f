package session

import "time"

// seqWindow is how many recent GRE sequence numbers a direction remembers
// to tell duplicates from late (reordered) packets.
const seqWindow = 1024

// seqSmall is how many sequence numbers a tracker keeps as a list before it
// makes its window (a GRE flow of a packet or two, or a direction that only
// acknowledges, costs about a hundred bytes instead of a kilobyte).
const seqSmall = 4

// seqTracker counts lost, duplicated and reordered GRE packets of one
// direction from their 32-bit sequence numbers (RFC 2637 section 4.4),
// with bounded memory: a bitmap of the last seqWindow numbers. Its first
// seqSmall numbers are kept as a list (small); the bitmap (win) is made
// from them at the next one, and behaves from then on as if it had been
// there from the start (TestSeqTrackerSmallEqualsWindow).
type seqTracker struct {
	started bool
	acked   bool
	n       uint8 // entries of small in use (while win is nil)
	inOrder uint8 // numbers added in order (max+1) in a row, up to 64
	max     uint32
	lastAck uint32
	lo      uint32              // see seen
	small   *[seqSmall]seqEntry // made at the first number, dropped by grow
	win     *seqWin
	// seen is the window's bitmap of the numbers seen (bit seq %
	// seqWindow), made only when it is not dense: while seen is nil (and
	// win is not), the numbers seen in the window are exactly lo..max, as
	// in a flow without loss or reordering, which then carries no bitmap.
	seen *[seqWindow / 64]uint64
	// seqs holds, by slot (seq % 64), the latest number added there, for
	// matching acknowledgments; it is made only when it is not implied:
	// while seqs is nil (and win is not), slot i holds the number of max's
	// last 64 with that slot, as after 64 numbers in order, or has no
	// time (sentTime 0: it matches no acknowledgment, whatever its number;
	// so a flow that starts in order has no seqs).
	seqs *[64]uint32
	// base is the time (UnixNano) the window's sentUS count from; wide,
	// made when a time does not fit there, replaces sentUS.
	base int64
	wide *[64]int64
}

// seqEntry is a sequence number added while the tracker is small: its
// time (UnixNano) and whether it counts as seen in the window.
type seqEntry struct {
	seq  uint32
	seen bool
	t    int64
}

// seqWin is a tracker's window.
type seqWin struct {
	// sent remembers when recent sequence numbers were seen, for the
	// round-trip time measured from the peer's acknowledgments: the time
	// in microseconds after seqTracker.base (0 = none), which holds every
	// time of a pcap file (microseconds) over 71 minutes in 4 bytes; a time
	// that is not a whole number of microseconds after base, or is before
	// it, or too far after, makes seqTracker.wide (UnixNano) instead
	// (TestSeqTrackerSmallEqualsWindow).
	sentUS [64]uint32
}

// setSeq records seq in its slot of the window (seqs), before add moves
// max.
func (s *seqTracker) setSeq(seq uint32) {
	next := s.started && seq == s.max+1
	if s.seqs == nil {
		if next {
			return // in order: the slots stay max's last 64
		}
		w := new([64]uint32)
		for i := range w {
			w[i] = s.max - (s.max-uint32(i))&63
		}
		s.seqs = w
	}
	s.seqs[seq%64] = seq
	if !next {
		s.inOrder = 0
		return
	}
	if s.inOrder++; s.inOrder == 64 {
		s.seqs = nil // every slot written in order since: implied again
	}
}

// slotSeq returns the number in slot i of the window.
func (s *seqTracker) slotSeq(i uint32) uint32 {
	if s.seqs == nil {
		return s.max - (s.max-i)&63
	}
	return s.seqs[i]
}

// setSent records that seq was seen at tn (UnixNano; 0: no time).
func (s *seqTracker) setSent(seq uint32, tn int64) {
	i := seq % 64
	if tn == 0 {
		if s.wide != nil {
			s.wide[i] = 0
		} else {
			s.win.sentUS[i] = 0
		}
		return
	}
	if s.wide == nil {
		if d := tn - s.base; d > 0 && d%1000 == 0 && d/1000 <= 1<<32-1 {
			s.win.sentUS[i] = uint32(d / 1000)
			return
		}
		if !s.rebase(tn) {
			s.widen()
			s.wide[i] = tn
			return
		}
		s.win.sentUS[i] = uint32((tn - s.base) / 1000)
		return
	}
	s.wide[i] = tn
}

// rebase moves base forward so that tn fits, if every time kept still
// does; it reports whether it did.
func (s *seqTracker) rebase(tn int64) bool {
	d := tn - s.base
	if d <= 0 || d%1000 != 0 {
		return false
	}
	low := uint32(0) // the earliest time kept, in µs after base
	for _, us := range s.win.sentUS {
		if us != 0 && (low == 0 || us < low) {
			low = us
		}
	}
	if low <= 1 {
		return false
	}
	shift := uint32(low - 1)
	if d/1000-int64(shift) > 1<<32-1 {
		return false
	}
	s.base += int64(shift) * 1000
	for i, us := range s.win.sentUS {
		if us != 0 {
			s.win.sentUS[i] = us - shift
		}
	}
	return true
}

// widen makes wide from sentUS.
func (s *seqTracker) widen() {
	w := new([64]int64)
	for i, us := range s.win.sentUS {
		if us != 0 {
			w[i] = s.base + int64(us)*1000
		}
	}
	s.wide = w
}

// sentTime returns the time (UnixNano, 0 = none) of slot i of the window.
func (s *seqTracker) sentTime(i uint32) int64 {
	if s.wide != nil {
		return s.wide[i]
	}
	if us := s.win.sentUS[i]; us != 0 {
		return s.base + int64(us)*1000
	}
	return 0
}

func seqBit(seq uint32) (word int, mask uint64) {
	i := seq % seqWindow
	return int(i / 64), 1 << (i % 64)
}

// grow makes the window from the small list.
func (s *seqTracker) grow() {
	s.win = new(seqWin)
	s.inOrder = 0
	if s.n > 0 {
		s.base = s.small[0].t - 1000
	}
	// The slots and the bitmap are built here and copied to the heap only
	// when they are not implied (the common case allocates neither).
	var seqs [64]uint32
	var seen [seqWindow / 64]uint64
	set := 0
	for _, e := range s.list() {
		seqs[e.seq%64] = e.seq
		s.setSent(e.seq, e.t)
		if d := int32(s.max - e.seq); e.seen && d >= 0 && d < seqWindow {
			i, m := seqBit(e.seq)
			if seen[i]&m == 0 {
				seen[i] |= m
				set++
			}
		}
	}
	s.n, s.small = 0, nil
	// The slots are implied when every one with a time holds its number
	// of max's last 64 (a slot without a time matches no acknowledgment,
	// whatever its number).
	for i := range uint32(64) {
		if seqs[i] != s.max-(s.max-i)&63 && s.sentTime(i) != 0 {
			s.seqs = new([64]uint32)
			*s.seqs = seqs
			break
		}
	}
	// Dense when the numbers seen are max and those just below it.
	lo := s.max
	for n := 1; n < set; n++ {
		i, m := seqBit(lo - 1)
		if seen[i]&m == 0 {
			break
		}
		lo--
	}
	if int(s.max-lo)+1 == set {
		s.lo = lo
		return
	}
	s.seen = new([seqWindow / 64]uint64)
	*s.seen = seen
}

// bitmap makes the window's bitmap from the dense lo..max.
func (s *seqTracker) bitmap() {
	w := new([seqWindow / 64]uint64)
	for p := s.lo; ; p++ {
		i, m := seqBit(p)
		w[i] |= m
		if p == s.max {
			break
		}
	}
	s.seen = w
}

// list returns the numbers of the small list.
func (s *seqTracker) list() []seqEntry {
	if s.small == nil {
		return nil
	}
	return s.small[:s.n]
}

// isSeen tells whether seq, within the window, was seen.
func (s *seqTracker) isSeen(seq uint32) bool {
	if s.win != nil {
		if s.seen == nil {
			return seq-s.lo <= s.max-s.lo
		}
		i, m := seqBit(seq)
		return s.seen[i]&m != 0
	}
	for _, e := range s.list() {
		if e.seen && e.seq == seq {
			return true
		}
	}
	return false
}

// mark marks seq seen; the small list has it as its last entry.
func (s *seqTracker) mark(seq uint32) {
	if s.win != nil {
		if s.seen == nil {
			if seq-s.lo <= s.max-s.lo {
				// Within lo..max (max itself after an advance by one):
				// still dense; lo stays within the window.
				if s.max-s.lo >= seqWindow {
					s.lo = s.max - (seqWindow - 1)
				}
				return
			}
			s.bitmap()
		}
		i, m := seqBit(seq)
		s.seen[i] |= m
		return
	}
	s.small[s.n-1].seen = true
}

// forget makes the numbers after s.max, below seq, unseen (all of them
// when all is set).
func (s *seqTracker) forget(seq uint32, all bool) {
	if s.win != nil {
		if all {
			// Nothing seen but seq, which mark adds: dense again.
			s.seen, s.lo = nil, seq
			return
		}
		if s.seen == nil {
			if seq == s.max+1 {
				return
			}
			s.bitmap()
		}
		for i := s.max + 1; i != seq; i++ {
			w, m := seqBit(i)
			s.seen[w] &^= m
		}
		return
	}
	for i := range s.list() {
		e := &s.small[i]
		if d := e.seq - s.max; all || d > 0 && d < seq-s.max {
			e.seen = false
		}
	}
}

// add records sequence number seq and updates the counts in st.
func (s *seqTracker) add(seq uint32, t time.Time, st *DirStats) {
	if s.win == nil && int(s.n) == seqSmall {
		s.grow()
	}
	if s.win != nil {
		s.setSeq(seq)
		s.setSent(seq, t.UnixNano())
	} else {
		if s.small == nil {
			s.small = new([seqSmall]seqEntry)
		}
		s.small[s.n] = seqEntry{seq: seq, t: t.UnixNano()}
		s.n++
	}
	if !s.started {
		s.started = true
		s.max = seq
		s.mark(seq)
		return
	}
	d := int64(int32(seq - s.max)) // signed distance, wrapping at 2^32
	switch {
	case d > 0:
		if d > seqWindow {
			// A jump past the window: count it as loss, forget the window.
			st.Lost += int(d - 1)
			s.forget(seq, true)
		} else {
			s.forget(seq, false)
			st.Lost += int(d - 1)
		}
		s.max = seq
		s.mark(seq)
	case d == 0:
		st.Duplicated++
	case -d < seqWindow:
		if s.isSeen(seq) {
			st.Duplicated++
			return
		}
		s.mark(seq)
		st.Reordered++
		if st.Lost > 0 {
			st.Lost-- // it was counted lost when the gap opened
		}
	default:
		st.Duplicated++ // far behind: a stale copy
	}
}

// sent returns the time (UnixNano, 0 = none) the latest sequence number of
// ack's slot (ack modulo 64) was seen, and that number.
func (s *seqTracker) sent(ack uint32) (uint32, int64) {
	if s.win != nil {
		return s.slotSeq(ack % 64), s.sentTime(ack % 64)
	}
	for i := int(s.n) - 1; i >= 0; i-- {
		if e := s.small[i]; e.seq%64 == ack%64 {
			return e.seq, e.t
		}
	}
	return 0, 0
}

// ack records an acknowledgment (from the other direction) of seq, and
// returns the time since that sequence number was seen, when it is known.
func (s *seqTracker) ack(ack uint32, t time.Time) (time.Duration, bool) {
	if s.acked && int32(ack-s.lastAck) <= 0 {
		return 0, false
	}
	s.acked, s.lastAck = true, ack
	seq, sent := s.sent(ack)
	if seq != ack || sent == 0 {
		return 0, false
	}
	return time.Duration(t.UnixNano() - sent), true
}
