package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pptpscope/pptpscope/session"
)

// LiveStats are the capture statistics printed at the end of a live
// capture.
type LiveStats struct {
	Interface string
	Backend   string
	Received  int // packets the capture filter accepted
	Dropped   int // packets the kernel dropped
	Frames    int // packets analyzed
	// Down names the interface when the capture ended because it went down.
	Down string
}

// LiveWriter streams a live capture as it is analyzed: a line (or, with
// JSON, an object with "type": "message") per handshake message, a phase
// header ("type": "phase") when a session's phase changes, a finding as
// soon as it is certain ("finding"), a session's summary when it ends
// ("session-end"), then at the end the summaries of the sessions still open
// and the capture statistics ("stats"). Records are grouped by the session
// the tracker put them in (Record.SessionKey), so two sessions between the
// same hosts at once each get their phase headers.
type LiveWriter struct {
	// Stats gives the capture statistics printed at the end.
	Stats func() LiveStats
	// Latency, when set before the first event, lets an event's output
	// wait in the buffer up to this long, written by a timer together with
	// what follows it, instead of a write per line; End writes at once.
	// Zero writes each event's output before the call returns.
	Latency time.Duration

	mu      sync.Mutex // the timer's flush against the events
	w       *bufio.Writer
	json    bool
	text    TextOptions
	first   time.Time
	buf     []byte
	ended   int // sessions whose summary was written
	timer   *time.Timer
	pending bool  // output waits for the timer
	werr    error // the timer's write error, returned by the next event
}

// NewLiveWriter returns a LiveWriter on w; jsonOut selects JSON lines, opts
// the text layout.
func NewLiveWriter(w io.Writer, jsonOut bool, opts TextOptions) *LiveWriter {
	return &LiveWriter{w: bufio.NewWriter(w), json: jsonOut, text: opts}
}

func pairOf(r *session.Record) [2]netip.Addr { return sortedPair(r.Src, r.Dst) }

// flush writes the buffered output, or with Latency has the timer write
// it. The caller holds l.mu.
func (l *LiveWriter) flush() error {
	if l.werr != nil {
		return l.werr
	}
	if l.Latency <= 0 {
		return l.w.Flush()
	}
	if l.pending || l.w.Buffered() == 0 {
		return nil
	}
	l.pending = true
	if l.timer == nil {
		l.timer = time.AfterFunc(l.Latency, l.timed)
	} else {
		l.timer.Reset(l.Latency)
	}
	return nil
}

func (l *LiveWriter) timed() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.pending {
		return
	}
	l.pending = false
	if err := l.w.Flush(); err != nil && l.werr == nil {
		l.werr = err
	}
}

// Flush writes what is buffered now (a loop stopped by an error gets no
// End).
func (l *LiveWriter) Flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.flushNow()
}

// flushNow writes what is buffered and stops the timer. The caller holds
// l.mu.
func (l *LiveWriter) flushNow() error {
	if l.timer != nil {
		l.timer.Stop()
	}
	l.pending = false
	if err := l.w.Flush(); err != nil && l.werr == nil {
		l.werr = err
	}
	return l.werr
}

