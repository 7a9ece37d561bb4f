package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopacket/gopacket/pcapgo"
)

// rewriteCapture copies the real capture testdata/pcaps/name through fn
// (given the 1-based frame number and a copy of the frame; nil drops the
// frame) into a temporary pcap and returns its path.
func rewriteCapture(t *testing.T, name string, fn func(frame int, data []byte) []byte) string {
	t.Helper()
	f, err := os.Open(filepath.Join("../../testdata/pcaps", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rewritten-"+name)
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := pcapgo.NewWriter(out)
	if err := w.WriteFileHeader(r.Snaplen(), r.LinkType()); err != nil {
		t.Fatal(err)
	}
	for frame := 1; ; frame++ {
		data, ci, err := r.ReadPacketData()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data = fn(frame, append([]byte(nil), data...))
		if data == nil {
			continue
		}
		ci.CaptureLength, ci.Length = len(data), len(data)
		if err := w.WritePacket(ci, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// pptpAt returns the offset in an Ethernet/IPv4/TCP frame of the PPTP
// control message of type msgType (found by its magic cookie), or -1.
func pptpAt(data []byte, msgType uint16) int {
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte{0x1a, 0x2b, 0x3c, 0x4d})
		if j < 0 {
			return -1
		}
		start := i + j - 4
		if start >= 0 && start+10 <= len(data) && uint16(data[start+8])<<8|uint16(data[start+9]) == msgType {
			return start
		}
		i += j + 4
	}
}

// TestLengthLargerThanType: a control message whose Length is larger than
// its type's fixed size (scapy writes 148 into a 24-byte
// Incoming-Call-Reply) is listed at its frame with the mismatch, and the
// messages after it are not swallowed. The capture is
// pppd__mschapv2-mppe128.pcap with the Outgoing-Call-Reply's Length (frame
// 15: 00 20 00 01 1a 2b 3c 4d 00 08 ...) set to 148 (00 94); tshark's view
// of it is committed in testdata/tshark/rewritten/ocrp-length-148.tsv.
func TestLengthLargerThanType(t *testing.T) {
	path := rewriteCapture(t, "pppd__mschapv2-mppe128.pcap", func(_ int, d []byte) []byte {
		if o := pptpAt(d, 8); o >= 0 {
			if d[o] != 0 || d[o+1] != 32 {
				t.Fatalf("Outgoing-Call-Reply length %x, want 00 20", d[o:o+2])
			}
			d[o+1] = 148
		}
		return d
	})
	// The PPTP messages listed are tshark's: frame, Length, type.
	raw, err := os.ReadFile("../../testdata/tshark/rewritten/ocrp-length-148.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Split(line, "\t"); len(f) >= 3 && !strings.HasPrefix(line, "#") {
			want = append(want, strings.Join(f[:3], " "))
		}
	}
	var got []string
	var ocrp map[string]any
	for _, line := range strings.Split(strings.TrimSpace(string(runOK(t, "packets", "--format", "json", path))), "\n") {
		var r struct {
			Frame  int
			Proto  string
			Fields map[string]any
			Notes  []string
			Error  string
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if r.Proto != "PPTP" {
			continue
		}
		got = append(got, fmt.Sprintf("%d %v %v", r.Frame, r.Fields["length"], r.Fields["control_message_type"]))
		if r.Frame == 15 {
			if r.Error != "" || len(r.Notes) != 1 || r.Notes[0] != "length 148 disagrees with Outgoing-Call-Reply's 32 bytes" {
				t.Errorf("frame 15: notes %q, error %q", r.Notes, r.Error)
			}
			ocrp = r.Fields
		}
	}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("PPTP messages (frame, length, type):\n got  %q\n want %q (tshark)", got, want)
	}
	if ocrp["peer_call_id"] != 65431.0 || ocrp["result_name"] != "Connected" {
		t.Errorf("frame 15 fields: %v", ocrp)
	}
	// The text listing shows it in its place, in both languages.
	for _, tc := range []struct{ lang, note string }{
		{"en", "[length 148 disagrees with Outgoing-Call-Reply's 32 bytes]"},
		{"zh", "[长度 148 与 Outgoing-Call-Reply 的固定长度 32 字节不符]"},
	} {
		out := string(runOK(t, "packets", "--lang", tc.lang, "--width", "200", path))
		i13, i15, i17 := strings.Index(out, "\n    13 "), strings.Index(out, "\n    15 "), strings.Index(out, "\n    17 ")
		if i13 < 0 || i15 < i13 || i17 < i15 || !strings.Contains(out[i15:i17], "PPTP Outgoing-Call-Reply") ||
			!strings.Contains(squeeze(out[i15:i17]), squeeze(tc.note)) {
			t.Errorf("%s: frame 15 not listed between 13 and 17 with %q:\n%s", tc.lang, tc.note, out)
		}
	}
	// The call is known, so the session is as good as the original's.
	if out := string(runOK(t, "analyze", path)); !strings.Contains(out, "Session 1: 10.0.0.2 → 10.0.0.1  OK") {
		t.Errorf("analyze:\n%s", out)
	}
}

// squeeze removes the white space of s, so that text wrapped in a table
// cell compares with its words.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }
