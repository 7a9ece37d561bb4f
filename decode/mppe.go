package decode

import (
	"encoding/binary"
	"strconv"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Bits of the first octet of the MPPE header (RFC 3078 section 3, RFC 2118;
// Linux ppp_mppe.c MPPE_BIT_A..D).
const (
	MPPEFlagA uint8 = 0x80 // flushed: the sender reset its state (rekeyed)
	MPPEFlagB uint8 = 0x40 // MPPC: packet at the front of the history buffer
	MPPEFlagC uint8 = 0x20 // MPPC: compressed
	MPPEFlagD uint8 = 0x10 // encrypted
)

// MPPE is the header of a PPP compressed datagram (protocol 0x00FD) when
// MPPE/MPPC is negotiated: the A B C D bits and a 12-bit coherency count.
// Its Payload is the (encrypted and/or compressed) datagram.
type MPPE struct {
	layers.BaseLayer
	// Flushed is bit A (0x80).
	Flushed bool
	// AtFront is bit B (0x40, MPPC only).
	AtFront bool
	// Compressed is bit C (0x20, MPPC only).
	Compressed bool
	// Encrypted is bit D (0x10).
	Encrypted bool
	// CoherencyCount is the 12-bit coherency count.
	CoherencyCount uint16
}

var _ Message = (*MPPE)(nil)
var _ gopacket.DecodingLayer = (*MPPE)(nil)
var _ gopacket.SerializableLayer = (*MPPE)(nil)

// LayerType implements gopacket.Layer.
func (m *MPPE) LayerType() gopacket.LayerType { return LayerTypeMPPE }

// CanDecode implements gopacket.DecodingLayer.
func (m *MPPE) CanDecode() gopacket.LayerClass { return LayerTypeMPPE }

// NextLayerType implements gopacket.DecodingLayer: the payload is opaque
// (encrypted) data.
func (m *MPPE) NextLayerType() gopacket.LayerType {
	if len(m.Payload) == 0 {
		return gopacket.LayerTypeZero
	}
	return gopacket.LayerTypePayload
}

// DecodeFromBytes implements gopacket.DecodingLayer.
func (m *MPPE) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	*m = MPPE{}
	if len(data) < 2 {
		df.SetTruncated()
		m.Contents = data
		return truncated("MPPE header", 2, len(data))
	}
	m.Flushed = data[0]&MPPEFlagA != 0
	m.AtFront = data[0]&MPPEFlagB != 0
	m.Compressed = data[0]&MPPEFlagC != 0
	m.Encrypted = data[0]&MPPEFlagD != 0
	m.CoherencyCount = binary.BigEndian.Uint16(data) & 0x0fff
	m.Contents, m.Payload = data[:2], data[2:]
	return nil
}

// SerializeTo implements gopacket.SerializableLayer: the 2-byte header (the
// payload is serialized by the next layer). The count is taken modulo 4096.
func (m *MPPE) SerializeTo(b gopacket.SerializeBuffer, _ gopacket.SerializeOptions) error {
	buf, err := b.PrependBytes(2)
	if err != nil {
		return err
	}
	binary.BigEndian.PutUint16(buf, m.CoherencyCount&0x0fff)
	if m.Flushed {
		buf[0] |= MPPEFlagA
	}
	if m.AtFront {
		buf[0] |= MPPEFlagB
	}
	if m.Compressed {
		buf[0] |= MPPEFlagC
	}
	if m.Encrypted {
		buf[0] |= MPPEFlagD
	}
	return nil
}

// Proto implements Message.
func (m *MPPE) Proto() string { return "MPPE" }

// Name implements Message.
func (m *MPPE) Name() string { return "Data" }

// Identifier implements Message: MPPE has none.
func (m *MPPE) Identifier() int { return -1 }

// Fields implements Message.
func (m *MPPE) Fields() Fields {
	if len(m.Contents) < 2 {
		return nil
	}
	var f Fields
	f = f.Add("a_flushed", m.Flushed, 0, 1)
	f = f.Add("b", m.AtFront, 0, 1)
	f = f.Add("c_compressed", m.Compressed, 0, 1)
	f = f.Add("d_encrypted", m.Encrypted, 0, 1)
	f = f.Add("coherency_count", int(m.CoherencyCount), 0, 2)
	f = f.Add("payload_length", len(m.Payload), 2, 2+len(m.Payload))
	return f
}

// Summary implements Message, e.g. "ccount=17 A D".
func (m *MPPE) Summary() string {
	if len(m.Contents) < 2 {
		return ""
	}
	b := strconv.AppendInt([]byte("ccount="), int64(m.CoherencyCount), 10)
	for _, x := range [...]struct {
		set bool
		c   byte
	}{{m.Flushed, 'A'}, {m.AtFront, 'B'}, {m.Compressed, 'C'}, {m.Encrypted, 'D'}} {
		if x.set {
			b = append(b, ' ', x.c)
		}
	}
	return string(b)
}

// Notes implements Message.
func (m *MPPE) Notes() []Note {
	switch {
	case len(m.Contents) < 2:
		return []Note{note("mppe-truncated")}
	case !m.Encrypted && !m.Compressed:
		return []Note{note("mppe-no-d-or-c")}
	}
	return nil
}

func decodeMPPE(data []byte, pb gopacket.PacketBuilder) error {
	return decodeWith[MPPE](data, pb)
}
