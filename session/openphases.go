package session

import "time"

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
//   - the frames of all phases in one frameLog, in the order they came.
type openPhases struct {
	anchor   time.Time
	ph       [numOpen]phaseSpan
	anchored bool
	log      frameLog
	wide     *[numOpen][2]time.Time
}

// phaseSpan is one phase: its first and last times after anchor and its
// number of frames (the log keeps the first maxPhaseFrames of them). A
// frame of a phase reads and writes its 24 bytes and anchor only.
type phaseSpan struct {
	start, end time.Duration
	count      int
}

// kept is the number of frames of phase i in the log.
func (p *openPhases) kept(i int) int { return min(p.ph[i].count, maxPhaseFrames) }

// add records frame at time t in phase i (0 is call setup), as Phase.add
// does.
func (p *openPhases) add(i, frame int, t time.Time) {
	ph := &p.ph[i]
	first := ph.count == 0
	if p.wide == nil {
		if d, ok := p.offset(t); ok {
			if first || d < ph.start {
				ph.start = d
			}
			if first || d > ph.end {
				ph.end = d
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
	if ph.count < maxPhaseFrames {
		p.log.add(i, frame)
	}
	ph.count++
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
	for i, ph := range p.ph {
		if ph.count > 0 {
			p.wide[i] = [2]time.Time{p.anchor.Add(ph.start), p.anchor.Add(ph.end)}
		}
	}
}

// frames returns the frames of phase i (nil when none).
func (p *openPhases) frames(i int) []int {
	if p == nil {
		return nil
	}
	return p.log.frames(i, p.kept(i))
}

// phase returns the public Phase of index i named name.
func (p *openPhases) phase(i int, name string) Phase {
	if p == nil || p.ph[i].count == 0 {
		return Phase{Name: name}
	}
	var start, end time.Time
	if p.wide != nil {
		start, end = p.wide[i][0], p.wide[i][1]
	} else {
		start, end = p.anchor.Add(p.ph[i].start), p.anchor.Add(p.ph[i].end)
	}
	return Phase{Name: name, Start: start, End: end, Count: p.ph[i].count, Frames: p.frames(i)}
}
