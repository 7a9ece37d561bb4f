package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopacket/gopacket/pcapgo"
)

// TestCaptureEndsBeforeCCP: a real capture cut short after the
// authentication (its first 28 frames: pppd__mschapv2-mppe128.pcap's CCP
// starts at frame 29) does not claim that no encryption was negotiated: the
// encryption is unknown because the capture ends before CCP (issue 12), in
// both languages.
func TestCaptureEndsBeforeCCP(t *testing.T) {
	f, err := os.Open("../../testdata/pcaps/pppd__mschapv2-mppe128.pcap")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.pcap")
	out, err := os.Create(cut)
	if err != nil {
		t.Fatal(err)
	}
	w := pcapgo.NewWriter(out)
	if err := w.WriteFileHeader(r.Snaplen(), r.LinkType()); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 28; i++ {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WritePacket(ci, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	en := string(runOK(t, "analyze", "--width", "100", cut))
	if !strings.Contains(en, "encryption  unknown: the capture ends before CCP") || strings.Contains(en, "none negotiated") {
		t.Errorf("cut capture:\n%s", en)
	}
	zh := string(runOK(t, "analyze", "--lang", "zh", "--width", "100", cut))
	if !strings.Contains(zh, "未知：抓包在 CCP 协商之前就结束了") {
		t.Errorf("cut capture, zh:\n%s", zh)
	}
	// The whole capture still reports its MPPE keys.
	if !strings.Contains(string(runOK(t, "analyze", "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap")), "MPPE 128-bit stateless") {
		t.Error("whole capture: no MPPE 128-bit stateless")
	}
}
