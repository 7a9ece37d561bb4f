package decode

import (
	"encoding/binary"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// EAP codes (RFC 3748 section 4).
const (
	EAPRequest  uint8 = 1
	EAPResponse uint8 = 2
	EAPSuccess  uint8 = 3
	EAPFailure  uint8 = 4
)

// EAP method types (RFC 3748 section 5 and the IANA registry).
const (
	EAPTypeIdentity     uint8 = 1
	EAPTypeNotification uint8 = 2
	EAPTypeNak          uint8 = 3
	EAPTypeMD5Challenge uint8 = 4
	EAPTypeOTP          uint8 = 5
	EAPTypeGTC          uint8 = 6
	EAPTypeTLS          uint8 = 13
	EAPTypeLEAP         uint8 = 17
	EAPTypeSIM          uint8 = 18
	EAPTypeTTLS         uint8 = 21
	EAPTypeAKA          uint8 = 23
	EAPTypePEAP         uint8 = 25
	EAPTypeMSCHAPv2     uint8 = 26
	EAPTypeFAST         uint8 = 43
	EAPTypePSK          uint8 = 47
	EAPTypeIKEv2        uint8 = 49
	EAPTypeAKAPrime     uint8 = 50
	EAPTypePWD          uint8 = 52
	EAPTypeTEAP         uint8 = 55
	EAPTypeExpanded     uint8 = 254
	EAPTypeExperimental uint8 = 255
)

// EAP-MSCHAPv2 op codes (draft-kamath-pppext-eap-mschapv2-02 section 2).
const (
	EAPMSCHAPv2Challenge      uint8 = 1
	EAPMSCHAPv2Response       uint8 = 2
	EAPMSCHAPv2Success        uint8 = 3
	EAPMSCHAPv2Failure        uint8 = 4
	EAPMSCHAPv2ChangePassword uint8 = 7
)

// Size of the Change-Password fields after the MS-CHAPv2 header: 516
// Encrypted-Password, 16 Encrypted-Hash, 16 Peer-Challenge, 8 Reserved, 24
// NT-Response, 2 Flags.
const eapMSCHAPv2ChangePasswordSize = 516 + 16 + 16 + 8 + 24 + 2

// Non-fatal findings, kept as bits so that decoding does not allocate.
const (
	eapNoteData       uint8 = 1 << iota // data after a Success or Failure
	eapNoteMSLength                     // MS-Length disagrees with the EAP Length
	eapNoteEmptyValue                   // MD5 or MS-CHAPv2 Value-Size 0
	eapNoteExtra                        // bytes after the Change-Password fields
)

// EAP is an Extensible Authentication Protocol packet carried in PPP (RFC
// 3748, PPP protocol 0xC227). Request and Response carry a Type and its
// data; the Identity, Notification, Nak, MD5-Challenge and EAP-MSCHAPv2
// methods are decoded, other methods (EAP-TLS, PEAP, ...) are kept raw.
// All byte slices alias the decoded data.
type EAP struct {
	layers.BaseLayer
	// ControlHeader holds Code, Identifier and Length. Its Identifier field
	// is shadowed by the Identifier method: use e.ControlHeader.Identifier.
	ControlHeader
	// Type is the method type of a Request or Response.
	Type uint8
	// TypeData is what follows the Type of a Request or Response (for
	// Success, Failure and unknown codes: the whole body, normally empty).
	TypeData []byte
	// MD5 holds the fields of an MD5-Challenge (Type 4).
	MD5 EAPMD5
	// MSCHAPv2 holds the fields of an EAP-MSCHAPv2 packet (Type 26).
	MSCHAPv2 EAPMSCHAPv2

	notes uint8
}

// EAPMD5 is the data of an EAP MD5-Challenge (RFC 3748 section 5.4).
type EAPMD5 struct {
	ValueSize uint8
	Value     []byte
	// NameField is the optional Name (the sender's identity).
	NameField []byte
}

// EAPMSCHAPv2 is the data of an EAP-MSCHAPv2 packet
// (draft-kamath-pppext-eap-mschapv2-02): the MS-CHAPv2 packets of RFC 2759
// with an OpCode in place of the CHAP code and an MS-Length.
type EAPMSCHAPv2 struct {
	OpCode uint8
	// HasHeader is false for the one-octet Success and Failure Responses
	// of the peer, which carry only the OpCode.
	HasHeader bool
	ID        uint8  // MS-CHAPv2-ID
	MSLength  uint16 // the EAP Length minus 5
	// ValueSize, Value and NameField are the fields of a Challenge (16-byte
	// challenge) or Response (49-byte response, see MSCHAPv2Response).
	ValueSize uint8
	Value     []byte
	NameField []byte
	// Message is the text of a Success or Failure Request.
	Message []byte
	// Change-Password fields (OpCode 7).
	EncryptedPassword []byte // 516 bytes
	EncryptedHash     []byte // 16 bytes
	PeerChallenge     []byte // 16 bytes
	Reserved          []byte // 8 bytes
	NTResponse        []byte // 24 bytes
	Flags             uint16
	// Extra holds bytes after the fields of a known op code, or the data
	// of an unknown one.
	Extra []byte
}

// LayerType implements gopacket.Layer.
func (e *EAP) LayerType() gopacket.LayerType { return LayerTypeEAP }

// CanDecode implements gopacket.DecodingLayer.
func (e *EAP) CanDecode() gopacket.LayerClass { return LayerTypeEAP }

// NextLayerType implements gopacket.DecodingLayer: EAP carries nothing.
func (e *EAP) NextLayerType() gopacket.LayerType { return gopacket.LayerTypeZero }

// DecodeFromBytes implements gopacket.DecodingLayer.
func (e *EAP) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	*e = EAP{}
	body, err := e.decodeControl(&e.BaseLayer, data, df, "EAP")
	if err != nil && body == nil {
		if len(data) >= 4 {
			e.Contents = data[:4]
		}
		return err
	}
	if berr := e.decodeBody(body); err == nil {
		err = berr
	}
	return err
}

