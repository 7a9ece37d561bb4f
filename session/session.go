package session

import (
	"net/netip"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/pptpscope/pptpscope/decode"
)

// Phase names, in the order of the handshake article's sections 2.1-2.6,
// then data and teardown.
const (
	PhaseTCPConnect        = "tcp-connect"
	PhaseControlConnection = "control-connection"
	PhaseCallSetup         = "call-setup"
	PhaseLCP               = "lcp"
	PhaseAuthentication    = "authentication"
	PhaseNCP               = "ncp"
	PhaseCCP               = "ccp"
	PhaseData              = "data"
	PhaseTeardown          = "teardown"
)

// PhaseOrder lists the phases in the order they are reported.
var PhaseOrder = []string{
	PhaseTCPConnect, PhaseControlConnection, PhaseCallSetup, PhaseLCP,
	PhaseAuthentication, PhaseNCP, PhaseCCP, PhaseData, PhaseTeardown,
}

// Phase statuses.
const (
	StatusOK         = "ok"
	StatusFailed     = "failed"
	StatusIncomplete = "incomplete" // started, not finished in the capture
	StatusMissing    = "missing"    // not in the capture
)

// maxPhaseFrames bounds the frame list kept per phase (the data phase of a
// long session would otherwise keep one number per packet).
const maxPhaseFrames = 256

// Phase is one step of the handshake.
type Phase struct {
	Name   string
	Status string
	Start  time.Time
	End    time.Time
	// Frames are the frames that belong to the phase, in capture order (at
	// most maxPhaseFrames; Count has the total).
	Frames []int
	Count  int
	// NoteCode says why the status is what it is, when that is not
	// obvious (a Note* code; render writes its text).
	NoteCode string
}

// Duration of the phase (zero when it has no frames).
func (p *Phase) Duration() time.Duration {
	if p.Count == 0 {
		return 0
	}
	return p.End.Sub(p.Start)
}

func (p *Phase) add(frame int, t time.Time) {
	if p.Count == 0 || t.Before(p.Start) {
		p.Start = t
	}
	if t.After(p.End) || p.Count == 0 {
		p.End = t
	}
	p.Count++
	if len(p.Frames) < maxPhaseFrames {
		p.Frames = append(p.Frames, frame)
	}
}

// Message is one handshake message of a session, kept for the verbose
// timeline and diagrams: a small copy, not the packet.
type Message struct {
	Frame      int
	Time       time.Time
	Phase      string
	FromClient bool
	Proto      string
	Msg        string
	ID         int
	Summary    string
	// Retransmission marks a TCP segment of the control connection that
	// repeats a SYN, SYN-ACK or FIN its side already sent: each side opens
	// and closes a connection once, so the repeat is a retransmission
	// (PPP and PPTP retransmissions are found by render from their content).
	Retransmission bool
	// Inner is a decrypted inner packet of the data phase (Proto "inner"):
	// the first packets of each inner flow join the timeline (without Data).
	Inner *decode.Inner
	// Bytes is a copy of the message itself (PPTP message or PPP packet),
	// for reports that show a message's bytes; DecodedFields decodes it
	// again (fields are not kept: they cost more memory than the bytes).
	Bytes []byte
	// chapAlgorithm is the CHAP algorithm LCP negotiated, which decides how
	// a CHAP Response's value is split.
	chapAlgorithm decode.CHAPAlgorithm
}

// DecodedFields returns the message's decoded fields (with byte ranges into
// Bytes), or nil when it has no bytes.
func (m *Message) DecodedFields() decode.Fields {
	var l interface {
		decode.Message
		DecodeFromBytes([]byte, gopacket.DecodeFeedback) error
	}
	switch m.Proto {
	case "PPTP":
		l = &decode.PPTP{}
	case "LCP":
		l = &decode.LCP{}
	case "PAP":
		l = &decode.PAP{}
	case "CHAP":
		l = &decode.CHAP{}
	case "EAP":
		l = &decode.EAP{}
	case "IPCP":
		l = &decode.IPCP{}
	case "IPV6CP":
		l = &decode.IPV6CP{}
	case "CCP":
		l = &decode.CCP{}
	case "CBCP":
		l = &decode.CBCP{}
	default:
		return nil
	}
	if len(m.Bytes) == 0 {
		return nil
	}
	err := l.DecodeFromBytes(m.Bytes, gopacket.NilDecodeFeedback)
	if err != nil && len(l.LayerContents()) == 0 {
		return nil
	}
	if c, ok := l.(*decode.CHAP); ok {
		c.Algorithm = m.chapAlgorithm
	}
	return l.Fields()
}

