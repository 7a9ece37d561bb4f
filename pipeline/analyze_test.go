package pipeline

import (
	"github.com/pptpscope/pptpscope/session"
	"net/netip"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
)

func analyzeFile(t *testing.T, path string) *session.Analysis {
	t.Helper()
	src, err := capture.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	a, err := Analyze(src, nil)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return a
}

func pcap(name string) string { return "../testdata/pcaps/" + name }

// want is what a capture holds, read off the ground truth: the pppd logs in
// testdata/pppd-logs (for the pppd__ captures), the MANIFEST of the captures,
// and tshark's dissection (for the others); never off pptpscope's output.
type want struct {
	client, server     string
	user, auth, result string
	bits               int    // MPPE key length, 0 = none
	clientIP, serverIP string // IPCP
	dns                string
	errors             []string // codes of the error findings, sorted
	others             []string // codes of warning/info findings that must be present
	failedPhase        string   // a phase that must be failed
	inferred           bool
	sessions           int
}

var groundTruth = map[string]want{
	// pppd-logs/mschapv2-mppe128: "CHAP authentication succeeded", "MPPE
	// 128-bit stateless compression enabled", "local IP address
	// 172.16.77.10", "remote IP address 172.16.77.1" (client's log).
	"pppd__mschapv2-mppe128.pcap": {client: "10.0.0.2", server: "10.0.0.1", user: "student", auth: "MS-CHAPv2", result: "success",
		bits: 128, clientIP: "172.16.77.10", serverIP: "172.16.77.1"},
	// "MPPE 40-bit stateless compression enabled".
	"pppd__mschapv2-mppe40.pcap": {client: "10.0.0.2", server: "10.0.0.1", user: "student", auth: "MS-CHAPv2", result: "success",
		bits: 40, clientIP: "172.16.77.10", serverIP: "172.16.77.1"},
	"pppd__mschapv1-mppe128.pcap": {client: "10.0.0.2", server: "10.0.0.1", user: "student", auth: "MS-CHAPv1", result: "success",
		bits: 128, clientIP: "172.16.77.10", serverIP: "172.16.77.1"},
	"pppd__chap-md5-noenc.pcap": {client: "10.0.0.2", server: "10.0.0.1", user: "student", auth: "CHAP-MD5", result: "success",
		clientIP: "172.16.77.10", serverIP: "172.16.77.1"},
	// "PAP peer authentication succeeded for student".
	"pppd__pap-noenc.pcap": {client: "10.0.0.2", server: "10.0.0.1", user: "student", auth: "PAP", result: "success",
		clientIP: "172.16.77.10", serverIP: "172.16.77.1"},
	"pppd__eap-md5.pcap": {client: "10.0.0.2", server: "10.0.0.1", user: "student", auth: "EAP-MD5", result: "success",
		clientIP: "172.16.77.10", serverIP: "172.16.77.1"},
	// "MS-CHAP authentication failed: Access denied" (E=691, MANIFEST).
	"pppd__mschapv2-wrong-password.pcap": {client: "10.0.0.2", server: "10.0.0.1", user: "student", auth: "MS-CHAPv2", result: "failure",
		errors: []string{session.FindingAuthFailed}, others: []string{session.FindingAbnormalTeardown}, failedPhase: session.PhaseAuthentication},
	// "LCP: timeout sending Config-Requests".
	"pppd__gre-blocked.pcap": {client: "10.0.0.2", server: "10.0.0.1", result: "none",
		errors: []string{session.FindingGREMissing}, failedPhase: session.PhaseLCP},
	// "MPPE required but peer refused".
	"pppd__mppe-mismatch.pcap": {client: "10.0.0.2", server: "10.0.0.1", user: "student", auth: "MS-CHAPv2", result: "success",
		errors: []string{session.FindingMPPEMismatch}, failedPhase: session.PhaseCCP},
	// "peer refused to authenticate: terminating link".
	"pppd__auth-mismatch.pcap": {client: "10.0.0.2", server: "10.0.0.1", result: "none",
		errors: []string{session.FindingAuthFailed}},
	// "No response to 3 echo-requests".
	"pppd__echo-timeout.pcap": {client: "10.0.0.2", server: "10.0.0.1", user: "student", auth: "MS-CHAPv2", result: "success",
		bits: 128, clientIP: "172.16.77.10", serverIP: "172.16.77.1", errors: []string{session.FindingEchoUnanswered}},
	// MANIFEST: GRE sequence gaps and about 32 reordered packets each way.
	"pppd__gre-loss.pcap": {client: "10.0.0.2", server: "10.0.0.1", user: "student", auth: "MS-CHAPv2", result: "success",
		bits: 128, clientIP: "172.16.77.10", serverIP: "172.16.77.1", others: []string{session.FindingGRELoss}},
	"pppd__mtu-fragments.pcap": {client: "10.0.0.2", server: "10.0.0.1", user: "student", auth: "MS-CHAPv2", result: "success",
		bits: 128, clientIP: "172.16.77.10", serverIP: "172.16.77.1"},
	// MANIFEST: control connection and call, no GRE at all.
	"nDPI__pptp.pcap": {client: "192.168.43.22", server: "191.101.61.1", result: "none", errors: []string{session.FindingGREMissing}},
	// tshark: IPCP Configure-Ack frames 305 (192.168.43.108) and 311
	// (192.168.43.111, DNS 192.168.43.110); CCP Configure-Ack 0x01000040.
	"pptpcrack__test.pcap": {client: "192.168.43.39", server: "192.168.43.104", user: "vpnuser", auth: "MS-CHAPv2", result: "success",
		bits: 128, clientIP: "192.168.43.111", serverIP: "192.168.43.108", dns: "192.168.43.110",
		others: []string{session.FindingProtocolRejected}, sessions: 2},
	// tshark: IPCP Configure-Ack frames 38 (10.0.0.1) and 48 (10.0.0.100,
	// DNS 223.5.5.5); IPV6CP Protocol-Rejected.
	"PPTP_VPN_Sniffer__connect.pcapng": {client: "192.168.142.1", server: "192.168.142.128", user: "jm", auth: "MS-CHAPv2", result: "success",
		bits: 128, clientIP: "10.0.0.100", serverIP: "10.0.0.1", dns: "223.5.5.5", others: []string{session.FindingProtocolRejected}},
	// tshark: PAP peer-id ixia, IPCP Configure-Acks 17.1.1.118 / 17.1.1.122.
	"packetlife__PPTP_negotiation.cap": {client: "20.0.0.2", server: "20.0.0.1", user: "ixia", auth: "PAP", result: "success",
		clientIP: "17.1.1.122", serverIP: "17.1.1.118"},
	// Only the three MS-CHAPv2 packets: the client is inferred from them.
	"chapcrack__pptp.cap": {client: "192.168.43.114", server: "198.252.153.26", user: "moxie", auth: "MS-CHAPv2", result: "success",
		inferred: true, others: []string{session.FindingMidSession}},
}

