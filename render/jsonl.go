// Package render writes pptpscope's results for people (tables, diagrams)
// and for programs (JSON).
package render

import (
	"bufio"
	"encoding/hex"
	"io"
	"strconv"
	"time"

	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/session"
)

// RecordWriter writes a stream of records.
type RecordWriter interface {
	Write(r *session.Record) error
	// Close flushes buffered output.
	Close() error
}

// JSONLines writes one JSON object per record and line, with the keys
// frame, time, src, dst, proto, msg, id, call_id, fields and, when present,
// seq, ack, lost, notes and error (and, with WithHex, raw and inner_raw).
type JSONLines struct {
	w   *bufio.Writer
	buf []byte
	// Locate, when set (several captures merged), gives a frame's file
	// and its number there: each line then starts with "file" and that
	// "frame".
	Locate func(frame int) (file string, local int)
	rec    []byte
	hex    bool
}

// WithHex adds to each object the frame's bytes as "raw" and, when
// decrypted, the inner PPP frame's as "inner_raw" (hex strings; -x).
func (j *JSONLines) WithHex() *JSONLines {
	j.hex = true
	return j
}

func (j *JSONLines) appendRecord(b []byte, r *session.Record) []byte {
	if j.Locate != nil {
		file, local := j.Locate(r.Frame)
		rr := *r
		rr.Frame = local
		j.rec = AppendRecordJSON(j.rec[:0], &rr)
		b = append(b, `{"file":`...)
		b = decode.AppendJSONValue(b, file)
		b = append(b, ',')
		b = append(b, j.rec[1:]...)
	} else {
		b = AppendRecordJSON(b, r)
	}
	if !j.hex {
		return b
	}
	b = b[:len(b)-1]
	if r.Raw != nil {
		b = append(b, `,"raw":"`...)
		b = hex.AppendEncode(b, r.Raw)
		b = append(b, '"')
	}
	if in := innerPPP(r); in != nil {
		b = append(b, `,"inner_raw":"`...)
		b = hex.AppendEncode(b, in)
		b = append(b, '"')
	}
	return append(b, '}')
}

// NewJSONLines returns a JSON-lines writer on w.
func NewJSONLines(w io.Writer) *JSONLines {
	return &JSONLines{w: bufio.NewWriterSize(w, 64<<10)}
}

// Write implements RecordWriter.
func (j *JSONLines) Write(r *session.Record) error {
	j.buf = j.appendRecord(j.buf[:0], r)
	j.buf = append(j.buf, '\n')
	_, err := j.w.Write(j.buf)
	return err
}

// Render implements RecordRenderer.
func (j *JSONLines) Render(r *session.Record) (func() error, int) {
	b := append(j.appendRecord(nil, r), '\n')
	return func() error { _, err := j.w.Write(b); return err }, len(b)
}

// Close implements RecordWriter.
func (j *JSONLines) Close() error { return j.w.Flush() }

// AppendRecordJSON appends r as one JSON object (without newline).
func AppendRecordJSON(b []byte, r *session.Record) []byte {
	b = append(b, `{"frame":`...)
	b = strconv.AppendInt(b, int64(r.Frame), 10)
	b = append(b, `,"time":"`...)
	b = r.Time.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","src":`...)
	b = appendAddr(b, r.Src.IsValid(), r.Src.String())
	b = append(b, `,"dst":`...)
	b = appendAddr(b, r.Dst.IsValid(), r.Dst.String())
	b = append(b, `,"proto":`...)
	b = decode.AppendJSONValue(b, r.Proto)
	b = append(b, `,"msg":`...)
	b = decode.AppendJSONValue(b, r.Msg)
	b = append(b, `,"id":`...)
	b = appendOptInt(b, r.ID)
	b = append(b, `,"call_id":`...)
	b = appendOptInt(b, r.CallID)
	if r.HasSeq {
		b = append(b, `,"seq":`...)
		b = strconv.AppendUint(b, uint64(r.Seq), 10)
	}
	if r.HasAck {
		b = append(b, `,"ack":`...)
		b = strconv.AppendUint(b, uint64(r.Ack), 10)
	}
	if r.Lost > 0 {
		b = append(b, `,"lost":`...)
		b = strconv.AppendInt(b, int64(r.Lost), 10)
	}
	b = append(b, `,"fields":`...)
	f := r.Fields()
	if f == nil {
		f = decode.Fields{}
	}
	b = f.AppendJSON(b)
	b = appendInnerJSON(b, r.Inner)
	if notes := RecordNotes("en", r); len(notes) > 0 {
		b = append(b, `,"notes":`...)
		b = decode.AppendJSONValue(b, notes)
	}
	if r.Err != nil {
		b = append(b, `,"error":`...)
		b = decode.AppendJSONValue(b, r.Err.Error())
	}
	return append(b, '}')
}

func appendAddr(b []byte, ok bool, s string) []byte {
	if !ok {
		return append(b, "null"...)
	}
	return decode.AppendJSONValue(b, s)
}

func appendOptInt(b []byte, v int) []byte {
	if v < 0 {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, int64(v), 10)
}
