package decode

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/capture"
)

// Tests of the per-frame fast path (Decoder.Decode). Every packet is a real
// frame read from ../testdata/pcaps with the capture package; the other link
// types are built by re-encapsulating the IP packet of a real Ethernet frame
// (the 14-byte Ethernet header stripped) in each link layer the decoder
// supports. Expected values were checked with tshark on the original frames.

var pktCache struct {
	sync.Mutex
	files map[string][][]byte
}

// pktCapture returns copies of every frame of a capture in testdata/pcaps
// (the reader reuses its buffer) and the capture's link type.
func pktCapture(tb testing.TB, file string) ([][]byte, layers.LinkType) {
	tb.Helper()
	src, err := capture.Open(filepath.Join("..", "testdata", "pcaps", file))
	if err != nil {
		tb.Fatal(err)
	}
	defer src.Close()
	var frames [][]byte
	var lt layers.LinkType
	for {
		p, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatalf("%s: %v", file, err)
		}
		frames = append(frames, bytes.Clone(p.Data))
		lt = p.LinkType
	}
	return frames, lt
}

// pktFrame returns a copy of frame n (counted from 1, as in Wireshark).
func pktFrame(tb testing.TB, file string, n int) []byte {
	tb.Helper()
	pktCache.Lock()
	defer pktCache.Unlock()
	if pktCache.files == nil {
		pktCache.files = map[string][][]byte{}
	}
	frames, ok := pktCache.files[file]
	if !ok {
		frames, _ = pktCapture(tb, file)
		pktCache.files[file] = frames
	}
	if n < 1 || n > len(frames) {
		tb.Fatalf("%s has no frame %d", file, n)
	}
	return bytes.Clone(frames[n-1])
}

// pktIP strips the Ethernet header of an IPv4 frame and any padding after
// the IP packet (cut to the IPv4 total length).
func pktIP(tb testing.TB, frame []byte) []byte {
	tb.Helper()
	if len(frame) < 34 || binary.BigEndian.Uint16(frame[12:]) != 0x0800 {
		tb.Fatalf("not an Ethernet IPv4 frame: % x", frame)
	}
	ip := frame[14:]
	return bytes.Clone(ip[:binary.BigEndian.Uint16(ip[2:])])
}

// Documentation addresses for the headers the tests add.
var (
	pktOuter4 = [2]net.IP{net.IPv4(192, 0, 2, 1).To4(), net.IPv4(192, 0, 2, 2).To4()}
	pktOuter6 = [2]net.IP{net.ParseIP("2001:db8:ffff::1"), net.ParseIP("2001:db8:ffff::2")}
	pktMAC    = [3]net.HardwareAddr{{0x02, 0, 0, 0, 0, 1}, {0x02, 0, 0, 0, 0, 2}, {0x02, 0, 0, 0, 0, 3}}
)

// pkt6Addr maps the IPv4 address 10.0.0.x of the pppd captures to
// 2001:db8::x for the IPv6 versions of their packets.
func pkt6Addr(v4 string) string {
	a := netip.MustParseAddr(v4).As4()
	return netip.AddrFrom16([16]byte{0x20, 0x01, 0x0d, 0xb8, 15: a[3]}).String()
}

func pktSerialize(tb testing.TB, ls ...gopacket.SerializableLayer) []byte {
	tb.Helper()
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	if err := gopacket.SerializeLayers(buf, opts, ls...); err != nil {
		tb.Fatal(err)
	}
	return bytes.Clone(buf.Bytes())
}

// pktTo6 rebuilds an IPv4 packet as IPv6 (same upper-layer bytes; the TCP
// checksum is not recomputed, the decoder does not verify it).
func pktTo6(tb testing.TB, ip4 []byte) []byte {
	tb.Helper()
	src, dst := netip.AddrFrom4([4]byte(ip4[12:16])), netip.AddrFrom4([4]byte(ip4[16:20]))
	return pktSerialize(tb, &layers.IPv6{
		Version: 6, NextHeader: layers.IPProtocol(ip4[9]), HopLimit: 64,
		SrcIP: net.ParseIP(pkt6Addr(src.String())), DstIP: net.ParseIP(pkt6Addr(dst.String())),
	}, gopacket.Payload(ip4[int(ip4[0]&0x0f)*4:]))
}

// pktTunnel puts ip (IPv4 or IPv6) inside an outer IPv4 (protocol 4 or 41)
// or IPv6 (next header 4 or 41) header.
func pktTunnel(tb testing.TB, ip []byte, outer6 bool) []byte {
	tb.Helper()
	proto := layers.IPProtocolIPv4
	if ip[0]>>4 == 6 {
		proto = layers.IPProtocolIPv6
	}
	if outer6 {
		return pktSerialize(tb, &layers.IPv6{Version: 6, NextHeader: proto, HopLimit: 64,
			SrcIP: pktOuter6[0], DstIP: pktOuter6[1]}, gopacket.Payload(ip))
	}
	return pktSerialize(tb, &layers.IPv4{Version: 4, IHL: 5, TTL: 64, Protocol: proto,
		SrcIP: pktOuter4[0], DstIP: pktOuter4[1]}, gopacket.Payload(ip))
}

// pktHopByHop inserts an IPv6 hop-by-hop options header after the IPv6
// header: next header (1) | length (1) = 0, 8 bytes | PadN option 01 04
// 00000000. The IPv6 next header becomes 0, the payload length grows by 8.
func pktHopByHop(ip6 []byte) []byte {
	out := bytes.Clone(ip6[:40])
	out[6] = 0
	binary.BigEndian.PutUint16(out[4:], binary.BigEndian.Uint16(ip6[4:])+8)
	out = append(out, ip6[6], 0, 1, 4, 0, 0, 0, 0)
	return append(out, ip6[40:]...)
}

// pktWant is what Decode must report for a frame.
type pktWant struct {
	kind     Kind
	src, dst string // "" when not set
	ipv6     bool
	callID   int   // GRE key call ID; -1 without GRE
	seq, ack int64 // -1 when absent
	pppProto layers.PPPType
	sport    layers.TCPPort
	dport    layers.TCPPort
	tcpLen   int
	proto    string // message; "" for none
	name     string
	id       int
	msg      []byte // the message's Contents, when proto is set
}