// TestAnalyzeGroundTruth: the sessions, negotiated values and findings of
// every PPTP capture agree with what pppd logged, the MANIFEST says and
// tshark shows.
func TestAnalyzeGroundTruth(t *testing.T) {
	for file, w := range groundTruth {
		t.Run(file, func(t *testing.T) {
			a := analyzeFile(t, pcap(file))
			n := w.sessions
			if n == 0 {
				n = 1
			}
			if len(a.Sessions) != n {
				t.Fatalf("%d sessions, want %d", len(a.Sessions), n)
			}
			s := a.Sessions[len(a.Sessions)-1] // the full session comes last
			check := func(what, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("client", s.Client.Addr.String(), w.client)
			check("server", s.Server.Addr.String(), w.server)
			if s.ClientInferred != w.inferred {
				t.Errorf("client inferred = %v (%s)", s.ClientInferred, s.InferredBy)
			}
			user, method, result := "", "", "none"
			if s.Auth != nil {
				user, method, result = s.Auth.User, s.Auth.Method, s.Auth.Result
			}
			check("user", user, w.user)
			check("auth", method, w.auth)
			check("auth result", result, w.result)
			bits := 0
			if s.Encryption != nil {
				bits = s.Encryption.Bits
				if !s.Encryption.Stateless || s.Encryption.MPPC {
					t.Errorf("encryption %+v, want stateless without MPPC", *s.Encryption)
				}
			}
			if bits != w.bits {
				t.Errorf("MPPE bits %d, want %d", bits, w.bits)
			}
			ip := func(a netip.Addr) string {
				if !a.IsValid() {
					return ""
				}
				return a.String()
			}
			check("client tunnel address", ip(s.Client.TunnelAddr), w.clientIP)
			check("server tunnel address", ip(s.Server.TunnelAddr), w.serverIP)
			if w.dns != "" && (len(s.Client.DNS) == 0 || s.Client.DNS[0].String() != w.dns) {
				t.Errorf("DNS %v, want %s", s.Client.DNS, w.dns)
			}
			var errs []string
			all := map[string]bool{}
			for _, f := range s.Findings {
				all[f.Code] = true
				if f.Severity == session.SeverityError {
					errs = append(errs, f.Code)
				}
				if cases, ok := session.FindingCodes[f.Code]; !ok || !slices.Contains(cases, f.Args.Case) {
					t.Errorf("finding %s has a code or case (%q) not in session.FindingCodes", f.Code, f.Args.Case)
				}
			}
			sort.Strings(errs)
			if strings.Join(errs, ",") != strings.Join(w.errors, ",") {
				t.Errorf("error findings %v, want %v (all: %+v)", errs, w.errors, s.Findings)
			}
			for _, c := range w.others {
				if !all[c] {
					t.Errorf("finding %s missing (have %+v)", c, s.Findings)
				}
			}
			if w.failedPhase != "" && s.Phases[w.failedPhase].Status != session.StatusFailed {
				t.Errorf("phase %s is %s, want failed", w.failedPhase, s.Phases[w.failedPhase].Status)
			}
			if len(w.errors) == 0 && s.Verdict() == "failed" {
				t.Errorf("verdict failed without an error finding")
			}
		})
	}
}

// TestPhasesInOrder: on the complete sessions the phases the article
// describes start in its order (2.1 .. 2.4), and every phase has a status.
func TestPhasesInOrder(t *testing.T) {
	for _, file := range []string{"pppd__mschapv2-mppe128.pcap", "pppd__pap-noenc.pcap", "PPTP_VPN_Sniffer__connect.pcapng"} {
		s := analyzeFile(t, pcap(file)).Sessions[0]
		prev := s.Phases[session.PhaseTCPConnect].Start
		for _, name := range []string{session.PhaseControlConnection, session.PhaseCallSetup, session.PhaseLCP, session.PhaseAuthentication} {
			p := s.Phases[name]
			if p.Status != session.StatusOK {
				t.Errorf("%s: %s is %s", file, name, p.Status)
			}
			if p.Start.Before(prev) {
				t.Errorf("%s: %s starts before the previous phase", file, name)
			}
			prev = p.Start
		}
		for _, name := range session.PhaseOrder {
			if s.Phases[name].Status == "" {
				t.Errorf("%s: phase %s has no status", file, name)
			}
		}
	}
}

// TestNotPPTP: a capture without PPTP gives no session; a PPP link capture
// (PPP on the link layer, no IP around it) gives one PPP link session and
// counts its frames.
func TestNotPPTP(t *testing.T) {
	if a := analyzeFile(t, pcap("packetlife__GRE.cap")); len(a.Sessions) != 0 {
		t.Errorf("packetlife__GRE.cap: %d sessions", len(a.Sessions))
	}
	for _, file := range []string{"packetlife__PPP.cap", "packetlife__PPP_EAP.cap", "packetlife__PPP_negotiation.cap", "nDPI__dlt_ppp.pcap"} {
		a := analyzeFile(t, pcap(file))
		if len(a.Sessions) != 1 || !a.Sessions[0].PPPLink {
			t.Errorf("%s: %d sessions, want one PPP link session", file, len(a.Sessions))
		}
		if a.PPPLinkFrames == 0 {
			t.Errorf("%s: PPP link frames not counted", file)
		}
	}
}

// TestMessageFields: the fields of a kept message are decoded again from
// its bytes, with the CHAP algorithm LCP negotiated.
func TestMessageFields(t *testing.T) {
	s := analyzeFile(t, pcap("pppd__mschapv2-mppe128.pcap")).Sessions[0]
	found := map[string]bool{}
	for i := range s.Messages {
		m := &s.Messages[i]
		f := m.DecodedFields()
		if m.Proto == "TCP" {
			if f != nil {
				t.Errorf("frame %d: TCP message has fields", m.Frame)
			}
			continue
		}
		if len(f) == 0 {
			t.Errorf("frame %d %s %s: no fields", m.Frame, m.Proto, m.Msg)
			continue
		}
		for _, x := range f {
			if x.End > len(m.Bytes) || x.Start > x.End {
				t.Errorf("frame %d: field %s range %d-%d outside %d bytes", m.Frame, x.Name, x.Start, x.End, len(m.Bytes))
			}
		}
		if m.Proto == "CHAP" && m.Msg == "Response" {
			if _, ok := f.Get("nt_response"); ok {
				found["nt_response"] = true
			}
		}
		if m.Proto == "LCP" && m.Msg == "Configure-Request" {
			if _, ok := f.Get("options"); ok {
				found["options"] = true
			}
		}
	}
	if !found["nt_response"] || !found["options"] {
		t.Errorf("MS-CHAPv2 NT-Response or LCP options missing: %v", found)
	}
}
