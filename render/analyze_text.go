package render

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pptpscope/pptpscope/session"
)

// TextOptions configures the text report of `analyze`.
type TextOptions struct {
	Width   int  // wrap width (80 when zero)
	Color   bool // ANSI colours for statuses and severities
	Verbose bool // list every handshake message under its phase
	// FrameLabel, when set, names a frame (file:frame when several
	// captures are merged); nil: its number.
	FrameLabel func(frame int) string
	// Lang is the language of the text (en, zh; "" is English).
	Lang string
	// Summary ends the report with the line over all sessions (analyze);
	// Quiet writes only that line, the warnings and the selection's.
	Summary, Quiet bool
}

const (
	ansiReset   = "\x1b[0m"
	ansiRed     = "\x1b[31m"
	ansiGreen   = "\x1b[32m"
	ansiYellow  = "\x1b[33m"
	ansiDim     = "\x1b[2m"
	ansiBold    = "\x1b[1m"
	ansiCyan    = "\x1b[36m"
	ansiMagenta = "\x1b[35m"
)

type textWriter struct {
	w    io.Writer
	opts TextOptions
	err  error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func (t *textWriter) paint(code, s string) string {
	if !t.opts.Color || s == "" {
		return s
	}
	return code + s + ansiReset
}

// T is the catalogue text of key in the writer's language.
func (t *textWriter) T(key string, args ...any) string { return T(t.opts.Lang, key, args...) }

func (t *textWriter) status(s string, width int) string {
	padded := padRight(StatusWord(t.opts.Lang, s), width)
	switch s {
	case session.StatusOK:
		return t.paint(ansiGreen, padded)
	case session.StatusFailed:
		return t.paint(ansiRed, padded)
	case session.StatusIncomplete:
		return t.paint(ansiYellow, padded)
	}
	return t.paint(ansiDim, padded)
}

func (t *textWriter) severity(s string) string {
	switch s {
	case session.SeverityError:
		return t.paint(ansiRed+ansiBold, SeverityWord(t.opts.Lang, s))
	case session.SeverityWarning:
		return t.paint(ansiYellow, SeverityWord(t.opts.Lang, s))
	case session.SeveritySecurity:
		return t.paint(ansiRed, SeverityWord(t.opts.Lang, s))
	}
	return t.paint(ansiCyan, SeverityWord(t.opts.Lang, s))
}

// wrapHanging wraps s to width columns; continuation lines are indented by
// indent spaces (a hanging indent under the first line's text).
func wrapHanging(s string, width, indent int) string {
	if width-indent < 20 {
		indent = 0
	}
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		limit := width
		if len(out) > 0 {
			limit = width - indent
		}
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) <= limit:
			line += " " + w
		default:
			out = append(out, line)
			line = w
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return strings.Join(out, "\n"+strings.Repeat(" ", indent))
}

// wrapIndent wraps text to width, indenting continuation lines.
func wrapIndent(s string, width, indent int) string {
	lines := strings.Split(wrapWords(s, width-indent), "\n")
	return strings.Join(lines, "\n"+strings.Repeat(" ", indent))
}

func seconds(d time.Duration) string {
	switch {
	case d == 0:
		return "0 s"
	case d < time.Second:
		return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
	}
	return fmt.Sprintf("%.3f s", d.Seconds())
}

// WriteAnalysisText writes the human report of `analyze`: per session a
// summary block, the phase timeline, the findings and the data statistics.
func WriteAnalysisText(w io.Writer, a *session.Analysis, opts TextOptions) error {
	ts := NewAnalysisText(w, opts).(*textStream)
	for _, s := range a.Sessions {
		if ts.first.IsZero() || s.Start.Before(ts.first) {
			ts.first = s.Start
		}
	}
	for _, s := range a.Sessions {
		if err := ts.Session(s); err != nil {
			return err
		}
	}
	return ts.End(a)
}

func sideLabel(sd *session.Side) string {
	if !sd.Addr.IsValid() {
		return "?"
	}
	l := sd.Addr.String()
	var extra []string
	if sd.HostName != "" {
		extra = append(extra, sd.HostName)
	}
	if sd.Vendor != "" {
		extra = append(extra, sd.Vendor)
	}
	if len(extra) > 0 {
		l += " (" + strings.Join(extra, ", ") + ")"
	}
	return l
}

