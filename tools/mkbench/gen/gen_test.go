package gen_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/session"
	"github.com/pptpscope/pptpscope/tools/mkbench/gen"
)

const dir = "../../../testdata/pcaps"

func generate(t *testing.T, o gen.Options) ([]byte, *gen.Summary) {
	t.Helper()
	o.Dir = dir
	var buf bytes.Buffer
	sum, err := gen.Generate(&buf, o)
	if err != nil {
		t.Fatal(err)
	}
	if int64(buf.Len()) != sum.Bytes {
		t.Fatalf("summary says %d bytes, wrote %d", sum.Bytes, buf.Len())
	}
	return buf.Bytes(), sum
}

func analyze(t *testing.T, r io.Reader, name string) *session.Analysis {
	t.Helper()
	src, err := capture.OpenReader(r, name)
	if err != nil {
		t.Fatal(err)
	}
	a, err := pipeline.Run(src, pipeline.Options{Policy: pipeline.Whole(false)}, session.NopSink{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func analyzeFile(t *testing.T, name string) *session.Analysis {
	t.Helper()
	src, err := capture.Open(dir + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	a, err := pipeline.Run(src, pipeline.Options{Policy: pipeline.Whole(false)}, session.NopSink{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// describe is what must not change when a session is copied with other
// addresses, ports, call IDs and times: everything but those.
func describe(s *session.Session, withData bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "verdict=%s inferred=%v", s.Verdict(), s.ClientInferred)
	fmt.Fprintf(&b, " callIDs=%v/%v", s.CallID >= 0, s.PeerCallID >= 0)
	if s.Auth != nil {
		fmt.Fprintf(&b, " auth=%s/%s/%s", s.Auth.Method, s.Auth.User, s.Auth.Result)
	}
	if s.Encryption != nil {
		fmt.Fprintf(&b, " enc=%+v", *s.Encryption)
	}
	for _, f := range s.Findings {
		fmt.Fprintf(&b, " %s/%s", f.Code, f.Severity)
	}
	for _, name := range session.PhaseOrder {
		p := s.Phases[name]
		if name == session.PhaseData && !withData {
			fmt.Fprintf(&b, " %s=%s", name, p.Status)
			continue
		}
		fmt.Fprintf(&b, " %s=%s/%d", name, p.Status, p.Count)
	}
	if withData {
		for d := range 2 {
			st := s.Stats[d]
			fmt.Fprintf(&b, " dir%d=%d/%d/%d/%d/%d/%d/%d/%d", d, st.Packets, st.Bytes, st.Encrypted, st.Plain, st.Control, st.AckOnly, st.Lost, st.Reordered)
		}
	}
	fmt.Fprintf(&b, " messages=%d", len(s.Messages))
	return b.String()
}

// TestCopiesAnalyzeLikeOriginals: one copy of each template, alone, gives
// the same sessions as the original capture, except for the names; and the
// addresses, call IDs and ports are the new ones.
func TestCopiesAnalyzeLikeOriginals(t *testing.T) {
	for _, name := range gen.DefaultTemplates {
		t.Run(name, func(t *testing.T) {
			orig := analyzeFile(t, name)
			data, sum := generate(t, gen.Options{Templates: []string{name}, Sessions: len(orig.Sessions), Seed: 7})
			if sum.Copies != 1 {
				t.Fatalf("%d copies, want 1 (the template makes %d sessions)", sum.Copies, len(orig.Sessions))
			}
			got := analyze(t, bytes.NewReader(data), name)
			if len(got.Sessions) != len(orig.Sessions) {
				t.Fatalf("%d sessions, want %d", len(got.Sessions), len(orig.Sessions))
			}
			for i, s := range got.Sessions {
				o := orig.Sessions[i]
				if g, w := describe(s, true), describe(o, true); g != w {
					t.Errorf("session %d:\n got %s\nwant %s", i+1, g, w)
				}
				if s.Client.Addr == o.Client.Addr || s.Server.Addr == o.Server.Addr {
					t.Errorf("session %d: addresses %v -> %v not rewritten", i+1, s.Client.Addr, s.Server.Addr)
				}
				if o.CallID >= 0 && s.CallID == o.CallID && o.PeerCallID >= 0 && s.PeerCallID == o.PeerCallID {
					t.Errorf("session %d: call IDs %d/%d not rewritten", i+1, s.CallID, s.PeerCallID)
				}
				if o.Client.Port != 0 && s.Client.Port == o.Client.Port {
					t.Errorf("session %d: client port %d not rewritten", i+1, s.Client.Port)
				}
			}
		})
	}
}

// TestRepeat: repeating the data phase keeps each session's handshake,
// verdict and findings, and multiplies its data.
func TestRepeat(t *testing.T) {
	for _, name := range []string{"pppd__mschapv2-mppe128.pcap", "pppd__gre-loss.pcap", "pppd__mtu-fragments.pcap", "pppd__pap-noenc.pcap", "PPTP_VPN_Sniffer__connect.pcapng"} {
		t.Run(name, func(t *testing.T) {
			orig := analyzeFile(t, name).Sessions[0]
			data, _ := generate(t, gen.Options{Templates: []string{name}, Sessions: 1, Repeat: 4, Seed: 3})
			a := analyze(t, bytes.NewReader(data), name)
			if len(a.Sessions) != 1 {
				t.Fatalf("%d sessions", len(a.Sessions))
			}
			s := a.Sessions[0]
			g, w := describe(s, false), describe(orig, false)
			// The data phase's LCP echoes are handshake messages too.
			g, w = g[:strings.Index(g, " messages=")], w[:strings.Index(w, " messages=")]
			if g != w {
				t.Errorf("\n got %s\nwant %s", g, w)
			}
			for d := range 2 {
				o, n := orig.Stats[d], s.Stats[d]
				if n.Encrypted+n.Plain < 3*(o.Encrypted+o.Plain) || n.Duplicated != o.Duplicated {
					t.Errorf("direction %d: %d encrypted + %d plain, %d duplicated; original %d + %d, %d", d, n.Encrypted, n.Plain, n.Duplicated, o.Encrypted, o.Plain, o.Duplicated)
				}
				if n.Lost > 4*o.Lost+4 || n.Reordered > 4*o.Reordered+4 {
					t.Errorf("direction %d: lost %d reordered %d; original %d, %d", d, n.Lost, n.Reordered, o.Lost, o.Reordered)
				}
			}
		})
	}
}

// TestInterleaved: many copies at once, with LAN traffic, make exactly the
// requested sessions, each like its original, in time order.
func TestInterleaved(t *testing.T) {
	want := map[string]int{}
	for _, name := range gen.DefaultTemplates {
		for _, s := range analyzeFile(t, name).Sessions {
			want[describe(s, true)]++
		}
	}
	const n = 120
	data, sum := generate(t, gen.Options{Sessions: n, Packets: 40000, Spread: 20 * time.Second, Seed: 11, Servers: 2})
	if sum.SessionPackets+sum.LANPackets != 40000 || sum.MaxConcurrent < 20 {
		t.Errorf("summary %s", sum)
	}
	src, err := capture.OpenReader(bytes.NewReader(data), "gen")
	if err != nil {
		t.Fatal(err)
	}
	var last time.Time
	frames := 0
	for {
		p, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if p.CI.Timestamp.Before(last) {
			t.Fatalf("frame %d goes back in time", p.Frame)
		}
		last = p.CI.Timestamp
		frames++
	}
	if frames != 40000 {
		t.Errorf("%d frames", frames)
	}
	a := analyze(t, bytes.NewReader(data), "gen")
	if len(a.Sessions) != n {
		t.Fatalf("%d sessions, want %d", len(a.Sessions), n)
	}
	var unknown []string
	for _, s := range a.Sessions {
		if d := describe(s, true); want[d] == 0 {
			unknown = append(unknown, d)
		}
	}
	slices.Sort(unknown)
	for _, d := range slices.Compact(unknown) {
		t.Errorf("a session unlike any original: %s", d)
	}
	again, _ := generate(t, gen.Options{Sessions: n, Packets: 40000, Spread: 20 * time.Second, Seed: 11, Servers: 2})
	if !bytes.Equal(data, again) {
		t.Errorf("the same options and seed give another capture")
	}
}

// TestSize: -size is met within one LAN frame.
func TestSize(t *testing.T) {
	data, sum := generate(t, gen.Options{Sessions: 10, Size: 3e6, Seed: 1})
	if d := int64(len(data)) - 3e6; d < -2000 || d > 2000 {
		t.Errorf("%d bytes for a 3 MB target (%s)", len(data), sum)
	}
}
