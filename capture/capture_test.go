package capture_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/iotest"
	"time"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/capture"
)

// realCaptures lists every capture in shared/captures with its packet count
// and link type as `capinfos -c -E` reports them (they agree with
// MANIFEST.md), and a digest of tshark's view of every frame: the SHA-256
// of the lines "number\ttime_epoch\tcap_len\tlen\tinterface_id\tframe_raw\n"
// taken from `tshark -r FILE -T ek -x` (frame.frame_* fields; interface_id
// is 0 for pcap).
var realCaptures = []struct {
	name     string
	packets  int
	linkType layers.LinkType
	format   string
	tshark   string
}{
	{"PPTP_VPN_Sniffer__connect.pcapng", 634, layers.LinkTypeEthernet, "pcapng", "3e85f97556383097717200f9f56f24544938b07dc9e3039d81d0a12994e3a5f6"},
	{"chapcrack__pptp.cap", 3, layers.LinkTypeEthernet, "pcap", "e917f6cfd41d65ab80d9fb8d5fc6db532c1ceb08603a8c06ad0f77faf1d4acb3"},
	{"nDPI__dlt_ppp.pcap", 1, layers.LinkTypePPP, "pcap", "b7be25e17cd63f33bb500cd274fe6b78314c15b90c9a03755f27b094de191d8b"},
	{"nDPI__pptp.pcap", 24, layers.LinkTypeEthernet, "pcap", "b179fc3c49a88d71948e48384ea3a5e05f983610867b6897ed3c7a3b4ec8d43d"},
	{"packetlife__GRE.cap", 10, layers.LinkTypeEthernet, "pcap", "6b4b3b94bb620ccd3c442d8887a7c4d368b4cb7d257f00b1f52a12c0664b052c"},
	{"packetlife__PPP.cap", 50, layers.LinkTypePPP_HDLC, "pcap", "e4de6bc442494f017ea279e0588327c79f9c0e8541afc1fa4bea309726f46846"},
	{"packetlife__PPP_EAP.cap", 52, layers.LinkTypePPP_HDLC, "pcap", "b7808513970bf50adbe1f1076ef9a4711070892ac0d330bea2f226e131eeb46e"},
	{"packetlife__PPP_negotiation.cap", 63, layers.LinkTypePPP_HDLC, "pcap", "387f509c52c777d430c818640c96a20c6734d4893893248d7afa5a50c2d75a5e"},
	{"packetlife__PPTP_negotiation.cap", 28, layers.LinkTypeEthernet, "pcap", "979de4a9653a721848253b02edd16ae8056e18fd0823c8fa6ae7544d1256d731"},
	{"pppd__auth-mismatch.pcap", 38, layers.LinkTypeEthernet, "pcap", "20492c33d2a94206bb84dd1cf20b71c670b438fb31a0a30fd3875ad2ffef223d"},
	{"pppd__chap-md5-noenc.pcap", 122, layers.LinkTypeEthernet, "pcap", "9857525fd51eccff6b0f7e13714c8ad877efb2b262e876e72119da8e848b9b64"},
	{"pppd__eap-md5.pcap", 125, layers.LinkTypeEthernet, "pcap", "3c1d470f03b1980be61b1c36c5a875ccf4ee35444e2532f1d8990e16c554066c"},
	{"pppd__echo-timeout.pcap", 117, layers.LinkTypeEthernet, "pcap", "f39eafdeff8a802a02a2ce1dd7f42c2f64bcf495020f3eafa0e55dd6e8b177b7"},
	{"pppd__gre-blocked.pcap", 43, layers.LinkTypeEthernet, "pcap", "8a271fa24903bb7c31d3bd3c4af81e7ae4fefd3267067876aeffc9a53576c5d3"},
	{"pppd__gre-loss.pcap", 1057, layers.LinkTypeEthernet, "pcap", "c95115410b0e6b2a10e9abbbebde32304320bd6dc1f9f2d4e23e436035995ad4"},
	{"pppd__mppe-mismatch.pcap", 45, layers.LinkTypeEthernet, "pcap", "d87af5e259ad9625c7d16c00fe1121349d430de0788367082042692b904a9776"},
	{"pppd__mschapv1-mppe128.pcap", 130, layers.LinkTypeEthernet, "pcap", "d2b0da10991f0a8d5db9583f76a547e291732b276b16b45aee39eb869eb159c6"},
	{"pppd__mschapv2-mppe128.pcap", 121, layers.LinkTypeEthernet, "pcap", "e25ff67aeb5e156fba93fff8cb1b221c3dea553de0f3ca19ca2c379a1e84e54b"},
	{"pppd__mschapv2-mppe40.pcap", 128, layers.LinkTypeEthernet, "pcap", "0ca1339cf4eeb5bffb87291576f192ed4606d1045ef68b8ef15aae89a76c17a0"},
	{"pppd__mschapv2-wrong-password.pcap", 37, layers.LinkTypeEthernet, "pcap", "d5de0e23f91a6f05606ed69bd0bfd670649be98c8a500ff8674ad92bf0875a00"},
	{"pppd__mtu-fragments.pcap", 203, layers.LinkTypeEthernet, "pcap", "6e6251779c66a5faa9151e166380c5d1af64156fcfbbe1c2dadb5bfa9fe62869"},
	{"pppd__pap-noenc.pcap", 115, layers.LinkTypeEthernet, "pcap", "88a31b08a8ae8e136c9adb46c2a81ac50008f6c7f40ee5e913bf0bb3bceb675c"},
	{"pptpcrack__test.pcap", 4587, layers.LinkTypeEthernet, "pcap", "81fa4b95f1b6f3df2b0552eaa9671c3ca48ba2356af1e67e2a9f56f61c0074a8"},
}

