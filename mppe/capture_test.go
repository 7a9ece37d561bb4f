package mppe

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

// Values taken from real captures with
//
//	tshark -r F -T fields -e frame.number -e chap.code -e chap.value -e chap.name -e chap.message
//
// and, for MPPE frames, the GRE payload bytes from `tshark -r F -x` (the last
// gre.key.payload_length octets of the frame).
type captureExchange struct {
	name     string
	file     string // under /work/shared/captures (copied to testdata/pcaps)
	password string
	ex       ExchangeV2
}

var captureExchanges = []captureExchange{
	{
		name: "chapcrack", file: "chapcrack__pptp.cap", password: "bPCFyF2uL1p5Lg5yrKmqmY",
		ex: ExchangeV2{
			UserName: "moxie",
			// frame 1, CHAP Challenge id 176 from pptpd: value
			AuthChallenge: hx("258d4fc024f111512d0b61f9c375aee1"),
			// frame 2, CHAP Response id 176 (name "moxie"), 49-octet value:
			// abfe01e6c759850155b4d8d6258cdb67 0000000000000000
			// 1c93abce815400686baeca315f348469256420598a73ad49 00
			PeerChallenge: hx("abfe01e6c759850155b4d8d6258cdb67"),
			NTResponse:    hx("1c93abce815400686baeca315f348469256420598a73ad49"),
			// frame 3, CHAP Success message
			Authenticator: "S=54644F81E5F18C0EE9E26776495D6BC7ADDFB767 M=Access granted",
		},
	},
	{
		name: "pppd mschapv2-mppe128", file: "pppd__mschapv2-mppe128.pcap", password: "syberos",
		ex: ExchangeV2{
			UserName: "student",
			// frame 23, CHAP Challenge id 237 from pptpd (10.0.0.1)
			AuthChallenge: hx("c72a4a61c1867820dd1a3e0288559726"),
			// frame 27, CHAP Response id 237 from student (10.0.0.2):
			// a5f091eebf9c5c010c13fba2972d48f3 0000000000000000
			// 767db8d02c097008ca16cf0703fd09e126ecf39395706df2 00
			PeerChallenge: hx("a5f091eebf9c5c010c13fba2972d48f3"),
			NTResponse:    hx("767db8d02c097008ca16cf0703fd09e126ecf39395706df2"),
			// frame 28, CHAP Success
			Authenticator: "S=2B6D4FB144837E5EDF3441839341843560C93B9E M=Access granted",
		},
	},
}

func hx(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic(err)
	}
	return b
}

func TestCaptureVerify(t *testing.T) {
	for _, c := range captureExchanges {
		t.Run(c.name, func(t *testing.T) {
			v, err := c.ex.Verify(Credential{Password: c.password})
			if err != nil || v.NTResponse != Match || v.Authenticator != Match || v.Err() != nil {
				t.Errorf("right password: %+v, %v", v, err)
			}
			// The same through the NT hash, as a cracked hash would be given.
			v, err = c.ex.Verify(Credential{NTHash: v.PasswordHash[:]})
			if err != nil || v.NTResponse != Match || v.Authenticator != Match {
				t.Errorf("NT hash: %+v, %v", v, err)
			}
			v, err = c.ex.Verify(Credential{Password: c.password + "!"})
			if err != nil || v.NTResponse != Mismatch || v.Authenticator != Mismatch ||
				!errors.Is(v.Err(), ErrPasswordMismatch) || !errors.Is(v.Err(), ErrAuthenticatorMismatch) {
				t.Errorf("wrong password: %+v, %v", v, err)
			}
			// Without the Success message only the NT-Response is checked.
			ex := c.ex
			ex.Authenticator = ""
			if v, err := ex.Verify(Credential{Password: c.password}); err != nil || v.Authenticator != NotChecked || v.NTResponse != Match {
				t.Errorf("no S=: %+v, %v", v, err)
			}
		})
	}
}

// The first two encrypted frames of each direction of
// pppd__mschapv2-mppe128.pcap (MPPE 128-bit stateless). GRE payload = PPP
// with protocol-field compression: FD (protocol 0x00FD), MPPE header,
// ciphertext. The first frame of each direction turns out to carry an IPv6
// Router Solicitation (protocol 0x0057), the second the first ping (0x0021).
var (
	// frame 43, 10.0.0.1 -> 10.0.0.2 (server->client), GRE seq 12 ack 12, payload length 53, ccount 0
	pppdFrame43 = hx("fd90000eb36dfd610a9ed0fa8b19048011894cac13a3e5ac967bc3575fbf4e03ec4cf637f5a6feaf20d56619f019b3ce701e3eb203")
	// frame 53, 10.0.0.1 -> 10.0.0.2 (server->client), GRE seq 16, payload length 89, ccount 1
	pppdFrame53 = hx("fd90016c9cd581338e9d0fc4cff1faadd7ba0768889c5701c8625ac5a21a3ac166d5c4ced67c449a940a362e50cd2d6285d047f3bc5262e506239cab1cfdf07ee123d149557b3f50b3d28f33d165ed7dff32014f08330ec320")
	// frame 44, 10.0.0.2 -> 10.0.0.1 (client->server), GRE seq 13, payload length 53, ccount 0
	pppdFrame44 = hx("fd90003c2dbec9043de49abd97a770ab69ee9269df56f296e0f6a9647e13ae3ab02015c8af52d5ee3fcc894e65e3cc49cfbd2d58bd")
	// frame 52, 10.0.0.2 -> 10.0.0.1 (client->server), GRE seq 16, payload length 89, ccount 1
	pppdFrame52 = hx("fd9001b14a14a6cea1886e3b2e561f065df2841f1864aaa98b57d18c11eab9b7f8031ed6e34de63f7c7dc2a807a13bd71feaf115383765119c76ac88eca447ee8645336146c040b55988ad2412926e6669eff09f205278f3bb")
)

