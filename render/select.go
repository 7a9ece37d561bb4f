package render

import (
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/pptpscope/pptpscope/session"
)

// Selection chooses sessions: a session is shown when it passes every
// criterion given (an empty criterion passes every session).
type Selection struct {
	// Hosts: the session's client or server address, or the tunnel
	// address IPCP gave either end, is one of these.
	Hosts []netip.Addr
	// Users: the session authenticated with one of these user names
	// (exactly as sent, e.g. DOMAIN\alice).
	Users []string
	// CallIDs: either end's PPTP call ID (the GRE key) is one of these.
	CallIDs []int
	// Failed: only sessions whose verdict is failed.
	Failed bool
	// Since and Until: the session overlaps this window; in record
	// streams, records outside it are left out too.
	Since, Until TimeBound
	// HoldAll holds each session's records until it ends even when no
	// criterion is given (--redact: a session's names are known once its
	// authentication was seen).
	HoldAll bool
}

// Active reports whether the selection leaves anything out or holds.
func (sel Selection) Active() bool {
	return sel.choosing() || sel.HoldAll
}

// choosing reports whether a criterion is given.
func (sel Selection) choosing() bool {
	return len(sel.Hosts) > 0 || len(sel.Users) > 0 || len(sel.CallIDs) > 0 || sel.Failed || sel.Since.Set || sel.Until.Set
}

// TimeBound is an instant: absolute, or relative to the first frame of the
// capture.
type TimeBound struct {
	Set bool
	Abs time.Time
	// Rel is the offset from the capture's first frame when Relative.
	Rel      time.Duration
	Relative bool
}

// ErrTimeBound is wrapped by ParseTimeBound's errors.
var ErrTimeBound error = &Error{Key: "err.render.not-a-time"}

// ParseTimeBound reads an RFC 3339 time (2024-05-01T10:00:00Z) or an
// offset from the capture's start: +30s, +2m, +1h30m, +1.5 (seconds).
func ParseTimeBound(s string) (TimeBound, error) {
	if rest, ok := strings.CutPrefix(s, "+"); ok {
		d, err := time.ParseDuration(rest)
		if err != nil {
			f, ferr := strconv.ParseFloat(rest, 64)
			if ferr != nil || f < 0 || f > 1e9 {
				return TimeBound{}, &Error{"err.render.time-or-offset", []any{s, ErrTimeBound}}
			}
			d = time.Duration(f * float64(time.Second))
		}
		if d < 0 {
			return TimeBound{}, &Error{"err.render.negative-offset", []any{s, ErrTimeBound}}
		}
		return TimeBound{Set: true, Rel: d, Relative: true}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return TimeBound{}, &Error{"err.render.time", []any{s, ErrTimeBound}}
	}
	return TimeBound{Set: true, Abs: t}, nil
}

// at is the bound's instant for a capture that starts at start.
func (b TimeBound) at(start time.Time) time.Time {
	if b.Relative {
		return start.Add(b.Rel)
	}
	return b.Abs
}

// The criteria, in the order a left-out session is counted against the
// first it fails; their names are the flags that set them.
const (
	critHost = iota
	critUser
	critCallID
	critFailed
	critTime
	nCrit
)

var critFlags = [nCrit]string{"--host", "--auth-user", "--call-id", "--failed", "--since/--until"}

// critKeys name the criteria in JSON.
var critKeys = map[string]string{"--host": "host", "--auth-user": "auth_user", "--call-id": "call_id", "--failed": "failed", "--since/--until": "time_window"}

// failing returns the first criterion s fails (-1: none), for a capture
// that starts at start.
func (sel Selection) failing(s *session.Session, start time.Time) int {
	if len(sel.Hosts) > 0 && !sel.hostOf(s) {
		return critHost
	}
	if len(sel.Users) > 0 && (s.Auth == nil || !containsStr(sel.Users, s.Auth.User)) {
		return critUser
	}
	if len(sel.CallIDs) > 0 && !sel.callIDOf(s) {
		return critCallID
	}
	if sel.Failed && s.Verdict() != "failed" {
		return critFailed
	}
	if sel.Since.Set && s.End.Before(sel.Since.at(start)) || sel.Until.Set && s.Start.After(sel.Until.at(start)) {
		return critTime
	}
	return -1
}