func (e *EAP) hasType() bool { return e.Code == EAPRequest || e.Code == EAPResponse }

func (e *EAP) decodeBody(body []byte) error {
	if !e.hasType() {
		e.TypeData = body
		if len(body) > 0 && (e.Code == EAPSuccess || e.Code == EAPFailure) {
			e.notes |= eapNoteData
		}
		return nil
	}
	if len(body) == 0 {
		return malformed("EAP %s has no Type", e.Name())
	}
	e.Type, e.TypeData = body[0], body[1:]
	d := e.TypeData
	switch e.Type {
	case EAPTypeMD5Challenge:
		if len(d) == 0 {
			return malformed("EAP MD5-Challenge has no Value-Size")
		}
		e.MD5.ValueSize = d[0]
		n := int(d[0])
		if n == 0 {
			e.notes |= eapNoteEmptyValue
		}
		if 1+n > len(d) {
			e.MD5.Value = d[1:]
			return malformed("EAP MD5-Challenge value of %d bytes runs past the packet (%d left)", n, len(d)-1)
		}
		e.MD5.Value, e.MD5.NameField = d[1:1+n], d[1+n:]
	case EAPTypeMSCHAPv2:
		return e.decodeMSCHAPv2(d)
	}
	return nil
}

func (e *EAP) decodeMSCHAPv2(d []byte) error {
	m := &e.MSCHAPv2
	if len(d) == 0 {
		return malformed("EAP-MSCHAPv2 has no OpCode")
	}
	m.OpCode = d[0]
	if len(d) == 1 && (m.OpCode == EAPMSCHAPv2Success || m.OpCode == EAPMSCHAPv2Failure) {
		return nil // the peer's Success/Failure Response: the OpCode alone
	}
	if len(d) < 4 {
		m.Extra = d[1:]
		return malformed("EAP-MSCHAPv2 header needs 4 bytes, have %d", len(d))
	}
	m.HasHeader = true
	m.ID = d[1]
	m.MSLength = binary.BigEndian.Uint16(d[2:4])
	if int(m.MSLength) != len(d) {
		e.notes |= eapNoteMSLength
	}
	rest := d[4:]
	switch m.OpCode {
	case EAPMSCHAPv2Challenge, EAPMSCHAPv2Response:
		if len(rest) == 0 {
			return malformed("EAP-MSCHAPv2 %s has no Value-Size", eapMSCHAPv2OpName(m.OpCode))
		}
		m.ValueSize = rest[0]
		n := int(rest[0])
		if n == 0 {
			e.notes |= eapNoteEmptyValue
		}
		if 1+n > len(rest) {
			m.Value = rest[1:]
			return malformed("EAP-MSCHAPv2 value of %d bytes runs past the packet (%d left)", n, len(rest)-1)
		}
		m.Value, m.NameField = rest[1:1+n], rest[1+n:]
	case EAPMSCHAPv2Success, EAPMSCHAPv2Failure:
		m.Message = rest
	case EAPMSCHAPv2ChangePassword:
		if len(rest) < eapMSCHAPv2ChangePasswordSize {
			m.Extra = rest
			return malformed("EAP-MSCHAPv2 Change-Password needs %d bytes, have %d", eapMSCHAPv2ChangePasswordSize, len(rest))
		}
		m.EncryptedPassword = rest[0:516]
		m.EncryptedHash = rest[516:532]
		m.PeerChallenge = rest[532:548]
		m.Reserved = rest[548:556]
		m.NTResponse = rest[556:580]
		m.Flags = binary.BigEndian.Uint16(rest[580:582])
		if len(rest) > eapMSCHAPv2ChangePasswordSize {
			m.Extra = rest[eapMSCHAPv2ChangePasswordSize:]
			e.notes |= eapNoteExtra
		}
	default:
		m.Extra = rest
	}
	return nil
}

