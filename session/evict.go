package session

import (
	"slices"
	"sort"
	"time"
)

// Defaults of a long (live) analysis.
const (
	DefaultMaxSessions = 10000
	DefaultIdle        = 5 * time.Minute
	DefaultGrace       = 10 * time.Second
)

// group is what is finished together: every session of one control
// connection (they share its messages and phases), or one session whose
// control connection is not in the capture.
type group struct {
	conn     *controlConn
	sessions []*Session
	cand     *candidate // a candidate, alone (its session made when finished)
	last     time.Time
	down     bool
}

// size is the number of sessions of the group.
func (g *group) size() int {
	if g.cand != nil {
		return 1
	}
	return len(g.sessions)
}

// finishIdleFull (tests) makes FinishIdle build its groups every time.
var finishIdleFull bool

// noneIdle reports that FinishIdle has nothing to finish at now: no
// session or candidate was quiet for longer than idle, nor one that may be
// down for longer than grace (a group is as quiet as its latest session,
// and down only if each of its sessions may be), and the sessions tracked
// are within MaxSessions. It saves building the groups, which FinishIdle
// does every few seconds of packet time over all the open sessions (most
// of what a streamed analysis of 10,000 open sessions allocated, all of it
// garbage).
func (t *Tracker) noneIdle(now time.Time, idle, grace time.Duration) bool {
	if t.MaxSessions > 0 && t.Tracked() > t.MaxSessions {
		return false
	}
	for _, s := range t.sessions {
		if q := now.Sub(s.lastSeen); q > idle || q > grace && t.mayBeDown(s) {
			return false
		}
	}
	for _, c := range t.cands {
		if !c.gone && now.Sub(c.time) > idle {
			return false
		}
	}
	return true
}

// mayBeDown tells whether the group of s may be down (see groups): its
// connection closed, or the session's call over where that ends a group.
func (t *Tracker) mayBeDown(s *Session) bool {
	if s.conn != nil && s.conn.closed {
		return true
	}
	return (!t.closeOnly || s.conn == nil) && (s.callDisconnect() != nil || s.terminated())
}

// groups lists what is finished together, in order of creation of the
// first session of each (candidates among them).
func (t *Tracker) groups() []*group {
	var out []*group
	byConn := map[*controlConn]*group{}
	cs := t.liveCands()
	candsBefore := func(order int) {
		for len(cs) > 0 && cs[0].order < order {
			// A candidate's session is its one event's: not seen after it,
			// not down (no FIN, RST, Call-Disconnect-Notify or Terminate).
			g := &group{cand: cs[0]}
			if cs[0].time.After(g.last) {
				g.last = cs[0].time
			}
			out = append(out, g)
			cs = cs[1:]
		}
	}
	for _, s := range t.sessions {
		candsBefore(s.order)
		g := byConn[s.conn]
		if g == nil || s.conn == nil {
			g = &group{conn: s.conn, down: s.conn != nil && s.conn.closed}
			out = append(out, g)
			if s.conn != nil {
				byConn[s.conn] = g
			}
		}
		g.sessions = append(g.sessions, s)
		if s.lastSeen.After(g.last) {
			g.last = s.lastSeen
		}
	}
	candsBefore(int(^uint(0) >> 1))
	for _, g := range out {
		if g.down || g.cand != nil {
			continue
		}
		// Torn down when every call was (Call-Disconnect-Notify or LCP
		// Terminate); a connection closed by FIN or RST is down already.
		// With closeOnly, only that: another call may follow on the
		// connection.
		g.down = !t.closeOnly || g.conn == nil
		for _, s := range g.sessions {
			if s.callDisconnect() == nil && !s.terminated() {
				g.down = false
			}
		}
	}
	return out
}

// FinishIdle finishes the sessions not seen for longer than idle, or torn
// down (TCP FIN or RST, Call-Disconnect-Notify, LCP Terminate) and quiet for
// grace, at packet time now. When MaxSessions is positive and more are
// tracked, the least recently seen are finished too, down to nine tenths of
// the cap, and counted in SessionsCapped. The sessions returned are
// finished as Sessions finishes them (statuses, diagnosis) and forgotten by
// the tracker: later traffic of the same endpoints makes a new session.
// Sessions of one control connection are finished together.
func (t *Tracker) FinishIdle(now time.Time, idle, grace time.Duration) []*Session {
	if !finishIdleFull && t.noneIdle(now, idle, grace) {
		return nil
	}
	gs := t.groups()
	var done []*group
	keep := gs[:0:0]
	for _, g := range gs {
		quiet := now.Sub(g.last)
		if quiet > idle || g.down && quiet > grace {
			done = append(done, g)
		} else {
			keep = append(keep, g)
		}
	}
	if t.MaxSessions > 0 {
		n := 0
		for _, g := range keep {
			n += g.size()
		}
		if n > t.MaxSessions {
			sort.SliceStable(keep, func(i, j int) bool { return keep[i].last.Before(keep[j].last) })
			target := max(t.MaxSessions*9/10, 1)
			i := 0
			for ; i < len(keep) && n > target; i++ {
				n -= keep[i].size()
				t.SessionsCapped += keep[i].size()
				done = append(done, keep[i])
			}
		}
	}
	if len(done) == 0 {
		return nil
	}
	gone := map[*Session]bool{}
	conns := map[*controlConn]bool{}
	var out []*Session
	for _, g := range done {
		if g.cand != nil {
			s := t.promote(g.cand)
			g.sessions, g.conn = []*Session{s}, s.conn
		}
		for _, s := range g.sessions {
			gone[s] = true
			s.finish(t.lazy)
			out = append(out, s)
		}
		if g.conn != nil {
			conns[g.conn] = true
		}
	}
	t.forget(gone, conns)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	for i, s := range out {
		s.Index = t.ended + i + 1
	}
	t.ended += len(out)
	return out
}

