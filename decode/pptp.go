package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// PPTPMagicCookie is the constant every PPTP control message carries at
// offset 4 (RFC 2637 section 2.1).
const PPTPMagicCookie = 0x1A2B3C4D

// pptpHeaderLen is the length of the header common to all control
// messages: Length, PPTP Message Type, Magic Cookie, Control Message Type,
// Reserved0.
const pptpHeaderLen = 12

// PPTP is one PPTP control message (RFC 2637 section 2), as carried on the
// TCP control connection (port 1723).
//
// The struct holds the union of the fields of all fifteen message types;
// only those of MessageType are set (the rest are zero). Multi-octet fields
// are big-endian on the wire. The fixed-size strings (host name, vendor
// name, phone numbers, subaddress, call statistics) are kept as raw slices
// into the decoded data, NUL padding included, so that they serialize back
// unchanged; the accessor methods (HostName, VendorName, ...) return them
// as text up to the first NUL.
//
// The message is delimited by its Length field: Contents is data[:Length]
// and Payload the bytes after it, which on a TCP stream are the next
// message (NextLayerType is then LayerTypePPTP). A gopacket
// DecodingLayerParser holds one PPTP layer, so a stream framer should cut
// the stream into messages itself (PPTPFixedLength, PPTPMagicCookie) and
// decode each one.
type PPTP struct {
	layers.BaseLayer

	// Header.
	Length          uint16
	PPTPMessageType uint16 // 1 = control message, 2 = management message
	MagicCookie     uint32 // PPTPMagicCookie
	MessageType     uint16 // control message type, PPTPStartControlConnectionRequest...
	Reserved0       uint16

	// Start-Control-Connection-Request/Reply.
	ProtocolVersion     uint16 // 0x0100 = 1.0
	FramingCapabilities uint32 // PPTPFramingAsync | PPTPFramingSync
	BearerCapabilities  uint32 // PPTPBearerAnalog | PPTPBearerDigital
	MaxChannels         uint16
	FirmwareRevision    uint16
	RawHostName         []byte // 64 octets, NUL padded
	RawVendorName       []byte // 64 octets, NUL padded

	// Result and error codes: Start-Control-Connection-Reply,
	// Stop-Control-Connection-Reply, Echo-Reply, Outgoing-Call-Reply,
	// Incoming-Call-Reply, Call-Disconnect-Notify. The meaning of
	// ResultCode depends on MessageType (see ResultName).
	ResultCode uint8
	ErrorCode  uint8
	// Reason of a Stop-Control-Connection-Request.
	Reason uint8
	// Identifier of an Echo-Request/Reply.
	EchoIdentifier uint32

	// Calls.
	CallID            uint16 // the sender's call ID
	PeerCallID        uint16 // the receiver's call ID
	CallSerialNumber  uint16
	MinBPS, MaxBPS    uint32
	BearerType        uint32 // 1 analog, 2 digital, 3 any
	FramingType       uint32 // 1 asynchronous, 2 synchronous, 3 either
	WindowSize        uint16 // Packet Receive Window Size
	ProcessingDelay   uint16 // Packet Processing Delay (OCRQ, OCRP) or Packet Transmit Delay (ICRP, ICCN)
	PhoneNumberLength uint16
	RawPhoneNumber    []byte // 64 octets
	RawSubaddress     []byte // 64 octets
	CauseCode         uint16 // Q.931 cause (Outgoing-Call-Reply, Call-Disconnect-Notify)
	ConnectSpeed      uint32 // bits per second
	PhysicalChannelID uint32
	// Incoming-Call-Request.
	DialedNumberLength  uint16
	DialingNumberLength uint16
	RawDialedNumber     []byte // 64 octets
	RawDialingNumber    []byte // 64 octets
	// Call-Disconnect-Notify.
	RawCallStatistics []byte // 128 octets, ASCII, vendor specific
	// WAN-Error-Notify.
	CRCErrors        uint32
	FramingErrors    uint32
	HardwareOverruns uint32
	BufferOverruns   uint32
	TimeoutErrors    uint32
	AlignmentErrors  uint32
	// Set-Link-Info.
	SendACCM    uint32
	ReceiveACCM uint32

	// Reserved fields after the header (Reserved1; Reserved2 only in
	// Stop-Control-Connection-Request, whose Reserved1 is one octet).
	Reserved1 uint16
	Reserved2 uint16

	// Extra holds the bytes past the type's fixed layout, within Length
	// (for an unknown type: everything after the header).
	Extra []byte

	// partial holds the bytes of a numeric field cut by a Length shorter
	// than the type's layout, so that the message serializes back as it was.
	partial []byte

	// decoding state, for Notes and Fields.
	short  bool // Length runs past the data, or the header is cut
	bodyOK bool // header accepted and body fields decoded
}

// LayerType implements gopacket.Layer.
func (p *PPTP) LayerType() gopacket.LayerType { return LayerTypePPTP }

// CanDecode implements gopacket.DecodingLayer.
func (p *PPTP) CanDecode() gopacket.LayerClass { return LayerTypePPTP }

