package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// LCP option types (RFC 1661 section 6, RFC 1570, RFC 1990).
const (
	LCPOptMRU                   uint8 = 1
	LCPOptACCM                  uint8 = 2
	LCPOptAuthProtocol          uint8 = 3
	LCPOptQualityProtocol       uint8 = 4
	LCPOptMagicNumber           uint8 = 5
	LCPOptPFC                   uint8 = 7
	LCPOptACFC                  uint8 = 8
	LCPOptCallback              uint8 = 13
	LCPOptMRRU                  uint8 = 17
	LCPOptShortSequence         uint8 = 18
	LCPOptEndpointDiscriminator uint8 = 19
)

// LCP is a Link Control Protocol packet (RFC 1661), PPP protocol 0xC021.
type LCP struct {
	ConfigPacket
}

var _ Message = (*LCP)(nil)
var _ gopacket.DecodingLayer = (*LCP)(nil)
var _ gopacket.SerializableLayer = (*LCP)(nil)

// LayerType implements gopacket.Layer.
func (l *LCP) LayerType() gopacket.LayerType { return LayerTypeLCP }

// CanDecode implements gopacket.DecodingLayer.
func (l *LCP) CanDecode() gopacket.LayerClass { return LayerTypeLCP }

// DecodeFromBytes implements gopacket.DecodingLayer.
func (l *LCP) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	return l.decode(data, df, &lcpProto)
}

// Proto implements Message.
func (l *LCP) Proto() string { return "LCP" }

// Name implements Message.
func (l *LCP) Name() string { return l.codeName(&lcpProto) }

// Fields implements Message.
func (l *LCP) Fields() Fields { return l.fields(&lcpProto) }

// Summary implements Message.
func (l *LCP) Summary() string { return l.summary(&lcpProto) }

// Notes implements Message.
func (l *LCP) Notes() []Note { return l.notes(&lcpProto) }

// MRU returns the Maximum-Receive-Unit option.
func (l *LCP) MRU() (uint16, bool) {
	if o, ok := l.validOption(LCPOptMRU); ok {
		return binary.BigEndian.Uint16(o.Data), true
	}
	return 0, false
}

// ACCM returns the Async-Control-Character-Map option.
func (l *LCP) ACCM() (uint32, bool) {
	if o, ok := l.validOption(LCPOptACCM); ok {
		return binary.BigEndian.Uint32(o.Data), true
	}
	return 0, false
}

// AuthProtocol returns the Authentication-Protocol option: the protocol
// (0xC023 PAP, 0xC223 CHAP, 0xC227 EAP) and, for CHAP, the algorithm (5
// MD5, 0x80 MS-CHAPv1, 0x81 MS-CHAPv2; 0 when absent).
func (l *LCP) AuthProtocol() (proto uint16, algorithm uint8, ok bool) {
	o, ok := l.validOption(LCPOptAuthProtocol)
	if !ok {
		return 0, 0, false
	}
	proto = binary.BigEndian.Uint16(o.Data)
	if len(o.Data) >= 3 {
		algorithm = o.Data[2]
	}
	return proto, algorithm, true
}

// MagicNumber returns the Magic-Number option.
func (l *LCP) MagicNumber() (uint32, bool) {
	if o, ok := l.validOption(LCPOptMagicNumber); ok {
		return binary.BigEndian.Uint32(o.Data), true
	}
	return 0, false
}

// PFC reports a Protocol-Field-Compression option.
func (l *LCP) PFC() bool { _, ok := l.validOption(LCPOptPFC); return ok }

// ACFC reports an Address-and-Control-Field-Compression option.
func (l *LCP) ACFC() bool { _, ok := l.validOption(LCPOptACFC); return ok }

// MRRU returns the Multilink MRRU option (RFC 1990).
func (l *LCP) MRRU() (uint16, bool) {
	if o, ok := l.validOption(LCPOptMRRU); ok {
		return binary.BigEndian.Uint16(o.Data), true
	}
	return 0, false
}

// validOption finds an option of type t whose length is right for it.
func (l *LCP) validOption(t uint8) (Option, bool) {
	it := l.IterOptions()
	for o, ok := it.Next(); ok; o, ok = it.Next() {
		if o.Type == t && lcpOptions[t].valid(o) {
			return o, true
		}
	}
	return Option{}, false
}

// RejectedProtocol returns the protocol of a Protocol-Reject and the
// rejected information (the start of the rejected packet's data).
func (l *LCP) RejectedProtocol() (proto layers.PPPType, info []byte, ok bool) {
	if l.Code != CodeProtocolReject || len(l.Data) < 2 {
		return 0, nil, false
	}
	return layers.PPPType(binary.BigEndian.Uint16(l.Data)), l.Data[2:], true
}

