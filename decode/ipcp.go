package decode

import (
	"encoding/binary"
	"net/netip"

	"github.com/gopacket/gopacket"
)

// IPCP option types (RFC 1332, RFC 1172, RFC 2290, RFC 1877).
const (
	IPCPOptIPAddresses   uint8 = 1 // deprecated (RFC 1172)
	IPCPOptCompression   uint8 = 2
	IPCPOptIPAddress     uint8 = 3
	IPCPOptMobileIPv4    uint8 = 4
	IPCPOptPrimaryDNS    uint8 = 129
	IPCPOptPrimaryNBNS   uint8 = 130
	IPCPOptSecondaryDNS  uint8 = 131
	IPCPOptSecondaryNBNS uint8 = 132
)

// IPCP is an IP Control Protocol packet (RFC 1332), PPP protocol 0x8021.
type IPCP struct {
	ConfigPacket
}

var _ Message = (*IPCP)(nil)
var _ gopacket.DecodingLayer = (*IPCP)(nil)
var _ gopacket.SerializableLayer = (*IPCP)(nil)

// LayerType implements gopacket.Layer.
func (p *IPCP) LayerType() gopacket.LayerType { return LayerTypeIPCP }

// CanDecode implements gopacket.DecodingLayer.
func (p *IPCP) CanDecode() gopacket.LayerClass { return LayerTypeIPCP }

// DecodeFromBytes implements gopacket.DecodingLayer.
func (p *IPCP) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	return p.decode(data, df, &ipcpProto)
}

// Proto implements Message.
func (p *IPCP) Proto() string { return "IPCP" }

// Name implements Message.
func (p *IPCP) Name() string { return p.codeName(&ipcpProto) }

// Fields implements Message.
func (p *IPCP) Fields() Fields { return p.fields(&ipcpProto) }

// Summary implements Message.
func (p *IPCP) Summary() string { return p.summary(&ipcpProto) }

// Notes implements Message.
func (p *IPCP) Notes() []Note { return p.notes(&ipcpProto) }

// address returns the 4-byte address option of type t.
func (p *IPCP) address(t uint8) (netip.Addr, bool) {
	it := p.IterOptions()
	for o, ok := it.Next(); ok; o, ok = it.Next() {
		if o.Type == t && len(o.Data) == 4 {
			return netip.AddrFrom4([4]byte(o.Data)), true
		}
	}
	return netip.Addr{}, false
}

// IPAddress returns the IP-Address option (3).
func (p *IPCP) IPAddress() (netip.Addr, bool) { return p.address(IPCPOptIPAddress) }

// PrimaryDNS returns the Primary-DNS option (129, RFC 1877).
func (p *IPCP) PrimaryDNS() (netip.Addr, bool) { return p.address(IPCPOptPrimaryDNS) }

// SecondaryDNS returns the Secondary-DNS option (131).
func (p *IPCP) SecondaryDNS() (netip.Addr, bool) { return p.address(IPCPOptSecondaryDNS) }

// PrimaryNBNS returns the Primary-NBNS option (130).
func (p *IPCP) PrimaryNBNS() (netip.Addr, bool) { return p.address(IPCPOptPrimaryNBNS) }

// SecondaryNBNS returns the Secondary-NBNS option (132).
func (p *IPCP) SecondaryNBNS() (netip.Addr, bool) { return p.address(IPCPOptSecondaryNBNS) }

// IPAddresses returns the deprecated IP-Addresses option (1, RFC 1172):
// the sender's and the receiver's address.
func (p *IPCP) IPAddresses() (src, dst netip.Addr, ok bool) {
	it := p.IterOptions()
	for o, ok := it.Next(); ok; o, ok = it.Next() {
		if o.Type == IPCPOptIPAddresses && len(o.Data) == 8 {
			return netip.AddrFrom4([4]byte(o.Data[:4])), netip.AddrFrom4([4]byte(o.Data[4:])), true
		}
	}
	return netip.Addr{}, netip.Addr{}, false
}

