package render

import (
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/session"
)

// PacketCSVColumns are the columns of `packets --format csv`, named as the
// JSON keys: fields is the JSON object of the decoded fields, inner the
// one-line description of a decrypted packet, notes joined by "; ".
var PacketCSVColumns = []string{"frame", "time", "src", "dst", "proto", "msg", "id", "call_id", "seq", "ack", "lost", "fields", "inner", "notes", "error"}

// PacketCSV writes one CSV row per record under a header row; with hex, the
// columns raw and inner_raw follow (-x).
type PacketCSV struct {
	w   *csv.Writer
	hex bool
	err error
}

// NewPacketCSV returns the CSV record writer on w; it writes the header.
func NewPacketCSV(w io.Writer, hex bool) *PacketCSV {
	c := &PacketCSV{w: csv.NewWriter(w), hex: hex}
	head := PacketCSVColumns
	if hex {
		head = append(append([]string(nil), head...), "raw", "inner_raw")
	}
	c.err = c.w.Write(head)
	return c
}

func csvInt(v int) string {
	if v < 0 {
		return ""
	}
	return strconv.Itoa(v)
}

func (c *PacketCSV) row(r *session.Record) []string {
	addr := func(ok bool, s string) string {
		if !ok {
			return ""
		}
		return s
	}
	var seq, ack, lost, inner, errs string
	if r.HasSeq {
		seq = strconv.FormatUint(uint64(r.Seq), 10)
	}
	if r.HasAck {
		ack = strconv.FormatUint(uint64(r.Ack), 10)
	}
	if r.Lost > 0 {
		lost = strconv.Itoa(r.Lost)
	}
	f := r.Fields()
	if f == nil {
		f = decode.Fields{}
	}
	if r.Inner != nil {
		inner = InnerInfo("en", r.Inner)
	}
	if r.Err != nil {
		errs = r.Err.Error()
	}
	row := []string{strconv.Itoa(r.Frame), r.Time.UTC().Format(time.RFC3339Nano),
		addr(r.Src.IsValid(), r.Src.String()), addr(r.Dst.IsValid(), r.Dst.String()),
		r.Proto, r.Msg, csvInt(r.ID), csvInt(r.CallID), seq, ack, lost, string(f.AppendJSON(nil)),
		inner, strings.Join(RecordNotes("en", r), "; "), errs}
	if c.hex {
		row = append(row, hex.EncodeToString(r.Raw), hex.EncodeToString(innerPPP(r)))
	}
	return row
}

// Write implements RecordWriter.
func (c *PacketCSV) Write(r *session.Record) error {
	if c.err != nil {
		return c.err
	}
	return c.w.Write(c.row(r))
}

// Render implements RecordRenderer.
func (c *PacketCSV) Render(r *session.Record) (func() error, int) {
	row := c.row(r)
	n := 0
	for _, s := range row {
		n += len(s)
	}
	return func() error { return c.w.Write(row) }, n
}

// Close implements RecordWriter.
func (c *PacketCSV) Close() error {
	c.w.Flush()
	if c.err != nil {
		return c.err
	}
	return c.w.Error()
}

// SessionCSVColumns are the columns of `analyze --format csv`, one row per
// session, named as the JSON keys (c2s: client to server, s2c: server to
// client; findings: the finding codes joined by spaces).
var SessionCSVColumns = []string{"index", "client", "server", "start", "end", "duration_s", "verdict",
	"call_id", "peer_call_id", "user", "auth", "auth_result", "mppe_bits", "stateless",
	"client_tunnel_address", "server_tunnel_address",
	"packets_c2s", "packets_s2c", "bytes_c2s", "bytes_s2c", "lost_c2s", "lost_s2c", "findings"}

// NewAnalysisCSV returns the sink of `analyze --format csv`: a header row,
// then a row per session as it ends. The summary line and the selection's
// go to note (standard error), keeping the output pure CSV.
func NewAnalysisCSV(w io.Writer, note io.Writer) AnalysisStream {
	c := &csvStream{w: csv.NewWriter(w), note: note}
	c.err = c.w.Write(SessionCSVColumns)
	return c
}

type csvStream struct {
	session.NopSink
	w    *csv.Writer
	note io.Writer
	err  error
	sum  SessionSummary
	sel  *SelectionResult
}

func (c *csvStream) Summary() *SessionSummary       { return &c.sum }
func (c *csvStream) SetSelection(r SelectionResult) { c.sel = &r }

func (c *csvStream) SessionEnd(s *session.Session) error { return c.Session(s) }

// Abort flushes the rows written: each is a whole session.
func (c *csvStream) Abort(error) error {
	c.w.Flush()
	return c.w.Error()
}

func (c *csvStream) Session(s *session.Session) error {
	c.sum.Add(s)
	if c.err != nil {
		return c.err
	}
	addr := func(a interface {
		IsValid() bool
		String() string
	}) string {
		if !a.IsValid() {
			return ""
		}
		return a.String()
	}
	var user, auth, result, bits, stateless string
	if a := s.Auth; a != nil {
		user, auth, result = a.User, a.Method, a.Result
	} else {
		result = "none"
	}
	if e := s.Encryption; e != nil {
		bits, stateless = strconv.Itoa(e.Bits), strconv.FormatBool(e.Stateless)
	}
	codes := make([]string, len(s.Findings))
	for i, f := range s.Findings {
		codes[i] = f.Code
	}
	c.err = c.w.Write([]string{strconv.Itoa(s.Index), addr(s.Client.Addr), addr(s.Server.Addr),
		timeStr(s.Start), timeStr(s.End), strconv.FormatFloat(s.End.Sub(s.Start).Seconds(), 'f', -1, 64), s.Verdict(),
		csvInt(s.CallID), csvInt(s.PeerCallID), user, auth, result, bits, stateless,
		addr(s.Client.TunnelAddr), addr(s.Server.TunnelAddr),
		strconv.Itoa(s.Stats[0].Packets), strconv.Itoa(s.Stats[1].Packets),
		strconv.Itoa(s.Stats[0].Bytes), strconv.Itoa(s.Stats[1].Bytes),
		strconv.Itoa(s.Stats[0].Lost), strconv.Itoa(s.Stats[1].Lost), strings.Join(codes, " ")})
	return c.err
}

func (c *csvStream) End(*session.Analysis) error {
	c.w.Flush()
	if c.err == nil {
		c.err = c.w.Error()
	}
	if c.err != nil {
		return c.err
	}
	if c.note != nil {
		if c.sum.Sessions > 0 {
			if _, err := fmt.Fprintln(c.note, c.sum.Line("en")); err != nil {
				return err
			}
		}
		if c.sel != nil {
			if _, err := fmt.Fprintln(c.note, c.sel.Line("en")); err != nil {
				return err
			}
		}
	}
	return nil
}