// SerializeTo implements gopacket.SerializableLayer: it writes Type and
// TypeData (the decoded method fields are views of TypeData); opts.FixLengths
// sets Length.
func (e *EAP) SerializeTo(b gopacket.SerializeBuffer, opts gopacket.SerializeOptions) error {
	body := e.TypeData
	if e.hasType() {
		body = make([]byte, 0, 1+len(e.TypeData))
		body = append(body, e.Type)
		body = append(body, e.TypeData...)
	}
	return serializeControl(b, opts, e.ControlHeader, body)
}

// Proto implements Message.
func (e *EAP) Proto() string { return "EAP" }

// Name implements Message.
func (e *EAP) Name() string { return EAPCodeName(e.Code) }

// EAPCodeName is the RFC 3748 name of an EAP code.
func EAPCodeName(code uint8) string {
	switch code {
	case EAPRequest:
		return "Request"
	case EAPResponse:
		return "Response"
	case EAPSuccess:
		return "Success"
	case EAPFailure:
		return "Failure"
	}
	return unknownName(int(code))
}

// EAPTypeName is the name of an EAP method type.
func EAPTypeName(t uint8) string {
	switch t {
	case EAPTypeIdentity:
		return "Identity"
	case EAPTypeNotification:
		return "Notification"
	case EAPTypeNak:
		return "Nak"
	case EAPTypeMD5Challenge:
		return "MD5-Challenge"
	case EAPTypeOTP:
		return "One-Time Password"
	case EAPTypeGTC:
		return "Generic Token Card"
	case EAPTypeTLS:
		return "EAP-TLS"
	case EAPTypeLEAP:
		return "LEAP"
	case EAPTypeSIM:
		return "EAP-SIM"
	case EAPTypeTTLS:
		return "EAP-TTLS"
	case EAPTypeAKA:
		return "EAP-AKA"
	case EAPTypePEAP:
		return "PEAP"
	case EAPTypeMSCHAPv2:
		return "EAP-MSCHAPv2"
	case EAPTypeFAST:
		return "EAP-FAST"
	case EAPTypePSK:
		return "EAP-PSK"
	case EAPTypeIKEv2:
		return "EAP-IKEv2"
	case EAPTypeAKAPrime:
		return "EAP-AKA'"
	case EAPTypePWD:
		return "EAP-pwd"
	case EAPTypeTEAP:
		return "TEAP"
	case EAPTypeExpanded:
		return "Expanded"
	case EAPTypeExperimental:
		return "Experimental"
	}
	return unknownName(int(t))
}

