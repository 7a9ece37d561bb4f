package decode

import (
	"net/netip"
	"testing"

	"github.com/gopacket/gopacket"
)

// Real IPCP packets; values checked against tshark 4.0 (ppp.code,
// ipcp.opt.type, ipcp.opt.ip_address, ipcp.opt.pri_dns_address, ...).
var ipcpCases = []cpCase{
	{
		// pppd__mschapv2-mppe128.pcap frame 34: the client asks for an address.
		// 01 01 00 0a 03 06 00 00 00 00
		name: "pppd Configure-Request 0.0.0.0",
		hex:  "0101000a030600000000",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "IP=0.0.0.0",
		fields:  map[string]string{"options.0.type": "3", "options.0.name": "IP-Address", "options.0.address": "0.0.0.0"},
	},
	{
		// pppd__mschapv2-mppe128.pcap frame 39: the server naks with 172.16.77.10.
		// 03 01 00 0a 03 06 ac 10 4d 0a
		name: "pppd Configure-Nak",
		hex:  "0301000a0306ac104d0a",
		code: 3, id: 1, msg: "Configure-Nak",
		summary: "IP=172.16.77.10",
		fields:  map[string]string{"code_name": "Configure-Nak", "options.0.address": "172.16.77.10"},
	},
	{
		// pptpcrack__test.pcap frame 298: Windows asks for IP, DNS and NBNS.
		// 01 06 00 22 03 06 00 00 00 00 81 06 00 00 00 00 82 06 00 00 00 00
		// 83 06 00 00 00 00 84 06 00 00 00 00
		name: "Windows Configure-Request DNS NBNS",
		hex:  "01060022030600000000810600000000820600000000830600000000840600000000",
		code: 1, id: 6, msg: "Configure-Request",
		summary: "IP=0.0.0.0 DNS1=0.0.0.0 NBNS1=0.0.0.0 DNS2=0.0.0.0 NBNS2=0.0.0.0",
		fields: map[string]string{
			"options.1.type": "129", "options.1.name": "Primary-DNS",
			"options.2.type": "130", "options.2.name": "Primary-NBNS",
			"options.3.type": "131", "options.3.name": "Secondary-DNS",
			"options.4.type": "132", "options.4.name": "Secondary-NBNS", "options.4.address": "0.0.0.0",
		},
	},
	{
		// pptpcrack__test.pcap frame 303: the server rejects NBNS and DNS2.
		// 04 06 00 16 82 06 00 00 00 00 83 06 00 00 00 00 84 06 00 00 00 00
		name: "Windows Configure-Reject",
		hex:  "04060016820600000000830600000000840600000000",
		code: 4, id: 6, msg: "Configure-Reject",
		summary: "NBNS1=0.0.0.0 DNS2=0.0.0.0 NBNS2=0.0.0.0",
	},
	{
		// pptpcrack__test.pcap frame 308: address and DNS.
		// 03 07 00 10 03 06 c0 a8 2b 6f 81 06 c0 a8 2b 6e
		name: "Windows Configure-Nak IP DNS",
		hex:  "030700100306c0a82b6f8106c0a82b6e",
		code: 3, id: 7, msg: "Configure-Nak",
		summary: "IP=192.168.43.111 DNS1=192.168.43.110",
		fields:  map[string]string{"options.0.address": "192.168.43.111", "options.1.address": "192.168.43.110"},
	},
	{
		// PPTP_VPN_Sniffer__connect.pcapng frame 43: pptpd naks with IP and 2 DNS.
		// 03 0a 00 16 03 06 0a 00 00 64 81 06 df 05 05 05 83 06 df 06 06 06
		name: "pptpd Configure-Nak IP DNS1 DNS2",
		hex:  "030a001603060a0000648106df0505058306df060606",
		code: 3, id: 10, msg: "Configure-Nak",
		summary: "IP=10.0.0.100 DNS1=223.5.5.5 DNS2=223.6.6.6",
	},
	{
		// PPTP_VPN_Sniffer__connect.pcapng frame 33: IPCP Terminate-Ack.
		// 06 07 00 04
		name: "Terminate-Ack",
		hex:  "06070004",
		code: 6, id: 7, msg: "Terminate-Ack",
	},
	{
		// Constructed: VJ compression (max-slot-id 15, comp-slot-id 1) and the
		// deprecated IP-Addresses option.
		name: "constructed VJ and IP-Addresses",
		hex:  "0109001402 06002d0f01 010a0a0000010a000002",
		code: 1, id: 9, msg: "Configure-Request",
		summary: "Comp=VJ IPs=10.0.0.1,10.0.0.2",
		fields: map[string]string{
			"options.0.name": "IP-Compression-Protocol", "options.0.protocol": "0x002d",
			"options.0.protocol_name": "VJ", "options.0.max_slot_id": "15", "options.0.comp_slot_id": "1",
			"options.1.name": "IP-Addresses", "options.1.source_address": "10.0.0.1",
			"options.1.destination_address": "10.0.0.2",
		},
	},
	{
		// Constructed: Echo-Request is not an IPCP code.
		name: "constructed LCP-only code",
		hex:  "09000008b6d5e1b8",
		code: 9, id: 0, msg: "Unknown-9",
		summary: "4 bytes",
		fields:  map[string]string{"data": "b6d5e1b8"},
		notes:   1,
	},
	{
		// An IP-Address option of length 5.
		name: "address with wrong length",
		hex:  "0101000903050a0000",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "IP-Address",
		fields:  map[string]string{"options.0.address": "<absent>", "options.0.data": "0a0000"},
		notes:   1,
	},
}

