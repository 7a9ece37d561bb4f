package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

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

// TestUnprintableHostName: a host name that is not text (a real 2004
// capture carries 64 bytes of uninitialised memory there) is escaped in
// every text output, never written raw to the terminal, and flagged; JSON
// keeps a valid string with the escapes. The capture is
// pppd__mschapv2-mppe128.pcap with the Start-Control-Connection-Request's
// Host Name (frame 8, offset 28 of the message, "local" and 59 NULs) made
// 64 bytes without a NUL:
//
//	1b 5b 32 4a 1b 5d 30 3b 78 07   ESC [2J ESC ]0;x BEL: terminal escapes
//	c2 9b                           U+009B, the C1 control CSI
//	e2 80 ae                        U+202E, right-to-left override
//	5c                              a backslash
//	90 * 47                         not UTF-8
func TestUnprintableHostName(t *testing.T) {
	host := append([]byte("\x1b[2J\x1b]0;x\x07\xc2\x9b\xe2\x80\xae\\"), bytes.Repeat([]byte{0x90}, 47)...)
	path := rewriteCapture(t, "pppd__mschapv2-mppe128.pcap", func(_ int, d []byte) []byte {
		if o := pptpAt(d, 1); o >= 0 {
			if !bytes.Equal(d[o+28:o+34], []byte("local\x00")) {
				t.Fatalf("host name % x", d[o+28:o+92])
			}
			copy(d[o+28:o+92], host)
		}
		return d
	})
	escaped := `\x1b[2J\x1b]0;x\x07\u009b\u202e\\` + strings.Repeat(`\x90`, 47)
	// Text outputs: valid UTF-8 with no control character but newlines.
	rawFree := func(what, out string) {
		t.Helper()
		if !utf8.ValidString(out) || strings.ContainsFunc(out, func(r rune) bool {
			return r != '\n' && (unicode.IsControl(r) || r == '\u202e')
		}) {
			t.Errorf("%s writes raw bytes: %q", what, out)
		}
	}
	for _, lang := range []string{"en", "zh"} {
		for _, args := range [][]string{
			{"packets"}, {"packets", "-x"}, {"analyze"}, {"analyze", "-v"},
			{"diagram"}, {"diagram", "--format", "mermaid"}, {"diagram", "--format", "plantuml"},
			{"diagram", "--format", "svg"}, {"report"}, {"diagram", "--format", "html"},
		} {
			out := string(runOK(t, append(append(args, "--lang", lang), path)...))
			rawFree(strings.Join(args, " ")+" --lang "+lang, out)
		}
	}
	// The analysis names the host escaped, whole.
	if out := squeeze(string(runOK(t, "analyze", path))); !strings.Contains(out, squeeze(escaped)) {
		t.Errorf("analyze: no %s in\n%s", escaped, out)
	}
	// The listing flags the field, in both languages.
	for _, tc := range []struct{ lang, note string }{
		{"en", "[Host Name has 55 bytes that are not printable text, shown as \\x escapes]"},
		{"zh", "[Host Name 含 55 个不可打印的字节，以 \\x 转义显示]"},
	} {
		out := string(runOK(t, "packets", "--lang", tc.lang, path))
		if !strings.Contains(squeeze(out), squeeze(tc.note)) || !strings.Contains(out, `host=\x1b[2J\x1b]0;x\x07`) {
			t.Errorf("packets --lang %s: no %q:\n%s", tc.lang, tc.note, out)
		}
	}
	// JSON: a valid string holding the escapes, and the note.
	for _, line := range strings.Split(strings.TrimSpace(string(runOK(t, "packets", "--format", "json", path))), "\n") {
		var r struct {
			Frame  int
			Fields map[string]any
			Notes  []string
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if r.Frame == 8 && (r.Fields["host_name"] != escaped || len(r.Notes) != 1 ||
			r.Notes[0] != `Host Name has 55 bytes that are not printable text, shown as \x escapes`) {
			t.Errorf("frame 8: host_name %q, notes %q", r.Fields["host_name"], r.Notes)
		}
	}
	var a struct {
		Sessions []struct {
			PPTP struct {
				Client struct {
					HostName string `json:"host_name"`
				} `json:"client"`
			} `json:"pptp"`
		} `json:"sessions"`
	}
	if err := json.Unmarshal(runOK(t, "analyze", "--format", "json", path), &a); err != nil || len(a.Sessions) != 1 || a.Sessions[0].PPTP.Client.HostName != escaped {
		t.Errorf("analyze --format json: %v, %+v", err, a)
	}
}

// TestFINRetransmission: a retransmitted TCP FIN of the control connection
// is marked as PPP retransmissions are, not drawn as a second FIN: in
// analyze -v and in every diagram format. The frames marked are those
// tshark calls retransmissions (testdata/tshark/fin-retransmissions.tsv).
func TestFINRetransmission(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/tshark/fin-retransmissions.tsv")
	if err != nil {
		t.Fatal(err)
	}
	marked := regexp.MustCompile(`(?m)^\s+(\d+)\s+\S+ [CS]→[CS] TCP FIN \[retransmission\]$`)
	captures := 0
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		name, want, _ := strings.Cut(line, "\t")
		captures++
		code, out, stderr := runCapture(t, nil, "analyze", "-v", "--lang", "en", "--width", "120", "../../testdata/pcaps/"+name)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		var got []string
		for _, m := range marked.FindAllStringSubmatch(out, -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s: FIN retransmissions %q, tshark %q", name, got, want)
		}
	}
	if captures != 23 {
		t.Errorf("%d captures in the tshark list", captures)
	}
	// nDPI__pptp.pcap: FIN at frame 17, retransmitted at 18 and (with the
	// Call-Clear-Request's bytes again) at 19.
	const nDPI = "../../testdata/pcaps/nDPI__pptp.pcap"
	if out := string(runOK(t, "analyze", "-v", "--lang", "zh", nDPI)); !strings.Contains(out, "C→S TCP FIN\n") ||
		strings.Count(out, "C→S TCP FIN [重传]\n") != 2 {
		t.Errorf("analyze -v --lang zh:\n%s", out)
	}
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{"text", []string{
			"│ TCP FIN                                          │\n           4.806123 ├─────",
			"│ TCP FIN (retransmission)                         │\n           4.908569 ├╌╌╌╌╌",
			"│ TCP FIN (retransmission)                         │\n           5.160562 ├╌╌╌╌╌"}},
		{"mermaid", []string{"C->>S: [4.806123] TCP FIN (frame 17)\n",
			"C-->>S: [4.908569] TCP FIN (frame 18) (retransmission)\n", "C-->>S: [5.160562] TCP FIN (frame 19) (retransmission)\n"}},
		{"plantuml", []string{"C -> S : [4.806123] TCP FIN (frame 17)\n",
			"C --> S : [4.908569] TCP FIN (frame 18) (retransmission)\n", "C --> S : [5.160562] TCP FIN (frame 19) (retransmission)\n"}},
		{"svg", []string{`<g class="msg" id="s1-m10" data-m="10" data-msgs="10" data-n="1" data-frame="17">`,
			`<g class="msg retransmission" id="s1-m11" data-m="11" data-msgs="11" data-n="1" data-frame="18">`,
			`<g class="msg retransmission" id="s1-m12" data-m="12" data-msgs="12" data-n="1" data-frame="19">`}},
	} {
		out := string(runOK(t, "diagram", "--format", tc.format, "--lang", "en", "--color", "never", nDPI))
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("diagram --format %s: no %q in\n%s", tc.format, w, out)
			}
		}
	}
}