// TestRealCaptures opens every real capture, checks the packet count, link
// type and frame numbers, and compares every packet (time, lengths,
// interface, bytes) with tshark's.
func TestRealCaptures(t *testing.T) {
	for _, tc := range realCaptures {
		t.Run(tc.name, func(t *testing.T) {
			path := capturePath(t, tc.name)
			src, err := capture.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			if src.Name() != path {
				t.Errorf("Name() = %q, want %q", src.Name(), path)
			}
			if got := src.(*capture.File).Format(); got != tc.format {
				t.Errorf("Format() = %q, want %q", got, tc.format)
			}
			pkts, err := readAll(src)
			if err != nil {
				t.Fatal(err)
			}
			if len(pkts) != tc.packets {
				t.Fatalf("read %d packets, want %d", len(pkts), tc.packets)
			}
			for i, p := range pkts {
				if p.Frame != i+1 || p.LinkType != tc.linkType || len(p.Data) != p.CapLen {
					t.Fatalf("packet %d: frame %d, link type %v, %d bytes, CaptureLength %d", i, p.Frame, p.LinkType, len(p.Data), p.CapLen)
				}
			}
			if got := tsharkDigest(pkts); got != tc.tshark {
				t.Errorf("packets differ from tshark's: digest %s, want %s", got, tc.tshark)
			}
			if _, err := src.Next(); err != io.EOF {
				t.Errorf("Next after the end = %v, want io.EOF", err)
			}
		})
	}
}

