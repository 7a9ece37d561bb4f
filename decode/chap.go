package decode

import (
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// CHAP codes (RFC 1994 section 4).
const (
	CHAPChallenge uint8 = 1
	CHAPResponse  uint8 = 2
	CHAPSuccess   uint8 = 3
	CHAPFailure   uint8 = 4
)

// CHAPAlgorithm is the algorithm octet of the LCP Authentication-Protocol
// option for CHAP (RFC 1994 section 3; RFC 2433; RFC 2759).
type CHAPAlgorithm uint8

// CHAP algorithms. CHAPAlgorithmUnknown means that the LCP negotiation was
// not seen: the accessors then guess from the layout of the packet.
const (
	CHAPAlgorithmUnknown  CHAPAlgorithm = 0
	CHAPAlgorithmMD5      CHAPAlgorithm = 5
	CHAPAlgorithmMSCHAPv1 CHAPAlgorithm = 0x80
	CHAPAlgorithmMSCHAPv2 CHAPAlgorithm = 0x81
)

// String returns MD5, MS-CHAPv1, MS-CHAPv2, unknown or the number.
func (a CHAPAlgorithm) String() string {
	switch a {
	case CHAPAlgorithmUnknown:
		return "unknown"
	case CHAPAlgorithmMD5:
		return "MD5"
	case CHAPAlgorithmMSCHAPv1:
		return "MS-CHAPv1"
	case CHAPAlgorithmMSCHAPv2:
		return "MS-CHAPv2"
	}
	return "algorithm-" + strconv.Itoa(int(a))
}

// MSCHAPResponseSize is the size of the Response value of MS-CHAPv1 and
// MS-CHAPv2 (RFC 2433 section 5, RFC 2759 section 4).
const MSCHAPResponseSize = 49

const chapNoteEmptyValue uint8 = 1 // Value-Size 0

// CHAP is a Challenge-Handshake Authentication Protocol packet (RFC 1994,
// PPP protocol 0xC223), including the Microsoft variants MS-CHAPv1 (RFC
// 2433) and MS-CHAPv2 (RFC 2759), which use the same packets with a
// structured Response value and Success/Failure message.
//
// Which algorithm is in use is negotiated by LCP, which is the authority: a
// caller that saw the negotiation sets Algorithm after decoding, and every
// accessor follows it. With Algorithm left at CHAPAlgorithmUnknown the
// accessors guess from the packet (see GuessAlgorithm). Decoding only
// slices the packet; the structured parts are parsed by the accessors.
type CHAP struct {
	layers.BaseLayer
	// ControlHeader holds Code, Identifier and Length. Its Identifier field
	// is shadowed by the Identifier method: use c.ControlHeader.Identifier.
	ControlHeader
	// ValueSize, Value and NameField are the fields of a Challenge or a
	// Response. NameField is RFC 1994's Name (the sender's identity: the
	// authenticator's name in a Challenge, the user name in a Response);
	// it is not called Name because Name is the message name.
	ValueSize uint8
	Value     []byte
	NameField []byte
	// Message is the text of a Success or Failure.
	Message []byte
	// Data is the body of a packet with an unknown code.
	Data []byte
	// Algorithm is set by the caller from the LCP negotiation (decoding
	// resets it to CHAPAlgorithmUnknown).
	Algorithm CHAPAlgorithm

	notes uint8
}

// LayerType implements gopacket.Layer.
func (c *CHAP) LayerType() gopacket.LayerType { return LayerTypeCHAP }

// CanDecode implements gopacket.DecodingLayer.
func (c *CHAP) CanDecode() gopacket.LayerClass { return LayerTypeCHAP }

// NextLayerType implements gopacket.DecodingLayer: CHAP carries nothing.
func (c *CHAP) NextLayerType() gopacket.LayerType { return gopacket.LayerTypeZero }

// DecodeFromBytes implements gopacket.DecodingLayer.
func (c *CHAP) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	*c = CHAP{}
	body, err := c.decodeControl(&c.BaseLayer, data, df, "CHAP")
	if err != nil && body == nil {
		if len(data) >= 4 {
			c.Contents = data[:4]
		}
		return err
	}
	if berr := c.decodeBody(body); err == nil {
		err = berr
	}
	return err
}

