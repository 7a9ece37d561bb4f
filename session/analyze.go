package session

import (
	"errors"
	"time"

	"github.com/pptpscope/pptpscope/capture"
)

// Analysis is the result of analyzing a capture.
type Analysis struct {
	Sessions []*Session
	Stats    ScanStats
	// PPPLinkFrames counts PPP frames of a PPP link-layer capture: PPP, but
	// not PPTP.
	PPPLinkFrames int
	// SessionsCapped counts sessions a live or streamed analysis finished
	// early because LiveOptions.MaxSessions (AnalyzeOptions.MaxSessions)
	// were tracked at once.
	SessionsCapped int
	// UntrackedGRE counts GRE packets of flows not followed because too
	// many flows were tracked at once.
	UntrackedGRE int
	// Streamed counts the sessions handed to AnalyzeOptions.OnSession (the
	// Sessions list is then empty); HeldBack counts those handed over out
	// of order because a session that started before them was still open
	// while more than maxHeld later ones had ended.
	Streamed, HeldBack int
	// MaxSessions is the cap on sessions tracked at once that applied (0:
	// none).
	MaxSessions int
}

// Analyze reads a whole capture and returns its sessions. onRecord, when
// set, also sees every record (the packets command prints them). The
// error is the source's, when reading stopped before the end of the
// capture; the analysis covers what was read.
func Analyze(src capture.Source, onRecord func(*Record) error) (*Analysis, error) {
	return AnalyzeWith(src, AnalyzeOptions{}, onRecord)
}

// AnalyzeWith is Analyze with options: with credentials, MPPE records are
// decrypted before onRecord sees them (Record.Inner) and sessions get a
// Decryption. A credential that does not match a session's MS-CHAP
// authentication stops the scan with a *MismatchError.
func AnalyzeWith(src capture.Source, opts AnalyzeOptions, onRecord func(*Record) error) (*Analysis, error) {
	return analyze(src, opts, nil, onRecord)
}

// AnalyzeLive is AnalyzeWith for a capture that may never end: sessions
// idle or torn down are finished as the capture goes (lo.OnEnd) and
// forgotten, the number tracked is capped, and early findings are reported
// (lo.OnFinding) as soon as they are certain. The Analysis holds the
// sessions still open when the source ends.
func AnalyzeLive(src capture.Source, opts AnalyzeOptions, lo LiveOptions, onRecord func(*Record) error) (*Analysis, error) {
	lo.defaults()
	return analyze(src, opts, &lo, onRecord)
}

func analyze(src capture.Source, opts AnalyzeOptions, lo *LiveOptions, onRecord func(*Record) error) (*Analysis, error) {
	t := NewTracker()
	t.noMessages = opts.NoMessages
	var d *decrypter
	if opts.Credentials != nil {
		d = newDecrypter(opts.Credentials)
	}
	// Sessions over before the end of the capture are finished as it goes
	// (live: always; a file: when they are streamed), handed to onEnd and
	// forgotten by the tracker.
	var idle, grace, every time.Duration
	var onEnd func([]*Session) error
	var st *streamer
	switch {
	case lo != nil:
		if lo.MaxSessions > 0 {
			t.MaxSessions = lo.MaxSessions
		}
		idle, grace, every = lo.Idle, lo.Grace, lo.Every
		onEnd = func(ended []*Session) error {
			for _, s := range ended {
				if lo.OnEnd != nil {
					if err := lo.OnEnd(s); err != nil {
						return err
					}
				}
			}
			return nil
		}
	case opts.OnSession != nil:
		t.closeOnly = true
		t.MaxSessions = opts.MaxSessions
		if t.MaxSessions == 0 {
			t.MaxSessions = DefaultFileMaxSessions
		}
		idle, grace, every = FileIdle, FileGrace, fileEvery
		st = &streamer{t: t, out: opts.OnSession, max: maxHeld}
		onEnd = st.ended
	}
	tcp := t.TCP
	var evict func(now time.Time) error
	if onEnd != nil {
		var last time.Time
		var pending error // an onEnd error met in a TCP event
		var clk clock
		evict = func(pkt time.Time) error {
			if pending != nil {
				return pending
			}
			clk.add(pkt)
			over := t.MaxSessions > 0 && len(t.sessions) > t.MaxSessions
			if !over && pkt.Sub(last) < every {
				return nil
			}
			now := clk.now()
			last = now
			ended := t.FinishIdle(now, idle, grace)
			if d != nil && len(ended) > 0 {
				d.finish(&Tracker{sessions: ended})
				for _, s := range ended {
					delete(d.st, s)
				}
			}
			if st != nil {
				st.now = now
			}
			if len(ended) == 0 && st == nil {
				return nil
			}
			return onEnd(ended)
		}
		tcp = func(ev *TCPEvent) {
			t.TCP(ev)
			if err := evict(ev.Time); err != nil && pending == nil {
				pending = err
			}
		}
	}
	stats, err := Scan(src, ScanOptions{Data: true, TCP: tcp}, func(r *Record) error {
		t.Record(r)
		if d != nil {
			if err := d.record(t, r); err != nil {
				return err
			}
		}
		if onRecord != nil {
			if err := onRecord(r); err != nil {
				return err
			}
		}
		if evict == nil {
			return nil
		}
		if lo != nil && r.Control && lo.OnFinding != nil {
			if s := t.sessionOf(r); s != nil {
				for _, f := range s.EarlyFindings() {
					if err := lo.OnFinding(s, f); err != nil {
						return err
					}
				}
			}
		}
		return evict(r.Time)
	})
	sessions := t.Sessions()
	if d != nil {
		d.finish(t)
	}
	a := &Analysis{Sessions: sessions, Stats: stats, PPPLinkFrames: t.PPPLinkFrames, SessionsCapped: t.SessionsCapped, UntrackedGRE: t.UntrackedGRE, MaxSessions: max(t.MaxSessions, 0)}
	if st != nil {
		a.Sessions = nil
		var mismatch *MismatchError
		if !errors.As(err, &mismatch) {
			if ferr := st.flush(sessions); ferr != nil && err == nil {
				err = ferr
			}
		}
		a.Streamed, a.HeldBack = st.emitted, st.forced
	}
	return a, err
}
