package pipeline

import (
	"bytes"
	"github.com/pptpscope/pptpscope/session"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestSecurityFindings: the auditor's findings of each real capture, from
// what the capture's MANIFEST and pppd logs say was negotiated (PAP, CHAP-MD5,
// EAP-MD5, MS-CHAPv1/v2; MPPE 40 or 128 bits or none), never from
// pptpscope's output. A weak session keeps its verdict.
func TestSecurityFindings(t *testing.T) {
	for _, tc := range []struct {
		pcap    string
		want    []string // security codes of the last session, sorted
		verdict string
	}{
		{"pppd__pap-noenc.pcap", []string{session.FindingCleartextPassword, session.FindingNoEncryption}, "ok"},
		{"packetlife__PPTP_negotiation.cap", []string{session.FindingCleartextPassword, session.FindingNoEncryption}, "ok"},
		{"pppd__chap-md5-noenc.pcap", []string{session.FindingMD5Crackable, session.FindingNoEncryption}, "ok"},
		{"pppd__eap-md5.pcap", []string{session.FindingMD5Crackable, session.FindingNoEncryption}, "ok"},
		{"pppd__mschapv1-mppe128.pcap", []string{session.FindingMSCHAPCrackable}, "ok"},
		{"pppd__mschapv2-mppe128.pcap", []string{session.FindingMSCHAPCrackable}, "ok"},
		{"pppd__mschapv2-mppe40.pcap", []string{session.FindingMPPEWeak, session.FindingMSCHAPCrackable}, "ok"},
		{"pppd__mschapv2-wrong-password.pcap", []string{session.FindingMSCHAPCrackable}, "failed"},
		{"pppd__gre-blocked.pcap", nil, "failed"},
		{"chapcrack__pptp.cap", []string{session.FindingMSCHAPCrackable}, "ok"},
	} {
		t.Run(tc.pcap, func(t *testing.T) {
			a := analyzeFile(t, pcap(tc.pcap))
			if len(a.Sessions) == 0 {
				t.Fatal("no session")
			}
			s := a.Sessions[len(a.Sessions)-1]
			var got []string
			for _, f := range s.Findings {
				if f.Severity == session.SeveritySecurity {
					got = append(got, f.Code)
					if len(f.Frames) == 0 && f.Code != session.FindingNoEncryption {
						t.Errorf("%s without frames", f.Code)
					}
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("security findings %v, want %v", got, tc.want)
			}
			if v := s.Verdict(); v != tc.verdict {
				t.Errorf("verdict %s, want %s", v, tc.verdict)
			}
		})
	}
}

// TestLMResponseFinding: an MS-CHAPv1 Response whose LM-Response field is not
// all zeros (no bundled capture has one: pppd sends zeros) gives lm-response;
// the pppd capture's zeros do not.
func TestLMResponseFinding(t *testing.T) {
	a := analyzeFile(t, pcap("pppd__mschapv1-mppe128.pcap"))
	s := a.Sessions[0]
	if s.HasFinding(session.FindingLMResponse) {
		t.Fatal("lm-response for an all-zero LM-Response field")
	}
	if len(s.Auth.LMResponse) != 24 {
		t.Fatalf("LM-Response field of %d octets, want 24", len(s.Auth.LMResponse))
	}
	// The same capture with one octet of the LM-Response field set.
	data, err := os.ReadFile(pcap("pppd__mschapv1-mppe128.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	field := append(make([]byte, 24), s.Auth.NTResponse...)
	i := bytes.Index(data, field)
	if i < 0 || bytes.Contains(data[i+1:], field) {
		t.Fatal("the LM-Response field is not once in the capture")
	}
	data[i+5] = 0x5a
	path := filepath.Join(t.TempDir(), "lm.pcap")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s = analyzeFile(t, path).Sessions[0]
	if !s.HasFinding(session.FindingLMResponse) {
		t.Errorf("no lm-response: %+v", s.Findings)
	}
}
