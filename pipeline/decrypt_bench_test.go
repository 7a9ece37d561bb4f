package pipeline

import (
	"bufio"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/session"
	"github.com/pptpscope/pptpscope/tools/mkbench/gen"
)

// benchUsers reads testdata/credentials/users.txt (user:password lines),
// the passwords of the bundled captures' sessions.
func benchUsers(b *testing.B) *mppe.Credentials {
	b.Helper()
	f, err := os.Open("../testdata/credentials/users.txt")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	c := &mppe.Credentials{ByUser: map[string]mppe.Credential{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if u, p, ok := strings.Cut(sc.Text(), ":"); ok {
			c.ByUser[u] = mppe.Credential{Password: p}
		}
	}
	return c
}

// BenchmarkDecrypt is the decryption stage's cost: a streamed analysis of
// a PPTP-only capture (mkbench's sessions with their data phase repeated,
// no LAN traffic; PPTPSCOPE_BENCH_PPTP names another) without credentials
// ("plain") and with the bundled captures' passwords ("credentials"),
// which decrypt every MPPE frame of the sessions that have them. The ratio
// of the two ns/packet is the issue 16 target (at most 2).
func BenchmarkDecrypt(b *testing.B) {
	path := os.Getenv("PPTPSCOPE_BENCH_PPTP")
	if path == "" {
		path = benchCapture(b, "pptp-100-r10", gen.Options{Sessions: 100, Repeat: 10, Spread: 60 * time.Second, Seed: 1})
	}
	creds := benchUsers(b)
	for _, bc := range []struct {
		name  string
		creds *mppe.Credentials
	}{{"plain", nil}, {"credentials", creds}} {
		b.Run(bc.name, func(b *testing.B) {
			st, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(st.Size())
			b.ReportAllocs()
			var a *session.Analysis
			decrypted := 0
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			loop0, ok0 := threadCPU()
			proc0, _ := processCPU()
			ahead0, inline0 := aheadSteps.Load(), inlineSteps.Load()
			for b.Loop() {
				src, err := capture.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				decrypted = 0
				pol := Streamed(0, true)
				pol.InnerHeadersOnly = true // as `analyze`
				a, err = Run(src, Options{Policy: pol, Credentials: bc.creds}, &testSink{onRecord: func(r *session.Record) error {
					if r.Inner != nil {
						decrypted++
					}
					return nil
				}, onEnd: func(*session.Session) error { return nil }})
				src.Close()
				if err != nil {
					b.Fatal(err)
				}
			}
			loop1, ok1 := threadCPU()
			proc1, _ := processCPU()
			perPacket := func(d time.Duration) float64 {
				return float64(d.Nanoseconds()) / float64(b.N) / float64(a.Stats.Frames)
			}
			b.ReportMetric(perPacket(b.Elapsed()), "ns/packet")
			if ok0 && ok1 {
				// The loop's own thread, and the whole process: on a
				// loaded machine the first is what the loop costs when
				// it has a core to itself.
				b.ReportMetric(perPacket(loop1-loop0), "loop-cpu-ns/packet")
				b.ReportMetric(perPacket(proc1-proc0), "cpu-ns/packet")
			}
			b.ReportMetric(float64(decrypted), "decrypted")
			if ah, in := aheadSteps.Load()-ahead0, inlineSteps.Load()-inline0; ah+in > 0 {
				b.ReportMetric(100*float64(in)/float64(ah+in), "%keys-in-loop")
			}
		})
	}
}