// forget removes sessions and connections from every map of the tracker.
func (t *Tracker) forget(gone map[*Session]bool, conns map[*controlConn]bool) {
	for k, c := range t.conns {
		if conns[c] {
			delete(t.conns, k)
		}
	}
	// Their cache entries emptied too: stale ones would keep the finished
	// sessions from the garbage collector (2,048 of them: 11 MB more live
	// heap on 10,000 sessions one after the other).
	for k, s := range t.gre {
		if gone[s] {
			t.greChanged(k)
			delete(t.gre, k)
		}
	}
	for k, s := range t.midPairs {
		if gone[s] {
			delete(t.midPairs, k)
		}
	}
	t.sessions = slices.DeleteFunc(t.sessions, func(s *Session) bool { return gone[s] })
	if gone[t.link] {
		t.link, t.linkEnds, t.linkClient = nil, nil, 0
	}
}

// Tracked is the number of sessions the tracker holds.
func (t *Tracker) Tracked() int { return len(t.sessions) + t.ncands }

// SessionOf is the session a GRE-carried record went to (nil for PPTP
// control messages and records of no tracked flow): the public lookup the
// decryption stage and the packet loop use.
func (t *Tracker) SessionOf(r *Record) *Session {
	if r.CallID < 0 || r.Proto == "PPTP" || !r.Src.IsValid() {
		return nil
	}
	k := greKey{r.Src, r.Dst, uint16(r.CallID)}
	if s := t.greLookup(k); s != nil {
		return s
	}
	if c := t.gcands[k]; c != nil {
		return t.promote(c) // the caller may need all of it
	}
	return nil
}

// EarlyFindings returns the findings that are certain before the session
// ends, each once: gre-missing when one side's LCP Configure-Requests keep
// going unanswered after a successful call setup, and auth-failed when the
// authenticator reported a failure. The session's Findings are not changed
// (Sessions and FinishIdle still run the whole diagnosis).
func (s *Session) EarlyFindings() []Finding {
	saved := s.Findings
	s.Findings = nil
	lcp := s.nego("LCP")
	if s.ocrp != nil && s.ocrp.Code == 1 && s.Stats[0].Packets+s.Stats[1].Packets > 0 {
		s.lcpUnanswered(lcp)
	}
	if a := s.Auth; a != nil && a.Result == "failure" {
		s.diagnoseAuth(lcp)
	}
	found := s.Findings
	s.Findings = saved
	var out []Finding
	for _, f := range found {
		if s.rare != nil && slices.Contains(s.rare.early, f.Code) {
			continue
		}
		s.more().early = append(s.more().early, f.Code)
		f.Frames = slices.Clone(f.Frames)
		out = append(out, f)
	}
	return out
}

// EarliestStart is the earliest start of a tracked session, or before when
// no tracked session started earlier.
func (t *Tracker) EarliestStart(before time.Time) time.Time {
	mark := before
	for _, s := range t.sessions {
		if !s.Start.IsZero() && s.Start.Before(mark) {
			mark = s.Start
		}
	}
	for _, c := range t.liveCands() {
		if !c.time.IsZero() && c.time.Before(mark) {
			mark = c.time
		}
	}
	return mark
}

// TrackerOptions set how a tracker keeps sessions (the packet loop's
// policy decides them).
type TrackerOptions struct {
	// NoMessages keeps no list of each session's messages: the summary,
	// phases, findings and JSON of `analyze` do not need it, the verbose
	// timeline, diagrams and reports do.
	NoMessages bool
	// CloseOnly: a session with a control connection is over only when the
	// connection closed (a file: a later call on the same connection must
	// still find it), not on Call-Disconnect-Notify or LCP Terminate.
	CloseOnly bool
	// MaxSessions, when positive, caps the sessions tracked at once (see
	// FinishIdle).
	MaxSessions int
	// LazyFinish: FinishIdle and Sessions end sessions (times, order,
	// Index) but leave completing them to Session.Finish, called by the
	// caller when it hands each over.
	LazyFinish bool
	// NoCandidates makes a whole session of every GRE flow and connection
	// from its first packet, as trackers that do not finish lazily do:
	// the path candidates (candidate.go) short-cut, for tests to compare.
	NoCandidates bool
}

// NewTrackerWith returns an empty tracker with options.
func NewTrackerWith(o TrackerOptions) *Tracker {
	t := NewTracker()
	t.noMessages, t.closeOnly, t.MaxSessions, t.lazy = o.NoMessages, o.CloseOnly, o.MaxSessions, o.LazyFinish
	// Candidates pay where sessions are forgotten once finished.
	t.candidates = o.LazyFinish && !o.NoCandidates
	return t
}

// Held counts what the tracker holds besides its sessions: control
// connections, GRE flows and address pairs of sessions found mid-way,
// candidates' included (all zero once every session was finished).
func (t *Tracker) Held() (conns, flows, pairs int) {
	return len(t.conns) + len(t.ccands), len(t.gre) + len(t.gcands), len(t.midPairs) + len(t.pcands)
}
