package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
	"github.com/pptpscope/pptpscope/tools/mkbench/gen"
)

// TestFastPathsEqualSlow: with the fast paths (the file read ahead in a
// goroutine, GRE data frames decoded by decode's greFast, the tracker's
// GRE flow cache) and without (slowPaths), every bundled capture and
// generated ones give the same records (every field, and as `packets
// --format json -a` writes them), the same sessions (the analysis JSON,
// streamed, and the verbose text of the whole analysis) and the same error.
func TestFastPathsEqualSlow(t *testing.T) {
	files, _ := filepath.Glob("../testdata/pcaps/*")
	var paths []string
	for _, name := range files {
		if filepath.Ext(name) != ".md" {
			paths = append(paths, name)
		}
	}
	dir := t.TempDir()
	for _, o := range []gen.Options{
		{Sessions: 60, Spread: 20 * time.Second, Seed: 3, Repeat: 3},
		{Sessions: 30, Packets: 30000, Spread: 10 * time.Second, Seed: 4, Servers: 2},
		{Sessions: 40, Spread: 2 * time.Hour, Seed: 5},
	} {
		o.Dir = "../testdata/pcaps"
		var buf bytes.Buffer
		if _, err := gen.Generate(&buf, o); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, fmt.Sprintf("generated-seed%d.pcap", o.Seed))
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	defer func() { slowPaths = false }()
	for _, path := range paths {
		slowPaths = true
		want := analyzeForms(t, path)
		slowPaths = false
		got := analyzeForms(t, path)
		for i := range want {
			if !bytes.Equal(got[i], want[i]) {
				t.Errorf("%s: form %d differs at byte %d:\nfast: %.300q\nslow: %.300q", filepath.Base(path), i,
					diffAt(got[i], want[i]), got[i][min(diffAt(got[i], want[i]), len(got[i])):],
					want[i][min(diffAt(got[i], want[i]), len(want[i])):])
			}
		}
		if len(want[0]) == 0 {
			t.Errorf("%s: no record", filepath.Base(path))
		}
	}
}

func diffAt(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// analyzeForms analyzes path streamed and whole and returns what the
// outputs compared by TestFastPathsEqualSlow.
func analyzeForms(t *testing.T, path string) [][]byte {
	t.Helper()
	var fields, jsonl, analysis, verbose bytes.Buffer
	lines := render.NewJSONLines(&jsonl)
	dump := RecordFunc(func(r *session.Record) error {
		fmt.Fprintf(&fields, "%d %v %v %v %v %d %d %s %s %d %d %d %d %v %v %d %d %v %v %q %v %s %d %v %v %d %d %v\n",
			r.Frame, r.Time, r.Rel, r.Src, r.Dst, r.SrcPort, r.DstPort, r.Proto, r.Msg, r.ID, r.CallID, r.Seq, r.Ack,
			r.HasSeq, r.HasAck, r.PPPProtocol, r.Length, r.Lost, r.Notes, r.Err, r.Control, r.Phase, r.SessionKey,
			r.Crypt, r.Decompressed, r.MPPCIn, r.MPPCOut, r.LinkType)
		if r.Message != nil {
			fmt.Fprintf(&fields, "  %s %v\n", r.Message.Summary(), r.Fields())
		}
		return nil
	})
	list := render.NewPacketList(lines, render.PacketListOptions{All: true})
	run := func(pol Policy, sinks ...session.Sink) {
		src, err := capture.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		_, err = Run(src, Options{Policy: pol}, session.Sinks(sinks))
		fmt.Fprintf(&fields, "error: %v\n", err)
	}
	run(Streamed(0, true), dump, list, render.NewAnalysisJSON(&analysis, ""))
	if err := lines.Close(); err != nil {
		t.Fatal(err)
	}
	run(Whole(false), render.NewAnalysisText(&verbose, render.TextOptions{Width: 120, Verbose: true}))
	return [][]byte{fields.Bytes(), jsonl.Bytes(), analysis.Bytes(), verbose.Bytes()}
}

// TestDataPathAllocs: the GRE data packets of known flows allocate
// nothing. The same sessions with their data phase repeated 1 and 4 times
// (4x the data packets) are analyzed as `analyze` does (streamed, read
// ahead from a file): the allocations differ by far less than one per
// extra packet. (Some do allocate: the LCP echoes among the repeated
// frames, control records, and the eviction ticks of the longer capture;
// one allocation per data packet would make it about 1.)
func TestDataPathAllocs(t *testing.T) {
	dir := t.TempDir()
	run := func(repeat int) (mallocs uint64, frames int) {
		var buf bytes.Buffer
		if _, err := gen.Generate(&buf, gen.Options{Sessions: 20, Spread: 5 * time.Second, Seed: 7, Repeat: repeat,
			Dir: "../testdata/pcaps"}); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, fmt.Sprintf("r%d.pcap", repeat))
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		src, err := capture.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		a, err := Run(src, Options{Policy: Streamed(0, true)}, session.NopSink{})
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		return after.Mallocs - before.Mallocs, a.Stats.Frames
	}
	m1, f1 := run(1)
	m4, f4 := run(4)
	extra := f4 - f1
	if extra < 10000 {
		t.Fatalf("%d and %d frames: too few extra data packets", f1, f4)
	}
	per := (float64(m4) - float64(m1)) / float64(extra)
	t.Logf("%d frames: %d allocations; %d frames: %d (%.4f per extra packet)", f1, m1, f4, m4, per)
	if per > 0.2 {
		t.Errorf("%.4f allocations per extra data packet", per)
	}
}
