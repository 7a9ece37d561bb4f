package decode

import "strconv"

// PPTP control message types (RFC 2637 section 2).
const (
	PPTPStartControlConnectionRequest uint16 = 1
	PPTPStartControlConnectionReply   uint16 = 2
	PPTPStopControlConnectionRequest  uint16 = 3
	PPTPStopControlConnectionReply    uint16 = 4
	PPTPEchoRequest                   uint16 = 5
	PPTPEchoReply                     uint16 = 6
	PPTPOutgoingCallRequest           uint16 = 7
	PPTPOutgoingCallReply             uint16 = 8
	PPTPIncomingCallRequest           uint16 = 9
	PPTPIncomingCallReply             uint16 = 10
	PPTPIncomingCallConnected         uint16 = 11
	PPTPCallClearRequest              uint16 = 12
	PPTPCallDisconnectNotify          uint16 = 13
	PPTPWANErrorNotify                uint16 = 14
	PPTPSetLinkInfo                   uint16 = 15
)

// pptpTypes holds the RFC name and fixed length of each control message type.
var pptpTypes = [...]struct {
	name   string
	length int
}{
	PPTPStartControlConnectionRequest: {"Start-Control-Connection-Request", 156},
	PPTPStartControlConnectionReply:   {"Start-Control-Connection-Reply", 156},
	PPTPStopControlConnectionRequest:  {"Stop-Control-Connection-Request", 16},
	PPTPStopControlConnectionReply:    {"Stop-Control-Connection-Reply", 16},
	PPTPEchoRequest:                   {"Echo-Request", 16},
	PPTPEchoReply:                     {"Echo-Reply", 20},
	PPTPOutgoingCallRequest:           {"Outgoing-Call-Request", 168},
	PPTPOutgoingCallReply:             {"Outgoing-Call-Reply", 32},
	PPTPIncomingCallRequest:           {"Incoming-Call-Request", 220},
	PPTPIncomingCallReply:             {"Incoming-Call-Reply", 24},
	PPTPIncomingCallConnected:         {"Incoming-Call-Connected", 28},
	PPTPCallClearRequest:              {"Call-Clear-Request", 16},
	PPTPCallDisconnectNotify:          {"Call-Disconnect-Notify", 148},
	PPTPWANErrorNotify:                {"WAN-Error-Notify", 40},
	PPTPSetLinkInfo:                   {"Set-Link-Info", 24},
}

// PPTPControlMessageName returns the RFC 2637 name of a control message
// type, or Unknown-N.
func PPTPControlMessageName(t uint16) string {
	if int(t) < len(pptpTypes) && pptpTypes[t].name != "" {
		return pptpTypes[t].name
	}
	return unknownName(int(t))
}

// PPTPFixedLength returns the length RFC 2637 gives a control message type
// (header included), or 0 for an unknown type.
func PPTPFixedLength(msgType uint16) int {
	if int(msgType) < len(pptpTypes) {
		return pptpTypes[msgType].length
	}
	return 0
}

// pptpMessageTypeName names the PPTP Message Type of the header (RFC 2637
// section 2.1: 1 = control message, 2 = management message).
func pptpMessageTypeName(t uint16) string {
	switch t {
	case 1:
		return "Control Message"
	case 2:
		return "Management Message"
	}
	return unknownName(int(t))
}

// pptpCode is one entry of a result/error/reason table: Name is the RFC's
// name for the value, Short a one-word form for summaries.
type pptpCode struct {
	Name, Short string
}

