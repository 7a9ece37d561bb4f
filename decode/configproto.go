package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Codes shared by the configuration protocols (RFC 1661 section 5; LCP adds
// 8-13, CCP adds 14 and 15 from RFC 1962).
const (
	CodeConfigureRequest uint8 = 1
	CodeConfigureAck     uint8 = 2
	CodeConfigureNak     uint8 = 3
	CodeConfigureReject  uint8 = 4
	CodeTerminateRequest uint8 = 5
	CodeTerminateAck     uint8 = 6
	CodeCodeReject       uint8 = 7
	CodeProtocolReject   uint8 = 8
	CodeEchoRequest      uint8 = 9
	CodeEchoReply        uint8 = 10
	CodeDiscardRequest   uint8 = 11
	CodeIdentification   uint8 = 12
	CodeTimeRemaining    uint8 = 13
	CodeResetRequest     uint8 = 14
	CodeResetAck         uint8 = 15
)

var configCodeNames = [...]string{
	CodeConfigureRequest: "Configure-Request",
	CodeConfigureAck:     "Configure-Ack",
	CodeConfigureNak:     "Configure-Nak",
	CodeConfigureReject:  "Configure-Reject",
	CodeTerminateRequest: "Terminate-Request",
	CodeTerminateAck:     "Terminate-Ack",
	CodeCodeReject:       "Code-Reject",
	CodeProtocolReject:   "Protocol-Reject",
	CodeEchoRequest:      "Echo-Request",
	CodeEchoReply:        "Echo-Reply",
	CodeDiscardRequest:   "Discard-Request",
	CodeIdentification:   "Identification",
	CodeTimeRemaining:    "Time-Remaining",
	CodeResetRequest:     "Reset-Request",
	CodeResetAck:         "Reset-Ack",
}

// ConfigPacket is a packet of a PPP configuration protocol (LCP, IPCP,
// IPV6CP or CCP): the Code / Identifier / Length header, then either the raw
// option list (Configure-Request/Ack/Nak/Reject, codes 1-4) or the body of
// the other codes. Both alias the decoded data; options are walked with
// IterOptions, never copied. The Identifier method shadows the header's
// Identifier field: use ControlHeader.Identifier for the raw value.
type ConfigPacket struct {
	layers.BaseLayer
	ControlHeader
	// Options is the raw option list of codes 1-4 (nil for other codes).
	Options []byte
	// Data is the body of every other code (nil for codes 1-4).
	Data []byte

	optErr  error // why the option walk stopped early, if it did
	optGood int   // bytes of Options holding well-formed options
	padding int   // bytes after Length, left out of Contents
}

// configProto describes one configuration protocol for the shared code.
type configProto struct {
	name  string
	codes func(code uint8) bool // codes the protocol defines
	opts  *[256]optSpec
	// body describes the body of the codes that are not Configure-* nor
	// shared (LCP 8-13, CCP 14-15); nil means "data" as hex.
	body func(c *ConfigPacket, f Fields) Fields
	// bodySummary summarizes those bodies; nil for none.
	bodySummary func(c *ConfigPacket) string
	// bodyCheck reports a body too short for its code (an error from
	// DecodeFromBytes and a note); nil for none.
	bodyCheck func(c *ConfigPacket) error
}

// optSpec describes one option type of one protocol.
type optSpec struct {
	name     string // "" for an unknown option
	min, max int    // allowed data length (after type and length); max -1: no limit
	// fields appends the value fields of a well-formed option (o.Data has
	// between min and max bytes); nil shows "data" as hex.
	fields func(o Option, f Fields) Fields
	// summary appends a short token for Summary; nil writes the name.
	summary func(o Option, b []byte) []byte
}

func (s *optSpec) valid(o Option) bool {
	return len(o.Data) >= s.min && (s.max < 0 || len(o.Data) <= s.max)
}

// IsConfigure reports whether the packet is a Configure-Request, -Ack, -Nak
// or -Reject, the codes that carry options.
func (c *ConfigPacket) IsConfigure() bool {
	return c.Code >= CodeConfigureRequest && c.Code <= CodeConfigureReject
}

// IterOptions returns an iterator over the options of a Configure-* packet
// (empty for other codes). Option offsets are relative to the layer.
func (c *ConfigPacket) IterOptions() OptionIterator { return NewOptionIterator(c.Options, 4) }

// FindOption returns the first well-formed option of type t.
func (c *ConfigPacket) FindOption(t uint8) (Option, bool) {
	it := c.IterOptions()
	for o, ok := it.Next(); ok; o, ok = it.Next() {
		if o.Type == t {
			return o, true
		}
	}
	return Option{}, false
}

// Identifier implements Message.
func (c *ConfigPacket) Identifier() int { return int(c.ControlHeader.Identifier) }

// NextLayerType implements gopacket.DecodingLayer: nothing follows a
// control packet.
func (c *ConfigPacket) NextLayerType() gopacket.LayerType { return gopacket.LayerTypeZero }

// SerializeTo implements gopacket.SerializableLayer: the header, then
// Options (codes 1-4) or Data. With opts.FixLengths the Length is computed.
func (c *ConfigPacket) SerializeTo(b gopacket.SerializeBuffer, opts gopacket.SerializeOptions) error {
	body := c.Data
	if c.IsConfigure() {
		body = c.Options
	}
	return serializeControl(b, opts, c.ControlHeader, body)
}

// decode is the DecodeFromBytes shared by the four protocols.
func (c *ConfigPacket) decode(data []byte, df gopacket.DecodeFeedback, p *configProto) error {
	*c = ConfigPacket{}
	body, err := c.decodeControl(&c.BaseLayer, data, df, p.name)
	if body == nil && err != nil {
		if len(data) >= 4 {
			// Length below 4: keep the header so it can be shown.
			c.Contents = data
		}
		return err
	}
	if err == nil {
		c.padding = len(data) - int(c.Length)
	}
	if !c.IsConfigure() {
		c.Data = body
		if err == nil && p.bodyCheck != nil {
			err = p.bodyCheck(c)
		}
		return err
	}
	c.Options = body
	it := c.IterOptions()
	for o, ok := it.Next(); ok; o, ok = it.Next() {
		c.optGood = o.Offset - 4 + 2 + len(o.Data)
	}
	if oerr := it.Err(); oerr != nil {
		c.optErr = oerr
		if err == nil {
			err = fmt.Errorf("%s options: %w", p.name, oerr)
		}
	}
	return err
}

func (c *ConfigPacket) codeName(p *configProto) string {
	if p.codes(c.Code) {
		return configCodeNames[c.Code]
	}
	return unknownName(int(c.Code))
}

// fields builds the display fields shared by the four protocols.
func (c *ConfigPacket) fields(p *configProto) Fields {
	if len(c.Contents) < 4 {
		return nil
	}
	f := c.headerFields(c.codeName(p))
	if c.IsConfigure() {
		var list []Fields
		it := c.IterOptions()
		for o, ok := it.Next(); ok; o, ok = it.Next() {
			list = append(list, optionFields(p, o))
		}
		if list == nil {
			list = []Fields{}
		}
		f = f.Add("options", list, 4, 4+len(c.Options))
		if c.optGood < len(c.Options) {
			f = f.Add("undecoded_options", Hex(c.Options[c.optGood:]), 4+c.optGood, 4+len(c.Options))
		}
		return f
	}
	end := 4 + len(c.Data)
	switch {
	case c.Code == CodeTerminateRequest || c.Code == CodeTerminateAck:
		if len(c.Data) > 0 {
			f = f.Add("data", textOrHex(c.Data), 4, end)
		}
	case c.Code == CodeCodeReject:
		f = f.Add("rejected_packet", Hex(c.Data), 4, end)
		if len(c.Data) >= 1 {
			f = f.Add("rejected_code", int(c.Data[0]), 4, 5)
			rc := ConfigPacket{ControlHeader: ControlHeader{Code: c.Data[0]}}
			f = f.Add("rejected_code_name", rc.codeName(p), 4, 5)
		}
		if len(c.Data) >= 2 {
			f = f.Add("rejected_identifier", int(c.Data[1]), 5, 6)
		}
		if len(c.Data) >= 4 {
			f = f.Add("rejected_length", int(binary.BigEndian.Uint16(c.Data[2:4])), 6, 8)
		}
	case p.body != nil && p.codes(c.Code):
		f = p.body(c, f)
	default:
		if len(c.Data) > 0 {
			f = f.Add("data", Hex(c.Data), 4, end)
		}
	}
	return f
}

// optionFields describes one option.
func optionFields(p *configProto, o Option) Fields {
	s := &p.opts[o.Type]
	var f Fields
	f = f.Add("type", int(o.Type), o.Offset, o.Offset+1)
	if s.name != "" {
		f = f.Add("name", s.name, o.Offset, o.Offset+1)
	}
	f = f.Add("length", 2+len(o.Data), o.Offset+1, o.Offset+2)
	switch {
	case s.fields != nil && s.valid(o):
		f = s.fields(o, f)
	case len(o.Data) > 0:
		f = f.Add("data", Hex(o.Data), o.Offset+2, o.Offset+2+len(o.Data))
	}
	return f
}

// summary is the Summary shared by the four protocols.
func (c *ConfigPacket) summary(p *configProto) string {
	if len(c.Contents) < 4 {
		return ""
	}
	if c.IsConfigure() {
		var b []byte
		it := c.IterOptions()
		for o, ok := it.Next(); ok; o, ok = it.Next() {
			if len(b) > 0 {
				b = append(b, ' ')
			}
			s := &p.opts[o.Type]
			switch {
			case s.summary != nil && s.valid(o):
				b = s.summary(o, b)
			case s.name != "":
				b = append(b, s.name...)
			default:
				b = append(b, "opt"...)
				b = strconv.AppendInt(b, int64(o.Type), 10)
			}
		}
		if c.optErr != nil {
			if len(b) > 0 {
				b = append(b, ' ')
			}
			b = append(b, "(bad options)"...)
		}
		return string(b)
	}
	switch {
	case c.Code == CodeTerminateRequest || c.Code == CodeTerminateAck:
		return quoteData(c.Data)
	case c.Code == CodeCodeReject:
		if len(c.Data) >= 2 {
			rc := ConfigPacket{ControlHeader: ControlHeader{Code: c.Data[0]}}
			return fmt.Sprintf("code=%d(%s) id=%d", c.Data[0], rc.codeName(p), c.Data[1])
		}
		return ""
	case p.bodySummary != nil && p.codes(c.Code):
		return p.bodySummary(c)
	}
	if len(c.Data) > 0 {
		return fmt.Sprintf("%d bytes", len(c.Data))
	}
	return ""
}

// notes lists the non-fatal problems of a packet.
func (c *ConfigPacket) notes(p *configProto) []Note {
	var n []Note
	if len(c.Contents) >= 4 {
		switch {
		case int(c.Length) < 4:
			n = append(n, note("length-short", int(c.Length)))
		case int(c.Length) > len(c.Contents):
			n = append(n, note("truncated-length", int(c.Length), len(c.Contents)))
		}
	}
	if c.padding > 0 {
		n = append(n, note("padding", c.padding))
	}
	if !p.codes(c.Code) && len(c.Contents) >= 4 {
		n = append(n, note("code-undefined", p.name, int(c.Code)))
	}
	if c.IsConfigure() {
		it := c.IterOptions()
		for o, ok := it.Next(); ok; o, ok = it.Next() {
			s := &p.opts[o.Type]
			if s.name != "" && !s.valid(o) {
				n = append(n, lengthNote(p.name, s, 2+len(o.Data)))
			}
		}
		if c.optErr != nil {
			n = append(n, note("options-undecoded", p.name, 4+c.optGood, c.optErr.Error()))
		}
	} else if p.bodyCheck != nil && p.codes(c.Code) && int(c.Length) <= len(c.Contents) {
		if err := p.bodyCheck(c); err != nil {
			n = append(n, note("body", err.Error()))
		}
	}
	return n
}

func lengthNote(proto string, s *optSpec, length int) Note {
	switch {
	case s.max == s.min:
		return note("option-length-exact", proto, s.name, length, s.min+2)
	case s.max < 0:
		return note("option-length-min", proto, s.name, length, s.min+2)
	}
	return note("option-length-range", proto, s.name, length, s.min+2, s.max+2)
}

// isText reports whether b is non-empty printable UTF-8 text.
func isText(b []byte) bool {
	if len(b) == 0 || !utf8.Valid(b) {
		return false
	}
	for _, c := range b {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
			return false
		}
	}
	return true
}

// textOrHex returns b as a string when it is text, else as Hex.
func textOrHex(b []byte) any {
	if isText(b) {
		return string(b)
	}
	return Hex(b)
}

// quoteData formats data for a summary: quoted text, or a byte count.
func quoteData(b []byte) string {
	switch {
	case len(b) == 0:
		return ""
	case isText(b):
		return strconv.Quote(string(b))
	}
	return fmt.Sprintf("%d bytes", len(b))
}

// Helpers for option value fields: the value starts 2 bytes into the option.

func optU16(o Option) int    { return int(binary.BigEndian.Uint16(o.Data)) }
func optU32(o Option) uint32 { return binary.BigEndian.Uint32(o.Data) }
func vstart(o Option) int    { return o.Offset + 2 }
func vend(o Option) int      { return o.Offset + 2 + len(o.Data) }

// appendHex32 appends v as 0x%08x.
func appendHex32(b []byte, v uint32) []byte {
	const hexdig = "0123456789abcdef"
	b = append(b, '0', 'x')
	for i := 28; i >= 0; i -= 4 {
		b = append(b, hexdig[(v>>uint(i))&0xf])
	}
	return b
}
