package session

import (
	"time"

	"bytes"
	"fmt"

	"github.com/pptpscope/pptpscope/decode"
)

// phaseOf places a PPP record in a handshake phase.
func phaseOf(r *Record) string {
	switch m := r.Message.(type) {
	case *decode.LCP:
		switch m.Code {
		case codeTermReq, codeTermAck:
			return PhaseTeardown
		case 9, 10, 11, 13: // Echo, Discard, Time-Remaining: keepalives
			return PhaseData
		case codeProtoRej:
			if p, _, ok := m.RejectedProtocol(); ok {
				switch p {
				case decode.PPPTypeIPCP, decode.PPPTypeIPV6CP:
					return PhaseNCP
				case decode.PPPTypeCCP:
					return PhaseCCP
				case decode.PPPTypeCBCP:
					return PhaseAuthentication
				}
			}
		}
		return PhaseLCP
	case *decode.PAP, *decode.CHAP, *decode.EAP, *decode.CBCP:
		return PhaseAuthentication
	case *decode.IPCP, *decode.IPV6CP:
		return PhaseNCP
	case *decode.CCP:
		if m.Code == 14 || m.Code == 15 {
			return PhaseData
		}
		return PhaseCCP
	}
	return PhaseData
}

// ppp adds a PPP record (from GRE or a PPP link) sent in direction dir.
func (s *Session) ppp(r *Record, dir int) {
	st := &s.Stats[dir]
	phase := phaseOf(r)
	r.Phase = phase
	if r.Proto == "GRE" {
		st.AckOnly++
		s.addPhase(phData, r.Frame, r.Time)
		return
	}
	if !r.Control {
		switch {
		case r.Proto == "MPPE":
			if r.Encrypted {
				st.Encrypted++
			}
			if r.Compressed {
				st.Compressed++
			}
		case r.Proto == "PPP":
			st.Plain++
		}
		s.addPhase(phData, r.Frame, r.Time)
		return
	}
	st.Control++
	s.addPhase(phaseIndex(phase), r.Frame, r.Time)
	if !s.noMessages {
		s.addMessage(messageOf(r, phase, dir == 0))
	}
	from := dir
	side := &s.Client
	peer := &s.Server
	if dir == 1 {
		side, peer = peer, side
	}
	_ = peer
	// The client authenticating the server in turn (mutual authentication
	// on a PPP link): the session's Auth is the client's.
	reverse := s.PPPLink && reverseAuth(r, dir)
	switch m := r.Message.(type) {
	case *decode.LCP:
		n := s.negotiation("LCP")
		switch m.Code {
		case codeConfReq, codeConfAck, codeConfNak, codeConfRej, codeTermReq:
			n.configure(int(m.Code), from, r.Frame, &m.ConfigPacket)
		}
		switch m.Code {
		case codeConfAck:
			// The Ack echoes the other side's options: they are its own.
			other := &s.Server
			if dir == 1 {
				other = &s.Client
			}
			other.LCPAcked = true
			if v, ok := m.MRU(); ok {
				other.MRU = int(v)
			}
			if v, ok := m.ACCM(); ok {
				other.ACCM = &v
			}
			if v, ok := m.MagicNumber(); ok {
				other.Magic = &v
			}
			other.PFC, other.ACFC = m.PFC(), m.ACFC()
			if p, alg, ok := m.AuthProtocol(); ok {
				other.AuthProto = decode.AuthName(p, alg)
			}
		case codeTermReq:
			if s.term == nil {
				s.term = new(lcpTerm)
			}
			if s.term.frames[dir] == 0 {
				s.term.frames[dir] = r.Frame
				s.term.data[dir] = printableData(m.Data)
			}
		case codeProtoRej:
			if p, _, ok := m.RejectedProtocol(); ok {
				name := decode.PPPProtocolName(p)
				pn := s.negotiation(name)
				pn.ProtocolRejected, pn.RejectFrame, pn.RejectedBy = true, r.Frame, int8(dir)
			}
		case 9: // Echo-Request
			st.LCPEchoReq++
			s.countEcho(r.Time, dir, false)
			ps := s.pppState()
			ps.lcpEcho[dir] = ps.lcpEcho[dir].set(r.ID, r.Time)
		case 10: // Echo-Reply
			st.LCPEchoRep++
			s.countEcho(r.Time, dir, true)
			var t0 time.Time
			var ok bool
			if ps := s.pppSt; ps != nil {
				ps.lcpEcho[1-dir], t0, ok = ps.lcpEcho[1-dir].take(r.ID)
			}
			if ok {
				s.LCPEchoRTT.add(r.Time.Sub(t0))
			}
		}
	case *decode.IPCP:
		n := s.negotiation("IPCP")
		n.configure(int(m.Code), from, r.Frame, &m.ConfigPacket)
		if m.Code == codeConfAck {
			other := s.otherSide(dir)
			if a, ok := m.IPAddress(); ok {
				other.TunnelAddr = a
			}
			other.DNS, other.NBNS = nil, nil
			for _, f := range []func() (addrT, bool){m.PrimaryDNS, m.SecondaryDNS} {
				if a, ok := f(); ok {
					other.DNS = append(other.DNS, a)
				}
			}
			for _, f := range []func() (addrT, bool){m.PrimaryNBNS, m.SecondaryNBNS} {
				if a, ok := f(); ok {
					other.NBNS = append(other.NBNS, a)
				}
			}
		}
	case *decode.IPV6CP:
		n := s.negotiation("IPV6CP")
		n.configure(int(m.Code), from, r.Frame, &m.ConfigPacket)
		if m.Code == codeConfAck {
			if id, ok := m.InterfaceIdentifier(); ok {
				s.otherSide(dir).InterfaceID = fmt.Sprintf("%02x%02x:%02x%02x:%02x%02x:%02x%02x", id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7])
			}
		}
	case *decode.CCP:
		n := s.negotiation("CCP")
		n.configure(int(m.Code), from, r.Frame, &m.ConfigPacket)
		if m.Code == codeConfAck {
			if b, ok := m.MPPEBits(); ok {
				s.otherSide(dir).MPPEBits = &b
			}
		}
	case *decode.CHAP:
		if reverse {
			if alg := s.negotiatedCHAP(); alg != decode.CHAPAlgorithmUnknown {
				m.Algorithm = alg
			}
		} else {
			s.chap(m, r, dir)
		}
		if n := len(s.Messages); n > 0 && s.Messages[n-1].Frame == r.Frame {
			s.Messages[n-1].chapAlgorithm = m.Algorithm
		}
	case *decode.PAP:
		if reverse {
			break
		}
		a := s.auth("PAP", r.Frame)
		switch m.Code {
		case 1:
			a.User = m.PeerIDString()
		case 2:
			a.Result, a.Message = "success", m.MessageText()
		case 3:
			a.Result, a.Message = "failure", m.MessageText()
		}
	case *decode.EAP:
		if !reverse {
			s.eap(m, r)
		}
	case *decode.CBCP:
		// Callback control runs after authentication; nothing to negotiate here.
	}
}

