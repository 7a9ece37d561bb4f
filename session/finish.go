package session

import (
	"sort"
)

// finish ends the session (end) and, unless its tracker finishes sessions
// lazily, completes it (Finish).
func (s *Session) finish(lazy bool) {
	s.end()
	if !lazy {
		s.Finish()
	}
}

// end takes what the session needs of its control connection's messages:
// their times (Start and End) and, when it keeps messages, the messages.
func (s *Session) end() {
	// No packet reaches an ended session: its GRE sequence windows are
	// dropped now, not when it is completed (a streamed analysis holds
	// ended sessions until those that started before them end).
	s.Stats[0].seq, s.Stats[1].seq = nil, nil
	if c := s.conn; c != nil {
		if c.kept > 0 {
			s.touch(c.firstT)
			s.touch(c.lastT)
		}
		if !s.noMessages {
			s.Messages = mergeMessages(append([]Message(nil), c.messages...), s.Messages)
		}
		c.finished++
		if c.finished == len(c.sessions) {
			c.messages = nil // every session of the connection has its copy
		}
	}
}

// Finish completes a session that FinishIdle or Sessions returned: it
// builds its phases (copying the control connection's), sets each phase's
// status and runs the diagnosis. A tracker made with
// TrackerOptions.LazyFinish leaves that to its caller, who calls Finish
// just before the session is used (so that sessions ended at once are not
// all built at once); otherwise it was done already and Finish does nothing.
func (s *Session) Finish() {
	if s.complete {
		return
	}
	s.complete = true
	s.buildPhases()
	if c := s.conn; c != nil {
		*s.Phases[PhaseTCPConnect] = c.tcpPhase.phase(PhaseTCPConnect)
		*s.Phases[PhaseControlConnection] = c.ccPhase.phase(PhaseControlConnection)
		td := s.Phases[PhaseTeardown]
		for i, f := range c.teardown.frameInts() {
			t := c.tdTimes[i]
			if t.IsZero() {
				t = c.teardown.end
			}
			td.add(f, t)
		}
		if !c.synSeen && !c.sccrq {
			s.mid = s.Phases[PhaseLCP].Count == 0
		}
	}
	if s.PPPLink {
		s.finishLink()
	}
	s.setStatuses()
	s.diagnose()
}

func mergeMessages(a, b []Message) []Message {
	out := append(a, b...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Frame < out[j].Frame })
	if len(out) > maxMessages {
		out = out[:maxMessages]
	}
	return out
}

// ended reports whether the session was torn down inside the capture.
func (s *Session) ended() bool { return s.Phases[PhaseTeardown].Count > 0 }

// unfinished is the status of a phase that started but did not complete:
// failed when the session ended, incomplete when the capture just stops.
func (s *Session) unfinished() string {
	if s.ended() {
		return StatusFailed
	}
	return StatusIncomplete
}

