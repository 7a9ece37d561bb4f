package mppe

import (
	"encoding/binary"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopacket/gopacket/pcapgo"
)

// TestCaptureFiles decrypts every MPPE frame of whole captures from
// ../testdata/pcaps (copies of /work/shared/captures; counts of encrypted
// frames from its MANIFEST.md). The test has its own minimal Ethernet /
// IPv4 / GRE / PPP / CHAP parsing so that this package stays independent of
// the decoders. Every encrypted frame of the authenticated call must
// decrypt to IPv4 with a valid header checksum (or to IPv6).
func TestCaptureFiles(t *testing.T) {
	for _, tc := range []struct {
		file     string
		password string
		bits     KeyLength
		c2s, s2c int // encrypted frames per direction (MANIFEST.md, or tshark -Y ppp.protocol==0x00fd)
	}{
		{"pppd__mschapv2-mppe128.pcap", "syberos", Key128, 14, 14},
		{"pppd__mschapv2-mppe40.pcap", "syberos", Key40, 14, 14},
		// One start key for both directions (pppd variant = RFC for 128 bits).
		{"pppd__mschapv1-mppe128.pcap", "syberos", Key128, 15, 14},
		// 10% loss and reordering before the capture point.
		{"pppd__gre-loss.pcap", "syberos", Key128, 428, 452},
		{"pppd__echo-timeout.pcap", "syberos", Key128, 5, 5},
		// Windows RRAS; the capture also holds the tail of an earlier call
		// without its handshake, which is not counted.
		{"pptpcrack__test.pcap", "vpnuser123", Key128, 505, 184},
		{"PPTP_VPN_Sniffer__connect.pcapng", "123", Key128, 309, 0},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("..", "testdata", "pcaps", tc.file)
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			s := &pcapSession{t: t, password: tc.password, bits: tc.bits}
			s.readAll(f, strings.HasSuffix(tc.file, ".pcapng"))
			if s.dec[0] == nil {
				t.Fatal("no authenticated call found")
			}
			st0, st1 := s.dec[0].Stats(), s.dec[1].Stats()
			t.Logf("client->server %+v", st0)
			t.Logf("server->client %+v", st1)
			if s.ok[0] != tc.c2s || s.ok[1] != tc.s2c {
				t.Errorf("decrypted %d client->server and %d server->client, want %d and %d", s.ok[0], s.ok[1], tc.c2s, tc.s2c)
			}
			if s.bad > 0 {
				t.Errorf("%d frames failed", s.bad)
			}
		})
	}
}

type pcapSession struct {
	t        *testing.T
	password string
	bits     KeyLength

	server, client netip.Addr
	callTo         map[netip.Addr]uint16 // GRE call ID used by packets sent to this address
	authChal       []byte
	dec            [2]*Decryptor // by Direction
	ok             [2]int
	bad            int
}

func (s *pcapSession) readAll(r io.Reader, ng bool) {
	var next func() ([]byte, error)
	if ng {
		nr, err := pcapgo.NewNgReader(r, pcapgo.DefaultNgReaderOptions)
		if err != nil {
			s.t.Fatal(err)
		}
		next = func() ([]byte, error) { b, _, err := nr.ReadPacketData(); return b, err }
	} else {
		pr, err := pcapgo.NewReader(r)
		if err != nil {
			s.t.Fatal(err)
		}
		next = func() ([]byte, error) { b, _, err := pr.ReadPacketData(); return b, err }
	}
	s.callTo = map[netip.Addr]uint16{}
	for frame := 1; ; frame++ {
		b, err := next()
		if err == io.EOF {
			return
		}
		if err != nil {
			s.t.Fatalf("frame %d: %v", frame, err)
		}
		s.frame(frame, b)
	}
}