func eapMSCHAPv2OpName(op uint8) string {
	switch op {
	case EAPMSCHAPv2Challenge:
		return "Challenge"
	case EAPMSCHAPv2Response:
		return "Response"
	case EAPMSCHAPv2Success:
		return "Success"
	case EAPMSCHAPv2Failure:
		return "Failure"
	case EAPMSCHAPv2ChangePassword:
		return "Change-Password"
	}
	return unknownName(int(op))
}

// OpName is the name of the op code: Challenge, Response, Success, Failure,
// Change-Password or Unknown-N.
func (m *EAPMSCHAPv2) OpName() string { return eapMSCHAPv2OpName(m.OpCode) }

// Identifier implements Message.
func (e *EAP) Identifier() int { return int(e.ControlHeader.Identifier) }

// TypeName is the name of the method type of a Request or Response, or "".
func (e *EAP) TypeName() string {
	if !e.hasType() || len(e.Contents) < 5 {
		return ""
	}
	return EAPTypeName(e.Type)
}

// Identity is the identity of an Identity Response (or the prompt of an
// Identity Request), made printable.
func (e *EAP) Identity() string {
	if !e.hasType() || e.Type != EAPTypeIdentity {
		return ""
	}
	return printable(e.TypeData)
}

// DesiredTypes are the authentication types a Nak asks for (aliases the
// packet).
func (e *EAP) DesiredTypes() []byte {
	if e.Code != EAPResponse || e.Type != EAPTypeNak {
		return nil
	}
	return e.TypeData
}

// isMSCHAPv2 reports an EAP-MSCHAPv2 packet whose OpCode was decoded.
func (e *EAP) isMSCHAPv2() bool {
	return e.hasType() && e.Type == EAPTypeMSCHAPv2 && len(e.TypeData) > 0
}

// MSCHAPv2Challenge is the 16-byte authenticator challenge of an
// EAP-MSCHAPv2 Challenge, or nil.
func (e *EAP) MSCHAPv2Challenge() []byte {
	if !e.isMSCHAPv2() || e.MSCHAPv2.OpCode != EAPMSCHAPv2Challenge {
		return nil
	}
	return e.MSCHAPv2.Value
}

// MSCHAPv2Response splits the 49-byte value of an EAP-MSCHAPv2 Response.
func (e *EAP) MSCHAPv2Response() (MSCHAPv2Response, bool) {
	if !e.isMSCHAPv2() || e.MSCHAPv2.OpCode != EAPMSCHAPv2Response {
		return MSCHAPv2Response{}, false
	}
	return ParseMSCHAPv2Response(e.MSCHAPv2.Value)
}

// MSCHAPv2Success parses the S=... M=... message of an EAP-MSCHAPv2
// Success Request.
func (e *EAP) MSCHAPv2Success() (MSCHAPSuccess, bool) {
	if !e.isMSCHAPv2() || e.MSCHAPv2.OpCode != EAPMSCHAPv2Success || !e.MSCHAPv2.HasHeader {
		return MSCHAPSuccess{}, false
	}
	return ParseMSCHAPSuccess(e.MSCHAPv2.Message)
}

// MSCHAPv2Failure parses the E=... message of an EAP-MSCHAPv2 Failure
// Request.
func (e *EAP) MSCHAPv2Failure() (MSCHAPFailure, bool) {
	if !e.isMSCHAPv2() || e.MSCHAPv2.OpCode != EAPMSCHAPv2Failure || !e.MSCHAPv2.HasHeader {
		return MSCHAPFailure{}, false
	}
	return ParseMSCHAPFailure(e.MSCHAPv2.Message)
}

