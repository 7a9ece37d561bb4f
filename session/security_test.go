package session

import (
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
		{"pppd__pap-noenc.pcap", []string{FindingCleartextPassword, FindingNoEncryption}, "ok"},
		{"packetlife__PPTP_negotiation.cap", []string{FindingCleartextPassword, FindingNoEncryption}, "ok"},
		{"pppd__chap-md5-noenc.pcap", []string{FindingMD5Crackable, FindingNoEncryption}, "ok"},
		{"pppd__eap-md5.pcap", []string{FindingMD5Crackable, FindingNoEncryption}, "ok"},
		{"pppd__mschapv1-mppe128.pcap", []string{FindingMSCHAPCrackable}, "ok"},
		{"pppd__mschapv2-mppe128.pcap", []string{FindingMSCHAPCrackable}, "ok"},
		{"pppd__mschapv2-mppe40.pcap", []string{FindingMPPEWeak, FindingMSCHAPCrackable}, "ok"},
		{"pppd__mschapv2-wrong-password.pcap", []string{FindingMSCHAPCrackable}, "failed"},
		{"pppd__gre-blocked.pcap", nil, "failed"},
		{"chapcrack__pptp.cap", []string{FindingMSCHAPCrackable}, "ok"},
	} {
		t.Run(tc.pcap, func(t *testing.T) {
			a := analyzeFile(t, pcap(tc.pcap))
			if len(a.Sessions) == 0 {
				t.Fatal("no session")
			}
			s := a.Sessions[len(a.Sessions)-1]
			var got []string
			for _, f := range s.Findings {
				if f.Severity == SeveritySecurity {
					got = append(got, f.Code)
					if len(f.Frames) == 0 && f.Code != FindingNoEncryption {
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
	if s.HasFinding(FindingLMResponse) {
		t.Fatal("lm-response for an all-zero LM-Response field")
	}
	if len(s.Auth.LMResponse) != 24 {
		t.Fatalf("LM-Response field of %d octets, want 24", len(s.Auth.LMResponse))
	}
	s.Auth.LMResponse[5] = 0x5a
	s.Findings = nil
	s.diagnoseSecurity()
	if !s.HasFinding(FindingLMResponse) {
		t.Errorf("no lm-response: %+v", s.Findings)
	}
}
