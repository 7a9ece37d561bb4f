package pipeline

import (
	"errors"
	"slices"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/session"
)

// Policy says when the loop finishes a session and what it keeps: the only
// difference between a whole file, a streamed file and a live capture.
type Policy struct {
	// Every is how often, in packet time, sessions that are over are
	// looked for; zero finishes sessions only at the end of the capture (a
	// whole analysis). A session not seen for Idle, or torn down and quiet
	// for Grace, is over.
	Idle, Grace, Every time.Duration
	// MaxSessions caps the sessions tracked at once (0: no cap): beyond it
	// the least recently seen are finished early and counted.
	MaxSessions int
	// Ordered hands ended sessions over in the order a whole analysis lists
	// them (files); otherwise as they end (live).
	Ordered bool
	// CloseOnly: a session with a control connection is over only when the
	// connection closed, not on Call-Disconnect-Notify or LCP Terminate (a
	// file: a later call on the same connection must still find it).
	CloseOnly bool
	// EarlyFindings hands findings over as soon as they are certain, before
	// their session ends (live).
	EarlyFindings bool
	// NoMessages keeps no message list per session: the summary, phases,
	// findings and JSON of `analyze` do not need it; the verbose timeline,
	// diagrams and reports do.
	NoMessages bool
	// InnerHeadersOnly: the sink reads no decrypted bytes (Inner.Data,
	// Inner.PPP), only what the inner decoding found (`analyze`): a
	// stateless packet is decrypted as far as that decoding reads it.
	InnerHeadersOnly bool
	// KeepSessions lists every session in the Analysis at the end, besides
	// handing each to SessionEnd (diagrams, reports and keys need them all
	// at once).
	KeepSessions bool
}

// Streaming a file's analysis: sessions that are over are finished while
// the capture is read, so memory follows the sessions open at once.
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
	// once, like the control connections and GRE flows followed at once.
	DefaultFileMaxSessions = 65536
	// fileEvery: how often, in packet time, sessions that are over are
	// looked for in a file.
	fileEvery = 10 * time.Second
)

// Defaults of a live analysis.
const (
	DefaultLiveMaxSessions = 10000
	DefaultLiveIdle        = 5 * time.Minute
	DefaultLiveGrace       = 10 * time.Second
)

// Whole keeps every session to the end of the capture, with its messages
// unless noMessages.
func Whole(noMessages bool) Policy {
	return Policy{KeepSessions: true, NoMessages: noMessages}
}

// Streamed finishes a file's sessions as soon as they are over and hands
// them over in order. maxSessions 0 takes DefaultFileMaxSessions, a
// negative one sets no cap.
func Streamed(maxSessions int, noMessages bool) Policy {
	if maxSessions == 0 {
		maxSessions = DefaultFileMaxSessions
	}
	return Policy{Idle: FileIdle, Grace: FileGrace, Every: fileEvery, MaxSessions: max(maxSessions, 0),
		Ordered: true, CloseOnly: true, NoMessages: noMessages}
}

// Live finishes sessions idle for idle or torn down and quiet for grace,
// as they end, tracking at most maxSessions at once (zero values take the
// defaults; negative maxSessions: no cap), and reports findings early.
func Live(idle, grace time.Duration, maxSessions int) Policy {
	if idle <= 0 {
		idle = DefaultLiveIdle
	}
	if grace <= 0 {
		grace = DefaultLiveGrace
	}
	if maxSessions == 0 {
		maxSessions = DefaultLiveMaxSessions
	}
	return Policy{Idle: idle, Grace: grace, Every: time.Second, MaxSessions: max(maxSessions, 0), EarlyFindings: true}
}

