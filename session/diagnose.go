package session

import (
	"fmt"
	"strings"
)

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
)

// Thresholds of the diagnosis.
const (
	greMissingRequests = 3    // unanswered LCP Configure-Requests that prove GRE is not getting through
	lcpLoopRounds      = 5    // Naks/Rejects of one direction without an Ack
	echoUnanswered     = 3    // consecutive unanswered echo requests at the end
	lossRate           = 0.01 // share of lost or reordered GRE packets worth a warning
	lossMinimum        = 5
)

func (s *Session) diagnose() {
	lcp := s.nego["LCP"]
	ccp := s.nego["CCP"]

	if r := s.sccrp; r != nil && r.Code != 1 {
		s.addFinding(FindingControlRejected, SeverityError, []int{r.Frame},
			"the server refused the control connection: Start-Control-Connection-Reply result %d (%s), error %d (%s); check the server's PPTP service and its connection limit",
			r.Code, r.Name, r.Error, r.ErrorName)
	}
	if r := s.ocrp; r != nil && r.Code != 1 {
		s.addFinding(FindingCallRejected, SeverityError, []int{r.Frame},
			"the server refused the call: Outgoing-Call-Reply result %d (%s), error %d (%s); the server may be out of call slots or refusing this client",
			r.Code, r.Name, r.Error, r.ErrorName)
	}

	s.diagnoseGRE(lcp)

	if lcp != nil && !lcp.done() {
		for d := 0; d < 2; d++ {
			e := &lcp.Dir[d]
			gaveUp := lcp.Terminate && e.Naks+e.Rejects > 0 && !e.Acked
			if (e.Naks+e.Rejects >= lcpLoopRounds || gaveUp) && !e.Acked {
				s.addFinding(FindingLCPNoAgreement, SeverityError, e.ReqFrames,
					"LCP did not converge: the %s's Configure-Requests got %d Naks and %d Rejects and never an Ack%s; compare the MRU, authentication and other LCP options both sides insist on",
					sideName(d), e.Naks, e.Rejects, map[bool]string{true: ", then the link was terminated", false: ""}[gaveUp])
				break
			}
		}
	}

	s.diagnoseAuth(lcp)
	s.diagnoseCCP(ccp, lcp)
	s.diagnoseEcho()

	if why := s.abnormalTeardown(); why != "" {
		var frames []int
		if s.cdn != nil {
			frames = append(frames, s.cdn.Frame)
		}
		frames = append(frames, s.wen...)
		frames = append(frames, s.rst...)
		s.addFinding(FindingAbnormalTeardown, SeverityWarning, frames,
			"the session did not end normally: %s", why)
	}

	for d := 0; d < 2; d++ {
		st := &s.Stats[d]
		seqd := st.Packets - st.AckOnly
		if seqd <= 0 {
			continue
		}
		bad := st.Lost + st.Reordered
		if bad >= lossMinimum && float64(bad)/float64(seqd+st.Lost) >= lossRate {
			s.addFinding(FindingGRELoss, SeverityWarning, nil,
				"%s: %d GRE packets lost (%.1f%%) and %d reordered of %d; the path drops or reorders packets: with stateful MPPE every loss stalls the tunnel until a resync",
				s.dirName(d), st.Lost, 100*float64(st.Lost)/float64(seqd+st.Lost), st.Reordered, seqd+st.Lost)
		}
	}

	if s.mid {
		s.addFinding(FindingMidSession, SeverityInfo, nil,
			"the capture holds no handshake for this session: it started before the capture; which side is the client was inferred (%s)", s.InferredBy)
	}

	for _, name := range []string{"IPV6CP", "IPCP", "CBCP", "CCP"} {
		n := s.nego[name]
		if n == nil || !n.ProtocolRejected {
			continue
		}
		if name == "CCP" && s.encryptionExpected() {
			continue // reported as mppe-mismatch
		}
		s.addFinding(FindingProtocolRejected, SeverityInfo, []int{n.RejectFrame},
			"the %s does not run %s (LCP Protocol-Reject)", sideName(n.RejectedBy), name)
	}
}

func sideName(d int) string {
	if d == 0 {
		return "client"
	}
	return "server"
}

