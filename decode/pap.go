package decode

import (
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// PAP codes (RFC 1334 section 2.2).
const (
	PAPAuthenticateRequest uint8 = 1
	PAPAuthenticateAck     uint8 = 2
	PAPAuthenticateNak     uint8 = 3
)

// Non-fatal findings, kept as bits so that decoding does not allocate.
const (
	papNoteNoMsgLength uint8 = 1 << iota // Ack/Nak without its Msg-Length octet
	papNoteExtra                         // bytes after the last field, inside Length
)

// PAP is a Password Authentication Protocol packet (RFC 1334 section 2,
// PPP protocol 0xC023). The password travels in clear and is decoded as
// such; hiding it is up to whoever displays the message.
//
// All byte slices alias the decoded data.
type PAP struct {
	layers.BaseLayer
	// ControlHeader holds Code, Identifier and Length. Its Identifier field
	// is shadowed by the Identifier method: use p.ControlHeader.Identifier.
	ControlHeader
	// PeerID and Password are the fields of an Authenticate-Request.
	PeerID   []byte
	Password []byte
	// Message is the text of an Authenticate-Ack or Authenticate-Nak.
	Message []byte
	// Extra holds the body of a packet with an unknown code, or the bytes
	// left after the last field of a known one (up to Length).
	Extra []byte

	notes uint8
}

// LayerType implements gopacket.Layer.
func (p *PAP) LayerType() gopacket.LayerType { return LayerTypePAP }

// CanDecode implements gopacket.DecodingLayer.
func (p *PAP) CanDecode() gopacket.LayerClass { return LayerTypePAP }

// NextLayerType implements gopacket.DecodingLayer: PAP carries nothing.
func (p *PAP) NextLayerType() gopacket.LayerType { return gopacket.LayerTypeZero }

// DecodeFromBytes implements gopacket.DecodingLayer.
func (p *PAP) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	*p = PAP{}
	body, err := p.decodeControl(&p.BaseLayer, data, df, "PAP")
	if err != nil && body == nil {
		if len(data) >= 4 {
			p.Contents = data[:4] // show the header of a packet whose length is bad
		}
		return err
	}
	if berr := p.decodeBody(body); err == nil {
		err = berr
	}
	return err
}

// papField reads a one-octet length and the bytes it announces.
func papField(body []byte, off int, what string) (val []byte, next int, err error) {
	if off >= len(body) {
		return nil, off, malformed("PAP %s length missing", what)
	}
	n := int(body[off])
	off++
	if off+n > len(body) {
		return body[off:], len(body), malformed("PAP %s of %d bytes runs past the packet (%d left)", what, n, len(body)-off)
	}
	return body[off : off+n], off + n, nil
}

func (p *PAP) decodeBody(body []byte) error {
	var off int
	var err error
	switch p.Code {
	case PAPAuthenticateRequest:
		if p.PeerID, off, err = papField(body, 0, "Peer-ID"); err != nil {
			return err
		}
		if p.Password, off, err = papField(body, off, "Password"); err != nil {
			return err
		}
	case PAPAuthenticateAck, PAPAuthenticateNak:
		if len(body) == 0 {
			p.notes |= papNoteNoMsgLength
			return nil
		}
		if p.Message, off, err = papField(body, 0, "Message"); err != nil {
			return err
		}
	default:
		p.Extra = body
		return nil
	}
	if off < len(body) {
		p.Extra = body[off:]
		p.notes |= papNoteExtra
	}
	return nil
}