// NextLayerType implements gopacket.DecodingLayer: the next message of the
// stream when bytes follow this one.
func (p *PPTP) NextLayerType() gopacket.LayerType {
	if len(p.Payload) > 0 {
		return LayerTypePPTP
	}
	return gopacket.LayerTypeZero
}

// Proto implements Message.
func (p *PPTP) Proto() string { return "PPTP" }

// Name implements Message: the RFC 2637 name of the control message type.
func (p *PPTP) Name() string { return PPTPControlMessageName(p.MessageType) }

// Identifier implements Message: PPTP control messages have no PPP
// identifier (see EchoIdentifier for echoes).
func (p *PPTP) Identifier() int { return -1 }

// HostName is the Host Name of a Start-Control-Connection-Request/Reply.
func (p *PPTP) HostName() string { return cstring(p.RawHostName) }

// VendorName is the Vendor Name of a Start-Control-Connection-Request/Reply.
func (p *PPTP) VendorName() string { return cstring(p.RawVendorName) }

// PhoneNumber is the Phone Number of an Outgoing-Call-Request.
func (p *PPTP) PhoneNumber() string { return cstring(p.RawPhoneNumber) }

// Subaddress is the Subaddress of an Outgoing- or Incoming-Call-Request.
func (p *PPTP) Subaddress() string { return cstring(p.RawSubaddress) }

// DialedNumber is the Dialed Number of an Incoming-Call-Request.
func (p *PPTP) DialedNumber() string { return cstring(p.RawDialedNumber) }

// DialingNumber is the Dialing Number of an Incoming-Call-Request.
func (p *PPTP) DialingNumber() string { return cstring(p.RawDialingNumber) }

// CallStatistics is the Call Statistics text of a Call-Disconnect-Notify.
func (p *PPTP) CallStatistics() string { return cstring(p.RawCallStatistics) }

// HasResult reports whether the message type carries a result code.
func (p *PPTP) HasResult() bool { return pptpResultTable(p.MessageType) != nil }

// ResultName is the RFC name of ResultCode for this message type, or "" if
// the type has no result code.
func (p *PPTP) ResultName() string {
	if !p.HasResult() {
		return ""
	}
	return PPTPResultName(p.MessageType, p.ResultCode)
}

// ErrorName is the General Error Code name of ErrorCode.
func (p *PPTP) ErrorName() string { return PPTPErrorName(p.ErrorCode) }

// FixedLength is the length RFC 2637 gives this message's type (0 if
// unknown).
func (p *PPTP) FixedLength() int { return PPTPFixedLength(p.MessageType) }

// pptpReader reads the fields of a message body that lie within b, and
// records in full the end of the fields it could read: a numeric field cut
// by the end of b reads as 0, a string field as the part present.
type pptpReader struct {
	b    []byte
	full int
}

func (r *pptpReader) u8(off int) uint8 {
	if off+1 <= len(r.b) {
		r.full = max(r.full, off+1)
	}
	return pptpU8(r.b, off)
}

func (r *pptpReader) u16(off int) uint16 {
	if off+2 <= len(r.b) {
		r.full = max(r.full, off+2)
	}
	return pptpU16(r.b, off)
}

func (r *pptpReader) u32(off int) uint32 {
	if off+4 <= len(r.b) {
		r.full = max(r.full, off+4)
	}
	return pptpU32(r.b, off)
}

func (r *pptpReader) bytes(off, n int) []byte {
	v := pptpBytes(r.b, off, n)
	if v != nil {
		r.full = max(r.full, off+len(v))
	}
	return v
}

func pptpU16(b []byte, off int) uint16 {
	if off+2 <= len(b) {
		return binary.BigEndian.Uint16(b[off:])
	}
	return 0
}

func pptpU32(b []byte, off int) uint32 {
	if off+4 <= len(b) {
		return binary.BigEndian.Uint32(b[off:])
	}
	return 0
}

func pptpU8(b []byte, off int) uint8 {
	if off < len(b) {
		return b[off]
	}
	return 0
}

// pptpBytes returns b[off:off+n], cut at the end of b (nil if off is past it).
func pptpBytes(b []byte, off, n int) []byte {
	if off >= len(b) {
		return nil
	}
	end := min(off+n, len(b))
	return b[off:end:end]
}

