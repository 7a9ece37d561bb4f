package render

import (
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/session"
)

// TestModelCodesTranslated: every finding code and case, phase, phase note,
// status, severity, verdict and client inference that the model can produce
// (session's exported lists) has catalogue text in every language, and the
// text renders without a missing key or a bad format verb.
func TestModelCodesTranslated(t *testing.T) {
	has := func(key string) bool {
		return HasText(key) || HasText(key+".one") && HasText(key+".other") || HasText(key+".other")
	}
	need := func(key string) {
		t.Helper()
		if !has(key) {
			t.Errorf("no catalogue entry %s", key)
		}
	}
	for code, cases := range session.FindingCodes {
		for _, c := range cases {
			if c == "" {
				need("finding." + code)
			} else {
				need("finding." + code + "." + c)
			}
		}
	}
	for _, p := range session.PhaseOrder {
		need("phase." + p)
	}
	for _, n := range session.PhaseNotes {
		need("phase-note." + n)
	}
	for _, s := range session.Statuses {
		need("status." + s)
	}
	for _, s := range session.Severities {
		need("severity." + s)
	}
	for _, v := range session.Verdicts {
		need("verdict." + v)
	}
	for _, i := range session.Inferences {
		need("inferred." + i)
	}
	for _, c := range mschapAdviceCodes {
		need("mschap.advice." + strconv.Itoa(c))
	}

	a, b := netip.MustParseAddr("10.0.0.2"), netip.MustParseAddr("10.0.0.1")
	args := session.FindingArgs{Side: session.PeerClient, From: a, To: b, ResultCode: 2, ResultName: "General error",
		ErrorCode: 1, ErrorName: "Not-Connected", Requests: 6, Naks: 5, Rejects: 1, Count: 3, Lost: 4, Reordered: 2,
		Received: 40, Packets: 45, LostPct: 9.1, OtherRepeats: true, Terminated: true, User: "student", Method: "MS-CHAPv2",
		FailureCode: 691, FailureName: "ERROR_AUTHENTICATION_FAILURE", ServerMessage: "E=691",
		Protocol: "IPV6CP", TermReasons: []session.TermReason{{Side: session.PeerServer, Text: "bye"}},
		CDNResult: 3, CDNName: "Admin-Shutdown", WANError: true, Reset: true, InferredBy: session.InferFirstGRE, Bits: 40}
	for code, cases := range session.FindingCodes {
		for _, c := range cases {
			f := session.Finding{Code: code, Severity: session.SeverityError, Args: args}
			f.Args.Case = c
			for _, lang := range Languages {
				text := FindingText(lang, f)
				if strings.Contains(text, "!(") || strings.Contains(text, "%!") || strings.TrimSpace(text) == "" {
					t.Errorf("%s %s/%s: %q", lang, code, c, text)
				}
				if lang == "zh" && !hasWide(text) {
					t.Errorf("zh %s/%s has no Chinese: %q", code, c, text)
				}
			}
		}
	}
}
