package pipeline

import (
	"fmt"
	"github.com/pptpscope/pptpscope/session"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/tools/mkbench/gen"
)

// End-to-end benchmarks over captures made by tools/mkbench from the real
// captures in testdata/pcaps (copies of their sessions with other
// addresses, call IDs and times, interleaved with LAN traffic).
//
// Environment (set by `make bench`, see scripts/bench.sh):
//   - PPTPSCOPE_BENCH_PCAP: the capture BenchmarkAnalyze reads (default: a
//     generated one of 500 sessions and 200,000 packets);
//   - PPTPSCOPE_BENCH_DIR: where generated captures are kept between runs
//     (default: a temporary directory per benchmark);
//   - PPTPSCOPE_BENCH_SCALE: the number of sessions of BenchmarkAnalyzeScale
//     (default 10000).

// benchCapture returns the path of a capture generated with o, made once
// per PPTPSCOPE_BENCH_DIR and named gen<version>-<label>.pcap there
// (scripts/bench.sh times pptpscope on some of them).
func benchCapture(b *testing.B, label string, o gen.Options) string {
	b.Helper()
	o.Dir = "../testdata/pcaps"
	return cachedCapture(b, fmt.Sprintf("gen%d-%s.pcap", gen.Version, label), func(w io.Writer) (string, error) {
		sum, err := gen.Generate(w, o)
		if err != nil {
			return "", err
		}
		return sum.String(), nil
	})
}

// cachedCapture returns the path of the capture named name in
// PPTPSCOPE_BENCH_DIR (a temporary directory when unset), written by write
// when it is not there yet; what write returns is logged.
func cachedCapture(b *testing.B, name string, write func(io.Writer) (string, error)) string {
	b.Helper()
	dir := os.Getenv("PPTPSCOPE_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		b.Fatal(err)
	}
	sum, err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		b.Fatal(err)
	}
	if sum != "" {
		b.Logf("%s: %s", name, sum)
	}
	return path
}

// openAnalyze analyzes path whole or, with stream, streamed (as `analyze`
// does): the sessions handed over are counted in Streamed and dropped.
func openAnalyze(b *testing.B, path string, stream bool, onRecord func(*session.Record) error) *session.Analysis {
	src, err := capture.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	var opts AnalyzeOptions
	if stream {
		opts.NoMessages = true
		opts.OnSession = func(*session.Session) error { return nil }
	}
	a, err := AnalyzeWith(src, opts, onRecord)
	if err != nil {
		b.Fatal(err)
	}
	return a
}

// BenchmarkAnalyze is a streamed session.AnalyzeWith (read, decode,
// reassemble, track, diagnose, hand sessions over) over a whole generated
// capture, read from a file (in the page
// cache after the first run): the work of `pptpscope analyze` minus the
// rendering. ns/packet is per captured frame, PPTP or not; MB/s is of the
// file. The memory metrics come from one more, untimed run (see
// memoryProfile).
func BenchmarkAnalyze(b *testing.B) {
	path := os.Getenv("PPTPSCOPE_BENCH_PCAP")
	if path == "" {
		path = benchCapture(b, "analyze-500-200000", gen.Options{Sessions: 500, Packets: 200000, Spread: 60 * time.Second, Seed: 1})
	}
	benchmarkAnalyze(b, path, true)
}

// BenchmarkAnalyzePPTPOnly: a capture of PPTP only (as `make bench`'s
// PPTP-only one: every session's data phase repeated 30 times, no LAN
// traffic), analyzed as `pptpscope analyze` does (streamed) and read by a
// bare loop over capture.Source (mkbench -read): ns/packet of each, the
// ratio of the two is issue 16's first target (at most 2).
func BenchmarkAnalyzePPTPOnly(b *testing.B) {
	path := benchCapture(b, "pptp-100-r30", gen.Options{Sessions: 100, Repeat: 30, Spread: 60 * time.Second, Seed: 1})
	b.Run("read", func(b *testing.B) {
		n := 0
		for b.Loop() {
			src, err := capture.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			n = 0
			for {
				_, err := src.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				n++
			}
			src.Close()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/packet")
	})
	b.Run("analyze", func(b *testing.B) { benchmarkAnalyze(b, path, true) })
}

func benchmarkAnalyze(b *testing.B, path string, stream bool) {
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	var a *session.Analysis
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		a = openAnalyze(b, path, stream, nil)
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(a.Stats.Frames), "ns/packet")
	// Allocations per captured frame: those of the sessions, the control
	// messages and the streamed hand-over; a GRE data packet of a known
	// flow allocates nothing, so this stays far below 1.
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/float64(a.Stats.Frames), "allocs/packet")
	b.ReportMetric(float64(len(a.Sessions)+a.Streamed), "sessions")
	b.StopTimer()
	memoryProfile(b, path, stream)
}

