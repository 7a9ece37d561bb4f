package decode

import (
	"github.com/gopacket/gopacket"
)

// IPV6CP option types (RFC 5072).
const (
	IPV6CPOptInterfaceIdentifier uint8 = 1
	IPV6CPOptCompression         uint8 = 2
)

// IPV6CP is an IPv6 Control Protocol packet (RFC 5072), PPP protocol 0x8057.
type IPV6CP struct {
	ConfigPacket
}

var _ Message = (*IPV6CP)(nil)
var _ gopacket.DecodingLayer = (*IPV6CP)(nil)
var _ gopacket.SerializableLayer = (*IPV6CP)(nil)

// LayerType implements gopacket.Layer.
func (p *IPV6CP) LayerType() gopacket.LayerType { return LayerTypeIPV6CP }

// CanDecode implements gopacket.DecodingLayer.
func (p *IPV6CP) CanDecode() gopacket.LayerClass { return LayerTypeIPV6CP }

// DecodeFromBytes implements gopacket.DecodingLayer.
func (p *IPV6CP) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	return p.decode(data, df, &ipv6cpProto)
}

// Proto implements Message.
func (p *IPV6CP) Proto() string { return "IPV6CP" }

// Name implements Message.
func (p *IPV6CP) Name() string { return p.codeName(&ipv6cpProto) }

// Fields implements Message.
func (p *IPV6CP) Fields() Fields { return p.fields(&ipv6cpProto) }

// Summary implements Message.
func (p *IPV6CP) Summary() string { return p.summary(&ipv6cpProto) }

// Notes implements Message.
func (p *IPV6CP) Notes() []Note { return p.notes(&ipv6cpProto) }

// InterfaceIdentifier returns the Interface-Identifier option (1).
func (p *IPV6CP) InterfaceIdentifier() ([8]byte, bool) {
	it := p.IterOptions()
	for o, ok := it.Next(); ok; o, ok = it.Next() {
		if o.Type == IPV6CPOptInterfaceIdentifier && len(o.Data) == 8 {
			return [8]byte(o.Data), true
		}
	}
	return [8]byte{}, false
}

func decodeIPV6CP(data []byte, pb gopacket.PacketBuilder) error {
	return decodeWith[IPV6CP](data, pb)
}

var ipv6cpProto = configProto{
	name:  "IPV6CP",
	codes: func(c uint8) bool { return c >= 1 && c <= 7 },
	opts:  &ipv6cpOptions,
}

// appendInterfaceID appends an 8-byte interface identifier as four groups of
// four hex digits, e.g. 0011:22ff:fe33:4455.
func appendInterfaceID(b []byte, id []byte) []byte {
	const hexdig = "0123456789abcdef"
	for i, c := range id {
		if i > 0 && i%2 == 0 {
			b = append(b, ':')
		}
		b = append(b, hexdig[c>>4], hexdig[c&0xf])
	}
	return b
}

var ipv6cpOptions = [256]optSpec{
	IPV6CPOptInterfaceIdentifier: {name: "Interface-Identifier", min: 8, max: 8,
		fields: func(o Option, f Fields) Fields {
			return f.Add("interface_identifier", string(appendInterfaceID(nil, o.Data)), vstart(o), vend(o))
		},
		summary: func(o Option, b []byte) []byte {
			return appendInterfaceID(append(b, "IfID="...), o.Data)
		}},
	IPV6CPOptCompression: {name: "IPv6-Compression-Protocol", min: 2, max: -1, fields: compressionFields, summary: compressionSummary},
}
