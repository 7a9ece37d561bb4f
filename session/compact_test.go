package session

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
	"unsafe"

	"github.com/pptpscope/pptpscope/decode"
)

// TestPhaseAccEqualsPhase: an open session's phase accumulator (frames
// delta-encoded) gives the Phase that Phase.add builds, over random frames
// (increasing, repeated, going back, large) and times (out of order too),
// past the maxPhaseFrames bound.
func TestPhaseAccEqualsPhase(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 2))
	for run := 0; run < 2000; run++ {
		var acc *phaseAcc
		want := Phase{Name: PhaseData}
		if got := acc.phase(PhaseData); !reflect.DeepEqual(got, want) {
			t.Fatalf("nil accumulator: got %+v, want %+v", got, want)
		}
		acc = new(phaseAcc)
		n := rng.IntN(300)
		frame := rng.IntN(1 << 20)
		tm := time.Unix(int64(rng.IntN(1<<30)), 0)
		for i := 0; i < n; i++ {
			switch rng.IntN(4) {
			case 0:
				frame -= rng.IntN(1000)
			case 1:
				frame += rng.IntN(1 << 31)
			default:
				frame += rng.IntN(50)
			}
			tm = tm.Add(time.Duration(rng.IntN(2000)-500) * time.Millisecond)
			acc.add(frame, tm)
			want.add(frame, tm)
		}
		if got := acc.phase(PhaseData); !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d: got %+v, want %+v", run, got, want)
		}
	}
}

// TestOpenPhasesEqualsPhase: a session's open phases (one log of frames
// for all of them, times as offsets) give the Phases that Phase.add
// builds, with the phases interleaved at random, frames going back and
// leaping (past the log's escape), times out of order, and times that do
// not fit as offsets: another location, a monotonic reading, the zero time,
// centuries apart.
func TestOpenPhasesEqualsPhase(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 3))
	east := time.FixedZone("UTC+8", 8*3600)
	for run := 0; run < 3000; run++ {
		var p *openPhases
		var want [numOpen]Phase
		for i := range want {
			want[i].Name = PhaseOrder[phCallSetup+i]
			if got := p.phase(i, want[i].Name); !reflect.DeepEqual(got, want[i]) {
				t.Fatalf("nil: got %+v, want %+v", got, want[i])
			}
		}
		p = new(openPhases)
		frame := rng.IntN(1 << 20)
		tm := time.Unix(int64(rng.IntN(1<<30)), int64(rng.IntN(1e9))).UTC()
		if run%8 == 4 {
			tm = time.Now().Add(time.Duration(rng.IntN(1e9))) // local, with a monotonic reading
		}
		odd := run%4 == 0 || run%8 == 4 // some runs meet times that do not fit
		for n := rng.IntN(400); n > 0; n-- {
			switch rng.IntN(8) {
			case 0:
				frame -= rng.IntN(1000)
			case 1:
				frame += rng.IntN(1 << 31)
			case 2:
				if run%16 == 1 {
					frame = rng.Int() // distances past 2^60: escaped
				}
			default:
				frame += rng.IntN(50)
			}
			tm = tm.Add(time.Duration(rng.IntN(2000)-500) * time.Millisecond)
			at := tm
			if odd && rng.IntN(50) == 0 {
				switch rng.IntN(6) {
				case 5:
					at = tm.Round(0) // no monotonic reading
				case 0:
					at = tm.In(east)
				case 1:
					at = time.Now()
				case 2:
					at = time.Time{}
				case 3:
					at = tm.AddDate(500, 0, 0)
				case 4:
					at = tm.AddDate(-300, 0, 0)
				}
			}
			i := rng.IntN(numOpen)
			p.add(i, frame, at)
			want[i].add(frame, at)
		}
		for i := range want {
			if got := p.phase(i, want[i].Name); !samePhase(got, want[i]) {
				t.Fatalf("run %d, phase %d: got %+v, want %+v", run, i, got, want[i])
			}
		}
	}
}

// samePhase compares phases field by field, their times as anything can
// tell them apart (instant, location, monotonic reading: String shows all),
// except ==, which tells UTC as a nil location from time.UTC.
func samePhase(a, b Phase) bool {
	sameTime := func(x, y time.Time) bool {
		return x.Equal(y) && x.String() == y.String() && x.Location() == y.Location()
	}
	if !sameTime(a.Start, b.Start) || !sameTime(a.End, b.End) {
		return false
	}
	a.Start, a.End, b.Start, b.End = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	return reflect.DeepEqual(a, b)
}

// TestExchangeCountsStop: an exchange's 32-bit counts stop at their
// largest instead of wrapping to negative (which would turn "many Naks"
// into none).
func TestExchangeCountsStop(t *testing.T) {
	var n negotiation
	n.Dir[0].Naks, n.Dir[1].Requests = math.MaxInt32-1, math.MaxInt32-1
	for range 3 {
		n.configure(codeConfNak, 1, 7, nil)
		n.configure(codeConfReq, 1, 7, nil)
	}
	if e := n.Dir[0]; e.Naks != math.MaxInt32 || e.Answered != 3 {
		t.Errorf("Naks %d, Answered %d: want %d, 3", e.Naks, e.Answered, math.MaxInt32)
	}
	if r := n.Dir[1].Requests; r != math.MaxInt32 {
		t.Errorf("Requests %d, want %d", r, math.MaxInt32)
	}
}

// TestOpenSizes: the structures every open session carries stay within
// the allocation size classes they were fitted to (issue 16: 10,000 open
// sessions; a field more can move Session up to the next class, 128 bytes
// more each).
func TestOpenSizes(t *testing.T) {
	for _, c := range []struct {
		name      string
		size, max uintptr
	}{
		{"Session", unsafe.Sizeof(Session{}), 1152},
		{"seqTracker", unsafe.Sizeof(seqTracker{}), 64},
		{"seqWin", unsafe.Sizeof(seqWin{}), 256},
		{"sessionRare", unsafe.Sizeof(sessionRare{}), 160},
		{"lcpTerm", unsafe.Sizeof(lcpTerm{}), 48},
		{"pppState", unsafe.Sizeof(pppState{}), 80},
		{"openPhases", unsafe.Sizeof(openPhases{}), 256},
		{"negotiation", unsafe.Sizeof(negotiation{}), 176},
		{"sccResult", unsafe.Sizeof(sccResult{}), 32},
	} {
		if c.size > c.max {
			t.Errorf("%s is %d bytes, more than %d", c.name, c.size, c.max)
		}
	}
}

// TestSCCResultNames: a reply's result keeps codes only; its names are the
// decoder's, for every message type and code.
func TestSCCResultNames(t *testing.T) {
	for mt := uint16(0); mt <= 20; mt++ {
		for c := range 256 {
			p := &decode.PPTP{MessageType: mt, ResultCode: uint8(c), ErrorCode: uint8(255 - c)}
			r := newSCCResult(p, 7)
			if r.Name() != p.ResultName() || r.ErrorName() != p.ErrorName() || r.Code != c || r.Error != 255-c || r.Frame != 7 {
				t.Fatalf("type %d code %d: %q %q, want %q %q", mt, c, r.Name(), r.ErrorName(), p.ResultName(), p.ErrorName())
			}
		}
	}
}