// diagnoseGRE: the control connection and the call succeeded but GRE does
// not get through in one or both directions.
func (s *Session) diagnoseGRE(lcp *negotiation) {
	if s.ocrp == nil || s.ocrp.Code != 1 {
		return
	}
	c2s, s2c := s.Stats[0].Packets, s.Stats[1].Packets
	if c2s == 0 && s2c == 0 {
		frames := []int{s.ocrp.Frame}
		s.addFinding(FindingGREMissing, SeverityError, frames,
			"the call was set up but no GRE (IP protocol 47) packet is in the capture, in either direction: a firewall or NAT between client and server is blocking GRE (Windows errors 619/806/807, pppd \"LCP: timeout sending Config-Requests\"); allow IP protocol 47 and enable the PPTP helper on NAT devices")
		return
	}
	if s.lcpUnanswered(lcp) {
		return
	}
	if (c2s == 0) != (s2c == 0) {
		d := 0
		if s2c == 0 {
			d = 1
		}
		s.addFinding(FindingGREMissing, SeverityError, []int{s.ocrp.Frame},
			"no GRE from the %s is in the capture while the %s's GRE arrives: GRE (IP protocol 47) is blocked in the %s direction; allow protocol 47 and enable the PPTP helper on NAT devices",
			sideName(d), sideName(1-d), s.dirName(d))
	}
}

// lcpUnanswered adds gre-missing when one side's LCP Configure-Requests are
// never answered while LCP is not done, and reports whether it did. Live
// mode runs it as soon as the requests arrive (EarlyFindings).
func (s *Session) lcpUnanswered(lcp *negotiation) bool {
	if lcp == nil {
		return false
	}
	for d := 0; d < 2; d++ {
		e := &lcp.Dir[d]
		other := &lcp.Dir[1-d]
		// d's requests are never answered while the other side's GRE keeps
		// arriving: d's GRE does not reach the other side.
		if e.Requests >= greMissingRequests && e.Answered == 0 && !lcp.done() {
			note := ""
			if other.Requests >= greMissingRequests && other.Acked {
				note = fmt.Sprintf(", and the %s keeps repeating its own Configure-Request although the %s acknowledged it: the acknowledgments do not arrive either", sideName(1-d), sideName(d))
			}
			s.addFinding(FindingGREMissing, SeverityError, e.ReqFrames,
				"GRE from the %s does not reach the %s: its %d LCP Configure-Requests were never answered%s. A firewall or NAT is dropping GRE (IP protocol 47) in the %s direction (Windows errors 619/806/807, pppd \"LCP: timeout sending Config-Requests\"); allow protocol 47 and enable the PPTP helper on NAT devices",
				sideName(d), sideName(1-d), e.Requests, note, s.dirName(d))
			return true
		}
	}
	return false
}

func (s *Session) diagnoseAuth(lcp *negotiation) {
	a := s.Auth
	if a != nil && a.Result == "failure" {
		msg := fmt.Sprintf("authentication failed for user %q with %s", a.User, a.Method)
		if a.FailureCode != 0 {
			msg += fmt.Sprintf(": E=%d %s (%s)", a.FailureCode, a.FailureName, failureAdvice(a.FailureCode))
		}
		if a.Message != "" {
			msg += fmt.Sprintf("; the server says %q", a.Message)
		}
		if a.FailureCode == 0 {
			msg += "; check the user name and password"
		}
		s.addFinding(FindingAuthFailed, SeverityError, a.Frames, "%s", msg)
		return
	}
	if lcp == nil {
		return
	}
	// The client refused every authentication method (Configure-Reject of
	// the Authentication-Protocol option), and the link was terminated.
	for d := 0; d < 2; d++ {
		if contains(lcp.Dir[d].Rejected, 3) && (a == nil || a.Result != "success") && s.terminated() {
			s.addFinding(FindingAuthFailed, SeverityError, s.termFrameList(),
				"the %s refused the authentication protocol the %s asked for (LCP Configure-Reject of Authentication-Protocol) and the link was terminated%s; configure a method both sides accept (MS-CHAPv2)",
				sideName(1-d), sideName(d), s.termReason())
			return
		}
	}
	// LCP Terminate right after authentication.
	if a != nil && a.Result != "success" && s.terminated() {
		s.addFinding(FindingAuthFailed, SeverityError, append(a.Frames, s.termFrameList()...),
			"the link was terminated during authentication of %q (%s)%s", a.User, a.Method, s.termReason())
	}
}

