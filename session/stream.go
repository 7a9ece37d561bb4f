package session

import (
	"cmp"
	"slices"
	"time"
)

// Streaming a file's analysis (AnalyzeOptions.OnSession): sessions that are
// over are finished while the capture is read, so memory follows the
// sessions open at once, not the file.
const (
	// FileIdle: a session of a file not seen for this long (packet time)
	// is over. PPTP keeps even an idle control connection alive with an
	// Echo-Request every 60 s (RFC 2637 4.1), so half an hour of silence
	// means the session is gone.
	FileIdle = 30 * time.Minute
	// FileGrace: a session whose control connection closed (FIN or RST),
	// or a GRE-only one torn down by LCP, is over once quiet this long:
	// late retransmissions and the last GRE packets still join it.
	FileGrace = time.Minute
	// DefaultFileMaxSessions: the sessions a streamed analysis tracks at
	// once (AnalyzeOptions.MaxSessions), like the control connections and
	// GRE flows followed at once.
	DefaultFileMaxSessions = 65536
	// fileEvery: how often, in packet time, sessions that are over are
	// looked for.
	fileEvery = 10 * time.Second
	// maxHeld bounds the sessions that have ended but wait for an earlier
	// one, still open, to be handed over first (or as many as are open,
	// when more are).
	maxHeld = 1024
)

// streamer hands finished sessions over in the order Tracker.Sessions
// lists them (start time, then first appearance), numbering them: a
// session is handed over once every session that started before it has
// ended. Sessions that end after it but started earlier than it are
// impossible then, except in captures whose timestamps go backwards.
type streamer struct {
	t       *Tracker
	out     func(*Session) error
	max     int
	now     time.Time  // packet time of the last check
	held    []*Session // ended, waiting, sorted by (Start, order)
	emitted int
	forced  int // handed over before an earlier session ended (held > max)
}

func byStart(a, b *Session) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	return cmp.Compare(a.order, b.order)
}

// ended takes the sessions FinishIdle finished and hands over what can go.
func (st *streamer) ended(ended []*Session) error {
	for _, s := range ended {
		i, _ := slices.BinarySearchFunc(st.held, s, byStart)
		st.held = slices.Insert(st.held, i, s)
	}
	if len(st.held) == 0 {
		return nil
	}
	// The earliest start a session still open (or yet to come) can have.
	mark := st.now
	for _, s := range st.t.sessions {
		if !s.Start.IsZero() && s.Start.Before(mark) {
			mark = s.Start
		}
	}
	n := 0
	for n < len(st.held) && st.held[n].Start.Before(mark) {
		n++
	}
	// Waiting sessions cost what open ones do: they may be as many as the
	// open ones, or max when few are open.
	if over := len(st.held) - n - max(st.max, len(st.t.sessions)); over > 0 {
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
// and the open ones, finished (Tracker.Sessions), merged in order.
func (st *streamer) flush(open []*Session) error {
	st.held = append(st.held, open...)
	slices.SortStableFunc(st.held, byStart)
	return st.emit(len(st.held))
}
