package capture_test

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
)

// TestMergeAsMergecap: Merge of chapcrack__pptp.cap (Ethernet) and
// nDPI__dlt_ppp.pcap (PPP) gives the packets of mergecap's merge of the
// same two files (testdata/mergecap-ether-ppp.pcapng, see
// TestPcapngMergecap) in the same order, each with its own link type,
// numbered 1, 2, ... and located in its file.
func TestMergeAsMergecap(t *testing.T) {
	names := []string{capturePath(t, "chapcrack__pptp.cap"), capturePath(t, "nDPI__dlt_ppp.pcap")}
	src, err := capture.OpenFiles(names)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	m, ok := src.(*capture.Merged)
	if !ok {
		t.Fatalf("OpenFiles of two files gives a %T", src)
	}
	got, err := readAll(m)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("testdata/mergecap-ether-ppp.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	want, err := readBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d packets, mergecap %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		g.Iface, w.Iface = 0, 0 // pcapng interface numbers are mergecap's
		if !reflect.DeepEqual(g, w) {
			t.Errorf("frame %d: %v %d bytes at %v, mergecap %v %d bytes at %v", i+1, g.LinkType, g.CapLen, g.Time, w.LinkType, w.CapLen, w.Time)
		}
	}
	// mergecap's frame 1 is nDPI__dlt_ppp.pcap's frame 1, frames 2-4 are
	// chapcrack__pptp.cap's 1-3.
	for _, c := range []struct {
		frame, local int
		file         string
	}{{1, 1, names[1]}, {2, 1, names[0]}, {4, 3, names[0]}, {5, 0, ""}} {
		if file, local := m.Locate(c.frame); file != c.file || local != c.local {
			t.Errorf("Locate(%d) = %s:%d, want %s:%d", c.frame, file, local, c.file, c.local)
		}
	}
}

// splitCapture writes the packets of a real pcap in parts of n packets to
// dir/name.0, dir/name.1, ..., as a ring buffer of tcpdump -C would.
func splitCapture(t *testing.T, name string, n int, dir string) (all []pkt, files []string) {
	t.Helper()
	src, err := capture.Open(capturePath(t, name))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	all, err = readAll(src)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i*n < len(all); i++ {
		part := all[i*n : min(len(all), (i+1)*n)]
		p := filepath.Join(dir, name+"."+string(rune('a'+i)))
		if err := os.WriteFile(p, writePcap(part, binary.LittleEndian, false, all[0].LinkType), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	return all, files
}

// TestMergeDirectory: a directory is read as its capture files in name
// order, other files passed over; the merge of a capture cut in parts is
// the capture, with each frame located in its part.
func TestMergeDirectory(t *testing.T) {
	dir := t.TempDir()
	all, files := splitCapture(t, "pppd__mschapv2-mppe128.pcap", 40, dir)
	if len(files) < 3 {
		t.Fatalf("%d parts", len(files))
	}
	os.WriteFile(filepath.Join(dir, "README.txt"), []byte("ring buffer of tcpdump -C\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden.pcap"), []byte("not read"), 0o644)
	src, err := capture.OpenFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	got, err := readAll(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(all) {
		t.Fatalf("%d packets, want %d", len(got), len(all))
	}
	for i := range all {
		if got[i] != all[i] {
			t.Fatalf("frame %d differs", i+1)
		}
	}
	m := src.(*capture.Merged)
	if !reflect.DeepEqual(m.Names(), files) {
		t.Errorf("files %q, want %q", m.Names(), files)
	}
	if file, local := m.Locate(41); file != files[1] || local != 1 {
		t.Errorf("frame 41 is %s:%d, want %s:1", file, local, files[1])
	}
	if _, err := capture.OpenFiles([]string{t.TempDir()}); !errors.Is(err, capture.ErrNotCapture) || !strings.Contains(err.Error(), "no pcap or pcapng file") {
		t.Errorf("empty directory: %v", err)
	}
}

// TestMergeCutShort: a part cut short inside a record is reported with
// its name after every other part was read; a part cut short in its file
// header too.
func TestMergeCutShort(t *testing.T) {
	dir := t.TempDir()
	all, files := splitCapture(t, "pppd__mschapv2-mppe128.pcap", 40, dir)
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(files[0], b[:len(b)-10], 0o644); err != nil { // the last record cut
		t.Fatal(err)
	}
	header := filepath.Join(dir, "z-being-written.pcap")
	os.WriteFile(header, b[:10], 0o644)
	src, err := capture.OpenFiles(append(files, header))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	got, err := readAll(src)
	if !errors.Is(err, capture.ErrTruncated) || !strings.Contains(err.Error(), files[0]+": capture cut short after frame 39") ||
		!strings.Contains(err.Error(), header+": ") {
		t.Errorf("error %v", err)
	}
	if len(got) != len(all)-1 {
		t.Errorf("%d packets read, want all %d but the one cut", len(got), len(all)-1)
	}
	if _, err := src.Next(); err == nil || err == io.EOF {
		t.Errorf("the error is not sticky: %v", err)
	}
}