// tsharkDigest is the digest described at realCaptures.
func tsharkDigest(pkts []pkt) string {
	h := sha256.New()
	for _, p := range pkts {
		fmt.Fprintf(h, "%d\t%d.%09d\t%d\t%d\t%d\t%x\n", p.Frame, p.Time.Unix(), p.Time.Nanosecond(), p.CapLen, p.Len, p.Iface, p.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestPcapngComment: frame 12 of connect.pcapng has the file's only packet
// comment (tshark -r ... -Y frame.comment -T fields -e frame.number -e
// frame.comment), and tshark gives frame 1 time 1493730136.898090.
func TestPcapngComment(t *testing.T) {
	src, err := capture.Open(capturePath(t, "PPTP_VPN_Sniffer__connect.pcapng"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	pkts, err := readAll(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkts {
		want := ""
		if p.Frame == 12 {
			want = "标志了认证算法为MS-CHAP-2（0x81）。"
		}
		if p.Comment != want {
			t.Errorf("frame %d: comment %q, want %q", p.Frame, p.Comment, want)
		}
	}
	if got, want := pkts[0].Time, time.Unix(1493730136, 898090000).UTC(); !got.Equal(want) || pkts[0].CapLen != 66 {
		t.Errorf("frame 1: time %v, %d bytes; want %v, 66 bytes", got, pkts[0].CapLen, want)
	}
}

// TestTimestamps checks chapcrack__pptp.cap against tshark's
// frame.time_epoch and frame.cap_len.
func TestTimestamps(t *testing.T) {
	want := []struct {
		sec, usec int64
		caplen    int
	}{
		{1338928984, 387487, 74},
		{1338928984, 389909, 111},
		{1338928984, 474098, 115},
	}
	pkts, err := readBytes(readCapture(t, "chapcrack__pptp.cap"))
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range want {
		wt := time.Unix(w.sec, w.usec*1000).UTC()
		if !pkts[i].Time.Equal(wt) || pkts[i].Time.Location() != time.UTC || pkts[i].CapLen != w.caplen || pkts[i].Len != w.caplen {
			t.Errorf("frame %d: %v %d/%d, want %v %d", i+1, pkts[i].Time, pkts[i].CapLen, pkts[i].Len, wt, w.caplen)
		}
	}
}

// TestPcapVariants rewrites a real capture big-endian and with nanosecond
// timestamps: the packets must not change.
func TestPcapVariants(t *testing.T) {
	want, err := readBytes(readCapture(t, "pppd__mschapv2-mppe128.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	// Nanosecond files keep nanoseconds: give every packet some.
	nanoWant := append([]pkt(nil), want...)
	for i := range nanoWant {
		nanoWant[i].Time = nanoWant[i].Time.Add(time.Duration(i%1000) * time.Nanosecond)
	}
	for _, tc := range []struct {
		name   string
		order  binary.ByteOrder
		nanos  bool
		format string
	}{
		{"little-endian microseconds", binary.LittleEndian, false, "pcap"},
		{"big-endian microseconds", binary.BigEndian, false, "pcap"},
		{"little-endian nanoseconds", binary.LittleEndian, true, "pcap (nanosecond)"},
		{"big-endian nanoseconds", binary.BigEndian, true, "pcap (nanosecond)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := want
			if tc.nanos {
				w = nanoWant
			}
			b := writePcap(w, tc.order, tc.nanos, layers.LinkTypeEthernet)
			src, err := capture.OpenReader(bytes.NewReader(b), "variant")
			if err != nil {
				t.Fatal(err)
			}
			if got := src.(*capture.File).Format(); got != tc.format {
				t.Errorf("Format() = %q, want %q", got, tc.format)
			}
			got, err := readAll(src)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("packets differ")
			}
		})
	}
}

// TestGzip: a gzip copy of every capture gives the same packets, whatever
// the file is called.
func TestGzip(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range realCaptures {
		t.Run(tc.name, func(t *testing.T) {
			plain := readCapture(t, tc.name)
			want, err := readBytes(plain)
			if err != nil {
				t.Fatal(err)
			}
			// No .gz suffix: detection is by content.
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, gzipBytes(t, plain), 0o644); err != nil {
				t.Fatal(err)
			}
			src, err := capture.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			if got := src.(*capture.File).Format(); got != tc.format+", gzip" {
				t.Errorf("Format() = %q", got)
			}
			got, err := readAll(src)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("gzip copy gives different packets")
			}
		})
	}
}

// TestStreamReaders reads through readers that return little at a time, as
// pipes do, and through Open("-") on standard input.
func TestStreamReaders(t *testing.T) {
	for _, name := range []string{"pppd__gre-loss.pcap", "PPTP_VPN_Sniffer__connect.pcapng"} {
		b := readCapture(t, name)
		want, err := readBytes(b)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			r    io.Reader
		}{
			{"one byte", iotest.OneByteReader(bytes.NewReader(b))},
			{"half", iotest.HalfReader(bytes.NewReader(b))},
			{"gzip one byte", iotest.OneByteReader(bytes.NewReader(gzipBytes(t, b)))},
		} {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				src, err := capture.OpenReader(tc.r, "pipe")
				if err != nil {
					t.Fatal(err)
				}
				got, err := readAll(src)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("packets differ")
				}
			})
		}
	}
	t.Run("stdin", func(t *testing.T) {
		f, err := os.Open(capturePath(t, "nDPI__pptp.pcap"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		stdin := os.Stdin
		os.Stdin = f
		defer func() { os.Stdin = stdin }()
		src, err := capture.Open("-")
		if err != nil {
			t.Fatal(err)
		}
		if src.Name() != "stdin" {
			t.Errorf("Name() = %q", src.Name())
		}
		pkts, err := readAll(src)
		if err != nil || len(pkts) != 24 {
			t.Errorf("read %d packets, %v; want 24", len(pkts), err)
		}
		if err := src.Close(); err != nil {
			t.Error(err)
		}
		// Close must not close standard input.
		if _, err := f.Stat(); err != nil {
			t.Errorf("stdin closed: %v", err)
		}
	})
}

func TestClose(t *testing.T) {
	src, err := capture.Open(capturePath(t, "chapcrack__pptp.cap"))
	if err != nil {
		t.Fatal(err)
	}
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}
	if err := src.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := src.Next(); err == nil || err == io.EOF {
		t.Errorf("Next after Close = %v, want an error", err)
	}
}

// TestDataReuse documents that Data is only valid until the next Next.
func TestDataReuse(t *testing.T) {
	src, err := capture.OpenReader(bytes.NewReader(readCapture(t, "chapcrack__pptp.cap")), "x")
	if err != nil {
		t.Fatal(err)
	}
	p, err := src.Next()
	if err != nil {
		t.Fatal(err)
	}
	if cap(p.Data) != len(p.Data) {
		t.Errorf("Data has spare capacity %d: appending would overwrite the next packet", cap(p.Data))
	}
}
