package session

import (
	"net/netip"

	"github.com/pptpscope/pptpscope/decode"
)

// A PPP link capture (a serial line, DLT_PPP or PPP in HDLC framing) holds
// one PPP link and no PPTP: the tracker makes one session of it
// (Session.PPPLink), whose phases are the PPP ones (LCP, authentication,
// NCP, CCP, data, teardown), filled by the same code as the PPP of a PPTP
// call. Its frames carry no address and no direction, so each frame's
// sender is told from what it says (linkEnds); the authenticator is the
// server.

// linkEnds tells the two ends of a PPP link apart. End 0 is the sender of
// the link's first frame; until the authentication says who is who, end 0
// is the session's client.
type linkEnds struct {
	// tokens maps what only one end sends as its own to that end: its LCP
	// magic number, its CHAP name, the IPv4 address it asks for.
	magic  map[uint32]int
	tokens map[string]int
	// pending is the end that sent the last request of a protocol and
	// identifier: the reply comes from the other end.
	pending map[pendingKey]int
	// open says which ends have a Configure-Request of a protocol not
	// answered yet; responses are the CHAP and EAP Responses not answered
	// by a Success or Failure yet, oldest first.
	open      map[string]*[2]bool
	responses []response
	last      int
	seen      bool
}

type response struct {
	proto string
	id    int
	end   int
}

type pendingKey struct {
	proto string
	id    int
}

func newLinkEnds() *linkEnds {
	return &linkEnds{magic: map[uint32]int{}, tokens: map[string]int{}, pending: map[pendingKey]int{}, open: map[string]*[2]bool{}}
}

// Control packet codes shared by LCP, IPCP, IPV6CP and CCP (RFC 1661).
const (
	codeConfReqL  = 1
	codeTermReqL  = 5
	codeEchoReqL  = 9
	codeEchoRepL  = 10
	codeDiscardL  = 11
	codeResetReqL = 14 // CCP
)

// sender returns the end (0 or 1) that sent r.
func (e *linkEnds) sender(r *Record) int {
	end := e.infer(r)
	e.learn(r, end)
	e.last, e.seen = end, true
	return end
}

func (e *linkEnds) infer(r *Record) int {
	if !e.seen {
		return e.request(r, 0)
	}
	var code uint8
	switch m := r.Message.(type) {
	case *decode.LCP:
		code = m.Code
		switch code {
		case codeConfReqL:
			if v, ok := m.MagicNumber(); ok && v != 0 {
				if end, ok := e.magic[v]; ok {
					return e.request(r, end)
				}
			}
		case codeEchoReqL, codeEchoRepL, codeDiscardL:
			// The magic field is the sender's own magic number.
			if v, _, ok := m.MagicField(); ok && v != 0 {
				if end, ok := e.magic[v]; ok {
					return e.request(r, end)
				}
			}
		case 2: // Configure-Ack: echoes the other end's options
			if v, ok := m.MagicNumber(); ok && v != 0 {
				if end, ok := e.magic[v]; ok {
					return 1 - end
				}
			}
		}
	case *decode.IPCP:
		code = m.Code
		if a, ok := m.IPAddress(); ok && a.IsValid() && !a.IsUnspecified() {
			if end, ok := e.tokens["ip:"+a.String()]; ok {
				switch code {
				case codeConfReqL:
					return e.request(r, end)
				case 2:
					return 1 - end
				}
			}
		}
	case *decode.IPV6CP:
		code = m.Code
	case *decode.CCP:
		code = m.Code
	case *decode.CHAP:
		k := pendingKey{"CHAP", r.ID}
		switch m.Code {
		case decode.CHAPChallenge, decode.CHAPResponse:
			if end, ok := e.tokens["chap:"+m.SenderName()]; ok && m.SenderName() != "" {
				return e.request(r, end)
			}
			if end, ok := e.pending[k]; ok && m.Code == decode.CHAPResponse {
				return e.request(r, 1-end)
			}
			return e.request(r, 1-e.last)
		default: // Success, Failure: answer the oldest Response of that identifier
			return e.answer(r, 1-e.last)
		}
	case *decode.PAP:
		if m.Code == 1 {
			return e.request(r, 1-e.last)
		}
		return e.reply(r)
	case *decode.EAP:
		k := pendingKey{"EAP", r.ID}
		switch m.ControlHeader.Code {
		case 1:
			// The authenticator's next Request follows the peer's
			// Response to the previous one.
			for _, x := range e.responses {
				if x.proto == "EAP" && x.id == (r.ID+255)%256 {
					return e.request(r, 1-x.end)
				}
			}
			return e.request(r, 1-e.last)
		case 2:
			if end, ok := e.pending[k]; ok {
				return e.request(r, 1-end)
			}
			return e.request(r, 1-e.last)
		default: // Success, Failure: answer the oldest Response of that identifier
			return e.answer(r, 1-e.last)
		}
	default:
		return e.data(r)
	}
	switch {
	case code == codeConfReqL:
		// The end whose own request is not answered yet does not send
		// another one before its retransmission time: the other end does.
		if o := e.open[r.Proto]; o != nil && o[0] != o[1] {
			if o[0] {
				return e.request(r, 1)
			}
			return e.request(r, 0)
		}
		return e.request(r, 1-e.last)
	case code == codeTermReqL || code == codeEchoReqL || code == codeDiscardL || code == codeResetReqL:
		return e.request(r, 1-e.last)
	case code >= 2 && code <= 4 || code == 6 || code == codeEchoRepL || code == 15:
		return e.reply(r)
	}
	return 1 - e.last
}