// Record writes a handshake record (others are ignored) and flushes, so
// the line appears as the packet arrives (with Latency, at most that
// late).
func (l *LiveWriter) Record(r *session.Record) error {
	if !r.Control {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.first.IsZero() {
		l.first = r.Time
	}
	if l.json {
		b := AppendRecordJSON(l.buf[:0], r)
		l.buf = append(append(append([]byte(`{"type":"message",`), b[1:len(b)-1]...), `,"phase":`...), quote(r.Phase)...)
		l.buf = append(l.buf, "}\n"...)
		l.w.Write(l.buf)
	} else {
		label := r.Proto + " " + r.Msg
		if r.ID >= 0 {
			label += " id=" + strconv.Itoa(r.ID)
		}
		summary := ""
		if r.Message != nil {
			summary = r.Message.Summary()
		}
		fmt.Fprintf(l.w, "    %6d %10.6f %s → %s %s %s\n", r.Frame, r.Time.Sub(l.first).Seconds(), r.Src, r.Dst, label, summary)
	}
	return l.flush()
}

func quote(s string) []byte {
	b, _ := json.Marshal(s)
	return b
}

// Phase writes a phase header: the record r is the first of its session
// in a new phase.
func (l *LiveWriter) Phase(r *session.Record) error {
	if !r.Control {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.writePhase(r, pairOf(r))
	return nil
}

func (l *LiveWriter) writePhase(r *session.Record, k [2]netip.Addr) {
	title := r.Phase
	if HasText("phase." + r.Phase) {
		title = PhaseTitle(l.text.Lang, r.Phase)
	}
	if l.json {
		b, _ := json.Marshal(map[string]any{"type": "phase", "phase": r.Phase, "title": title,
			"hosts": []string{k[0].String(), k[1].String()}, "frame": r.Frame, "time": timeStr(r.Time)})
		l.w.Write(append(b, '\n'))
		return
	}
	fmt.Fprintf(l.w, "%s ↔ %s  %s\n", k[0], k[1], title)
}

// Finding writes a finding of a session that is still going on, as soon
// as it is certain (session.LiveOptions.OnFinding).
func (l *LiveWriter) Finding(s *session.Session, f session.Finding) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := [2]netip.Addr{s.Client.Addr, s.Server.Addr}
	if l.json {
		b, _ := json.Marshal(struct {
			Type    string      `json:"type"`
			Client  string      `json:"client"`
			Server  string      `json:"server"`
			CallID  int         `json:"call_id"`
			Finding jsonFinding `json:"finding"`
		}{"finding", k[0].String(), k[1].String(), s.CallID, findingJSON(l.text.Lang, f)})
		l.w.Write(append(b, '\n'))
	} else {
		fmt.Fprintf(l.w, "%s → %s  %s %s%s%s\n", k[0], k[1], strings.ToUpper(SeverityWord(l.text.Lang, f.Severity)), f.Code,
			T(l.text.Lang, "analyze.finding.colon"), FindingText(l.text.Lang, f))
	}
	return l.flush()
}

// SessionEnd writes the summary of a session when it ends.
func (l *LiveWriter) SessionEnd(s *session.Session) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ended++
	if l.json {
		if err := json.NewEncoder(l.w).Encode(struct {
			Type    string      `json:"type"`
			Session jsonSession `json:"session"`
		}{"session-end", sessionJSON(s, l.text.Lang)}); err != nil {
			return err
		}
		return l.flush()
	}
	fmt.Fprintln(l.w)
	ts := NewAnalysisText(l.w, l.text).(*textStream)
	ts.first = s.Start
	if err := ts.Session(s); err != nil {
		return err
	}
	return l.flush()
}

func sortedPair(a, b netip.Addr) [2]netip.Addr {
	if b.Less(a) {
		a, b = b, a
	}
	return [2]netip.Addr{a, b}
}

// End writes the capture statistics (LiveWriter.Stats). The sessions still
// open at the end came to SessionEnd before.
func (l *LiveWriter) End(a *session.Analysis) error {
	var st LiveStats
	if l.Stats != nil {
		st = l.Stats()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	total := l.ended
	if l.json {
		json.NewEncoder(l.w).Encode(struct {
			Type           string `json:"type"`
			Interface      string `json:"interface"`
			Backend        string `json:"backend"`
			Received       int    `json:"received"`
			Dropped        int    `json:"dropped"`
			Frames         int    `json:"frames"`
			Sessions       int    `json:"sessions"`
			SessionsCapped int    `json:"sessions_capped"`
			Down           bool   `json:"interface_down"`
		}{"stats", st.Interface, st.Backend, st.Received, st.Dropped, st.Frames, total, a.SessionsCapped, st.Down != ""})
		return l.flushNow()
	}
	if total == 0 {
		fmt.Fprintln(l.w)
		fmt.Fprintln(l.w, T(l.text.Lang, "live.no-session"))
	}
	fmt.Fprintln(l.w)
	if a.SessionsCapped > 0 {
		fmt.Fprintln(l.w, TN(l.text.Lang, "live.capped", a.SessionsCapped, a.SessionsCapped))
	}
	if st.Down != "" {
		fmt.Fprintln(l.w, T(l.text.Lang, "live.down", st.Down))
	}
	fmt.Fprintln(l.w, T(l.text.Lang, "live.stats", st.Frames, st.Interface, st.Backend, st.Received, st.Dropped))
	return l.flushNow()
}
