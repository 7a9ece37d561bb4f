package pipeline

import (
	"regexp"
	"testing"
)

// TestPPPLinkSides: the frames of a PPP link capture carry no address and no
// direction; the PPP link session tells its ends apart by what each frame
// says of its sender. Checked against what the frames themselves show
// (tshark shows the same fields): every LCP Configure-Request, Echo-Request,
// Echo-Reply and Discard-Request carries its sender's magic number and a
// Configure-Ack echoes the other end's; a CHAP Challenge or Response carries
// its sender's name; an IPCP Configure-Request asks for its sender's address
// and the Configure-Ack echoes it back. The authenticator is the server (in
// mutual authentication, the end that challenged first), the client is the
// user of the authentication.
func TestPPPLinkSides(t *testing.T) {
	magic := regexp.MustCompile(`(?i)magic=(0x[0-9a-f]+)`)
	name := regexp.MustCompile(`name=(\S+)`)
	ip := regexp.MustCompile(`IP=(\S+)`)
	for _, c := range []struct {
		file, user, auth, client, server string
		inferred                         bool
	}{
		// Frame 6: R1 challenges first (the server); R0 answers in frame 8.
		{"packetlife__PPP_negotiation.cap", "R0", "CHAP-MD5", "10.0.0.1", "10.0.0.2", false},
		// Frame 5: the first EAP Request; frame 7 answers it with identity R2.
		{"packetlife__PPP_EAP.cap", "R2", "EAP-MD5", "10.0.0.1", "10.0.0.2", false},
		// Echoes only: the client is the sender of frame 1 (magic 0x0182effd);
		// the addresses are those of the first ICMP packet (frame 23,
		// 10.0.0.1 → 10.0.0.2), whose end is a guess: no IPCP in the capture.
		{"packetlife__PPP.cap", "", "", "", "", true},
	} {
		t.Run(c.file, func(t *testing.T) {
			a := analyzeFile(t, pcap(c.file))
			if len(a.Sessions) != 1 || !a.Sessions[0].PPPLink {
				t.Fatalf("%d sessions, want one PPP link session", len(a.Sessions))
			}
			s := a.Sessions[0]
			if s.ClientInferred != c.inferred {
				t.Errorf("client inferred %v (%s)", s.ClientInferred, s.InferredBy)
			}
			if c.user != "" {
				if s.Auth == nil || s.Auth.User != c.user || s.Auth.Method != c.auth || s.Auth.Result != "success" {
					t.Errorf("auth %+v, want %s %s success", s.Auth, c.user, c.auth)
				}
				if s.Client.Addr.String() != c.client || s.Server.Addr.String() != c.server {
					t.Errorf("client %s server %s, want %s %s", s.Client.Addr, s.Server.Addr, c.client, c.server)
				}
			}
			for _, p := range []string{"lcp", "authentication", "ncp"} {
				if c.user != "" && s.Phases[p].Status != "ok" {
					t.Errorf("phase %s: %s", p, s.Phases[p].Status)
				}
			}
			owner := map[string]bool{} // token -> sent by the client
			claim := func(token string, fromClient bool, frame int) {
				if prev, ok := owner[token]; ok && prev != fromClient {
					t.Errorf("frame %d: %s sent by the client %v, before by the client %v", frame, token, fromClient, prev)
				}
				owner[token] = fromClient
			}
			checked := 0
			for _, m := range s.Messages {
				switch {
				case m.Proto == "LCP" && magic.MatchString(m.Summary):
					v := magic.FindStringSubmatch(m.Summary)[1]
					switch m.Msg {
					case "Configure-Request", "Echo-Request", "Echo-Reply", "Discard-Request":
						claim("magic "+v, m.FromClient, m.Frame)
					case "Configure-Ack":
						claim("magic "+v, !m.FromClient, m.Frame)
					}
					checked++
				case m.Proto == "CHAP" && name.MatchString(m.Summary):
					claim("name "+name.FindStringSubmatch(m.Summary)[1], m.FromClient, m.Frame)
					checked++
				case m.Proto == "IPCP" && ip.MatchString(m.Summary):
					v := ip.FindStringSubmatch(m.Summary)[1]
					switch m.Msg {
					case "Configure-Request":
						claim("ip "+v, m.FromClient, m.Frame)
					case "Configure-Ack":
						claim("ip "+v, !m.FromClient, m.Frame)
					}
					checked++
				}
			}
			if checked < 10 {
				t.Errorf("only %d messages checked", checked)
			}
			if c.file == "packetlife__PPP.cap" {
				if !owner["magic 0x0182effd"] || owner["magic 0x0082e9d0"] {
					t.Errorf("magic owners %v: frame 1 (0x0182effd) is the client's", owner)
				}
				if pair := s.Client.Addr.String() + " " + s.Server.Addr.String(); pair != "10.0.0.1 10.0.0.2" && pair != "10.0.0.2 10.0.0.1" {
					t.Errorf("client and server %s, want 10.0.0.1 and 10.0.0.2", pair)
				}
			}
		})
	}
}