// DecodeFromBytes implements gopacket.DecodingLayer. A wrong magic cookie
// or a Length below the header size is ErrMalformed (only the header is
// decoded); a Length past the end of data is ErrTruncated, with the fields
// that fit decoded, unless data holds the whole fixed layout of a control
// message's type. A Length that disagrees with the type's fixed length is a
// Note, and the fields within Length (within data, when it is shorter) are
// decoded.
func (p *PPTP) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	*p = PPTP{}
	if len(data) < pptpHeaderLen {
		p.Contents = data
		p.short = true
		p.readHeader(data)
		if len(data) >= 8 && p.MagicCookie != PPTPMagicCookie {
			return malformed("PPTP magic cookie 0x%08x is not 0x%08x", p.MagicCookie, PPTPMagicCookie)
		}
		df.SetTruncated()
		return truncated("PPTP header", pptpHeaderLen, len(data))
	}
	p.readHeader(data)
	if p.MagicCookie != PPTPMagicCookie {
		p.Contents = data[:pptpHeaderLen]
		return malformed("PPTP magic cookie 0x%08x is not 0x%08x", p.MagicCookie, PPTPMagicCookie)
	}
	n := int(p.Length)
	if n < pptpHeaderLen {
		p.Contents = data[:pptpHeaderLen]
		return malformed("PPTP length %d is shorter than the %d-byte header", n, pptpHeaderLen)
	}
	var err error
	if fixed := p.FixedLength(); n > len(data) && p.PPTPMessageType == 1 && fixed != 0 && len(data) >= fixed {
		// The whole fixed layout is there: the Length is wrong (a note),
		// not the capture short (scapy's 24-byte Incoming-Call-Reply
		// says 148; the stream framer cuts such a message at its size).
		p.Contents = data
	} else if n > len(data) {
		p.short = true
		df.SetTruncated()
		p.Contents = data
		err = truncated("PPTP "+p.Name(), n, len(data))
	} else {
		p.Contents, p.Payload = data[:n], data[n:]
	}
	p.bodyOK = true
	p.decodeBody(p.Contents)
	return err
}

func (p *PPTP) readHeader(b []byte) {
	p.Length = pptpU16(b, 0)
	p.PPTPMessageType = pptpU16(b, 2)
	p.MagicCookie = pptpU32(b, 4)
	p.MessageType = pptpU16(b, 8)
	p.Reserved0 = pptpU16(b, 10)
}

// decodeBody reads the fields of p.MessageType that lie within b.
func (p *PPTP) decodeBody(b []byte) {
	fixed := p.FixedLength()
	r := pptpReader{b: b, full: pptpHeaderLen}
	switch p.MessageType {
	case PPTPStartControlConnectionRequest, PPTPStartControlConnectionReply:
		p.ProtocolVersion = r.u16(12)
		if p.MessageType == PPTPStartControlConnectionRequest {
			p.Reserved1 = r.u16(14)
		} else {
			p.ResultCode, p.ErrorCode = r.u8(14), r.u8(15)
		}
		p.FramingCapabilities = r.u32(16)
		p.BearerCapabilities = r.u32(20)
		p.MaxChannels = r.u16(24)
		p.FirmwareRevision = r.u16(26)
		p.RawHostName = r.bytes(28, 64)
		p.RawVendorName = r.bytes(92, 64)
	case PPTPStopControlConnectionRequest:
		p.Reason = r.u8(12)
		p.Reserved1 = uint16(r.u8(13))
		p.Reserved2 = r.u16(14)
	case PPTPStopControlConnectionReply:
		p.ResultCode, p.ErrorCode = r.u8(12), r.u8(13)
		p.Reserved1 = r.u16(14)
	case PPTPEchoRequest:
		p.EchoIdentifier = r.u32(12)
	case PPTPEchoReply:
		p.EchoIdentifier = r.u32(12)
		p.ResultCode, p.ErrorCode = r.u8(16), r.u8(17)
		p.Reserved1 = r.u16(18)
	case PPTPOutgoingCallRequest:
		p.CallID = r.u16(12)
		p.CallSerialNumber = r.u16(14)
		p.MinBPS = r.u32(16)
		p.MaxBPS = r.u32(20)
		p.BearerType = r.u32(24)
		p.FramingType = r.u32(28)
		p.WindowSize = r.u16(32)
		p.ProcessingDelay = r.u16(34)
		p.PhoneNumberLength = r.u16(36)
		p.Reserved1 = r.u16(38)
		p.RawPhoneNumber = r.bytes(40, 64)
		p.RawSubaddress = r.bytes(104, 64)
	case PPTPOutgoingCallReply:
		p.CallID = r.u16(12)
		p.PeerCallID = r.u16(14)
		p.ResultCode, p.ErrorCode = r.u8(16), r.u8(17)
		p.CauseCode = r.u16(18)
		p.ConnectSpeed = r.u32(20)
		p.WindowSize = r.u16(24)
		p.ProcessingDelay = r.u16(26)
		p.PhysicalChannelID = r.u32(28)
	case PPTPIncomingCallRequest:
		p.CallID = r.u16(12)
		p.CallSerialNumber = r.u16(14)
		p.BearerType = r.u32(16)
		p.PhysicalChannelID = r.u32(20)
		p.DialedNumberLength = r.u16(24)
		p.DialingNumberLength = r.u16(26)
		p.RawDialedNumber = r.bytes(28, 64)
		p.RawDialingNumber = r.bytes(92, 64)
		p.RawSubaddress = r.bytes(156, 64)
	case PPTPIncomingCallReply:
		p.CallID = r.u16(12)
		p.PeerCallID = r.u16(14)
		p.ResultCode, p.ErrorCode = r.u8(16), r.u8(17)
		p.WindowSize = r.u16(18)
		p.ProcessingDelay = r.u16(20)
		p.Reserved1 = r.u16(22)
	case PPTPIncomingCallConnected:
		p.PeerCallID = r.u16(12)
		p.Reserved1 = r.u16(14)
		p.ConnectSpeed = r.u32(16)
		p.WindowSize = r.u16(20)
		p.ProcessingDelay = r.u16(22)
		p.FramingType = r.u32(24)
	case PPTPCallClearRequest:
		p.CallID = r.u16(12)
		p.Reserved1 = r.u16(14)
	case PPTPCallDisconnectNotify:
		p.CallID = r.u16(12)
		p.ResultCode, p.ErrorCode = r.u8(14), r.u8(15)
		p.CauseCode = r.u16(16)
		p.Reserved1 = r.u16(18)
		p.RawCallStatistics = r.bytes(20, 128)
	case PPTPWANErrorNotify:
		p.PeerCallID = r.u16(12)
		p.Reserved1 = r.u16(14)
		p.CRCErrors = r.u32(16)
		p.FramingErrors = r.u32(20)
		p.HardwareOverruns = r.u32(24)
		p.BufferOverruns = r.u32(28)
		p.TimeoutErrors = r.u32(32)
		p.AlignmentErrors = r.u32(36)
	case PPTPSetLinkInfo:
		p.PeerCallID = r.u16(12)
		p.Reserved1 = r.u16(14)
		p.SendACCM = r.u32(16)
		p.ReceiveACCM = r.u32(20)
	default:
		fixed = pptpHeaderLen
	}
	if len(b) > fixed {
		p.Extra = b[fixed:]
	} else if r.full < len(b) && !p.short {
		// A short message ends inside a numeric field: keep its bytes.
		p.partial = b[r.full:]
	}
}

