package pipeline

import (
	"cmp"
	"slices"
	"time"

	"github.com/pptpscope/pptpscope/session"
)

// maxHeld bounds the sessions that have ended but wait for an earlier one,
// still open, to be handed over first (or as many as are open, when more
// are).
const maxHeld = 1024

// streamer hands finished sessions over in the order Tracker.Sessions
// lists them (start time, then first appearance), numbering them: a
// session is handed over once every session that started before it has
// ended. Sessions that end after it but started earlier than it are
// impossible then, except in captures whose timestamps go backwards.
type streamer struct {
	t       openSessions
	out     func(*session.Session) error
	max     int
	now     time.Time          // packet time of the last check
	held    []*session.Session // ended, waiting, sorted by (Start, order)
	emitted int
	forced  int // handed over before an earlier session ended (held > max)
}

// openSessions is what the streamer asks of the tracker.
type openSessions interface {
	// EarliestStart is the earliest start of a session still open, or
	// before.
	EarliestStart(before time.Time) time.Time
	// Tracked is the number of sessions still open.
	Tracked() int
}

func byStart(a, b *session.Session) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	return cmp.Compare(a.Key(), b.Key())
}

// ended takes the sessions FinishIdle finished and hands over what can go.
func (st *streamer) ended(ended []*session.Session) error {
	for _, s := range ended {
		i, _ := slices.BinarySearchFunc(st.held, s, byStart)
		st.held = slices.Insert(st.held, i, s)
	}
	if len(st.held) == 0 {
		return nil
	}
	// The earliest start a session still open (or yet to come) can have.
	mark := st.t.EarliestStart(st.now)
	n := 0
	for n < len(st.held) && st.held[n].Start.Before(mark) {
		n++
	}
	// Waiting sessions cost what open ones do: they may be as many as the
	// open ones, or max when few are open.
	if over := len(st.held) - n - max(st.max, st.t.Tracked()); over > 0 {
		n += over
		st.forced += over
	}
	return st.emit(n)
}

func (st *streamer) emit(n int) error {
	for i := range n {
		s := st.held[i]
		st.held[i] = nil
		st.emitted++
		s.Index = st.emitted
		if err := st.out(s); err != nil {
			st.held = st.held[i+1:]
			return err
		}
	}
	st.held = slices.Delete(st.held, 0, n)
	return nil
}

// flush hands over the rest at the end of the capture: the held sessions
// and the open ones, finished (Tracker.Sessions), merged in order. It
// clears open: the streamer drops each session once handed over.
//
// The tracker's candidates still held (un, taken before Tracker.Sessions)
// are merged in the same order, each session built only when it is its
// turn: at most one of them is held at a time.
func (st *streamer) flush(open []*session.Session, un *session.Unproven) error {
	st.held = append(st.held, open...)
	clear(open)
	slices.SortStableFunc(st.held, byStart)
	for un.Len() > 0 {
		start, key := un.Start(), un.Key()
		n := 0
		for n < len(st.held) {
			s := st.held[n]
			if c := s.Start.Compare(start); c > 0 || c == 0 && s.Key() > key {
				break
			}
			n++
		}
		if err := st.emit(n); err != nil {
			return err
		}
		st.emitted++
		s := un.Next()
		s.Index = st.emitted
		if err := st.out(s); err != nil {
			return err
		}
	}
	return st.emit(len(st.held))
}