// pktCheck compares a decoded frame with w.
func pktCheck(tb testing.TB, f *Frame, w pktWant) {
	tb.Helper()
	if f.Err != nil {
		tb.Errorf("Err = %v", f.Err)
	}
	if f.Kind != w.kind {
		tb.Fatalf("Kind = %d, want %d", f.Kind, w.kind)
	}
	if got := pktAddr(f.Src); got != w.src {
		tb.Errorf("Src = %s, want %s", got, w.src)
	}
	if got := pktAddr(f.Dst); got != w.dst {
		tb.Errorf("Dst = %s, want %s", got, w.dst)
	}
	if f.IPv6 != w.ipv6 {
		tb.Errorf("IPv6 = %v, want %v", f.IPv6, w.ipv6)
	}
	if f.Truncated || f.Reassembled {
		tb.Errorf("Truncated = %v, Reassembled = %v", f.Truncated, f.Reassembled)
	}
	switch {
	case w.callID < 0 && f.GRE != nil:
		tb.Errorf("unexpected GRE %+v", f.GRE)
	case w.callID >= 0 && f.GRE == nil:
		tb.Errorf("no GRE")
	case w.callID >= 0:
		g := f.GRE
		if int(g.CallID()) != w.callID || g.SeqPresent != (w.seq >= 0) || g.AckPresent != (w.ack >= 0) ||
			(w.seq >= 0 && int64(g.Seq) != w.seq) || (w.ack >= 0 && int64(g.Ack) != w.ack) {
			tb.Errorf("GRE call %d seq %v/%d ack %v/%d, want call %d seq %d ack %d",
				g.CallID(), g.SeqPresent, g.Seq, g.AckPresent, g.Ack, w.callID, w.seq, w.ack)
		}
	}
	if w.kind == KindTCP {
		if f.TCP == nil {
			tb.Fatal("no TCP")
		}
		if f.TCP.SrcPort != w.sport || f.TCP.DstPort != w.dport || len(f.TCP.Payload) != w.tcpLen {
			tb.Errorf("TCP %d -> %d, %d bytes; want %d -> %d, %d bytes",
				f.TCP.SrcPort, f.TCP.DstPort, len(f.TCP.Payload), w.sport, w.dport, w.tcpLen)
		}
	} else if f.TCP != nil {
		tb.Errorf("unexpected TCP")
	}
	switch {
	case w.pppProto == 0 && f.PPP != nil:
		tb.Errorf("unexpected PPP protocol 0x%04x", uint16(f.PPP.Protocol))
	case w.pppProto != 0 && (f.PPP == nil || f.PPP.Protocol != w.pppProto):
		tb.Errorf("PPP = %+v, want protocol 0x%04x", f.PPP, uint16(w.pppProto))
	}
	if w.proto == "" {
		if f.Message != nil {
			tb.Errorf("unexpected message %s %s", f.Message.Proto(), f.Message.Name())
		}
		return
	}
	m := f.Message
	if m == nil {
		tb.Fatalf("no message, want %s %s", w.proto, w.name)
	}
	if m.Proto() != w.proto || m.Name() != w.name || m.Identifier() != w.id {
		tb.Errorf("message %s %s id %d, want %s %s id %d", m.Proto(), m.Name(), m.Identifier(), w.proto, w.name, w.id)
	}
	if w.msg != nil && !bytes.Equal(m.LayerContents(), w.msg) {
		tb.Errorf("message contents % x, want % x", m.LayerContents(), w.msg)
	}
}

func pktAddr(a netip.Addr) string {
	if !a.IsValid() {
		return ""
	}
	return a.String()
}

// pktBase is a real PPTP packet: its IP packet (from an Ethernet frame of
// pppd__mschapv2-mppe128.pcap) and what Decode reports for it.
type pktBase struct {
	name  string
	frame int
	want  pktWant
}

// The packets of pppd__mschapv2-mppe128.pcap re-encapsulated below; values
// checked with `tshark -r pppd__mschapv2-mppe128.pcap -T fields -e
// gre.key.call_id -e gre.sequence_number -e gre.ack_number ...`.
var pktBases = []pktBase{
	// Frame 17, client -> server, LCP Configure-Request id 1 in GRE (call 0, seq 1):
	// 5e01a0d7d287 064ff3a1eeeb 0800
	// 45000038 7f8c4000 402fa708 0a000002 0a000001           IPv4, protocol 47
	// 3001880b 0018 0000 00000001                            GRE v1, key, seq 1
	// ff03 c021 01010014 020600000000 0506e77d019e 0702 0802  PPP LCP
	{"LCP-Configure-Request", 17, pktWant{kind: KindGRE, src: "10.0.0.2", dst: "10.0.0.1", callID: 0, seq: 1, ack: -1,
		pppProto: PPPTypeLCP, proto: "LCP", name: "Configure-Request", id: 1}},
	// Frame 20, server -> client, LCP Configure-Ack id 1 (call 65431, seq 1, ack 2):
	// 064ff3a1eeeb 5e01a0d7d287 0800 4500003c dcd24000 402f49be 0a000001 0a000002
	// 3081880b 0018 ff97 00000001 00000002 ff03c021 02010014 ...
	{"LCP-Configure-Ack", 20, pktWant{kind: KindGRE, src: "10.0.0.1", dst: "10.0.0.2", callID: 65431, seq: 1, ack: 2,
		pppProto: PPPTypeLCP, proto: "LCP", name: "Configure-Ack", id: 1}},
	// Frame 8, client -> server, Start-Control-Connection-Request on TCP
	// 40679 -> 1723 (156 bytes: 009c 0001 1a2b3c4d 0001 ...).
	{"SCCRQ", 8, pktWant{kind: KindTCP, src: "10.0.0.2", dst: "10.0.0.1", callID: -1, seq: -1, ack: -1,
		sport: 40679, dport: PPTPPort, tcpLen: 156}},
	// Frame 43, server -> client, MPPE data (call 65431, seq 12, ack 12), PPP
	// with ACFC and PFC: protocol fd, MPPE header 9000 (A and D bits, count 0):
	// ... 3081880b 0035 ff97 0000000c 0000000c fd 9000 0eb36dfd ...
	{"MPPE", 43, pktWant{kind: KindGRE, src: "10.0.0.1", dst: "10.0.0.2", callID: 65431, seq: 12, ack: 12,
		pppProto: PPPTypeMPPE, proto: "MPPE", name: "Data", id: -1}},
	// Frame 22, client -> server, GRE ack-only (call 0, ack 2):
	// ... 45000020 7f8e4000 402fa71e 0a000002 0a000001 2081880b 0000 0000 00000002
	{"GRE-ack-only", 22, pktWant{kind: KindGRE, src: "10.0.0.2", dst: "10.0.0.1", callID: 0, seq: -1, ack: 2}},
}

const pktMain = "pppd__mschapv2-mppe128.pcap"

// pktInner is an IP packet to put in a link layer.
type pktInner struct {
	name string
	ip   []byte
	want pktWant
}

// pktInners builds every IP packet of the link-type tests: the base packets
// as captured (IPv4), as IPv6 (PPTP over IPv6), and tunnelled (IP-in-IP,
// IPv4-in-IPv6, IPv6-in-IPv4, IPv6-in-IPv6). The message contents expected
// are those decoded from the original Ethernet frame.
func pktInners(tb testing.TB) []pktInner {
	tb.Helper()
	var in []pktInner
	d := NewDecoder()
	for _, b := range pktBases {
		frame := pktFrame(tb, pktMain, b.frame)
		w := b.want
		f := d.Decode(frame, layers.LinkTypeEthernet, time.Time{})
		if f.Message != nil {
			w.msg = bytes.Clone(f.Message.LayerContents())
		}
		ip4 := pktIP(tb, frame)
		ip6 := pktTo6(tb, ip4)
		w6 := w
		w6.ipv6, w6.src, w6.dst = true, pkt6Addr(w.src), pkt6Addr(w.dst)
		in = append(in,
			pktInner{b.name + "/IPv4", ip4, w},
			pktInner{b.name + "/IPv6", ip6, w6},
			pktInner{b.name + "/IPv6-hop-by-hop", pktHopByHop(ip6), w6},
			pktInner{b.name + "/IPv4-in-IPv4", pktTunnel(tb, ip4, false), w},
			pktInner{b.name + "/IPv4-in-IPv6", pktTunnel(tb, ip4, true), w},
			pktInner{b.name + "/IPv6-in-IPv4", pktTunnel(tb, ip6, false), w6},
			pktInner{b.name + "/IPv6-in-IPv6", pktTunnel(tb, ip6, true), w6},
		)
	}
	return in
}

// pktLink puts an IP packet in a link-layer frame; wrap returns nil when
// the link type cannot carry that IP version.
type pktLink struct {
	name string
	lt   layers.LinkType
	wrap func(tb testing.TB, ip []byte, v6 bool) []byte
}