// Fields implements Message.
func (e *EAP) Fields() Fields {
	f := e.headerFields(e.Name())
	if !e.hasType() {
		if len(e.TypeData) > 0 {
			f = f.Add("data", Hex(e.TypeData), 4, 4+len(e.TypeData))
		}
		return f
	}
	if len(e.Contents) < 5 {
		return f
	}
	f = f.Add("type", int(e.Type), 4, 5)
	f = f.Add("type_name", EAPTypeName(e.Type), 4, 5)
	d, end := e.TypeData, 5+len(e.TypeData)
	switch e.Type {
	case EAPTypeIdentity:
		f = f.Add("identity", printable(d), 5, end)
	case EAPTypeNotification:
		f = f.Add("notification", printable(d), 5, end)
	case EAPTypeNak:
		list := make([]Fields, 0, len(d))
		for i, t := range d {
			var o Fields
			o = o.Add("type", int(t), 5+i, 6+i)
			o = o.Add("type_name", EAPTypeName(t), 5+i, 6+i)
			list = append(list, o)
		}
		f = f.Add("desired_types", list, 5, end)
	case EAPTypeMD5Challenge:
		if len(d) == 0 {
			break
		}
		n := len(e.MD5.Value)
		f = f.Add("value_size", int(e.MD5.ValueSize), 5, 6)
		f = f.Add("value", Hex(e.MD5.Value), 6, 6+n)
		f = f.Add("name", printable(e.MD5.NameField), 6+n, end)
	case EAPTypeMSCHAPv2:
		f = e.mschapv2Fields(f)
	case EAPTypeExpanded:
		if len(d) >= 7 {
			f = f.Add("vendor_id", int(d[0])<<16|int(d[1])<<8|int(d[2]), 5, 8)
			f = f.Add("vendor_type", uint64(binary.BigEndian.Uint32(d[3:7])), 8, 12)
			if len(d) > 7 {
				f = f.Add("type_data", Hex(d[7:]), 12, end)
			}
			break
		}
		fallthrough
	default:
		if len(d) > 0 {
			f = f.Add("type_data", Hex(d), 5, end)
		}
	}
	return f
}

func (e *EAP) mschapv2Fields(f Fields) Fields {
	m := &e.MSCHAPv2
	if len(e.TypeData) == 0 {
		return f
	}
	end := 5 + len(e.TypeData)
	f = f.Add("opcode", int(m.OpCode), 5, 6)
	f = f.Add("opcode_name", m.OpName(), 5, 6)
	if !m.HasHeader {
		if len(m.Extra) > 0 {
			f = f.Add("data", Hex(m.Extra), 6, end)
		}
		return f
	}
	f = f.Add("mschapv2_id", int(m.ID), 6, 7)
	f = f.Add("ms_length", int(m.MSLength), 7, 9)
	switch m.OpCode {
	case EAPMSCHAPv2Challenge, EAPMSCHAPv2Response:
		if end <= 9 {
			return f
		}
		n := len(m.Value)
		f = f.Add("value_size", int(m.ValueSize), 9, 10)
		if m.OpCode == EAPMSCHAPv2Challenge {
			f = f.Add("challenge", Hex(m.Value), 10, 10+n)
		} else {
			f = f.Add("response", Hex(m.Value), 10, 10+n)
			f = mschapResponseFields(f, CHAPAlgorithmMSCHAPv2, m.Value, 10)
		}
		f = f.Add("name", printable(m.NameField), 10+n, 10+n+len(m.NameField))
	case EAPMSCHAPv2Success:
		f = f.Add("message", printable(m.Message), 9, end)
		if s, ok := ParseMSCHAPSuccess(m.Message); ok {
			f = s.appendFields(f, 9)
		}
	case EAPMSCHAPv2Failure:
		f = f.Add("message", printable(m.Message), 9, end)
		if fl, ok := ParseMSCHAPFailure(m.Message); ok {
			f = fl.appendFields(f, 9)
		}
	case EAPMSCHAPv2ChangePassword:
		if m.EncryptedPassword != nil {
			f = f.Add("encrypted_password", Hex(m.EncryptedPassword), 9, 525)
			f = f.Add("encrypted_hash", Hex(m.EncryptedHash), 525, 541)
			f = f.Add("peer_challenge", Hex(m.PeerChallenge), 541, 557)
			f = f.Add("reserved", Hex(m.Reserved), 557, 565)
			f = f.Add("nt_response", Hex(m.NTResponse), 565, 589)
			f = f.Add("flags", int(m.Flags), 589, 591)
		}
		if len(m.Extra) > 0 {
			f = f.Add("extra", Hex(m.Extra), end-len(m.Extra), end)
		}
	default:
		if len(m.Extra) > 0 {
			f = f.Add("data", Hex(m.Extra), 9, end)
		}
	}
	return f
}

