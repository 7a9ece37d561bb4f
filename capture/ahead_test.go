package capture_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/capture"
)

// TestReadAheadSame: a File read ahead delivers the same packets (data,
// capture info, link type, frame number, comment), the same error and the
// same Frames as the File read directly, for every bundled capture and
// for files of many batches, gzip-compressed or cut short.
func TestReadAheadSame(t *testing.T) {
	files, _ := filepath.Glob("../testdata/pcaps/*")
	dir := t.TempDir()
	// Many batches, packets of every size up to 65535 bytes.
	var pkts []pkt
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 6000 {
		n := 60 + i*37%1500
		if i%500 == 7 {
			n = 65535
		}
		data := bytes.Repeat([]byte{byte(i)}, n)
		binary.BigEndian.PutUint32(data, uint32(i))
		pkts = append(pkts, pkt{Data: string(data), Time: start.Add(time.Duration(i) * time.Millisecond), Len: n})
	}
	big := writePcap(pkts, binary.LittleEndian, false, layers.LinkTypeEthernet)
	extra := map[string][]byte{
		"big.pcap":    big,
		"big.pcap.gz": gzipBytes(t, big),
		"cut.pcap":    big[:len(big)*2/3+5], // cut inside a record
	}
	for name, b := range extra {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	ahead := 0
	for _, name := range files {
		if filepath.Ext(name) == ".md" {
			continue
		}
		direct, dframes, derr := readFile(t, name, false)
		got, gframes, gerr := readFile(t, name, true)
		if fmt.Sprint(gerr) != fmt.Sprint(derr) {
			t.Errorf("%s: read ahead: error %v, want %v", name, gerr, derr)
		}
		if !reflect.DeepEqual(got, direct) {
			t.Errorf("%s: read ahead: %d packets differ from the %d read directly", name, len(got), len(direct))
		}
		if gframes != dframes {
			t.Errorf("%s: read ahead: Frames %d, want %d", name, gframes, dframes)
		}
		ahead++
	}
	if ahead < len(extra)+10 {
		t.Errorf("only %d files compared", ahead)
	}
}

// readFile reads the capture at path, ahead or directly, and returns its
// packets, Frames and error.
func readFile(t *testing.T, path string, ahead bool) ([]pkt, int, error) {
	t.Helper()
	src, err := capture.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer src.Close()
	var pkts []pkt
	var rerr error
	if ahead {
		a := capture.ReadAhead(src)
		if a == nil {
			t.Fatalf("%s: ReadAhead of a regular file is nil", path)
		}
		pkts, rerr = readAll(a)
		a.Stop()
	} else {
		pkts, rerr = readAll(src)
	}
	return pkts, src.(*capture.File).Frames(), rerr
}

// TestReadAheadStop: stopping early leaves the File usable; a capture that
// is not a regular file is not read ahead.
func TestReadAheadStop(t *testing.T) {
	var pkts []pkt
	for i := range 5000 {
		pkts = append(pkts, pkt{Data: string(bytes.Repeat([]byte{byte(i)}, 100)), Time: time.Unix(int64(i), 0), Len: 100})
	}
	path := filepath.Join(t.TempDir(), "x.pcap")
	if err := os.WriteFile(path, writePcap(pkts, binary.BigEndian, true, layers.LinkTypeEthernet), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := capture.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	a := capture.ReadAhead(src)
	for i := range 10 {
		p, err := a.Next()
		if err != nil || p.Frame != i+1 || string(p.Data) != pkts[i].Data {
			t.Fatalf("packet %d: frame %d, error %v", i+1, p.Frame, err)
		}
	}
	a.Stop()
	a.Stop()
	f := src.(*capture.File)
	n := f.Frames()
	if n < 10 || n >= len(pkts) {
		t.Errorf("Frames %d after 10 packets read ahead", n)
	}
	if p, err := f.Next(); err != nil || p.Frame != n+1 {
		t.Errorf("the File after Stop: frame %d, error %v, want frame %d", p.Frame, err, n+1)
	}
	r, err := capture.OpenReader(bytes.NewReader(writePcap(pkts[:3], binary.BigEndian, true, layers.LinkTypeEthernet)), "pipe")
	if err != nil {
		t.Fatal(err)
	}
	if capture.ReadAhead(r) != nil {
		t.Error("ReadAhead of an OpenReader source is not nil")
	}
}
