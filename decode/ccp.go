package decode

import (
	"encoding/binary"
	"strings"

	"github.com/gopacket/gopacket"
)

// CCPOptMPPE is the CCP option of Microsoft Point-to-Point Encryption and
// Compression (RFC 3078 section 2, RFC 2118).
const CCPOptMPPE uint8 = 18

// Supported bits of the CCP MPPE/MPPC option, as the 32-bit value of its 4
// octets (RFC 3078 section 2; pppd mppe.h; Wireshark ccp.opt.supported_bits).
const (
	MPPEBitH uint32 = 0x01000000 // octet 0 bit 0x01: stateless mode
	MPPEBitM uint32 = 0x00000080 // 56-bit keys
	MPPEBitS uint32 = 0x00000040 // 128-bit keys
	MPPEBitL uint32 = 0x00000020 // 40-bit keys
	MPPEBitD uint32 = 0x00000010 // obsolete
	MPPEBitC uint32 = 0x00000001 // MPPC compression
)

// CCP is a Compression Control Protocol packet (RFC 1962), PPP protocol
// 0x80FD. PPTP uses it to negotiate MPPE (option 18, RFC 3078).
type CCP struct {
	ConfigPacket
}

var _ Message = (*CCP)(nil)
var _ gopacket.DecodingLayer = (*CCP)(nil)
var _ gopacket.SerializableLayer = (*CCP)(nil)

// LayerType implements gopacket.Layer.
func (p *CCP) LayerType() gopacket.LayerType { return LayerTypeCCP }

// CanDecode implements gopacket.DecodingLayer.
func (p *CCP) CanDecode() gopacket.LayerClass { return LayerTypeCCP }

// DecodeFromBytes implements gopacket.DecodingLayer.
func (p *CCP) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	return p.decode(data, df, &ccpProto)
}

// Proto implements Message.
func (p *CCP) Proto() string { return "CCP" }

// Name implements Message.
func (p *CCP) Name() string { return p.codeName(&ccpProto) }

// Fields implements Message.
func (p *CCP) Fields() Fields { return p.fields(&ccpProto) }

// Summary implements Message.
func (p *CCP) Summary() string { return p.summary(&ccpProto) }

// Notes implements Message.
func (p *CCP) Notes() []Note { return p.notes(&ccpProto) }

// MPPEBits returns the supported bits of the MPPE/MPPC option (18).
func (p *CCP) MPPEBits() (uint32, bool) {
	it := p.IterOptions()
	for o, ok := it.Next(); ok; o, ok = it.Next() {
		if o.Type == CCPOptMPPE && len(o.Data) == 4 {
			return binary.BigEndian.Uint32(o.Data), true
		}
	}
	return 0, false
}

func decodeCCP(data []byte, pb gopacket.PacketBuilder) error {
	return decodeWith[CCP](data, pb)
}

var ccpProto = configProto{
	name:  "CCP",
	codes: func(c uint8) bool { return c >= 1 && c <= 7 || c == CodeResetRequest || c == CodeResetAck },
	opts:  &ccpOptions,
}

// MPPEDescription describes MPPE supported bits for people, e.g.
// "MPPE-128 stateless", "MPPE-40/128 stateful", "MPPC", "MPPE-none".
func MPPEDescription(bits uint32) string {
	var parts []string
	var keys []string
	if bits&MPPEBitL != 0 {
		keys = append(keys, "40")
	}
	if bits&MPPEBitM != 0 {
		keys = append(keys, "56")
	}
	if bits&MPPEBitS != 0 {
		keys = append(keys, "128")
	}
	switch {
	case len(keys) > 0:
		parts = append(parts, "MPPE-"+strings.Join(keys, "/"))
	case bits&MPPEBitC == 0:
		parts = append(parts, "MPPE-none")
	}
	if bits&MPPEBitC != 0 {
		parts = append(parts, "MPPC")
	}
	if bits&MPPEBitH != 0 {
		parts = append(parts, "stateless")
	} else if len(keys) > 0 {
		parts = append(parts, "stateful")
	}
	if bits&MPPEBitD != 0 {
		parts = append(parts, "D")
	}
	return strings.Join(parts, " ")
}

var ccpOptions = [256]optSpec{
	0:  {name: "OUI", min: 0, max: -1},
	1:  {name: "Predictor-type-1", min: 0, max: -1},
	2:  {name: "Predictor-type-2", min: 0, max: -1},
	3:  {name: "Puddle-Jumper", min: 0, max: -1},
	16: {name: "HP-PPC", min: 0, max: -1},
	17: {name: "Stac-LZS", min: 0, max: -1},
	CCPOptMPPE: {name: "MPPE", min: 4, max: 4,
		fields: func(o Option, f Fields) Fields {
			s, e := vstart(o), vend(o)
			v := binary.BigEndian.Uint32(o.Data)
			f = f.Add("supported_bits", hex32(v), s, e)
			f = f.Add("h", v&MPPEBitH != 0, s, s+1)
			f = f.Add("m", v&MPPEBitM != 0, s+3, e)
			f = f.Add("s", v&MPPEBitS != 0, s+3, e)
			f = f.Add("l", v&MPPEBitL != 0, s+3, e)
			f = f.Add("d", v&MPPEBitD != 0, s+3, e)
			f = f.Add("c", v&MPPEBitC != 0, s+3, e)
			return f.Add("mppe", MPPEDescription(v), 0, 0)
		},
		summary: func(o Option, b []byte) []byte {
			return append(b, MPPEDescription(binary.BigEndian.Uint32(o.Data))...)
		}},
	19: {name: "Gandalf-FZA", min: 0, max: -1},
	20: {name: "V.42bis", min: 0, max: -1},
	21: {name: "BSD-Compress", min: 0, max: -1},
	23: {name: "LZS-DCP", min: 0, max: -1},
	24: {name: "MVRCA", min: 0, max: -1},
	25: {name: "DCE", min: 0, max: -1},
	26: {name: "Deflate", min: 0, max: -1},
	27: {name: "V.44", min: 0, max: -1},
}