func pktEtherType(v6 bool) layers.EthernetType {
	if v6 {
		return layers.EthernetTypeIPv6
	}
	return layers.EthernetTypeIPv4
}

// pktDot11 is an IEEE 802.11 data frame, To-DS, carrying ip after an
// LLC/SNAP header, followed by its FCS (CRC-32, little-endian): gopacket's
// Dot11 layer always takes the last 4 bytes as the FCS. With qos, the frame
// is a QoS data frame (subtype 8: a 2-byte QoS control field after the
// sequence control), built by hand as gopacket's Dot11.SerializeTo does not
// write that field:
//
//	frame control (2) | duration (2) | addr1 BSSID | addr2 SA | addr3 DA |
//	sequence control (2) | [QoS control (2)] | AA AA 03 | 00 00 00 | type (2) | ip | FCS (4)
func pktDot11(tb testing.TB, ip []byte, v6, qos bool) []byte {
	tb.Helper()
	llc := pktSerialize(tb,
		&layers.LLC{DSAP: 0xaa, SSAP: 0xaa, Control: 3},
		&layers.SNAP{OrganizationalCode: []byte{0, 0, 0}, Type: pktEtherType(v6)},
		gopacket.Payload(ip))
	var frame []byte
	if qos {
		frame = []byte{0x88, 0x01, 0x2c, 0x00} // QoS data, To-DS, duration 44
		frame = append(frame, pktMAC[0]...)
		frame = append(frame, pktMAC[1]...)
		frame = append(frame, pktMAC[2]...)
		frame = append(frame, 0x10, 0x00, 0x00, 0x00) // sequence 1, fragment 0; TID 0
		frame = append(frame, llc...)
	} else {
		frame = pktSerialize(tb, &layers.Dot11{Type: layers.Dot11TypeData, Flags: layers.Dot11FlagsToDS,
			DurationID: 44, Address1: pktMAC[0], Address2: pktMAC[1], Address3: pktMAC[2], SequenceNumber: 1},
			gopacket.Payload(llc))
	}
	return binary.LittleEndian.AppendUint32(frame, crc32.ChecksumIEEE(frame))
}

// pktRadioTap prefixes an 802.11 frame with a radiotap header:
//
//	version 0 | pad 0 | length (2, LE) | present (4, LE) | fields
//
// with fcs, present = 0x00000002 (Flags) and the Flags byte 0x10 (frame
// includes FCS): 9 bytes. Without, no field is present: 8 bytes, and
// gopacket's RadioTap appends a computed FCS for Dot11 to cut.
func pktRadioTap(dot11 []byte, fcs bool) []byte {
	if fcs {
		return append([]byte{0, 0, 9, 0, 2, 0, 0, 0, 0x10}, dot11...)
	}
	return append([]byte{0, 0, 8, 0, 0, 0, 0, 0}, dot11[:len(dot11)-4]...)
}

// pktRadioTapPad is a radiotap frame with the Flags byte 0x30 (frame
// includes FCS, Datapad) and 2 bytes of padding after the 26-byte header of
// the QoS data frame dot11, as some drivers write to align the payload to 4
// bytes (the FCS covers the frame without the padding).
func pktRadioTapPad(dot11 []byte) []byte {
	frame := append([]byte{0, 0, 9, 0, 2, 0, 0, 0, 0x30}, dot11[:26]...)
	frame = append(frame, 0, 0)
	return append(frame, dot11[26:]...)
}

// pktPPP prefixes ip with a PPP header: FF 03 and a 2-byte protocol, or
// (acfc) a 1-byte protocol alone, as with ACFC and PFC negotiated.
func pktPPP(ip []byte, v6, acfc bool) []byte {
	proto := byte(0x21)
	if v6 {
		proto = 0x57
	}
	if acfc {
		return append([]byte{proto}, ip...)
	}
	return append([]byte{0xff, 0x03, 0x00, proto}, ip...)
}

