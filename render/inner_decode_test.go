package render

import (
	"encoding/binary"
	"testing"

	"github.com/pptpscope/pptpscope/decode"
)

// TestDecodeInner covers the inner packet decoder (decode.InnerDecoder,
// gopacket's layers) and its description on hand-made packets:
// IPv4 with a bad checksum, inner fragments, IPv6 extension headers,
// protocols that are not network protocols.
func TestDecodeInner(t *testing.T) {
	dec := decode.NewInnerDecoder()
	ipv4 := func(proto byte, frag uint16, payload []byte) []byte {
		b := []byte{0x45, 0, 0, 0, 0, 1, byte(frag >> 8), byte(frag), 64, proto, 0, 0, 172, 16, 77, 10, 172, 16, 77, 1}
		b = append(b, payload...)
		binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
		var s uint32
		for i := 0; i < 20; i += 2 {
			s += uint32(binary.BigEndian.Uint16(b[i:]))
		}
		s = s>>16 + s&0xffff
		binary.BigEndian.PutUint16(b[10:], ^uint16(s+s>>16))
		return b
	}
	tcpSYN := []byte{0xa2, 0x10, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0}
	bad := ipv4(6, 0, tcpSYN)
	bad[10] ^= 0xff
	ipv6 := func(next byte, payload []byte) []byte {
		b := make([]byte, 40)
		b[0] = 0x60
		binary.BigEndian.PutUint16(b[4:], uint16(len(payload)))
		b[6], b[7] = next, 64
		b[8], b[23] = 0xfe, 1
		b[24], b[39] = 0xff, 2
		return append(b, payload...)
	}
	hopByHop := append([]byte{58, 0, 0, 0, 0, 0, 0, 0}, 128, 0, 0, 0, 0, 1, 0, 1)
	fragment := []byte{17, 0, 0x05, 0xa8, 0, 0, 0, 9, 1, 2, 3, 4}
	for _, tc := range []struct {
		name    string
		proto   uint16
		b       []byte
		summary string
		valid   bool
	}{
		{"TCP SYN", 0x21, ipv4(6, 0, tcpSYN), "TCP 172.16.77.10:41488 → 172.16.77.1:80 [SYN] len=40", true},
		{"bad checksum", 0x21, bad, "IPv4 IPv4: bad IPv4 header checksum (len=40)", false},
		{"ICMP echo", 0x21, ipv4(1, 0, []byte{8, 0, 0, 0, 0, 1, 0, 1}), "ICMP 172.16.77.10 → 172.16.77.1 Echo-Request len=28", true},
		{"later fragment", 0x21, ipv4(1, 185, []byte{1, 2, 3, 4}), "ICMP 172.16.77.10 → 172.16.77.1 fragment offset=1480 len=24", true},
		{"truncated", 0x21, []byte{0x45, 0}, "IPv4 IPv4: IPv4 header truncated (2 bytes) (len=2)", false},
		{"IPv6 hop-by-hop ICMPv6", 0x57, ipv6(0, hopByHop), "ICMPv6 fe00::1 → ff00::2 Echo-Request len=56", true},
		{"IPv6 fragment", 0x57, ipv6(44, fragment), "UDP fe00::1 → ff00::2 fragment offset=1448 len=52", true},
		{"IPv4 in an IPv6 frame", 0x57, ipv4(6, 0, tcpSYN), "IPv6 IPv6: IP version 4 in an IPv6 frame (len=40)", false},
		{"LCP inside MPPE", 0xc021, []byte{1, 2, 0, 4}, "LCP LCP: not a network protocol (0xc021) (len=4)", false},
		{"IPX", 0x2b, []byte{1, 2, 3}, "0x002b len=3", true},
	} {
		var in decode.Inner
		ok := dec.Decode(tc.proto, tc.b, &in)
		if got := InnerSummary("en", &in); ok != tc.valid || got != tc.summary {
			t.Errorf("%s: %q valid=%v, want %q valid=%v", tc.name, got, ok, tc.summary, tc.valid)
		}
	}
}