// request records that end sent r, a request (or a CHAP or EAP Response,
// which a Success answers): the pending request of its protocol and
// identifier, the open Configure-Requests, the unanswered Responses.
func (e *linkEnds) request(r *Record, end int) int {
	if r.Message == nil || !r.Control {
		return end
	}
	e.pending[pendingKey{r.Proto, r.ID}] = end
	if c, ok := configCode(r.Message); ok && c == codeConfReqL {
		o := e.open[r.Proto]
		if o == nil {
			o = &[2]bool{}
			e.open[r.Proto] = o
		}
		o[end] = true
	}
	switch m := r.Message.(type) {
	case *decode.CHAP:
		if m.Code == decode.CHAPResponse {
			e.addResponse(r, end)
		}
	case *decode.EAP:
		if m.ControlHeader.Code == 2 {
			e.addResponse(r, end)
		}
	}
	return end
}

// reply is the end that answers the pending request of r's protocol and
// identifier: the other one.
func (e *linkEnds) reply(r *Record) int {
	end := 1 - e.last
	if req, ok := e.pending[pendingKey{r.Proto, r.ID}]; ok {
		end = 1 - req
	}
	if c, ok := configCode(r.Message); ok && c >= 2 && c <= 4 {
		if o := e.open[r.Proto]; o != nil {
			o[1-end] = false // the other end's request is answered
		}
	}
	return end
}

// answer is the end that sends a CHAP or EAP Success or Failure: the one
// that did not send the oldest unanswered Response of its identifier
// (fallback when there is none).
func (e *linkEnds) answer(r *Record, fallback int) int {
	for i, x := range e.responses {
		if x.proto == r.Proto && x.id == r.ID {
			e.responses = append(e.responses[:i], e.responses[i+1:]...)
			return 1 - x.end
		}
	}
	return fallback
}

// learn keeps what r says of its sender, end: the tokens only that end
// sends as its own.
func (e *linkEnds) learn(r *Record, end int) {
	switch m := r.Message.(type) {
	case *decode.LCP:
		switch m.Code {
		case codeConfReqL:
			if v, ok := m.MagicNumber(); ok && v != 0 {
				e.own(v, end)
			}
		case codeEchoReqL, codeEchoRepL, codeDiscardL:
			if v, _, ok := m.MagicField(); ok && v != 0 {
				e.own(v, end)
			}
		}
	case *decode.IPCP:
		if a, ok := m.IPAddress(); ok && m.Code == codeConfReqL && a.IsValid() && !a.IsUnspecified() {
			e.token("ip:"+a.String(), end, true)
		}
	case *decode.CHAP:
		if n := m.SenderName(); n != "" && (m.Code == decode.CHAPChallenge || m.Code == decode.CHAPResponse) {
			e.token("chap:"+n, end, false)
		}
	}
}

func (e *linkEnds) addResponse(r *Record, end int) {
	if len(e.responses) < 16 {
		e.responses = append(e.responses, response{r.Proto, r.ID, end})
	}
}

// maxLinkTokens bounds the magic numbers and tokens kept: a link has two
// ends, each with a few; a hostile capture must not grow them without end.
const maxLinkTokens = 64

func (e *linkEnds) own(magic uint32, end int) {
	if _, ok := e.magic[magic]; !ok && len(e.magic) < maxLinkTokens {
		e.magic[magic] = end
	}
}

// token notes that end sends tok as its own; replace: a later claim wins
// (an address asked for again by the other end after a Nak).
func (e *linkEnds) token(tok string, end int, replace bool) {
	if _, ok := e.tokens[tok]; ok && !replace {
		return
	}
	if _, ok := e.tokens[tok]; ok || len(e.tokens) < maxLinkTokens {
		e.tokens[tok] = end
	}
}

// data tells the sender of a data frame by its IP source address, when an
// end asked for that address in IPCP; otherwise the other end than the
// previous frame's.
func (e *linkEnds) data(r *Record) int {
	if src, _, ok := linkIPAddrs(r); ok {
		if end, ok := e.tokens["ip:"+src.String()]; ok {
			return end
		}
	}
	return 1 - e.last
}