func (c *CHAP) decodeBody(body []byte) error {
	switch c.Code {
	case CHAPChallenge, CHAPResponse:
		if len(body) == 0 {
			return malformed("CHAP %s has no Value-Size", c.Name())
		}
		c.ValueSize = body[0]
		n := int(body[0])
		if n == 0 {
			c.notes |= chapNoteEmptyValue
		}
		if 1+n > len(body) {
			c.Value = body[1:]
			return malformed("CHAP value of %d bytes runs past the packet (%d left)", n, len(body)-1)
		}
		c.Value, c.NameField = body[1:1+n], body[1+n:]
	case CHAPSuccess, CHAPFailure:
		c.Message = body
	default:
		c.Data = body
	}
	return nil
}

// SerializeTo implements gopacket.SerializableLayer. Value-Size is always
// len(Value); opts.FixLengths sets Length.
func (c *CHAP) SerializeTo(b gopacket.SerializeBuffer, opts gopacket.SerializeOptions) error {
	var body []byte
	switch c.Code {
	case CHAPChallenge, CHAPResponse:
		if len(c.Value) > 255 {
			return malformed("CHAP value longer than 255 bytes")
		}
		body = make([]byte, 0, 1+len(c.Value)+len(c.NameField))
		body = append(body, byte(len(c.Value)))
		body = append(body, c.Value...)
		body = append(body, c.NameField...)
	case CHAPSuccess, CHAPFailure:
		body = c.Message
	default:
		body = c.Data
	}
	return serializeControl(b, opts, c.ControlHeader, body)
}

// Proto implements Message.
func (c *CHAP) Proto() string { return "CHAP" }

// Name implements Message.
func (c *CHAP) Name() string { return CHAPCodeName(c.Code) }

// CHAPCodeName is the RFC 1994 name of a CHAP code.
func CHAPCodeName(code uint8) string {
	switch code {
	case CHAPChallenge:
		return "Challenge"
	case CHAPResponse:
		return "Response"
	case CHAPSuccess:
		return "Success"
	case CHAPFailure:
		return "Failure"
	}
	return unknownName(int(code))
}

// Identifier implements Message.
func (c *CHAP) Identifier() int { return int(c.ControlHeader.Identifier) }

// SenderName is the Name field made printable.
func (c *CHAP) SenderName() string { return printable(c.NameField) }

// MessageText is the Success/Failure message made printable.
func (c *CHAP) MessageText() string { return printable(c.Message) }

// EffectiveAlgorithm is Algorithm when the caller set it, else the guess.
func (c *CHAP) EffectiveAlgorithm() CHAPAlgorithm {
	if c.Algorithm != CHAPAlgorithmUnknown {
		return c.Algorithm
	}
	return c.GuessAlgorithm()
}

// GuessAlgorithm guesses the algorithm from this packet alone: a 49-byte
// Response ending in 0x01 (the "use NT" flag) is MS-CHAPv1, ending in 0x00
// (the flags) MS-CHAPv2; a 16-byte Response is MD5; an 8-byte Challenge is
// MS-CHAPv1-sized; a Success starting S=<40 hex> is MS-CHAPv2. A 16-byte
// Challenge fits both MD5 and MS-CHAPv2, and a Failure E=... both MS-CHAP
// versions: those give CHAPAlgorithmUnknown.
func (c *CHAP) GuessAlgorithm() CHAPAlgorithm {
	switch c.Code {
	case CHAPChallenge:
		if len(c.Value) == 8 {
			return CHAPAlgorithmMSCHAPv1
		}
	case CHAPResponse:
		switch len(c.Value) {
		case 16:
			return CHAPAlgorithmMD5
		case MSCHAPResponseSize:
			switch c.Value[48] {
			case 1:
				return CHAPAlgorithmMSCHAPv1
			case 0:
				return CHAPAlgorithmMSCHAPv2
			}
		}
	case CHAPSuccess:
		if _, ok := ParseMSCHAPSuccess(c.Message); ok {
			return CHAPAlgorithmMSCHAPv2
		}
	}
	return CHAPAlgorithmUnknown
}