func (t *textWriter) session(s *session.Session, first time.Time) {
	verdict := s.Verdict()
	vc := ansiGreen
	switch verdict {
	case "failed":
		vc = ansiRed
	case "incomplete":
		vc = ansiYellow
	}
	lang := t.opts.Lang
	t.printf("%s  %s\n", t.paint(ansiBold, SessionTitle(t.opts.Lang, s)),
		t.paint(vc, VerdictWord(lang, verdict)))
	row := func(label, value string) {
		if value == "" {
			return
		}
		t.printf("  %s %s\n", padRight(t.T("analyze.row."+label), 11), wrapIndent(value, t.opts.Width, 14))
	}
	client := sideLabel(&s.Client)
	if s.ClientInferred {
		client += t.T("analyze.inferred", InferenceText(lang, s.InferredBy))
	}
	row("endpoints", t.T("analyze.endpoints", client, sideLabel(&s.Server)))
	if s.CallID >= 0 || s.PeerCallID >= 0 {
		row("call-ids", t.T("analyze.pair", optInt(s.CallID), optInt(s.PeerCallID)))
	}
	if a := s.Auth; a != nil {
		v := a.Method
		if a.User != "" {
			v = t.T("analyze.user.with", a.User, a.Method)
		}
		v = t.T("analyze.user.result", v, AuthResultWord(lang, a.Result))
		if a.FailureCode != 0 {
			v += t.T("analyze.user.failure-code", a.FailureCode, a.FailureName)
		}
		if a.Message != "" {
			v += fmt.Sprintf(" %q", a.Message)
		}
		row("user", v)
	} else {
		row("user", t.T("analyze.user.none"))
	}
	row("encryption", EncryptionText(lang, s))
	if s.Client.TunnelAddr.IsValid() || s.Server.TunnelAddr.IsValid() {
		v := t.T("analyze.pair", addrOr(s.Client.TunnelAddr), addrOr(s.Server.TunnelAddr))
		if len(s.Client.DNS) > 0 {
			v += t.T("analyze.dns", strings.Join(addrList(s.Client.DNS), " "))
		}
		if len(s.Client.NBNS) > 0 {
			v += t.T("analyze.wins", strings.Join(addrList(s.Client.NBNS), " "))
		}
		row("addresses", v)
	}
	if s.Client.InterfaceID != "" || s.Server.InterfaceID != "" {
		row("ipv6-ids", t.T("analyze.pair", orDash(s.Client.InterfaceID), orDash(s.Server.InterfaceID)))
	}
	if s.Phases[session.PhaseLCP].Status != session.StatusMissing {
		row("lcp", t.T("analyze.lcp-pair", lcpText(lang, &s.Client), lcpText(lang, &s.Server)))
	}
	row("duration", t.T("analyze.duration", seconds(s.End.Sub(s.Start)),
		s.Start.UTC().Format("2006-01-02 15:04:05"), s.End.UTC().Format("15:04:05")))

	t.printf("\n  %s %s %s %s %s\n", padRight(t.T("analyze.col.phase"), 32), padRight(t.T("analyze.col.status"), 11),
		padLeft(t.T("analyze.col.start"), 10), padLeft(t.T("analyze.col.duration"), 10), padLeft(t.T("analyze.col.frames"), 7))
	for _, name := range s.PhaseNames() {
		p := s.Phases[name]
		start, dur := "-", "-"
		if p.Count > 0 {
			start = fmt.Sprintf("%.3f", p.Start.Sub(first).Seconds())
			dur = seconds(p.Duration())
		}
		t.printf("  %s %s %10s %10s %7d\n", padRight(PhaseTitle(lang, name), 32), t.status(p.Status, 11), start, dur, p.Count)
		if p.NoteCode != "" && p.Status != session.StatusOK {
			t.printf("      %s\n", t.paint(ansiDim, wrapIndent(PhaseNote(lang, p.NoteCode), t.opts.Width, 6)))
		}
		if t.opts.Verbose {
			for _, m := range s.Messages {
				if m.Phase != name {
					continue
				}
				arrow := "C→S"
				if !m.FromClient {
					arrow = "S→C"
				}
				label := m.Proto + " " + m.Msg
				if m.ID >= 0 {
					label += fmt.Sprintf(" id=%d", m.ID)
				}
				if m.Retransmission {
					label += " [" + t.T("diagram.retransmission") + "]"
				}
				prefix := fmt.Sprintf("    %6s %10.6f %s ", t.frame(m.Frame), m.Time.Sub(first).Seconds(), arrow)
				n := len([]rune(prefix))
				body := wrapHanging(label+" "+messageSummary(t.opts.Lang, &m), t.opts.Width-n-2, 0)
				t.printf("%s%s\n", prefix, strings.ReplaceAll(body, "\n", "\n"+strings.Repeat(" ", n+2)))
			}
		}
	}
	if s.MessagesDropped > 0 && t.opts.Verbose {
		t.printf("      %s\n", t.T("analyze.more-messages", s.MessagesDropped))
	}

	t.printf("\n  %s\n", t.T("analyze.findings"))
	if len(s.Findings) == 0 {
		t.printf("    %s\n", t.T("analyze.findings.none"))
	}
	for _, f := range s.Findings {
		text := f.Code + t.T("analyze.finding.colon") + FindingText(lang, f) + findingFrames(lang, t.opts.FrameLabel, f.Frames)
		sw := cols(SeverityWord(lang, f.Severity))
		t.printf("    %s %s\n", t.severity(f.Severity), wrapIndent(text, t.opts.Width-sw-1, 5+sw))
	}

	c, sv := &s.Stats[0], &s.Stats[1]
	t.printf("\n  %s %s %s\n", padRight(t.T("analyze.data"), 22), padLeft(t.T("analyze.c2s"), 16), padLeft(t.T("analyze.s2c"), 16))
	stat := func(label string, a, b int) {
		t.printf("  %s %16d %16d\n", padRight(t.T("analyze.stat."+label), 22), a, b)
	}
	if s.PPPLink {
		// A PPP link: PPP frames, no GRE and no PPTP.
		stat("ppp-frames", c.Packets, sv.Packets)
		stat("ppp-bytes", c.Bytes, sv.Bytes)
	} else {
		stat("gre-packets", c.Packets, sv.Packets)
		stat("gre-bytes", c.Bytes, sv.Bytes)
	}
	stat("encrypted", c.Encrypted, sv.Encrypted)
	if c.Compressed+sv.Compressed > 0 {
		stat("compressed", c.Compressed, sv.Compressed)
	}
	stat("plain", c.Plain, sv.Plain)
	stat("control", c.Control, sv.Control)
	if !s.PPPLink {
		stat("ack-only", c.AckOnly, sv.AckOnly)
		stat("lost", c.Lost, sv.Lost)
		stat("reordered", c.Reordered, sv.Reordered)
		stat("duplicated", c.Duplicated, sv.Duplicated)
	}
	stat("lcp-echo-req", c.LCPEchoReq, sv.LCPEchoReq)
	stat("lcp-echo-rep", c.LCPEchoRep, sv.LCPEchoRep)
	if !s.PPPLink {
		stat("pptp-echo-req", c.PPTPEchoReq, sv.PPTPEchoReq)
		stat("pptp-echo-rep", c.PPTPEchoRep, sv.PPTPEchoRep)
	}
	if r := s.GRERTT; r.Samples > 0 {
		t.printf("  %s %s\n", padRight(t.T("analyze.stat.gre-rtt"), 22), rttText(lang, r))
	}
	if r := s.LCPEchoRTT; r.Samples > 0 {
		t.printf("  %s %s\n", padRight(t.T("analyze.stat.lcp-rtt"), 22), rttText(lang, r))
	}
	t.decryption(s) // inner.go
}

