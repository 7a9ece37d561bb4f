package session

import (
	"net/netip"
)

// Finding is one diagnosis, as data: a stable code, a severity, the frames
// that show it and typed arguments. It holds no prose: render writes the
// text of each code in every language from its message catalogue
// (render/catalog_findings.go).
type Finding struct {
	Code     string
	Severity string // error, warning, info, security
	Frames   []int
	Args     FindingArgs
}

// Severities. An error makes the session's verdict "failed"; security
// findings describe a session that works but is weak (it keeps its verdict).
const (
	SeverityError    = "error"
	SeverityWarning  = "warning"
	SeverityInfo     = "info"
	SeveritySecurity = "security"
)

// Severities lists every severity (for tests and catalogues).
var Severities = []string{SeverityError, SeverityWarning, SeverityInfo, SeveritySecurity}

// Finding codes (stable: scripts may rely on them).
const (
	FindingControlRejected  = "control-rejected"
	FindingCallRejected     = "call-rejected"
	FindingGREMissing       = "gre-missing"
	FindingLCPNoAgreement   = "lcp-no-agreement"
	FindingAuthFailed       = "auth-failed"
	FindingMPPEMismatch     = "mppe-mismatch"
	FindingEchoUnanswered   = "echo-unanswered"
	FindingAbnormalTeardown = "abnormal-teardown"
	FindingGRELoss          = "gre-loss"
	FindingMidSession       = "mid-session"
	FindingProtocolRejected = "protocol-rejected"
	// Found by the decryption stage: compressed frames of a direction that
	// could not be decompressed (the MPPC history out of sync after a loss,
	// or a corrupt bit stream).
	FindingMPPCDesync = "mppc-desync"

	// Security findings (severity security).
	FindingCleartextPassword = "cleartext-password" // PAP
	FindingMD5Crackable      = "md5-crackable"      // CHAP-MD5, EAP-MD5
	FindingMSCHAPCrackable   = "mschap-crackable"   // MS-CHAPv1, MS-CHAPv2
	FindingMPPEWeak          = "mppe-weak"          // MPPE 40- or 56-bit
	FindingNoEncryption      = "no-encryption"      // data flowed without MPPE
	FindingLMResponse        = "lm-response"        // MS-CHAPv1 LM response sent
)

// FindingCase values: the variants of a code whose explanation differs.
const (
	CaseNoGRE         = "no-gre"          // gre-missing: no GRE at all
	CaseOneDirection  = "one-direction"   // gre-missing: one side's GRE is missing
	CaseUnanswered    = "unanswered"      // gre-missing: one side's LCP requests unanswered
	CaseFailure       = "failure"         // auth-failed: the authenticator said failure
	CaseAuthRejected  = "auth-rejected"   // auth-failed: Configure-Reject of Authentication-Protocol
	CaseTerminated    = "terminated"      // auth-failed, mppe-mismatch: link terminated
	CaseServerRejects = "server-rejected" // mppe-mismatch
	CaseClientRejects = "client-rejected" // mppe-mismatch
	CaseProtoRejected = "protocol-rejected"
	CaseNaks          = "naks"     // mppe-mismatch: offers never matched
	CaseLCPEcho       = "lcp"      // echo-unanswered
	CasePPTPEcho      = "pptp"     // echo-unanswered
	CasePPPLink       = "ppp-link" // no-encryption: on a PPP link, not in a tunnel
)

// FindingCodes lists every finding code with the cases it can have ("" for
// a code without variants), for the catalogue tests.
var FindingCodes = map[string][]string{
	FindingControlRejected:   {""},
	FindingCallRejected:      {""},
	FindingGREMissing:        {CaseNoGRE, CaseOneDirection, CaseUnanswered},
	FindingLCPNoAgreement:    {""},
	FindingAuthFailed:        {CaseFailure, CaseAuthRejected, CaseTerminated},
	FindingMPPEMismatch:      {CaseServerRejects, CaseClientRejects, CaseProtoRejected, CaseNaks, CaseTerminated},
	FindingEchoUnanswered:    {CaseLCPEcho, CasePPTPEcho},
	FindingAbnormalTeardown:  {""},
	FindingGRELoss:           {""},
	FindingMidSession:        {""},
	FindingProtocolRejected:  {""},
	FindingCleartextPassword: {""},
	FindingMD5Crackable:      {""},
	FindingMSCHAPCrackable:   {""},
	FindingMPPEWeak:          {""},
	FindingNoEncryption:      {""},
	FindingLMResponse:        {""},
	FindingMPPCDesync:        {""},
}

// Peer names one end of a session. The zero value is "no side".
type Peer int

// Peers.
const (
	PeerNone Peer = iota
	PeerClient
	PeerServer
)

// PeerOf converts a direction index (0 client, 1 server) to a Peer.
func PeerOf(d int) Peer {
	if d == 0 {
		return PeerClient
	}
	return PeerServer
}

// Other is the other end.
func (p Peer) Other() Peer {
	switch p {
	case PeerClient:
		return PeerServer
	case PeerServer:
		return PeerClient
	}
	return PeerNone
}

