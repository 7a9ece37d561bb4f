package render

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/session"
)

// TestPacketTableRowsAsTablewriter: the rows the packet table writes itself
// are byte for byte those tablewriter writes, for every record of every
// bundled capture (decrypted where the test credentials allow), at widths
// from the narrowest to the full names, in colour and in Chinese.
func TestPacketTableRowsAsTablewriter(t *testing.T) {
	pcaps, err := filepath.Glob(filepath.Join("..", "testdata", "pcaps", "*.*cap*"))
	if err != nil || len(pcaps) < 20 {
		t.Fatalf("%d captures, %v", len(pcaps), err)
	}
	creds := &mppe.Credentials{ByUser: map[string]mppe.Credential{"student": {Password: "syberos"}, "vpnuser": {Password: "vpnuser123"}, "moxie": {Password: "bPCFyF2uL1p5Lg5yrKmqmY"}}}
	for _, path := range pcaps {
		for _, opts := range []TableOptions{{Width: 74}, {Width: 80, Color: true}, {Width: 119, Lang: "zh"}, {Width: 160}, {Width: 100, Hex: true}} {
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
