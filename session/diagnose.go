package session

import (
	"net/netip"
	"slices"
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
	lcp := s.nego("LCP")
	ccp := s.nego("CCP")

	if r := s.sccrp; r != nil && r.Code != 1 {
		s.addFinding(FindingControlRejected, SeverityError, []int{r.Frame}, FindingArgs{
			ResultCode: r.Code, ResultName: r.Name(), ErrorCode: r.Error, ErrorName: r.ErrorName()})
	}
	if r := s.ocrp; r != nil && r.Code != 1 {
		s.addFinding(FindingCallRejected, SeverityError, []int{r.Frame}, FindingArgs{
			ResultCode: r.Code, ResultName: r.Name(), ErrorCode: r.Error, ErrorName: r.ErrorName()})
	}

	s.diagnoseGRE(lcp)

	if lcp != nil && !lcp.done() {
		for d := 0; d < 2; d++ {
			e := &lcp.Dir[d]
			naks, rejects := int(e.Naks), int(e.Rejects)
			gaveUp := lcp.Terminate && naks+rejects > 0 && !e.Acked
			if (naks+rejects >= lcpLoopRounds || gaveUp) && !e.Acked {
				s.addFinding(FindingLCPNoAgreement, SeverityError, e.ReqFrames, FindingArgs{
					Side: PeerOf(d), Naks: naks, Rejects: rejects, Terminated: gaveUp})
				break
			}
		}
	}

	s.diagnoseAuth(lcp)
	s.diagnoseCCP(ccp, lcp)
	s.diagnoseEcho()

	if td := s.abnormalTeardown(); td != nil {
		var frames []int
		if cdn := s.callDisconnect(); cdn != nil {
			frames = append(frames, cdn.Frame)
		}
		if r := s.rare; r != nil {
			frames = append(frames, r.wen...)
			frames = append(frames, r.rst...)
		}
		s.addFinding(FindingAbnormalTeardown, SeverityWarning, frames, *td)
	}

	for d := 0; d < 2; d++ {
		st := &s.Stats[d]
		seqd := st.Packets - st.AckOnly
		if seqd <= 0 {
			continue
		}
		bad := st.Lost + st.Reordered
		if bad >= lossMinimum && float64(bad)/float64(seqd+st.Lost) >= lossRate {
			from, to := s.dirAddrs(d)
			s.addFinding(FindingGRELoss, SeverityWarning, nil, FindingArgs{
				Side: PeerOf(d), From: from, To: to, Lost: st.Lost, Reordered: st.Reordered,
				Received: seqd, Packets: st.Packets, LostPct: 100 * float64(st.Lost) / float64(seqd+st.Lost)})
		}
	}

	if s.mid {
		s.addFinding(FindingMidSession, SeverityInfo, nil, FindingArgs{InferredBy: s.InferredBy})
	}

	for _, name := range []string{"IPV6CP", "IPCP", "CBCP", "CCP"} {
		n := s.nego(name)
		if n == nil || !n.ProtocolRejected {
			continue
		}
		if name == "CCP" && s.encryptionExpected() {
			continue // reported as mppe-mismatch
		}
		s.addFinding(FindingProtocolRejected, SeverityInfo, []int{n.RejectFrame}, FindingArgs{
			Side: PeerOf(int(n.RejectedBy)), Protocol: name})
	}

	s.diagnoseSecurity()
}

// dirAddrs returns the sender and receiver addresses of a direction.
func (s *Session) dirAddrs(dir int) (from, to netip.Addr) {
	if dir == 0 {
		return s.Client.Addr, s.Server.Addr
	}
	return s.Server.Addr, s.Client.Addr
}

// diagnoseGRE: the control connection and the call succeeded but GRE does
// not get through in one or both directions.
func (s *Session) diagnoseGRE(lcp *negotiation) {
	if s.ocrp == nil || s.ocrp.Code != 1 {
		return
	}
	c2s, s2c := s.Stats[0].Packets, s.Stats[1].Packets
	if c2s == 0 && s2c == 0 {
		s.addFinding(FindingGREMissing, SeverityError, []int{s.ocrp.Frame}, FindingArgs{Case: CaseNoGRE})
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
		from, to := s.dirAddrs(d)
		s.addFinding(FindingGREMissing, SeverityError, []int{s.ocrp.Frame}, FindingArgs{
			Case: CaseOneDirection, Side: PeerOf(d), From: from, To: to})
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
			from, to := s.dirAddrs(d)
			s.addFinding(FindingGREMissing, SeverityError, e.ReqFrames, FindingArgs{
				Case: CaseUnanswered, Side: PeerOf(d), From: from, To: to, Requests: int(e.Requests),
				OtherRepeats: other.Requests >= greMissingRequests && other.Acked})
			return true
		}
	}
	return false
}

