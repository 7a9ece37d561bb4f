package render

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/session"
)

// TestPacketTableRowsAsTablewriter: the rows the packet table writes itself
// are byte for byte those tablewriter writes, for every record of every
// bundled capture (decrypted where the test credentials allow), at widths
// from the narrowest to the full names, in colour, in Chinese, with hex
// dumps and with the file:frame labels of merged captures.
func TestPacketTableRowsAsTablewriter(t *testing.T) {
	pcaps, err := filepath.Glob(filepath.Join("..", "testdata", "pcaps", "*.*cap*"))
	if err != nil || len(pcaps) < 20 {
		t.Fatalf("%d captures, %v", len(pcaps), err)
	}
	creds := &mppe.Credentials{ByUser: map[string]mppe.Credential{"student": {Password: "syberos"}, "vpnuser": {Password: "vpnuser123"}, "moxie": {Password: "bPCFyF2uL1p5Lg5yrKmqmY"}}}
	for _, path := range pcaps {
		for _, opts := range []TableOptions{{Width: 74}, {Width: 80, Color: true}, {Width: 119, Lang: "zh"}, {Width: 160}, {Width: 100, Hex: true},
			{Width: 90, FrameLabel: func(f int) string { return fmt.Sprintf("capture-%d.pcap:%d", f%3, f) }, FrameWidth: 18}} {
			var fast, slow bytes.Buffer
			ft, err := NewPacketTable(&fast, opts)
			if err != nil {
				t.Fatal(err)
			}
			st, err := NewPacketTable(&slow, opts)
			if err != nil {
				t.Fatal(err)
			}
			st.slow = true
			src, err := capture.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			rows := 0
			pipeline.Run(src, pipeline.Options{Policy: pipeline.Whole(true), Credentials: creds}, pipeline.RecordFunc(func(r *session.Record) error {
				rows++
				if err := ft.Write(r); err != nil {
					return err
				}
				return st.Write(r)
			}))
			src.Close()
			ft.Close()
			st.Close()
			if rows == 0 {
				continue
			}
			if !bytes.Equal(fast.Bytes(), slow.Bytes()) {
				i := firstDiff(fast.Bytes(), slow.Bytes())
				t.Fatalf("%s %+v: rows differ at byte %d:\nours:        %q\ntablewriter: %q", filepath.Base(path), opts, i,
					fast.Bytes()[max(i-80, 0):min(i+80, fast.Len())], slow.Bytes()[max(i-80, 0):min(i+80, slow.Len())])
			}
		}
	}
}

// BenchmarkPacketList: the cost of a listed record in the table (with
// tablewriter laying out every row, and as written now) and in JSON lines,
// over the records of pptpcrack__test.pcap with --all.
func BenchmarkPacketList(b *testing.B) {
	src, err := capture.Open(filepath.Join("..", "testdata", "pcaps", "pptpcrack__test.pcap"))
	if err != nil {
		b.Fatal(err)
	}
	var recs []session.Record
	pipeline.Run(src, pipeline.Options{Policy: pipeline.Whole(true)}, pipeline.RecordFunc(func(r *session.Record) error {
		c := *r
		c.Message, c.Raw = nil, nil // decoded messages are valid only during the call
		recs = append(recs, c)
		return nil
	}))
	src.Close()
	for _, mode := range []string{"table-tablewriter", "table", "json"} {
		b.Run(mode, func(b *testing.B) {
			for b.Loop() {
				var w RecordWriter
				switch mode {
				case "json":
					w = NewJSONLines(io.Discard)
				default:
					t, err := NewPacketTable(io.Discard, TableOptions{Width: 80})
					if err != nil {
						b.Fatal(err)
					}
					t.slow = mode == "table-tablewriter"
					w = t
				}
				for i := range recs {
					if err := w.Write(&recs[i]); err != nil {
						b.Fatal(err)
					}
				}
				w.Close()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(recs)), "ns/record")
		})
	}
}