// Result codes, per message type (their meanings differ).
var (
	// Start-Control-Connection-Reply (RFC 2637 section 2.2).
	pptpSCCRPResults = []pptpCode{
		1: {"Successful channel establishment", "Success"},
		2: {"General error", "General-Error"},
		3: {"Command channel already exists", "Channel-Exists"},
		4: {"Requester is not authorized to establish a command channel", "Not-Authorized"},
		5: {"The protocol version of the requester is not supported", "Bad-Version"},
	}
	// Stop-Control-Connection-Reply (section 2.4) and Echo-Reply (2.6).
	pptpOKResults = []pptpCode{
		1: {"OK", "OK"},
		2: {"General Error", "General-Error"},
	}
	// Outgoing-Call-Reply (section 2.8).
	pptpOCRPResults = []pptpCode{
		1: {"Connected", "Connected"},
		2: {"General Error", "General-Error"},
		3: {"No Carrier", "No-Carrier"},
		4: {"Busy", "Busy"},
		5: {"No Dial Tone", "No-Dial-Tone"},
		6: {"Time-out", "Time-out"},
		7: {"Do Not Accept", "Do-Not-Accept"},
	}
	// Incoming-Call-Reply (section 2.10).
	pptpICRPResults = []pptpCode{
		1: {"Connect", "Connect"},
		2: {"General Error", "General-Error"},
		3: {"Do Not Accept", "Do-Not-Accept"},
	}
	// Call-Disconnect-Notify (section 2.13).
	pptpCDNResults = []pptpCode{
		1: {"Lost Carrier", "Lost-Carrier"},
		2: {"General Error", "General-Error"},
		3: {"Admin Shutdown", "Admin-Shutdown"},
		4: {"Request", "Request"},
	}
	// General Error Codes (section 2.16).
	pptpErrors = []pptpCode{
		0: {"None", "None"},
		1: {"Not-Connected", "Not-Connected"},
		2: {"Bad-Format", "Bad-Format"},
		3: {"Bad-Value", "Bad-Value"},
		4: {"No-Resource", "No-Resource"},
		5: {"Bad-Call ID", "Bad-Call-ID"},
		6: {"PAC-Error", "PAC-Error"},
	}
	// Stop-Control-Connection-Request reason (section 2.3).
	pptpStopReasons = []pptpCode{
		1: {"None", "None"},
		2: {"Stop-Protocol", "Stop-Protocol"},
		3: {"Stop-Local-Shutdown", "Stop-Local-Shutdown"},
	}
)

// pptpResultTable returns the result-code table of a message type, or nil
// when the type carries no result code.
func pptpResultTable(t uint16) []pptpCode {
	switch t {
	case PPTPStartControlConnectionReply:
		return pptpSCCRPResults
	case PPTPStopControlConnectionReply, PPTPEchoReply:
		return pptpOKResults
	case PPTPOutgoingCallReply:
		return pptpOCRPResults
	case PPTPIncomingCallReply:
		return pptpICRPResults
	case PPTPCallDisconnectNotify:
		return pptpCDNResults
	}
	return nil
}

// lookup returns the entry for v, or Unknown-N for both forms.
func lookupCode(table []pptpCode, v int) pptpCode {
	if v >= 0 && v < len(table) && table[v].Name != "" {
		return table[v]
	}
	u := unknownName(v)
	return pptpCode{u, u}
}

// PPTPResultName returns the RFC 2637 name of result code r in a message of
// type t (the meanings differ by type), or Unknown-N.
func PPTPResultName(t uint16, r uint8) string {
	return lookupCode(pptpResultTable(t), int(r)).Name
}

// PPTPErrorName returns the name of a General Error Code (RFC 2637
// section 2.16), or Unknown-N.
func PPTPErrorName(e uint8) string { return lookupCode(pptpErrors, int(e)).Name }

// PPTPStopReasonName returns the name of a Stop-Control-Connection-Request
// reason, or Unknown-N.
func PPTPStopReasonName(r uint8) string { return lookupCode(pptpStopReasons, int(r)).Name }

// pptpBearerTypeName names the Bearer Type of Outgoing-Call-Request and
// Incoming-Call-Request: the channel the call is (to be) placed on.
func pptpBearerTypeName(v uint32) string {
	switch v {
	case 1:
		return "Analog"
	case 2:
		return "Digital"
	case 3:
		return "Any"
	}
	return unknownName(int(v))
}

// pptpFramingTypeName names the Framing Type of Outgoing-Call-Request and
// Incoming-Call-Connected.
func pptpFramingTypeName(v uint32) string {
	switch v {
	case 1:
		return "Asynchronous"
	case 2:
		return "Synchronous"
	case 3:
		return "Either"
	}
	return unknownName(int(v))
}

// Capability bits of Start-Control-Connection-Request/Reply.
const (
	PPTPFramingAsync  uint32 = 1 // asynchronous framing supported
	PPTPFramingSync   uint32 = 2 // synchronous framing supported
	PPTPBearerAnalog  uint32 = 1 // analog access supported
	PPTPBearerDigital uint32 = 2 // digital access supported
)

// pptpVersionText formats a protocol version as major.minor (0x0100 = 1.0).
func pptpVersionText(v uint16) string {
	return strconv.Itoa(int(v>>8)) + "." + strconv.Itoa(int(v&0xff))
}
