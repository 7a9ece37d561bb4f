package decode

import (
	"testing"

	"github.com/gopacket/gopacket"
)

// Real IPV6CP packets; values checked against tshark 4.0
// (ipv6cp.opt.type, ipv6cp.interface_identifier).
var ipv6cpCases = []cpCase{
	{
		// pppd__mschapv2-mppe128.pcap frame 36.
		// 01 01 00 0e 01 0a 79 e2 8b 2a e1 2b 12 b5
		name: "pppd Configure-Request",
		hex:  "0101000e010a79e28b2ae12b12b5",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "IfID=79e2:8b2a:e12b:12b5",
		fields: map[string]string{
			"options.0.type": "1", "options.0.name": "Interface-Identifier",
			"options.0.length": "10", "options.0.interface_identifier": "79e2:8b2a:e12b:12b5",
		},
	},
	{
		// pppd__mschapv2-mppe128.pcap frame 40.
		// 02 01 00 0e 01 0a 70 26 17 15 4f f5 75 08
		name: "pppd Configure-Ack",
		hex:  "0201000e010a702617154ff57508",
		code: 2, id: 1, msg: "Configure-Ack",
		summary: "IfID=7026:1715:4ff5:7508",
	},
	{
		// PPTP_VPN_Sniffer__connect.pcapng frame 27 (Windows; rejected later by
		// LCP Protocol-Reject). tshark: a8:dd:1f:39:a6:9e:4f:e0.
		// 01 05 00 0e 01 0a a8 dd 1f 39 a6 9e 4f e0
		name: "Windows Configure-Request",
		hex:  "0105000e010aa8dd1f39a69e4fe0",
		code: 1, id: 5, msg: "Configure-Request",
		summary: "IfID=a8dd:1f39:a69e:4fe0",
		fields:  map[string]string{"options.0.interface_identifier": "a8dd:1f39:a69e:4fe0"},
	},
	{
		// pppd__mppe-mismatch.pcap frame 34.
		// 06 01 00 04
		name: "pppd Terminate-Ack",
		hex:  "06010004",
		code: 6, id: 1, msg: "Terminate-Ack",
	},
	{
		// Constructed: IPv6-Compression-Protocol IPHC with parameters.
		name: "constructed compression",
		hex:  "0102000e020a0061000f0fff0003",
		code: 1, id: 2, msg: "Configure-Request",
		summary: "Comp=IPHC",
		fields: map[string]string{
			"options.0.name": "IPv6-Compression-Protocol", "options.0.protocol": "0x0061",
			"options.0.protocol_name": "IPHC", "options.0.data": "000f0fff0003",
		},
	},
	{
		// An Interface-Identifier of 4 bytes.
		name: "short interface identifier",
		hex:  "0101000a0106aabbccdd",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "Interface-Identifier",
		fields:  map[string]string{"options.0.data": "aabbccdd", "options.0.interface_identifier": "<absent>"},
		notes:   1,
	},
}

func TestIPV6CP(t *testing.T) {
	cpRun(t, func() cpLayer { return &IPV6CP{} }, ipv6cpCases)
}

func TestIPV6CPInterfaceIdentifier(t *testing.T) {
	var p IPV6CP
	// pptpcrack__test.pcap frame 296.
	if err := p.DecodeFromBytes(cpHex(t, "0104000e010afcd3335cf10e5c31"), gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	id, ok := p.InterfaceIdentifier()
	if !ok || id != [8]byte{0xfc, 0xd3, 0x33, 0x5c, 0xf1, 0x0e, 0x5c, 0x31} {
		t.Errorf("InterfaceIdentifier() = %x, %v", id, ok)
	}
}

func FuzzIPV6CP(f *testing.F) {
	for _, c := range ipv6cpCases {
		f.Add(cpHex(f, c.hex))
	}
	f.Fuzz(func(t *testing.T, data []byte) { cpFuzz(t, &IPV6CP{}, data) })
}

func BenchmarkIPV6CP(b *testing.B) {
	// pppd__mschapv2-mppe128.pcap frame 36.
	data := cpHex(b, "0101000e010a79e28b2ae12b12b5")
	var p IPV6CP
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := p.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			b.Fatal(err)
		}
		if _, ok := p.InterfaceIdentifier(); !ok {
			b.Fatal("no identifier")
		}
	}
}
