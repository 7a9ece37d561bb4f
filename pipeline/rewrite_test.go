package pipeline

import (
	"bytes"
	"errors"
	"github.com/pptpscope/pptpscope/session"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/pptpscope/pptpscope/capture"
)

// The failure cases the real captures lack are built from real captures by
// rewriting them (see testdata/README.md): each rewrite names what it changes.

type frameRewrite func(frame int, data []byte) []byte // nil drops the frame

// rewritePcap copies a real Ethernet capture through fn into a temporary
// pcap, with times shifted by shift, and returns its path. Several inputs
// are concatenated.
func rewritePcap(t *testing.T, fn frameRewrite, shift time.Duration, inputs ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "rewritten.pcap")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	for i, in := range inputs {
		src, err := capture.Open(pcap(in))
		if err != nil {
			t.Fatal(err)
		}
		for {
			p, err := src.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			data := append([]byte(nil), p.Data...)
			if fn != nil {
				data = fn(p.Frame, data)
			}
			if data == nil {
				continue
			}
			ci := gopacket.CaptureInfo{Timestamp: p.CI.Timestamp.Add(time.Duration(i) * shift), CaptureLength: len(data), Length: len(data)}
			if err := w.WritePacket(ci, data); err != nil {
				t.Fatal(err)
			}
		}
		src.Close()
	}
	return out
}

