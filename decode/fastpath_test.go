package decode

import (
	"errors"
	"io"
	"path/filepath"
	"testing"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/capture"
)

// TestFastPathAgrees: every frame of every bundled Ethernet capture that the
// early filter calls "not PPTP" is KindOther for the full decoders too, and
// the filter does skip most of the unrelated LAN traffic.
func TestFastPathAgrees(t *testing.T) {
	files, _ := filepath.Glob("../testdata/pcaps/*")
	d := NewDecoder()
	skipped, total := 0, 0
	for _, name := range files {
		if filepath.Ext(name) == ".md" {
			continue
		}
		src, err := capture.Open(name)
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
			if p.LinkType != layers.LinkTypeEthernet {
				continue
			}
			total++
			if !notPPTPEthernet(p.Data) {
				continue
			}
			skipped++
			if f := d.decodeFull(p.Data, p.LinkType, p.CI.Timestamp); f.Kind != KindOther {
				t.Errorf("%s frame %d: the filter skips a frame the decoders call kind %d", filepath.Base(name), p.Frame, f.Kind)
			}
		}
		src.Close()
	}
	t.Logf("filter skipped %d of %d Ethernet frames", skipped, total)
	if skipped < total/2 {
		t.Errorf("the filter skipped only %d of %d frames", skipped, total)
	}
}
