package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/pptpscope/pptpscope/session"
)

// AnalysisStream writes the report of `analyze` a session at a time, as a
// streamed analysis (session.AnalyzeOptions.OnSession) hands them over:
// Session for each, then End with the analysis of the whole capture. The
// output is the same as WriteAnalysisText's or WriteAnalysisJSON's for
// the same sessions.
type AnalysisStream interface {
	session.Sink
	Session(*session.Session) error
	// Abort ends the output of an analysis that stopped on an error.
	Abort(error) error
	// Summary counts the sessions written so far.
	Summary() *SessionSummary
}

// NewAnalysisText returns the streaming form of WriteAnalysisText. Times
// in the phase tables are relative to the start of the first session.
func NewAnalysisText(w io.Writer, opts TextOptions) AnalysisStream {
	if opts.Width <= 0 {
		opts.Width = 80
	}
	bw := bufio.NewWriterSize(w, 16<<10)
	return &textStream{t: &textWriter{w: bw, opts: opts}, bw: bw}
}

type textStream struct {
	session.NopSink
	t     *textWriter
	bw    *bufio.Writer // t's: a session's lines are written at once, when it is complete
	first time.Time
	n     int
	sum   SessionSummary
	sel   *SelectionResult
}

func (ts *textStream) Summary() *SessionSummary { return &ts.sum }

// SetSelection implements SelectionReporter: the line follows the summary.
func (ts *textStream) SetSelection(r SelectionResult) { ts.sel = &r }

func (ts *textStream) Session(s *session.Session) error {
	ts.sum.Add(s)
	if ts.t.opts.Quiet {
		return nil
	}
	if ts.n == 0 && ts.first.IsZero() {
		ts.first = s.Start
	}
	if ts.n > 0 {
		ts.t.printf("\n")
	}
	ts.n++
	ts.t.session(s, ts.first)
	return ts.flush()
}

// flush writes what the last call buffered: each call's output leaves in
// one write or a few, never a line at a time, and nothing stays buffered
// between calls (a session is seen as soon as it is written).
func (ts *textStream) flush() error {
	if ts.t.err == nil {
		if err := ts.bw.Flush(); err != nil {
			ts.t.err = err
		}
	}
	return ts.t.err
}

func (ts *textStream) End(a *session.Analysis) error {
	t, opts := ts.t, ts.t.opts
	if ts.sum.Sessions == 0 && (ts.sel == nil || ts.sel.Total == 0) {
		switch {
		case a.PPPLinkFrames > 0:
			t.printf("%s\n", wrapIndent(TN(opts.Lang, "analyze.no-session.ppp", a.PPPLinkFrames, a.PPPLinkFrames), opts.Width, 0))
		default:
			t.printf("%s\n", wrapIndent(TN(opts.Lang, "analyze.no-session", a.Stats.Frames, a.Stats.Frames), opts.Width, 0))
		}
	}
	var warnings []string
	if n := a.Stats.StreamsDropped; n > 0 {
		warnings = append(warnings, TN(opts.Lang, "analyze.warn.streams-dropped", n, n))
	}
	if n := a.Stats.BytesLost; n > 0 {
		warnings = append(warnings, TN(opts.Lang, "analyze.warn.bytes-lost", n, n))
	}
	if n := a.UntrackedGRE; n > 0 {
		warnings = append(warnings, TN(opts.Lang, "analyze.warn.untracked-gre", n, n))
	}
	if n := a.SessionsCapped; n > 0 {
		warnings = append(warnings, TN(opts.Lang, "analyze.warn.capped", n, n, maxOpen(a)))
	}
	if n := a.HeldBack; n > 0 {
		warnings = append(warnings, TN(opts.Lang, "analyze.warn.held-back", n, n))
	}
	for _, w := range warnings {
		sw := cols(SeverityWord(opts.Lang, session.SeverityWarning))
		t.printf("\n%s %s\n", t.severity(session.SeverityWarning), wrapIndent(w, opts.Width-sw-1, sw+1))
	}
	if opts.Summary && ts.sum.Sessions > 0 || opts.Quiet {
		if !opts.Quiet || len(warnings) > 0 {
			t.printf("\n")
		}
		t.printf("%s\n", wrapIndent(ts.sum.Line(opts.Lang), opts.Width, 0))
	}
	if ts.sel != nil {
		t.printf("%s\n", wrapIndent(ts.sel.Line(opts.Lang), opts.Width, 0))
	}
	return ts.flush()
}