// linkIPAddrs reads the IPv4 source and destination addresses of a PPP
// link data frame (the PPP payload is the last Length bytes of the frame).
func linkIPAddrs(r *Record) (src, dst netip.Addr, ok bool) {
	if r.PPPProtocol != 0x0021 || r.Length < 20 || r.Length > len(r.Raw) {
		return src, dst, false
	}
	p := r.Raw[len(r.Raw)-r.Length:]
	if p[0]>>4 != 4 {
		return src, dst, false
	}
	return netip.AddrFrom4([4]byte(p[12:16])), netip.AddrFrom4([4]byte(p[16:20])), true
}

// pppLinkRecord adds a frame of a PPP link capture to the capture's PPP
// link session (made at its first frame).
func (t *Tracker) pppLinkRecord(r *Record) {
	t.PPPLinkFrames++
	s := t.link
	if s == nil {
		s = t.newSession(nil)
		s.PPPLink = true
		s.mid = true // until LCP is seen (finish)
		s.ClientInferred, s.InferredBy = true, InferFirstPPP
		t.link, t.linkEnds = s, newLinkEnds()
	}
	end := t.linkEnds.sender(r)
	if !s.roleKnown {
		if fromClient, ok := authSender(r); ok {
			// The authenticator is the server: end 0 was the client
			// so far.
			s.roleKnown = true
			s.ClientInferred, s.InferredBy = false, ""
			if fromClient != (end == 0) {
				s.swapSides()
				t.linkClient = 1
			}
		}
	}
	dir := end
	if t.linkClient == 1 {
		dir = 1 - end
	}
	r.SessionKey = s.order
	s.touch(r.Time)
	st := &s.Stats[dir]
	st.Packets++
	st.Bytes += r.Length
	s.countGRE(r.Time, dir, r.Length, 0, 0)
	if src, dst, ok := linkIPAddrs(r); ok && (s.rare == nil || !s.rare.linkAddr[dir].IsValid() && !s.rare.linkAddr[1-dir].IsValid()) {
		s.more().linkAddr[dir], s.more().linkAddr[1-dir] = src, dst
	}
	s.ppp(r, dir)
}

// authSender tells whether an authentication packet comes from the peer
// being authenticated (the client): CHAP Responses, PAP
// Authenticate-Requests and EAP Responses; the rest (Challenges, Requests,
// Success, Failure, PAP Ack and Nak) comes from the authenticator.
func authSender(r *Record) (fromClient, ok bool) {
	switch m := r.Message.(type) {
	case *decode.CHAP:
		return m.Code == decode.CHAPResponse, true
	case *decode.PAP:
		return m.Code == 1, true
	case *decode.EAP:
		return m.ControlHeader.Code == 2, true
	}
	return false, false
}

// finishLink: a PPP link session is mid-way when its capture holds no LCP;
// its ends are named by the IPv4 addresses IPCP gave them (the address an
// end's Configure-Request asked for and the other end acknowledged), else
// by the addresses of the first IPv4 data frame.
func (s *Session) finishLink() {
	s.mid = s.Phases[PhaseLCP].Count == 0
	for dir, sd := range []*Side{&s.Client, &s.Server} {
		switch {
		case sd.Addr.IsValid():
		case sd.TunnelAddr.IsValid() && !sd.TunnelAddr.IsUnspecified():
			sd.Addr = sd.TunnelAddr
		default:
			if s.rare != nil {
				sd.Addr = s.rare.linkAddr[dir]
			}
		}
	}
}

// linkPhases are the phases of a PPP link session: the PPP ones.
var linkPhases = []string{PhaseLCP, PhaseAuthentication, PhaseNCP, PhaseCCP, PhaseData, PhaseTeardown}

// PhaseNames lists the session's phases in the order they are reported:
// PhaseOrder, or for a PPP link session its PPP phases only.
func (s *Session) PhaseNames() []string {
	if s.PPPLink {
		return linkPhases
	}
	return PhaseOrder
}

// configCode is the code of an LCP, IPCP, IPV6CP or CCP packet.
func configCode(m decode.Message) (uint8, bool) {
	switch m := m.(type) {
	case *decode.LCP:
		return m.Code, true
	case *decode.IPCP:
		return m.Code, true
	case *decode.IPV6CP:
		return m.Code, true
	case *decode.CCP:
		return m.Code, true
	}
	return 0, false
}

// reverseAuth: an authentication packet of the client authenticating the
// server (sent the other way than the server's authentication of the
// client would be).
func reverseAuth(r *Record, dir int) bool {
	fromClient, ok := authSender(r)
	return ok && fromClient != (dir == 0)
}
