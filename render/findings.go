package render

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/pptpscope/pptpscope/session"
)

// FindingText writes a finding's explanation in lang from the catalogue
// (catalog_findings.go): the model hands over the code and typed
// arguments, render chooses the words.
func FindingText(lang string, f session.Finding) string {
	a := &f.Args
	side := func(p session.Peer) string { return peerWord(lang, p) }
	key := "finding." + f.Code
	switch f.Code {
	case session.FindingControlRejected, session.FindingCallRejected:
		return T(lang, key, a.ResultCode, a.ResultName, a.ErrorCode, a.ErrorName)
	case session.FindingGREMissing:
		switch a.Case {
		case session.CaseOneDirection:
			return T(lang, key+".one-direction", side(a.Side), side(a.Side.Other()), direction(lang, a.Side, a.From, a.To))
		case session.CaseUnanswered:
			note := ""
			if a.OtherRepeats {
				note = T(lang, key+".unanswered.other-repeats", side(a.Side.Other()), side(a.Side))
			}
			return T(lang, key+".unanswered", side(a.Side), side(a.Side.Other()), a.Requests, note, direction(lang, a.Side, a.From, a.To))
		}
		return T(lang, key+".no-gre")
	case session.FindingMPPCDesync:
		return TN(lang, key, a.Count, direction(lang, a.Side, a.From, a.To), joinInts(f.Frames), a.Count)
	case session.FindingLCPNoAgreement:
		then := ""
		if a.Terminated {
			then = T(lang, key+".then-terminated")
		}
		return T(lang, key, side(a.Side), a.Naks, a.Rejects, then)
	case session.FindingAuthFailed:
		switch a.Case {
		case session.CaseAuthRejected:
			return T(lang, key+".auth-rejected", side(a.Side), side(a.Side.Other()), termReasons(lang, a.TermReasons))
		case session.CaseTerminated:
			return T(lang, key+".terminated", a.User, a.Method, termReasons(lang, a.TermReasons))
		}
		msg := T(lang, key+".failure", a.User, a.Method)
		if a.FailureCode != 0 {
			msg += T(lang, key+".failure.code", a.FailureCode, a.FailureName, mschapAdvice(lang, a.FailureCode))
		}
		if a.ServerMessage != "" {
			msg += T(lang, key+".failure.server-says", a.ServerMessage)
		}
		if a.FailureCode == 0 {
			msg += T(lang, key+".failure.check")
		}
		return msg
	case session.FindingMPPEMismatch:
		var why string
		if a.Case == session.CaseProtoRejected {
			why = T(lang, key+"."+a.Case, side(a.Side))
		} else {
			why = T(lang, key+"."+a.Case)
		}
		return T(lang, key, why, termReasons(lang, a.TermReasons))
	case session.FindingEchoUnanswered:
		return TN(lang, key+"."+a.Case, a.Count, a.Count, side(a.Side))
	case session.FindingAbnormalTeardown:
		var why []string
		if a.CDNResult != 0 {
			why = append(why, T(lang, key+".cdn", a.CDNResult, a.CDNName))
		}
		if a.WANError {
			why = append(why, T(lang, key+".wan-error"))
		}
		if a.Reset {
			why = append(why, T(lang, key+".reset"))
		}
		return T(lang, key, strings.Join(why, T(lang, "list.sep")))
	case session.FindingGRELoss:
		sent := a.Received + a.Lost
		return T(lang, key, direction(lang, a.Side, a.From, a.To), a.Lost, sent, a.LostPct, a.Reordered,
			sent, a.Received, a.Lost, a.Packets, a.Packets-a.Received)
	case session.FindingMidSession:
		return T(lang, key, InferenceText(lang, a.InferredBy))
	case session.FindingProtocolRejected:
		return T(lang, key, side(a.Side), a.Protocol)
	case session.FindingCleartextPassword, session.FindingLMResponse:
		return T(lang, key, a.User)
	case session.FindingMD5Crackable, session.FindingMSCHAPCrackable:
		return T(lang, key, a.Method, a.User)
	case session.FindingMPPEWeak:
		return T(lang, key, a.Bits)
	case session.FindingNoEncryption:
		if a.Case != "" {
			key += "." + a.Case
		}
		return TN(lang, key, a.Count, a.Count)
	}
	return T(lang, key)
}

// peerWord is "client" or "server" in lang.
func peerWord(lang string, p session.Peer) string {
	switch p {
	case session.PeerClient:
		return T(lang, "common.client")
	case session.PeerServer:
		return T(lang, "common.server")
	}
	return "?"
}

// direction names a direction with its addresses: "client A → server B".
func direction(lang string, from session.Peer, a, b netip.Addr) string {
	return T(lang, "finding.direction", peerWord(lang, from), addrOr(a), peerWord(lang, from.Other()), addrOr(b))
}

// termReasons is the parenthesised list of the sides' Terminate-Request
// texts, or "".
func termReasons(lang string, rs []session.TermReason) string {
	if len(rs) == 0 {
		return ""
	}
	var parts []string
	for _, r := range rs {
		parts = append(parts, T(lang, "finding.term-reason", peerWord(lang, r.Side), r.Text))
	}
	return T(lang, "finding.term-reasons", strings.Join(parts, T(lang, "finding.term-reason.sep")))
}

// mschapAdvice explains an MS-CHAP failure code (E=).
func mschapAdvice(lang string, code int) string {
	k := fmt.Sprintf("mschap.advice.%d", code)
	if HasText(k) {
		return T(lang, k)
	}
	return T(lang, "mschap.advice.other")
}

// mschapAdviceCodes are the codes with their own advice.
var mschapAdviceCodes = []int{646, 647, 648, 649, 691, 709}

// InferenceText explains how the client of a session was told
// (session.Infer* codes).
func InferenceText(lang, code string) string {
	if code == "" {
		return ""
	}
	return T(lang, "inferred."+code)
}

// PhaseTitle is a phase's heading in lang (the article's section numbers).
func PhaseTitle(lang, phase string) string { return T(lang, "phase."+phase) }

// PhaseNote explains a phase's status (session.Note* codes).
func PhaseNote(lang, code string) string {
	if code == "" {
		return ""
	}
	return T(lang, "phase-note."+code)
}

// StatusWord is a phase status in lang.
func StatusWord(lang, status string) string { return T(lang, "status."+status) }

// SeverityWord is a finding severity in lang.
func SeverityWord(lang, sev string) string { return T(lang, "severity."+sev) }

// VerdictWord is a session verdict in lang (upper case in English).
func VerdictWord(lang, verdict string) string { return T(lang, "verdict."+verdict) }
