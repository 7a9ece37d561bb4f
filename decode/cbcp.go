package decode

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// CBCP codes (Microsoft PPP Callback Control Protocol,
// draft-ietf-pppext-callback-cp-02; layout as in Wireshark's packet-ppp.c
// and pppd's cbcp.c).
const (
	CBCPCallbackRequest  uint8 = 1
	CBCPCallbackResponse uint8 = 2
	CBCPCallbackAck      uint8 = 3
)

// CBCP option types.
const (
	CBCPNoCallback    uint8 = 1 // no callback
	CBCPCallbackUser  uint8 = 2 // callback to a user-specified number
	CBCPCallbackAdmin uint8 = 3 // callback to a pre-specified or administrator specified number
	CBCPCallbackList  uint8 = 4 // callback to any of a list of numbers
)

// CBCPAddressPSTN is the address type of a PSTN/ISDN telephone number.
const CBCPAddressPSTN uint8 = 1

// CBCP is a Callback Control Protocol packet (PPP protocol 0xC029), which a
// Windows RAS server sends after authentication to agree on callback. Its
// body is a list of options; Options parses them. OptionData aliases the
// decoded data.
type CBCP struct {
	layers.BaseLayer
	// ControlHeader holds Code, Identifier and Length. Its Identifier field
	// is shadowed by the Identifier method: use c.ControlHeader.Identifier.
	ControlHeader
	// OptionData is the option list (everything after the header).
	OptionData []byte
	// NumOptions is the number of well-formed options in OptionData.
	NumOptions int
}

// CBCPOption is one callback option: type, length, then for the callback
// types a delay octet (seconds) and a list of addresses, each an address
// type octet and a NUL-terminated string.
type CBCPOption struct {
	Type   uint8
	Length int // the option's length octet
	Offset int // of the type octet, within the layer
	// Data is the option's data after type and length (aliases the packet).
	Data      []byte
	HasDelay  bool
	Delay     uint8
	Addresses []CBCPAddress
}

// CBCPAddress is one callback address.
type CBCPAddress struct {
	Type    uint8  // 1 = PSTN/ISDN
	Address []byte // without its terminating NUL (aliases the packet)
	Offset  int    // of the address type octet, within the layer
	// Unterminated is true when the address runs to the end of the option
	// without a NUL.
	Unterminated bool
}

// LayerType implements gopacket.Layer.
func (c *CBCP) LayerType() gopacket.LayerType { return LayerTypeCBCP }

// CanDecode implements gopacket.DecodingLayer.
func (c *CBCP) CanDecode() gopacket.LayerClass { return LayerTypeCBCP }

// NextLayerType implements gopacket.DecodingLayer: CBCP carries nothing.
func (c *CBCP) NextLayerType() gopacket.LayerType { return gopacket.LayerTypeZero }

// DecodeFromBytes implements gopacket.DecodingLayer. It checks the option
// list without allocating; Options parses it.
func (c *CBCP) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	*c = CBCP{}
	body, err := c.decodeControl(&c.BaseLayer, data, df, "CBCP")
	if err != nil && body == nil {
		if len(data) >= 4 {
			c.Contents = data[:4]
		}
		return err
	}
	c.OptionData = body
	it := NewOptionIterator(body, 4)
	for _, ok := it.Next(); ok; _, ok = it.Next() {
		c.NumOptions++
	}
	if err != nil {
		return err
	}
	if oerr := it.Err(); oerr != nil {
		// The packet is complete, so an option that runs past it is
		// malformed rather than truncated.
		if errors.Is(oerr, ErrTruncated) {
			return malformed("CBCP option list: %v", oerr)
		}
		return oerr
	}
	return nil
}

// Options parses the option list; it returns the options before the first
// bad one together with the error that stopped it.
func (c *CBCP) Options() ([]CBCPOption, error) {
	var opts []CBCPOption
	it := NewOptionIterator(c.OptionData, 4)
	for o, ok := it.Next(); ok; o, ok = it.Next() {
		opts = append(opts, ParseCBCPOption(o))
	}
	return opts, it.Err()
}

// ParseCBCPOption reads the delay and addresses of a callback option
// (types 2, 3 and 4, and any unknown type with data). The No-callback
// option's data, if any, is left in Data.
func ParseCBCPOption(o Option) CBCPOption {
	co := CBCPOption{Type: o.Type, Length: len(o.Data) + 2, Offset: o.Offset, Data: o.Data}
	if o.Type == CBCPNoCallback || len(o.Data) == 0 {
		return co
	}
	co.HasDelay, co.Delay = true, o.Data[0]
	for p := 1; p < len(o.Data); {
		a := CBCPAddress{Type: o.Data[p], Offset: o.Offset + 2 + p}
		p++
		rest := o.Data[p:]
		if i := bytes.IndexByte(rest, 0); i >= 0 {
			a.Address = rest[:i]
			p += i + 1
		} else {
			a.Address, a.Unterminated = rest, true
			p = len(o.Data)
		}
		co.Addresses = append(co.Addresses, a)
	}
	return co
}