// Challenge is the challenge value of a Challenge packet (16 bytes for
// MS-CHAPv2, 8 for MS-CHAPv1), or nil.
func (c *CHAP) Challenge() []byte {
	if c.Code != CHAPChallenge {
		return nil
	}
	return c.Value
}

// MSCHAPv2 splits the value of a Response as MS-CHAPv2 (RFC 2759 section
// 4). It reports false for other packets, for a value that is not 49
// bytes, and when the algorithm (set or guessed) is not MS-CHAPv2.
func (c *CHAP) MSCHAPv2() (MSCHAPv2Response, bool) {
	if c.Code != CHAPResponse || c.EffectiveAlgorithm() != CHAPAlgorithmMSCHAPv2 {
		return MSCHAPv2Response{}, false
	}
	return ParseMSCHAPv2Response(c.Value)
}

// MSCHAPv1 splits the value of a Response as MS-CHAPv1 (RFC 2433 section
// 5), like MSCHAPv2.
func (c *CHAP) MSCHAPv1() (MSCHAPv1Response, bool) {
	if c.Code != CHAPResponse || c.EffectiveAlgorithm() != CHAPAlgorithmMSCHAPv1 {
		return MSCHAPv1Response{}, false
	}
	return ParseMSCHAPv1Response(c.Value)
}

// NTResponse is the 24-byte NT-Response of an MS-CHAPv1 or MS-CHAPv2
// Response, or nil.
func (c *CHAP) NTResponse() []byte {
	if r, ok := c.MSCHAPv2(); ok {
		return r.NTResponse
	}
	if r, ok := c.MSCHAPv1(); ok {
		return r.NTResponse
	}
	return nil
}

// PeerChallenge is the 16-byte Peer-Challenge of an MS-CHAPv2 Response, or
// nil.
func (c *CHAP) PeerChallenge() []byte {
	r, _ := c.MSCHAPv2()
	return r.PeerChallenge
}

// LMResponse is the 24-byte LM-Response of an MS-CHAPv1 Response, or nil.
func (c *CHAP) LMResponse() []byte {
	r, _ := c.MSCHAPv1()
	return r.LMResponse
}

// Success parses the message of an MS-CHAPv2 Success (S=... M=...). It
// reports false for other packets, when Algorithm says MD5, and when the
// message has no valid S= part.
func (c *CHAP) Success() (MSCHAPSuccess, bool) {
	if c.Code != CHAPSuccess || c.Algorithm == CHAPAlgorithmMD5 {
		return MSCHAPSuccess{}, false
	}
	return ParseMSCHAPSuccess(c.Message)
}

// AuthenticatorResponse is the 20-byte authenticator response (the S= value)
// of an MS-CHAPv2 Success.
func (c *CHAP) AuthenticatorResponse() ([20]byte, bool) {
	s, ok := c.Success()
	return s.AuthenticatorResponse, ok
}

// Failure parses the message of an MS-CHAP Failure (E=... R=... C=... V=...
// M=...). It reports false for other packets, when Algorithm says MD5 and
// when the message has no valid E= part.
func (c *CHAP) Failure() (MSCHAPFailure, bool) {
	if c.Code != CHAPFailure || c.Algorithm == CHAPAlgorithmMD5 {
		return MSCHAPFailure{}, false
	}
	return ParseMSCHAPFailure(c.Message)
}

// FailureCode is the E= error code of an MS-CHAP Failure.
func (c *CHAP) FailureCode() (int, bool) {
	f, ok := c.Failure()
	return f.Error, ok
}

// FailureMessage is the M= text of an MS-CHAP Failure, or the whole message
// of any other Failure.
func (c *CHAP) FailureMessage() string {
	if c.Code != CHAPFailure {
		return ""
	}
	if f, ok := c.Failure(); ok {
		return f.Message
	}
	return c.MessageText()
}

