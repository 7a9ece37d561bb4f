package pipeline

import (
	"fmt"
	"github.com/pptpscope/pptpscope/session"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/tools/mkbench/hostile"
)

// BenchmarkHostile is the streamed analysis over the hostile captures of
// tools/mkbench/hostile (issue 7), each at two sizes, n and 4n, so that
// linear time (ns/packet the same at both) and bounded memory (peak heap
// the same at both, once a cap is hit) can be read off:
//   - gre-callids: n GRE packets, each of its own flow, no call setup
//     (the tracker's cap on GRE flows is hit from the 65,537th on);
//   - gap-stream: a control connection with n Echo-Request/Reply pairs,
//     a segment missing after every segment both ways (2n packets);
//   - syn-flood: n SYNs to port 1723 from distinct sources, each a session
//     (the cap on sessions open at once, DefaultFileMaxSessions, is hit at
//     4n).
//
// Captures are kept in PPTPSCOPE_BENCH_DIR when set, else made per run.
// Besides ns/packet and sessions it reports, from one more untimed run:
// peak-live-MB (largest live heap after a collection), peak-heap-MB
// (largest heap in use, sampled every 16,384 packets) and retained-MB (the
// heap the finished session.Analysis holds), and finished-early (sessions the cap
// finished); it logs the peak live heap against issue 16's target.
func BenchmarkHostile(b *testing.B) {
	base, err := hostile.LoadBase(filepath.Join("..", hostile.BasePath))
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name  string
		n     int
		write func(io.Writer, int) error
	}{
		{"gre-callids", 1000000, func(w io.Writer, n int) error {
			_, err := hostile.GRECallIDs(w, base, hostile.GREOptions{N: n})
			return err
		}},
		{"gap-stream", 250000, func(w io.Writer, n int) error {
			_, err := hostile.GapStream(w, base, n)
			return err
		}},
		{"syn-flood", 25000, func(w io.Writer, n int) error {
			_, err := hostile.SYNFlood(w, base, n)
			return err
		}},
	}
	for _, c := range cases {
		for _, n := range []int{c.n, 4 * c.n} {
			b.Run(fmt.Sprintf("%s/n=%d", c.name, n), func(b *testing.B) {
				path := cachedCapture(b, fmt.Sprintf("hostile%d-%s-%d.pcap", hostileVersion, c.name, n), func(w io.Writer) (string, error) { return "", c.write(w, n) })
				benchmarkHostile(b, path)
			})
		}
	}
}

// hostileVersion names cached captures; change it when a generator's
// output changes.
const hostileVersion = 1

func benchmarkHostile(b *testing.B, path string) {
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	analyzeFile := func(wrap func(capture.Source) capture.Source) *session.Analysis {
		src, err := capture.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer src.Close()
		if wrap != nil {
			src = wrap(src)
		}
		// Streamed, as analyze, packets and decrypt run: the sessions
		// handed over are dropped.
		a, err := AnalyzeWith(src, AnalyzeOptions{NoMessages: true, OnSession: func(*session.Session) error { return nil }}, nil)
		if err != nil {
			b.Fatal(err)
		}
		return a
	}
	var a *session.Analysis
	for b.Loop() {
		a = analyzeFile(nil)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(a.Stats.Frames), "ns/packet")
	b.ReportMetric(float64(a.Streamed), "sessions")
	b.ReportMetric(float64(a.SessionsCapped), "finished-early")
	b.StopTimer()

	// Memory, from one more run.
	a = nil
	var pk peaks
	sample := pk.sample
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	a = analyzeFile(func(src capture.Source) capture.Source { return &sampledSource{Source: src, sample: sample} })
	sample()
	runtime.GC()
	runtime.ReadMemStats(&after)
	pk.report(b)
	reportTarget(b, "peak live heap", float64(pk.live)/1e6)
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/1e6, "retained-MB")
	runtime.KeepAlive(a)
}

// sampledSource calls sample every 16,384 packets. It passes the file
// source's prefilter and frame count through, so Scan sees the same source.
type sampledSource struct {
	capture.Source
	sample func()
	n      int
}

func (s *sampledSource) Next() (capture.Packet, error) {
	if s.n++; s.n&0x3fff == 0 {
		s.sample()
	}
	return s.Source.Next()
}

func (s *sampledSource) SetPrefilter(p capture.Prefilter) {
	if pf, ok := s.Source.(interface{ SetPrefilter(capture.Prefilter) }); ok {
		pf.SetPrefilter(p)
	}
}

func (s *sampledSource) Frames() int {
	if fr, ok := s.Source.(interface{ Frames() int }); ok {
		return fr.Frames()
	}
	return s.n
}
