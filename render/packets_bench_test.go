package render

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/session"
	"github.com/pptpscope/pptpscope/tools/mkbench/gen"
)

// BenchmarkPacketsTableVsJSON: `pptpscope packets --all` as the table and
// as --format json (issue 16: the table within 1.5x of JSON), minus the
// process and the command line: the streamed packet loop over a generated
// PPTP-only capture held in memory (mkbench -sessions 50 -repeat 4
// -packets 0: 15,714 packets, every one listed) into the packets sink,
// writing to /dev/null as a shell's redirection would (so the system
// calls are counted). Each iteration runs the loop three times,
// interleaved: into no sink, into the table (80 columns, with the session
// summary) and into JSON lines. Metrics: table/json, the ratio of the
// whole runs (what the command's user sees); sink-table/json, the ratio of
// what the sinks add to the bare loop; and each run per record.
func BenchmarkPacketsTableVsJSON(b *testing.B) {
	var capBuf bytes.Buffer
	if _, err := gen.Generate(&capBuf, gen.Options{Dir: "../testdata/pcaps", Sessions: 50, Repeat: 4, Seed: 1, Spread: 60 * time.Second}); err != nil {
		b.Fatal(err)
	}
	data := capBuf.Bytes()
	out, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer out.Close()
	run := func(sink session.Sink) (time.Duration, int) {
		src, err := capture.OpenReader(bytes.NewReader(data), "bench.pcap")
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		a, err := pipeline.Run(src, pipeline.Options{Policy: pipeline.Streamed(pipeline.DefaultFileMaxSessions, true)}, sink)
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(t0), a.Stats.Frames
	}
	var loop, table, json time.Duration
	var frames int
	for b.Loop() {
		d, n := run(session.NopSink{})
		loop += d
		frames = n
		tw, err := NewPacketTable(out, TableOptions{Width: 80})
		if err != nil {
			b.Fatal(err)
		}
		d, _ = run(NewPacketList(tw, PacketListOptions{All: true, Summary: out, Text: TextOptions{Width: 80}}))
		table += d
		d, _ = run(NewPacketList(NewJSONLines(out), PacketListOptions{All: true}))
		json += d
	}
	per := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(b.N) / float64(frames) }
	b.ReportMetric(float64(table)/float64(json), "table/json")
	b.ReportMetric(float64(table-loop)/float64(json-loop), "sink-table/json")
	b.ReportMetric(per(loop), "loop-ns/record")
	b.ReportMetric(per(table), "table-ns/record")
	b.ReportMetric(per(json), "json-ns/record")
}