// algorithmFields adds the algorithm, when it is known or guessed.
func (c *CHAP) algorithmFields(f Fields) Fields {
	if c.Algorithm != CHAPAlgorithmUnknown {
		f = f.Add("algorithm", c.Algorithm.String(), 0, 0)
		return f.Add("algorithm_from", "LCP", 0, 0)
	}
	if g := c.GuessAlgorithm(); g != CHAPAlgorithmUnknown {
		f = f.Add("algorithm", g.String(), 0, 0)
		return f.Add("algorithm_from", "packet layout", 0, 0)
	}
	if c.Code == CHAPChallenge && len(c.Value) == 16 {
		f = f.Add("algorithm", "MD5 or MS-CHAPv2", 0, 0)
		return f.Add("algorithm_from", "packet layout", 0, 0)
	}
	return f
}

// Fields implements Message.
func (c *CHAP) Fields() Fields {
	f := c.headerFields(c.Name())
	switch c.Code {
	case CHAPChallenge, CHAPResponse:
		if len(c.Contents) <= 4 {
			return f
		}
		n := len(c.Value)
		f = f.Add("value_size", int(c.ValueSize), 4, 5)
		f = f.Add("value", Hex(c.Value), 5, 5+n)
		if c.Code == CHAPResponse {
			f = mschapResponseFields(f, c.EffectiveAlgorithm(), c.Value, 5)
		}
		f = f.Add("name", c.SenderName(), 5+n, 5+n+len(c.NameField))
		f = c.algorithmFields(f)
	case CHAPSuccess:
		f = f.Add("message", c.MessageText(), 4, 4+len(c.Message))
		if s, ok := c.Success(); ok {
			f = s.appendFields(f, 4)
		}
		f = c.algorithmFields(f)
	case CHAPFailure:
		f = f.Add("message", c.MessageText(), 4, 4+len(c.Message))
		if fl, ok := c.Failure(); ok {
			f = fl.appendFields(f, 4)
		}
		f = c.algorithmFields(f)
	default:
		if len(c.Data) > 0 {
			f = f.Add("data", Hex(c.Data), 4, 4+len(c.Data))
		}
	}
	return f
}

// Summary implements Message: name=<name> for a Challenge or Response,
// the parsed S=/E= message of MS-CHAP, or the message text.
func (c *CHAP) Summary() string {
	switch c.Code {
	case CHAPChallenge, CHAPResponse:
		return "name=" + c.SenderName()
	case CHAPSuccess:
		if s, ok := c.Success(); ok {
			return s.Summary()
		}
		return c.MessageText()
	case CHAPFailure:
		if fl, ok := c.Failure(); ok {
			return fl.Summary()
		}
		return c.MessageText()
	}
	return ""
}

// Notes implements Message.
func (c *CHAP) Notes() []Note {
	var n []Note
	if c.notes&chapNoteEmptyValue != 0 {
		n = append(n, note("chap-empty-value", c.Name()))
	}
	alg := c.EffectiveAlgorithm()
	switch c.Code {
	case CHAPChallenge:
		switch {
		case alg == CHAPAlgorithmMSCHAPv2 && len(c.Value) != 16:
			n = append(n, note("mschapv2-challenge-length", len(c.Value)))
		case alg == CHAPAlgorithmMSCHAPv1 && len(c.Value) != 8:
			n = append(n, note("mschapv1-challenge-length", len(c.Value)))
		}
	case CHAPResponse:
		switch alg {
		case CHAPAlgorithmMSCHAPv1, CHAPAlgorithmMSCHAPv2:
			if len(c.Value) != MSCHAPResponseSize {
				n = append(n, note("mschap-response-length", alg.String(), len(c.Value)))
			}
		case CHAPAlgorithmMD5:
			if len(c.Value) != 16 {
				n = append(n, note("md5-response-length", len(c.Value)))
			}
		}
		n = append(n, mschapResponseNotes(alg, c.Value)...)
	}
	return n
}