var pktLinks = []pktLink{
	{"Ethernet", layers.LinkTypeEthernet, func(tb testing.TB, ip []byte, v6 bool) []byte {
		return pktSerialize(tb, &layers.Ethernet{SrcMAC: pktMAC[1], DstMAC: pktMAC[0], EthernetType: pktEtherType(v6)},
			gopacket.Payload(ip))
	}},
	{"Ethernet-802.1Q", layers.LinkTypeEthernet, func(tb testing.TB, ip []byte, v6 bool) []byte {
		return pktSerialize(tb, &layers.Ethernet{SrcMAC: pktMAC[1], DstMAC: pktMAC[0], EthernetType: layers.EthernetTypeDot1Q},
			&layers.Dot1Q{Priority: 5, VLANIdentifier: 100, Type: pktEtherType(v6)}, gopacket.Payload(ip))
	}},
	{"Ethernet-QinQ", layers.LinkTypeEthernet, func(tb testing.TB, ip []byte, v6 bool) []byte {
		// 802.1ad outer tag (EtherType 0x88A8), then an 802.1Q tag.
		return pktSerialize(tb, &layers.Ethernet{SrcMAC: pktMAC[1], DstMAC: pktMAC[0], EthernetType: layers.EthernetTypeQinQ},
			&layers.Dot1Q{VLANIdentifier: 200, Type: layers.EthernetTypeDot1Q},
			&layers.Dot1Q{VLANIdentifier: 100, Type: pktEtherType(v6)}, gopacket.Payload(ip))
	}},
	{"LinuxSLL", layers.LinkTypeLinuxSLL, func(tb testing.TB, ip []byte, v6 bool) []byte {
		// packet type (2) = 4 outgoing | ARPHRD (2) = 1 Ethernet |
		// address length (2) = 6 | address (8, padded) | protocol (2)
		h := []byte{0, 4, 0, 1, 0, 6}
		h = append(h, pktMAC[1]...)
		h = append(h, 0, 0)
		h = binary.BigEndian.AppendUint16(h, uint16(pktEtherType(v6)))
		return append(h, ip...)
	}},
	{"LinuxSLL2", layers.LinkTypeLinuxSLL2, func(tb testing.TB, ip []byte, v6 bool) []byte {
		// protocol (2) | reserved (2) | interface index (4) = 3 |
		// ARPHRD (2) = 1 | packet type (1) = 0 host | address length (1) = 6 |
		// address (8, padded)
		h := binary.BigEndian.AppendUint16(nil, uint16(pktEtherType(v6)))
		h = append(h, 0, 0, 0, 0, 0, 3, 0, 1, 0, 6)
		h = append(h, pktMAC[1]...)
		h = append(h, 0, 0)
		return append(h, ip...)
	}},
	{"Raw-101", layers.LinkTypeRaw, func(tb testing.TB, ip []byte, v6 bool) []byte { return ip }},
	{"Raw-12", 12, func(tb testing.TB, ip []byte, v6 bool) []byte { return ip }},
	{"Raw-14", 14, func(tb testing.TB, ip []byte, v6 bool) []byte { return ip }},
	{"IPv4-228", layers.LinkTypeIPv4, func(tb testing.TB, ip []byte, v6 bool) []byte {
		if v6 {
			return nil
		}
		return ip
	}},
	{"IPv6-229", layers.LinkTypeIPv6, func(tb testing.TB, ip []byte, v6 bool) []byte {
		if !v6 {
			return nil
		}
		return ip
	}},
	{"Null-0", layers.LinkTypeNull, func(tb testing.TB, ip []byte, v6 bool) []byte {
		// 4-byte address family in the capturing host's byte order:
		// gopacket's Loopback.SerializeTo writes it little-endian, as a
		// little-endian BSD does. AF_INET is 2, AF_INET6 24 (NetBSD/OpenBSD).
		fam := layers.ProtocolFamilyIPv4
		if v6 {
			fam = layers.ProtocolFamilyIPv6BSD
		}
		return pktSerialize(tb, &layers.Loopback{Family: fam}, gopacket.Payload(ip))
	}},
	{"Null-0-FreeBSD", layers.LinkTypeNull, func(tb testing.TB, ip []byte, v6 bool) []byte {
		if !v6 {
			return nil
		}
		return pktSerialize(tb, &layers.Loopback{Family: layers.ProtocolFamilyIPv6FreeBSD}, gopacket.Payload(ip)) // AF_INET6 28
	}},
	{"Null-0-Darwin", layers.LinkTypeNull, func(tb testing.TB, ip []byte, v6 bool) []byte {
		if !v6 {
			return nil
		}
		return pktSerialize(tb, &layers.Loopback{Family: layers.ProtocolFamilyIPv6Darwin}, gopacket.Payload(ip)) // AF_INET6 30
	}},
	{"Null-0-big-endian", layers.LinkTypeNull, func(tb testing.TB, ip []byte, v6 bool) []byte {
		// A big-endian host (e.g. SPARC, PowerPC) writes 00 00 00 02.
		fam := uint32(layers.ProtocolFamilyIPv4)
		if v6 {
			fam = uint32(layers.ProtocolFamilyIPv6BSD)
		}
		return append(binary.BigEndian.AppendUint32(nil, fam), ip...)
	}},
	{"Loop-108", layers.LinkTypeLoop, func(tb testing.TB, ip []byte, v6 bool) []byte {
		// OpenBSD's DLT_LOOP: the address family in network byte order.
		fam := uint32(layers.ProtocolFamilyIPv4)
		if v6 {
			fam = uint32(layers.ProtocolFamilyIPv6BSD)
		}
		return append(binary.BigEndian.AppendUint32(nil, fam), ip...)
	}},
	{"IEEE802.11-105", layers.LinkTypeIEEE802_11, func(tb testing.TB, ip []byte, v6 bool) []byte {
		return pktDot11(tb, ip, v6, false)
	}},
	{"IEEE802.11-105-QoS", layers.LinkTypeIEEE802_11, func(tb testing.TB, ip []byte, v6 bool) []byte {
		return pktDot11(tb, ip, v6, true)
	}},
	{"RadioTap-127-FCS", layers.LinkTypeIEEE80211Radio, func(tb testing.TB, ip []byte, v6 bool) []byte {
		return pktRadioTap(pktDot11(tb, ip, v6, true), true)
	}},
	{"RadioTap-127-no-FCS", layers.LinkTypeIEEE80211Radio, func(tb testing.TB, ip []byte, v6 bool) []byte {
		return pktRadioTap(pktDot11(tb, ip, v6, false), false)
	}},
	{"RadioTap-127-datapad", layers.LinkTypeIEEE80211Radio, func(tb testing.TB, ip []byte, v6 bool) []byte {
		return pktRadioTapPad(pktDot11(tb, ip, v6, true))
	}},
	{"PPP-9", layers.LinkTypePPP, func(tb testing.TB, ip []byte, v6 bool) []byte { return pktPPP(ip, v6, false) }},
	{"PPP-9-ACFC-PFC", layers.LinkTypePPP, func(tb testing.TB, ip []byte, v6 bool) []byte { return pktPPP(ip, v6, true) }},
	{"PPP-HDLC-50", layers.LinkTypePPP_HDLC, func(tb testing.TB, ip []byte, v6 bool) []byte { return pktPPP(ip, v6, false) }},
}

// TestDecoderOriginalFrames: the real Ethernet frames, unchanged.
func TestDecoderOriginalFrames(t *testing.T) {
	d := NewDecoder()
	for _, b := range pktBases {
		t.Run(b.name, func(t *testing.T) {
			f := d.Decode(pktFrame(t, pktMain, b.frame), layers.LinkTypeEthernet, time.Time{})
			pktCheck(t, f, b.want)
		})
	}
}

// TestDecoderLinkTypes: every base packet, as IPv4, IPv6 and tunnelled, in
// every supported link layer decodes as the original Ethernet frame does.
// One decoder decodes them all, one after the other.
func TestDecoderLinkTypes(t *testing.T) {
	inners := pktInners(t)
	d := NewDecoder()
	seen := map[layers.LinkType]bool{}
	for _, l := range pktLinks {
		for _, in := range inners {
			frame := l.wrap(t, in.ip, in.ip[0]>>4 == 6)
			if frame == nil {
				continue
			}
			seen[l.lt] = true
			t.Run(l.name+"/"+in.name, func(t *testing.T) {
				pktCheck(t, d.Decode(frame, l.lt, time.Time{}), in.want)
			})
		}
	}
	for _, lt := range SupportedLinkTypes {
		if !seen[lt] {
			t.Errorf("link type %d (%s) is supported but not tested", lt, lt)
		}
	}
}

// TestDecoderPPPLink: PPP frames on PPP link types.
func TestDecoderPPPLink(t *testing.T) {
	gre := func(frame int) []byte {
		// The PPP frame in the GRE packet of an IPv4 frame without options.
		b := pktFrame(t, pktMain, frame)
		g := b[14+20:]
		n := 8
		if g[0]&0x10 != 0 {
			n += 4 // sequence number
		}
		if g[1]&0x80 != 0 {
			n += 4 // acknowledgment number
		}
		return g[n:]
	}
	lcp17 := gre(17)
	cases := []struct {
		name string
		lt   layers.LinkType
		data []byte
		want pktWant
	}{
		// The PPP frame of pppd__mschapv2-mppe128.pcap frame 17 on a PPP link:
		// ff03 c021 01010014 020600000000 0506e77d019e 0702 0802
		{"PPP-9/LCP-Configure-Request", layers.LinkTypePPP, lcp17, pktWant{kind: KindPPPLink, callID: -1, seq: -1, ack: -1,
			pppProto: PPPTypeLCP, proto: "LCP", name: "Configure-Request", id: 1, msg: lcp17[4:]}},
		// Frame 43's PPP frame, with ACFC and PFC: fd 9000 0eb36dfd...
		{"PPP-9/MPPE", layers.LinkTypePPP, gre(43), pktWant{kind: KindPPPLink, callID: -1, seq: -1, ack: -1,
			pppProto: PPPTypeMPPE, proto: "MPPE", name: "Data", id: -1}},
		// packetlife__PPP_negotiation.cap frame 1 (link type 50):
		// ff03 c021 0101000f 0305c22305 0506012ce96d
		{"PPP-HDLC-50/LCP-Configure-Request", layers.LinkTypePPP_HDLC, pktFrame(t, "packetlife__PPP_negotiation.cap", 1),
			pktWant{kind: KindPPPLink, callID: -1, seq: -1, ack: -1, pppProto: PPPTypeLCP, proto: "LCP", name: "Configure-Request", id: 1}},
		// Frame 6: ff03 c223 01010017 10 41528c19... 5231 (CHAP Challenge, name R1)
		{"PPP-HDLC-50/CHAP-Challenge", layers.LinkTypePPP_HDLC, pktFrame(t, "packetlife__PPP_negotiation.cap", 6),
			pktWant{kind: KindPPPLink, callID: -1, seq: -1, ack: -1, pppProto: PPPTypeCHAP, proto: "CHAP", name: "Challenge", id: 1}},
		// nDPI__dlt_ppp.pcap frame 1 (link type 9): ff03 0021 4500... an
		// IPv4/UDP packet, not PPTP: stays a PPP link frame.
		{"PPP-9/IPv4-UDP", layers.LinkTypePPP, pktFrame(t, "nDPI__dlt_ppp.pcap", 1),
			pktWant{kind: KindPPPLink, callID: -1, seq: -1, ack: -1, pppProto: PPPTypeIPv4}},
	}
	d := NewDecoder()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { pktCheck(t, d.Decode(c.data, c.lt, time.Time{}), c.want) })
	}
}

