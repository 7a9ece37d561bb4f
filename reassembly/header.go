package reassembly

import (
	"encoding/binary"

	"github.com/pptpscope/pptpscope/decode"
)

// The framer reads only the first ten bytes of a PPTP control message
// (RFC 2637 section 2.1): Length (2, big endian, the whole message),
// PPTP Message Type (2, 1 = control), Magic Cookie (4), Control Message
// Type (2).
const (
	headerLen     = 10 // up to the control message type: enough to check a start
	minMessageLen = 12 // the general header up to and including Reserved0
	maxMessageLen = 0xFFFF
	// DefaultMaxMessage is the largest message length the framer accepts
	// unless Options.MaxMessage says otherwise; the largest RFC 2637 message
	// (Incoming-Call-Request) is 220 bytes.
	DefaultMaxMessage = 4096
	// minMaxMessage is the smallest Options.MaxMessage honoured: every
	// RFC 2637 message fits.
	minMaxMessage = 220

	pptpControlMessage = 1 // PPTP Message Type of control messages
)

// messageLength returns the Length field of the header at b, or 0 when b
// (at least 8 bytes) does not start a message: no magic cookie, or a
// length outside [minMessageLen, maxLen]. This is the check made in sync.
func messageLength(b []byte, maxLen int) int {
	if binary.BigEndian.Uint32(b[4:8]) != decode.PPTPMagicCookie {
		return 0
	}
	n := int(binary.BigEndian.Uint16(b[0:2]))
	if n < minMessageLen || n > maxLen {
		return 0
	}
	return n
}

// cutLength returns where the message whose header is at b (at least
// headerLen bytes) ends, or 0 when b does not start a message
// (messageLength). It is the Length field, except for a control message of
// a type RFC 2637 defines whose Length is larger than the type's fixed size:
// that message is cut at its fixed size. Scapy, for one, writes 148 into
// every 24-byte Incoming-Call-Reply; trusting such a length would swallow
// the messages that follow, or hold the message back until bytes that may
// never come arrive. Bytes a sender really added past the fixed layout are
// then skipped as lost up to the next header, and the next message says so.
// The decision reads the header only, so the framing still does not depend
// on how the stream is split into segments.
func cutLength(b []byte, maxLen int) int {
	n := messageLength(b, maxLen)
	if n == 0 || binary.BigEndian.Uint16(b[2:4]) != pptpControlMessage {
		return n
	}
	if fixed := decode.PPTPFixedLength(binary.BigEndian.Uint16(b[8:10])); fixed != 0 && n > fixed {
		return fixed
	}
	return n
}

// plausible is the stricter check used to find a message start after sync
// was lost, on b of at least headerLen bytes: besides messageLength, the
// PPTP message type must be control, and a control message type defined by
// RFC 2637 must come with at least its fixed length (unknown types are
// accepted with any length messageLength allows; a larger length is cut at
// the fixed size, as in sync: cutLength).
func plausible(b []byte, maxLen int) bool {
	n := messageLength(b, maxLen)
	if n == 0 || binary.BigEndian.Uint16(b[2:4]) != pptpControlMessage {
		return false
	}
	want := decode.PPTPFixedLength(binary.BigEndian.Uint16(b[8:10]))
	return want == 0 || n >= want
}
