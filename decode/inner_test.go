package decode

import (
	"net"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// serialize builds an IPv4 packet with gopacket's layers.
func serialize(t *testing.T, ls ...gopacket.SerializableLayer) []byte {
	t.Helper()
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, ls...); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestInnerApplication: the DNS question (DNS, mDNS and LLMNR ports) and
// the HTTP request line of inner packets.
func TestInnerApplication(t *testing.T) {
	ip := &layers.IPv4{Version: 4, IHL: 5, TTL: 64, Protocol: layers.IPProtocolUDP, SrcIP: net.IP{172, 16, 77, 10}, DstIP: net.IP{172, 16, 77, 1}}
	dec := NewInnerDecoder()
	for _, port := range []layers.UDPPort{53, 5353, 5355} {
		udp := &layers.UDP{SrcPort: 40000, DstPort: port}
		udp.SetNetworkLayerForChecksum(ip)
		q := &layers.DNS{ID: 7, RD: true, Questions: []layers.DNSQuestion{{Name: []byte("example.org"), Type: layers.DNSTypeAAAA, Class: layers.DNSClassIN}}}
		b := serialize(t, ip, udp, q)
		var in Inner
		if !dec.Decode(uint16(PPPTypeIPv4), b, &in) {
			t.Fatalf("port %d: not valid: %+v", port, in)
		}
		if !in.HasDNS || in.DNSResponse || in.DNSName != "example.org" || in.DNSType != "AAAA" {
			t.Errorf("port %d: DNS %+v", port, in)
		}
	}
	// A response with two answers and NXDOMAIN-free code.
	udp := &layers.UDP{SrcPort: 53, DstPort: 40000}
	udp.SetNetworkLayerForChecksum(ip)
	r := &layers.DNS{ID: 7, QR: true, Questions: []layers.DNSQuestion{{Name: []byte("a.test"), Type: layers.DNSTypeA, Class: layers.DNSClassIN}},
		Answers: []layers.DNSResourceRecord{{Name: []byte("a.test"), Type: layers.DNSTypeA, Class: layers.DNSClassIN, IP: net.IP{192, 0, 2, 1}},
			{Name: []byte("a.test"), Type: layers.DNSTypeA, Class: layers.DNSClassIN, IP: net.IP{192, 0, 2, 2}}}}
	var in Inner
	dec.Decode(uint16(PPPTypeIPv4), serialize(t, ip, udp, r), &in)
	if !in.DNSResponse || in.DNSAnswers != 2 || in.DNSRcode != 0 {
		t.Errorf("response: %+v", in)
	}
	// Not DNS on another port; an HTTP request line, cut at CR LF.
	tip := *ip
	tip.Protocol = layers.IPProtocolTCP
	tcp := &layers.TCP{SrcPort: 45876, DstPort: 80, PSH: true, ACK: true, Window: 512, DataOffset: 5}
	tcp.SetNetworkLayerForChecksum(&tip)
	b := serialize(t, &tip, tcp, gopacket.Payload("GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n"))
	dec.Decode(uint16(PPPTypeIPv4), b, &in)
	if in.HTTPRequest != "GET /hello.txt HTTP/1.1" || in.HasDNS {
		t.Errorf("HTTP: %q, DNS %v", in.HTTPRequest, in.HasDNS)
	}
	b = serialize(t, &tip, tcp, gopacket.Payload("HTTP/1.1 200 OK\r\n"))
	dec.Decode(uint16(PPPTypeIPv4), b, &in)
	if in.HTTPRequest != "" {
		t.Errorf("a response taken as a request: %q", in.HTTPRequest)
	}
}