// TestDecoderOther: frames that are not PPTP.
func TestDecoderOther(t *testing.T) {
	none := pktWant{kind: KindOther, callID: -1, seq: -1, ack: -1}
	cases := []struct {
		name  string
		file  string
		frame int
		lt    layers.LinkType
		want  pktWant
	}{
		// pppd__mschapv2-mppe128.pcap frame 2: ARP request.
		{"ARP", pktMain, 2, layers.LinkTypeEthernet, none},
		// Frame 1: ICMPv6 Router Solicitation.
		{"ICMPv6", pktMain, 1, layers.LinkTypeEthernet, none},
		// Frame 7: TCP ACK to port 1723, no payload: still the control connection.
		{"TCP-1723-ACK", pktMain, 7, layers.LinkTypeEthernet, pktWant{kind: KindTCP, src: "10.0.0.2", dst: "10.0.0.1",
			callID: -1, seq: -1, ack: -1, sport: 40679, dport: PPTPPort}},
		// packetlife__GRE.cap frame 1: GRE version 0 carrying IPv4/ICMP,
		// 10.0.0.1 -> 10.0.0.2 (0000 0800 4500...).
		{"plain-GRE-v0", "packetlife__GRE.cap", 1, layers.LinkTypeEthernet, pktWant{kind: KindPlainGRE,
			src: "10.0.0.1", dst: "10.0.0.2", callID: 0, seq: -1, ack: -1}},
	}
	d := NewDecoder()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := d.Decode(pktFrame(t, c.file, c.frame), c.lt, time.Time{})
			pktCheck(t, f, c.want)
			if c.want.kind == KindPlainGRE && (f.GRE.Version != 0 || f.GRE.Protocol != layers.EthernetTypeIPv4 || f.GRE.IsPPTP()) {
				t.Errorf("GRE version %d protocol %s", f.GRE.Version, f.GRE.Protocol)
			}
		})
	}
	// Every frame of pptpcrack__test.pcap that is not TCP 1723 or GRE (DNS,
	// TLS, ARP, ICMP, IPv6 with extension headers...) is KindOther, with no error.
	frames, lt := pktCapture(t, "pptpcrack__test.pcap")
	counts := map[Kind]int{}
	for i, b := range frames {
		f := d.Decode(b, lt, time.Time{})
		counts[f.Kind]++
		if f.Err != nil {
			t.Errorf("frame %d: %v", i+1, f.Err)
		}
	}
	// tshark -Y gre: 933 frames; -Y tcp.port==1723: 21 frames.
	if counts[KindGRE] != 933 || counts[KindTCP] != 21 || counts[KindOther] != len(frames)-933-21 {
		t.Errorf("kinds %v over %d frames", counts, len(frames))
	}
}

// TestDecoderUnsupportedLinkType: a link type the decoder does not read.
func TestDecoderUnsupportedLinkType(t *testing.T) {
	for _, lt := range SupportedLinkTypes {
		if !LinkTypeSupported(lt) {
			t.Errorf("LinkTypeSupported(%d) = false", lt)
		}
	}
	d := NewDecoder()
	frame := pktFrame(t, pktMain, 17)
	for _, lt := range []layers.LinkType{layers.LinkTypeFDDI, layers.LinkTypeLinuxUSB, 147, 65535} {
		if LinkTypeSupported(lt) {
			t.Errorf("LinkTypeSupported(%d) = true", lt)
		}
		f := d.Decode(frame, lt, time.Time{})
		if !errors.Is(f.Err, ErrLinkType) || f.Kind != KindOther || f.GRE != nil || f.Message != nil {
			t.Errorf("link type %d: Kind %d, Err %v", lt, f.Kind, f.Err)
		}
	}
}

// TestDecoderTruncated cuts a real GRE + LCP frame at every length: no
// panic, every error wraps ErrTruncated, and what decoded before the cut
// stays visible.
func TestDecoderTruncated(t *testing.T) {
	// pppd__mschapv2-mppe128.pcap frame 17 (70 bytes), see pktBases:
	// Ethernet [0,14) IPv4 [14,34) GRE [34,46) PPP [46,50) LCP [50,70)
	// (header [50,54), options [54,70)).
	full := pktFrame(t, pktMain, 17)
	d := NewDecoder()
	for n := 0; n < len(full); n++ {
		// A copy of exactly n bytes, so reading past the cut panics.
		data := bytes.Clone(full[:n])
		f := d.Decode(data, layers.LinkTypeEthernet, time.Time{})
		if f.Err != nil && !errors.Is(f.Err, ErrTruncated) {
			t.Errorf("%d bytes: error %v does not wrap ErrTruncated", n, f.Err)
		}
		if n >= 14 && !f.Truncated {
			t.Errorf("%d bytes: Truncated not set", n)
		}
		switch {
		case n < 34: // no complete Ethernet or IPv4 header
			if f.Kind != KindOther || f.Err == nil || f.GRE != nil {
				t.Errorf("%d bytes: Kind %d, Err %v", n, f.Kind, f.Err)
			}
		case n < 46: // GRE header cut: the layer is kept, with the error
			if f.Kind != KindGRE || f.GRE == nil || f.Err == nil || f.Message != nil {
				t.Errorf("%d bytes: Kind %d, GRE %v, Err %v", n, f.Kind, f.GRE != nil, f.Err)
			}
		default: // GRE payload shorter than its key announces (24 bytes)
			if f.Kind != KindGRE || f.GRE == nil || !f.GRE.Short || f.GRE.CallID() != 0 || f.GRE.Seq != 1 ||
				f.Src.String() != "10.0.0.2" || f.Dst.String() != "10.0.0.1" {
				t.Fatalf("%d bytes: Kind %d, GRE %+v, from %s to %s", n, f.Kind, f.GRE, f.Src, f.Dst)
			}
			if n >= 50 && (f.PPP == nil || f.PPP.Protocol != PPPTypeLCP) {
				t.Errorf("%d bytes: PPP %+v", n, f.PPP)
			}
			if n > 50 && f.Err == nil { // part of the LCP header or options
				t.Errorf("%d bytes: no error", n)
			}
			if n >= 54 { // LCP header complete, options cut: the message is kept
				m := f.Message
				if m == nil || m.Proto() != "LCP" || m.Name() != "Configure-Request" || m.Identifier() != 1 {
					t.Fatalf("%d bytes: message %v", n, m)
				}
				if !bytes.Equal(m.LayerContents(), full[50:n]) {
					t.Errorf("%d bytes: LCP contents % x", n, m.LayerContents())
				}
				_ = m.Fields()
				_ = m.Summary()
			}
		}
	}
	// Cut in every supported link layer too: no panic, ErrTruncated only.
	inners := pktInners(t)
	for _, l := range pktLinks {
		for _, in := range inners[:7] { // LCP-Configure-Request in every IP framing
			frame := l.wrap(t, in.ip, in.ip[0]>>4 == 6)
			for n := 0; n < len(frame); n++ {
				f := d.Decode(bytes.Clone(frame[:n]), l.lt, time.Time{})
				if f.Err != nil && !errors.Is(f.Err, ErrTruncated) {
					t.Errorf("%s/%s cut at %d: %v", l.name, in.name, n, f.Err)
				}
			}
		}
	}
}

