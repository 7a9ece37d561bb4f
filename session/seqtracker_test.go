package session

import (
	"math/rand/v2"
	"testing"
	"time"
)

// refSeqTracker is the tracker as it was before it kept its first numbers
// as a list: the window from the start.
type refSeqTracker struct {
	started  bool
	max      uint32
	seen     [seqWindow / 64]uint64
	sentSeq  [64]uint32
	sentTime [64]int64
	lastAck  uint32
	acked    bool
}

func (s *refSeqTracker) add(seq uint32, t time.Time, st *DirStats) {
	s.sentSeq[seq%64], s.sentTime[seq%64] = seq, t.UnixNano()
	if !s.started {
		s.started = true
		s.max = seq
		w, m := seqBit(seq)
		s.seen[w] |= m
		return
	}
	d := int64(int32(seq - s.max))
	switch {
	case d > 0:
		if d > seqWindow {
			st.Lost += int(d - 1)
			s.seen = [seqWindow / 64]uint64{}
		} else {
			for i := uint32(1); i < uint32(d); i++ {
				w, m := seqBit(s.max + i)
				s.seen[w] &^= m
			}
			st.Lost += int(d - 1)
		}
		s.max = seq
		w, m := seqBit(seq)
		s.seen[w] |= m
	case d == 0:
		st.Duplicated++
	case -d < seqWindow:
		w, m := seqBit(seq)
		if s.seen[w]&m != 0 {
			st.Duplicated++
			return
		}
		s.seen[w] |= m
		st.Reordered++
		if st.Lost > 0 {
			st.Lost--
		}
	default:
		st.Duplicated++
	}
}

func (s *refSeqTracker) ack(ack uint32, t time.Time) (time.Duration, bool) {
	if s.acked && int32(ack-s.lastAck) <= 0 {
		return 0, false
	}
	s.acked, s.lastAck = true, ack
	if s.sentSeq[ack%64] != ack || s.sentTime[ack%64] == 0 {
		return 0, false
	}
	return time.Duration(t.UnixNano() - s.sentTime[ack%64]), true
}

// TestSeqTrackerSmallEqualsWindow: the tracker that starts with a list
// counts, and measures round trips, exactly as the window alone did, over
// random streams of in-order, lost, duplicated, late, stale and far-jumping
// numbers (near the 2^32 wrap too) and acknowledgments.
func TestSeqTrackerSmallEqualsWindow(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 16))
	for run := 0; run < 20000; run++ {
		var got seqTracker
		var want refSeqTracker
		var gst, wst DirStats
		seq := rng.Uint32()
		if run%3 == 0 {
			seq = 0xffffffff - uint32(rng.IntN(8))
		}
		tm := time.Unix(0, 0).Add(time.Duration(rng.IntN(3)) * time.Nanosecond) // UnixNano 0 means none
		steps := 1 + rng.IntN(12)
		if run%10 == 0 {
			steps = 200
		}
		for i := 0; i < steps; i++ {
			tm = tm.Add(time.Duration(rng.IntN(1000)) * time.Microsecond)
			switch k := rng.IntN(60); {
			case run%7 == 0 && k < 6:
				// A time that is not a whole microsecond after the
				// others, one before them, or one past the window's
				// 71 minutes of microseconds (seqWin.sentUS).
				tm = tm.Add([]time.Duration{time.Nanosecond, -time.Hour, 50 * time.Minute, 3 * time.Hour, -time.Microsecond, 72 * time.Minute}[k])
			case run%7 == 1 && k < 3:
				tm = time.Unix(0, 0) // UnixNano 0: no time
			}
			var s uint32
			switch k := rng.IntN(10); {
			case k < 4:
				seq++
				s = seq
			case k == 4:
				seq += uint32(2 + rng.IntN(5))
				s = seq
			case k == 5:
				s = seq // duplicate
			case k == 6:
				s = seq - uint32(1+rng.IntN(8)) // late
			case k == 7:
				s = seq - uint32(rng.IntN(3000)) // late or stale
			case k == 8 && rng.IntN(2) == 0:
				seq += uint32(rng.IntN(3000)) // a jump, past the window or not
				s = seq
			case k == 8:
				s = seq + 64*uint32(rng.IntN(5)) - 128 // the slot of a recent number
				if int32(s-seq) > 0 {
					seq = s
				}
			default:
				a := seq - uint32(rng.IntN(70))
				if rng.IntN(4) == 0 {
					a = rng.Uint32()
				}
				gd, gok := got.ack(a, tm)
				wd, wok := want.ack(a, tm)
				if gd != wd || gok != wok {
					t.Fatalf("run %d step %d: ack %d: got %v %v, want %v %v", run, i, a, gd, gok, wd, wok)
				}
				continue
			}
			got.add(s, tm, &gst)
			want.add(s, tm, &wst)
			if gst != wst {
				t.Fatalf("run %d step %d: add %d: got %+v, want %+v", run, i, s, gst, wst)
			}
		}
	}
}