func lcpText(lang string, sd *session.Side) string {
	if !sd.LCPAcked {
		return T(lang, "analyze.lcp.not-acked")
	}
	var p []string
	if sd.MRU > 0 {
		p = append(p, fmt.Sprintf("MRU %d", sd.MRU))
	}
	if sd.AuthProto != "" {
		p = append(p, T(lang, "analyze.lcp.auth", sd.AuthProto))
	}
	if sd.Magic != nil {
		p = append(p, T(lang, "analyze.lcp.magic", hex32(*sd.Magic)))
	}
	if sd.PFC {
		p = append(p, "PFC")
	}
	if sd.ACFC {
		p = append(p, "ACFC")
	}
	if len(p) == 0 {
		return T(lang, "analyze.lcp.defaults")
	}
	return strings.Join(p, " ")
}

func optInt(v int) string {
	if v < 0 {
		return "?"
	}
	return fmt.Sprint(v)
}

// SessionTitle is a session's heading: its number and its client and
// server; a PPP link session says it is one.
func SessionTitle(lang string, s *session.Session) string {
	key := "analyze.session"
	if s.PPPLink {
		key = "analyze.session.ppp-link"
	}
	return T(lang, key, s.Index, addrOr(s.Client.Addr), addrOr(s.Server.Addr))
}

func addrOr(a netipAddr) string {
	if !a.IsValid() {
		return "?"
	}
	return a.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, " ")
}

