package decode

import (
	"encoding/binary"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// PPP is a PPP frame header as carried in enhanced GRE or on a PPP link:
// an optional FF 03 address/control field (absent when ACFC was negotiated)
// and a 1- or 2-byte protocol field (1 byte when PFC was negotiated: an odd
// first byte).
type PPP struct {
	layers.BaseLayer
	// AddressControl is true when the frame starts with FF 03.
	AddressControl bool
	// Protocol is the PPP protocol number.
	Protocol layers.PPPType
	// CompressedProtocol is true when the protocol field is one byte.
	CompressedProtocol bool
}

// LayerType implements gopacket.Layer.
func (p *PPP) LayerType() gopacket.LayerType { return LayerTypePPP }

// CanDecode implements gopacket.DecodingLayer.
func (p *PPP) CanDecode() gopacket.LayerClass { return LayerTypePPP }

// NextLayerType returns the layer of the protocol field, or
// gopacket.LayerTypePayload.
func (p *PPP) NextLayerType() gopacket.LayerType {
	if lt := pppLayer(p.Protocol); lt != 0 {
		return lt
	}
	return gopacket.LayerTypePayload
}

// DecodeFromBytes implements gopacket.DecodingLayer.
func (p *PPP) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	*p = PPP{}
	off := 0
	if len(data) >= 2 && data[0] == 0xff && data[1] == 0x03 {
		p.AddressControl = true
		off = 2
	}
	if len(data) < off+1 {
		df.SetTruncated()
		return truncated("PPP protocol field", off+1, len(data))
	}
	if data[off]&1 == 1 {
		p.CompressedProtocol = true
		p.Protocol = layers.PPPType(data[off])
		off++
	} else {
		if len(data) < off+2 {
			df.SetTruncated()
			return truncated("PPP protocol field", off+2, len(data))
		}
		p.Protocol = layers.PPPType(binary.BigEndian.Uint16(data[off:]))
		if p.Protocol&1 == 0 {
			return malformed("PPP protocol 0x%04x is even", uint16(p.Protocol))
		}
		off += 2
	}
	p.Contents, p.Payload = data[:off], data[off:]
	return nil
}

// SerializeTo implements gopacket.SerializableLayer.
func (p *PPP) SerializeTo(b gopacket.SerializeBuffer, _ gopacket.SerializeOptions) error {
	n := 2
	if p.CompressedProtocol {
		n = 1
	}
	if p.AddressControl {
		n += 2
	}
	buf, err := b.PrependBytes(n)
	if err != nil {
		return err
	}
	i := 0
	if p.AddressControl {
		buf[0], buf[1] = 0xff, 0x03
		i = 2
	}
	if p.CompressedProtocol {
		buf[i] = byte(p.Protocol)
	} else {
		binary.BigEndian.PutUint16(buf[i:], uint16(p.Protocol))
	}
	return nil
}

func decodePPP(data []byte, pb gopacket.PacketBuilder) error {
	p := &PPP{}
	if err := p.DecodeFromBytes(data, pb); err != nil {
		return err
	}
	pb.AddLayer(p)
	return pb.NextDecoder(p.NextLayerType())
}
