package pipeline

import (
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/session"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/mppe"
)

func passwordCreds(pw string) *mppe.Credentials {
	return &mppe.Credentials{Default: &mppe.Credential{Password: pw}}
}

// decryptFile analyzes a capture with credentials and checks, for every
// record with an inner packet, that it is a well-formed IPv4 (with a header
// checksum recomputed here) or IPv6 packet.
func decryptFile(t *testing.T, path string, creds *mppe.Credentials) (*session.Analysis, []int) {
	t.Helper()
	src, err := capture.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var inner []int
	a, err := AnalyzeWith(src, AnalyzeOptions{Credentials: creds}, func(r *session.Record) error {
		if r.Inner == nil {
			return nil
		}
		inner = append(inner, r.Frame)
		if msg := checkIPPacket(r.Inner.Data); msg != "" {
			t.Errorf("frame %d: %s: %s (%s)", r.Frame, r.Proto, msg, r.Inner.Name())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return a, inner
}

// checkIPPacket is an independent check of a decrypted packet: IPv4 with a
// correct header checksum and total length, or IPv6 with its payload length.
func checkIPPacket(b []byte) string {
	if len(b) < 20 {
		return fmt.Sprintf("%d bytes", len(b))
	}
	switch b[0] >> 4 {
	case 4:
		ihl := int(b[0]&15) * 4
		var sum uint32
		for i := 0; i < ihl; i += 2 {
			sum += uint32(b[i])<<8 | uint32(b[i+1])
		}
		sum = sum>>16 + sum&0xffff
		sum += sum >> 16
		if uint16(sum) != 0xffff {
			return "bad IPv4 header checksum"
		}
		if int(binary.BigEndian.Uint16(b[2:])) != len(b) {
			return "IPv4 total length mismatch"
		}
	case 6:
		if len(b) < 40 || 40+int(binary.BigEndian.Uint16(b[4:])) != len(b) {
			return "IPv6 payload length mismatch"
		}
	default:
		return fmt.Sprintf("IP version %d", b[0]>>4)
	}
	return ""
}

// TestDecryptCaptures: every encrypted frame of the real captures decrypts
// to a valid IPv4 or IPv6 packet (counts per direction from the captures'
// MANIFEST), with the key length from the acknowledged CCP options.
func TestDecryptCaptures(t *testing.T) {
	for _, tc := range []struct {
		file, password string
		session        int // the session with the authentication (1-based)
		bits           int
		c2s, s2c       int
		lost           int // coherency counts never seen, both directions
	}{
		{"pptpcrack__test.pcap", "vpnuser123", 2, 128, 505, 184, 0},
		{"PPTP_VPN_Sniffer__connect.pcapng", "123", 1, 128, 309, 0, 0},
		{"pppd__mschapv2-mppe128.pcap", "syberos", 1, 128, 14, 14, 0},
		{"pppd__mschapv2-mppe40.pcap", "syberos", 1, 40, 14, 14, 0},
		{"pppd__mschapv1-mppe128.pcap", "syberos", 1, 128, 15, 14, 0},
		{"pppd__gre-loss.pcap", "syberos", 1, 128, 428, 452, 100},
		{"pppd__mtu-fragments.pcap", "syberos", 1, 128, 43, 40, 0},
		{"pppd__echo-timeout.pcap", "syberos", 1, 128, 5, 5, 0},
	} {
		t.Run(tc.file, func(t *testing.T) {
			a, inner := decryptFile(t, pcap(tc.file), passwordCreds(tc.password))
			s := a.Sessions[tc.session-1]
			d := s.Decryption
			if d == nil || d.Status != session.DecryptOK || !d.Verified || d.NTResponse != mppe.Match {
				t.Fatalf("decryption %+v", d)
			}
			if d.Bits != tc.bits || !d.Stateless {
				t.Errorf("keys %d-bit stateless=%v, want %d-bit stateless", d.Bits, d.Stateless, tc.bits)
			}
			for dir, want := range []int{tc.c2s, tc.s2c} {
				st := d.Dir[dir]
				if st.Encrypted != want || st.Decrypted != want || st.Valid != want {
					t.Errorf("direction %d: %+v, want %d encrypted, decrypted and valid", dir, st, want)
				}
			}
			if lost := d.Dir[0].Lost + d.Dir[1].Lost; lost != tc.lost {
				t.Errorf("lost %d coherency counts, want %d", lost, tc.lost)
			}
			if len(inner) != tc.c2s+tc.s2c {
				t.Errorf("%d records with an inner packet, want %d", len(inner), tc.c2s+tc.s2c)
			}
			if d.Inner.Packets != tc.c2s+tc.s2c || d.Inner.IPv4+d.Inner.IPv6 != d.Inner.Packets {
				t.Errorf("inner stats %+v", d.Inner)
			}
			if len(d.Inner.Talkers) == 0 || len(d.Inner.Protocols) == 0 {
				t.Errorf("no talkers or protocols: %+v", d.Inner)
			}
		})
	}
}

// TestDecryptGroundTruth checks inner traffic against what the pppd
// captures are known to hold (MANIFEST: 3 pings each way between
// 172.16.77.10 and 172.16.77.1 and one HTTP GET) and that the timeline's
// data phase lists the first packets of each flow.
func TestDecryptGroundTruth(t *testing.T) {
	a, _ := decryptFile(t, pcap("pppd__mschapv2-mppe128.pcap"), passwordCreds("syberos"))
	s := a.Sessions[0]
	in := s.Decryption.Inner
	counts := map[string]int{}
	for _, p := range in.Protocols {
		counts[p.Name] = p.Packets
	}
	if counts["ICMP"] != 12 { // 3 pings each way: 6 requests, 6 replies
		t.Errorf("ICMP packets %d, want 12 (%+v)", counts["ICMP"], in.Protocols)
	}
	if counts["TCP"] == 0 {
		t.Errorf("no TCP (the HTTP GET): %+v", in.Protocols)
	}
	top := in.Talkers[0]
	if top.A.String() != "172.16.77.1" || top.B.String() != "172.16.77.10" {
		t.Errorf("top talkers %v ↔ %v, want 172.16.77.1 ↔ 172.16.77.10", top.A, top.B)
	}
	var http, echo bool
	for _, m := range s.Messages {
		if m.Proto != "inner" {
			continue
		}
		if m.Phase != session.PhaseData {
			t.Errorf("inner message in phase %s", m.Phase)
		}
		in := m.Inner
		if in == nil {
			t.Fatalf("inner message of frame %d without its packet", m.Frame)
		}
		http = http || m.Msg == "TCP" && in.DstPort == 80 && in.TCPFlags == decode.TCPFlagSYN
		echo = echo || m.Msg == "ICMP" && in.Src.String() == "172.16.77.10" && in.Dst.String() == "172.16.77.1" && in.HasICMP && in.ICMPType == 8
	}
	if !http || !echo || in.FlowsInTimeline != in.Flows {
		t.Errorf("timeline: HTTP SYN %v, echo request %v, flows %d of %d", http, echo, in.FlowsInTimeline, in.Flows)
	}
	for i := 1; i < len(s.Messages); i++ {
		if s.Messages[i].Frame < s.Messages[i-1].Frame {
			t.Fatalf("messages out of order at %d", i)
		}
	}
}

// TestPasswordChecks: chapcrack's password verifies (NT-Response and S=), a
// wrong one stops the analysis at the response with a clear error, an NT
// hash works like the password, and a failed authentication is not an error.
func TestPasswordChecks(t *testing.T) {
	a, _ := decryptFile(t, pcap("chapcrack__pptp.cap"), passwordCreds("bPCFyF2uL1p5Lg5yrKmqmY"))
	d := a.Sessions[0].Decryption
	if d.Status != session.DecryptVerified || d.NTResponse != mppe.Match || d.Authenticator != mppe.Match || d.User != "moxie" {
		t.Errorf("chapcrack: %+v", d)
	}

	for _, tc := range []struct {
		file, user, method string
		frame              int
	}{
		{"pptpcrack__test.pcap", "vpnuser", "MS-CHAPv2", 291},
		{"chapcrack__pptp.cap", "moxie", "MS-CHAPv2", 2},
		{"pppd__mschapv1-mppe128.pcap", "student", "MS-CHAPv1", 0},
	} {
		src, err := capture.Open(pcap(tc.file))
		if err != nil {
			t.Fatal(err)
		}
		inner := 0
		_, err = AnalyzeWith(src, AnalyzeOptions{Credentials: passwordCreds("not-the-password")}, func(r *session.Record) error {
			if r.Inner != nil {
				inner++
			}
			return nil
		})
		src.Close()
		var me *mppe.MismatchError
		if !errors.As(err, &me) || !errors.Is(err, mppe.ErrPasswordMismatch) {
			t.Fatalf("%s: error %v, want a mppe.MismatchError", tc.file, err)
		}
		if me.User != tc.user || me.Method != tc.method || tc.frame > 0 && me.Frame != tc.frame {
			t.Errorf("%s: %+v", tc.file, me)
		}
		want := fmt.Sprintf("the password does not match user %s's %s response in frame %d", tc.user, tc.method, me.Frame)
		if err.Error() != want {
			t.Errorf("%s: %q, want %q", tc.file, err, want)
		}
		if strings.Contains(err.Error(), "not-the-password") || inner != 0 {
			t.Errorf("%s: error shows the password or %d packets were decrypted", tc.file, inner)
		}
	}

	// A server whose S= does not follow from the password (one digit of
	// chapcrack's Success message changed): the client's response matches,
	// the server does not prove it knows the password.
	forged := rewritePcap(t, func(frame int, b []byte) []byte {
		if i := strings.Index(string(b), "S=5464"); frame == 3 && i >= 0 {
			b[i+2] = '6'
		}
		return b
	}, 0, "chapcrack__pptp.cap")
	src, err := capture.Open(forged)
	if err != nil {
		t.Fatal(err)
	}
	_, err = AnalyzeWith(src, AnalyzeOptions{Credentials: passwordCreds("bPCFyF2uL1p5Lg5yrKmqmY")}, nil)
	src.Close()
	var me *mppe.MismatchError
	if !errors.As(err, &me) || !errors.Is(err, mppe.ErrAuthenticatorMismatch) || me.AuthenticatorFrame != 3 ||
		err.Error() != "the password matches user moxie's MS-CHAPv2 response in frame 2 but not the server's S= authenticator response in frame 3" {
		t.Errorf("forged S=: %v", err)
	}

	h := mppe.NtPasswordHash("syberos")
	a, _ = decryptFile(t, pcap("pppd__mschapv2-mppe40.pcap"), &mppe.Credentials{Default: &mppe.Credential{NTHash: h[:]}})
	if d := a.Sessions[0].Decryption; d.Status != session.DecryptOK || d.Secret != "NT hash" || d.Dir[0].Valid != 14 {
		t.Errorf("NT hash: %+v", d)
	}

	// The client typed a wrong password and was refused: nothing to check.
	a, _ = decryptFile(t, pcap("pppd__mschapv2-wrong-password.pcap"), passwordCreds("syberos"))
	if d := a.Sessions[0].Decryption; d.Status != session.DecryptAuthFailed {
		t.Errorf("failed authentication: %+v", d)
	}
}

// TestNotDecrypted: each reason for not decrypting is reported, and MPPE
// records say why they carry no inner packet.
func TestNotDecrypted(t *testing.T) {
	// The first session of pptpcrack has no handshake in the capture.
	src, err := capture.Open(pcap("pptpcrack__test.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	notes := 0
	a, err := AnalyzeWith(src, AnalyzeOptions{Credentials: &mppe.Credentials{Default: &mppe.Credential{Password: "vpnuser123"}, User: "alice"}}, func(r *session.Record) error {
		if r.Proto == "MPPE" {
			if r.Inner != nil {
				t.Fatalf("frame %d decrypted for another user", r.Frame)
			}
			if r.Crypt.Kind == session.CryptNotDecrypted {
				notes++
			}
		}
		return nil
	})
	src.Close()
	if err != nil {
		t.Fatal(err)
	}
	if d := a.Sessions[0].Decryption; d.Status != session.DecryptNoAuth || d.Dir[0].Encrypted+d.Dir[1].Encrypted != 8 {
		t.Errorf("mid session: %+v", d)
	}
	if d := a.Sessions[1].Decryption; d.Status != session.DecryptNoCreds || d.Why != session.WhyNoCreds || d.User != "vpnuser" {
		t.Errorf("other user: %+v", d)
	}
	if notes != 8+689 {
		t.Errorf("%d MPPE records with a not-decrypted note, want %d", notes, 8+689)
	}
	for file, status := range map[string]string{
		"pppd__pap-noenc.pcap":       session.DecryptNotNeeded,
		"pppd__chap-md5-noenc.pcap":  session.DecryptNotNeeded,
		"nDPI__pptp.pcap":            session.DecryptNotNeeded,
		"pppd__mppe-mismatch.pcap":   session.DecryptVerified,
		"pppd__mschapv2-mppe40.pcap": session.DecryptOK,
	} {
		a, _ := decryptFile(t, pcap(file), passwordCreds("syberos"))
		if d := a.Sessions[0].Decryption; d == nil || d.Status != status {
			t.Errorf("%s: %+v, want status %s", file, d, status)
		}
	}
}

func TestCredentialsFor(t *testing.T) {
	pw := func(s string) mppe.Credential { return mppe.Credential{Password: s} }
	c := &mppe.Credentials{ByUser: map[string]mppe.Credential{"alice": pw("a"), "CORP\\Bob": pw("b")}, Default: &mppe.Credential{Password: "d"}, User: "carol"}
	for _, tc := range []struct {
		user, want string
		ok         bool
	}{
		{"alice", "a", true},
		{"ALICE", "a", true},
		{"corp\\alice", "a", true},
		{"bob", "b", true},
		{"carol", "d", true},
		{"OTHER\\Carol", "d", true},
		{"dave", "", false},
	} {
		got, ok := c.For(tc.user)
		if ok != tc.ok || got.Password != tc.want {
			t.Errorf("For(%q) = %q, %v; want %q, %v", tc.user, got.Password, ok, tc.want, tc.ok)
		}
	}
	any := &mppe.Credentials{Default: &mppe.Credential{Password: "x"}}
	if got, ok := any.For("whoever"); !ok || got.Password != "x" {
		t.Error("a password without --user does not apply to every user")
	}
	var none *mppe.Credentials
	if _, ok := none.For("x"); ok {
		t.Error("nil credentials matched")
	}
}

// --- Captures rewritten into other MPPE modes -------------------------------

// greView locates the parts of an Ethernet / IPv4 / enhanced GRE / PPP frame.
type greView struct {
	ip, gre, seq, ppp, body, end int // offsets; seq -1 when absent
	proto                        uint16
	src                          [4]byte
}

func parseGRE(b []byte) (greView, bool) {
	var v greView
	if len(b) < 34 || binary.BigEndian.Uint16(b[12:]) != 0x0800 || b[23] != 47 {
		return v, false
	}
	v.ip = 14
	copy(v.src[:], b[26:30])
	v.gre = v.ip + int(b[14]&15)*4
	g := b[v.gre:]
	if len(g) < 8 || g[1]&7 != 1 {
		return v, false
	}
	off := 8
	v.seq = -1
	if g[0]&0x10 != 0 {
		v.seq = v.gre + off
		off += 4
	}
	if g[1]&0x80 != 0 {
		off += 4
	}
	n := int(binary.BigEndian.Uint16(g[4:]))
	v.ppp, v.end = v.gre+off, v.gre+off+n
	if n == 0 || v.end > len(b) {
		return v, n == 0 && v.end <= len(b)
	}
	p := v.ppp
	if b[p] == 0xff && b[p+1] == 0x03 {
		p += 2
	}
	if b[p]&1 == 1 {
		v.proto, v.body = uint16(b[p]), p+1
	} else {
		v.proto, v.body = binary.BigEndian.Uint16(b[p:]), p+2
	}
	return v, true
}

// withBody rebuilds a frame with a new PPP body after the protocol field,
// fixing the IPv4 total length and checksum and the GRE payload length.
func withBody(b []byte, v greView, body []byte) []byte {
	out := append(append([]byte(nil), b[:v.body]...), body...)
	binary.BigEndian.PutUint16(out[v.ip+2:], uint16(len(out)-v.ip))
	binary.BigEndian.PutUint16(out[v.gre+4:], uint16(len(out)-v.ppp))
	out[v.ip+10], out[v.ip+11] = 0, 0
	var s uint32
	for i := v.ip; i < v.gre; i += 2 {
		s += uint32(binary.BigEndian.Uint16(out[i:]))
	}
	s = s>>16 + s&0xffff
	binary.BigEndian.PutUint16(out[v.ip+10:], ^uint16(s+s>>16))
	return out
}

func mppeBitsFor(l mppe.KeyLength, m mppe.Mode) uint32 {
	b := map[mppe.KeyLength]uint32{mppe.Key40: 0x20, mppe.Key56: 0x80, mppe.Key128: 0x40}[l]
	if m == mppe.Stateless {
		b |= 0x01000000
	}
	return b
}

// reencrypt describes how to rewrite pppd__mschapv2-mppe128.pcap (stateless
// 128-bit, 14 data packets each way) as a peer with other settings would
// have sent it: the CCP options are rewritten, every data packet is
// re-encrypted (with mppe.Encryptor, checked against the vectors) from its
// real plaintext.
type reencrypt struct {
	bits   mppe.KeyLength
	mode   mppe.Mode
	copies int // each data packet is sent this many times (to wrap the count)
	// Client-to-server data packets (0-based) that are lost before the
	// capture point, sent twice, or sent with the C (MPPC) bit.
	drop, dup, compress map[int]bool
	// compressed, when set, counts the frames the MPPC compressor really
	// compressed (one that would expand goes with the C bit clear).
	compressed *int
	// resetBefore: the server sends a CCP Reset-Request before this
	// client-to-server packet (-1: never).
	resetBefore int
	// ccpReq and ccpAck override the MPPE bits of CCP requests and of
	// acknowledgments (0: mppeBitsFor(bits, mode)).
	ccpReq, ccpAck uint32
}

func rewriteMPPE(t *testing.T, rc reencrypt) string {
	t.Helper()
	in := pcap("pppd__mschapv2-mppe128.pcap")
	// The plaintexts, from the real session.
	plain := map[int][]byte{}
	var ntResponse []byte
	src, err := capture.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	a, err := AnalyzeWith(src, AnalyzeOptions{Credentials: passwordCreds("syberos")}, func(r *session.Record) error {
		if r.Inner != nil {
			plain[r.Frame] = append(binary.BigEndian.AppendUint16(nil, r.Inner.PPPProtocol), r.Inner.Data...)
		}
		return nil
	})
	src.Close()
	if err != nil || len(plain) != 28 {
		t.Fatalf("plaintexts: %d, %v", len(plain), err)
	}
	ntResponse = a.Sessions[0].Auth.NTResponse
	hh := mppe.HashNtPasswordHash(mppe.NtPasswordHash("syberos"))
	c2s, s2c, err := mppe.StartKeysV2(hh, [24]byte(ntResponse), rc.bits)
	if err != nil {
		t.Fatal(err)
	}
	var enc [2]*mppe.Encryptor
	for i, k := range []mppe.Key{c2s, s2c} {
		if enc[i], err = mppe.NewEncryptor(k.Bytes(), rc.bits, rc.mode); err != nil {
			t.Fatal(err)
		}
	}
	if rc.ccpReq == 0 {
		rc.ccpReq = mppeBitsFor(rc.bits, rc.mode)
	}
	if rc.ccpAck == 0 {
		rc.ccpAck = mppeBitsFor(rc.bits, rc.mode)
	}
	if rc.copies == 0 {
		rc.copies = 1
	}

	out := filepath.Join(t.TempDir(), "rewritten.pcap")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	var seq [2]uint32
	var last time.Time
	emit := func(b []byte, ts time.Time) {
		if !ts.After(last) {
			ts = last.Add(time.Microsecond)
		}
		last = ts
		if v, ok := parseGRE(b); ok && v.seq >= 0 {
			dir := 0
			if v.src == [4]byte{10, 0, 0, 1} {
				dir = 1
			}
			binary.BigEndian.PutUint32(b[v.seq:], seq[dir])
			seq[dir]++
		}
		if err := w.WritePacket(gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(b), Length: len(b)}, b); err != nil {
			t.Fatal(err)
		}
	}
	var serverCCP []byte // a CCP frame from the server, to make the Reset-Request from
	c2sIndex := 0
	src, err = capture.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	for {
		p, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b := append([]byte(nil), p.Data...)
		v, ok := parseGRE(b)
		switch {
		case ok && v.proto == 0x80fd && b[v.body] >= 1 && b[v.body] <= 3:
			if v.src == [4]byte{10, 0, 0, 1} && serverCCP == nil {
				serverCCP = append([]byte(nil), b...)
			}
			bits := rc.ccpAck
			if b[v.body] == 1 {
				bits = rc.ccpReq
			}
			for o := v.body + 4; o+6 <= v.end; o += int(b[o+1]) {
				if b[o] == 18 && b[o+1] == 6 {
					binary.BigEndian.PutUint32(b[o+2:], bits)
				}
				if b[o+1] < 2 {
					break
				}
			}
		case ok && v.proto == 0xfd:
			pt := plain[p.Frame]
			if pt == nil {
				t.Fatalf("frame %d: no plaintext", p.Frame)
			}
			dir := 0
			if v.src == [4]byte{10, 0, 0, 1} {
				dir = 1
			}
			idx := -1
			if dir == 0 {
				idx, c2sIndex = c2sIndex, c2sIndex+1
			}
			if idx >= 0 && idx == rc.resetBefore {
				sv, _ := parseGRE(serverCCP)
				rr := withBody(serverCCP, sv, []byte{14, 0x42, 0, 4}) // CCP Reset-Request
				emit(rr, p.CI.Timestamp)
				enc[dir].Reset()
			}
			for range rc.copies {
				data := pt
				var zh mppe.Header
				if rc.compress[idx] {
					// Really compressed (stateless MPPC, as the CCP bits
					// say), then encrypted: RFC 3078 section 3.
					zh, data = mppe.NewCompressor(true).Compress(pt, nil)
				}
				h, ct := enc[dir].Encrypt(data, nil)
				h |= zh & (mppe.BitCompressed | mppe.BitRestart)
				if zh.Compressed() && rc.compressed != nil {
					*rc.compressed++
				}
				frame := withBody(b, v, append(binary.BigEndian.AppendUint16(nil, uint16(h)), ct...))
				if rc.drop[idx] {
					continue
				}
				emit(frame, p.CI.Timestamp)
				if rc.dup[idx] {
					emit(append([]byte(nil), frame...), p.CI.Timestamp)
				}
			}
			continue
		}
		emit(b, p.CI.Timestamp)
	}
	return out
}

// TestDecryptRewritten covers the modes the real captures lack, on the real
// session re-encrypted as another peer would have sent it: stateful mode,
// 56- and 40-bit keys, the 12-bit coherency count wrapping 4095 → 0 in both
// modes, a lost packet answered by a CCP Reset-Request, a duplicated frame,
// MPPC-compressed packets, and key settings taken from the acknowledged CCP
// options rather than from the requests.
func TestDecryptRewritten(t *testing.T) {
	idx := func(i ...int) map[int]bool {
		m := map[int]bool{}
		for _, x := range i {
			m[x] = true
		}
		return m
	}
	type want struct {
		bits                  int
		stateless, mppc       bool
		c2s, s2c              int // decrypted
		discarded, dups, comp int // client to server
		resets, lost          int
	}
	for _, tc := range []struct {
		name string
		rc   reencrypt
		want want
	}{
		{"stateful 128", reencrypt{bits: mppe.Key128, mode: mppe.Stateful, resetBefore: -1},
			want{bits: 128, c2s: 14, s2c: 14}},
		{"stateless 56", reencrypt{bits: mppe.Key56, mode: mppe.Stateless, resetBefore: -1},
			want{bits: 56, stateless: true, c2s: 14, s2c: 14}},
		{"stateful 40", reencrypt{bits: mppe.Key40, mode: mppe.Stateful, resetBefore: -1},
			want{bits: 40, c2s: 14, s2c: 14}},
		{"stateless count wrap", reencrypt{bits: mppe.Key128, mode: mppe.Stateless, copies: 300, resetBefore: -1},
			want{bits: 128, stateless: true, c2s: 4200, s2c: 4200}},
		{"stateful 40 count wrap", reencrypt{bits: mppe.Key40, mode: mppe.Stateful, copies: 300, resetBefore: -1},
			want{bits: 40, c2s: 4200, s2c: 4200}},
		// Packet 3 is lost; packet 4 cannot be decrypted (the RC4 stream
		// position is unknown); the server's Reset-Request makes the client
		// flush packet 5, which resynchronises. Counts 3 and 4 are skipped.
		{"stateful loss and CCP reset", reencrypt{bits: mppe.Key128, mode: mppe.Stateful, drop: idx(3), resetBefore: 5},
			want{bits: 128, c2s: 12, s2c: 14, discarded: 1, resets: 1, lost: 2}},
		// Lost packets cost one rekey per missing count; the very first
		// packet (count 0) is lost too.
		{"stateless lost packets", reencrypt{bits: mppe.Key128, mode: mppe.Stateless, drop: idx(0, 4, 5, 6), resetBefore: -1},
			want{bits: 128, stateless: true, c2s: 10, s2c: 14, lost: 4}},
		{"duplicated frame", reencrypt{bits: mppe.Key128, mode: mppe.Stateless, dup: idx(2, 7), resetBefore: -1},
			want{bits: 128, stateless: true, c2s: 14, s2c: 14, dups: 2}},
		{"stateful duplicated frame", reencrypt{bits: mppe.Key128, mode: mppe.Stateful, dup: idx(2), resetBefore: -1},
			want{bits: 128, c2s: 14, s2c: 14, dups: 1}},
		{"MPPC negotiated", reencrypt{bits: mppe.Key128, mode: mppe.Stateless, compress: idx(1, 5, 9, 10, 11), compressed: new(int), ccpAck: 0x01000041, ccpReq: 0x01000041, resetBefore: -1},
			want{bits: 128, stateless: true, mppc: true, c2s: 14, s2c: 14, comp: -1}},
		// Both sides first offer 40-bit stateful; the acknowledgments say
		// 128-bit stateless, which is what the peers use.
		{"acknowledged, not offered", reencrypt{bits: mppe.Key128, mode: mppe.Stateless, ccpReq: 0x00000020, resetBefore: -1},
			want{bits: 128, stateless: true, c2s: 14, s2c: 14}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := rewriteMPPE(t, tc.rc)
			var dupNotes, compNotes int
			src, err := capture.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			a, err := AnalyzeWith(src, AnalyzeOptions{Credentials: passwordCreds("syberos")}, func(r *session.Record) error {
				if r.Inner != nil {
					if msg := checkIPPacket(r.Inner.Data); msg != "" {
						t.Errorf("frame %d: %s", r.Frame, msg)
					}
				}
				switch r.Crypt.Kind {
				case session.CryptDuplicate:
					dupNotes++
				}
				if r.Decompressed {
					compNotes++
				}
				return nil
			})
			src.Close()
			if err != nil {
				t.Fatal(err)
			}
			d := a.Sessions[0].Decryption
			w := tc.want
			if w.comp < 0 { // as many as were really compressed, each decompressed
				w.comp = *tc.rc.compressed
				if w.comp < 2 || d.Dir[0].Decompressed != w.comp || d.Dir[0].MPPCIn >= d.Dir[0].MPPCOut {
					t.Errorf("%d frames compressed, %d decompressed, %d octets to %d", w.comp, d.Dir[0].Decompressed, d.Dir[0].MPPCIn, d.Dir[0].MPPCOut)
				}
			}
			got := want{bits: d.Bits, stateless: d.Stateless, mppc: d.MPPC, c2s: d.Dir[0].Decrypted, s2c: d.Dir[1].Decrypted,
				discarded: d.Dir[0].Discarded, dups: d.Dir[0].Duplicates, comp: d.Dir[0].Compressed, resets: d.Dir[0].Resets,
				lost: d.Dir[0].Lost}
			if got != w {
				t.Errorf("got  %+v\nwant %+v\n(stats %+v / %+v)", got, w, d.Dir[0], d.Dir[1])
			}
			if d.Dir[0].Valid != w.c2s || d.Dir[1].Valid != w.s2c {
				t.Errorf("valid packets %d/%d", d.Dir[0].Valid, d.Dir[1].Valid)
			}
			if dupNotes != w.dups || compNotes != w.comp {
				t.Errorf("%d duplicate and %d MPPC notes, want %d and %d", dupNotes, compNotes, w.dups, w.comp)
			}
		})
	}
}

// TestMPPCDesyncFinding: compressed frames a direction could not decompress
// become one mppc-desync finding for that direction, with its frames.
func TestMPPCDesyncFinding(t *testing.T) {
	a := analyzeFile(t, pcap("pppd__mschapv2-mppe128.pcap"))
	s := a.Sessions[0]
	s.Findings = nil
	d := newDecrypter(&mppe.Credentials{}, false)
	c := d.state(s)
	c.d.Dir[1].MPPCDesync, c.d.Dir[1].MPPCCorrupt, c.d.Dir[1].MPPCFrames = 2, 1, []int{40, 41, 44}
	d.finish([]*session.Session{s})
	if len(s.Findings) != 1 {
		t.Fatalf("findings %+v, want one mppc-desync", s.Findings)
	}
	f := s.Findings[0]
	if f.Code != session.FindingMPPCDesync || f.Severity != session.SeverityWarning || f.Args.Count != 3 ||
		f.Args.Side != session.PeerServer || f.Args.From != s.Server.Addr || len(f.Frames) != 3 {
		t.Errorf("finding %+v", f)
	}
}