type addrT = netipAddr

func (s *Session) otherSide(dir int) *Side {
	if dir == 0 {
		return &s.Server
	}
	return &s.Client
}

func (s *Session) auth(method string, frame int) *Auth {
	if s.Auth == nil {
		s.Auth = &Auth{Method: method, Result: "none"}
	}
	if len(s.Auth.Frames) < 64 {
		s.Auth.Frames = append(s.Auth.Frames, frame)
	}
	return s.Auth
}

func (s *Session) chap(m *decode.CHAP, r *Record, dir int) {
	method := "CHAP-MD5"
	if alg := s.negotiatedCHAP(); alg != decode.CHAPAlgorithmUnknown {
		m.Algorithm = alg
	}
	switch m.EffectiveAlgorithm() {
	case decode.CHAPAlgorithmMSCHAPv1:
		method = "MS-CHAPv1"
	case decode.CHAPAlgorithmMSCHAPv2:
		method = "MS-CHAPv2"
	}
	a := s.auth(method, r.Frame)
	if a.Method == "CHAP-MD5" && method != "CHAP-MD5" {
		a.Method = method
	}
	switch m.Code {
	case 1:
		a.Challenge = append(a.Challenge[:0], m.Challenge()...)
	case 2:
		a.User = m.SenderName()
		a.ResponseFrame = r.Frame
		a.PeerChallenge = append(a.PeerChallenge[:0], m.PeerChallenge()...)
		a.NTResponse = append(a.NTResponse[:0], m.NTResponse()...)
		a.LMResponse = append(a.LMResponse[:0], m.LMResponse()...)
	case 3:
		a.Result = "success"
		if sm, ok := m.Success(); ok {
			a.Message = sm.Message
			a.AuthenticatorResponse = fmt.Sprintf("%X", sm.AuthenticatorResponse[:])
		} else {
			a.Message = m.MessageText()
		}
	case 4:
		a.Result = "failure"
		a.Message = m.MessageText()
		if f, ok := m.Failure(); ok {
			a.FailureCode = f.Error
			a.FailureName = decode.MSCHAPErrorName(f.Error)
			if f.HasMessage {
				a.Message = f.Message
			}
		}
	}
}