// wrapCellText is wrapCell's lines joined as wrapWords joins them, with a
// check of each line's column count.
func wrapCellText(t testing.TB, s string, width int) string {
	t.Helper()
	lines, spans := wrapCell([]byte("prefix"), nil, []byte(s), width)
	var out []string
	for _, sp := range spans {
		l := string(lines[sp.start:sp.end])
		if sp.cols != cols(l) {
			t.Fatalf("wrapCell(%q, %d): line %q counted %d columns, has %d", s, width, l, sp.cols, cols(l))
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// TestWrapCellAsWrapWords: the table's wrapping into a buffer gives the
// lines wrapWords gives, on texts with every kind of white space, words
// longer than a line, multi-byte and two-column characters and bad UTF-8,
// at every width from 1 to 40.
func TestWrapCellAsWrapWords(t *testing.T) {
	texts := []string{
		"", " ", "a", "id=1 ACCM=0x00000000 Auth=CHAP-MD5 Magic=0x86ebbcaa PFC ACFC",
		"10.64.0.9 → 10.1.0.1", "2001:db8::1234:5678:9abc → 2001:db8::ffff:1",
		"  leading and trailing  ", "tab\there\nnewline\r\vand\fform", "nbsp\u00a0and\u0085nel and\u2003em space",
		"averyveryveryverylongwordthatmustbecutseveraltimes short", "ééééééééééééééééééééééé → ü",
		"bad \xff\xfe utf8 \xc3", "用户名 student 认证失败（MS-CHAPv2）", "ｆｕｌｌｗｉｄｔｈ",
		"call=46806 seq=12 ack=11 inner: IPv4 10.0.0.1:53 → 10.0.0.2:5353 DNS query A example.com len=64",
		"x y z", "exactlyten", "a b c d e f g h i j k l m n o p",
	}
	for _, s := range texts {
		for width := 1; width <= 40; width++ {
			if got, want := wrapCellText(t, s, width), wrapWords(s, width); got != want {
				t.Errorf("wrapCell(%q, %d):\n%q\nwrapWords:\n%q", s, width, got, want)
			}
		}
	}
}

// FuzzWrapCell: wrapCell and wrapWords agree on any text and width.
func FuzzWrapCell(f *testing.F) {
	f.Add("id=1 ACCM=0x00000000 Auth=CHAP-MD5", 20)
	f.Add("10.64.0.9 → 10.1.0.1", 20)
	f.Add("bad \xff utf8\u00a0nbsp 认证失败", 7)
	f.Fuzz(func(t *testing.T, s string, width int) {
		width = width%64 + 1
		if width < 1 {
			width += 64
		}
		if got, want := wrapCellText(t, s, width), wrapWords(s, width); got != want {
			t.Errorf("wrapCell(%q, %d):\n%q\nwrapWords:\n%q", s, width, got, want)
		}
	})
}

// TestInfoAsJoined: Info, appended part by part to a buffer (and so the
// table's row), is what it was when its parts were joined with
// strings.Join (infoJoined, kept here as the reference), for every record
// of every bundled capture, decrypted where the test credentials allow,
// in English and in Chinese.
func TestInfoAsJoined(t *testing.T) {
	pcaps, err := filepath.Glob(filepath.Join("..", "testdata", "pcaps", "*.*cap*"))
	if err != nil || len(pcaps) < 20 {
		t.Fatalf("%d captures, %v", len(pcaps), err)
	}
	creds := &mppe.Credentials{ByUser: map[string]mppe.Credential{"student": {Password: "syberos"}, "vpnuser": {Password: "vpnuser123"}, "moxie": {Password: "bPCFyF2uL1p5Lg5yrKmqmY"}}}
	n := 0
	for _, path := range pcaps {
		src, err := capture.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		pipeline.Run(src, pipeline.Options{Policy: pipeline.Whole(true), Credentials: creds}, pipeline.RecordFunc(func(r *session.Record) error {
			for _, lang := range []string{"en", "zh"} {
				n++
				if got, want := Info(lang, r), infoJoined(lang, r); got != want {
					t.Errorf("%s frame %d (%s): Info %q, joined %q", filepath.Base(path), r.Frame, lang, got, want)
				}
			}
			return nil
		}))
		src.Close()
	}
	if n < 1000 {
		t.Fatalf("only %d records", n)
	}
}

func infoJoined(lang string, r *session.Record) string {
	var parts []string
	if r.ID >= 0 {
		parts = append(parts, fmt.Sprintf("id=%d", r.ID))
	}
	if r.Message != nil {
		if s := r.Message.Summary(); s != "" {
			parts = append(parts, s)
		}
	}
	if r.Proto == "GRE" || r.Proto == "MPPE" || (r.Proto == "PPP" && r.CallID >= 0) {
		if r.CallID >= 0 {
			parts = append(parts, fmt.Sprintf("call=%d", r.CallID))
		}
		if r.HasSeq {
			parts = append(parts, fmt.Sprintf("seq=%d", r.Seq))
		}
		if r.HasAck {
			parts = append(parts, fmt.Sprintf("ack=%d", r.Ack))
		}
		if r.Proto == "PPP" {
			parts = append(parts, fmt.Sprintf("len=%d", r.Length))
		}
	}
	if r.Inner != nil {
		parts = append(parts, InnerInfo(lang, r.Inner))
	}
	for _, n := range RecordNotes(lang, r) {
		parts = append(parts, "["+n+"]")
	}
	if r.Err != nil {
		parts = append(parts, "[error: "+r.Err.Error()+"]")
	}
	return strings.Join(parts, " ")
}

// writeLog records what each Write call received.
type writeLog struct{ writes [][]byte }

func (w *writeLog) Write(p []byte) (int, error) {
	w.writes = append(w.writes, bytes.Clone(p))
	return len(p), nil
}

func (w *writeLog) all() []byte { return bytes.Join(w.writes, nil) }

// TestPacketTableFlushRows: the table is written out in blocks (nothing
// before 64 KiB or Close) or, with FlushRows (a terminal), each row as
// soon as it is listed; the bytes are the same.
func TestPacketTableFlushRows(t *testing.T) {
	var block, rows writeLog
	bt, err := NewPacketTable(&block, TableOptions{Width: 80})
	if err != nil {
		t.Fatal(err)
	}
	rt, err := NewPacketTable(&rows, TableOptions{Width: 80, FlushRows: true})
	if err != nil {
		t.Fatal(err)
	}
	src, err := capture.Open(filepath.Join("..", "testdata", "pcaps", "pppd__mschapv2-mppe128.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	n := 0
	pipeline.Run(src, pipeline.Options{Policy: pipeline.Whole(true)}, pipeline.RecordFunc(func(r *session.Record) error {
		n++
		before := len(rows.all())
		if err := rt.Write(r); err != nil {
			return err
		}
		if len(rows.all()) == before {
			t.Errorf("frame %d: FlushRows wrote nothing out", r.Frame)
		}
		return bt.Write(r)
	}))
	if n < 10 {
		t.Fatalf("only %d records", n)
	}
	if len(block.writes) != 0 {
		t.Errorf("without FlushRows, %d writes before Close", len(block.writes))
	}
	bt.Close()
	rt.Close()
	if len(block.writes) != 1 || !bytes.Equal(block.all(), rows.all()) {
		t.Errorf("%d writes at Close; same bytes as row by row: %v", len(block.writes), bytes.Equal(block.all(), rows.all()))
	}
}