func (sel Selection) hostOf(s *session.Session) bool {
	for _, h := range sel.Hosts {
		for _, a := range []netip.Addr{s.Client.Addr, s.Server.Addr, s.Client.TunnelAddr, s.Server.TunnelAddr} {
			if a.IsValid() && a.Unmap() == h.Unmap() {
				return true
			}
		}
	}
	return false
}

func (sel Selection) callIDOf(s *session.Session) bool {
	for _, id := range sel.CallIDs {
		for _, c := range []int{s.CallID, s.PeerCallID, s.Client.CallID, s.Server.CallID} {
			if c >= 0 && c == id {
				return true
			}
		}
	}
	return false
}

// inWindow reports whether a record's time is inside the window.
func (sel Selection) inWindow(t, start time.Time) bool {
	return !(sel.Since.Set && t.Before(sel.Since.at(start)) || sel.Until.Set && t.After(sel.Until.at(start)))
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// SelectionResult is what a selection left out, handed to the sink it
// wraps before its End (SelectionReporter) or said in one line.
type SelectionResult struct {
	Shown, Total int
	// LeftOut counts the sessions left out by each criterion's flag (a
	// session is counted against the first criterion it fails).
	LeftOut map[string]int
	// RecordsDropped: records of open sessions not held (more than
	// MaxHeldRecords waited for their session's end).
	RecordsDropped int
}

// Line is the result in one line: "3 of 10 sessions shown; 7 left out by
// --failed".
func (r SelectionResult) Line(lang string) string {
	var parts []string
	for _, f := range critFlags {
		if n := r.LeftOut[f]; n > 0 {
			parts = append(parts, T(lang, "select.by", n, f))
		}
	}
	line := TN(lang, "select.shown", r.Total, r.Shown, r.Total)
	if len(parts) > 0 {
		line += T(lang, "select.leftout", ListText(lang, parts))
	}
	if r.RecordsDropped > 0 {
		line += T(lang, "select.dropped", r.RecordsDropped, MaxHeldRecords)
	}
	return line
}

// SelectionReporter is a sink that shows the selection's result itself
// (the analysis text, JSON and CSV); other sinks get the line from Select.
type SelectionReporter interface {
	SetSelection(SelectionResult)
}

// Holder is a sink that lists records (the packet list, the decrypted
// traffic writer): Hold renders what it would write of r now, while r is
// valid, and returns the function that writes it later (nil: nothing).
type Holder interface {
	Hold(r *session.Record) (write func() error, size int)
}

// MaxHeldRecords and maxHeldBytes bound what a selection holds of records
// waiting for their session's end.
const (
	MaxHeldRecords = 200000
	maxHeldBytes   = 64 << 20
)

// SelectOptions configure Select.
type SelectOptions struct {
	// Note receives the result line when the wrapped sink is not a
	// SelectionReporter (nil: not written).
	Note io.Writer
	Lang string
}

// Select wraps a sink so that it sees only the selected sessions. Sessions
// are judged when they end (a session's user and verdict are known only
// then): SessionEnd is passed on for the selected ones, and End gets the
// analysis with only them in Sessions (diagrams, reports, keys).
//
// When the wrapped sink lists records (a Holder), each session's records
// are rendered as they come and held until the session ends, then written
// if it was selected: the records of a selection are listed session by
// session, each session's in capture order, when the session ends. At most
// MaxHeldRecords records (64 MiB) are held at once; records beyond are
// counted in the result line. Records in no session and, with a time
// window, records outside it are left out. Other sinks get every record
// as it comes. Phase and early Finding events are not passed on while a
// selection is active (the file commands do not use them).
func Select(inner session.Sink, sel Selection, opts SelectOptions) session.Sink {
	if !sel.Active() {
		return inner
	}
	s := &selector{inner: inner, sel: sel, opts: opts, held: map[int]*heldRecords{}, leftOut: map[string]int{}}
	if h, ok := inner.(Holder); ok && passes(inner, "holding") {
		s.holder = h
	}
	return s
}

// passes reports whether a wrapping sink (Redact), which implements every
// optional interface, passes on the one its method what names ("holding":
// Holder, "reporting": SelectionReporter); a sink that is no wrapper
// passes what it implements.
func passes(sink session.Sink, what string) bool {
	switch what {
	case "holding":
		if w, ok := sink.(interface{ holding() bool }); ok {
			return w.holding()
		}
	case "reporting":
		if w, ok := sink.(interface{ reporting() bool }); ok {
			return w.reporting()
		}
	}
	return true
}

type selector struct {
	inner     session.Sink
	holder    Holder
	sel       Selection
	opts      SelectOptions
	start     time.Time
	held      map[int]*heldRecords
	nHeld     int
	heldBytes int
	dropped   int
	shown     int
	total     int
	leftOut   map[string]int
}

func (s *selector) Phase(*session.Record) error                     { return nil }
func (s *selector) Finding(*session.Session, session.Finding) error { return nil }

func (s *selector) Record(r *session.Record) error {
	if s.start.IsZero() {
		s.start = r.Time.Add(-r.Rel)
	}
	if s.holder == nil {
		return s.inner.Record(r)
	}
	if r.SessionKey == 0 && !s.sel.choosing() { // HoldAll: in no session, nothing to wait for
		if w, _ := s.holder.Hold(r); w != nil {
			return w()
		}
		return nil
	}
	if r.SessionKey == 0 || !s.sel.inWindow(r.Time, s.start) {
		return nil
	}
	if s.nHeld >= MaxHeldRecords || s.heldBytes >= maxHeldBytes {
		s.dropped++
		return nil
	}
	w, size := s.holder.Hold(r)
	if w == nil {
		return nil
	}
	h := s.held[r.SessionKey]
	if h == nil {
		h = &heldRecords{}
		s.held[r.SessionKey] = h
	}
	h.writes = append(h.writes, w)
	h.bytes += size + 16
	s.nHeld++
	s.heldBytes += size + 16
	return nil
}

// heldRecords are a session's records waiting for its end.
type heldRecords struct {
	writes []func() error
	bytes  int
}

func (s *selector) SessionEnd(se *session.Session) error {
	var held []func() error
	if h := s.held[se.Key()]; h != nil {
		delete(s.held, se.Key())
		held = h.writes
		s.nHeld -= len(h.writes)
		s.heldBytes -= h.bytes
	}
	s.total++
	if c := s.sel.failing(se, s.start); c >= 0 {
		s.leftOut[critFlags[c]]++
		return nil
	}
	s.shown++
	for _, w := range held {
		if err := w(); err != nil {
			return err
		}
	}
	return s.inner.SessionEnd(se)
}

func (s *selector) End(a *session.Analysis) error {
	if a != nil && a.Sessions != nil {
		b := *a
		b.Sessions = make([]*session.Session, 0, s.shown)
		for _, se := range a.Sessions {
			if s.sel.failing(se, s.start) < 0 {
				b.Sessions = append(b.Sessions, se)
			}
		}
		a = &b
	}
	res := SelectionResult{Shown: s.shown, Total: s.total, LeftOut: s.leftOut, RecordsDropped: s.dropped}
	if !s.sel.choosing() && s.dropped == 0 {
		return s.inner.End(a)
	}
	rep, ok := s.inner.(SelectionReporter)
	ok = ok && passes(s.inner, "reporting")
	if ok {
		rep.SetSelection(res)
	}
	if err := s.inner.End(a); err != nil {
		return err
	}
	if !ok && s.opts.Note != nil {
		if _, err := fmt.Fprintln(s.opts.Note, res.Line(s.opts.Lang)); err != nil {
			return err
		}
	}
	return nil
}