func (s *Session) diagnoseAuth(lcp *negotiation) {
	a := s.Auth
	if a != nil && a.Result == "failure" {
		s.addFinding(FindingAuthFailed, SeverityError, a.Frames, FindingArgs{
			Case: CaseFailure, User: a.User, Method: a.Method,
			FailureCode: a.FailureCode, FailureName: a.FailureName, ServerMessage: a.Message})
		return
	}
	if lcp == nil {
		return
	}
	// The client refused every authentication method (Configure-Reject of
	// the Authentication-Protocol option), and the link was terminated.
	for d := 0; d < 2; d++ {
		if lcp.Dir[d].Rejected(3) && (a == nil || a.Result != "success") && s.terminated() {
			s.addFinding(FindingAuthFailed, SeverityError, s.termFrameList(), FindingArgs{
				Case: CaseAuthRejected, Side: PeerOf(1 - d), TermReasons: s.termReasons()})
			return
		}
	}
	// LCP Terminate right after authentication.
	if a != nil && a.Result != "success" && s.terminated() {
		s.addFinding(FindingAuthFailed, SeverityError, append(a.Frames, s.termFrameList()...), FindingArgs{
			Case: CaseTerminated, User: a.User, Method: a.Method, TermReasons: s.termReasons()})
	}
}

func (s *Session) terminated() bool {
	return s.term != nil && (s.term.frames[0] != 0 || s.term.frames[1] != 0)
}

func (s *Session) termFrameList() []int {
	if s.term == nil {
		return []int{0, 0}
	}
	return []int{s.term.frames[0], s.term.frames[1]}
}

// termReasons lists the texts of the sides' Terminate-Requests.
func (s *Session) termReasons() []TermReason {
	var r []TermReason
	for d := 0; d < 2; d++ {
		if s.term != nil && s.term.data[d] != "" {
			r = append(r, TermReason{Side: PeerOf(d), Text: s.term.data[d]})
		}
	}
	return r
}

// encryptionExpected: someone asked for MPPE.
func (s *Session) encryptionExpected() bool {
	ccp := s.nego("CCP")
	return ccp != nil && (ccp.Dir[0].Requests > 0 || ccp.Dir[1].Requests > 0)
}

func (s *Session) diagnoseCCP(ccp, lcp *negotiation) {
	if ccp == nil || ccp.done() || !s.encryptionExpected() {
		return
	}
	args := FindingArgs{TermReasons: s.termReasons()}
	var frames []int
	switch {
	case ccp.Dir[0].Rejected(18):
		args.Case, frames = CaseServerRejects, ccp.Dir[0].ReqFrames
	case ccp.Dir[1].Rejected(18):
		args.Case, frames = CaseClientRejects, ccp.Dir[1].ReqFrames
	case ccp.ProtocolRejected:
		args.Case, args.Side, frames = CaseProtoRejected, PeerOf(int(ccp.RejectedBy)), []int{ccp.RejectFrame}
	case int(ccp.Dir[0].Naks)+int(ccp.Dir[1].Naks) > 0 && s.terminated():
		args.Case, frames = CaseNaks, append(ccp.Dir[0].ReqFrames, ccp.Dir[1].ReqFrames...)
	case s.terminated() || ccp.Terminate:
		args.Case, frames = CaseTerminated, append(ccp.Dir[0].ReqFrames, ccp.Dir[1].ReqFrames...)
	default:
		return
	}
	s.addFinding(FindingMPPEMismatch, SeverityError, append(frames, s.termFrameList()...), args)
}

func (s *Session) diagnoseEcho() {
	for d := 0; d < 2; d++ {
		pending := 0
		if s.pppSt != nil {
			pending = len(s.pppSt.lcpEcho[d])
		}
		if pending >= echoUnanswered && s.Stats[d].LCPEchoReq >= echoUnanswered {
			s.addFinding(FindingEchoUnanswered, SeverityError, nil, FindingArgs{
				Case: CaseLCPEcho, Side: PeerOf(d), Count: pending})
			return
		}
	}
	for d := 0; d < 2; d++ {
		if req, rep := s.Stats[d].PPTPEchoReq, s.Stats[1-d].PPTPEchoRep; req-rep >= echoUnanswered {
			s.addFinding(FindingEchoUnanswered, SeverityWarning, nil, FindingArgs{
				Case: CasePPTPEcho, Side: PeerOf(d), Count: req - rep})
		}
	}
}

// abnormalTeardown describes an abnormal end, or returns nil.
func (s *Session) abnormalTeardown() *FindingArgs {
	var a FindingArgs
	if cdn := s.callDisconnect(); cdn != nil && cdn.Code >= 1 && cdn.Code <= 3 {
		a.CDNResult, a.CDNName = cdn.Code, cdn.Name()
	}
	if r := s.rare; r != nil {
		a.WANError = len(r.wen) > 0
		a.Reset = len(r.rst) > 0
	}
	if a.CDNResult == 0 && !a.WANError && !a.Reset {
		return nil
	}
	return &a
}

func (s *Session) addFinding(code, sev string, frames []int, args FindingArgs) {
	s.Findings = append(s.Findings, Finding{Code: code, Severity: sev, Frames: joinFrames(frames), Args: args})
}

// AddFinding adds a finding that a stage after the tracker found (the
// decryption stage: mppc-desync).
func (s *Session) AddFinding(code, sev string, frames []int, args FindingArgs) {
	s.addFinding(code, sev, frames, args)
}

// HasFinding reports whether the session has a finding of code.
func (s *Session) HasFinding(code string) bool {
	return slices.ContainsFunc(s.Findings, func(f Finding) bool { return f.Code == code })
}
