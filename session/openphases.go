package session

import (
	"encoding/binary"
	"time"
)

// numOpen is the number of phases an open session keeps itself (call
// setup and later; the TCP and control connection phases are its
// connection's).
const numOpen = numPhases - phCallSetup

// openPhases are the phases of a session while it is open (issue 16): one
// allocation for all of them, made with the first frame of any. What
// Phase.add keeps, in less room than a phaseAcc each:
//
//   - times as offsets from the first time recorded (anchor), as long as
//     anchor.Add(offset) gives back the same time (location, no monotonic
//     reading, within a Duration's ±292 years);
//     the first time that does not fit turns them into full times (wide)
//     for the rest of the session;
//   - the frames of all phases in one log, in the order they came, each
//     a varint of its distance from the previous one with the phase index
//     in its low three bits (a distance too large for that is written as
//     an escape, the phase and a varint of its own).
type openPhases struct {
	anchor   time.Time
	span     [numOpen][2]time.Duration // start and end, after anchor
	count    [numOpen]int
	kept     [numOpen]uint16 // frames in log, at most maxPhaseFrames
	anchored bool
	last     int // the frame logged last
	log      []byte
	wide     *[numOpen][2]time.Time
}

// escapePhase marks a log entry whose distance did not fit beside its
// phase: the phase index follows in a byte, then the distance as a varint.
const escapePhase = 7

// add records frame at time t in phase i (0 is call setup), as Phase.add
// does.
func (p *openPhases) add(i, frame int, t time.Time) {
	first := p.count[i] == 0
	if p.wide == nil {
		if d, ok := p.offset(t); ok {
			sp := &p.span[i]
			if first || d < sp[0] {
				sp[0] = d
			}
			if first || d > sp[1] {
				sp[1] = d
			}
		} else {
			p.widen()
		}
	}
	if p.wide != nil {
		w := &p.wide[i]
		if first || t.Before(w[0]) {
			w[0] = t
		}
		if t.After(w[1]) || first {
			w[1] = t
		}
	}
	p.count[i]++
	if p.kept[i] < maxPhaseFrames {
		p.kept[i]++
		p.logFrame(i, frame)
	}
}

// offset returns t as an offset from anchor (set to t the first time),
// and whether anchor.Add of it gives a time indistinguishable from t: the
// same instant, location and (no) monotonic reading. (It may differ from
// t in whether UTC is the location's nil or time.UTC, which nothing but ==
// tells apart.)
func (p *openPhases) offset(t time.Time) (time.Duration, bool) {
	if !p.anchored {
		p.anchored = true
		p.anchor = t
	}
	if t != t.Round(0) || t.Location() != p.anchor.Location() {
		return 0, false // a monotonic reading (t's or anchor's), another location
	}
	d := t.Sub(p.anchor)
	if d == minDuration || d == maxDuration {
		return 0, false // Sub saturated: more than 292 years apart
	}
	return d, true
}

const (
	minDuration time.Duration = -1 << 63
	maxDuration time.Duration = 1<<63 - 1
)

// widen turns the offsets into full times.
func (p *openPhases) widen() {
	p.wide = new([numOpen][2]time.Time)
	for i := range p.span {
		if p.count[i] > 0 {
			p.wide[i] = [2]time.Time{p.anchor.Add(p.span[i][0]), p.anchor.Add(p.span[i][1])}
		}
	}
}

func (p *openPhases) logFrame(i, frame int) {
	d := int64(frame - p.last)
	p.last = frame
	z := uint64(d<<1) ^ uint64(d>>63) // zigzag
	if z < 1<<60 {
		p.log = binary.AppendUvarint(p.log, z<<3|uint64(i))
		return
	}
	p.log = binary.AppendUvarint(p.log, escapePhase)
	p.log = append(p.log, byte(i))
	p.log = binary.AppendUvarint(p.log, z)
}

// frames returns the frames of phase i (nil when none).
func (p *openPhases) frames(i int) []int {
	if p == nil || p.kept[i] == 0 {
		return nil
	}
	out := make([]int, 0, p.kept[i])
	b, f := p.log, 0
	for len(b) > 0 {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			break
		}
		b = b[k:]
		ph, z := int(v&7), v>>3
		if ph == escapePhase {
			if len(b) == 0 {
				break
			}
			ph = int(b[0])
			if z, k = binary.Uvarint(b[1:]); k <= 0 {
				break
			}
			b = b[1+k:]
		}
		f += int(int64(z>>1) ^ -int64(z&1))
		if ph == i {
			out = append(out, f)
		}
	}
	return out
}

// phase returns the public Phase of index i named name.
func (p *openPhases) phase(i int, name string) Phase {
	if p == nil || p.count[i] == 0 {
		return Phase{Name: name}
	}
	var start, end time.Time
	if p.wide != nil {
		start, end = p.wide[i][0], p.wide[i][1]
	} else {
		start, end = p.anchor.Add(p.span[i][0]), p.anchor.Add(p.span[i][1])
	}
	return Phase{Name: name, Start: start, End: end, Count: p.count[i], Frames: p.frames(i)}
}
