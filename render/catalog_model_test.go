package render

import (
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/mppe"
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
	for code, nargs := range decode.NoteCodes {
		need("note." + code)
		if v := formatVerbs(T("en", "note."+code)); HasText("note."+code) && len(v) != nargs {
			t.Errorf("note.%s formats %d arguments, decode gives %d", code, len(v), nargs)
		}
	}
	for _, n := range mppe.StepNotes {
		if !HasText("keys.note."+n) && !HasText("keys.refnote."+n) {
			t.Errorf("no catalogue entry for key-derivation note %s", n)
		}
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

// TestNoteText: decoding notes read as they did when decode wrote them
// (packets --format json keeps these English strings), and in Chinese.
func TestNoteText(t *testing.T) {
	for _, tc := range []struct {
		n      decode.Note
		en, zh string
	}{
		{decode.Note{Code: "pptp-length-mismatch", Args: []any{148, "Incoming-Call-Reply", 24}},
			"length 148 disagrees with Incoming-Call-Reply's 24 bytes", "长度 148 与 Incoming-Call-Reply 的固定长度 24 字节不符"},
		{decode.Note{Code: "pptp-bad-cookie", Args: []any{uint32(0x1a2b3c4e), uint32(0x1a2b3c4d)}},
			"magic cookie 0x1a2b3c4e is not 0x1a2b3c4d: not a PPTP control message", "magic cookie 0x1a2b3c4e 不是 0x1a2b3c4d：不是 PPTP 控制消息"},
		{decode.Note{Code: "option-length-range", Args: []any{"LCP", "MRU", 3, 4, 6}},
			"LCP option MRU has length 3 (expected 4 to 6)", "LCP 选项 MRU 的长度为 3（应为 4 到 6）"},
		{decode.Note{Code: "control-bytes-lost", Args: []any{7}},
			"7 bytes of the control stream lost before this message", "此消息之前丢失了控制连接数据流中的 7 字节"},
	} {
		if got := NoteText("en", tc.n); got != tc.en {
			t.Errorf("en %s: %q, want %q", tc.n.Code, got, tc.en)
		}
		if got := NoteText("zh", tc.n); got != tc.zh {
			t.Errorf("zh %s: %q, want %q", tc.n.Code, got, tc.zh)
		}
	}
}
