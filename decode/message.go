package decode

import (
	"errors"
	"fmt"

	"github.com/gopacket/gopacket"
)

// Errors returned by the decoders wrap one of these, so callers can tell a
// short packet from a malformed one with errors.Is.
var (
	// ErrTruncated: the data ends before the message or field it announces.
	ErrTruncated = errors.New("truncated")
	// ErrMalformed: a field holds a value the protocol does not allow.
	ErrMalformed = errors.New("malformed")
	// ErrNotPPTP: the data is well formed but not PPTP (e.g. GRE version 0).
	ErrNotPPTP = errors.New("not PPTP")
)

func truncated(what string, need, have int) error {
	return fmt.Errorf("%w: %s needs %d bytes, have %d", ErrTruncated, what, need, have)
}

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, args...))
}

// Message is a decoded control message: a PPTP control message, a PPP
// control packet (LCP, PAP, CHAP, EAP, IPCP, IPV6CP, CCP, CBCP) or an MPPE
// datagram header. Every renderer works from this interface.
type Message interface {
	gopacket.Layer
	// Proto is the protocol name used in output: PPTP, LCP, PAP, CHAP, EAP,
	// IPCP, IPV6CP, CCP, CBCP or MPPE.
	Proto() string
	// Name is the message's RFC name, e.g. Configure-Request.
	Name() string
	// Identifier is the PPP identifier, or -1 when the message has none.
	Identifier() int
	// Fields lists every decoded field, in wire order.
	Fields() Fields
	// Summary is a short line of the key fields, for tables and diagrams.
	Summary() string
	// Notes lists non-fatal problems found while decoding (e.g. a length
	// field that disagrees with the message type).
	Notes() []Note
}

// Unknown code/type names are shown as Unknown-N.
func unknownName(n int) string { return fmt.Sprintf("Unknown-%d", n) }
