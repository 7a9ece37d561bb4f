package session

import (
	"math"

	"github.com/pptpscope/pptpscope/decode"
)

// Configure-* codes (RFC 1661 section 5).
const (
	codeConfReq  = 1
	codeConfAck  = 2
	codeConfNak  = 3
	codeConfRej  = 4
	codeTermReq  = 5
	codeTermAck  = 6
	codeProtoRej = 8
)

// exchange follows one direction of a configuration protocol (LCP, IPCP,
// IPV6CP or CCP): the Configure-Requests one side sends and the answers the
// other side gives. A direction is done when a Request is acknowledged.
//
// It is kept while the session is open (up to four per session, issue 16):
// the option types the peer rejected are a bit set (an option type is one
// octet), not a list.
//
// Its counts are 32-bit (a negotiation is 176 bytes, not 208) and stop at
// the largest: two billion Configure packets in one session would take a
// capture of a hundred gigabytes.
type exchange struct {
	Requests  int32
	Naks      int32
	Rejects   int32
	Answered  int32 // answers of any kind (Ack, Nak, Reject) from the peer
	AckFrame  int
	ReqFrames []int
	rejected  *[4]uint64 // option types the peer rejected, made on the first Configure-Reject
	Acked     bool
}

// inc adds one to a count of exchange, unless it is at its largest.
func inc(n *int32) {
	if *n < math.MaxInt32 {
		*n++
	}
}

// reject records that the peer rejected option type t.
func (e *exchange) reject(t int) {
	if t < 0 || t > 255 {
		return
	}
	if e.rejected == nil {
		e.rejected = new([4]uint64)
	}
	e.rejected[t/64] |= 1 << (t % 64)
}

// Rejected reports whether the peer rejected option type t.
func (e *exchange) Rejected(t int) bool {
	return e.rejected != nil && t >= 0 && t <= 255 && e.rejected[t/64]&(1<<(t%64)) != 0
}

// negotiation is both directions of one configuration protocol.
type negotiation struct {
	Proto     string
	Dir       [2]exchange // 0: the client's requests, 1: the server's
	TermFrame int
	// RejectFrame and RejectedBy (0 client, 1 server) say where the peer
	// rejected the whole protocol (LCP Protocol-Reject: ProtocolRejected).
	RejectFrame      int
	RejectedBy       int8
	Terminate        bool // a Terminate-Request of this protocol was seen
	ProtocolRejected bool
}

func (n *negotiation) started() bool {
	return n.Dir[0].Requests > 0 || n.Dir[1].Requests > 0 || n.ProtocolRejected
}

func (n *negotiation) done() bool { return n.Dir[0].Acked && n.Dir[1].Acked }

// configure records a Configure-* packet sent by side from (0 client, 1
// server); the option types of a Configure-Reject are read from c (nil:
// none), without a list of them (a packet of each negotiation would make
// one, garbage among the open sessions' small objects).
func (n *negotiation) configure(code, from, frame int, c *decode.ConfigPacket) {
	switch code {
	case codeConfReq:
		e := &n.Dir[from]
		inc(&e.Requests)
		if len(e.ReqFrames) < 64 {
			e.ReqFrames = append(e.ReqFrames, frame)
		}
	case codeConfAck, codeConfNak, codeConfRej:
		e := &n.Dir[1-from] // an answer to the other side's request
		inc(&e.Answered)
		switch code {
		case codeConfAck:
			e.Acked, e.AckFrame = true, frame
		case codeConfNak:
			inc(&e.Naks)
		case codeConfRej:
			inc(&e.Rejects)
			if c != nil {
				it := c.IterOptions()
				for o, ok := it.Next(); ok; o, ok = it.Next() {
					e.reject(int(o.Type))
				}
			}
		}
	case codeTermReq:
		if !n.Terminate {
			n.Terminate, n.TermFrame = true, frame
		}
	}
}