func (s *Session) setStatuses() {
	c := s.conn
	p := s.Phases
	// 2.1 TCP connect.
	switch {
	case c == nil || !c.synSeen:
		p[PhaseTCPConnect].Status = StatusMissing
		if c != nil {
			p[PhaseTCPConnect].NoteCode = NoteAfterHandshake
		}
	case c.synAck:
		p[PhaseTCPConnect].Status = StatusOK
	default:
		p[PhaseTCPConnect].Status = s.unfinished()
		p[PhaseTCPConnect].NoteCode = NoteNoSynAck
	}
	// 2.2 control connection.
	switch {
	case s.sccrp != nil && s.sccrp.Code == 1:
		p[PhaseControlConnection].Status = StatusOK
	case s.sccrp != nil:
		p[PhaseControlConnection].Status = StatusFailed
	case c != nil && c.sccrq:
		p[PhaseControlConnection].Status = s.unfinished()
	default:
		p[PhaseControlConnection].Status = StatusMissing
	}
	// 2.2 call setup.
	switch {
	case s.ocrp != nil && s.ocrp.Code == 1:
		p[PhaseCallSetup].Status = StatusOK
	case s.ocrp != nil:
		p[PhaseCallSetup].Status = StatusFailed
	case p[PhaseCallSetup].Count > 0 && s.CallID >= 0:
		p[PhaseCallSetup].Status = s.unfinished()
	case p[PhaseCallSetup].Count > 0:
		p[PhaseCallSetup].Status = StatusIncomplete
		p[PhaseCallSetup].NoteCode = NoteOnlySetLinkInfo
	default:
		p[PhaseCallSetup].Status = StatusMissing
	}
	// 2.3 LCP.
	lcp := s.nego("LCP")
	switch {
	case lcp == nil || !lcp.started():
		p[PhaseLCP].Status = StatusMissing
	case lcp.done():
		p[PhaseLCP].Status = StatusOK
	default:
		p[PhaseLCP].Status = s.unfinished()
	}
	// 2.4 authentication.
	authWanted := s.Server.AuthProto != "" || s.Client.AuthProto != ""
	switch {
	case s.Auth != nil && s.Auth.Result == "success":
		p[PhaseAuthentication].Status = StatusOK
	case s.Auth != nil && s.Auth.Result == "failure":
		p[PhaseAuthentication].Status = StatusFailed
	case s.Auth != nil:
		p[PhaseAuthentication].Status = s.unfinished()
	case authWanted && lcp != nil && lcp.done():
		p[PhaseAuthentication].Status = s.unfinished()
		p[PhaseAuthentication].NoteCode = NoteAuthNoPackets
	default:
		p[PhaseAuthentication].Status = StatusMissing
		if lcp != nil && lcp.done() {
			p[PhaseAuthentication].NoteCode = NoteNoAuth
		}
	}
	// 2.5 NCP: IPCP decides; IPV6CP is optional.
	ipcp, ipv6cp := s.nego("IPCP"), s.nego("IPV6CP")
	switch {
	case ipcp != nil && ipcp.done():
		p[PhaseNCP].Status = StatusOK
	case ipcp != nil && ipcp.started() || ipv6cp != nil && ipv6cp.started():
		if ipv6cp != nil && ipv6cp.done() {
			p[PhaseNCP].Status = StatusOK
		} else {
			p[PhaseNCP].Status = s.unfinished()
		}
	default:
		p[PhaseNCP].Status = StatusMissing
	}
	// 2.6 CCP.
	ccp := s.nego("CCP")
	switch {
	case ccp != nil && ccp.done():
		p[PhaseCCP].Status = StatusOK
		s.Encryption = s.encryption()
	case ccp != nil && (ccp.started() || ccp.Terminate):
		if ccp.ProtocolRejected || ccp.Dir[0].Rejected(18) || ccp.Dir[1].Rejected(18) || ccp.Terminate {
			p[PhaseCCP].Status = StatusFailed
		} else {
			p[PhaseCCP].Status = s.unfinished()
		}
	default:
		p[PhaseCCP].Status = StatusMissing
	}
	// 3 data.
	if p[PhaseData].Count > 0 && s.dataPackets() > 0 {
		p[PhaseData].Status = StatusOK
	} else if p[PhaseData].Count > 0 {
		p[PhaseData].Status = StatusIncomplete
		p[PhaseData].NoteCode = NoteKeepalivesOnly
	} else {
		p[PhaseData].Status = StatusMissing
	}
	// Teardown.
	switch {
	case !s.ended():
		p[PhaseTeardown].Status = StatusMissing
		p[PhaseTeardown].NoteCode = NoteStillUp
	case s.abnormalTeardown() != nil:
		p[PhaseTeardown].Status = StatusFailed
	default:
		p[PhaseTeardown].Status = StatusOK
	}
}

func (s *Session) dataPackets() int {
	n := 0
	for _, st := range s.Stats {
		n += st.Encrypted + st.Plain + st.Compressed
	}
	return n
}

// encryption reads the acknowledged CCP options: the mode and key length
// come from the exchange that was acknowledged, not from the first offer.
func (s *Session) encryption() *Encryption {
	var bits *uint32
	for _, sd := range []*Side{&s.Client, &s.Server} {
		if sd.MPPEBits != nil {
			bits = sd.MPPEBits
			break
		}
	}
	if bits == nil {
		return nil
	}
	b := *bits
	e := &Encryption{Stateless: b&0x01000000 != 0, MPPC: b&0x01 != 0}
	switch {
	case b&0x40 != 0:
		e.Bits = 128
	case b&0x80 != 0:
		e.Bits = 56
	case b&0x20 != 0:
		e.Bits = 40
	}
	if e.Bits == 0 && !e.MPPC {
		return nil
	}
	return e
}

// Verdict is a one-word summary: ok, failed or incomplete.
func (s *Session) Verdict() string {
	for _, f := range s.Findings {
		if f.Severity == SeverityError {
			return "failed"
		}
	}
	if s.Phases[PhaseData].Status == StatusOK && (s.Auth == nil || s.Auth.Result != "failure") {
		return "ok"
	}
	if s.mid {
		return "ok"
	}
	return "incomplete"
}

// Mid reports a session whose handshake is not in the capture.
func (s *Session) Mid() bool { return s.mid }

func joinFrames(fr ...[]int) []int {
	var out []int
	seen := map[int]bool{}
	for _, l := range fr {
		for _, f := range l {
			if f > 0 && !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	sort.Ints(out)
	if len(out) > 32 {
		out = out[:32]
	}
	return out
}