// SerializeTo implements gopacket.SerializableLayer. The length octets of
// the fields are always taken from the slices; opts.FixLengths sets Length.
func (p *PAP) SerializeTo(b gopacket.SerializeBuffer, opts gopacket.SerializeOptions) error {
	var body []byte
	switch p.Code {
	case PAPAuthenticateRequest:
		if len(p.PeerID) > 255 || len(p.Password) > 255 {
			return malformed("PAP Peer-ID or Password longer than 255 bytes")
		}
		body = make([]byte, 0, 2+len(p.PeerID)+len(p.Password)+len(p.Extra))
		body = append(body, byte(len(p.PeerID)))
		body = append(body, p.PeerID...)
		body = append(body, byte(len(p.Password)))
		body = append(body, p.Password...)
	case PAPAuthenticateAck, PAPAuthenticateNak:
		if len(p.Message) > 255 {
			return malformed("PAP Message longer than 255 bytes")
		}
		if len(p.Message) > 0 || p.notes&papNoteNoMsgLength == 0 {
			body = make([]byte, 0, 1+len(p.Message)+len(p.Extra))
			body = append(body, byte(len(p.Message)))
			body = append(body, p.Message...)
		}
	}
	body = append(body, p.Extra...)
	return serializeControl(b, opts, p.ControlHeader, body)
}

// Proto implements Message.
func (p *PAP) Proto() string { return "PAP" }

// Name implements Message.
func (p *PAP) Name() string { return PAPCodeName(p.Code) }

// PAPCodeName is the RFC 1334 name of a PAP code.
func PAPCodeName(code uint8) string {
	switch code {
	case PAPAuthenticateRequest:
		return "Authenticate-Request"
	case PAPAuthenticateAck:
		return "Authenticate-Ack"
	case PAPAuthenticateNak:
		return "Authenticate-Nak"
	}
	return unknownName(int(code))
}

// Identifier implements Message.
func (p *PAP) Identifier() int { return int(p.ControlHeader.Identifier) }

// PeerIDString is the Peer-ID made printable.
func (p *PAP) PeerIDString() string { return printable(p.PeerID) }

// PasswordString is the password made printable.
func (p *PAP) PasswordString() string { return printable(p.Password) }

// MessageText is the Ack/Nak message made printable.
func (p *PAP) MessageText() string { return printable(p.Message) }

// Fields implements Message.
func (p *PAP) Fields() Fields {
	f := p.headerFields(p.Name())
	end := len(p.Contents)
	off := 4
	switch p.Code {
	case PAPAuthenticateRequest:
		if off < end {
			f = f.Add("peer_id_length", int(p.Contents[off]), off, off+1)
			f = f.Add("peer_id", p.PeerIDString(), off+1, off+1+len(p.PeerID))
			off += 1 + len(p.PeerID)
		}
		if off < end {
			f = f.Add("password_length", int(p.Contents[off]), off, off+1)
			f = f.Add("password", p.PasswordString(), off+1, off+1+len(p.Password))
			off += 1 + len(p.Password)
		}
	case PAPAuthenticateAck, PAPAuthenticateNak:
		if off < end {
			f = f.Add("message_length", int(p.Contents[off]), off, off+1)
			f = f.Add("message", p.MessageText(), off+1, off+1+len(p.Message))
			off += 1 + len(p.Message)
		}
	}
	if len(p.Extra) > 0 {
		name := "extra"
		if p.Code < PAPAuthenticateRequest || p.Code > PAPAuthenticateNak {
			name = "data"
		}
		f = f.Add(name, Hex(p.Extra), end-len(p.Extra), end)
	}
	return f
}

// Summary implements Message: the Peer-ID of a request, the message of an
// Ack or Nak.
func (p *PAP) Summary() string {
	switch p.Code {
	case PAPAuthenticateRequest:
		return "peer_id=" + p.PeerIDString()
	case PAPAuthenticateAck, PAPAuthenticateNak:
		return p.MessageText()
	}
	return ""
}

// Notes implements Message.
func (p *PAP) Notes() []Note {
	var n []Note
	if p.notes&papNoteNoMsgLength != 0 {
		n = append(n, note("pap-no-msg-length", p.Name()))
	}
	if p.notes&papNoteExtra != 0 {
		n = append(n, note("pap-trailing", p.Name()))
	}
	return n
}

func decodePAP(data []byte, pb gopacket.PacketBuilder) error {
	return decodeWith[PAP](data, pb)
}