// TestDecoderFragments: outer IPv4 fragments of GRE datagrams from
// pppd__mtu-fragments.pcap (outer MTU 1000), fed like the capture reader
// does: through one buffer, overwritten between frames.
func TestDecoderFragments(t *testing.T) {
	const file = "pppd__mtu-fragments.pcap"
	// Frames 59+60: datagram 0xb81e, 10.0.0.2 -> 10.0.0.1, 1509 bytes of
	// GRE in fragments of 976 (MF) and 533 bytes (offset 122 x 8 = 976):
	// 59: 4a7a549ff1ba 0e8a357ad2fe 0800 4500 03e4 b81e 2000 402f 8aca 0a000002 0a000001
	//     3001880b 05d9 0000 00000011 fd 9002 7044836f...
	// 60: 4a7a549ff1ba 0e8a357ad2fe 0800 4500 0229 b81e 007a 402f ac0b 0a000002 0a000001
	//     644eba53...
	// GRE call 0, seq 17, payload 1497 bytes: PPP fd, MPPE 9002 (A and D
	// bits, coherency count 2).
	// Frames 62+63: datagram 0xab0c, 10.0.0.1 -> 10.0.0.2:
	// 62: ... 4500 03e4 ab0c 2000 402f 97dc 0a000001 0a000002
	//     3081880b 05d9 8406 00000011 00000012 fd 9002 4fec2bd2...
	// 63: ... 4500 022d ab0c 007a 402f b919 0a000001 0a000002 1040 8262...
	// GRE call 33798, seq 17, ack 18, payload 1497 bytes: fd 9002.
	a := pktWant{kind: KindGRE, src: "10.0.0.2", dst: "10.0.0.1", callID: 0, seq: 17, ack: -1,
		pppProto: PPPTypeMPPE, proto: "MPPE", name: "Data", id: -1}
	b := pktWant{kind: KindGRE, src: "10.0.0.1", dst: "10.0.0.2", callID: 33798, seq: 17, ack: 18,
		pppProto: PPPTypeMPPE, proto: "MPPE", name: "Data", id: -1}
	frame := func(n int) []byte { return pktFrame(t, file, n) }
	// The GRE payload the reassembled datagram must hold: the fragments'
	// IP payloads, cut to each IP total length, in order.
	gre := func(first, second int) []byte {
		p1, p2 := pktIP(t, frame(first)), pktIP(t, frame(second))
		g := append(bytes.Clone(p1[20:]), p2[20:]...)
		return g[12:] // GRE header: flags, protocol, key, seq (and ack)
	}
	greA, greB := gre(59, 60), gre(62, 63)[4:]
	if len(greA) != 1497 || len(greB) != 1497 {
		t.Fatalf("GRE payloads %d and %d bytes", len(greA), len(greB))
	}

	type step struct {
		frame int
		want  *pktWant // nil: check Kind only
		kind  Kind
		gre   []byte
	}
	run := func(t *testing.T, steps []step) {
		d := NewDecoder()
		buf := make([]byte, 2048)
		t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		for i, s := range steps {
			for j := range buf {
				buf[j] = 0xa5 // what the previous frame left is overwritten
			}
			n := copy(buf, frame(s.frame))
			f := d.Decode(buf[:n], layers.LinkTypeEthernet, t0.Add(time.Duration(i)*time.Millisecond))
			if s.want == nil {
				if f.Kind != s.kind || f.Err != nil || f.Reassembled {
					t.Fatalf("step %d frame %d: Kind %d, Err %v, Reassembled %v, want Kind %d", i, s.frame, f.Kind, f.Err, f.Reassembled, s.kind)
				}
				continue
			}
			if !f.Reassembled {
				t.Fatalf("step %d frame %d: not reassembled (Kind %d, Err %v)", i, s.frame, f.Kind, f.Err)
			}
			f.Reassembled = false // pktCheck wants it false
			pktCheck(t, f, *s.want)
			if !bytes.Equal(f.GRE.Payload, s.gre) || f.GRE.PayloadLength() != len(s.gre) {
				t.Errorf("step %d frame %d: reassembled GRE payload differs (%d bytes, want %d)", i, s.frame, len(f.GRE.Payload), len(s.gre))
			}
			if m := f.Message.(*MPPE); !m.Flushed || !m.Encrypted || m.CoherencyCount != 2 || len(m.Payload) != 1497-3 {
				t.Errorf("step %d frame %d: MPPE %+v", i, s.frame, m)
			}
		}
	}
	t.Run("in-order", func(t *testing.T) {
		run(t, []step{{frame: 59, kind: KindFragment}, {frame: 60, want: &a, gre: greA}})
	})
	t.Run("last-first", func(t *testing.T) {
		run(t, []step{{frame: 60, kind: KindFragment}, {frame: 59, want: &a, gre: greA}})
	})
	t.Run("interleaved", func(t *testing.T) {
		// Both datagrams' first fragments, then unrelated frames: 58 (GRE
		// ack-only), 61 (MPPE in one packet), 57 (TCP 1723 ACK), 1 (ARP),
		// then the second fragments in the other order.
		run(t, []step{
			{frame: 59, kind: KindFragment},
			{frame: 62, kind: KindFragment},
			{frame: 58, kind: KindGRE},
			{frame: 61, kind: KindGRE},
			{frame: 57, kind: KindTCP},
			{frame: 1, kind: KindOther},
			{frame: 63, want: &b, gre: greB},
			{frame: 60, want: &a, gre: greA},
		})
	})
	t.Run("duplicate-fragment", func(t *testing.T) {
		run(t, []step{{frame: 59, kind: KindFragment}, {frame: 59, kind: KindFragment}, {frame: 60, want: &a, gre: greA}})
	})
}

// pktInput is a frame for the tests that decode many frames in a row.
type pktInput struct {
	name string
	lt   layers.LinkType
	data []byte
}

// pktCorpus returns the inputs kept in testdata/fuzz/FuzzDecoder (files
// "go test fuzz v1" with one []byte value: a link-type byte and a frame).
func pktCorpus(tb testing.TB) []pktInput {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzDecoder", "*"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no FuzzDecoder corpus: %v", err)
	}
	var ins []pktInput
	for _, fn := range files {
		b, err := os.ReadFile(fn)
		if err != nil {
			tb.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if len(lines) != 2 || lines[0] != "go test fuzz v1" {
			tb.Fatalf("%s: not a one-value corpus file", fn)
		}
		v, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		if err != nil || v == "" {
			tb.Fatalf("%s: %q: %v", fn, lines[1], err)
		}
		ins = append(ins, pktInput{fn, pktFuzzLinkType(v[0]), []byte(v[1:])})
	}
	return ins
}

// pktWrapped returns every base packet in every link layer (pktLinks), and
// the PPP link frames of packetlife__PPP_negotiation.cap (LCP, CHAP, IPCP,
// CCP on a PPP-in-HDLC link).
func pktWrapped(tb testing.TB) []pktInput {
	tb.Helper()
	var ins []pktInput
	for _, l := range pktLinks {
		for _, in := range pktInners(tb) {
			if frame := l.wrap(tb, in.ip, in.ip[0]>>4 == 6); frame != nil {
				ins = append(ins, pktInput{l.name + "/" + in.name, l.lt, frame})
			}
		}
	}
	frames, lt := pktCapture(tb, "packetlife__PPP_negotiation.cap")
	for i, fr := range frames {
		ins = append(ins, pktInput{fmt.Sprintf("packetlife__PPP_negotiation.cap/%d", i+1), lt, fr})
	}
	return ins
}

