package session

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
type exchange struct {
	Requests  int
	Acked     bool
	Naks      int
	Rejects   int
	Answered  int   // answers of any kind (Ack, Nak, Reject) from the peer
	Rejected  []int // option types the peer rejected
	Nakked    []int // option types the peer nakked
	AckFrame  int
	ReqFrames []int
}

// negotiation is both directions of one configuration protocol.
type negotiation struct {
	Proto     string
	Dir       [2]exchange // 0: the client's requests, 1: the server's
	Terminate bool        // a Terminate-Request of this protocol was seen
	TermFrame int
	// ProtocolRejected: the peer rejected the whole protocol (LCP Protocol-Reject).
	ProtocolRejected bool
	RejectFrame      int
	RejectedBy       int // 0 client, 1 server
}

func (n *negotiation) started() bool {
	return n.Dir[0].Requests > 0 || n.Dir[1].Requests > 0 || n.ProtocolRejected
}

func (n *negotiation) done() bool { return n.Dir[0].Acked && n.Dir[1].Acked }

func addUnique(list []int, v int) []int {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// configure records a Configure-* packet sent by side from (0 client, 1
// server) with the option types it carries.
func (n *negotiation) configure(code, from, frame int, optTypes []int) {
	switch code {
	case codeConfReq:
		e := &n.Dir[from]
		e.Requests++
		if len(e.ReqFrames) < 64 {
			e.ReqFrames = append(e.ReqFrames, frame)
		}
	case codeConfAck, codeConfNak, codeConfRej:
		e := &n.Dir[1-from] // an answer to the other side's request
		e.Answered++
		switch code {
		case codeConfAck:
			e.Acked, e.AckFrame = true, frame
		case codeConfNak:
			e.Naks++
			for _, t := range optTypes {
				e.Nakked = addUnique(e.Nakked, t)
			}
		case codeConfRej:
			e.Rejects++
			for _, t := range optTypes {
				e.Rejected = addUnique(e.Rejected, t)
			}
		}
	case codeTermReq:
		if !n.Terminate {
			n.Terminate, n.TermFrame = true, frame
		}
	}
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