// NewAnalysisJSON returns the streaming form of WriteAnalysisJSON: the
// document {"sessions": [...], ...} written as the sessions come, its texts
// in lang ("" English).
func NewAnalysisJSON(w io.Writer, lang string) AnalysisStream {
	return &jsonStream{w: w, lang: lang}
}

type jsonStream struct {
	session.NopSink
	w    io.Writer
	lang string
	n    int
	err  error
	buf  bytes.Buffer
	sum  SessionSummary
	sel  *SelectionResult
}

func (js *jsonStream) Summary() *SessionSummary { return &js.sum }

// SetSelection implements SelectionReporter: a "selection" member.
func (js *jsonStream) SetSelection(r SelectionResult) { js.sel = &r }

func (js *jsonStream) write(b []byte) {
	if js.err == nil {
		_, js.err = js.w.Write(b)
	}
}

// marshal is json.Encoder's indented form of v (HTML escaped, like it)
// with every line but the first prefixed.
func (js *jsonStream) marshal(v any, prefix string) []byte {
	js.buf.Reset()
	enc := json.NewEncoder(&js.buf)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil && js.err == nil {
		js.err = err
	}
	return bytes.TrimSuffix(js.buf.Bytes(), []byte("\n"))
}

func (js *jsonStream) Session(s *session.Session) error {
	if js.n == 0 {
		js.write([]byte("{\n  \"sessions\": [\n    "))
	} else {
		js.write([]byte(",\n    "))
	}
	js.n++
	js.sum.Add(s)
	js.write(js.marshal(sessionJSON(s, js.lang), "    "))
	return js.err
}

// Abort ends the document when the analysis stopped on err (a password
// that does not match): the sessions written so far, then "error". Nothing
// is written when no session was.
func (js *jsonStream) Abort(err error) error {
	if js.n == 0 {
		return nil
	}
	js.write([]byte("\n  ],\n  \"error\": "))
	js.write(js.marshal(ErrorText(js.lang, err), ""))
	js.write([]byte("\n}\n"))
	return js.err
}

// Abort does nothing for text: what was written are whole sessions.
func (ts *textStream) Abort(error) error { return nil }

func (js *jsonStream) End(a *session.Analysis) error {
	// The rest of the document: jsonAnalysis without its first member.
	doc := AnalysisJSON(&session.Analysis{Stats: a.Stats, PPPLinkFrames: a.PPPLinkFrames, UntrackedGRE: a.UntrackedGRE, SessionsCapped: a.SessionsCapped, HeldBack: a.HeldBack}, js.lang).(jsonAnalysis)
	doc.Summary, doc.Selection = js.sum.json(), selectionJSON(js.sel)
	rest := js.marshal(doc, "")
	const empty = "{\n  \"sessions\": [],\n"
	if !bytes.HasPrefix(rest, []byte(empty)) {
		return fmt.Errorf("render: unexpected JSON layout %.40q", rest)
	}
	if js.n == 0 {
		js.write(rest)
	} else {
		js.write([]byte("\n  ],\n"))
		js.write(rest[len(empty):])
	}
	js.write([]byte("\n"))
	return js.err
}

// maxOpen is the cap on sessions open at once that an analysis applied.
func maxOpen(a *session.Analysis) int {
	return a.MaxSessions
}