// pktSummary is everything Decode reports about a frame, as text.
func pktSummary(f *Frame) string {
	var b strings.Builder
	fmt.Fprintf(&b, "kind %d err %v trunc %v reasm %v %v > %v v6 %v net %v", f.Kind, f.Err, f.Truncated, f.Reassembled,
		f.Src, f.Dst, f.IPv6, f.Net)
	if f.TCP != nil {
		fmt.Fprintf(&b, " tcp %d > %d seq %d %x", f.TCP.SrcPort, f.TCP.DstPort, f.TCP.Seq, f.TCP.Payload)
	}
	if f.GRE != nil {
		fmt.Fprintf(&b, " gre %d %v/%d %v/%d %x", f.GRE.CallID(), f.GRE.SeqPresent, f.GRE.Seq, f.GRE.AckPresent, f.GRE.Ack, f.GRE.Payload)
	}
	if f.PPP != nil {
		fmt.Fprintf(&b, " ppp %#x %x", uint16(f.PPP.Protocol), f.PPP.Payload)
	}
	if m := f.Message; m != nil {
		fmt.Fprintf(&b, " %s %s id %d %x %q %q", m.Proto(), m.Name(), m.Identifier(), m.LayerContents(), m.Summary(), m.Notes())
	}
	return b.String()
}

// pktDiffAt is the offset of the first byte that differs in a and b.
func pktDiffAt(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// TestDecoderKeepsInput: Decode does not write to the frame it is given,
// and decoding the same bytes again gives the same answer. gopacket's
// RadioTap removes an 802.11 data frame's padding (Datapad flag) by moving
// the bytes after the header in place: without the decoder's copy, the
// capture buffer lost two bytes at each decode (and FuzzDecoder, which
// decodes each input twice, saw two different frames).
func TestDecoderKeepsInput(t *testing.T) {
	ins := append(pktCorpus(t), pktWrapped(t)...)
	for _, file := range []string{pktMain, "pptpcrack__test.pcap", "packetlife__PPP_EAP.cap"} {
		frames, lt := pktCapture(t, file)
		for i, fr := range frames {
			ins = append(ins, pktInput{fmt.Sprintf("%s/%d", file, i+1), lt, fr})
		}
	}
	padded := 0
	d := NewDecoder()
	for _, in := range ins {
		orig := bytes.Clone(in.data)
		first := pktSummary(d.Decode(in.data, in.lt, time.Time{}))
		if !bytes.Equal(in.data, orig) {
			t.Errorf("%s: Decode changed the frame from byte %d on", in.name, pktDiffAt(in.data, orig))
			copy(in.data, orig)
			continue
		}
		if f := d.Decode(in.data, in.lt, time.Time{}); f.Kind != KindFragment && pktSummary(f) != first {
			t.Errorf("%s: decoded again: %s\nfirst: %s", in.name, pktSummary(f), first)
		}
		if strings.Contains(in.name, "datapad") {
			padded++
		}
	}
	if padded == 0 {
		t.Error("no radiotap frame with padding was decoded")
	}
}

// TestDecoderNoCarryOver: a frame decodes the same on a fresh decoder and
// after any other frame on a used one: no layer keeps state from the
// previous frame. Priors: every frame of pktWrapped and the fuzz corpus.
// Targets: the fuzz corpus, the PPP link frames, and every link layer with
// the base packets in IPv4 and IPv6 (IPv4 only in -short mode); the
// tunnelled variants are priors only, to keep the pairs to a few hundred
// thousand. (IPv4 fragments are not among them: the defragmenter keeps
// state across frames by design, see TestDecoderFragments.)
func TestDecoderNoCarryOver(t *testing.T) {
	priors := append(pktCorpus(t), pktWrapped(t)...)
	var targets []pktInput
	for _, in := range priors {
		if !strings.Contains(in.name, "/IPv") || strings.HasSuffix(in.name, "/IPv4") ||
			strings.HasSuffix(in.name, "/IPv6") && !testing.Short() {
			targets = append(targets, in)
		}
	}
	fresh := make([]string, len(targets))
	for i, in := range targets {
		fresh[i] = pktSummary(NewDecoder().Decode(in.data, in.lt, time.Time{}))
	}
	d := NewDecoder()
	bad := 0
	for _, a := range priors {
		for i, b := range targets {
			d.Decode(a.data, a.lt, time.Time{})
			if got := pktSummary(d.Decode(b.data, b.lt, time.Time{})); got != fresh[i] {
				if bad++; bad <= 10 {
					t.Errorf("%s after %s:\n%s\nfresh decoder:\n%s", b.name, a.name, got, fresh[i])
				}
			}
		}
	}
	if bad > 10 {
		t.Errorf("%d pairs differ in all", bad)
	}
	t.Logf("%d priors x %d targets", len(priors), len(targets))
}

// pktFuzzLinkType maps the fuzz input's first byte to a link type: 0 to
// len(SupportedLinkTypes)-1 pick a supported one (so LinuxSLL2, 276, is
// reachable), larger values are used as the link type itself.
func pktFuzzLinkType(b byte) layers.LinkType {
	if int(b) < len(SupportedLinkTypes) {
		return SupportedLinkTypes[b]
	}
	return layers.LinkType(b)
}

func pktFuzzByte(lt layers.LinkType) byte {
	for i, s := range SupportedLinkTypes {
		if s == lt {
			return byte(i)
		}
	}
	panic("unsupported link type")
}

// FuzzDecoder: input is a link-type byte (see pktFuzzLinkType) and a frame.
func FuzzDecoder(f *testing.F) {
	for _, n := range []int{1, 2, 7, 8, 17, 20, 22, 43} {
		f.Add(append([]byte{pktFuzzByte(layers.LinkTypeEthernet)}, pktFrame(f, pktMain, n)...))
	}
	for _, n := range []int{59, 60} {
		f.Add(append([]byte{pktFuzzByte(layers.LinkTypeEthernet)}, pktFrame(f, "pppd__mtu-fragments.pcap", n)...))
	}
	f.Add(append([]byte{pktFuzzByte(layers.LinkTypeEthernet)}, pktFrame(f, "packetlife__GRE.cap", 1)...))
	f.Add(append([]byte{pktFuzzByte(layers.LinkTypePPP_HDLC)}, pktFrame(f, "packetlife__PPP_negotiation.cap", 6)...))
	f.Add(append([]byte{pktFuzzByte(layers.LinkTypePPP)}, pktFrame(f, "nDPI__dlt_ppp.pcap", 1)...))
	inners := pktInners(f)
	for _, l := range pktLinks {
		for _, in := range inners {
			if !strings.HasSuffix(in.name, "/IPv4") && !strings.HasSuffix(in.name, "/IPv6") &&
				!strings.HasPrefix(in.name, "LCP-Configure-Request/") {
				continue
			}
			if frame := l.wrap(f, in.ip, in.ip[0]>>4 == 6); frame != nil {
				f.Add(append([]byte{pktFuzzByte(l.lt)}, frame...))
			}
		}
	}
	// Frames decoded between the second and third decode of an input: a
	// PPTP frame through RadioTap, Dot11, LLC, SNAP, IPv4, GRE, PPP and LCP
	// (with padding after the 802.11 header), and one through Ethernet,
	// IPv6 and TCP, so that the third decode meets layers filled by them.
	var others []pktInput
	for _, in := range inners {
		for _, l := range pktLinks {
			if l.name == "RadioTap-127-datapad" && in.name == "LCP-Configure-Request/IPv4" ||
				l.name == "Ethernet" && in.name == "SCCRQ/IPv6" {
				others = append(others, pktInput{l.name + "/" + in.name, l.lt, l.wrap(f, in.ip, in.ip[0]>>4 == 6)})
			}
		}
	}
	if len(others) != 2 {
		f.Fatalf("%d frames to decode between rounds, want 2", len(others))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) == 0 {
			return
		}
		lt, data := pktFuzzLinkType(in[0]), in[1:]
		orig := bytes.Clone(data)
		d := NewDecoder()
		var first struct {
			kind Kind
			err  string
			name string
		}
		for round := 0; round < 3; round++ {
			if round == 2 {
				for _, o := range others {
					d.Decode(o.data, o.lt, time.Time{})
				}
			}
			fr := d.Decode(data, lt, time.Time{})
			if round == 0 && !(lt == layers.LinkTypeEthernet && notPPTPEthernet(data)) {
				// The fast path (greFast) and the layer parsers agree.
				full := NewDecoder()
				full.NoFastPath = true
				want := full.decodeFull(bytes.Clone(data), lt, time.Time{})
				if msg := frameDiff(fr, want); msg != "" {
					t.Fatalf("Decode and decodeFull differ: %s", msg)
				}
				// Decoded ahead (decode.Early, in the read-ahead goroutine)
				// and made a Frame by the loop's decoder: the same.
				var e Early
				ed := bytes.Clone(data)
				e.Decode(ed, lt)
				if msg := frameDiff(NewDecoder().DecodeEarly(&e, ed, lt, time.Time{}), want); msg != "" {
					t.Fatalf("DecodeEarly and decodeFull differ: %s", msg)
				}
			}
			// The fuzzing engine rebuilds a failing input from its own
			// copy: an input changed in place is saved as another one.
			if !bytes.Equal(data, orig) {
				t.Fatalf("decode %d changed its input from byte %d on:\n% x\nwas\n% x", round+1, pktDiffAt(data, orig), data, orig)
			}
			if fr.Err != nil && strings.Contains(fr.Err.Error(), "panic") {
				t.Fatalf("a layer panicked: %v", fr.Err)
			}
			if !LinkTypeSupported(lt) != errors.Is(fr.Err, ErrLinkType) {
				t.Fatalf("link type %d: Err %v", lt, fr.Err)
			}
			switch fr.Kind {
			case KindTCP:
				if fr.TCP == nil || !fr.Src.IsValid() {
					t.Fatalf("KindTCP without TCP or address")
				}
			case KindGRE, KindPlainGRE:
				if fr.GRE == nil {
					t.Fatalf("Kind %d without GRE", fr.Kind)
				}
			}
			name := ""
			if m := fr.Message; m != nil {
				if fr.PPP == nil || m.Proto() == "" || m.Name() == "" {
					t.Fatalf("message Proto %q Name %q, PPP %v", m.Proto(), m.Name(), fr.PPP)
				}
				for _, fl := range m.Fields() {
					if fl.Name == "" {
						t.Fatalf("%s %s: unnamed field", m.Proto(), m.Name())
					}
				}
				_ = m.Summary()
				_ = m.Notes()
				name = m.Proto() + " " + m.Name()
			}
			if fr.GRE != nil {
				_ = fr.GRE.Fields()
			}
			// The same frame again on the same decoder, right after itself
			// and after other frames, gives the same answer: nothing is
			// left over from the previous call (a lone fragment is a
			// duplicate the second time, still held).
			errText := ""
			if fr.Err != nil {
				errText = fr.Err.Error()
			}
			if round == 0 {
				first.kind, first.err, first.name = fr.Kind, errText, name
			} else if fr.Kind != first.kind || errText != first.err || name != first.name {
				t.Fatalf("decode %d: Kind %d, Err %q, message %q; first: %+v", round+1, fr.Kind, errText, name, first)
			}
		}
	})
}