// TestSeqTrackerLongFlow: a flow of many hours, a packet every few seconds,
// each acknowledged at once or later: the window's times move their base
// (seqTracker.rebase) again and again and stay those of the window alone.
func TestSeqTrackerLongFlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 16))
	var got seqTracker
	var want refSeqTracker
	var gst, wst DirStats
	tm := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rebased := 0
	for seq := uint32(0); seq < 20000; seq++ {
		tm = tm.Add(time.Duration(1+rng.IntN(5000)) * time.Millisecond)
		base := got.base
		got.add(seq, tm, &gst)
		want.add(seq, tm, &wst)
		if got.win != nil && got.base != base && base != 0 {
			rebased++
		}
		if got.wide != nil {
			t.Fatalf("seq %d: a flow of whole microseconds went wide", seq)
		}
		a := seq - uint32(rng.IntN(63))
		at := tm.Add(time.Duration(rng.IntN(1000)) * time.Microsecond)
		gd, gok := got.ack(a, at)
		wd, wok := want.ack(a, at)
		if gd != wd || gok != wok || gst != wst {
			t.Fatalf("seq %d ack %d: got %v %v %+v, want %v %v %+v", seq, a, gd, gok, gst, wd, wok, wst)
		}
	}
	if rebased < 5 {
		t.Fatalf("the window's base moved %d times, want several", rebased)
	}
}

// TestSeqTrackerDense: a flow without loss or reordering keeps no bitmap
// (seqTracker.seen) and no slots (seqTracker.seqs) however long it runs, even across the 2^32 wrap, and
// counts late and repeated numbers in its window as the window alone did;
// the first gap makes the bitmap.
func TestSeqTrackerDense(t *testing.T) {
	var got seqTracker
	var want refSeqTracker
	var gst, wst DirStats
	tm := time.Unix(1000, 0)
	seq := uint32(0xffffffff - 2500)
	step := func(s uint32) {
		t.Helper()
		tm = tm.Add(time.Millisecond)
		got.add(s, tm, &gst)
		want.add(s, tm, &wst)
		if gst != wst {
			t.Fatalf("add %d: got %+v, want %+v", s, gst, wst)
		}
	}
	for range 5000 {
		seq++
		step(seq)
		if got.win != nil && (got.seen != nil || got.seqs != nil) {
			t.Fatalf("seq %d: a flow without loss made a bitmap or slots", seq)
		}
	}
	// Repeats of numbers in the window, from the newest to the oldest:
	// duplicates, and no bitmap.
	for _, back := range []uint32{1, 2, 100, seqWindow - 2, seqWindow - 1, seqWindow, seqWindow + 5} {
		step(seq - back)
	}
	if got.seen != nil {
		t.Fatal("duplicates made a bitmap")
	}
	// A gap: the bitmap, then the late number fills it.
	seq += 3
	step(seq)
	if got.seen == nil {
		t.Fatal("a gap made no bitmap")
	}
	step(seq - 1)
	step(seq - 2)
	step(seq - 2)
	// A jump past the window: dense again.
	seq += 5000
	step(seq)
	if got.seen != nil {
		t.Fatal("after a jump past the window the tracker kept its bitmap")
	}
	for range 10 {
		seq++
		step(seq)
	}
	step(seq - 20)
	if gst.Lost == 0 || gst.Duplicated == 0 || gst.Reordered == 0 {
		t.Fatalf("the flow counted %+v", gst)
	}
}