func failureAdvice(code int) string {
	switch code {
	case 646:
		return "the account may not log on at this time"
	case 647:
		return "the account is disabled"
	case 648:
		return "the password has expired"
	case 649:
		return "the account has no dial-in permission"
	case 691:
		return "wrong user name or password, or the account is not allowed on this server"
	case 709:
		return "changing the password failed"
	}
	return "see the server's log"
}

func (s *Session) terminated() bool { return s.termFrames[0] != 0 || s.termFrames[1] != 0 }

func (s *Session) termFrameList() []int { return []int{s.termFrames[0], s.termFrames[1]} }

func (s *Session) termReason() string {
	var r []string
	for d := 0; d < 2; d++ {
		if s.termData[d] != "" {
			r = append(r, fmt.Sprintf("%s: %q", sideName(d), s.termData[d]))
		}
	}
	if len(r) == 0 {
		return ""
	}
	return " (" + strings.Join(r, "; ") + ")"
}

// encryptionExpected: someone asked for MPPE.
func (s *Session) encryptionExpected() bool {
	ccp := s.nego["CCP"]
	return ccp != nil && (ccp.Dir[0].Requests > 0 || ccp.Dir[1].Requests > 0)
}

func (s *Session) diagnoseCCP(ccp, lcp *negotiation) {
	if ccp == nil || ccp.done() || !s.encryptionExpected() {
		return
	}
	var why string
	var frames []int
	switch {
	case contains(ccp.Dir[0].Rejected, 18):
		why, frames = "the server rejected the MPPE option (CCP Configure-Reject of option 18): it does not offer encryption", ccp.Dir[0].ReqFrames
	case contains(ccp.Dir[1].Rejected, 18):
		why, frames = "the client rejected the MPPE option (CCP Configure-Reject of option 18)", ccp.Dir[1].ReqFrames
	case ccp.ProtocolRejected:
		why, frames = fmt.Sprintf("the %s does not run CCP at all (LCP Protocol-Reject)", sideName(ccp.RejectedBy)), []int{ccp.RejectFrame}
	case ccp.Dir[0].Naks+ccp.Dir[1].Naks > 0 && s.terminated():
		why, frames = "the two sides' MPPE offers (key length, stateless mode) never matched (CCP Configure-Naks)", append(ccp.Dir[0].ReqFrames, ccp.Dir[1].ReqFrames...)
	case s.terminated() || ccp.Terminate:
		why, frames = "CCP did not finish before the link was terminated", append(ccp.Dir[0].ReqFrames, ccp.Dir[1].ReqFrames...)
	default:
		return
	}
	s.addFinding(FindingMPPEMismatch, SeverityError, append(frames, s.termFrameList()...),
		"encryption could not be agreed: %s%s; make the MPPE settings match (e.g. require-mppe-128 on both sides, or allow 40/56-bit)", why, s.termReason())
}

func (s *Session) diagnoseEcho() {
	for d := 0; d < 2; d++ {
		pending := len(s.lcpEcho[d])
		if pending >= echoUnanswered && s.Stats[d].LCPEchoReq >= echoUnanswered {
			s.addFinding(FindingEchoUnanswered, SeverityError, nil,
				"%d LCP Echo-Requests from the %s got no reply and the link went down: the tunnel's GRE stopped flowing (NAT timeout, route change, firewall); pppd says \"No response to N echo-requests\"",
				pending, sideName(d))
			return
		}
	}
	for d := 0; d < 2; d++ {
		if req, rep := s.Stats[d].PPTPEchoReq, s.Stats[1-d].PPTPEchoRep; req-rep >= echoUnanswered {
			s.addFinding(FindingEchoUnanswered, SeverityWarning, nil,
				"%d PPTP Echo-Requests from the %s on the control connection got no reply", req-rep, sideName(d))
		}
	}
}