// String is the peer's code: client, server or "".
func (p Peer) String() string {
	switch p {
	case PeerClient:
		return "client"
	case PeerServer:
		return "server"
	}
	return ""
}

// MarshalText writes the code (JSON).
func (p Peer) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// TermReason is the text one side put in its LCP Terminate-Request (data
// from the packet, not pptpscope's words).
type TermReason struct {
	Side Peer   `json:"side"`
	Text string `json:"text"`
}

// FindingArgs are a finding's typed arguments; which ones are set depends
// on the code (and Case). Zero values are left out of JSON.
type FindingArgs struct {
	Case string `json:"case,omitempty"`
	// Side is the side the finding is about (whose requests, who refused).
	Side Peer `json:"side,omitzero"`
	// From and To are the addresses of a direction (gre-loss, gre-missing).
	From netip.Addr `json:"from,omitzero"`
	To   netip.Addr `json:"to,omitzero"`
	// Control-Connection and Outgoing-Call replies.
	ResultCode int    `json:"result_code,omitzero"`
	ResultName string `json:"result_name,omitempty"`
	ErrorCode  int    `json:"error_code,omitzero"`
	ErrorName  string `json:"error_name,omitempty"`
	// Counts.
	Requests  int     `json:"requests,omitzero"`
	Naks      int     `json:"naks,omitzero"`
	Rejects   int     `json:"rejects,omitzero"`
	Count     int     `json:"count,omitzero"` // unanswered echoes
	Lost      int     `json:"lost,omitzero"`
	Reordered int     `json:"reordered,omitzero"`
	Received  int     `json:"received,omitzero"` // GRE data packets received (with a sequence number)
	Packets   int     `json:"packets,omitzero"`  // GRE packets in the direction (the statistics table's figure)
	LostPct   float64 `json:"lost_percent,omitzero"`
	// OtherRepeats: gre-missing (unanswered): the other side keeps
	// repeating an acknowledged Configure-Request.
	OtherRepeats bool `json:"other_repeats,omitzero"`
	// Terminated: the link was terminated (lcp-no-agreement).
	Terminated bool `json:"terminated,omitzero"`
	// Authentication.
	User          string `json:"user,omitempty"`
	Method        string `json:"method,omitempty"`
	FailureCode   int    `json:"failure_code,omitzero"`
	FailureName   string `json:"failure_name,omitempty"`
	ServerMessage string `json:"server_message,omitempty"`
	// Protocol: the protocol rejected (protocol-rejected).
	Protocol string `json:"protocol,omitempty"`
	// TermReasons: the Terminate-Request texts of the sides.
	TermReasons []TermReason `json:"term_reasons,omitempty"`
	// Teardown (abnormal-teardown): Call-Disconnect-Notify result, a
	// WAN-Error-Notify, a TCP reset.
	CDNResult int    `json:"cdn_result,omitzero"`
	CDNName   string `json:"cdn_name,omitempty"`
	WANError  bool   `json:"wan_error,omitzero"`
	Reset     bool   `json:"reset,omitzero"`
	// InferredBy: how the client was told (mid-session), an Inference code.
	InferredBy string `json:"inferred_by,omitempty"`
	// Bits: the MPPE key length (mppe-weak).
	Bits int `json:"bits,omitzero"`
}

// Inference codes: how the client of a session was told (Session.InferredBy).
const (
	InferPort1723            = "port-1723"              // the side of the control connection not on TCP port 1723
	InferPort1723NoHandshake = "port-1723-no-handshake" // same, its TCP handshake is not in the capture
	InferAuthenticator       = "authenticator"          // the side that answered the PPP authentication
	InferFirstGRE            = "first-gre"              // the sender of the first GRE packet
	InferFirstPPP            = "first-ppp"              // a PPP link without authentication: the sender of its first frame
)

// Inferences lists the inference codes.
var Inferences = []string{InferPort1723, InferPort1723NoHandshake, InferAuthenticator, InferFirstGRE, InferFirstPPP}

// Phase note codes (Phase.NoteCode): why a phase has its status.
const (
	NoteAfterHandshake  = "after-handshake"    // tcp-connect: the capture starts after it
	NoteNoSynAck        = "no-syn-ack"         // tcp-connect
	NoteOnlySetLinkInfo = "only-set-link-info" // call-setup
	NoteAuthNoPackets   = "auth-no-packets"    // authentication negotiated, no packet
	NoteNoAuth          = "no-auth"            // no authentication protocol negotiated
	NoteKeepalivesOnly  = "keepalives-only"    // data
	NoteStillUp         = "still-up"           // teardown
)

// PhaseNotes lists the phase note codes.
var PhaseNotes = []string{NoteAfterHandshake, NoteNoSynAck, NoteOnlySetLinkInfo, NoteAuthNoPackets, NoteNoAuth, NoteKeepalivesOnly, NoteStillUp}

// Statuses lists the phase statuses.
var Statuses = []string{StatusOK, StatusFailed, StatusIncomplete, StatusMissing}

// Verdicts lists the session verdicts.
var Verdicts = []string{"ok", "failed", "incomplete"}
