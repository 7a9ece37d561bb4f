package pipeline

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/session"
	"github.com/pptpscope/pptpscope/simulate"
)

// decryptTrace runs the loop over path with creds, streamed as analyze
// does (only the inner headers decrypted when headers), and returns a
// digest of everything the decryption stage hands on: each record's note,
// inner packet (decoded, and its bytes) and decompression, each session's
// Decryption and findings, the end and the error; the same digest without
// the inner packets' bytes; and the number of records with an inner packet.
func decryptTrace(t *testing.T, path string, creds *mppe.Credentials, workers int, headers bool) (all, noBytes string, inner int, err error) {
	t.Helper()
	old := aheadWorkers
	aheadWorkers = func() int { return workers }
	defer func() { aheadWorkers = old }()
	src, err := capture.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	h, hn := sha256.New(), sha256.New()
	sink := &traceSink{h: io.MultiWriter(h, hn), hBytes: h, inner: &inner}
	pol := Streamed(0, false)
	pol.InnerHeadersOnly = headers
	_, err = Run(src, Options{Policy: pol, Credentials: creds}, sink)
	fmt.Fprintf(sink.h, "error %v\n", err)
	return fmt.Sprintf("%x", h.Sum(nil)), fmt.Sprintf("%x", hn.Sum(nil)), inner, err
}

type traceSink struct {
	session.NopSink
	h      io.Writer // both digests
	hBytes hash.Hash // the one with the inner bytes
	inner  *int
}

func (s *traceSink) Record(r *session.Record) error {
	fmt.Fprintf(s.h, "%d %d %d %v %v %d %d", r.Frame, r.Crypt.Kind, r.Crypt.Why, r.Crypt.Err, r.Decompressed, r.MPPCIn, r.MPPCOut)
	if r.Inner != nil {
		*s.inner++
		in := *r.Inner
		in.Data, in.PPP = nil, nil
		fmt.Fprintf(s.h, " %s %+v", r.Inner.Name(), in)
		fmt.Fprintf(s.hBytes, " %x %x", r.Inner.PPP, r.Inner.Data)
	}
	fmt.Fprintln(s.h)
	return nil
}

func (s *traceSink) SessionEnd(ss *session.Session) error {
	b, err := json.Marshal(struct {
		D *session.Decryption
		F []session.Finding
	}{ss.Decryption, ss.Findings})
	if err != nil {
		return err
	}
	fmt.Fprintf(s.h, "session %d %s\n", ss.Index, b)
	return nil
}

func (s *traceSink) End(a *session.Analysis) error {
	fmt.Fprintf(s.h, "end %+v %d\n", a.Stats, a.Streamed)
	return nil
}

// usersCredentials are the bundled captures' passwords
// (testdata/credentials/users.txt).
func usersCredentials(t testing.TB) *mppe.Credentials {
	t.Helper()
	b, err := os.ReadFile("../testdata/credentials/users.txt")
	if err != nil {
		t.Fatal(err)
	}
	c := &mppe.Credentials{ByUser: map[string]mppe.Credential{}}
	for _, line := range strings.Split(string(b), "\n") {
		if u, p, ok := strings.Cut(line, ":"); ok {
			c.ByUser[u] = mppe.Credential{Password: p}
		}
	}
	return c
}

// TestAheadSameOutput: with the stateless keys computed ahead on other
// goroutines the decryption stage hands on exactly what it does computing
// every key in the loop (record notes, inner packets, each session's
// Decryption and findings, the error), over every bundled capture with
// the bundled passwords and over simulated captures of every key length
// and mode (with MPPC, loss, reordering, duplicates, overlapping sessions,
// a wrong password), with one worker and with two; and, decrypting only
// the inner headers (Policy.InnerHeadersOnly, as analyze does), the same
// but for the inner packets' bytes, with no worker, one and two.
func TestAheadSameOutput(t *testing.T) {
	type tc struct {
		path     string
		creds    *mppe.Credentials
		mismatch bool // the password is wrong
	}
	var cases []tc
	users := usersCredentials(t)
	files, err := filepath.Glob("../testdata/pcaps/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			continue
		}
		cases = append(cases, tc{f, users, false})
	}
	dir := t.TempDir()
	pw := "Sim-password-16"
	n := 0
	for _, auth := range []simulate.Auth{simulate.AuthMSCHAPv2, simulate.AuthMSCHAPv1, simulate.AuthEAPMSCHAPv2} {
		for _, bits := range []int{40, 56, 128} {
			if auth == simulate.AuthMSCHAPv1 && bits == 40 {
				continue // refused, as pppd does
			}
			for _, stateful := range []bool{false, true} {
				for _, mppc := range []bool{false, true} {
					for _, faults := range []string{"", "loss=5,reorder=5,duplicate=3"} {
						n++
						o := simulate.Options{Auth: auth, Password: pw, MPPE: bits, Stateful: stateful, MPPC: mppc, Seed: uint64(n),
							Sessions: 3, Overlap: 2 * time.Second,
							Traffic: simulate.Traffic{Ping: true, DNS: true, HTTP: true, Bulk: 40000}}
						if n%2 == 0 {
							o.Client = simulate.ClientWindows
						}
						for _, f := range strings.Split(faults, ",") {
							if f == "" {
								continue
							}
							fault, err := simulate.ParseFault(f)
							if err != nil {
								t.Fatal(err)
							}
							o.Faults = append(o.Faults, fault)
						}
						path := filepath.Join(dir, fmt.Sprintf("sim-%s-%d-%v-%v-%d.pcap", auth, bits, stateful, mppc, len(o.Faults)))
						writeSimulated(t, path, o)
						cases = append(cases, tc{path, &mppe.Credentials{Default: &mppe.Credential{Password: pw}}, false})
						if n == 1 {
							cases = append(cases, tc{path, &mppe.Credentials{Default: &mppe.Credential{Password: "wrong"}}, true})
						}
					}
				}
			}
		}
	}
	a0, i0 := aheadSteps.Load(), inlineSteps.Load()
	decrypted := 0
	for _, c := range cases {
		want, wantNoBytes, inner, _ := decryptTrace(t, c.path, c.creds, 0, false)
		decrypted += inner
		for _, workers := range []int{0, 1, 2} {
			for _, headers := range []bool{false, true} {
				if workers == 0 && !headers {
					continue
				}
				got, gotNoBytes, gotInner, err := decryptTrace(t, c.path, c.creds, workers, headers)
				if !headers && got != want || gotNoBytes != wantNoBytes || gotInner != inner {
					t.Errorf("%s, %d workers, headers only %v: the output differs from the loop's own (%d inner packets, want %d)", filepath.Base(c.path), workers, headers, gotInner, inner)
				}
				var me *mppe.MismatchError
				if c.mismatch != errors.As(err, &me) {
					t.Errorf("%s, %d workers: error %v, want a mismatch: %v", filepath.Base(c.path), workers, err, c.mismatch)
				}
			}
		}
	}
	t.Logf("%d cases, %d packets decrypted; keys computed ahead %d, in the loop %d", len(cases), decrypted, aheadSteps.Load()-a0, inlineSteps.Load()-i0)
	if decrypted < 10000 {
		t.Errorf("%d packets decrypted over all cases: too few to compare", decrypted)
	}
	if aheadSteps.Load() == a0 {
		t.Errorf("no key computed ahead (%d in the loop)", inlineSteps.Load()-i0)
	}
}

func writeSimulated(t *testing.T, path string, o simulate.Options) {
	t.Helper()
	if err := simulate.WriteFile(path, o); err != nil {
		t.Fatal(err)
	}
}