func decodeCHAP(data []byte, pb gopacket.PacketBuilder) error {
	return decodeWith[CHAP](data, pb)
}

// MSCHAPv2Response is the 49-byte Response value of MS-CHAPv2 (RFC 2759
// section 4). The slices alias the value.
type MSCHAPv2Response struct {
	PeerChallenge []byte // 16 bytes
	Reserved      []byte // 8 bytes, zero
	NTResponse    []byte // 24 bytes
	Flags         uint8  // zero
}

// ParseMSCHAPv2Response splits a 49-byte MS-CHAPv2 Response value.
func ParseMSCHAPv2Response(value []byte) (MSCHAPv2Response, bool) {
	if len(value) != MSCHAPResponseSize {
		return MSCHAPv2Response{}, false
	}
	return MSCHAPv2Response{
		PeerChallenge: value[0:16:16],
		Reserved:      value[16:24:24],
		NTResponse:    value[24:48:48],
		Flags:         value[48],
	}, true
}

// MSCHAPv1Response is the 49-byte Response value of MS-CHAPv1 (RFC 2433
// section 5). The slices alias the value.
type MSCHAPv1Response struct {
	LMResponse []byte // 24 bytes (zero when only the NT response is used)
	NTResponse []byte // 24 bytes
	UseNT      uint8  // 1: use the NT response, 0: use the LM response
}

// ParseMSCHAPv1Response splits a 49-byte MS-CHAPv1 Response value.
func ParseMSCHAPv1Response(value []byte) (MSCHAPv1Response, bool) {
	if len(value) != MSCHAPResponseSize {
		return MSCHAPv1Response{}, false
	}
	return MSCHAPv1Response{
		LMResponse: value[0:24:24],
		NTResponse: value[24:48:48],
		UseNT:      value[48],
	}, true
}

// mschapResponseFields adds the parts of a 49-byte MS-CHAP Response value
// that starts at offset base.
func mschapResponseFields(f Fields, alg CHAPAlgorithm, value []byte, base int) Fields {
	switch alg {
	case CHAPAlgorithmMSCHAPv2:
		if r, ok := ParseMSCHAPv2Response(value); ok {
			f = f.Add("peer_challenge", Hex(r.PeerChallenge), base, base+16)
			f = f.Add("reserved", Hex(r.Reserved), base+16, base+24)
			f = f.Add("nt_response", Hex(r.NTResponse), base+24, base+48)
			f = f.Add("flags", int(r.Flags), base+48, base+49)
		}
	case CHAPAlgorithmMSCHAPv1:
		if r, ok := ParseMSCHAPv1Response(value); ok {
			f = f.Add("lm_response", Hex(r.LMResponse), base, base+24)
			f = f.Add("nt_response", Hex(r.NTResponse), base+24, base+48)
			f = f.Add("use_nt", r.UseNT == 1, base+48, base+49)
		}
	}
	return f
}

func mschapResponseNotes(alg CHAPAlgorithm, value []byte) []Note {
	var n []Note
	switch alg {
	case CHAPAlgorithmMSCHAPv2:
		if r, ok := ParseMSCHAPv2Response(value); ok {
			for _, b := range r.Reserved {
				if b != 0 {
					n = append(n, note("mschapv2-reserved"))
					break
				}
			}
			if r.Flags != 0 {
				n = append(n, note("mschapv2-flags"))
			}
		}
	case CHAPAlgorithmMSCHAPv1:
		if r, ok := ParseMSCHAPv1Response(value); ok && r.UseNT > 1 {
			n = append(n, note("mschapv1-use-nt"))
		}
	}
	return n
}

// MSCHAPSuccess is the message of an MS-CHAPv2 Success (RFC 2759 section
// 5): "S=<40 hex digits>" optionally followed by " M=<text>".
type MSCHAPSuccess struct {
	// AuthenticatorResponse is the decoded S= value.
	AuthenticatorResponse [20]byte
	// AuthenticatorResponseText is the S= value as sent (40 hex digits,
	// upper case from conforming servers).
	AuthenticatorResponseText string
	// Message is the M= text (or any text after the S= value).
	Message    string
	HasMessage bool

	mOff, mEnd int // range of the message text within the message
}