// MagicField returns the magic number that starts an Echo-Request,
// Echo-Reply, Discard-Request, Identification or Time-Remaining packet, and
// the bytes after it (after the seconds field for Time-Remaining).
func (l *LCP) MagicField() (magic uint32, rest []byte, ok bool) {
	if l.Code < CodeEchoRequest || l.Code > CodeTimeRemaining || len(l.Data) < 4 {
		return 0, nil, false
	}
	rest = l.Data[4:]
	if l.Code == CodeTimeRemaining {
		if len(rest) < 4 {
			return 0, nil, false
		}
		rest = rest[4:]
	}
	return binary.BigEndian.Uint32(l.Data), rest, true
}

// SecondsRemaining returns the seconds of a Time-Remaining packet.
func (l *LCP) SecondsRemaining() (uint32, bool) {
	if l.Code != CodeTimeRemaining || len(l.Data) < 8 {
		return 0, false
	}
	return binary.BigEndian.Uint32(l.Data[4:]), true
}

func decodeLCP(data []byte, pb gopacket.PacketBuilder) error {
	return decodeWith[LCP](data, pb)
}

var lcpProto = configProto{
	name:        "LCP",
	codes:       func(c uint8) bool { return c >= 1 && c <= 13 },
	opts:        &lcpOptions,
	body:        lcpBodyFields,
	bodySummary: lcpBodySummary,
	bodyCheck:   lcpBodyCheck,
}

// AuthName names an authentication protocol as negotiated by LCP: "PAP",
// "EAP", "CHAP-MD5", "MS-CHAPv1", "MS-CHAPv2", "CHAP" (no algorithm) or
// "CHAP-N".
func AuthName(proto uint16, algorithm uint8) string {
	switch proto {
	case uint16(PPPTypePAP):
		return "PAP"
	case uint16(PPPTypeEAP):
		return "EAP"
	case uint16(PPPTypeCHAP):
		switch CHAPAlgorithm(algorithm) {
		case CHAPAlgorithmUnknown:
			return "CHAP"
		case CHAPAlgorithmMD5:
			return "CHAP-MD5"
		case CHAPAlgorithmMSCHAPv1:
			return "MS-CHAPv1"
		case CHAPAlgorithmMSCHAPv2:
			return "MS-CHAPv2"
		}
		return "CHAP-" + strconv.Itoa(int(algorithm))
	}
	return PPPProtocolName(layers.PPPType(proto))
}

var lcpCallbackOps = map[uint8]string{
	0: "Location determined by user authentication",
	1: "Dialing string",
	2: "Location identifier",
	3: "E.164 number",
	4: "Distinguished name",
	6: "Location determined during CBCP negotiation",
}

var lcpEndpointClasses = [...]string{
	"Null",
	"Locally assigned address",
	"IP address",
	"IEEE 802.1 MAC address",
	"PPP magic-number block",
	"Public switched network directory number",
}