// TestSeqTrackerImpliedSlots: the slots of a flow whose last 64 numbers
// came in order are implied by max (seqTracker.seqs is nil then); late,
// repeated, stale and jumping numbers make them again, and acknowledgments
// lagging 0 to 90 numbers behind match as with the window alone.
func TestSeqTrackerImpliedSlots(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 16))
	for run := 0; run < 40; run++ {
		var got seqTracker
		var want refSeqTracker
		var gst, wst DirStats
		tm := time.Unix(1000, 0)
		seq := rng.Uint32()
		ack := seq - 1
		implied, matched := 0, 0
		for i := 0; i < 3000; i++ {
			tm = tm.Add(time.Duration(1+rng.IntN(2000)) * time.Microsecond)
			s := seq + 1
			switch k := rng.IntN(1000); {
			case k < 2:
				s = seq // repeated
			case k < 4:
				s = seq - uint32(1+rng.IntN(100)) // late
			case k < 5:
				s = seq - uint32(2000+rng.IntN(5000)) // stale
			case k < 7:
				s = seq + uint32(2+rng.IntN(10)) // a gap
			case k < 8:
				s = seq + uint32(5000+rng.IntN(5000)) // a jump past the window
			case k < 10:
				s = seq - 64*uint32(1+rng.IntN(3)) // late, in max's slot
			}
			if int32(s-seq) > 0 {
				seq = s
			}
			got.add(s, tm, &gst)
			want.add(s, tm, &wst)
			if gst != wst {
				t.Fatalf("run %d step %d: add %d: got %+v, want %+v", run, i, s, gst, wst)
			}
			if got.win != nil && got.seqs == nil {
				implied++
			}
			if rng.IntN(4) == 0 {
				continue
			}
			// The acknowledgments trail the numbers, less than one a number.
			if d := seq - ack; int32(d) < 0 || d > 90 {
				ack = seq - uint32(rng.IntN(64))
			} else if rng.IntN(8) == 0 {
				ack = max(ack, seq-63)
			} else {
				ack += uint32(rng.IntN(2))
			}
			gd, gok := got.ack(ack, tm)
			wd, wok := want.ack(ack, tm)
			if gd != wd || gok != wok {
				t.Fatalf("run %d step %d: ack %d (max %d): got %v %v, want %v %v", run, i, ack, seq, gd, gok, wd, wok)
			}
			if wok && seq-ack >= 32 {
				matched++
			}
		}
		if implied < 500 || matched < 50 {
			t.Fatalf("run %d: slots implied in %d steps, %d acknowledgments matched 32 or more behind", run, implied, matched)
		}
	}
}

// TestSeqTrackerSlotsAfterGrow: after each of the first numbers of a flow
// (the small list, then the window made from it, with or without implied
// slots), an acknowledgment of any number added so far, or of any of the
// 70 below max, matches exactly when it does for the window alone: each
// is tried on a copy of both trackers.
func TestSeqTrackerSlotsAfterGrow(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 16))
	for run := 0; run < 3000; run++ {
		var got seqTracker
		var want refSeqTracker
		var gst, wst DirStats
		tm := time.Unix(1000, 0)
		seq := rng.Uint32()
		var added []uint32
		for i := 0; i < 12; i++ {
			tm = tm.Add(time.Duration(1+rng.IntN(2000)) * time.Microsecond)
			at := tm
			if rng.IntN(6) == 0 {
				at = time.Unix(0, 0) // no time
			}
			s := seq + 1
			switch rng.IntN(8) {
			case 0:
				s = seq - uint32(rng.IntN(100)) // repeated or late
			case 1:
				s = seq - uint32(2000+rng.IntN(5000)) // stale
			case 2:
				s = seq + uint32(2+rng.IntN(100)) // a gap
			case 3:
				s = seq + uint32(5000+rng.IntN(5000)) // a jump past the window
			}
			if int32(s-seq) > 0 {
				seq = s
			}
			got.add(s, at, &gst)
			want.add(s, at, &wst)
			added = append(added, s)
			if gst != wst {
				t.Fatalf("run %d step %d: add %d: got %+v, want %+v", run, i, s, gst, wst)
			}
			acks := append([]uint32(nil), added...)
			for d := range uint32(70) {
				acks = append(acks, seq-d)
			}
			for _, a := range acks {
				g, w := got, want
				gd, gok := g.ack(a, tm.Add(time.Millisecond))
				wd, wok := w.ack(a, tm.Add(time.Millisecond))
				if gd != wd || gok != wok {
					t.Fatalf("run %d step %d: ack %d (max %d): got %v %v, want %v %v", run, i, a, seq, gd, gok, wd, wok)
				}
			}
		}
	}
}

// TestSeqTrackerGrowAllocs: a flow that starts in order allocates its
// small list and then the window's times, nothing more (no slots, no
// bitmap, not even as garbage).
func TestSeqTrackerGrowAllocs(t *testing.T) {
	tm := time.Unix(1000, 0)
	allocs := testing.AllocsPerRun(100, func() {
		var tr seqTracker
		var st DirStats
		for seq := uint32(1); seq <= 2*seqSmall; seq++ {
			tr.add(seq, tm.Add(time.Duration(seq)*time.Millisecond), &st)
		}
		if tr.win == nil || tr.seqs != nil || tr.seen != nil {
			t.Fatalf("window %v, slots %v, bitmap %v", tr.win != nil, tr.seqs != nil, tr.seen != nil)
		}
	})
	if allocs != 2 {
		t.Fatalf("%v allocations, want 2 (the small list and the window)", allocs)
	}
}