func analyzePath(t *testing.T, path string) *session.Analysis {
	t.Helper()
	src, err := capture.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	a, err := Analyze(src, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// patchPPTP sets byte off of every PPTP control message of type msgType in
// the frame (found by its magic cookie) to v.
func patchPPTP(msgType uint16, off int, v byte) frameRewrite {
	return func(_ int, data []byte) []byte {
		for i := 0; ; {
			j := bytes.Index(data[i:], []byte{0x1a, 0x2b, 0x3c, 0x4d})
			if j < 0 {
				return data
			}
			start := i + j - 4
			if start >= 0 && start+off < len(data) && uint16(data[start+8])<<8|uint16(data[start+9]) == msgType {
				data[start+off] = v
			}
			i += j + 4
		}
	}
}

func findingCodes(s *session.Session) map[string]string {
	m := map[string]string{}
	for _, f := range s.Findings {
		m[f.Code] = f.Severity
	}
	return m
}

func TestRewrittenFailures(t *testing.T) {
	const base = "pppd__mschapv2-mppe128.pcap"
	cases := []struct {
		name     string
		input    string
		rewrite  frameRewrite
		code     string
		severity string
		phase    string // phase that must be failed
	}{
		{
			// Start-Control-Connection-Reply result code (offset 14) 1 -> 2 (General error).
			name: "control connection refused", input: base, rewrite: patchPPTP(2, 14, 2),
			code: session.FindingControlRejected, severity: session.SeverityError, phase: session.PhaseControlConnection,
		},
		{
			// Outgoing-Call-Reply result code (offset 16) 1 -> 4 (Busy).
			name: "call refused", input: base, rewrite: patchPPTP(8, 16, 4),
			code: session.FindingCallRejected, severity: session.SeverityError, phase: session.PhaseCallSetup,
		},
		{
			// Drop every GRE packet from the server (10.0.0.1): IP protocol
			// 47 at offset 23, source address at 26.
			name: "GRE blocked from the server", input: base,
			rewrite: func(_ int, d []byte) []byte {
				if len(d) > 30 && d[23] == 47 && bytes.Equal(d[26:30], []byte{10, 0, 0, 1}) {
					return nil
				}
				return d
			},
			code: session.FindingGREMissing, severity: session.SeverityError,
		},
		{
			// Turn every LCP Configure-Ack (FF 03 C0 21 02) into a
			// Configure-Nak: LCP never converges before the client's
			// Terminate-Request at the end.
			name: "LCP never converges", input: base,
			rewrite: func(_ int, d []byte) []byte {
				if i := bytes.Index(d, []byte{0xff, 0x03, 0xc0, 0x21, 0x02}); i > 0 {
					d[i+4] = 0x03
				}
				return d
			},
			code: session.FindingLCPNoAgreement, severity: session.SeverityError, phase: session.PhaseLCP,
		},
		{
			// Call-Disconnect-Notify result code (offset 14) 0 -> 1 (Lost Carrier).
			name: "call lost", input: "pptpcrack__test.pcap", rewrite: patchPPTP(13, 14, 1),
			code: session.FindingAbnormalTeardown, severity: session.SeverityWarning,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := analyzePath(t, rewritePcap(t, tc.rewrite, 0, tc.input))
			var found *session.Session
			for _, s := range a.Sessions {
				if _, ok := findingCodes(s)[tc.code]; ok {
					found = s
				}
			}
			if found == nil {
				for _, s := range a.Sessions {
					t.Logf("session %d findings: %+v", s.Index, s.Findings)
				}
				t.Fatalf("no %s finding", tc.code)
			}
			if sev := findingCodes(found)[tc.code]; sev != tc.severity {
				t.Errorf("%s has severity %s, want %s", tc.code, sev, tc.severity)
			}
			if tc.phase != "" && found.Phases[tc.phase].Status != session.StatusFailed {
				t.Errorf("phase %s is %s", tc.phase, found.Phases[tc.phase].Status)
			}
			// The unmodified capture has no such finding: the rewrite is what triggers it.
			for _, s := range analyzeFile(t, pcap(tc.input)).Sessions {
				if _, ok := findingCodes(s)[tc.code]; ok {
					t.Errorf("the original %s already has %s", tc.input, tc.code)
				}
			}
		})
	}
}

// TestReconnect: the same endpoints connecting again later (same ports
// even) make a second session, not a merge.
func TestReconnect(t *testing.T) {
	a := analyzePath(t, rewritePcap(t, nil, 100*time.Second, "pppd__mschapv2-mppe128.pcap", "pppd__mschapv2-mppe128.pcap"))
	if len(a.Sessions) != 2 {
		t.Fatalf("%d sessions, want 2", len(a.Sessions))
	}
	for _, s := range a.Sessions {
		if s.Verdict() != "ok" || s.Stats[0].Encrypted != 14 || s.Stats[1].Encrypted != 14 {
			t.Errorf("session %d: verdict %s, encrypted %d/%d", s.Index, s.Verdict(), s.Stats[0].Encrypted, s.Stats[1].Encrypted)
		}
	}
	if !a.Sessions[1].Start.After(a.Sessions[0].End) {
		t.Errorf("the second session does not start after the first")
	}
}

// TestDuplicatedGRE: every GRE packet captured twice (as 802.11
// retransmissions are) counts as duplicated, not as traffic or loss.
func TestDuplicatedGRE(t *testing.T) {
	path := rewritePcap(t, nil, 0, "pppd__mschapv2-mppe128.pcap")
	// Write each GRE frame twice.
	dup := filepath.Join(t.TempDir(), "dup.pcap")
	f, _ := os.Create(dup)
	w := pcapgo.NewWriter(f)
	w.WriteFileHeader(65535, layers.LinkTypeEthernet)
	src, err := capture.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for {
		p, err := src.Next()
		if err != nil {
			break
		}
		d := append([]byte(nil), p.Data...)
		ci := gopacket.CaptureInfo{Timestamp: p.CI.Timestamp, CaptureLength: len(d), Length: len(d)}
		w.WritePacket(ci, d)
		if len(d) > 23 && d[23] == 47 && d[14+20+0]&0x10 != 0 { // GRE with a sequence number
			w.WritePacket(ci, d)
		}
	}
	f.Close()
	orig := analyzeFile(t, pcap("pppd__mschapv2-mppe128.pcap")).Sessions[0]
	s := analyzePath(t, dup).Sessions[0]
	for d := 0; d < 2; d++ {
		withSeq := orig.Stats[d].Packets - orig.Stats[d].AckOnly
		if s.Stats[d].Duplicated != withSeq || s.Stats[d].Lost != 0 || s.Stats[d].Reordered != 0 {
			t.Errorf("direction %d: duplicated %d (want %d), lost %d, reordered %d", d, s.Stats[d].Duplicated, withSeq, s.Stats[d].Lost, s.Stats[d].Reordered)
		}
		if s.Stats[d].Encrypted != orig.Stats[d].Encrypted || s.Stats[d].Control != orig.Stats[d].Control {
			t.Errorf("direction %d: encrypted %d, control %d; want %d, %d as without the copies", d,
				s.Stats[d].Encrypted, s.Stats[d].Control, orig.Stats[d].Encrypted, orig.Stats[d].Control)
		}
	}
}

// TestIdleControlConnection: a control connection idle longer than the
// reassembler keeps idle streams (its slot is freed) still yields all its
// messages, in the same session.
func TestIdleControlConnection(t *testing.T) {
	out := filepath.Join(t.TempDir(), "idle.pcap")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	w := pcapgo.NewWriter(f)
	w.WriteFileHeader(65535, layers.LinkTypeEthernet)
	src, err := capture.Open(pcap("nDPI__pptp.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	for {
		p, err := src.Next()
		if err != nil {
			break
		}
		ts := p.CI.Timestamp
		if p.Frame > 10 { // after the Outgoing-Call-Reply: 10 minutes of silence
			ts = ts.Add(10 * time.Minute)
		}
		d := append([]byte(nil), p.Data...)
		w.WritePacket(gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(d), Length: len(d)}, d)
	}
	f.Close()
	orig := analyzeFile(t, pcap("nDPI__pptp.pcap"))
	a := analyzePath(t, out)
	if len(a.Sessions) != 1 {
		t.Fatalf("%d sessions, want 1", len(a.Sessions))
	}
	if got, want := len(a.Sessions[0].Messages), len(orig.Sessions[0].Messages); got != want {
		t.Errorf("%d messages after the idle period, want %d as without it", got, want)
	}
	if a.Stats.StreamsDropped != 0 {
		t.Errorf("%d streams dropped", a.Stats.StreamsDropped)
	}
}