// SerializeTo implements gopacket.SerializableLayer. It writes the header,
// the fixed layout of MessageType and Extra. With opts.FixLengths, Length is
// set to the size written; without it, Length is written as it is, and a
// Length shorter than the type's fixed layout (a short message, as decoded)
// cuts the message there, so that a decoded message serializes back to the
// same bytes. A zero MagicCookie is written as PPTPMagicCookie.
func (p *PPTP) SerializeTo(b gopacket.SerializeBuffer, opts gopacket.SerializeOptions) error {
	var tmp [220]byte // the largest fixed layout (Incoming-Call-Request)
	fixed := p.FixedLength()
	if fixed == 0 {
		fixed = pptpHeaderLen
	}
	w := tmp[:fixed]
	p.encodeBody(w)
	size := fixed + len(p.Extra)
	if size > 0xffff {
		return fmt.Errorf("PPTP message of %d bytes does not fit the 16-bit length", size)
	}
	length := p.Length
	cut := false
	if opts.FixLengths {
		length = uint16(size)
	} else if int(length) >= pptpHeaderLen && int(length) < fixed && len(p.Extra) == 0 {
		size, cut = int(length), true
	}
	buf, err := b.PrependBytes(size)
	if err != nil {
		return err
	}
	n := copy(buf, w)
	copy(buf[n:], p.Extra)
	if t := len(p.partial); cut && t > 0 && t <= size-pptpHeaderLen {
		copy(buf[size-t:], p.partial)
	}
	cookie := p.MagicCookie
	if cookie == 0 {
		cookie = PPTPMagicCookie
	}
	binary.BigEndian.PutUint16(buf[0:], length)
	binary.BigEndian.PutUint16(buf[2:], p.PPTPMessageType)
	binary.BigEndian.PutUint32(buf[4:], cookie)
	binary.BigEndian.PutUint16(buf[8:], p.MessageType)
	binary.BigEndian.PutUint16(buf[10:], p.Reserved0)
	return nil
}