func TestIPCP(t *testing.T) {
	cpRun(t, func() cpLayer { return &IPCP{} }, ipcpCases)
}

func TestIPCPAccessors(t *testing.T) {
	var p IPCP
	// PPTP_VPN_Sniffer__connect.pcapng frame 43.
	if err := p.DecodeFromBytes(cpHex(t, "030a001603060a0000648106df0505058306df060606"), gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	want := func(name string, got netip.Addr, ok bool, w string) {
		t.Helper()
		if w == "" {
			if ok {
				t.Errorf("%s = %v, want none", name, got)
			}
			return
		}
		if !ok || got != netip.MustParseAddr(w) {
			t.Errorf("%s = %v, %v, want %s", name, got, ok, w)
		}
	}
	a, ok := p.IPAddress()
	want("IPAddress", a, ok, "10.0.0.100")
	a, ok = p.PrimaryDNS()
	want("PrimaryDNS", a, ok, "223.5.5.5")
	a, ok = p.SecondaryDNS()
	want("SecondaryDNS", a, ok, "223.6.6.6")
	a, ok = p.PrimaryNBNS()
	want("PrimaryNBNS", a, ok, "")
	a, ok = p.SecondaryNBNS()
	want("SecondaryNBNS", a, ok, "")
	if _, ok := p.Compression(); ok {
		t.Error("Compression found")
	}
	if err := p.DecodeFromBytes(cpHex(t, "0109001402 06002d0f01 010a0a0000010a000002"), gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	if c, ok := p.Compression(); !ok || c != CompressionVJ {
		t.Errorf("Compression() = %#x, %v", c, ok)
	}
	if s, d, ok := p.IPAddresses(); !ok || s.String() != "10.0.0.1" || d.String() != "10.0.0.2" {
		t.Errorf("IPAddresses() = %v, %v, %v", s, d, ok)
	}
	if _, ok := p.IPAddress(); ok {
		t.Error("IPAddress found after reuse")
	}
}

func FuzzIPCP(f *testing.F) {
	for _, c := range ipcpCases {
		f.Add(cpHex(f, c.hex))
	}
	f.Fuzz(func(t *testing.T, data []byte) { cpFuzz(t, &IPCP{}, data) })
}

func BenchmarkIPCP(b *testing.B) {
	// pptpcrack__test.pcap frame 298.
	data := cpHex(b, "01060022030600000000810600000000820600000000830600000000840600000000")
	var p IPCP
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := p.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			b.Fatal(err)
		}
		if _, ok := p.IPAddress(); !ok {
			b.Fatal("no address")
		}
	}
}