// ParseMSCHAPSuccess parses an MS-CHAPv2 Success message.
func ParseMSCHAPSuccess(msg []byte) (MSCHAPSuccess, bool) {
	var s MSCHAPSuccess
	if len(msg) < 42 || msg[0] != 'S' || msg[1] != '=' {
		return s, false
	}
	if _, err := hex.Decode(s.AuthenticatorResponse[:], msg[2:42]); err != nil {
		return MSCHAPSuccess{}, false
	}
	if len(msg) > 42 && msg[42] != ' ' {
		return MSCHAPSuccess{}, false
	}
	s.AuthenticatorResponseText = string(msg[2:42])
	i := 42
	for i < len(msg) && msg[i] == ' ' {
		i++
	}
	if i < len(msg) {
		if i+1 < len(msg) && msg[i] == 'M' && msg[i+1] == '=' {
			i += 2
		}
		s.Message, s.HasMessage, s.mOff, s.mEnd = printable(msg[i:]), true, i, len(msg)
	}
	return s, true
}

// Summary is S=<first 8 hex digits>… M=<text>.
func (s MSCHAPSuccess) Summary() string {
	t := "S=" + s.AuthenticatorResponseText
	if len(t) > 10 {
		t = t[:10] + "…"
	}
	if s.HasMessage {
		t += " M=" + s.Message
	}
	return t
}

// appendFields adds the parts of the message, which starts at offset base.
func (s MSCHAPSuccess) appendFields(f Fields, base int) Fields {
	f = f.Add("authenticator_response", s.AuthenticatorResponseText, base+2, base+42)
	if s.HasMessage {
		f = f.Add("success_message", s.Message, base+s.mOff, base+s.mEnd)
	}
	return f
}

// MSCHAPFailure is the message of an MS-CHAP Failure (RFC 2433 section 6,
// RFC 2759 section 6): "E=eeeeeeeeee R=r C=cccc... V=vvvvvvvvvv M=<msg>".
type MSCHAPFailure struct {
	Error    int  // E=: a Windows error code, see MSCHAPErrorName
	Retry    bool // R=1: the peer may retry
	HasRetry bool
	// Challenge is the decoded C= value (16 bytes in MS-CHAPv2, 8 in
	// MS-CHAPv1), nil when absent or not hex; ChallengeText is as sent.
	Challenge     []byte
	ChallengeText string
	Version       int // V=
	HasVersion    bool
	Message       string // M=
	HasMessage    bool

	// byte ranges [start, end) of the E, R, C, V and M values in the message
	ranges [5][2]int
}

// ErrorName is the Windows name of the error code, e.g.
// ERROR_AUTHENTICATION_FAILURE.
func (f MSCHAPFailure) ErrorName() string { return MSCHAPErrorName(f.Error) }

// ErrorMeaning says in plain English what the error code means.
func (f MSCHAPFailure) ErrorMeaning() string { return MSCHAPErrorMeaning(f.Error) }