// encodeBody writes the fields of p.MessageType into w, which holds the
// type's fixed layout.
func (p *PPTP) encodeBody(w []byte) {
	be := binary.BigEndian
	switch p.MessageType {
	case PPTPStartControlConnectionRequest, PPTPStartControlConnectionReply:
		be.PutUint16(w[12:], p.ProtocolVersion)
		if p.MessageType == PPTPStartControlConnectionRequest {
			be.PutUint16(w[14:], p.Reserved1)
		} else {
			w[14], w[15] = p.ResultCode, p.ErrorCode
		}
		be.PutUint32(w[16:], p.FramingCapabilities)
		be.PutUint32(w[20:], p.BearerCapabilities)
		be.PutUint16(w[24:], p.MaxChannels)
		be.PutUint16(w[26:], p.FirmwareRevision)
		copy(w[28:92], p.RawHostName)
		copy(w[92:156], p.RawVendorName)
	case PPTPStopControlConnectionRequest:
		w[12], w[13] = p.Reason, uint8(p.Reserved1)
		be.PutUint16(w[14:], p.Reserved2)
	case PPTPStopControlConnectionReply:
		w[12], w[13] = p.ResultCode, p.ErrorCode
		be.PutUint16(w[14:], p.Reserved1)
	case PPTPEchoRequest:
		be.PutUint32(w[12:], p.EchoIdentifier)
	case PPTPEchoReply:
		be.PutUint32(w[12:], p.EchoIdentifier)
		w[16], w[17] = p.ResultCode, p.ErrorCode
		be.PutUint16(w[18:], p.Reserved1)
	case PPTPOutgoingCallRequest:
		be.PutUint16(w[12:], p.CallID)
		be.PutUint16(w[14:], p.CallSerialNumber)
		be.PutUint32(w[16:], p.MinBPS)
		be.PutUint32(w[20:], p.MaxBPS)
		be.PutUint32(w[24:], p.BearerType)
		be.PutUint32(w[28:], p.FramingType)
		be.PutUint16(w[32:], p.WindowSize)
		be.PutUint16(w[34:], p.ProcessingDelay)
		be.PutUint16(w[36:], p.PhoneNumberLength)
		be.PutUint16(w[38:], p.Reserved1)
		copy(w[40:104], p.RawPhoneNumber)
		copy(w[104:168], p.RawSubaddress)
	case PPTPOutgoingCallReply:
		be.PutUint16(w[12:], p.CallID)
		be.PutUint16(w[14:], p.PeerCallID)
		w[16], w[17] = p.ResultCode, p.ErrorCode
		be.PutUint16(w[18:], p.CauseCode)
		be.PutUint32(w[20:], p.ConnectSpeed)
		be.PutUint16(w[24:], p.WindowSize)
		be.PutUint16(w[26:], p.ProcessingDelay)
		be.PutUint32(w[28:], p.PhysicalChannelID)
	case PPTPIncomingCallRequest:
		be.PutUint16(w[12:], p.CallID)
		be.PutUint16(w[14:], p.CallSerialNumber)
		be.PutUint32(w[16:], p.BearerType)
		be.PutUint32(w[20:], p.PhysicalChannelID)
		be.PutUint16(w[24:], p.DialedNumberLength)
		be.PutUint16(w[26:], p.DialingNumberLength)
		copy(w[28:92], p.RawDialedNumber)
		copy(w[92:156], p.RawDialingNumber)
		copy(w[156:220], p.RawSubaddress)
	case PPTPIncomingCallReply:
		be.PutUint16(w[12:], p.CallID)
		be.PutUint16(w[14:], p.PeerCallID)
		w[16], w[17] = p.ResultCode, p.ErrorCode
		be.PutUint16(w[18:], p.WindowSize)
		be.PutUint16(w[20:], p.ProcessingDelay)
		be.PutUint16(w[22:], p.Reserved1)
	case PPTPIncomingCallConnected:
		be.PutUint16(w[12:], p.PeerCallID)
		be.PutUint16(w[14:], p.Reserved1)
		be.PutUint32(w[16:], p.ConnectSpeed)
		be.PutUint16(w[20:], p.WindowSize)
		be.PutUint16(w[22:], p.ProcessingDelay)
		be.PutUint32(w[24:], p.FramingType)
	case PPTPCallClearRequest:
		be.PutUint16(w[12:], p.CallID)
		be.PutUint16(w[14:], p.Reserved1)
	case PPTPCallDisconnectNotify:
		be.PutUint16(w[12:], p.CallID)
		w[14], w[15] = p.ResultCode, p.ErrorCode
		be.PutUint16(w[16:], p.CauseCode)
		be.PutUint16(w[18:], p.Reserved1)
		copy(w[20:148], p.RawCallStatistics)
	case PPTPWANErrorNotify:
		be.PutUint16(w[12:], p.PeerCallID)
		be.PutUint16(w[14:], p.Reserved1)
		be.PutUint32(w[16:], p.CRCErrors)
		be.PutUint32(w[20:], p.FramingErrors)
		be.PutUint32(w[24:], p.HardwareOverruns)
		be.PutUint32(w[28:], p.BufferOverruns)
		be.PutUint32(w[32:], p.TimeoutErrors)
		be.PutUint32(w[36:], p.AlignmentErrors)
	case PPTPSetLinkInfo:
		be.PutUint16(w[12:], p.PeerCallID)
		be.PutUint16(w[14:], p.Reserved1)
		be.PutUint32(w[16:], p.SendACCM)
		be.PutUint32(w[20:], p.ReceiveACCM)
	}
}

// Notes implements Message.
func (p *PPTP) Notes() []Note {
	var notes []Note
	have := len(p.Contents)
	if have >= 8 && p.MagicCookie != PPTPMagicCookie {
		notes = append(notes, note("pptp-bad-cookie", p.MagicCookie, uint32(PPTPMagicCookie)))
		return notes
	}
	if p.short {
		if have < pptpHeaderLen {
			notes = append(notes, note("pptp-truncated-header", have, pptpHeaderLen))
			return notes
		}
		notes = append(notes, note("pptp-truncated", int(p.Length), have))
	}
	if p.Length < pptpHeaderLen {
		notes = append(notes, note("pptp-length-short", int(p.Length), pptpHeaderLen))
		return notes
	}
	if p.PPTPMessageType != 1 {
		notes = append(notes, note("pptp-message-type", int(p.PPTPMessageType), pptpMessageTypeName(p.PPTPMessageType)))
	}
	if fixed := p.FixedLength(); fixed == 0 {
		notes = append(notes, note("pptp-unknown-type", int(p.MessageType)))
	} else if int(p.Length) != fixed {
		notes = append(notes, note("pptp-length-mismatch", int(p.Length), p.Name(), fixed))
	}
	for _, f := range p.stringFields() {
		if n := unprintable(cstringBytes(f.raw)); n > 0 {
			notes = append(notes, note("pptp-unprintable", f.name, n))
		}
	}
	return notes
}