var lcpOptions = [256]optSpec{
	0: {name: "Vendor-Specific", min: 0, max: -1},
	LCPOptMRU: {name: "MRU", min: 2, max: 2,
		fields: func(o Option, f Fields) Fields {
			return f.Add("mru", optU16(o), vstart(o), vend(o))
		},
		summary: func(o Option, b []byte) []byte {
			return strconv.AppendInt(append(b, "MRU="...), int64(optU16(o)), 10)
		}},
	LCPOptACCM: {name: "ACCM", min: 4, max: 4,
		fields: func(o Option, f Fields) Fields {
			return f.Add("accm", hex32(optU32(o)), vstart(o), vend(o))
		},
		summary: func(o Option, b []byte) []byte {
			return appendHex32(append(b, "ACCM="...), optU32(o))
		}},
	LCPOptAuthProtocol: {name: "Authentication-Protocol", min: 2, max: -1,
		fields: func(o Option, f Fields) Fields {
			p := binary.BigEndian.Uint16(o.Data)
			s := vstart(o)
			f = f.Add("protocol", hex16(p), s, s+2)
			f = f.Add("protocol_name", PPPProtocolName(layers.PPPType(p)), s, s+2)
			var alg uint8
			rest := o.Data[2:]
			if p == uint16(PPPTypeCHAP) && len(rest) >= 1 {
				alg = rest[0]
				f = f.Add("algorithm", int(alg), s+2, s+3)
				f = f.Add("algorithm_name", CHAPAlgorithm(alg).String(), s+2, s+3)
				rest = rest[1:]
			}
			f = f.Add("auth", AuthName(p, alg), 0, 0)
			if len(rest) > 0 {
				f = f.Add("data", Hex(rest), vend(o)-len(rest), vend(o))
			}
			return f
		},
		summary: func(o Option, b []byte) []byte {
			p := binary.BigEndian.Uint16(o.Data)
			var alg uint8
			if p == uint16(PPPTypeCHAP) && len(o.Data) >= 3 {
				alg = o.Data[2]
			}
			return append(append(b, "Auth="...), AuthName(p, alg)...)
		}},
	LCPOptQualityProtocol: {name: "Quality-Protocol", min: 2, max: -1,
		fields: func(o Option, f Fields) Fields {
			p := binary.BigEndian.Uint16(o.Data)
			s := vstart(o)
			f = f.Add("protocol", hex16(p), s, s+2)
			f = f.Add("protocol_name", PPPProtocolName(layers.PPPType(p)), s, s+2)
			rest := o.Data[2:]
			if p == uint16(PPPTypeLQR) && len(rest) == 4 {
				return f.Add("reporting_period", uint64(binary.BigEndian.Uint32(rest)), s+2, s+6)
			}
			if len(rest) > 0 {
				f = f.Add("data", Hex(rest), s+2, vend(o))
			}
			return f
		},
		summary: func(o Option, b []byte) []byte {
			return append(append(b, "Quality="...), PPPProtocolName(layers.PPPType(binary.BigEndian.Uint16(o.Data)))...)
		}},
	LCPOptMagicNumber: {name: "Magic-Number", min: 4, max: 4,
		fields: func(o Option, f Fields) Fields {
			return f.Add("magic_number", hex32(optU32(o)), vstart(o), vend(o))
		},
		summary: func(o Option, b []byte) []byte {
			return appendHex32(append(b, "Magic="...), optU32(o))
		}},
	6:          {name: "Link-Quality-Monitoring", min: 0, max: -1},
	LCPOptPFC:  {name: "PFC", min: 0, max: 0, fields: func(_ Option, f Fields) Fields { return f }},
	LCPOptACFC: {name: "ACFC", min: 0, max: 0, fields: func(_ Option, f Fields) Fields { return f }},
	9:          {name: "FCS-Alternatives", min: 0, max: -1},
	10:         {name: "Self-Describing-Pad", min: 0, max: -1},
	11:         {name: "Numbered-Mode", min: 0, max: -1},
	12:         {name: "Multi-Link-Procedure", min: 0, max: -1},
	LCPOptCallback: {name: "Callback", min: 1, max: -1,
		fields: func(o Option, f Fields) Fields {
			s := vstart(o)
			op := o.Data[0]
			f = f.Add("operation", int(op), s, s+1)
			name, ok := lcpCallbackOps[op]
			if !ok {
				name = unknownName(int(op))
			}
			f = f.Add("operation_name", name, s, s+1)
			if len(o.Data) > 1 {
				f = f.Add("message", textOrHex(o.Data[1:]), s+1, vend(o))
			}
			return f
		},
		summary: func(o Option, b []byte) []byte {
			return strconv.AppendInt(append(b, "Callback="...), int64(o.Data[0]), 10)
		}},
	14: {name: "Connect-Time", min: 0, max: -1},
	15: {name: "Compound-Frames", min: 0, max: -1},
	16: {name: "Nominal-Data-Encapsulation", min: 0, max: -1},
	LCPOptMRRU: {name: "MRRU", min: 2, max: 2,
		fields: func(o Option, f Fields) Fields {
			return f.Add("mrru", optU16(o), vstart(o), vend(o))
		},
		summary: func(o Option, b []byte) []byte {
			return strconv.AppendInt(append(b, "MRRU="...), int64(optU16(o)), 10)
		}},
	LCPOptShortSequence: {name: "Short-Sequence", min: 0, max: -1},
	LCPOptEndpointDiscriminator: {name: "Endpoint-Discriminator", min: 1, max: -1,
		fields: func(o Option, f Fields) Fields {
			s := vstart(o)
			class := o.Data[0]
			f = f.Add("class", int(class), s, s+1)
			name := unknownName(int(class))
			if int(class) < len(lcpEndpointClasses) {
				name = lcpEndpointClasses[class]
			}
			f = f.Add("class_name", name, s, s+1)
			return f.Add("address", Hex(o.Data[1:]), s+1, vend(o))
		},
		summary: func(o Option, b []byte) []byte {
			return strconv.AppendInt(append(b, "ED=class"...), int64(o.Data[0]), 10)
		}},
	20: {name: "Proprietary", min: 0, max: -1},
	21: {name: "DCE-Identifier", min: 0, max: -1},
	22: {name: "Multi-Link-Plus-Procedure", min: 0, max: -1},
	23: {name: "Link-Discriminator", min: 0, max: -1},
	24: {name: "LCP-Authentication-Option", min: 0, max: -1},
	25: {name: "COBS", min: 0, max: -1},
	26: {name: "Prefix-Elision", min: 0, max: -1},
	27: {name: "Multilink-Header-Format", min: 0, max: -1},
	28: {name: "Internationalization", min: 0, max: -1},
	29: {name: "Simple-Data-Link", min: 0, max: -1},
	30: {name: "PPP-Muxing", min: 0, max: -1},
}

