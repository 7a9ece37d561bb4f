package render

import (
	"fmt"
	"io"
	"time"

	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/session"
)

// The renderers as session.Sinks: the packet loop (package pipeline) hands
// them its events; none reads the capture.

// PacketListOptions select what the packet list shows.
type PacketListOptions struct {
	All   bool   // also GRE data (MPPE), ack-only and other PPP frames
	Phase string // only records the tracker put in this phase
	// Summary, when set, receives a line per session after the list (the
	// table).
	Summary io.Writer
	Text    TextOptions // the summary lines' layout
	// Note receives a selection's line when there is no Summary.
	Note io.Writer
}

// PacketList is the sink of `packets`: a record writer (table or JSON
// lines), then a line per session.
type PacketList struct {
	session.NopSink
	w       RecordWriter
	opts    PacketListOptions
	summary []string
	closed  bool
	sel     *SelectionResult
}

// SetSelection implements SelectionReporter: the line follows the session
// summary, or goes to Note without one.
func (p *PacketList) SetSelection(r SelectionResult) { p.sel = &r }

// NewPacketList returns the sink writing records to w.
func NewPacketList(w RecordWriter, opts PacketListOptions) *PacketList {
	return &PacketList{w: w, opts: opts}
}

// Record writes a record the options select.
func (p *PacketList) Record(r *session.Record) error {
	if !r.Control && !p.opts.All || p.opts.Phase != "" && r.Phase != p.opts.Phase {
		return nil
	}
	return p.w.Write(r)
}

// RecordRenderer is a RecordWriter that can render a record now and write
// it later (a selection holds records until their session ends).
type RecordRenderer interface {
	Render(r *session.Record) (write func() error, size int)
}

// Hold implements Holder.
func (p *PacketList) Hold(r *session.Record) (func() error, int) {
	if !r.Control && !p.opts.All || p.opts.Phase != "" && r.Phase != p.opts.Phase {
		return nil, 0
	}
	if rr, ok := p.w.(RecordRenderer); ok {
		return rr.Render(r)
	}
	return nil, 0
}

// SessionEnd makes the session's summary line.
func (p *PacketList) SessionEnd(s *session.Session) error {
	if p.opts.Summary != nil {
		p.summary = append(p.summary, SessionSummaryLine(s, p.opts.Text))
	}
	return nil
}

// End flushes the list and writes the summary.
func (p *PacketList) End(*session.Analysis) error {
	if err := p.Close(); err != nil {
		return err
	}
	if p.opts.Summary == nil {
		if p.sel != nil && p.opts.Note != nil {
			_, err := fmt.Fprintln(p.opts.Note, p.sel.Line(p.opts.Text.Lang))
			return err
		}
		return nil
	}
	lang := p.opts.Text.Lang
	if p.sel == nil {
		return WriteSummaryLines(p.opts.Summary, p.summary, lang)
	}
	return WriteSummaryLines(p.opts.Summary, append(p.summary, p.sel.Line(lang)), lang)
}

// Close flushes the record writer (once): what was listed before an
// analysis stopped on an error.
func (p *PacketList) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	return p.w.Close()
}

// SessionEnd implements session.Sink for the streamed analysis report.
func (ts *textStream) SessionEnd(s *session.Session) error { return ts.Session(s) }

// SessionEnd implements session.Sink for the streamed analysis report.
func (js *jsonStream) SessionEnd(s *session.Session) error { return js.Session(s) }

// PacketWriter writes a packet to a capture file (capture.InnerWriter).
type PacketWriter interface {
	WritePacket(t time.Time, frame int, data []byte) error
	Count() int
}

// DecryptOutput is the sink of `decrypt`: each decrypted inner IP packet
// to a capture file, then a summary line per session with encrypted frames.
type DecryptOutput struct {
	session.NopSink
	w       PacketWriter
	report  io.Writer
	name    string
	kind    string
	lines   []string
	lang    string
	flushed func() error
	// Quiet leaves out the line per session.
	Quiet bool
	sel   *SelectionResult
}

// SetSelection implements SelectionReporter: the line follows the
// session lines (and is left out with Quiet).
func (d *DecryptOutput) SetSelection(r SelectionResult) { d.sel = &r }

// NewDecryptOutput returns the sink writing packets to w and the summary to
// report; name and pcapng describe the output file in the summary.
func NewDecryptOutput(w PacketWriter, report io.Writer, name string, pcapng bool, lang string, flush func() error) *DecryptOutput {
	kind := T(lang, "decrypt.kind.pcap")
	if pcapng {
		kind = T(lang, "decrypt.kind.pcapng")
	}
	if name == "-" {
		name = T(lang, "decrypt.stdout")
	}
	return &DecryptOutput{w: w, report: report, name: name, kind: kind, lang: lang, flushed: flush}
}

