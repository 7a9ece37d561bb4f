package session

// diagnoseSecurity adds the auditor's findings (severity security): what a
// captured session gives away even when it works.
func (s *Session) diagnoseSecurity() {
	if a := s.Auth; a != nil {
		args := FindingArgs{User: a.User, Method: a.Method}
		respFrames := a.Frames
		if a.ResponseFrame > 0 {
			respFrames = []int{a.ResponseFrame}
		}
		switch a.Method {
		case "PAP":
			s.addFinding(FindingCleartextPassword, SeveritySecurity, a.Frames, args)
		case "CHAP-MD5", "EAP-MD5":
			s.addFinding(FindingMD5Crackable, SeveritySecurity, a.Frames, args)
		case "MS-CHAPv1", "MS-CHAPv2", "EAP-MSCHAPv2":
			if len(a.NTResponse) > 0 {
				s.addFinding(FindingMSCHAPCrackable, SeveritySecurity, respFrames, args)
			}
		}
		if a.Method == "MS-CHAPv1" && !allZero(a.LMResponse) {
			s.addFinding(FindingLMResponse, SeveritySecurity, respFrames, args)
		}
	}
	if e := s.Encryption; e != nil && (e.Bits == 40 || e.Bits == 56) {
		s.addFinding(FindingMPPEWeak, SeveritySecurity, s.Phases[PhaseCCP].Frames, FindingArgs{Bits: e.Bits})
	}
	plain := s.Stats[0].Plain + s.Stats[1].Plain
	if s.Encryption == nil && plain > 0 && s.Stats[0].Encrypted+s.Stats[1].Encrypted == 0 {
		args := FindingArgs{Count: plain}
		if s.PPPLink {
			args.Case = CasePPPLink
		}
		s.addFinding(FindingNoEncryption, SeveritySecurity, nil, args)
	}
}

// allZero: empty or only zero octets (a client that sends no LM response
// fills the field with zeros).
func allZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}
