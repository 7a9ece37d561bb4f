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

func (t *textWriter) status(s string, width int) string {
	padded := fmt.Sprintf("%-*s", width, s)
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
		return t.paint(ansiRed+ansiBold, "error")
	case session.SeverityWarning:
		return t.paint(ansiYellow, "warning")
	}
	return t.paint(ansiCyan, "info")
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
	t.printf("%s  %s\n", t.paint(ansiBold, fmt.Sprintf("Session %d: %s → %s", s.Index, s.Client.Addr, s.Server.Addr)),
		t.paint(vc, strings.ToUpper(verdict)))
	row := func(label, value string) {
		if value == "" {
			return
		}
		t.printf("  %-11s %s\n", label, wrapIndent(value, t.opts.Width, 14))
	}
	client := "client " + sideLabel(&s.Client)
	if s.ClientInferred {
		client += " — inferred: " + s.InferredBy
	}
	row("endpoints", client+"; server "+sideLabel(&s.Server))
	if s.CallID >= 0 || s.PeerCallID >= 0 {
		row("call IDs", fmt.Sprintf("client %s, server %s", optInt(s.CallID), optInt(s.PeerCallID)))
	}
	if a := s.Auth; a != nil {
		v := a.Method
		if a.User != "" {
			v = fmt.Sprintf("%s with %s", a.User, a.Method)
		}
		v += ": " + a.Result
		if a.FailureCode != 0 {
			v += fmt.Sprintf(" (E=%d %s)", a.FailureCode, a.FailureName)
		}
		if a.Message != "" {
			v += fmt.Sprintf(" %q", a.Message)
		}
		row("user", v)
	} else {
		row("user", "no authentication in the capture")
	}
	if e := s.Encryption; e != nil {
		mode := "stateful"
		if e.Stateless {
			mode = "stateless"
		}
		v := fmt.Sprintf("MPPE %d-bit %s", e.Bits, mode)
		if e.MPPC {
			v += ", MPPC compression"
		}
		row("encryption", v)
	} else if s.Phases[session.PhaseCCP].Status == session.StatusMissing && s.Mid() {
		row("encryption", "unknown: CCP is not in the capture")
	} else {
		row("encryption", "none negotiated")
	}
	if s.Client.TunnelAddr.IsValid() || s.Server.TunnelAddr.IsValid() {
		v := fmt.Sprintf("client %s, server %s", addrOr(s.Client.TunnelAddr), addrOr(s.Server.TunnelAddr))
		if len(s.Client.DNS) > 0 {
			v += ", DNS " + strings.Join(addrList(s.Client.DNS), " ")
		}
		if len(s.Client.NBNS) > 0 {
			v += ", WINS " + strings.Join(addrList(s.Client.NBNS), " ")
		}
		row("addresses", v)
	}
	if s.Client.InterfaceID != "" || s.Server.InterfaceID != "" {
		row("IPv6 IDs", fmt.Sprintf("client %s, server %s", orDash(s.Client.InterfaceID), orDash(s.Server.InterfaceID)))
	}
	if s.Phases[session.PhaseLCP].Status != session.StatusMissing {
		row("LCP", fmt.Sprintf("client %s; server %s", lcpText(&s.Client), lcpText(&s.Server)))
	}
	row("duration", fmt.Sprintf("%s (%s → %s UTC)", seconds(s.End.Sub(s.Start)),
		s.Start.UTC().Format("2006-01-02 15:04:05"), s.End.UTC().Format("15:04:05")))

	t.printf("\n  %-32s %-11s %10s %10s %7s\n", "Phase", "Status", "Start", "Duration", "Frames")
	for _, name := range session.PhaseOrder {
		p := s.Phases[name]
		start, dur := "-", "-"
		if p.Count > 0 {
			start = fmt.Sprintf("%.3f", p.Start.Sub(first).Seconds())
			dur = seconds(p.Duration())
		}
		t.printf("  %-32s %s %10s %10s %7d\n", session.PhaseTitles[name], t.status(p.Status, 11), start, dur, p.Count)
		if p.Note != "" && p.Status != session.StatusOK {
			t.printf("      %s\n", t.paint(ansiDim, wrapIndent(p.Note, t.opts.Width, 6)))
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
				prefix := fmt.Sprintf("    %6d %10.6f %s ", m.Frame, m.Time.Sub(first).Seconds(), arrow)
				n := len([]rune(prefix))
				body := wrapHanging(label+" "+messageSummary("en", &m), t.opts.Width-n-2, 0)
				t.printf("%s%s\n", prefix, strings.ReplaceAll(body, "\n", "\n"+strings.Repeat(" ", n+2)))
			}
		}
	}
	if s.MessagesDropped > 0 && t.opts.Verbose {
		t.printf("      (%d more messages not kept)\n", s.MessagesDropped)
	}

	t.printf("\n  Findings\n")
	if len(s.Findings) == 0 {
		t.printf("    none\n")
	}
	for _, f := range s.Findings {
		frames := ""
		if len(f.Frames) > 0 {
			frames = " [frames " + joinInts(f.Frames) + "]"
		}
		text := fmt.Sprintf("%s: %s%s", f.Code, f.Message, frames)
		t.printf("    %s %s\n", t.severity(f.Severity), wrapIndent(text, t.opts.Width-len(f.Severity)-1, 5+len(f.Severity)))
	}

	c, sv := &s.Stats[0], &s.Stats[1]
	t.printf("\n  %-22s %16s %16s\n", "Data", "client→server", "server→client")
	stat := func(label string, a, b int) { t.printf("  %-22s %16d %16d\n", label, a, b) }
	stat("GRE packets", c.Packets, sv.Packets)
	stat("GRE payload bytes", c.Bytes, sv.Bytes)
	stat("encrypted (MPPE)", c.Encrypted, sv.Encrypted)
	if c.Compressed+sv.Compressed > 0 {
		stat("compressed (MPPC)", c.Compressed, sv.Compressed)
	}
	stat("unencrypted data", c.Plain, sv.Plain)
	stat("PPP control", c.Control, sv.Control)
	stat("ack-only", c.AckOnly, sv.AckOnly)
	stat("lost (sequence gaps)", c.Lost, sv.Lost)
	stat("reordered", c.Reordered, sv.Reordered)
	stat("duplicated", c.Duplicated, sv.Duplicated)
	stat("LCP echo requests", c.LCPEchoReq, sv.LCPEchoReq)
	stat("LCP echo replies", c.LCPEchoRep, sv.LCPEchoRep)
	stat("PPTP echo requests", c.PPTPEchoReq, sv.PPTPEchoReq)
	stat("PPTP echo replies", c.PPTPEchoRep, sv.PPTPEchoRep)
	if r := s.GRERTT; r.Samples > 0 {
		t.printf("  %-22s %s min, %s avg, %s max (%d samples)\n", "GRE RTT (seq/ack)", seconds(r.Min), seconds(r.Avg), seconds(r.Max), r.Samples)
	}
	if r := s.LCPEchoRTT; r.Samples > 0 {
		t.printf("  %-22s %s min, %s avg, %s max (%d samples)\n", "LCP echo RTT", seconds(r.Min), seconds(r.Avg), seconds(r.Max), r.Samples)
	}
	t.decryption(s) // inner.go
}