// Options configure Run.
type Options struct {
	Policy Policy
	// Credentials, when set, feed the decryption stage: each session's
	// MS-CHAP authentication is checked and its MPPE traffic decrypted
	// (Record.Inner, Session.Decryption). A credential that does not match
	// stops the loop with a *mppe.MismatchError.
	Credentials *mppe.Credentials
	// Find, when set, is asked for the credential of an MS-CHAP
	// authentication the credentials do not cover, as soon as the loop has
	// it (`--wordlist`: crack it); what it finds decrypts the session's
	// traffic that follows, and later sessions of the same user.
	Find Finder
}

// Finder finds the credential of an authentication (user is the name the
// MS-CHAP hashes use), or reports false.
type Finder func(a *session.Auth, user string) (mppe.Credential, bool)

// Run reads src to its end and hands its events to sink. The error is the
// source's, when reading stopped before the end of the capture (the
// sessions of what was read are still handed over and End called), or the
// sink's or the decryption stage's, which stop the loop at once (no
// SessionEnd or End follows).
func Run(src capture.Source, opts Options, sink session.Sink) (*session.Analysis, error) {
	pol := opts.Policy
	l := &loop{pol: pol, sink: sink, phase: phases{}}
	// A policy that keeps no sessions completes each (Session.Finish) as it
	// hands it over, not all those that end at once (the end of a capture).
	l.lazy = !pol.KeepSessions
	l.t = session.NewTrackerWith(session.TrackerOptions{NoMessages: pol.NoMessages, CloseOnly: pol.CloseOnly, MaxSessions: pol.MaxSessions,
		LazyFinish: l.lazy, NoCandidates: slowPaths})
	if opts.Credentials != nil || opts.Find != nil {
		creds := opts.Credentials
		if creds == nil {
			creds = &mppe.Credentials{}
		}
		l.dec = newDecrypter(creds, pol.InnerHeadersOnly)
		l.dec.find = opts.Find
		l.dec.noMessages = pol.NoMessages
		defer l.dec.close()
	}
	if pol.Ordered {
		l.st = &streamer{t: l.t, out: l.sessionEnd, max: maxHeld}
	}
	stats, err := Scan(src, ScanOptions{Data: true, TCP: l.tcp}, l.record)
	if l.stopped {
		return nil, err
	}
	var un *session.Unproven
	if l.st != nil && l.lazy {
		un = l.t.TakeUnproven() // built one at a time as flush hands them over
	}
	sessions := l.t.Sessions()
	if l.dec != nil && !l.lazy {
		l.dec.finish(sessions)
	}
	a := &session.Analysis{Stats: stats, PPPLinkFrames: l.t.PPPLinkFrames, SessionsCapped: l.t.SessionsCapped,
		UntrackedGRE: l.t.UntrackedGRE, MaxSessions: max(l.t.MaxSessions, 0)}
	var serr error
	if l.st != nil {
		open := sessions
		if pol.KeepSessions {
			open = slices.Clone(sessions) // flush clears what it is given
		}
		serr = l.st.flush(open, un)
		a.Streamed, a.HeldBack = l.st.emitted, l.st.forced
	} else {
		for i, s := range sessions {
			if l.lazy {
				sessions[i] = nil // dropped once handed over
			}
			if serr = l.sessionEnd(s); serr != nil {
				break
			}
		}
	}
	if pol.KeepSessions {
		a.Sessions = sessions
	}
	if serr == nil {
		serr = sink.End(a)
	}
	if serr != nil {
		return a, serr
	}
	return a, err
}

// loop is the state of one Run.
type loop struct {
	pol   Policy
	sink  session.Sink
	t     *session.Tracker
	dec   *decrypter
	st    *streamer
	lazy  bool // sessions are completed as they are handed over
	phase phases
	clk   clock
	next  time.Time // packet time of the last look for sessions that are over, plus Policy.Every
	// pending is a sink error met in a TCP event, returned at the next
	// record; stopped says the loop stopped on a sink or stage error.
	pending error
	stopped bool
}

