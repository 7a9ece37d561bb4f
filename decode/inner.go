package decode

import (
	"encoding/binary"
	"net/netip"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Inner is a packet carried inside the tunnel (the plaintext of an MPPE
// frame), decoded once with gopacket's layers: the network header (IPv4,
// IPv6 with its fragment and option headers) and the transport header (TCP,
// UDP, SCTP ports, TCP flags, ICMP and ICMPv6 type and code). It describes
// the packet as data; render writes it for people.
type Inner struct {
	PPPProtocol uint16
	// Network is IPv4, IPv6 or the name of another PPP protocol.
	Network string
	// Proto is the transport: TCP, UDP, ICMP, ICMPv6, ... ("" when not IP).
	Proto            string
	Src, Dst         netip.Addr
	SrcPort, DstPort uint16
	HasPorts         bool
	Length           int // bytes of the inner packet
	// TCPFlags are the flags of a TCP header (HasTCPFlags: the header was
	// long enough to carry them).
	TCPFlags    uint8
	HasTCPFlags bool
	// ICMPType and ICMPCode of an ICMP or ICMPv6 message (HasICMP).
	ICMPType, ICMPCode uint8
	HasICMP            bool
	// FragOffset is the offset of a non-first IP fragment (the transport
	// header is in the first); FirstFragment marks the first of several.
	FragOffset    int
	FirstFragment bool
	// TransportTruncated: the transport header is cut short.
	TransportTruncated bool
	// DNS (UDP port 53, gopacket's DNS layer): a query or response for
	// DNSName of type DNSType, with DNSAnswers answers and response code
	// DNSRcode.
	HasDNS      bool
	DNSResponse bool
	DNSName     string
	DNSType     string
	DNSAnswers  int
	DNSRcode    uint8
	// HTTPRequest is the request line of an HTTP request (TCP payload that
	// starts with a method), at most maxHTTPLine characters.
	HTTPRequest string
	// Err says why the packet is not well formed (InnerOK when it is), with
	// ErrArgs its numbers.
	Err     InnerError
	ErrArgs [2]int
	// Data is the inner packet (the IP datagram), valid only while the
	// record that carries it is handled.
	Data []byte
	// PPP is the whole decrypted PPP frame, its protocol field (one or two
	// octets, as sent) then Data, when the decryption stage set it; valid
	// as Data.
	PPP []byte
}

// InnerError says what is wrong with an inner packet.
type InnerError uint8

// Inner packet errors; ErrArgs holds the numbers each one names.
const (
	InnerOK               InnerError = iota
	InnerTruncatedHeader             // header shorter than its minimum: ErrArgs[0] bytes present
	InnerWrongVersion                // IP version ErrArgs[0] in a frame of the other version
	InnerBadHeaderLength             // IPv4 header length ErrArgs[0]
	InnerBadTotalLength              // IPv4 total length ErrArgs[0], ErrArgs[1] bytes present
	InnerBadChecksum                 // IPv4 header checksum wrong
	InnerBadPayloadLength            // IPv6 payload length ErrArgs[0], ErrArgs[1] bytes present
	InnerNoProtocol                  // no PPP protocol field
	InnerNotNetwork                  // PPP protocol ErrArgs[0] is not a network-layer protocol
)

// Valid reports a well-formed inner packet.
func (in *Inner) Valid() bool { return in.Err == InnerOK }

// IP reports an IPv4 or IPv6 packet.
func (in *Inner) IP() bool { return in.Network == "IPv4" || in.Network == "IPv6" }

// Name is the inner protocol's name: the transport for IP, else the
// network protocol.
func (in *Inner) Name() string {
	if in.Proto != "" && in.Valid() {
		return in.Proto
	}
	return in.Network
}

// InnerDecoder decodes inner packets with one set of reused gopacket layers
// (not safe for concurrent use).
type InnerDecoder struct {
	ip4   layers.IPv4
	ip6   layers.IPv6
	frag6 layers.IPv6Fragment
	dst6  layers.IPv6Destination
	tcp   layers.TCP
	udp   layers.UDP
	sctp  layers.SCTP
	icmp4 layers.ICMPv4
	icmp6 layers.ICMPv6
	dns   layers.DNS
}

// NewInnerDecoder returns a decoder for inner packets.
func NewInnerDecoder() *InnerDecoder { return &InnerDecoder{} }

// MarkNoProtocol fills in for a plaintext too short for a PPP protocol field.
func (in *Inner) MarkNoProtocol(n int) {
	*in = Inner{Network: "PPP", Err: InnerNoProtocol, Length: n}
}

// Decode decodes the payload b of PPP protocol proto into in and reports
// whether it is well formed. in keeps slices of b.
func (d *InnerDecoder) Decode(proto uint16, b []byte, in *Inner) bool {
	*in = Inner{PPPProtocol: proto, Length: len(b), Data: b}
	switch layers.PPPType(proto) {
	case PPPTypeIPv4:
		in.Network = "IPv4"
		d.ipv4(b, in)
	case PPPTypeIPv6:
		in.Network = "IPv6"
		d.ipv6(b, in)
	default:
		in.Network = PPPProtocolName(layers.PPPType(proto))
		if proto&0x0001 == 0 || proto >= 0x4000 {
			// Not a network-layer protocol number (RFC 1661 section 2):
			// decryption gave garbage, or the peer sent something odd.
			in.Err, in.ErrArgs[0] = InnerNotNetwork, int(proto)
		}
	}
	return in.Valid()
}

func (d *InnerDecoder) ipv4(b []byte, in *Inner) {
	if len(b) < 20 {
		in.Err, in.ErrArgs[0] = InnerTruncatedHeader, len(b)
		return
	}
	ip := &d.ip4
	if v := b[0] >> 4; v != 4 {
		in.Err, in.ErrArgs[0] = InnerWrongVersion, int(v)
		return
	}
	ihl := int(b[0]&0x0f) * 4
	total := int(binary.BigEndian.Uint16(b[2:]))
	switch {
	case ihl < 20 || ihl > len(b):
		in.Err, in.ErrArgs[0] = InnerBadHeaderLength, ihl
		return
	case total < ihl || total > len(b):
		in.Err, in.ErrArgs = InnerBadTotalLength, [2]int{total, len(b)}
		return
	}
	if err := ip.DecodeFromBytes(b[:total], gopacket.NilDecodeFeedback); err != nil {
		in.Err, in.ErrArgs[0] = InnerBadHeaderLength, ihl
		return
	}
	if !checksumOK(ip.Contents) {
		in.Err = InnerBadChecksum
		return
	}
	in.Length, in.Data = total, b[:total]
	in.Src, _ = netip.AddrFromSlice(ip.SrcIP.To4())
	in.Dst, _ = netip.AddrFromSlice(ip.DstIP.To4())
	in.Proto = IPProtocolName(ip.Protocol)
	if off := int(ip.FragOffset) * 8; off > 0 {
		in.FragOffset = off
		return
	}
	d.transport(ip.Protocol, ip.Payload, in)
	in.FirstFragment = ip.Flags&layers.IPv4MoreFragments != 0
}

func (d *InnerDecoder) ipv6(b []byte, in *Inner) {
	if len(b) < 40 {
		in.Err, in.ErrArgs[0] = InnerTruncatedHeader, len(b)
		return
	}
	if v := b[0] >> 4; v != 6 {
		in.Err, in.ErrArgs[0] = InnerWrongVersion, int(v)
		return
	}
	total := 40 + int(binary.BigEndian.Uint16(b[4:]))
	if total > len(b) {
		in.Err, in.ErrArgs = InnerBadPayloadLength, [2]int{total - 40, len(b) - 40}
		return
	}
	ip := &d.ip6
	in.Length, in.Data = total, b[:total]
	if err := ip.DecodeFromBytes(b[:total], gopacket.NilDecodeFeedback); err != nil {
		// gopacket refuses a malformed hop-by-hop header: name it.
		in.Src, in.Dst = netip.AddrFrom16([16]byte(b[8:24])), netip.AddrFrom16([16]byte(b[24:40]))
		in.Proto = IPProtocolName(layers.IPProtocolIPv6HopByHop)
		return
	}
	in.Src, _ = netip.AddrFromSlice(ip.SrcIP)
	in.Dst, _ = netip.AddrFromSlice(ip.DstIP)
	next, rest := ip.NextHeader, ip.Payload
	if ip.HopByHop != nil {
		next = ip.HopByHop.NextHeader
	}
	for range 8 { // extension headers after the hop-by-hop one
		switch next {
		case layers.IPProtocolIPv6HopByHop, layers.IPProtocolIPv6Routing, layers.IPProtocolIPv6Destination:
			// Routing headers share the destination options' layout of
			// next header and length, which is all that is needed here.
			if d.dst6.DecodeFromBytes(rest, gopacket.NilDecodeFeedback) != nil || len(d.dst6.Contents) > len(rest) {
				in.Proto = IPProtocolName(next)
				return
			}
			next, rest = d.dst6.NextHeader, d.dst6.Payload
			continue
		case layers.IPProtocolIPv6Fragment:
			if d.frag6.DecodeFromBytes(rest, gopacket.NilDecodeFeedback) != nil {
				in.Proto = "IPv6-Frag"
				return
			}
			next, rest = d.frag6.NextHeader, d.frag6.Payload
			if off := int(d.frag6.FragmentOffset) * 8; off > 0 {
				in.Proto = IPProtocolName(next)
				in.FragOffset = off
				return
			}
			continue
		}
		break
	}
	in.Proto = IPProtocolName(next)
	d.transport(next, rest, in)
}

// transport fills ports, TCP flags or the ICMP type from the transport
// header.
func (d *InnerDecoder) transport(p layers.IPProtocol, b []byte, in *Inner) {
	switch p {
	case layers.IPProtocolTCP, layers.IPProtocolUDP, layers.IPProtocolSCTP:
		if len(b) < 4 {
			in.TransportTruncated = true
			return
		}
		in.HasPorts = true
		switch p {
		case layers.IPProtocolTCP:
			if d.tcp.DecodeFromBytes(b, gopacket.NilDecodeFeedback) == nil {
				in.SrcPort, in.DstPort = uint16(d.tcp.SrcPort), uint16(d.tcp.DstPort)
				in.TCPFlags, in.HasTCPFlags = tcpFlags(&d.tcp), true
				in.HTTPRequest = httpRequestLine(d.tcp.Payload)
				return
			}
			if len(b) >= 14 {
				in.TCPFlags, in.HasTCPFlags = b[13], true
			}
		case layers.IPProtocolUDP:
			if d.udp.DecodeFromBytes(b, gopacket.NilDecodeFeedback) == nil {
				in.SrcPort, in.DstPort = uint16(d.udp.SrcPort), uint16(d.udp.DstPort)
				if isDNSPort(in.SrcPort) || isDNSPort(in.DstPort) {
					d.decodeDNS(d.udp.Payload, in)
				}
				return
			}
		case layers.IPProtocolSCTP:
			if d.sctp.DecodeFromBytes(b, gopacket.NilDecodeFeedback) == nil {
				in.SrcPort, in.DstPort = uint16(d.sctp.SrcPort), uint16(d.sctp.DstPort)
				return
			}
		}
		// A header too short for gopacket still has its ports first.
		in.SrcPort, in.DstPort = binary.BigEndian.Uint16(b), binary.BigEndian.Uint16(b[2:])
	case layers.IPProtocolICMPv4:
		if d.icmp4.DecodeFromBytes(b, gopacket.NilDecodeFeedback) == nil {
			tc := d.icmp4.TypeCode
			in.ICMPType, in.ICMPCode, in.HasICMP = tc.Type(), tc.Code(), true
		} else if len(b) >= 2 {
			in.ICMPType, in.ICMPCode, in.HasICMP = b[0], b[1], true
		}
	case layers.IPProtocolICMPv6:
		if d.icmp6.DecodeFromBytes(b, gopacket.NilDecodeFeedback) == nil {
			tc := d.icmp6.TypeCode
			in.ICMPType, in.ICMPCode, in.HasICMP = tc.Type(), tc.Code(), true
		} else if len(b) >= 2 {
			in.ICMPType, in.ICMPCode, in.HasICMP = b[0], b[1], true
		}
	}
}

// decodeDNS reads the question of a DNS message with gopacket's DNS layer.
func (d *InnerDecoder) decodeDNS(b []byte, in *Inner) {
	if d.dns.DecodeFromBytes(b, gopacket.NilDecodeFeedback) != nil {
		return
	}
	in.HasDNS, in.DNSResponse = true, d.dns.QR
	in.DNSAnswers, in.DNSRcode = int(d.dns.ANCount), uint8(d.dns.ResponseCode)
	if len(d.dns.Questions) > 0 {
		q := d.dns.Questions[0]
		in.DNSName, in.DNSType = asciiLine(q.Name, maxHTTPLine), q.Type.String()
	}
}

// maxHTTPLine bounds the request line and names kept of an inner packet.
const maxHTTPLine = 120

// httpMethods start an HTTP/1.x request line (RFC 9110 section 9).
var httpMethods = []string{"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "CONNECT ", "TRACE ", "PATCH "}

// httpRequestLine is the request line of an HTTP/1.x request at the start
// of a TCP payload ("" when the payload does not start with one).
func httpRequestLine(b []byte) string {
	for _, m := range httpMethods {
		if len(b) >= len(m) && string(b[:len(m)]) == m {
			end := len(b)
			for i, c := range b {
				if c == '\r' || c == '\n' {
					end = i
					break
				}
			}
			return asciiLine(b[:end], maxHTTPLine)
		}
	}
	return ""
}

// asciiLine copies b, at most n octets, with octets that are not printable
// ASCII replaced by '.'.
func asciiLine(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	out := make([]byte, len(b))
	for i, c := range b {
		if c < 0x20 || c > 0x7e {
			c = '.'
		}
		out[i] = c
	}
	return string(out)
}

// TCP flag bits as in the header's 14th octet.
const (
	TCPFlagFIN uint8 = 0x01
	TCPFlagSYN uint8 = 0x02
	TCPFlagRST uint8 = 0x04
	TCPFlagPSH uint8 = 0x08
	TCPFlagACK uint8 = 0x10
	TCPFlagURG uint8 = 0x20
)

func tcpFlags(t *layers.TCP) uint8 {
	var f uint8
	for _, x := range []struct {
		on  bool
		bit uint8
	}{{t.FIN, TCPFlagFIN}, {t.SYN, TCPFlagSYN}, {t.RST, TCPFlagRST}, {t.PSH, TCPFlagPSH}, {t.ACK, TCPFlagACK}, {t.URG, TCPFlagURG}} {
		if x.on {
			f |= x.bit
		}
	}
	return f
}

// checksumOK verifies an IPv4 header checksum.
func checksumOK(h []byte) bool {
	var s uint32
	for i := 0; i+1 < len(h); i += 2 {
		s += uint32(binary.BigEndian.Uint16(h[i:]))
	}
	for s > 0xffff {
		s = s>>16 + s&0xffff
	}
	return s == 0xffff
}

// IPProtocolName is the short name of an IP protocol number, as the
// inner-packet lists show it.
func IPProtocolName(p layers.IPProtocol) string {
	switch p {
	case layers.IPProtocolICMPv4:
		return "ICMP"
	case layers.IPProtocolIGMP:
		return "IGMP"
	case layers.IPProtocolTCP:
		return "TCP"
	case layers.IPProtocolUDP:
		return "UDP"
	case layers.IPProtocolIPv6:
		return "IPv6-in-IP"
	case layers.IPProtocolGRE:
		return "GRE"
	case layers.IPProtocolESP:
		return "ESP"
	case layers.IPProtocolAH:
		return "AH"
	case layers.IPProtocolICMPv6:
		return "ICMPv6"
	case layers.IPProtocolOSPF:
		return "OSPF"
	case layers.IPProtocolSCTP:
		return "SCTP"
	}
	return "IP-proto-" + itoaInner(int(p))
}

func itoaInner(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// isDNSPort: DNS (53), multicast DNS (5353, RFC 6762) and LLMNR (5355, RFC
// 4795) share the DNS message format.
func isDNSPort(p uint16) bool { return p == 53 || p == 5353 || p == 5355 }
