package pipeline

import (
	"errors"
	"io"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/session"
)

// The tests below were written against the loop's earlier entry points
// (Analyze, AnalyzeWith with AnalyzeOptions, AnalyzeLive with
// LiveOptions); these helpers express each as a Run with its policy and a
// sink, so the assertions stay as they were.

type AnalyzeOptions struct {
	Credentials *mppe.Credentials
	NoMessages  bool
	OnSession   func(*session.Session) error
	MaxSessions int
}

type LiveOptions struct {
	Idle, Grace time.Duration
	MaxSessions int
	OnFinding   func(*session.Session, session.Finding) error
	OnEnd       func(*session.Session) error
}

// testSink hands records, findings and ended sessions to functions.
type testSink struct {
	session.NopSink
	onRecord  func(*session.Record) error
	onFinding func(*session.Session, session.Finding) error
	onEnd     func(*session.Session) error
}

func (t *testSink) Record(r *session.Record) error {
	if t.onRecord == nil {
		return nil
	}
	return t.onRecord(r)
}

func (t *testSink) Finding(s *session.Session, f session.Finding) error {
	if t.onFinding == nil {
		return nil
	}
	return t.onFinding(s, f)
}

func (t *testSink) SessionEnd(s *session.Session) error {
	if t.onEnd == nil {
		return nil
	}
	return t.onEnd(s)
}

func Analyze(src capture.Source, onRecord func(*session.Record) error) (*session.Analysis, error) {
	return AnalyzeWith(src, AnalyzeOptions{}, onRecord)
}

func AnalyzeWith(src capture.Source, o AnalyzeOptions, onRecord func(*session.Record) error) (*session.Analysis, error) {
	pol := Whole(o.NoMessages)
	if o.OnSession != nil {
		pol = Streamed(o.MaxSessions, o.NoMessages)
	}
	return Run(src, Options{Policy: pol, Credentials: o.Credentials}, &testSink{onRecord: onRecord, onEnd: o.OnSession})
}

// eofSource says when its source is exhausted.
type eofSource struct {
	capture.Source
	eof bool
}

func (e *eofSource) Next() (capture.Packet, error) {
	p, err := e.Source.Next()
	if err != nil {
		e.eof = true
	}
	return p, err
}

// AnalyzeLive: sessions finished while packets came go to OnEnd; those
// still open when the source ended are listed in the Analysis, as the
// former entry point did.
func AnalyzeLive(src capture.Source, o AnalyzeOptions, lo LiveOptions, onRecord func(*session.Record) error) (*session.Analysis, error) {
	es := &eofSource{Source: src}
	var open []*session.Session
	sink := &testSink{onRecord: onRecord, onFinding: lo.OnFinding, onEnd: func(s *session.Session) error {
		if es.eof {
			open = append(open, s)
			return nil
		}
		if lo.OnEnd != nil {
			return lo.OnEnd(s)
		}
		return nil
	}}
	pol := Live(lo.Idle, lo.Grace, lo.MaxSessions)
	a, err := Run(es, Options{Policy: pol, Credentials: o.Credentials}, sink)
	if a != nil {
		a.Sessions = open
	}
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return a, err
}