// pptpString is a NUL-padded text field, named as RFC 2637 names it.
type pptpString struct {
	name string
	raw  []byte
}

// stringFields are the text fields of the message's type, as decoded.
func (p *PPTP) stringFields() []pptpString {
	switch p.MessageType {
	case PPTPStartControlConnectionRequest, PPTPStartControlConnectionReply:
		return []pptpString{{"Host Name", p.RawHostName}, {"Vendor Name", p.RawVendorName}}
	case PPTPOutgoingCallRequest:
		return []pptpString{{"Phone Number", p.RawPhoneNumber}, {"Subaddress", p.RawSubaddress}}
	case PPTPIncomingCallRequest:
		return []pptpString{{"Dialed Number", p.RawDialedNumber}, {"Dialing Number", p.RawDialingNumber}, {"Subaddress", p.RawSubaddress}}
	case PPTPCallDisconnectNotify:
		return []pptpString{{"Call Statistics", p.RawCallStatistics}}
	}
	return nil
}

// pptpFieldBuilder adds fields that lie within the first n bytes.
type pptpFieldBuilder struct {
	f Fields
	n int
}

func (b *pptpFieldBuilder) add(name string, v any, off, size int) {
	if off+size <= b.n {
		b.f = b.f.Add(name, v, off, off+size)
	}
}

func (b *pptpFieldBuilder) u8(name string, v uint8, off int)   { b.add(name, int(v), off, 1) }
func (b *pptpFieldBuilder) u16(name string, v uint16, off int) { b.add(name, int(v), off, 2) }
func (b *pptpFieldBuilder) u32(name string, v uint32, off int) { b.add(name, uint64(v), off, 4) }

// code adds a numeric code and its name over the same bytes.
func (b *pptpFieldBuilder) code(name string, v uint8, off int, nameKey, vname string) {
	b.u8(name, v, off)
	b.add(nameKey, vname, off, 1)
}

// str adds a NUL-padded string field, or what was captured of it.
func (b *pptpFieldBuilder) str(name string, raw []byte, off, size int) {
	if off < b.n {
		b.f = b.f.Add(name, cstring(raw), off, min(off+size, b.n))
	}
}

func (b *pptpFieldBuilder) reserved(name string, v uint16, off, size int) {
	b.add(name, int(v), off, size)
}

func (b *pptpFieldBuilder) result(p *PPTP, off int) {
	b.code("result_code", p.ResultCode, off, "result_name", p.ResultName())
	b.code("error_code", p.ErrorCode, off+1, "error_name", p.ErrorName())
}