// Summary implements Message: "Identity vpnuser", "MD5-Challenge",
// "EAP-MSCHAPv2 Challenge name=pptpd", "EAP-MSCHAPv2 Success S=… M=…", the
// type name of other methods, nothing for Success and Failure.
func (e *EAP) Summary() string {
	if !e.hasType() || len(e.Contents) < 5 {
		return ""
	}
	switch e.Type {
	case EAPTypeIdentity, EAPTypeNotification:
		if t := printable(e.TypeData); t != "" {
			return EAPTypeName(e.Type) + " " + t
		}
	case EAPTypeNak:
		names := make([]string, len(e.TypeData))
		for i, t := range e.TypeData {
			names[i] = EAPTypeName(t)
		}
		return "Nak desired=" + strings.Join(names, ",")
	case EAPTypeMSCHAPv2:
		if len(e.TypeData) == 0 {
			break
		}
		m := &e.MSCHAPv2
		s := "EAP-MSCHAPv2 " + m.OpName()
		switch m.OpCode {
		case EAPMSCHAPv2Challenge, EAPMSCHAPv2Response:
			if m.HasHeader {
				s += " name=" + printable(m.NameField)
			}
		case EAPMSCHAPv2Success:
			if sc, ok := e.MSCHAPv2Success(); ok {
				s += " " + sc.Summary()
			} else if len(m.Message) > 0 {
				s += " " + printable(m.Message)
			}
		case EAPMSCHAPv2Failure:
			if fl, ok := e.MSCHAPv2Failure(); ok {
				s += " " + fl.Summary()
			} else if len(m.Message) > 0 {
				s += " " + printable(m.Message)
			}
		}
		return s
	}
	return EAPTypeName(e.Type)
}

// Notes implements Message.
func (e *EAP) Notes() []Note {
	var n []Note
	if e.notes&eapNoteData != 0 {
		n = append(n, note("eap-data", e.Name(), len(e.TypeData)))
	}
	if e.notes&eapNoteMSLength != 0 {
		n = append(n, note("eap-mslength", int(e.MSCHAPv2.MSLength), len(e.TypeData)))
	}
	if e.notes&eapNoteEmptyValue != 0 {
		n = append(n, note("eap-empty-value", EAPTypeName(e.Type)))
	}
	if e.notes&eapNoteExtra != 0 {
		n = append(n, note("eap-change-password-extra"))
	}
	if e.isMSCHAPv2() && e.MSCHAPv2.HasHeader {
		m := &e.MSCHAPv2
		switch {
		case m.OpCode == EAPMSCHAPv2Challenge && len(m.Value) != 16:
			n = append(n, note("eap-mschapv2-challenge-length", len(m.Value)))
		case m.OpCode == EAPMSCHAPv2Response && len(m.Value) != MSCHAPResponseSize:
			n = append(n, note("eap-mschapv2-response-length", len(m.Value)))
		case m.OpCode == EAPMSCHAPv2Response:
			n = append(n, mschapResponseNotes(CHAPAlgorithmMSCHAPv2, m.Value)...)
		}
	}
	return n
}

func decodeEAP(data []byte, pb gopacket.PacketBuilder) error {
	return decodeWith[EAP](data, pb)
}