// BenchmarkDecoder decodes the frames of pptpcrack__test.pcap (a busy LAN
// with a PPTP session: DNS, TLS, IPv6, ARP, GRE, MPPE, LCP, CHAP...) one
// per iteration, so ns/op is ns per frame and allocs/op allocations per
// frame. The capture has no IPv4 fragments.
func BenchmarkDecoder(b *testing.B) {
	frames, lt := pktCapture(b, "pptpcrack__test.pcap")
	total := 0
	for _, f := range frames {
		total += len(f)
	}
	d := NewDecoder()
	for _, f := range frames {
		d.Decode(f, lt, time.Time{}) // warm up: parsers are made on first use
	}
	b.SetBytes(int64(total / len(frames)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Decode(frames[i%len(frames)], lt, time.Time{})
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	// allocs/op is rounded to an integer: report the exact mean too (the
	// only frames that allocate are IPv6 with hop-by-hop options, see
	// pktHopByHopAllocs).
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N), "allocs/frame")
}

// pktHopByHopAllocs: gopacket's IPv6 layer decodes hop-by-hop options
// itself and allocates each option (decodeIPv6HeaderTLVOption returns a
// new *ipv6HeaderTLVOption): 2 allocations for an MLD report's Router Alert
// and PadN. Such frames are exempt from the zero-allocation check.
func pktHopByHopAllocs(d *Decoder, data []byte, lt layers.LinkType) bool {
	d.ip6.HopByHop = nil // set again only if this frame has an IPv6 header with them
	d.Decode(data, lt, time.Time{})
	return d.ip6.HopByHop != nil
}

// TestDecoderAllocs: decoding a frame that is not an IPv4 fragment
// allocates nothing, for every frame of pptpcrack__test.pcap and every
// re-encapsulated packet, except: 802.11 (gopacket's Dot11 allocates its
// data sub-layer for every data frame, and its RadioTap copies a frame
// without FCS to append one) and IPv6 hop-by-hop options (pktHopByHopAllocs).
func TestDecoderAllocs(t *testing.T) {
	frames, lt := pktCapture(t, "pptpcrack__test.pcap")
	d := NewDecoder()
	for i, fr := range frames {
		d.Decode(fr, lt, time.Time{})
		n := testing.AllocsPerRun(5, func() { d.Decode(fr, lt, time.Time{}) })
		if n != 0 && !pktHopByHopAllocs(d, fr, lt) {
			f := d.Decode(fr, lt, time.Time{})
			t.Errorf("pptpcrack__test.pcap frame %d (Kind %d, message %v, Err %v): %v allocs", i+1, f.Kind, f.Message != nil, f.Err, n)
		}
	}
	for _, l := range pktLinks {
		if l.lt == layers.LinkTypeIEEE802_11 || l.lt == layers.LinkTypeIEEE80211Radio {
			continue
		}
		for _, in := range pktInners(t) {
			frame := l.wrap(t, in.ip, in.ip[0]>>4 == 6)
			if frame == nil {
				continue
			}
			d.Decode(frame, l.lt, time.Time{})
			if n := testing.AllocsPerRun(5, func() { d.Decode(frame, l.lt, time.Time{}) }); n != 0 && !pktHopByHopAllocs(d, frame, l.lt) {
				t.Errorf("%s/%s: %v allocs", l.name, in.name, n)
			}
		}
	}
}