// maxMessageBytes bounds the bytes kept per message.
const maxMessageBytes = 4096

// messageOf copies what a report needs of a record's message.
func messageOf(r *Record, phase string, fromClient bool) Message {
	m := Message{Frame: r.Frame, Time: r.Time, Phase: phase, FromClient: fromClient, Proto: r.Proto, Msg: r.Msg, ID: r.ID}
	if r.Message != nil {
		m.Summary = r.Message.Summary()
		if c, ok := r.Message.(*decode.CHAP); ok {
			m.chapAlgorithm = c.Algorithm
		}
		b := r.Message.LayerContents()
		if len(b) > maxMessageBytes {
			b = b[:maxMessageBytes]
		}
		m.Bytes = append([]byte(nil), b...)
	}
	return m
}

// Side holds what one end of the link negotiated about itself.
type Side struct {
	Addr    netip.Addr
	Port    uint16
	Framing uint32
	Bearer  uint32
	// LCP options this side asked for and the peer acknowledged (with
	// MRU, ACCM, Magic and AuthProto below; these small fields first, so
	// that they share words).
	PFC, ACFC    bool
	LCPAcked     bool
	HostName     string
	Vendor       string
	Firmware     int
	CallID       int // the call ID this side chose (-1 unknown)
	WindowSize   int
	ProcessDelay int
	MRU          int
	ACCM         *uint32
	Magic        *uint32
	AuthProto    string // the authentication protocol this side demanded, e.g. "MS-CHAPv2"
	// NCP results for this side.
	TunnelAddr  netip.Addr // IPCP IP-Address acknowledged for this side
	DNS         []netip.Addr
	NBNS        []netip.Addr
	InterfaceID string // IPV6CP
	// CCP: the MPPE bits this side asked for and got acknowledged.
	MPPEBits     *uint32
	ConnectSpeed int
}

// Auth describes the authentication of a session.
type Auth struct {
	Method  string // PAP, CHAP-MD5, MS-CHAPv1, MS-CHAPv2, EAP-MD5, EAP-MSCHAPv2, EAP-<type>
	User    string
	Result  string // success, failure, none
	Message string // the server's message (CHAP Success/Failure text, PAP message)
	// FailureCode is the MS-CHAP E= code, 0 when none.
	FailureCode int
	FailureName string
	Frames      []int
	// Values for key derivation (MS-CHAP), copied from the packets.
	Challenge             []byte
	PeerChallenge         []byte
	NTResponse            []byte
	LMResponse            []byte
	AuthenticatorResponse string // S= (MS-CHAPv2)
	ResponseFrame         int
}

// Encryption is the CCP result.
type Encryption struct {
	Bits      int // 40, 56 or 128
	Stateless bool
	MPPC      bool
}

// DirStats counts the GRE traffic of one direction.
type DirStats struct {
	// The counters each packet may count first, with seq: one cache line.
	Packets    int
	Bytes      int // GRE payload bytes
	Encrypted  int // MPPE frames with the D bit
	AckOnly    int
	Lost       int // sequence numbers never seen
	Duplicated int
	Reordered  int
	// seq is allocated with the direction's first sequence or
	// acknowledgment number: a session without GRE (a connection attempt)
	// does not carry its kilobyte.
	seq         *seqTracker
	Compressed  int // MPPE frames with the C bit (MPPC)
	Plain       int // PPP data frames not in MPPE (IPv4, IPv6, ...)
	Control     int // PPP control packets
	LCPEchoReq  int
	LCPEchoRep  int
	PPTPEchoReq int
	PPTPEchoRep int
}

// tracker returns the direction's sequence tracker, made on first use.
func (d *DirStats) tracker() *seqTracker {
	if d.seq == nil {
		d.seq = new(seqTracker)
	}
	return d.seq
}

// RTT summarizes round-trip samples.
type RTT struct {
	Samples       int
	Min, Avg, Max time.Duration
	sum           time.Duration
}

func (r *RTT) add(d time.Duration) {
	if d < 0 {
		return
	}
	if r.Samples == 0 || d < r.Min {
		r.Min = d
	}
	if d > r.Max {
		r.Max = d
	}
	r.Samples++
	r.sum += d
	r.Avg = r.sum / time.Duration(r.Samples)
}