// negotiatedCHAP is the CHAP algorithm LCP agreed on, if any.
func (s *Session) negotiatedCHAP() decode.CHAPAlgorithm {
	for _, sd := range []*Side{&s.Server, &s.Client} {
		switch sd.AuthProto {
		case "MS-CHAPv2":
			return decode.CHAPAlgorithmMSCHAPv2
		case "MS-CHAPv1":
			return decode.CHAPAlgorithmMSCHAPv1
		case "CHAP-MD5":
			return decode.CHAPAlgorithmMD5
		}
	}
	return decode.CHAPAlgorithmUnknown
}

func (s *Session) eap(m *decode.EAP, r *Record) {
	a := s.auth("EAP", r.Frame)
	switch m.Code {
	case 1, 2:
		switch m.Type {
		case decode.EAPTypeIdentity:
			if m.Code == 2 {
				a.User = m.Identity()
			}
		case decode.EAPTypeNotification, decode.EAPTypeNak:
		case decode.EAPTypeMD5Challenge:
			a.Method = "EAP-MD5"
		default:
			if m.Type == 26 {
				a.Method = "EAP-MSCHAPv2"
				if c := m.MSCHAPv2Challenge(); c != nil {
					a.Challenge = append(a.Challenge[:0], c...)
				}
				if resp, ok := m.MSCHAPv2Response(); ok {
					a.PeerChallenge = append(a.PeerChallenge[:0], resp.PeerChallenge...)
					a.NTResponse = append(a.NTResponse[:0], resp.NTResponse...)
					a.ResponseFrame = r.Frame
				}
				if sm, ok := m.MSCHAPv2Success(); ok {
					a.AuthenticatorResponse = fmt.Sprintf("%X", sm.AuthenticatorResponse[:])
					a.Message = sm.Message
				}
				if f, ok := m.MSCHAPv2Failure(); ok {
					a.FailureCode, a.FailureName, a.Message = f.Error, decode.MSCHAPErrorName(f.Error), f.Message
				}
			} else if a.Method == "EAP" {
				a.Method = "EAP-" + m.TypeName()
			}
		}
	case 3:
		a.Result = "success"
	case 4:
		a.Result = "failure"
	}
}

// printableData shows a Terminate-Request's data when it is text.
func printableData(b []byte) string {
	b = bytes.TrimRight(b, "\x00")
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return ""
		}
	}
	return string(b)
}
