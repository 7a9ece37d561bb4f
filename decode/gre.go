package decode

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// GRE is a GRE header, decoded by gopacket's layers.GRE, with the meaning
// RFC 2637 section 4.1 gives the fields of enhanced GRE (version 1): the key
// holds the payload length (high 16 bits) and the peer's call ID (low 16
// bits); the sequence number is present when the packet carries a payload,
// the acknowledgment number when it acknowledges one. Version 0 GRE (RFC
// 2784) decodes too but reports IsPPTP false.
type GRE struct {
	layers.GRE
	// Short is true when fewer payload bytes were captured than the key's
	// payload length announces (snap length or IP truncation).
	Short bool
}

// LayerType implements gopacket.Layer.
func (g *GRE) LayerType() gopacket.LayerType { return LayerTypeGRE }

// CanDecode implements gopacket.DecodingLayer.
func (g *GRE) CanDecode() gopacket.LayerClass { return LayerTypeGRE }

// IsPPTP reports whether this is enhanced GRE carrying PPP (version 1,
// protocol 0x880B, key present).
func (g *GRE) IsPPTP() bool {
	return g.Version == 1 && g.Protocol == layers.EthernetTypePPP && g.KeyPresent
}

// PayloadLength is the payload length announced in the key (enhanced GRE).
func (g *GRE) PayloadLength() int { return int(g.Key >> 16) }

// CallID is the peer's call ID, from the low 16 bits of the key.
func (g *GRE) CallID() uint16 { return uint16(g.Key) }

// AckOnly reports an enhanced GRE packet that carries no payload, only an
// acknowledgment.
func (g *GRE) AckOnly() bool { return g.IsPPTP() && g.PayloadLength() == 0 && len(g.Payload) == 0 }

// NextLayerType implements gopacket.DecodingLayer.
func (g *GRE) NextLayerType() gopacket.LayerType {
	if len(g.Payload) == 0 {
		return gopacket.LayerTypeZero
	}
	if g.IsPPTP() {
		return LayerTypePPP
	}
	return g.GRE.NextLayerType()
}

// DecodeFromBytes implements gopacket.DecodingLayer.
func (g *GRE) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	g.Short = false
	if err := g.GRE.DecodeFromBytes(data, df); err != nil {
		if strings.Contains(err.Error(), "too many") {
			return fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		return fmt.Errorf("%w: %v", ErrTruncated, err)
	}
	if g.IsPPTP() {
		n := g.PayloadLength()
		switch {
		case len(g.Payload) > n:
			// Trailing bytes (Ethernet padding is removed earlier; this is
			// garbage after the announced payload): keep the announced part.
			g.Payload = g.Payload[:n]
		case len(g.Payload) < n:
			g.Short = true
			df.SetTruncated()
		}
	}
	return nil
}

// decodePPTP decodes the usual enhanced GRE header (version 1, protocol
// PPP, a key, a sequence and/or an acknowledgment number; no checksum,
// routing, strict source route, recursion or flags) with all its
// announced payload, as DecodeFromBytes does but without gopacket's
// general decoder; it reports false, g being left to be decoded again, for
// any other header or a short payload. FuzzGRE checks that both agree.
func (g *GRE) decodePPTP(data []byte) bool {
	if len(data) < 8 || data[0]&^0x10 != 0x20 || data[1]&^0x80 != 0x01 ||
		data[2] != byte(layers.EthernetTypePPP>>8) || data[3] != byte(layers.EthernetTypePPP&0xff) {
		return false
	}
	seq, ack := data[0]&0x10 != 0, data[1]&0x80 != 0
	off := 8
	var sn, an uint32
	if seq {
		if len(data) < off+4 {
			return false
		}
		sn = binary.BigEndian.Uint32(data[off:])
		off += 4
	}
	if ack {
		if len(data) < off+4 {
			return false
		}
		an = binary.BigEndian.Uint32(data[off:])
		off += 4
	}
	key := binary.BigEndian.Uint32(data[4:])
	payload := data[off:]
	n := int(key >> 16)
	if len(payload) < n {
		return false // Short: DecodeFromBytes says so
	}
	// Cleared, then set field by field: a composite literal is built aside
	// and copied.
	*g = GRE{}
	g.Contents, g.Payload = data[:off], payload[:n]
	g.KeyPresent, g.SeqPresent, g.AckPresent = true, seq, ack
	g.Flags, g.Version, g.Protocol = data[1]>>3, 1, layers.EthernetTypePPP
	g.Key, g.Seq, g.Ack = key, sn, an
	return true
}

// Fields describes the header for display.
func (g *GRE) Fields() Fields {
	var f Fields
	f = f.Add("version", int(g.Version), 1, 2)
	f = f.Add("protocol", hex16(uint16(g.Protocol)), 2, 4)
	if g.Version != 1 {
		return f
	}
	off := 4
	if g.KeyPresent {
		f = f.Add("payload_length", g.PayloadLength(), off, off+2)
		f = f.Add("call_id", int(g.CallID()), off+2, off+4)
		off += 4
	}
	if g.SeqPresent {
		f = f.Add("seq", uint64(g.Seq), off, off+4)
		off += 4
	}
	if g.AckPresent {
		f = f.Add("ack", uint64(g.Ack), off, off+4)
	}
	return f
}

func decodeGRE(data []byte, pb gopacket.PacketBuilder) error {
	g := &GRE{}
	if err := g.DecodeFromBytes(data, pb); err != nil {
		return err
	}
	pb.AddLayer(g)
	return pb.NextDecoder(g.NextLayerType())
}