// SerializeTo implements gopacket.SerializableLayer: it writes the header
// and OptionData; opts.FixLengths sets Length.
func (c *CBCP) SerializeTo(b gopacket.SerializeBuffer, opts gopacket.SerializeOptions) error {
	return serializeControl(b, opts, c.ControlHeader, c.OptionData)
}

// Proto implements Message.
func (c *CBCP) Proto() string { return "CBCP" }

// Name implements Message.
func (c *CBCP) Name() string { return CBCPCodeName(c.Code) }

// CBCPCodeName is the name of a CBCP code.
func CBCPCodeName(code uint8) string {
	switch code {
	case CBCPCallbackRequest:
		return "Callback-Request"
	case CBCPCallbackResponse:
		return "Callback-Response"
	case CBCPCallbackAck:
		return "Callback-Ack"
	}
	return unknownName(int(code))
}

// CBCPOptionName is the name of a CBCP option type.
func CBCPOptionName(t uint8) string {
	switch t {
	case CBCPNoCallback:
		return "No callback"
	case CBCPCallbackUser:
		return "Callback to a user-specified number"
	case CBCPCallbackAdmin:
		return "Callback to a pre-specified or administrator specified number"
	case CBCPCallbackList:
		return "Callback to any of a list of numbers"
	}
	return unknownName(int(t))
}

func cbcpAddressTypeName(t uint8) string {
	if t == CBCPAddressPSTN {
		return "PSTN/ISDN"
	}
	return "Other"
}

// Identifier implements Message.
func (c *CBCP) Identifier() int { return int(c.ControlHeader.Identifier) }

// Fields implements Message.
func (c *CBCP) Fields() Fields {
	f := c.headerFields(c.Name())
	opts, err := c.Options()
	if len(opts) > 0 {
		list := make([]Fields, 0, len(opts))
		for _, o := range opts {
			list = append(list, o.fields())
		}
		f = f.Add("options", list, 4, 4+len(c.OptionData))
	}
	if err != nil {
		var consumed int
		if len(opts) > 0 {
			last := opts[len(opts)-1]
			consumed = last.Offset + last.Length - 4
		}
		f = f.Add("bad_options", Hex(c.OptionData[consumed:]), 4+consumed, 4+len(c.OptionData))
	}
	return f
}

func (o CBCPOption) fields() Fields {
	var f Fields
	f = f.Add("type", int(o.Type), o.Offset, o.Offset+1)
	f = f.Add("type_name", CBCPOptionName(o.Type), o.Offset, o.Offset+1)
	f = f.Add("length", o.Length, o.Offset+1, o.Offset+2)
	if o.Type == CBCPNoCallback {
		if len(o.Data) > 0 {
			f = f.Add("data", Hex(o.Data), o.Offset+2, o.Offset+o.Length)
		}
		return f
	}
	if o.HasDelay {
		f = f.Add("delay", int(o.Delay), o.Offset+2, o.Offset+3)
	}
	if len(o.Addresses) > 0 {
		list := make([]Fields, 0, len(o.Addresses))
		for _, a := range o.Addresses {
			var af Fields
			af = af.Add("address_type", int(a.Type), a.Offset, a.Offset+1)
			af = af.Add("address_type_name", cbcpAddressTypeName(a.Type), a.Offset, a.Offset+1)
			end := a.Offset + 1 + len(a.Address)
			if !a.Unterminated {
				end++
			}
			af = af.Add("address", printable(a.Address), a.Offset+1, end)
			list = append(list, af)
		}
		f = f.Add("addresses", list, o.Offset+3, o.Offset+o.Length)
	}
	return f
}

// Summary implements Message: the options, e.g. "No callback" or
// "user number 5551234 delay=5".
func (c *CBCP) Summary() string {
	opts, _ := c.Options()
	parts := make([]string, 0, len(opts))
	for _, o := range opts {
		var s string
		switch o.Type {
		case CBCPNoCallback:
			parts = append(parts, "No callback")
			continue
		case CBCPCallbackUser:
			s = "user number"
		case CBCPCallbackAdmin:
			s = "admin number"
		case CBCPCallbackList:
			s = "number list"
		default:
			s = "option " + strconv.Itoa(int(o.Type))
		}
		addrs := make([]string, 0, len(o.Addresses))
		for _, a := range o.Addresses {
			if len(a.Address) > 0 {
				addrs = append(addrs, printable(a.Address))
			}
		}
		if len(addrs) > 0 {
			s += " " + strings.Join(addrs, ",")
		}
		if o.HasDelay {
			s += " delay=" + strconv.Itoa(int(o.Delay))
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// Notes implements Message.
func (c *CBCP) Notes() []Note {
	var n []Note
	opts, err := c.Options()
	if err != nil && len(c.Contents) >= int(c.Length) {
		n = append(n, note("cbcp-options", err.Error()))
	}
	for _, o := range opts {
		if o.Type >= CBCPCallbackUser && o.Type <= CBCPCallbackList && !o.HasDelay {
			n = append(n, note("cbcp-no-delay", CBCPOptionName(o.Type)))
		}
		for _, a := range o.Addresses {
			if a.Unterminated {
				n = append(n, note("cbcp-address-no-nul"))
			}
		}
	}
	return n
}

func decodeCBCP(data []byte, pb gopacket.PacketBuilder) error {
	return decodeWith[CBCP](data, pb)
}