func lcpText(sd *session.Side) string {
	if !sd.LCPAcked {
		return "not acknowledged"
	}
	var p []string
	if sd.MRU > 0 {
		p = append(p, fmt.Sprintf("MRU %d", sd.MRU))
	}
	if sd.AuthProto != "" {
		p = append(p, "auth "+sd.AuthProto)
	}
	if sd.Magic != nil {
		p = append(p, "magic "+hex32(*sd.Magic))
	}
	if sd.PFC {
		p = append(p, "PFC")
	}
	if sd.ACFC {
		p = append(p, "ACFC")
	}
	if len(p) == 0 {
		return "defaults"
	}
	return strings.Join(p, " ")
}

func optInt(v int) string {
	if v < 0 {
		return "?"
	}
	return fmt.Sprint(v)
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
func WriteSummaryLines(w io.Writer, lines []string) error {
	t := &textWriter{w: w}
	t.printf("\n")
	if len(lines) == 0 {
		t.printf("No PPTP session (see pptpscope analyze).\n")
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
	parts := []string{strings.ToUpper(s.Verdict())}
	if au := s.Auth; au != nil {
		parts = append(parts, fmt.Sprintf("%s %s %s", orDash(au.User), au.Method, au.Result))
	}
	if e := s.Encryption; e != nil {
		mode := "stateful"
		if e.Stateless {
			mode = "stateless"
		}
		parts = append(parts, fmt.Sprintf("MPPE-%d %s", e.Bits, mode))
	}
	if d := decryptionSummary(s.Decryption); d != "" {
		parts = append(parts, d)
	}
	var codes []string
	for _, f := range s.Findings {
		codes = append(codes, f.Severity+" "+f.Code)
	}
	if len(codes) == 0 {
		codes = append(codes, "no findings")
	}
	parts = append(parts, strings.Join(codes, ", "))
	line := fmt.Sprintf("Session %d: %s → %s: %s", s.Index, addrOr(s.Client.Addr), addrOr(s.Server.Addr), strings.Join(parts, "; "))
	return wrapIndent(line, opts.Width, 4)
}