// Record writes a well-formed decrypted IP packet.
func (d *DecryptOutput) Record(r *session.Record) error {
	if in := r.Inner; in == nil || !in.IP() || !in.Valid() {
		return nil
	}
	return d.w.WritePacket(r.Time, r.Frame, r.Inner.Data)
}

// Hold implements Holder: a copy of a decrypted IP packet.
func (d *DecryptOutput) Hold(r *session.Record) (func() error, int) {
	if in := r.Inner; in == nil || !in.IP() || !in.Valid() {
		return nil, 0
	}
	t, frame, data := r.Time, r.Frame, append([]byte(nil), r.Inner.Data...)
	return func() error { return d.w.WritePacket(t, frame, data) }, len(data)
}

// SessionEnd makes the session's summary line.
func (d *DecryptOutput) SessionEnd(s *session.Session) error {
	if l := DecryptSummaryLine(d.lang, s); l != "" {
		d.lines = append(d.lines, l)
	}
	return nil
}

// End flushes the file and writes the summary.
func (d *DecryptOutput) End(*session.Analysis) error {
	if d.flushed != nil {
		if err := d.flushed(); err != nil {
			return err
		}
	}
	if _, err := fmt.Fprintln(d.report, T(d.lang, "decrypt.wrote", d.w.Count(), d.name, d.kind)); err != nil {
		return err
	}
	if d.Quiet {
		return nil
	}
	if d.sel != nil {
		// The selection's line, not "no encrypted session", when it left
		// every session out.
		lines := d.lines
		if d.sel.Shown > 0 && len(lines) == 0 {
			return WriteDecryptLines(d.report, nil, d.lang)
		}
		return WriteDecryptLines(d.report, append(lines, d.sel.Line(d.lang)), d.lang)
	}
	return WriteDecryptLines(d.report, d.lines, d.lang)
}

// WholeOutput is the sink of the outputs that need every session at once
// (diagrams, keys): it writes them at the end of the analysis, which must
// keep its sessions (pipeline.Whole).
type WholeOutput struct {
	session.NopSink
	write func(*session.Analysis) error
}

// AtEnd returns a sink that calls write with the whole analysis at its end.
func AtEnd(write func(*session.Analysis) error) *WholeOutput { return &WholeOutput{write: write} }

// End writes the analysis.
func (w *WholeOutput) End(a *session.Analysis) error { return w.write(a) }

// ReportOutput is the sink of `report`: it keeps the first data frame of
// each kind of each GRE flow (from the record's own bytes) for the
// encapsulation view, and writes the report at the end.
type ReportOutput struct {
	session.NopSink
	w      io.Writer
	opts   ReportOptions
	frames []DataFrame
	seen   map[string]bool
}

// NewReportOutput returns the report sink.
func NewReportOutput(w io.Writer, opts ReportOptions) *ReportOutput {
	return &ReportOutput{w: w, opts: opts, seen: map[string]bool{}}
}

// Record keeps a candidate frame for the encapsulation view: MPPE, or IPv4
// or IPv6 in PPP, the first of each GRE flow, copied.
func (ro *ReportOutput) Record(r *session.Record) error {
	if r.Control || r.CallID < 0 || r.Raw == nil {
		return nil
	}
	if r.Proto != "MPPE" && !(r.Proto == "PPP" && (r.PPPProtocol == uint16(decode.PPPTypeIPv4) || r.PPPProtocol == uint16(decode.PPPTypeIPv6))) {
		return nil
	}
	key := fmt.Sprintf("%s>%s/%d/%s/%d", r.Src, r.Dst, r.CallID, r.Proto, r.PPPProtocol)
	if ro.seen[key] {
		return nil
	}
	ro.seen[key] = true
	raw := RawFrame{Frame: r.Frame, Time: r.Time, LinkType: r.LinkType, Data: append([]byte(nil), r.Raw...)}
	if in := r.Inner; in != nil && len(in.Data) > 0 {
		raw.Inner = append([]byte(nil), in.Data...)
		raw.InnerProtocol = in.PPPProtocol
		raw.Decompressed, raw.MPPCIn, raw.MPPCOut = r.Decompressed, r.MPPCIn, r.MPPCOut
	}
	ro.frames = append(ro.frames, DataFrame{Packet: DataPacketOf(ro.opts.Lang, r), Raw: raw})
	return nil
}

// End writes the report.
func (ro *ReportOutput) End(a *session.Analysis) error {
	opts := ro.opts
	opts.Frames = PickDataFrames(a, ro.frames)
	return WriteReport(ro.w, a, opts)
}