func TestCaptureDecryptFirstFrames(t *testing.T) {
	c := captureExchanges[1]
	v, err := c.ex.Verify(Credential{Password: c.password})
	if err != nil || v.Err() != nil {
		t.Fatalf("verify: %v %v", err, v.Err())
	}
	c2s, s2c, err := StartKeysV2(v.PasswordHashHash, [24]byte(c.ex.NTResponse), Key128)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name        string
		key, other  Key
		first, ping []byte
		src         [4]byte // IPv4 source of the ping (tunnel addresses from the pppd logs)
		icmpType    byte    // echo reply 0, echo request 8
	}{
		{"server->client frames 43 and 53", s2c, c2s, pppdFrame43, pppdFrame53, [4]byte{172, 16, 77, 1}, 0},
		{"client->server frames 44 and 52", c2s, s2c, pppdFrame44, pppdFrame52, [4]byte{172, 16, 77, 10}, 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := NewDecryptor(tc.key.Bytes(), Key128, Stateless)
			if err != nil {
				t.Fatal(err)
			}
			proto, pkt := decryptFrame(t, d, tc.first)
			if proto != 0x0057 || !ipv6RouterSolicitation(pkt) {
				t.Fatalf("first frame: protocol %04X, packet %X; want an IPv6 Router Solicitation", proto, pkt)
			}
			proto, pkt = decryptFrame(t, d, tc.ping)
			if proto != 0x0021 {
				t.Fatalf("second frame: protocol %04X, want 0021 (IPv4)", proto)
			}
			checkIPv4(t, pkt)
			if [4]byte(pkt[12:16]) != tc.src || pkt[9] != 1 || pkt[20] != tc.icmpType || inetChecksum(pkt[20:]) != 0 {
				t.Errorf("want an ICMP echo (type %d) from %v: %X", tc.icmpType, tc.src, pkt)
			}
			// The other direction's key does not decrypt it.
			d2, _ := NewDecryptor(tc.other.Bytes(), Key128, Stateless)
			h, _ := ParseHeader(tc.first[1:])
			if pt, _ := d2.Decrypt(uint16(h), tc.first[3:], nil); len(pt) > 1 && pt[0] == 0 && pt[1] == 0x57 {
				t.Error("the other direction's key decrypts too")
			}
		})
	}
}

// decryptFrame decrypts a GRE payload "FD <header> <ciphertext>" and splits
// off the inner protocol.
func decryptFrame(t *testing.T, d *Decryptor, payload []byte) (uint16, []byte) {
	t.Helper()
	if payload[0] != 0xFD {
		t.Fatalf("PPP protocol %02X, want FD", payload[0])
	}
	h, err := ParseHeader(payload[1:])
	if err != nil {
		t.Fatal(err)
	}
	pt, err := d.Decrypt(uint16(h), payload[3:], nil)
	if err != nil {
		t.Fatal(err)
	}
	proto, pkt, err := SplitProtocol(pt)
	if err != nil {
		t.Fatal(err)
	}
	return proto, pkt
}

// ipv6RouterSolicitation checks an IPv6 packet carrying ICMPv6 type 133 with
// a valid ICMPv6 checksum (pseudo-header included).
func ipv6RouterSolicitation(p []byte) bool {
	if len(p) < 48 || p[0]>>4 != 6 || p[6] != 58 {
		return false
	}
	plen := int(binary.BigEndian.Uint16(p[4:]))
	if len(p) != 40+plen || p[40] != 133 {
		return false
	}
	pseudo := append([]byte(nil), p[8:40]...) // source and destination
	pseudo = binary.BigEndian.AppendUint32(pseudo, uint32(plen))
	pseudo = append(pseudo, 0, 0, 0, 58)
	return inetChecksum(append(pseudo, p[40:]...)) == 0
}

func checkIPv4(t *testing.T, ip []byte) {
	t.Helper()
	if !ipv4OK(ip) {
		t.Fatalf("not a valid IPv4 packet: %X", ip)
	}
}

// ipv4OK: version 4, header length >= 20, total length matching, header
// checksum valid.
func ipv4OK(ip []byte) bool {
	if len(ip) < 20 || ip[0]>>4 != 4 {
		return false
	}
	hl := int(ip[0]&0x0F) * 4
	if hl < 20 || len(ip) < hl || int(binary.BigEndian.Uint16(ip[2:])) != len(ip) {
		return false
	}
	return inetChecksum(ip[:hl]) == 0
}