// WriteSummaryLines writes the session summary that ends the packet list,
// one short paragraph per session so that `packets` and `analyze` tell the
// same story, from lines made by SessionSummaryLine as a streamed analysis
// hands the sessions over.
func WriteSummaryLines(w io.Writer, lines []string, lang string) error {
	t := &textWriter{w: w, opts: TextOptions{Lang: lang}}
	t.printf("\n")
	if len(lines) == 0 {
		t.printf("%s\n", t.T("summary.no-session"))
	}
	for _, l := range lines {
		t.printf("%s\n", l)
	}
	return t.err
}

// SessionSummaryLine is a session's line of the summary, wrapped to
// opts.Width.
func SessionSummaryLine(s *session.Session, opts TextOptions) string {
	if opts.Width <= 0 {
		opts.Width = 80
	}
	lang := opts.Lang
	parts := []string{VerdictWord(lang, s.Verdict())}
	if au := s.Auth; au != nil {
		parts = append(parts, T(lang, "summary.auth", orDash(au.User), au.Method, AuthResultWord(lang, au.Result)))
	}
	if e := s.Encryption; e != nil {
		parts = append(parts, T(lang, "summary.mppe", e.Bits, mppeMode(lang, e.Stateless)))
	}
	if d := decryptionSummary(lang, s.Decryption); d != "" {
		parts = append(parts, d)
	}
	var codes []string
	for _, f := range s.Findings {
		codes = append(codes, T(lang, "summary.finding", SeverityWord(lang, f.Severity), f.Code))
	}
	if len(codes) == 0 {
		codes = append(codes, T(lang, "summary.no-findings"))
	}
	parts = append(parts, strings.Join(codes, T(lang, "list.sep")))
	line := T(lang, "summary.session", s.Index, addrOr(s.Client.Addr), addrOr(s.Server.Addr), strings.Join(parts, T(lang, "summary.sep")))
	if s.PPPLink {
		line = T(lang, "summary.session.ppp-link", s.Index, addrOr(s.Client.Addr), addrOr(s.Server.Addr), strings.Join(parts, T(lang, "summary.sep")))
	}
	return wrapIndent(line, opts.Width, 4)
}

// frame names a frame: its number, or opts.FrameLabel's name for it.
func (t *textWriter) frame(n int) string {
	if t.opts.FrameLabel != nil {
		return t.opts.FrameLabel(n)
	}
	return fmt.Sprint(n)
}

// joinFrames names frames, space-separated: their numbers, or label's
// names for them (file:frame when several captures are merged).
func joinFrames(label func(int) string, v []int) string {
	if label == nil {
		return joinInts(v)
	}
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = label(x)
	}
	return strings.Join(s, " ")
}

// AuthResultWord is an authentication result (success, failure, none) in lang.
func AuthResultWord(lang, result string) string {
	if HasText("auth-result." + result) {
		return T(lang, "auth-result."+result)
	}
	return result
}

func mppeMode(lang string, stateless bool) string {
	if stateless {
		return T(lang, "analyze.mppe.stateless")
	}
	return T(lang, "analyze.mppe.stateful")
}

// EncryptionText describes what CCP negotiated for the session.
func EncryptionText(lang string, s *session.Session) string {
	if e := s.Encryption; e != nil {
		v := T(lang, "analyze.mppe", e.Bits, mppeMode(lang, e.Stateless))
		if e.MPPC {
			v += T(lang, "analyze.mppc")
		}
		return v
	}
	ccp := s.Phases[session.PhaseCCP].Status
	switch {
	case ccp == session.StatusMissing && s.Mid():
		return T(lang, "analyze.enc.unknown-mid")
	case ccp != session.StatusOK && s.HasFinding(session.FindingGREMissing) && s.Stats[0].Packets+s.Stats[1].Packets == 0:
		return T(lang, "analyze.enc.unknown-no-gre")
	case ccp != session.StatusOK && s.Phases[session.PhaseTeardown].Count == 0 &&
		s.Stats[0].Plain+s.Stats[1].Plain+s.Stats[0].Encrypted+s.Stats[1].Encrypted == 0:
		return T(lang, "analyze.enc.unknown-cut")
	}
	return T(lang, "analyze.enc.none")
}

// findingFrames is the " [frames ...]" suffix of a finding, or "".
func findingFrames(lang string, label func(int) string, frames []int) string {
	if len(frames) == 0 {
		return ""
	}
	return TN(lang, "finding.frames", len(frames), joinFrames(label, frames))
}

// rttText is "min, avg, max (n samples)" of round-trip samples.
func rttText(lang string, r session.RTT) string {
	return TN(lang, "analyze.rtt", r.Samples, seconds(r.Min), seconds(r.Avg), seconds(r.Max), r.Samples)
}