// frame handles one Ethernet frame: IPv4 (unfragmented) / GRE v1 / PPP.
func (s *pcapSession) frame(n int, b []byte) {
	if len(b) < 14+20 || binary.BigEndian.Uint16(b[12:]) != 0x0800 {
		return
	}
	ip := b[14:]
	hl := int(ip[0]&0x0F) * 4
	if ip[9] != 47 || binary.BigEndian.Uint16(ip[6:])&0x3FFF != 0 || len(ip) < hl+8 {
		return // not GRE, or a fragment
	}
	src, dst := netip.AddrFrom4([4]byte(ip[12:16])), netip.AddrFrom4([4]byte(ip[16:20]))
	gre := ip[hl:]
	if gre[1]&0x07 != 1 || binary.BigEndian.Uint16(gre[2:]) != 0x880B {
		return
	}
	plen, call := int(binary.BigEndian.Uint16(gre[4:])), binary.BigEndian.Uint16(gre[6:])
	off := 8
	if gre[0]&0x10 != 0 {
		off += 4
	}
	if gre[1]&0x80 != 0 {
		off += 4
	}
	if plen == 0 || len(gre) < off+plen {
		return
	}
	ppp := gre[off : off+plen]
	if len(ppp) >= 2 && ppp[0] == 0xFF && ppp[1] == 0x03 {
		ppp = ppp[2:]
	}
	proto, body, err := SplitProtocol(ppp)
	if err != nil {
		return
	}
	switch proto {
	case 0xC223:
		s.chap(n, src, dst, call, body)
	case 0x00FD:
		s.mppe(n, src, dst, call, body)
	}
}

// chap follows Challenge / Response of MS-CHAPv2 (16-octet challenge) or
// MS-CHAPv1 (8-octet challenge), verifies the password and makes the keys.
func (s *pcapSession) chap(n int, src, dst netip.Addr, call uint16, p []byte) {
	if len(p) < 5 {
		return
	}
	value := p[5:min(len(p), 5+int(p[4]))]
	switch p[0] {
	case 1: // Challenge from the server
		s.server, s.client, s.authChal = src, dst, append([]byte(nil), value...)
		s.callTo[dst] = call
	case 2: // Response from the client
		if src != s.client || len(value) != 49 {
			return
		}
		s.callTo[dst] = call
		name := string(p[5+49 : int(binary.BigEndian.Uint16(p[2:]))])
		var c2s, s2c Key
		switch len(s.authChal) {
		case 16:
			ex := ExchangeV2{UserName: name, AuthChallenge: s.authChal, PeerChallenge: value[:16], NTResponse: value[24:48]}
			v, err := ex.Verify(Credential{Password: s.password})
			if err != nil || v.Err() != nil {
				s.t.Fatalf("frame %d: MS-CHAPv2 verify: %v %v", n, err, v.Err())
			}
			if c2s, s2c, err = StartKeysV2(v.PasswordHashHash, [24]byte(value[24:48]), s.bits); err != nil {
				s.t.Fatal(err)
			}
		case 8:
			ex := ExchangeV1{Challenge: s.authChal, NTResponse: value[24:48]}
			v, err := ex.Verify(Credential{Password: s.password})
			if err != nil || v.Err() != nil {
				s.t.Fatalf("frame %d: MS-CHAPv1 verify: %v %v", n, err, v.Err())
			}
			if c2s, err = StartKeyV1(V1KeyPppd, s.bits, v.PasswordHashHash, [8]byte(s.authChal), nil); err != nil {
				s.t.Fatal(err)
			}
			s2c = c2s
		default:
			return
		}
		var err error
		if s.dec[ClientToServer], err = NewDecryptor(c2s.Bytes(), s.bits, Stateless); err != nil {
			s.t.Fatal(err)
		}
		if s.dec[ServerToClient], err = NewDecryptor(s2c.Bytes(), s.bits, Stateless); err != nil {
			s.t.Fatal(err)
		}
	}
}

func (s *pcapSession) mppe(n int, src, dst netip.Addr, call uint16, p []byte) {
	dir := ClientToServer
	if src == s.server {
		dir = ServerToClient
	}
	if s.dec[dir] == nil || s.callTo[dst] != call || (src != s.server && src != s.client) {
		return // another call, or before the authentication
	}
	h, err := ParseHeader(p)
	if err != nil {
		s.t.Errorf("frame %d: %v", n, err)
		s.bad++
		return
	}
	pt, err := s.dec[dir].Decrypt(uint16(h), p[2:], nil)
	if err != nil {
		s.t.Errorf("frame %d %v %v: %v", n, dir, h, err)
		s.bad++
		return
	}
	proto, pkt, err := SplitProtocol(pt)
	switch {
	case err == nil && proto == 0x0021 && ipv4OK(pkt):
	case err == nil && proto == 0x0057 && len(pkt) >= 40 && pkt[0]>>4 == 6:
	default:
		s.t.Errorf("frame %d %v %v: plaintext %.40X is neither IPv4 nor IPv6", n, dir, h, pt)
		s.bad++
		return
	}
	s.ok[dir]++
}
