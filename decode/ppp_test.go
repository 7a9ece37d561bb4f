package decode

import (
	"bytes"
	"errors"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

var pppCases = []struct {
	name       string
	hex        string
	ac, short  bool
	proto      layers.PPPType
	header     int
	next       gopacket.LayerType
	err        error
	truncation bool // df.SetTruncated expected
}{
	// pppd__mschapv2-mppe128.pcap frame 17: FF 03 C0 21 + LCP (LCP is sent uncompressed).
	{name: "FF03 LCP", hex: "ff03c021010100140206000000000506e77d019e07020802",
		ac: true, proto: PPPTypeLCP, header: 4, next: LayerTypeLCP},
	// pppd__mschapv2-mppe128.pcap frame 21: C0 21 without FF 03 (ACFC negotiated).
	{name: "no FF03 LCP", hex: "c02109000008b6d5e1b8", proto: PPPTypeLCP, header: 2, next: LayerTypeLCP},
	// pppd__mschapv2-mppe128.pcap frame 29: 80 FD + CCP.
	{name: "CCP", hex: "80fd0101000a120601000040", proto: PPPTypeCCP, header: 2, next: LayerTypeCCP},
	// pppd__mschapv2-mppe128.pcap frame 43: FD, a 1-byte protocol (PFC), + MPPE (cut after 8 bytes).
	{name: "1-byte protocol MPPE", hex: "fd90000eb36dfd610a", short: true, proto: PPPTypeMPPE, header: 1, next: LayerTypeMPPE},
	// packetlife__PPTP_negotiation.cap frame 24: FF 03 80 21 + IPCP Configure-Ack.
	{name: "FF03 IPCP", hex: "ff0380210201000a03061101017a", ac: true, proto: PPPTypeIPCP, header: 4, next: LayerTypeIPCP},
	// packetlife__PPTP_negotiation.cap frame 26: FF 03 00 21 + IPv4 (cut after the IP header).
	{name: "FF03 IPv4", hex: "ff030021450000541101000040012f2c1101017a28000002", ac: true, proto: PPPTypeIPv4, header: 4, next: layers.LayerTypeIPv4},
	// nDPI__dlt_ppp.pcap frame 1 (PPP link type): 00 21 + IPv4 (cut).
	{name: "IPv4 no FF03", hex: "0021450204cc413d40003f110d33c1a700fc", proto: PPPTypeIPv4, header: 2, next: layers.LayerTypeIPv4},
	// packetlife__PPP_negotiation.cap frame 16: CDPCP, which pptpscope does not decode.
	{name: "CDPCP", hex: "ff03820701010004", ac: true, proto: 0x8207, header: 4, next: gopacket.LayerTypePayload},
	// Constructed: FF 03 then a 1-byte protocol (21, IPv4).
	{name: "FF03 1-byte protocol", hex: "ff032145", ac: true, short: true, proto: PPPTypeIPv4, header: 3, next: layers.LayerTypeIPv4},
	// Broken frames.
	{name: "empty", hex: "", err: ErrTruncated, truncation: true},
	{name: "FF03 only", hex: "ff03", ac: true, err: ErrTruncated, truncation: true},
	{name: "half a protocol", hex: "ff03c0", ac: true, err: ErrTruncated, truncation: true},
	{name: "even protocol", hex: "c020", err: ErrMalformed},
}

type cpFeedback struct{ truncated bool }

func (f *cpFeedback) SetTruncated() { f.truncated = true }

func TestPPP(t *testing.T) {
	for _, c := range pppCases {
		t.Run(c.name, func(t *testing.T) {
			data := cpHex(t, c.hex)
			var p PPP
			var df cpFeedback
			err := p.DecodeFromBytes(data, &df)
			if df.truncated != c.truncation {
				t.Errorf("SetTruncated called: %v, want %v", df.truncated, c.truncation)
			}
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("error %v, want %v", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.AddressControl != c.ac || p.CompressedProtocol != c.short || p.Protocol != c.proto {
				t.Errorf("AC %v short %v proto %#04x, want %v %v %#04x", p.AddressControl, p.CompressedProtocol, uint16(p.Protocol), c.ac, c.short, uint16(c.proto))
			}
			if len(p.Contents) != c.header || !bytes.Equal(p.Payload, data[c.header:]) {
				t.Errorf("header %d bytes, payload %x", len(p.Contents), p.Payload)
			}
			if p.NextLayerType() != c.next {
				t.Errorf("NextLayerType() = %v, want %v", p.NextLayerType(), c.next)
			}
			buf := gopacket.NewSerializeBuffer()
			if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{}, &p, gopacket.Payload(p.Payload)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), data) {
				t.Errorf("round trip %x, want %x", buf.Bytes(), data)
			}
		})
	}
}

func FuzzPPP(f *testing.F) {
	for _, c := range pppCases {
		f.Add(cpHex(f, c.hex))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p PPP
		if err := p.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			if !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v", err)
			}
			return
		}
		if p.Protocol&1 == 0 || len(p.Contents)+len(p.Payload) != len(data) {
			t.Fatalf("protocol %#x, %d+%d bytes of %d", uint16(p.Protocol), len(p.Contents), len(p.Payload), len(data))
		}
		buf := gopacket.NewSerializeBuffer()
		if err := p.SerializeTo(buf, gopacket.SerializeOptions{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), p.Contents) {
			t.Fatalf("round trip %x, want %x", buf.Bytes(), p.Contents)
		}
		// The whole frame through gopacket must not panic either.
		_ = gopacket.NewPacket(data, LayerTypePPP, gopacket.Default)
	})
}

func BenchmarkPPP(b *testing.B) {
	data := cpHex(b, "ff03c021010100140206000000000506e77d019e07020802")
	var p PPP
	b.ReportAllocs()
	for b.Loop() {
		if err := p.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			b.Fatal(err)
		}
	}
}
