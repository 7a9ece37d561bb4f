package session

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/mppe"
)

// What the decryption stage found for a session: the model's data, filled
// by the stage (pipeline) and written by render.

// Decryption statuses (Decryption.Status).
const (
	DecryptOK         = "decrypted"         // keys derived; see the counts
	DecryptVerified   = "verified"          // password verified; no encrypted frames
	DecryptNotNeeded  = "not-encrypted"     // the session is not encrypted
	DecryptNoAuth     = "no-authentication" // the authentication is not in the capture
	DecryptUnsupAuth  = "unsupported-auth"  // not MS-CHAP: no keys from a password
	DecryptAuthFailed = "auth-failed"       // the authentication failed: no keys
	DecryptNoCreds    = "no-credentials"    // no password for this user
	DecryptIncomplete = "incomplete-auth"   // MS-CHAP values missing or malformed
	DecryptNoCCP      = "no-ccp"            // key length and mode unknown
)

// DecryptWhy says why a session was not decrypted (render writes it).
type DecryptWhy uint8

// Reasons for not decrypting.
const (
	WhyNone         DecryptWhy = iota
	WhyNoAuth                  // the authentication is not in the capture
	WhyUnsupAuth               // not MS-CHAP: no keys from a password (Decryption.Method)
	WhyAuthFailed              // the authentication failed
	WhyNoCreds                 // no password for the user (Decryption.User)
	WhyNoChallenge             // the MS-CHAP challenge or response is not in the capture
	WhyBadValues               // the captured MS-CHAP values cannot be checked (Decryption.Detail)
	WhyNoCCP                   // the acknowledged CCP exchange is not in the capture
	WhyNoEncrypted             // the session carries no encrypted frames
	WhyNotVerified             // the password was not verified
	WhyNoKeyVariant            // no MS-CHAPv1 start key variant gives a valid packet
)

// NoKeysError says why the keys of a session cannot be derived.
type NoKeysError struct {
	Why          DecryptWhy
	Method, User string
	Detail       string
}

func (e *NoKeysError) Error() string { return fmt.Sprintf("no keys (reason %d)", e.Why) }

// Decryption is what the credentials gave for one session: the password
// check, the keys' parameters, the decryption counts and the inner traffic.
type Decryption struct {
	User   string // the user name of the authentication
	Method string // MS-CHAPv2, MS-CHAPv1, EAP-MSCHAPv2, or the session's method
	Secret string // what was checked: "password" or "NT hash"
	Status string
	// Why says why nothing was decrypted, for statuses other than
	// decrypted and verified; Detail is the checker's error for
	// WhyBadValues.
	Why    DecryptWhy
	Detail string
	// Cracked: the password was found from the capture (a word list, a
	// mask), not given.
	Cracked bool
	// Verified is true when the credential matched the NT-Response (and the
	// S= authenticator response, when captured).
	Verified                                    bool
	NTResponse, Authenticator                   mppe.Outcome
	ChallengeFrame, ResponseFrame, SuccessFrame int
	// Key parameters, from the acknowledged CCP exchange.
	Bits      int
	Stateless bool
	MPPC      bool
	// KeyVariant names the MS-CHAPv1 40/56-bit start key that worked:
	// "RFC 3079 (LM hash)" or "pppd (NT hash)".
	KeyVariant string
	Dir        [2]DecryptStats // 0: client -> server, 1: server -> client
	Inner      InnerStats
}

// DecryptStats counts the MPPE frames of one direction.
type DecryptStats struct {
	Encrypted   int // frames with the D bit
	Decrypted   int // decrypted
	Valid       int // decrypted to a well-formed IPv4/IPv6 packet (or another PPP protocol)
	Undecodable int // decrypted, but not a well-formed packet
	Compressed  int // MPPC compressed (C bit)
	// Decompressed counts the compressed frames decompressed; MPPCDesync
	// those refused because the direction's history was out of sync (after
	// a loss, until the next frame with the A bit), MPPCCorrupt those whose
	// bit stream could not be decoded; MPPCIn and MPPCOut are the octets
	// of the decompressed frames before and after (the ratio).
	Decompressed, MPPCDesync, MPPCCorrupt int
	MPPCIn, MPPCOut                       int64
	// MPPCFrames are the first frames refused for being out of sync or
	// corrupt (at most MaxMPPCFrames), for the mppc-desync finding.
	MPPCFrames []int
	Duplicates int // a coherency count already decrypted (retransmitted frame)
	Lost       int // coherency counts skipped: lost before the capture point (stateful: and discarded)
	Late       int // too old to decrypt
	Discarded  int // stateful: waiting for a flushed packet after a loss
	Invalid    int // flushed bit missing where required, empty
	Rekeys     int
	Resets     int // CCP Reset-Requests for this direction's sender
}