// ParseMSCHAPFailure parses an MS-CHAP Failure message. It needs a
// decimal E= value; the other parts are optional and unknown ones skipped.
func ParseMSCHAPFailure(msg []byte) (MSCHAPFailure, bool) {
	var fl MSCHAPFailure
	hasE := false
	i := 0
	for i < len(msg) {
		for i < len(msg) && msg[i] == ' ' {
			i++
		}
		if i >= len(msg) {
			break
		}
		if i+1 >= len(msg) || msg[i+1] != '=' {
			for i < len(msg) && msg[i] != ' ' {
				i++
			}
			continue
		}
		key, start := msg[i], i+2
		if key == 'M' {
			fl.Message, fl.HasMessage = printable(msg[start:]), true
			fl.ranges[4] = [2]int{start, len(msg)}
			break
		}
		end := start
		for end < len(msg) && msg[end] != ' ' {
			end++
		}
		val := msg[start:end]
		switch key {
		case 'E':
			if n, ok := mschapDecimal(val); ok && !hasE {
				fl.Error, hasE = n, true
				fl.ranges[0] = [2]int{start, end}
			}
		case 'R':
			if n, ok := mschapDecimal(val); ok {
				fl.Retry, fl.HasRetry = n != 0, true
				fl.ranges[1] = [2]int{start, end}
			}
		case 'C':
			fl.ChallengeText = string(val)
			if b, err := hex.DecodeString(fl.ChallengeText); err == nil && len(b) > 0 {
				fl.Challenge = b
			}
			fl.ranges[2] = [2]int{start, end}
		case 'V':
			if n, ok := mschapDecimal(val); ok {
				fl.Version, fl.HasVersion = n, true
				fl.ranges[3] = [2]int{start, end}
			}
		}
		i = end
	}
	if !hasE {
		return MSCHAPFailure{}, false
	}
	return fl, true
}

// mschapDecimal parses up to 10 decimal digits.
func mschapDecimal(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// Summary is E=<code> (<meaning>) R=<r> M=<text>.
func (f MSCHAPFailure) Summary() string {
	var b strings.Builder
	b.WriteString("E=")
	b.WriteString(strconv.Itoa(f.Error))
	b.WriteString(" (")
	b.WriteString(f.ErrorMeaning())
	b.WriteString(")")
	if f.HasRetry {
		if f.Retry {
			b.WriteString(" R=1")
		} else {
			b.WriteString(" R=0")
		}
	}
	if f.HasMessage {
		b.WriteString(" M=")
		b.WriteString(f.Message)
	}
	return b.String()
}

// appendFields adds the parts of the message, which starts at offset base.
func (f MSCHAPFailure) appendFields(fs Fields, base int) Fields {
	r := f.ranges
	fs = fs.Add("error_code", f.Error, base+r[0][0], base+r[0][1])
	fs = fs.Add("error_name", f.ErrorName(), base+r[0][0], base+r[0][1])
	fs = fs.Add("error_meaning", f.ErrorMeaning(), base+r[0][0], base+r[0][1])
	if f.HasRetry {
		fs = fs.Add("retry", f.Retry, base+r[1][0], base+r[1][1])
	}
	if f.Challenge != nil {
		fs = fs.Add("challenge", Hex(f.Challenge), base+r[2][0], base+r[2][1])
	} else if r[2][1] > 0 {
		fs = fs.Add("challenge", f.ChallengeText, base+r[2][0], base+r[2][1])
	}
	if f.HasVersion {
		fs = fs.Add("version", f.Version, base+r[3][0], base+r[3][1])
	}
	if f.HasMessage {
		fs = fs.Add("failure_message", f.Message, base+r[4][0], base+r[4][1])
	}
	return fs
}

// MSCHAPErrorName is the Windows name of an MS-CHAP failure code (RFC 2759
// section 6), or "" for a code the RFC does not list.
func MSCHAPErrorName(code int) string {
	switch code {
	case 646:
		return "ERROR_RESTRICTED_LOGON_HOURS"
	case 647:
		return "ERROR_ACCT_DISABLED"
	case 648:
		return "ERROR_PASSWD_EXPIRED"
	case 649:
		return "ERROR_NO_DIALIN_PERMISSION"
	case 691:
		return "ERROR_AUTHENTICATION_FAILURE"
	case 709:
		return "ERROR_CHANGING_PASSWORD"
	}
	return ""
}

// MSCHAPErrorMeaning says in plain English what an MS-CHAP failure code
// means.
func MSCHAPErrorMeaning(code int) string {
	switch code {
	case 646:
		return "logon not allowed at this time of day"
	case 647:
		return "account disabled"
	case 648:
		return "password expired"
	case 649:
		return "no dial-in permission"
	case 691:
		return "authentication failure"
	case 709:
		return "error changing password"
	}
	return "unknown error"
}
