package simulate

import (
	"encoding/binary"
	"net"
	"net/netip"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Directions of a session's packets.
const (
	c2s = 0 // client to server
	s2c = 1 // server to client
)

var serOpts = gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}

// serialize writes layers through their SerializeTo into a fresh slice.
func serialize(ls ...gopacket.SerializableLayer) []byte {
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, serOpts, ls...); err != nil {
		// Every layer here is built by this package with valid sizes; an
		// error is a programming mistake.
		panic("simulate: serialize: " + err.Error())
	}
	return append([]byte(nil), buf.Bytes()...)
}

// sll is the Linux cooked-capture header (link type 113), which gopacket
// decodes but cannot serialize.
type sll struct {
	layers.BaseLayer
	packetType uint16 // 0 to us, 4 sent by us
	addr       net.HardwareAddr
	proto      layers.EthernetType
}

func (s *sll) LayerType() gopacket.LayerType { return layers.LayerTypeLinuxSLL }

// SerializeTo implements gopacket.SerializableLayer (the 16-byte header of
// the pcap-linktype page: packet type, ARPHRD_ETHER, address length and
// address padded to 8 octets, protocol).
func (s *sll) SerializeTo(b gopacket.SerializeBuffer, _ gopacket.SerializeOptions) error {
	buf, err := b.PrependBytes(16)
	if err != nil {
		return err
	}
	clear(buf)
	binary.BigEndian.PutUint16(buf[0:], s.packetType)
	binary.BigEndian.PutUint16(buf[2:], 1)
	binary.BigEndian.PutUint16(buf[4:], uint16(len(s.addr)))
	copy(buf[6:14], s.addr)
	binary.BigEndian.PutUint16(buf[14:], uint16(s.proto))
	return nil
}

// endpoint is one side's outer addresses.
type endpoint struct {
	mac  net.HardwareAddr
	ip   netip.Addr
	ipID uint16
}

// linkLayer returns the link header of a packet of dir carrying ethertype
// (nil for raw IP). The capture is taken on the client's interface.
func (g *gen) linkLayer(dir int, et layers.EthernetType) gopacket.SerializableLayer {
	src, dst := &g.ep[dir], &g.ep[1-dir]
	switch g.o.Link {
	case LinkEthernet:
		return &layers.Ethernet{SrcMAC: src.mac, DstMAC: dst.mac, EthernetType: et}
	case LinkSLL:
		pt := uint16(0)
		if dir == c2s {
			pt = 4
		}
		return &sll{packetType: pt, addr: src.mac, proto: et}
	}
	return nil
}

// ipPacket wraps an IP payload (already serialized: TCP or GRE and what
// they carry) in the outer IP header and the link header, fragmenting outer
// IPv4 at the mtu fault's size, and queues the frames.
func (g *gen) ipPacket(dir int, proto layers.IPProtocol, payload []byte) {
	src, dst := &g.ep[dir], &g.ep[1-dir]
	if g.o.OuterIPv6 {
		ip := &layers.IPv6{Version: 6, NextHeader: proto, HopLimit: 64, SrcIP: src.ip.AsSlice(), DstIP: dst.ip.AsSlice()}
		g.frame(dir, layers.EthernetTypeIPv6, ip, gopacket.Payload(payload))
		return
	}
	src.ipID++
	mtu := g.faults.mtu
	if mtu == 0 || 20+len(payload) <= mtu {
		ip := &layers.IPv4{Version: 4, IHL: 5, TTL: 64, Id: src.ipID, Flags: layers.IPv4DontFragment, Protocol: proto, SrcIP: src.ip.AsSlice(), DstIP: dst.ip.AsSlice()}
		g.frame(dir, layers.EthernetTypeIPv4, ip, gopacket.Payload(payload))
		return
	}
	// Outer fragmentation (RFC 791): fragments of a multiple of 8 octets.
	step := (mtu - 20) &^ 7
	for off := 0; off < len(payload); off += step {
		end := min(off+step, len(payload))
		ip := &layers.IPv4{Version: 4, IHL: 5, TTL: 64, Id: src.ipID, Protocol: proto, FragOffset: uint16(off / 8), SrcIP: src.ip.AsSlice(), DstIP: dst.ip.AsSlice()}
		if end < len(payload) {
			ip.Flags = layers.IPv4MoreFragments
		}
		g.frame(dir, layers.EthernetTypeIPv4, ip, gopacket.Payload(payload[off:end]))
	}
}

// frame adds the link header and queues the frame at the current time.
func (g *gen) frame(dir int, et layers.EthernetType, ls ...gopacket.SerializableLayer) {
	if l := g.linkLayer(dir, et); l != nil {
		ls = append([]gopacket.SerializableLayer{l}, ls...)
	}
	g.push(serialize(ls...))
}

// tcpSend sends a TCP segment of the control connection from dir.
func (g *gen) tcpSend(dir int, payload []byte, syn, fin, rst bool) {
	t := &g.tcp[dir]
	seg := &layers.TCP{SrcPort: layers.TCPPort(g.port[dir]), DstPort: layers.TCPPort(g.port[1-dir]),
		Seq: t.seq, Ack: g.tcp[1-dir].seq, SYN: syn, FIN: fin, RST: rst, ACK: !(syn && dir == c2s) && !rst,
		PSH: len(payload) > 0, Window: 64240}
	if syn {
		seg.Options = []layers.TCPOption{{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: []byte{0x05, 0xb4}}}
	}
	if rst {
		seg.ACK, seg.Window = false, 0
	}
	if !seg.ACK {
		seg.Ack = 0
	}
	var nl gopacket.NetworkLayer
	src, dst := &g.ep[dir], &g.ep[1-dir]
	if g.o.OuterIPv6 {
		nl = &layers.IPv6{Version: 6, NextHeader: layers.IPProtocolTCP, SrcIP: src.ip.AsSlice(), DstIP: dst.ip.AsSlice()}
	} else {
		nl = &layers.IPv4{Version: 4, IHL: 5, Protocol: layers.IPProtocolTCP, SrcIP: src.ip.AsSlice(), DstIP: dst.ip.AsSlice()}
	}
	if err := seg.SetNetworkLayerForChecksum(nl); err != nil {
		panic("simulate: " + err.Error())
	}
	g.ipPacket(dir, layers.IPProtocolTCP, serialize(seg, gopacket.Payload(payload)))
	t.seq += uint32(len(payload))
	if syn || fin {
		t.seq++
	}
}