// lcpBodyFields describes the bodies of LCP codes 8-13.
func lcpBodyFields(c *ConfigPacket, f Fields) Fields {
	d := c.Data
	end := 4 + len(d)
	switch c.Code {
	case CodeProtocolReject:
		if len(d) < 2 {
			break
		}
		p := layers.PPPType(binary.BigEndian.Uint16(d))
		f = f.Add("rejected_protocol", hex16(uint16(p)), 4, 6)
		f = f.Add("rejected_protocol_name", PPPProtocolName(p), 4, 6)
		f = f.Add("rejected_information", Hex(d[2:]), 6, end)
		if m := rejectedMessage(p, d[2:]); m != nil {
			f = f.Add("rejected_message", m.Name(), 6, end)
			f = f.Add("rejected_packet", shiftFields(m.Fields(), 6), 6, end)
		}
		return f
	case CodeEchoRequest, CodeEchoReply, CodeDiscardRequest, CodeIdentification:
		if len(d) < 4 {
			break
		}
		f = f.Add("magic_number", hex32(binary.BigEndian.Uint32(d)), 4, 8)
		if c.Code == CodeIdentification {
			return f.Add("message", textOrHex(d[4:]), 8, end)
		}
		if len(d) > 4 {
			f = f.Add("data", Hex(d[4:]), 8, end)
		}
		return f
	case CodeTimeRemaining:
		if len(d) < 8 {
			break
		}
		f = f.Add("magic_number", hex32(binary.BigEndian.Uint32(d)), 4, 8)
		f = f.Add("seconds", uint64(binary.BigEndian.Uint32(d[4:])), 8, 12)
		if len(d) > 8 {
			f = f.Add("message", textOrHex(d[8:]), 12, end)
		}
		return f
	}
	if len(d) > 0 {
		f = f.Add("data", Hex(d), 4, end)
	}
	return f
}

func lcpBodySummary(c *ConfigPacket) string {
	l := LCP{ConfigPacket: *c}
	switch c.Code {
	case CodeProtocolReject:
		if p, _, ok := l.RejectedProtocol(); ok {
			return "proto=" + PPPProtocolName(p)
		}
	case CodeEchoRequest, CodeEchoReply, CodeDiscardRequest:
		if m, _, ok := l.MagicField(); ok {
			return "magic=" + hex32(m)
		}
	case CodeIdentification:
		if m, rest, ok := l.MagicField(); ok {
			if s := quoteData(rest); s != "" {
				return "magic=" + hex32(m) + " " + s
			}
			return "magic=" + hex32(m)
		}
	case CodeTimeRemaining:
		if m, _, ok := l.MagicField(); ok {
			s, _ := l.SecondsRemaining()
			return fmt.Sprintf("magic=%s seconds=%d", hex32(m), s)
		}
	}
	return quoteData(c.Data)
}

// lcpBodyCheck reports an LCP body too short for its code.
func lcpBodyCheck(c *ConfigPacket) error {
	need := 0
	switch c.Code {
	case CodeProtocolReject:
		need = 2
	case CodeEchoRequest, CodeEchoReply, CodeDiscardRequest, CodeIdentification:
		need = 4
	case CodeTimeRemaining:
		need = 8
	}
	if len(c.Data) < need {
		return malformed("LCP %s needs %d bytes of data, has %d", configCodeNames[c.Code], need, len(c.Data))
	}
	return nil
}

// rejectedMessage decodes the rejected information of a Protocol-Reject
// when it is a packet of a control protocol this package decodes (it is the
// start of the rejected packet, possibly truncated). Used only for display.
func rejectedMessage(p layers.PPPType, info []byte) Message {
	lt := p.LayerType()
	if lt == 0 || len(info) < 4 {
		return nil
	}
	pkt := gopacket.NewPacket(info, lt, gopacket.DecodeOptions{NoCopy: true})
	if ls := pkt.Layers(); len(ls) > 0 {
		if m, ok := ls[0].(Message); ok && len(m.LayerContents()) >= 4 {
			return m
		}
	}
	return nil
}

// shiftFields returns a copy of f with byte ranges moved by n (derived
// fields, with an empty range at 0, stay as they are).
func shiftFields(f Fields, n int) Fields {
	out := make(Fields, len(f))
	for i, x := range f {
		if x.Start != 0 || x.End != 0 {
			x.Start += n
			x.End += n
		}
		switch v := x.Value.(type) {
		case Fields:
			x.Value = shiftFields(v, n)
		case []Fields:
			l := make([]Fields, len(v))
			for j, o := range v {
				l[j] = shiftFields(o, n)
			}
			x.Value = l
		}
		out[i] = x
	}
	return out
}