// Compression returns the IP-Compression-Protocol option's protocol
// (0x002d Van Jacobson).
func (p *IPCP) Compression() (uint16, bool) {
	if o, ok := p.FindOption(IPCPOptCompression); ok && len(o.Data) >= 2 {
		return binary.BigEndian.Uint16(o.Data), true
	}
	return 0, false
}

func decodeIPCP(data []byte, pb gopacket.PacketBuilder) error {
	return decodeWith[IPCP](data, pb)
}

var ipcpProto = configProto{
	name:  "IPCP",
	codes: func(c uint8) bool { return c >= 1 && c <= 7 },
	opts:  &ipcpOptions,
}

// Compression protocols of IPCP and IPV6CP option 2.
const (
	CompressionVJ   uint16 = 0x002d // Van Jacobson (RFC 1144, RFC 1332)
	CompressionIPHC uint16 = 0x0061 // IP header compression (RFC 2509)
	CompressionROHC uint16 = 0x0003 // RObust Header Compression (RFC 3241)
	// CompressionIPv6HC is the IPv6 header compression value of RFC 2472.
	CompressionIPv6HC uint16 = 0x004f
)

func compressionName(p uint16) string {
	switch p {
	case CompressionVJ:
		return "VJ"
	case CompressionIPHC:
		return "IPHC"
	case CompressionROHC:
		return "ROHC"
	case CompressionIPv6HC:
		return "IPv6-HC"
	}
	return hex16(p)
}

// compressionFields describes an IP(v6)-Compression-Protocol option.
func compressionFields(o Option, f Fields) Fields {
	p := binary.BigEndian.Uint16(o.Data)
	s := vstart(o)
	f = f.Add("protocol", hex16(p), s, s+2)
	f = f.Add("protocol_name", compressionName(p), s, s+2)
	rest := o.Data[2:]
	if p == CompressionVJ && len(rest) == 2 {
		f = f.Add("max_slot_id", int(rest[0]), s+2, s+3)
		return f.Add("comp_slot_id", int(rest[1]), s+3, s+4)
	}
	if len(rest) > 0 {
		f = f.Add("data", Hex(rest), s+2, vend(o))
	}
	return f
}

func compressionSummary(o Option, b []byte) []byte {
	return append(append(b, "Comp="...), compressionName(binary.BigEndian.Uint16(o.Data))...)
}

// addressOption is a 4-byte IPv4 address option shown as "address".
func addressOption(name, short string) optSpec {
	return optSpec{name: name, min: 4, max: 4,
		fields: func(o Option, f Fields) Fields {
			return f.Add("address", netip.AddrFrom4([4]byte(o.Data)).String(), vstart(o), vend(o))
		},
		summary: func(o Option, b []byte) []byte {
			return netip.AddrFrom4([4]byte(o.Data)).AppendTo(append(b, short+"="...))
		}}
}

var ipcpOptions = [256]optSpec{
	IPCPOptIPAddresses: {name: "IP-Addresses", min: 8, max: 8,
		fields: func(o Option, f Fields) Fields {
			s := vstart(o)
			f = f.Add("source_address", netip.AddrFrom4([4]byte(o.Data[:4])).String(), s, s+4)
			return f.Add("destination_address", netip.AddrFrom4([4]byte(o.Data[4:])).String(), s+4, s+8)
		},
		summary: func(o Option, b []byte) []byte {
			b = netip.AddrFrom4([4]byte(o.Data[:4])).AppendTo(append(b, "IPs="...))
			return netip.AddrFrom4([4]byte(o.Data[4:])).AppendTo(append(b, ','))
		}},
	IPCPOptCompression:   {name: "IP-Compression-Protocol", min: 2, max: -1, fields: compressionFields, summary: compressionSummary},
	IPCPOptIPAddress:     addressOption("IP-Address", "IP"),
	IPCPOptMobileIPv4:    addressOption("Mobile-IPv4", "HomeIP"),
	IPCPOptPrimaryDNS:    addressOption("Primary-DNS", "DNS1"),
	IPCPOptPrimaryNBNS:   addressOption("Primary-NBNS", "NBNS1"),
	IPCPOptSecondaryDNS:  addressOption("Secondary-DNS", "DNS2"),
	IPCPOptSecondaryNBNS: addressOption("Secondary-NBNS", "NBNS2"),
}
