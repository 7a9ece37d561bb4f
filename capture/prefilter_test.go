package capture

import (
	"errors"
	"io"
	"testing"

	"github.com/gopacket/gopacket/layers"
)

// TestPrefilter: records a prefilter rejects are skipped, but frame numbers
// and the frame count stay those of the file, and the first packet always
// comes through (relative times are measured from it).
func TestPrefilter(t *testing.T) {
	path := "../testdata/pcaps/pptpcrack__test.pcap"
	keep := func(head []byte, _ layers.LinkType) bool { // IPv4 protocol 47 (GRE) only
		return len(head) > 23 && head[12] == 0x08 && head[13] == 0x00 && head[23] == 47
	}
	type rec struct {
		frame int
		n     int
	}
	read := func(filtered bool) ([]rec, int) {
		src, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		f := src.(*File)
		if filtered {
			f.SetPrefilter(keep)
		}
		var out []rec
		for {
			p, err := f.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if !filtered || p.Frame == 1 || keep(p.Data, p.LinkType) {
				out = append(out, rec{p.Frame, len(p.Data)})
			} else {
				t.Errorf("frame %d passed the prefilter", p.Frame)
			}
		}
		return out, f.Frames()
	}
	all, total := read(false)
	got, totalF := read(true)
	if total != 4587 || totalF != total {
		t.Fatalf("frames %d and %d, want 4587", total, totalF)
	}
	var want []rec
	for _, r := range all {
		if r.frame == 1 {
			want = append(want, r)
		}
	}
	// The GRE frames of the unfiltered read, by frame number.
	src, _ := Open(path)
	for {
		p, err := src.Next()
		if err != nil {
			break
		}
		if p.Frame != 1 && keep(p.Data, p.LinkType) {
			want = append(want, rec{p.Frame, len(p.Data)})
		}
	}
	src.Close()
	if len(got) != len(want) || len(got) < 900 {
		t.Fatalf("%d records through the prefilter, want %d (> 900)", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("record %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}
