package pipeline

import (
	"errors"
	"github.com/pptpscope/pptpscope/session"
	"io"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/capture"
)

// exported is a session's exported fields, for comparing sessions made by
// different trackers (the unexported ones point into their tracker).
func exported(s *session.Session) map[string]any {
	v := reflect.ValueOf(s).Elem()
	m := map[string]any{}
	for i := 0; i < v.NumField(); i++ {
		if f := v.Type().Field(i); f.IsExported() {
			m[f.Name] = v.Field(i).Interface()
		}
	}
	return m
}

func allCaptures(t *testing.T) []string {
	var out []string
	for _, pat := range []string{"*.pcap", "*.cap", "*.pcapng"} {
		m, err := filepath.Glob(pcap(pat))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) < 10 {
		t.Fatalf("only %d captures in testdata", len(out))
	}
	return out
}

// readAll returns copies of a capture's packets.
func readAll(t *testing.T, path string) []capture.Packet {
	t.Helper()
	src, err := capture.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var out []capture.Packet
	for {
		p, err := src.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		p.Data = slices.Clone(p.Data)
		out = append(out, p)
	}
}

// fakeSource replays packets.
type fakeSource struct {
	pkts []capture.Packet
	i    int
}

func (f *fakeSource) Next() (capture.Packet, error) {
	if f.i >= len(f.pkts) {
		return capture.Packet{}, io.EOF
	}
	f.i++
	return f.pkts[f.i-1], nil
}
func (f *fakeSource) Close() error { return nil }
func (f *fakeSource) Name() string { return "fake" }

// repeat returns the packets n times, each copy shifted by gap after the
// previous one's end, frames numbered on.
func repeat(pkts []capture.Packet, n int, gap time.Duration) []capture.Packet {
	var out []capture.Packet
	var shift time.Duration
	for k := 0; k < n; k++ {
		for _, p := range pkts {
			p.CI.Timestamp = p.CI.Timestamp.Add(shift)
			p.Frame = len(out) + 1
			out = append(out, p)
		}
		shift += pkts[len(pkts)-1].CI.Timestamp.Sub(pkts[0].CI.Timestamp) + gap
	}
	return out
}

// TestFinishIdleEqualsSessions: for every capture, the sessions FinishIdle
// finishes once the traffic is over are exactly those Sessions reports,
// and the tracker holds nothing afterwards.
func TestFinishIdleEqualsSessions(t *testing.T) {
	for _, path := range allCaptures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			want := analyzeFile(t, path).Sessions
			tr := session.NewTracker()
			var last time.Time
			if _, err := Scan(&fakeSource{pkts: readAll(t, path)}, ScanOptions{Data: true, TCP: tr.TCP}, func(r *session.Record) error {
				tr.Record(r)
				last = r.Time
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if early := tr.FinishIdle(last, time.Hour, time.Hour); len(early) != 0 {
				t.Errorf("%d sessions finished while not idle", len(early))
			}
			got := tr.FinishIdle(last.Add(2*time.Hour), time.Hour, time.Minute)
			if len(got) != len(want) {
				t.Fatalf("FinishIdle returned %d sessions, Sessions %d", len(got), len(want))
			}
			for i := range got {
				if g, w := exported(got[i]), exported(want[i]); !reflect.DeepEqual(g, w) {
					t.Errorf("session %d:\nFinishIdle %+v\nSessions   %+v", i+1, g, w)
				}
			}
			if nc, nf, np := tr.Held(); tr.Tracked() != 0 || nc+nf+np != 0 {
				t.Errorf("tracker still holds %d sessions, %d conns, %d GRE flows, %d pairs",
					tr.Tracked(), nc, nf, np)
			}
			if rest := tr.Sessions(); len(rest) != 0 {
				t.Errorf("Sessions after FinishIdle: %d", len(rest))
			}
		})
	}
}

type summary struct {
	Client, Server string
	Verdict        string
	Statuses       []string
	Findings       []string
	Packets        [2]int
}

func summarize(s *session.Session) summary {
	sm := summary{Client: s.Client.Addr.String(), Server: s.Server.Addr.String(), Verdict: s.Verdict(),
		Packets: [2]int{s.Stats[0].Packets, s.Stats[1].Packets}}
	for _, name := range session.PhaseOrder {
		sm.Statuses = append(sm.Statuses, name+"="+s.Phases[name].Status)
	}
	for _, f := range s.Findings {
		sm.Findings = append(sm.Findings, f.Code)
	}
	return sm
}

