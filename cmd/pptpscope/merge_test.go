package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gopacket/gopacket/pcapgo"
	"github.com/pptpscope/pptpscope/capture"
)

// ringParts writes a real capture as the files of a tcpdump -C ring
// buffer: part 1 as pcap, part 2 gzip-compressed, parts 3 and on in a
// directory. It returns the arguments naming them and, per frame of the
// whole capture, the part's name and the frame's number there.
func ringParts(t *testing.T, name string, per int) (args []string, where []string) {
	t.Helper()
	src, err := capture.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dir := t.TempDir()
	ring := filepath.Join(dir, "ring")
	if err := os.Mkdir(ring, 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	var w *pcapgo.Writer
	part, n := 0, 0
	flush := func() {
		if w == nil {
			return
		}
		var p string
		switch part {
		case 1:
			p = filepath.Join(dir, "part1.pcap")
			args = append(args, p)
		case 2:
			p = filepath.Join(dir, "part2.pcap.gz")
			var z bytes.Buffer
			zw := gzip.NewWriter(&z)
			zw.Write(buf.Bytes())
			zw.Close()
			buf = z
			args = append(args, p)
		default:
			p = filepath.Join(ring, fmt.Sprintf("part%d.pcap", part))
			if part == 3 {
				args = append(args, ring)
			}
		}
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		w = nil
	}
	for {
		p, err := src.Next()
		if err != nil {
			break
		}
		if w == nil || n == per {
			flush()
			part, n = part+1, 0
			buf.Reset()
			w = pcapgo.NewWriter(&buf)
			w.WriteFileHeader(262144, p.LinkType)
		}
		n++
		if err := w.WritePacket(p.CI, p.Data); err != nil {
			t.Fatal(err)
		}
		base := fmt.Sprintf("part%d.pcap", part)
		if part == 2 {
			base += ".gz"
		}
		where = append(where, fmt.Sprintf("%s:%d", base, n))
	}
	flush()
	if part < 4 {
		t.Fatalf("only %d parts", part)
	}
	return args, where
}

// TestManyCaptures: a capture cut into the files of a ring buffer (pcap,
// gzip, a directory) reads as the capture: analyze gives the same output
// byte for byte, and packets names each frame by its file and its number
// there (file:frame in the table, "file" and "frame" in JSON), the rest of
// each line as for the whole capture.
func TestManyCaptures(t *testing.T) {
	whole := "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap"
	args, where := ringParts(t, whole, 30)
	// analyze --format json numbers the frames of the merged capture.
	_, want, _ := runCapture(t, nil, "analyze", "--format", "json", whole)
	code, got, stderr := runCapture(t, nil, append([]string{"analyze", "--format", "json"}, args...)...)
	if code != 0 || got != want || len(want) < 1000 {
		t.Errorf("analyze --format json of the parts: exit %d (%s), same as the whole: %v", code, stderr, got == want)
	}
	// analyze -v names each frame file:frame: with the numbers put back
	// (and the lines wrapped alike) it is the analysis of the whole.
	_, want, _ = runCapture(t, nil, "analyze", "-v", "--width", "100", whole)
	code, got, stderr = runCapture(t, nil, append([]string{"analyze", "-v", "--width", "100"}, args...)...)
	number := map[string]string{}
	for i, w := range where {
		number[w] = strconv.Itoa(i + 1)
	}
	labels := regexp.MustCompile(`part\d+\.pcap(\.gz)?:\d+`)
	named := len(labels.FindAllString(got, -1))
	back := labels.ReplaceAllStringFunc(got, func(l string) string { return number[l] })
	if code != 0 || named < 50 || strings.Join(strings.Fields(back), " ") != strings.Join(strings.Fields(want), " ") {
		t.Errorf("analyze -v of the parts: exit %d (%s), %d frames named file:frame:\n%s", code, stderr, named, got)
	}
	_, want, _ = runCapture(t, nil, "packets", "--all", "--format", "json", whole)
	code, got, stderr = runCapture(t, nil, append([]string{"packets", "--all", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("packets: exit %d: %s", code, stderr)
	}
	wantLines, gotLines := strings.Split(strings.TrimSpace(want), "\n"), strings.Split(strings.TrimSpace(got), "\n")
	if len(gotLines) != len(wantLines) || len(wantLines) < 90 {
		t.Fatalf("%d records, want %d", len(gotLines), len(wantLines))
	}
	for i := range wantLines {
		var w, g map[string]any
		json.Unmarshal([]byte(wantLines[i]), &w)
		if err := json.Unmarshal([]byte(gotLines[i]), &g); err != nil || !strings.HasPrefix(gotLines[i], `{"file":`) {
			t.Fatalf("line %d: %q", i+1, gotLines[i])
		}
		frame := int(w["frame"].(float64))
		loc := fmt.Sprintf("%s:%v", filepath.Base(g["file"].(string)), g["frame"])
		if loc != where[frame-1] {
			t.Errorf("frame %d is %s, want %s", frame, loc, where[frame-1])
		}
		delete(g, "file")
		g["frame"] = w["frame"]
		if !jsonEqual(g, w) {
			t.Errorf("frame %d differs:\n%s\n%s", frame, gotLines[i], wantLines[i])
		}
	}
	code, table, stderr := runCapture(t, nil, append([]string{"packets", "--width", "120"}, args...)...)
	for _, label := range []string{"part1.pcap:8 ", "part2.pcap.gz:", "part4.pcap:"} {
		if code != 0 || !strings.Contains(table, label) {
			t.Errorf("exit %d (%s): the table does not name %q:\n%s", code, stderr, label, table)
		}
	}
}

func jsonEqual(a, b map[string]any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// TestManyCapturesCutShort: a file of several that is cut short is named
// in the one-line error (exit 4), and the files after it are still read.
func TestManyCapturesCutShort(t *testing.T) {
	whole := "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap"
	args, _ := ringParts(t, whole, 30)
	b, err := os.ReadFile(args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(args[0], b[:len(b)-5], 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCapture(t, nil, append([]string{"packets", "--format", "json"}, args...)...)
	if code != exitTruncated || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, args[0]+": capture cut short after frame 29") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, `"file":"`+filepath.Join(args[2], "part4.pcap")) || !strings.Contains(stdout, `"msg":"Call-Clear-Request"`) {
		t.Errorf("the files after the cut one are not read:\n%s", stdout)
	}
}

// TestManyCapturesDecrypt: decrypt of a capture in several files writes
// the packets of the whole, each pcapng comment naming the file and the
// frame there.
func TestManyCapturesDecrypt(t *testing.T) {
	whole := "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap"
	args, where := ringParts(t, whole, 30)
	dir := t.TempDir()
	read := func(name string) []string {
		src, err := capture.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		var out []string
		for {
			p, err := src.Next()
			if err != nil {
				return out
			}
			out = append(out, fmt.Sprintf("%x %s", p.Data, p.Comment))
		}
	}
	code, _, stderr := runCapture(t, nil, "decrypt", "--password-file", studentPw, "-w", filepath.Join(dir, "whole.pcapng"), whole)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, _, stderr = runCapture(t, nil, append([]string{"decrypt", "--password-file", studentPw, "-w", filepath.Join(dir, "parts.pcapng")}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, got := read(filepath.Join(dir, "whole.pcapng")), read(filepath.Join(dir, "parts.pcapng"))
	if len(want) < 10 || len(got) != len(want) {
		t.Fatalf("%d packets from the parts, %d from the whole", len(got), len(want))
	}
	for i := range want {
		data, comment, _ := strings.Cut(want[i], " ")
		var frame int
		fmt.Sscanf(comment, "frame %d", &frame)
		if frame < 1 || got[i] != data+" frame "+where[frame-1] {
			t.Errorf("packet %d: %.40q, want the data of the whole's and comment %q", i+1, got[i], "frame "+where[max(frame, 1)-1])
		}
	}
}

// TestManyCapturesDiagram: diagrams and the report of several captures
// name frames as their files do. A session whose frames come from one file
// has that file's numbers and names it in its title; one cut across the
// files of a ring buffer numbers them file:frame, with the files numbered
// in its title. With the numbers put back, the diagram is the whole
// capture's.
func TestManyCapturesDiagram(t *testing.T) {
	whole := "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap"
	args, where := ringParts(t, whole, 30)
	_, want, _ := runCapture(t, nil, "diagram", "--width", "100", whole)
	code, got, stderr := runCapture(t, nil, append([]string{"diagram", "--width", "100"}, args...)...)
	flat := strings.Join(strings.Fields(got), " ")
	note := regexp.MustCompile(` \(frames numbered file:frame, files ((\d+) = (\S+?)(, | and |\)))+`).FindString(flat)
	files := regexp.MustCompile(`(\d+) = (\S+?)[,)]?(?: |$)`).FindAllStringSubmatch(note, -1)
	if code != 0 || len(files) < 3 {
		t.Fatalf("diagram of the parts: exit %d (%s), title note %q:\n%s", code, stderr, note, got)
	}
	global := map[string]string{} // "part2.pcap.gz:15" -> "45"
	for i, w := range where {
		global[w] = strconv.Itoa(i + 1)
	}
	named := 0
	back := regexp.MustCompile(`#(\d+):(\d+)`).ReplaceAllStringFunc(strings.Replace(flat, note, "", 1), func(l string) string {
		var k, n int
		fmt.Sscanf(l, "#%d:%d", &k, &n)
		named++
		if k < 1 || k > len(files) {
			return l
		}
		return "#" + global[fmt.Sprintf("%s:%d", files[k-1][2], n)]
	})
	if named < 20 || back != strings.Join(strings.Fields(want), " ") {
		t.Errorf("%d frames named file:frame; with the numbers put back the diagram differs from the whole's:\n%s\n%s", named, back, strings.Join(strings.Fields(want), " "))
	}
	code, report, stderr := runCapture(t, nil, append([]string{"report"}, args...)...)
	if code != 0 || !strings.Contains(report, `"fn":"2:`) || !strings.Contains(report, `<td class="num">3:`) {
		t.Errorf("report of the parts: exit %d (%s): no frame named file:frame", code, stderr)
	}

	// Two captures of their own: each session's frames are numbered as in
	// its file, which the title names (in Chinese too).
	pap, chap := "../../testdata/pcaps/pppd__pap-noenc.pcap", "../../testdata/pcaps/pppd__chap-md5-noenc.pcap"
	frameRefs := regexp.MustCompile(`#\d+\n`)
	for _, lang := range []string{"en", "zh"} {
		_, merged, _ := runCapture(t, nil, "diagram", "--lang", lang, pap, chap)
		diagrams := strings.Split(merged, "\n\n")
		for _, one := range []string{pap, chap} {
			_, alone, _ := runCapture(t, nil, "diagram", "--lang", lang, one)
			suffix := " (frames of " + filepath.Base(one) + ")  "
			if lang == "zh" {
				suffix = "（帧号取自 " + filepath.Base(one) + "）  "
			}
			var d string
			for _, x := range diagrams {
				if title, _, _ := strings.Cut(x, "\n"); strings.Contains(title, suffix) {
					d = x
				}
			}
			want := frameRefs.FindAllString(alone, -1)
			if got := frameRefs.FindAllString(d, -1); len(want) < 20 || strings.Join(got, "") != strings.Join(want, "") {
				t.Errorf("%s: the diagram of %s among two captures (title with %q) has frames %q, want %q", lang, one, suffix, got, want)
			}
		}
	}
}