// Fields implements Message: the header and every field of the message
// type, in wire order, with names for codes and bits.
func (p *PPTP) Fields() Fields {
	b := pptpFieldBuilder{n: len(p.Contents)}
	if !p.bodyOK {
		b.n = min(b.n, pptpHeaderLen)
	}
	b.u16("length", p.Length, 0)
	b.u16("pptp_message_type", p.PPTPMessageType, 2)
	b.add("pptp_message_type_name", pptpMessageTypeName(p.PPTPMessageType), 2, 2)
	b.add("magic_cookie", hex32(p.MagicCookie), 4, 4)
	b.u16("control_message_type", p.MessageType, 8)
	b.add("control_message_name", p.Name(), 8, 2)
	b.u16("reserved0", p.Reserved0, 10)
	if !p.bodyOK {
		return b.f
	}
	switch p.MessageType {
	case PPTPStartControlConnectionRequest, PPTPStartControlConnectionReply:
		b.u16("protocol_version", p.ProtocolVersion, 12)
		b.add("protocol_version_text", pptpVersionText(p.ProtocolVersion), 12, 2)
		if p.MessageType == PPTPStartControlConnectionRequest {
			b.reserved("reserved1", p.Reserved1, 14, 2)
		} else {
			b.result(p, 14)
		}
		b.add("framing_capabilities", hex32(p.FramingCapabilities), 16, 4)
		b.add("framing_async", p.FramingCapabilities&PPTPFramingAsync != 0, 16, 4)
		b.add("framing_sync", p.FramingCapabilities&PPTPFramingSync != 0, 16, 4)
		b.add("bearer_capabilities", hex32(p.BearerCapabilities), 20, 4)
		b.add("bearer_analog", p.BearerCapabilities&PPTPBearerAnalog != 0, 20, 4)
		b.add("bearer_digital", p.BearerCapabilities&PPTPBearerDigital != 0, 20, 4)
		b.u16("maximum_channels", p.MaxChannels, 24)
		b.u16("firmware_revision", p.FirmwareRevision, 26)
		b.add("firmware_revision_hex", hex16(p.FirmwareRevision), 26, 2)
		b.str("host_name", p.RawHostName, 28, 64)
		b.str("vendor_name", p.RawVendorName, 92, 64)
	case PPTPStopControlConnectionRequest:
		b.code("reason_code", p.Reason, 12, "reason_name", PPTPStopReasonName(p.Reason))
		b.reserved("reserved1", p.Reserved1, 13, 1)
		b.reserved("reserved2", p.Reserved2, 14, 2)
	case PPTPStopControlConnectionReply:
		b.result(p, 12)
		b.reserved("reserved1", p.Reserved1, 14, 2)
	case PPTPEchoRequest:
		b.u32("identifier", p.EchoIdentifier, 12)
	case PPTPEchoReply:
		b.u32("identifier", p.EchoIdentifier, 12)
		b.result(p, 16)
		b.reserved("reserved1", p.Reserved1, 18, 2)
	case PPTPOutgoingCallRequest:
		b.u16("call_id", p.CallID, 12)
		b.u16("call_serial_number", p.CallSerialNumber, 14)
		b.u32("minimum_bps", p.MinBPS, 16)
		b.u32("maximum_bps", p.MaxBPS, 20)
		b.u32("bearer_type", p.BearerType, 24)
		b.add("bearer_type_name", pptpBearerTypeName(p.BearerType), 24, 4)
		b.u32("framing_type", p.FramingType, 28)
		b.add("framing_type_name", pptpFramingTypeName(p.FramingType), 28, 4)
		b.u16("packet_receive_window_size", p.WindowSize, 32)
		b.u16("packet_processing_delay", p.ProcessingDelay, 34)
		b.u16("phone_number_length", p.PhoneNumberLength, 36)
		b.reserved("reserved1", p.Reserved1, 38, 2)
		b.str("phone_number", p.RawPhoneNumber, 40, 64)
		b.str("subaddress", p.RawSubaddress, 104, 64)
	case PPTPOutgoingCallReply:
		b.u16("call_id", p.CallID, 12)
		b.u16("peer_call_id", p.PeerCallID, 14)
		b.result(p, 16)
		b.u16("cause_code", p.CauseCode, 18)
		b.u32("connect_speed", p.ConnectSpeed, 20)
		b.u16("packet_receive_window_size", p.WindowSize, 24)
		b.u16("packet_processing_delay", p.ProcessingDelay, 26)
		b.u32("physical_channel_id", p.PhysicalChannelID, 28)
	case PPTPIncomingCallRequest:
		b.u16("call_id", p.CallID, 12)
		b.u16("call_serial_number", p.CallSerialNumber, 14)
		b.u32("bearer_type", p.BearerType, 16)
		b.add("bearer_type_name", pptpBearerTypeName(p.BearerType), 16, 4)
		b.u32("physical_channel_id", p.PhysicalChannelID, 20)
		b.u16("dialed_number_length", p.DialedNumberLength, 24)
		b.u16("dialing_number_length", p.DialingNumberLength, 26)
		b.str("dialed_number", p.RawDialedNumber, 28, 64)
		b.str("dialing_number", p.RawDialingNumber, 92, 64)
		b.str("subaddress", p.RawSubaddress, 156, 64)
	case PPTPIncomingCallReply:
		b.u16("call_id", p.CallID, 12)
		b.u16("peer_call_id", p.PeerCallID, 14)
		b.result(p, 16)
		b.u16("packet_receive_window_size", p.WindowSize, 18)
		b.u16("packet_transmit_delay", p.ProcessingDelay, 20)
		b.reserved("reserved1", p.Reserved1, 22, 2)
	case PPTPIncomingCallConnected:
		b.u16("peer_call_id", p.PeerCallID, 12)
		b.reserved("reserved1", p.Reserved1, 14, 2)
		b.u32("connect_speed", p.ConnectSpeed, 16)
		b.u16("packet_receive_window_size", p.WindowSize, 20)
		b.u16("packet_transmit_delay", p.ProcessingDelay, 22)
		b.u32("framing_type", p.FramingType, 24)
		b.add("framing_type_name", pptpFramingTypeName(p.FramingType), 24, 4)
	case PPTPCallClearRequest:
		b.u16("call_id", p.CallID, 12)
		b.reserved("reserved1", p.Reserved1, 14, 2)
	case PPTPCallDisconnectNotify:
		b.u16("call_id", p.CallID, 12)
		b.result(p, 14)
		b.u16("cause_code", p.CauseCode, 16)
		b.reserved("reserved1", p.Reserved1, 18, 2)
		b.str("call_statistics", p.RawCallStatistics, 20, 128)
	case PPTPWANErrorNotify:
		b.u16("peer_call_id", p.PeerCallID, 12)
		b.reserved("reserved1", p.Reserved1, 14, 2)
		b.u32("crc_errors", p.CRCErrors, 16)
		b.u32("framing_errors", p.FramingErrors, 20)
		b.u32("hardware_overruns", p.HardwareOverruns, 24)
		b.u32("buffer_overruns", p.BufferOverruns, 28)
		b.u32("timeout_errors", p.TimeoutErrors, 32)
		b.u32("alignment_errors", p.AlignmentErrors, 36)
	case PPTPSetLinkInfo:
		b.u16("peer_call_id", p.PeerCallID, 12)
		b.reserved("reserved1", p.Reserved1, 14, 2)
		b.add("send_accm", hex32(p.SendACCM), 16, 4)
		b.add("receive_accm", hex32(p.ReceiveACCM), 20, 4)
	}
	if len(p.partial) > 0 {
		b.f = b.f.Add("partial_field", Hex(p.partial), len(p.Contents)-len(p.partial), len(p.Contents))
	}
	if len(p.Extra) > 0 {
		start := len(p.Contents) - len(p.Extra)
		name := "extra"
		if p.FixedLength() == 0 {
			name = "body"
		}
		b.f = b.f.Add(name, Hex(p.Extra), start, len(p.Contents))
	}
	return b.f
}

