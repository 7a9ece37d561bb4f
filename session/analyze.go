package session

import (
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
	// SessionsCapped counts sessions a live analysis finished early because
	// LiveOptions.MaxSessions were tracked at once.
	SessionsCapped int
	// UntrackedGRE counts GRE packets of flows not followed because too
	// many flows were tracked at once.
	UntrackedGRE int
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
	tcp := t.TCP
	var evict func(now time.Time) error
	if lo != nil {
		if lo.MaxSessions > 0 {
			t.MaxSessions = lo.MaxSessions
		}
		var last time.Time
		var pending error // an OnEnd error met in a TCP event
		evict = func(now time.Time) error {
			if pending != nil {
				return pending
			}
			over := t.MaxSessions > 0 && len(t.sessions) > t.MaxSessions
			if !over && now.Sub(last) < lo.Every {
				return nil
			}
			last = now
			ended := t.FinishIdle(now, lo.Idle, lo.Grace)
			if len(ended) == 0 {
				return nil
			}
			if d != nil {
				d.finish(&Tracker{sessions: ended})
				for _, s := range ended {
					delete(d.st, s)
				}
			}
			for _, s := range ended {
				if lo.OnEnd != nil {
					if err := lo.OnEnd(s); err != nil {
						return err
					}
				}
			}
			return nil
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
		if lo == nil {
			return nil
		}
		if r.Control && lo.OnFinding != nil {
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
	return &Analysis{Sessions: sessions, Stats: stats, PPPLinkFrames: t.PPPLinkFrames, SessionsCapped: t.SessionsCapped, UntrackedGRE: t.UntrackedGRE}, err
}
