package capture_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/capture"
)

// TestPcapngMergecap reads testdata/mergecap-ether-ppp.pcapng, made with
// `mergecap -F pcapng -w testdata/mergecap-ether-ppp.pcapng
// chapcrack__pptp.cap nDPI__dlt_ppp.pcap`: interface 0 is Ethernet,
// interface 1 PPP. Expectations from `tshark -T fields -e frame.number -e
// frame.interface_id -e frame.cap_len -e frame.time_epoch`.
func TestPcapngMergecap(t *testing.T) {
	b, err := os.ReadFile("testdata/mergecap-ether-ppp.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	pkts, err := readBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		iface  int
		lt     layers.LinkType
		caplen int
		sec    int64
		usec   int64
	}{
		{1, layers.LinkTypePPP, 1230, 1, 31048},
		{0, layers.LinkTypeEthernet, 74, 1338928984, 387487},
		{0, layers.LinkTypeEthernet, 111, 1338928984, 389909},
		{0, layers.LinkTypeEthernet, 115, 1338928984, 474098},
	}
	if len(pkts) != len(want) {
		t.Fatalf("read %d packets, want %d", len(pkts), len(want))
	}
	for i, w := range want {
		p := pkts[i]
		if p.Iface != w.iface || p.LinkType != w.lt || p.CapLen != w.caplen || !p.Time.Equal(time.Unix(w.sec, w.usec*1000)) {
			t.Errorf("frame %d: iface %d %v %d bytes %v, want %+v", p.Frame, p.Iface, p.LinkType, p.CapLen, p.Time, w)
		}
	}
}

