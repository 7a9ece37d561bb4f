package decode

import (
	"testing"

	"github.com/gopacket/gopacket"
)

// Real CCP packets; values checked against tshark 4.0 (ppp.code,
// ccp.opt.type, ccp.opt.supported_bits and ccp.opt.supported_bits.{h,m,s,l,d,c}).
var ccpCases = []cpCase{
	{
		// pppd__mschapv2-mppe128.pcap frame 29: MPPE 128-bit stateless.
		// 01 01 00 0a 12 06 01 00 00 40
		name: "pppd Configure-Request MPPE-128",
		hex:  "0101000a120601000040",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "MPPE-128 stateless",
		fields: map[string]string{
			"options.0.type": "18", "options.0.name": "MPPE", "options.0.supported_bits": "0x01000040",
			"options.0.h": "true", "options.0.m": "false", "options.0.s": "true", "options.0.l": "false",
			"options.0.d": "false", "options.0.c": "false", "options.0.mppe": "MPPE-128 stateless",
		},
	},
	{
		// pppd__mschapv2-mppe40.pcap frame 29: MPPE 40-bit stateless.
		// 01 01 00 0a 12 06 01 00 00 20
		name: "pppd Configure-Request MPPE-40",
		hex:  "0101000a120601000020",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "MPPE-40 stateless",
		fields:  map[string]string{"options.0.supported_bits": "0x01000020", "options.0.l": "true", "options.0.s": "false"},
	},
	{
		// PPTP_VPN_Sniffer__connect.pcapng frame 28: Windows offers only H
		// (tshark: "0x01000000, H").
		// 01 06 00 0a 12 06 01 00 00 00
		name: "Windows Configure-Request H only",
		hex:  "0106000a120601000000",
		code: 1, id: 6, msg: "Configure-Request",
		summary: "MPPE-none stateless",
		fields:  map[string]string{"options.0.h": "true", "options.0.s": "false", "options.0.mppe": "MPPE-none stateless"},
	},
	{
		// PPTP_VPN_Sniffer__connect.pcapng frame 32: pptpd naks with H+S.
		// 03 06 00 0a 12 06 01 00 00 40
		name: "pptpd Configure-Nak",
		hex:  "0306000a120601000040",
		code: 3, id: 6, msg: "Configure-Nak",
		summary: "MPPE-128 stateless",
	},
	{
		// pptpcrack__test.pcap frame 304: Windows RRAS Configure-Nak.
		// 03 04 00 0a 12 06 01 00 00 40
		name: "Windows Configure-Nak",
		hex:  "0304000a120601000040",
		code: 3, id: 4, msg: "Configure-Nak",
		summary: "MPPE-128 stateless",
	},
	{
		// pppd__mppe-mismatch.pcap frame 37: the server rejects option 18.
		// 04 01 00 0a 12 06 01 00 00 40
		name: "pppd Configure-Reject MPPE",
		hex:  "0401000a120601000040",
		code: 4, id: 1, msg: "Configure-Reject",
		summary: "MPPE-128 stateless",
		fields:  map[string]string{"code_name": "Configure-Reject", "options.0.type": "18"},
	},
	{
		// pppd__mppe-mismatch.pcap frame 35: the server's empty Configure-Request.
		// 01 01 00 04
		name: "pppd Configure-Request empty",
		hex:  "01010004",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "",
		fields:  map[string]string{"options": ""},
	},
	{
		// pppd__mschapv2-mppe128.pcap frame 32: Configure-Ack.
		// 02 01 00 0a 12 06 01 00 00 40
		name: "pppd Configure-Ack",
		hex:  "0201000a120601000040",
		code: 2, id: 1, msg: "Configure-Ack",
		summary: "MPPE-128 stateless",
	},
	// Constructed packets.
	{
		name: "constructed Reset-Request",
		hex:  "0e050004",
		code: 14, id: 5, msg: "Reset-Request",
		summary: "",
	},
	{
		name: "constructed Reset-Ack with data",
		hex:  "0f050006abcd",
		code: 15, id: 5, msg: "Reset-Ack",
		summary: "2 bytes",
		fields:  map[string]string{"data": "abcd"},
	},
	{
		// All MPPE bits, stateful MPPE-128, Deflate (26) and BSD-Compress (21).
		name: "constructed bits and other options",
		hex:  "0107001a 1206010000f1 120600000040 1a047800 15032f 0203ab",
		code: 1, id: 7, msg: "Configure-Request",
		summary: "MPPE-40/56/128 MPPC stateless D MPPE-128 stateful Deflate BSD-Compress Predictor-type-2",
		fields: map[string]string{
			"options.0.mppe": "MPPE-40/56/128 MPPC stateless D", "options.0.d": "true", "options.0.c": "true",
			"options.0.m": "true", "options.1.h": "false",
			"options.2.name": "Deflate", "options.2.data": "7800",
			"options.3.name": "BSD-Compress", "options.3.data": "2f",
			"options.4.name": "Predictor-type-2", "options.4.data": "ab",
		},
	},
	{
		// An MPPE option of 3 bytes of bits.
		name: "MPPE option too short",
		hex:  "010100091205010000",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "MPPE",
		fields:  map[string]string{"options.0.data": "010000", "options.0.supported_bits": "<absent>"},
		notes:   1,
	},
	{
		// Echo-Request is not a CCP code.
		name: "constructed undefined code",
		hex:  "09000004",
		code: 9, id: 0, msg: "Unknown-9",
		summary: "",
		notes:   1,
	},
}

