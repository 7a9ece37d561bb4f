package decode

import (
	"encoding/binary"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// ControlHeader is the Code / Identifier / Length header shared by every PPP
// control protocol (RFC 1661 section 5; PAP, CHAP, EAP, CBCP and the NCPs
// use the same layout).
type ControlHeader struct {
	Code       uint8
	Identifier uint8
	Length     uint16
}

// decodeControl reads the header of a PPP control packet and returns its
// body (the bytes after the header, up to Length). Bytes after Length are
// padding and are left out of the returned contents.
func (h *ControlHeader) decodeControl(b *layers.BaseLayer, data []byte, df gopacket.DecodeFeedback, proto string) ([]byte, error) {
	if len(data) < 4 {
		df.SetTruncated()
		return nil, truncated(proto+" header", 4, len(data))
	}
	h.Code, h.Identifier = data[0], data[1]
	h.Length = binary.BigEndian.Uint16(data[2:4])
	n := int(h.Length)
	if n < 4 {
		b.Contents, b.Payload = data[:4], nil
		return nil, malformed("%s length %d is shorter than its 4-byte header", proto, n)
	}
	if n > len(data) {
		df.SetTruncated()
		b.Contents, b.Payload = data, nil
		return data[4:], truncated(proto+" packet", n, len(data))
	}
	b.Contents, b.Payload = data[:n], nil
	return data[4:n], nil
}

// serializeControl writes a control header followed by body.
func serializeControl(b gopacket.SerializeBuffer, opts gopacket.SerializeOptions, h ControlHeader, body []byte) error {
	buf, err := b.PrependBytes(4 + len(body))
	if err != nil {
		return err
	}
	if opts.FixLengths {
		h.Length = uint16(4 + len(body))
	}
	buf[0], buf[1] = h.Code, h.Identifier
	binary.BigEndian.PutUint16(buf[2:], h.Length)
	copy(buf[4:], body)
	return nil
}

// headerFields lists the header for display.
func (h *ControlHeader) headerFields(codeName string) Fields {
	var f Fields
	f = f.Add("code", int(h.Code), 0, 1)
	f = f.Add("code_name", codeName, 0, 1)
	f = f.Add("identifier", int(h.Identifier), 1, 2)
	f = f.Add("length", int(h.Length), 2, 4)
	return f
}

// Option is one Type-Length-Value option of LCP, IPCP, IPV6CP or CCP
// (RFC 1661 section 6). Data aliases the packet; Offset is the position of
// the option's type byte within the layer's contents.
type Option struct {
	Type   uint8
	Data   []byte
	Offset int
}

// OptionIterator walks a configuration option list without copying it.
// Every configuration protocol (LCP, IPCP, IPV6CP, CCP) uses it:
//
//	it := NewOptionIterator(opts, 4)
//	for o, ok := it.Next(); ok; o, ok = it.Next() { ... }
//	if err := it.Err(); err != nil { ... }
type OptionIterator struct {
	data []byte
	off  int
	base int
	err  error
}

// NewOptionIterator iterates over data, whose first byte is at offset base
// within the layer (for the Option.Offset values).
func NewOptionIterator(data []byte, base int) OptionIterator {
	return OptionIterator{data: data, base: base}
}

// Next returns the next option. It stops at the end of the data or at the
// first option whose length is below 2 or runs past the end; Err tells which.
func (it *OptionIterator) Next() (Option, bool) {
	if it.err != nil || it.off >= len(it.data) {
		return Option{}, false
	}
	rest := it.data[it.off:]
	if len(rest) < 2 {
		it.err = truncated("option header", 2, len(rest))
		return Option{}, false
	}
	l := int(rest[1])
	if l < 2 {
		it.err = malformed("option %d has length %d (minimum 2)", rest[0], l)
		return Option{}, false
	}
	if l > len(rest) {
		it.err = truncated("option", l, len(rest))
		return Option{}, false
	}
	o := Option{Type: rest[0], Data: rest[2:l], Offset: it.base + it.off}
	it.off += l
	return o, true
}

// Err returns the error that stopped the iteration, if any.
func (it *OptionIterator) Err() error { return it.err }

// decodeWith is the gopacket.Decoder shared by the layers of this package:
// it decodes a fresh T and continues with its next layer.
func decodeWith[T any, PT interface {
	*T
	gopacket.DecodingLayer
	gopacket.Layer
}](data []byte, pb gopacket.PacketBuilder) error {
	l := PT(new(T))
	err := l.DecodeFromBytes(data, pb)
	if err != nil && len(l.LayerContents()) == 0 {
		return err
	}
	pb.AddLayer(l)
	if err != nil {
		return err
	}
	return pb.NextDecoder(l.NextLayerType())
}