// Summary implements Message: the key fields on one short line.
func (p *PPTP) Summary() string {
	if !p.bodyOK {
		if len(p.Contents) >= 8 && p.MagicCookie != PPTPMagicCookie {
			return "bad magic cookie " + hex32(p.MagicCookie)
		}
		if len(p.Contents) >= pptpHeaderLen {
			return "bad length " + strconv.Itoa(int(p.Length))
		}
		return "truncated header"
	}
	var s strings.Builder
	kv := func(k, v string) {
		if s.Len() > 0 {
			s.WriteByte(' ')
		}
		s.WriteString(k)
		s.WriteByte('=')
		s.WriteString(v)
	}
	num := func(k string, v uint64) { kv(k, strconv.FormatUint(v, 10)) }
	code := func(k string, table []pptpCode, v uint8) {
		kv(k, lookupCode(table, int(v)).Short+"("+strconv.Itoa(int(v))+")")
	}
	result := func() {
		code("result", pptpResultTable(p.MessageType), p.ResultCode)
		if p.ErrorCode != 0 {
			code("error", pptpErrors, p.ErrorCode)
		}
	}
	switch p.MessageType {
	case PPTPStartControlConnectionRequest, PPTPStartControlConnectionReply:
		if p.MessageType == PPTPStartControlConnectionReply {
			result()
		}
		kv("ver", pptpVersionText(p.ProtocolVersion))
		kv("host", pptpQuote(p.HostName()))
		kv("vendor", pptpQuote(p.VendorName()))
	case PPTPStopControlConnectionRequest:
		code("reason", pptpStopReasons, p.Reason)
	case PPTPStopControlConnectionReply:
		result()
	case PPTPEchoRequest:
		num("id", uint64(p.EchoIdentifier))
	case PPTPEchoReply:
		num("id", uint64(p.EchoIdentifier))
		result()
	case PPTPOutgoingCallRequest:
		num("call_id", uint64(p.CallID))
		num("serial", uint64(p.CallSerialNumber))
		kv("bps", strconv.FormatUint(uint64(p.MinBPS), 10)+"-"+strconv.FormatUint(uint64(p.MaxBPS), 10))
		num("window", uint64(p.WindowSize))
		if ph := p.PhoneNumber(); ph != "" {
			kv("phone", pptpQuote(ph))
		}
	case PPTPOutgoingCallReply:
		num("call_id", uint64(p.CallID))
		num("peer", uint64(p.PeerCallID))
		result()
		if p.CauseCode != 0 {
			num("cause", uint64(p.CauseCode))
		}
		num("speed", uint64(p.ConnectSpeed))
		num("window", uint64(p.WindowSize))
	case PPTPIncomingCallRequest:
		num("call_id", uint64(p.CallID))
		num("serial", uint64(p.CallSerialNumber))
		kv("dialed", pptpQuote(p.DialedNumber()))
		kv("dialing", pptpQuote(p.DialingNumber()))
	case PPTPIncomingCallReply:
		num("call_id", uint64(p.CallID))
		num("peer", uint64(p.PeerCallID))
		result()
		num("window", uint64(p.WindowSize))
	case PPTPIncomingCallConnected:
		num("peer", uint64(p.PeerCallID))
		num("speed", uint64(p.ConnectSpeed))
		num("window", uint64(p.WindowSize))
	case PPTPCallClearRequest:
		num("call_id", uint64(p.CallID))
	case PPTPCallDisconnectNotify:
		num("call_id", uint64(p.CallID))
		result()
		num("cause", uint64(p.CauseCode))
	case PPTPWANErrorNotify:
		num("peer", uint64(p.PeerCallID))
		num("crc", uint64(p.CRCErrors))
		num("framing", uint64(p.FramingErrors))
		num("hw", uint64(p.HardwareOverruns))
		num("buf", uint64(p.BufferOverruns))
		num("timeout", uint64(p.TimeoutErrors))
		num("align", uint64(p.AlignmentErrors))
	case PPTPSetLinkInfo:
		num("peer", uint64(p.PeerCallID))
		kv("send_accm", hex32(p.SendACCM))
		kv("recv_accm", hex32(p.ReceiveACCM))
	default:
		num("type", uint64(p.MessageType))
		num("len", uint64(p.Length))
	}
	return s.String()
}

// pptpQuote shortens a string value for a key=value summary to 24
// characters, and quotes it when it is empty or holds spaces, quotes or
// equals signs. s is already printable (escaped by printable): quoting
// escapes only the quotes, so that escapes are not doubled.
func pptpQuote(s string) string {
	if r := []rune(s); len(r) > 24 {
		s = string(r[:23]) + "…"
	}
	if s == "" || strings.ContainsAny(s, " \"=") {
		return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
	}
	return s
}

func decodePPTP(data []byte, pb gopacket.PacketBuilder) error {
	return decodeWith[PPTP](data, pb)
}