// NotDecrypted is the number of encrypted frames not decrypted.
func (d *DecryptStats) NotDecrypted() int { return d.Encrypted - d.Decrypted }

// Distinct is the number of distinct encrypted packets: the encrypted
// frames less the duplicates (copies of a coherency count already
// decrypted, such as 802.11 retransmissions or the same GRE packet captured
// twice). Decrypted never counts a duplicate, so Distinct is what it is
// measured against.
func (d *DecryptStats) Distinct() int { return d.Encrypted - d.Duplicates }

// InnerStats summarises the decrypted traffic of a session.
type InnerStats struct {
	Packets, Bytes int
	IPv4, IPv6     int
	Other          int // other PPP protocols
	Protocols      []InnerCount
	// ProtocolsUnlisted counts the packets of protocols not in Protocols:
	// past MaxInnerProtocols names (garbage decrypted with a wrong key
	// names a new "protocol" in almost every packet).
	ProtocolsUnlisted int
	Talkers           []Talker // host pairs by bytes, at most MaxTalkers
	Flows             int
	FlowsInTimeline   int // flows whose first packets are in the timeline
	PacketsInTimeline int
}

// InnerCount counts the inner packets of one protocol.
type InnerCount struct {
	Name           string
	Packets, Bytes int
}

// Talker is a pair of inner hosts and the traffic between them (both ways).
type Talker struct {
	A, B           netip.Addr
	Packets, Bytes int
}

// Limits of what a session keeps of its inner traffic.
const (
	MaxTalkers = 5
	// MaxInnerProtocols bounds the protocols a session's inner traffic
	// counts by name (InnerStats.Protocols).
	MaxInnerProtocols = 256
	// MaxMPPCFrames bounds DecryptStats.MPPCFrames.
	MaxMPPCFrames = 16
)

// MPPEBits returns the acknowledged CCP MPPE bits for traffic in direction
// dir: the options the receiver asked for and the sender acknowledged
// (falling back on the other direction's).
func (s *Session) MPPEBits(dir int) (uint32, bool) {
	recv, send := s.Server.MPPEBits, s.Client.MPPEBits
	if dir == 1 {
		recv, send = send, recv
	}
	for _, b := range []*uint32{recv, send} {
		if b != nil && MPPEKeyLength(*b) != 0 {
			return *b, true
		}
	}
	return 0, false
}

// MPPEKeyLength is the key length the MPPE option bits select (the
// strongest offered), 0 when none.
func MPPEKeyLength(b uint32) mppe.KeyLength {
	switch {
	case b&decode.MPPEBitS != 0:
		return mppe.Key128
	case b&decode.MPPEBitM != 0:
		return mppe.Key56
	case b&decode.MPPEBitL != 0:
		return mppe.Key40
	}
	return 0
}

// MPPEStateless reports the stateless (H) bit of MPPE option bits.
func MPPEStateless(b uint32) bool { return b&decode.MPPEBitH != 0 }

// MPPEMPPC reports the MPPC compression (C) bit of MPPE option bits.
func MPPEMPPC(b uint32) bool { return b&decode.MPPEBitC != 0 }

// AddInnerTimeline adds the first packets of the decrypted inner flows to
// the session's message list (the verbose timeline and the diagrams), in
// frame order.
func (s *Session) AddInnerTimeline(ms []Message) {
	for _, m := range ms {
		s.addMessage(m)
	}
	slices.SortStableFunc(s.Messages, func(a, b Message) int { return a.Frame - b.Frame })
}

// IsMSCHAP reports an authentication method MPPE keys can come from.
func IsMSCHAP(method string) bool {
	return method == "MS-CHAPv2" || method == "MS-CHAPv1" || method == "EAP-MSCHAPv2"
}