// TestAnalyzeLiveEvicts: a capture replayed three times, an hour apart:
// the first two copies' sessions end (idle) while the capture goes on, the
// same endpoints then make new sessions, and every copy is analyzed as the
// file alone is.
func TestAnalyzeLiveEvicts(t *testing.T) {
	for _, name := range []string{"pppd__mschapv2-mppe128.pcap", "pppd__gre-blocked.pcap", "nDPI__pptp.pcap", "pppd__echo-timeout.pcap"} {
		t.Run(name, func(t *testing.T) {
			want := analyzeFile(t, pcap(name)).Sessions
			pkts := repeat(readAll(t, pcap(name)), 3, time.Hour)
			var ended []*session.Session
			a, err := AnalyzeLive(&fakeSource{pkts: pkts}, AnalyzeOptions{}, LiveOptions{OnEnd: func(s *session.Session) error {
				ended = append(ended, s)
				return nil
			}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(ended) != 2*len(want) || len(a.Sessions) != len(want) {
				t.Fatalf("%d sessions ended early and %d at the end, want %d and %d", len(ended), len(a.Sessions), 2*len(want), len(want))
			}
			for i, s := range append(ended, a.Sessions...) {
				w := want[i%len(want)]
				if s.Index != i+1 {
					t.Errorf("session %d has index %d", i+1, s.Index)
				}
				if g, w := summarize(s), summarize(w); !reflect.DeepEqual(g, w) {
					t.Errorf("session %d:\nlive %+v\nfile %+v", i+1, g, w)
				}
			}
			// The first copy's sessions are exactly the file's.
			for i := range want {
				g, w := exported(ended[i]), exported(want[i])
				if !reflect.DeepEqual(g, w) {
					t.Errorf("first copy, session %d:\nlive %+v\nfile %+v", i+1, g, w)
				}
			}
		})
	}
}

// TestAnalyzeLiveCap: with MaxSessions 2, copies one second apart (not
// idle, not quiet for the grace) are finished early because of the cap,
// and counted.
func TestAnalyzeLiveCap(t *testing.T) {
	pkts := repeat(readAll(t, pcap("pppd__gre-blocked.pcap")), 6, time.Second)
	ended := 0
	a, err := AnalyzeLive(&fakeSource{pkts: pkts}, AnalyzeOptions{}, LiveOptions{MaxSessions: 2, Idle: time.Hour, Grace: time.Hour, OnEnd: func(s *session.Session) error {
		ended++
		return nil
	}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ended == 0 || a.SessionsCapped != ended || ended+len(a.Sessions) != 6 || len(a.Sessions) > 2 {
		t.Errorf("ended %d, capped %d, left %d; want 6 in all, at most 2 left, all early ones capped", ended, a.SessionsCapped, len(a.Sessions))
	}
}

// TestEarlyFindings: gre-missing and auth-failed are reported during the
// capture, once, before its end, and the final diagnosis has them too.
func TestEarlyFindings(t *testing.T) {
	for name, code := range map[string]string{
		"pppd__gre-blocked.pcap":             session.FindingGREMissing,
		"pppd__mschapv2-wrong-password.pcap": session.FindingAuthFailed,
		"pppd__eap-md5.pcap":                 "",
		"pppd__mschapv2-mppe128.pcap":        "",
	} {
		t.Run(name, func(t *testing.T) {
			pkts := readAll(t, pcap(name))
			var got []string
			var at []int
			frame := 0
			a, err := AnalyzeLive(&fakeSource{pkts: pkts}, AnalyzeOptions{}, LiveOptions{OnFinding: func(s *session.Session, f session.Finding) error {
				got = append(got, f.Code)
				at = append(at, frame)
				if _, ok := session.FindingCodes[f.Code]; !ok || len(f.Frames) == 0 {
					t.Errorf("finding with an unknown code or without frames: %+v", f)
				}
				return nil
			}}, func(r *session.Record) error { frame = r.Frame; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if code == "" {
				if len(got) != 0 {
					t.Errorf("early findings %v on a good session", got)
				}
				return
			}
			if len(got) != 1 || got[0] != code {
				t.Fatalf("early findings %v, want [%s]", got, code)
			}
			if at[0] >= len(pkts) {
				t.Errorf("%s reported at frame %d of %d: not early", code, at[0], len(pkts))
			}
			var final []string
			for _, s := range a.Sessions {
				for _, f := range s.Findings {
					final = append(final, f.Code)
				}
			}
			if !slices.Contains(final, code) {
				t.Errorf("final findings %v lack %s", final, code)
			}
		})
	}
}
