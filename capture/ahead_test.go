package capture_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
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
		direct, dframes, derr := readFile(t, name, readDirect)
		for _, mode := range []int{readNext, readBatch} {
			got, gframes, gerr := readFile(t, name, mode)
			if fmt.Sprint(gerr) != fmt.Sprint(derr) {
				t.Errorf("%s: read ahead (%d): error %v, want %v", name, mode, gerr, derr)
			}
			if !reflect.DeepEqual(got, direct) {
				t.Errorf("%s: read ahead (%d): %d packets differ from the %d read directly", name, mode, len(got), len(direct))
			}
			if gframes != dframes {
				t.Errorf("%s: read ahead (%d): Frames %d, want %d", name, mode, gframes, dframes)
			}
		}
		ahead++
	}
	if ahead < len(extra)+10 {
		t.Errorf("only %d files compared", ahead)
	}
}

// How readFile reads: directly, ahead with Next, ahead with Batch and
// Prepare.
const (
	readDirect = iota
	readNext
	readBatch
)

// readFile reads the capture at path, as mode says, and returns its
// packets, Frames and error.
func readFile(t *testing.T, path string, mode int) ([]pkt, int, error) {
	t.Helper()
	src, err := capture.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer src.Close()
	var pkts []pkt
	var rerr error
	switch mode {
	case readDirect:
		pkts, rerr = readAll(src)
	case readNext:
		a := capture.ReadAhead(src)
		if a == nil {
			t.Fatalf("%s: ReadAhead of a regular file is nil", path)
		}
		pkts, rerr = readAll(a)
		a.Stop()
	case readBatch:
		a := capture.ReadAhead(src)
		pkts, rerr = readBatches(t, a)
		a.Stop()
	}
	return pkts, src.(*capture.File).Frames(), rerr
}

// prepared is what the Prepare of readBatches leaves with a batch: the
// packets it saw, and how many batches the value served.
type prepared struct {
	pkts []pkt
	uses int
}

// readBatches reads a with Batch, a Prepare copying each batch's packets
// into the batch's value, and checks that each batch comes with the value
// Prepare left for it and that the values are reused.
func readBatches(t *testing.T, a *capture.Ahead) ([]pkt, error) {
	t.Helper()
	a.Prepare = func(pkts []capture.Packet, aux *any) {
		p, _ := (*aux).(*prepared)
		if p == nil {
			p = &prepared{}
			*aux = p
		}
		p.uses++
		p.pkts = p.pkts[:0]
		for _, q := range pkts {
			p.pkts = append(p.pkts, copyPacket(q))
		}
	}
	var out []pkt
	values := map[*prepared]bool{}
	batches := 0
	for {
		pkts, aux, err := a.Batch()
		if len(pkts) > 0 || aux != nil {
			batches++
			p, _ := aux.(*prepared)
			if p == nil {
				t.Fatalf("batch %d: no prepared value", batches)
			}
			values[p] = true
			var got []pkt
			for _, q := range pkts {
				got = append(got, copyPacket(q))
			}
			if !reflect.DeepEqual(got, p.pkts) && len(got)+len(p.pkts) > 0 {
				t.Fatalf("batch %d: %d packets, Prepare saw %d others", batches, len(got), len(p.pkts))
			}
			out = append(out, got...)
		}
		if err == io.EOF {
			if batches > 8 && len(values) >= batches {
				t.Errorf("%d batches, %d values: not reused", batches, len(values))
			}
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
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