func TestCCP(t *testing.T) {
	cpRun(t, func() cpLayer { return &CCP{} }, ccpCases)
}

// TestMPPEBits checks the supported bits of the CCP MPPE option, named as in
// RFC 3078 section 2, pppd mppe.h and Wireshark (see the vectors README:
// octet 0 bit 0x01 = H; octet 3: M=0x80, S=0x40, L=0x20, D=0x10, C=0x01).
func TestMPPEBits(t *testing.T) {
	for _, c := range []struct {
		name, hex        string // the CCP packet
		bits             uint32
		h, m, s, l, d, c bool
		desc             string
	}{
		// pppd__mschapv2-mppe128.pcap frame 29.
		{"128 stateless", "0101000a120601000040", 0x01000040, true, false, true, false, false, false, "MPPE-128 stateless"},
		// pppd__mschapv2-mppe40.pcap frame 29.
		{"40 stateless", "0101000a120601000020", 0x01000020, true, false, false, true, false, false, "MPPE-40 stateless"},
		// PPTP_VPN_Sniffer__connect.pcapng frame 28.
		{"H only", "0106000a120601000000", 0x01000000, true, false, false, false, false, false, "MPPE-none stateless"},
		// Constructed.
		{"56 stateful", "0101000a120600000080", 0x00000080, false, true, false, false, false, false, "MPPE-56 stateful"},
		{"MPPC", "0101000a120600000001", 0x00000001, false, false, false, false, false, true, "MPPC"},
		{"40+128 stateless", "0101000a120601000060", 0x01000060, true, false, true, true, false, false, "MPPE-40/128 stateless"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var p CCP
			if err := p.DecodeFromBytes(cpHex(t, c.hex), gopacket.NilDecodeFeedback); err != nil {
				t.Fatal(err)
			}
			bits, ok := p.MPPEBits()
			if !ok || bits != c.bits {
				t.Fatalf("MPPEBits() = %#08x, %v, want %#08x", bits, ok, c.bits)
			}
			got := [6]bool{bits&MPPEBitH != 0, bits&MPPEBitM != 0, bits&MPPEBitS != 0, bits&MPPEBitL != 0, bits&MPPEBitD != 0, bits&MPPEBitC != 0}
			if want := [6]bool{c.h, c.m, c.s, c.l, c.d, c.c}; got != want {
				t.Errorf("H M S L D C = %v, want %v", got, want)
			}
			if d := MPPEDescription(bits); d != c.desc {
				t.Errorf("MPPEDescription = %q, want %q", d, c.desc)
			}
			cpCheckFields(t, p.Fields(), map[string]string{
				"options.0.h": boolText(c.h), "options.0.m": boolText(c.m), "options.0.s": boolText(c.s),
				"options.0.l": boolText(c.l), "options.0.d": boolText(c.d), "options.0.c": boolText(c.c),
			})
		})
	}
	var p CCP
	if err := p.DecodeFromBytes(cpHex(t, "01010004"), gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	if _, ok := p.MPPEBits(); ok {
		t.Error("MPPEBits found in an empty Configure-Request")
	}
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func FuzzCCP(f *testing.F) {
	for _, c := range ccpCases {
		f.Add(cpHex(f, c.hex))
	}
	f.Fuzz(func(t *testing.T, data []byte) { cpFuzz(t, &CCP{}, data) })
}

func BenchmarkCCP(b *testing.B) {
	// pppd__mschapv2-mppe128.pcap frame 29.
	data := cpHex(b, "0101000a120601000040")
	var p CCP
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := p.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			b.Fatal(err)
		}
		if _, ok := p.MPPEBits(); !ok {
			b.Fatal("no MPPE option")
		}
	}
}