func (l *loop) record(r *session.Record) error {
	err := l.handle(r)
	if err != nil && !errors.Is(err, ErrStop) {
		l.stopped = true
	}
	return err
}

func (l *loop) handle(r *session.Record) error {
	l.t.Record(r)
	if l.dec != nil {
		if err := l.dec.record(l.t, r); err != nil {
			return err
		}
	}
	if l.phase.entered(r) {
		if err := l.sink.Phase(r); err != nil {
			return err
		}
	}
	if err := l.sink.Record(r); err != nil {
		return err
	}
	if l.pol.EarlyFindings && r.Control {
		if s := l.t.SessionOf(r); s != nil {
			for _, f := range s.EarlyFindings() {
				if err := l.sink.Finding(s, f); err != nil {
					return err
				}
			}
		}
	}
	return l.evict(r.Time)
}

func (l *loop) tcp(ev *session.TCPEvent) {
	l.t.TCP(ev)
	if err := l.evict(ev.Time); err != nil && l.pending == nil {
		l.pending = err
	}
}

// evict finishes, at packet time pkt, the sessions that are over and hands
// them over.
func (l *loop) evict(pkt time.Time) error {
	if l.pending != nil {
		return l.pending
	}
	if l.pol.Every == 0 {
		return nil
	}
	l.clk.add(pkt)
	over := l.t.MaxSessions > 0 && l.t.Tracked() > l.t.MaxSessions
	if !over && pkt.Before(l.next) {
		return nil
	}
	now := l.clk.now()
	l.next = now.Add(l.pol.Every)
	ended := l.t.FinishIdle(now, l.pol.Idle, l.pol.Grace)
	if l.dec != nil && len(ended) > 0 && !l.lazy {
		l.dec.finish(ended)
	}
	if l.st != nil {
		l.st.now = now
		return l.st.ended(ended)
	}
	for _, s := range ended {
		if err := l.sessionEnd(s); err != nil {
			return err
		}
	}
	return nil
}

func (l *loop) sessionEnd(s *session.Session) error {
	delete(l.phase, s.Key())
	if l.lazy {
		s.Finish()
		if l.dec != nil {
			l.dec.finish([]*session.Session{s})
		}
	}
	return l.sink.SessionEnd(s)
}

// phases is the phase each session was last in, by session key: a phase
// event is due when a handshake record enters another phase of its
// session. Two sessions between the same hosts at once each get theirs.
type phases map[int]string

// entered reports whether r is the first record of a new phase of its
// session, and remembers it.
func (p phases) entered(r *session.Record) bool {
	if !r.Control || r.Phase == "" || p[r.SessionKey] == r.Phase {
		return false
	}
	p[r.SessionKey] = r.Phase
	return true
}

// clock is the packet time that finishing sessions goes by: the earliest of
// the last clockWindow packets' times. One corrupt timestamp far in the
// future (or a few in a row) must not finish every session open, whose
// next packets would then make new ones.
type clock struct {
	t [clockWindow]int64 // UnixNano; 0: not seen yet
	i int
}

const clockWindow = 8

// add adds a packet's time.
func (c *clock) add(t time.Time) {
	c.t[c.i] = t.UnixNano()
	c.i = (c.i + 1) % clockWindow
}

// now is the clock's time.
func (c *clock) now() time.Time {
	m := int64(0)
	for _, v := range c.t {
		if v != 0 && (m == 0 || v < m) {
			m = v
		}
	}
	return time.Unix(0, m).UTC()
}

// RecordFunc is a Sink that sees only records.
type RecordFunc func(*session.Record) error

func (f RecordFunc) Phase(*session.Record) error                     { return nil }
func (f RecordFunc) Record(r *session.Record) error                  { return f(r) }
func (f RecordFunc) Finding(*session.Session, session.Finding) error { return nil }
func (f RecordFunc) SessionEnd(*session.Session) error               { return nil }
func (f RecordFunc) End(*session.Analysis) error                     { return nil }