// TestPcapngInterfaces builds a pcapng with an Ethernet and a raw IP
// interface (the latter with nanosecond timestamps) and packets with zero,
// one and two comments.
func TestPcapngInterfaces(t *testing.T) {
	for _, order := range []binary.AppendByteOrder{binary.LittleEndian, binary.BigEndian} {
		t.Run(order.String(), func(t *testing.T) {
			w := &ngBuilder{order: order}
			w.section()
			w.iface(layers.LinkTypeEthernet, 65535, w.option(2, []byte("eth0")))
			w.iface(layers.LinkTypeRaw, 0, w.option(9, []byte{9}))
			ether := bytes.Repeat([]byte{0xee}, 60)
			ip := []byte{0x45, 0, 0, 21, 1, 2, 3, 4, 64, 47, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 0xaa}
			w.epb(0, 1_500_000_000_123456, ether)
			w.epb(1, 1_500_000_000_123456789, ip, w.option(1, []byte("first")), w.option(1, []byte("second")), w.option(0, nil))
			w.epb(0, 1_500_000_001_000000, ether[:13], w.option(1, []byte("odd")), w.option(0, nil))
			got, err := readBytes(w.buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			want := []pkt{
				{string(ether), time.Unix(1_500_000_000, 123456000).UTC(), 60, 60, 0, layers.LinkTypeEthernet, 1, ""},
				{string(ip), time.Unix(1_500_000_000, 123456789).UTC(), 21, 21, 1, layers.LinkTypeRaw, 2, "first\nsecond"},
				{string(ether[:13]), time.Unix(1_500_000_001, 0).UTC(), 13, 13, 0, layers.LinkTypeEthernet, 3, "odd"},
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestPcapngBlocks covers the less common blocks: skipped blocks (name
// resolution, statistics, custom), the simple and obsolete packet blocks,
// binary timestamp resolution with an offset, and a second section whose
// interfaces replace the first's.
func TestPcapngBlocks(t *testing.T) {
	for _, order := range []binary.AppendByteOrder{binary.LittleEndian, binary.BigEndian} {
		t.Run(order.String(), func(t *testing.T) {
			w := &ngBuilder{order: order}
			w.section()
			w.block(4, w.u16(0), w.u16(0))                   // empty name resolution block
			w.block(0x40000bad, []byte("custom block data")) // custom block
			// 2^-10 s units, 100 s offset; snap length 8.
			w.iface(layers.LinkTypePPP, 8, w.option(9, []byte{0x8a}), w.option(14, w.order.AppendUint64(nil, 100)))
			w.block(3, w.u32(20), bytes.Repeat([]byte{1}, 12)) // simple packet block: 20 bytes, 12 present, snap 8
			w.block(5, w.u32(0), w.u32(0), w.u32(0))           // interface statistics
			// obsolete packet block: interface 0, drops 0, 1.5 s + 100 s offset
			w.block(2, w.u16(0), w.u16(0), w.u32(0), w.u32(1536), w.u32(3), w.u32(5), []byte{7, 8, 9, 0},
				w.option(1, []byte("old")), w.option(0, nil))
			w.section()
			w.iface(layers.LinkTypeEthernet, 0)
			w.epb(0, 7_000_000, []byte{1, 2, 3, 4})
			got, err := readBytes(w.buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			want := []pkt{
				{"\x01\x01\x01\x01\x01\x01\x01\x01", time.Time{}, 8, 20, 0, layers.LinkTypePPP, 1, ""},
				// pcapgo converts 2^-10 s units with a whole number of
				// nanoseconds per unit (976562, not 976562.5), so 1.5 s
				// comes out 256 ns short; and it reads options only in
				// enhanced packet blocks, so the comment is lost.
				{"\x07\x08\x09", time.Unix(101, 499_999_744).UTC(), 3, 5, 0, layers.LinkTypePPP, 2, ""},
				{"\x01\x02\x03\x04", time.Unix(7, 0).UTC(), 4, 4, 0, layers.LinkTypeEthernet, 3, ""},
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestPcapngResolutions checks timestamp conversion for decimal and binary
// resolutions, including ones finer than a nanosecond.
func TestPcapngResolutions(t *testing.T) {
	for _, tc := range []struct {
		resol byte
		ts    uint64
		want  time.Time
	}{
		// pcapgo takes if_tsresol 0 (seconds) for an absent option:
		// microseconds.
		{0, 1234, time.Unix(0, 1234_000)},
		{3, 1234_567, time.Unix(1234, 567_000_000)},
		{6, 1234_567890, time.Unix(1234, 567_890_000)},
		{9, 1234_567890123, time.Unix(1234, 567_890_123)},
		{12, 1234_567890123456, time.Unix(1234, 567_890_123)},
		{19, 1_234_567_890_123_456_789, time.Unix(0, 123_456_789)},
		{0x80, 42, time.Unix(42, 0)},
		{0x81, 3, time.Unix(1, 500_000_000)},
		{0x9e, 5 << 30, time.Unix(5, 0)},
		{0xbf, 3 << 62, time.Unix(1, 500_000_000)},
	} {
		w := &ngBuilder{order: binary.LittleEndian}
		w.section()
		w.iface(layers.LinkTypeEthernet, 0, w.option(9, []byte{tc.resol}))
		w.epb(0, tc.ts, []byte{0})
		got, err := readBytes(w.buf.Bytes())
		if err != nil {
			t.Errorf("resolution %#x: %v", tc.resol, err)
			continue
		}
		if !got[0].Time.Equal(tc.want) {
			t.Errorf("resolution %#x, %d: %v, want %v", tc.resol, tc.ts, got[0].Time, tc.want)
		}
	}
}

func TestCheckLinkType(t *testing.T) {
	supported := []layers.LinkType{layers.LinkTypeEthernet, layers.LinkTypePPP, layers.LinkTypePPP_HDLC}
	if err := capture.CheckLinkType(layers.LinkTypePPP_HDLC, supported); err != nil {
		t.Error(err)
	}
	err := capture.CheckLinkType(layers.LinkTypeIEEE802_11, supported)
	want := "unsupported link type 105 (802.11) (supported: 1 (Ethernet), 9 (PPP), 50 (PPP in HDLC framing))"
	if !errors.Is(err, capture.ErrUnsupportedLinkType) || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if got := capture.LinkTypeName(4242); got != "4242 (unknown)" {
		t.Errorf("LinkTypeName(4242) = %q", got)
	}
}