// memoryProfile analyzes path once more and reports:
//   - peak-live-MB: the largest live heap seen after a garbage collection
//     during the analysis (what the analysis really holds at its worst);
//   - peak-heap-MB: the largest heap in use (live and not yet collected)
//     seen every 65,536 records: closer to what the process needs;
//   - retained-KB/session: the heap the finished session.Analysis holds, per session;
//   - msgcopy-KB/session: of that, the decoded Fields and the Bytes copy of
//     each handshake message (session.messageOf) — measured by dropping them
//     and collecting again.
//
// A streamed analysis retains no session: only the peaks are reported,
// and peak-RSS-MB, the peak RSS of the analysis run again in a process of
// its own (peakRSS), against issue 16's target.
func memoryProfile(b *testing.B, path string, stream bool) {
	var pk peaks
	sample := pk.sample
	runtime.GC()
	var before, after, stripped runtime.MemStats
	runtime.ReadMemStats(&before)
	n := 0
	a := openAnalyze(b, path, stream, func(*session.Record) error {
		if n++; n&0xffff == 0 {
			sample()
		}
		return nil
	})
	sample()
	if stream {
		pk.report(b)
		// The figure: the peak RSS of the streamed analysis (as
		// `pptpscope analyze`) in a process of its own.
		rss := peakRSS(b, path)
		b.ReportMetric(rss, "peak-RSS-MB")
		reportTarget(b, "peak RSS", rss)
		return
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	for _, s := range a.Sessions {
		for i := range s.Messages {
			s.Messages[i].Bytes = nil
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&stripped)
	ns := float64(max(len(a.Sessions), 1))
	pk.report(b)
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/1e3/ns, "retained-KB/session")
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(stripped.HeapAlloc))/1e3/ns, "msgcopy-KB/session")
	runtime.KeepAlive(a)
}

// BenchmarkAnalyzeScale: many sessions in one capture, no LAN traffic.
//   - concurrent: every session starts within 2 s, so (but for the copies of
//     the 0.1 s chapcrack capture) all are live at once;
//   - sequential: the same sessions one after the other (a few live at once);
//   - concurrent-x4: as concurrent, each data phase repeated 4 times (4x
//     the data packets, the same sessions).
//
// Each is analyzed whole (session.Analysis.Sessions, what diagrams and reports
// need) and streamed (AnalyzeOptions.OnSession, what `analyze` does). If
// memory follows the live sessions, sequential/stream needs far less than
// concurrent; if it follows the packets, x4 needs more than concurrent.
func BenchmarkAnalyzeScale(b *testing.B) {
	n := 10000
	if v := os.Getenv("PPTPSCOPE_BENCH_SCALE"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("PPTPSCOPE_BENCH_SCALE=%q", v)
		}
	}
	cases := []struct {
		name string
		o    gen.Options
	}{
		{"concurrent", gen.Options{Sessions: n, Spread: 2 * time.Second, Seed: 2}},
		{"sequential", gen.Options{Sessions: n, Spread: time.Duration(n) * 25 * time.Second, Seed: 2}},
		{"concurrent-x4", gen.Options{Sessions: n, Spread: 2 * time.Second, Seed: 2, Repeat: 4}},
	}
	for _, c := range cases {
		for _, mode := range []string{"whole", "stream"} {
			b.Run(fmt.Sprintf("%s/%s/sessions=%d", c.name, mode, n), func(b *testing.B) {
				benchmarkAnalyze(b, benchCapture(b, fmt.Sprintf("scale-%s-%d", c.name, n), c.o), mode == "stream")
			})
		}
	}
}

// peaks follows the largest live heap after a collection and the largest
// heap in use, sampled during an analysis.
type peaks struct {
	samples        []metrics.Sample
	live, inUseMax uint64
}

func (p *peaks) sample() {
	if p.samples == nil {
		p.samples = []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	}
	metrics.Read(p.samples)
	p.live = max(p.live, p.samples[0].Value.Uint64())
	p.inUseMax = max(p.inUseMax, p.samples[1].Value.Uint64())
}

// report reports peak-live-MB and peak-heap-MB.
func (p *peaks) report(b *testing.B) {
	b.ReportMetric(float64(p.live)/1e6, "peak-live-MB")
	b.ReportMetric(float64(p.inUseMax)/1e6, "peak-heap-MB")
}
