package decode

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/pptpscope/pptpscope/mppe"
)

// Real CHAP packets. Header, value_size, value, name and message were checked
// against tshark 4.0.17: tshark -r FILE -Y chap -T fields -e chap.code
// -e chap.identifier -e chap.length -e chap.value_size -e chap.value
// -e chap.name -e chap.message. tshark shows the 49-byte MS-CHAP value
// undivided; its parts below follow RFC 2759 section 4 / RFC 2433 section 5
// and are verified against the password in TestCHAPMSCHAPVerifiesPassword.
var chapCases = []struct {
	name    string
	file    string
	frame   int
	hex     string
	code    uint8
	msgName string
	id      int
	length  uint16
	value   string // hex
	sender  string
	message string
	guess   CHAPAlgorithm
	summary string
}{
	{
		// 01 dc 00 1b 11 3d 57 88 d5 56 d1 2f ed d5 a9 87 56 90 8e 9c 0c cb 70 70 74 70 64
		name: "md5 challenge 17 bytes", file: "pppd__chap-md5-noenc.pcap", frame: 25,
		hex:  "01dc001b113d5788d556d12fedd5a98756908e9c0ccb7070747064",
		code: 1, msgName: "Challenge", id: 220, length: 27,
		value: "3d5788d556d12fedd5a98756908e9c0ccb", sender: "pptpd", summary: "name=pptpd",
	},
	{
		// 02 dc 00 1c 10 e9 6d 7f a7 6b 78 47 36 4e 35 81 28 83 23 d7 85 73 74 75 64 65 6e 74
		name: "md5 response", file: "pppd__chap-md5-noenc.pcap", frame: 28,
		hex:  "02dc001c10e96d7fa76b7847364e3581288323d78573747564656e74",
		code: 2, msgName: "Response", id: 220, length: 28,
		value: "e96d7fa76b7847364e3581288323d785", sender: "student", guess: CHAPAlgorithmMD5, summary: "name=student",
	},
	{
		// 03 dc 00 12 41 63 63 65 73 73 20 67 72 61 6e 74 65 64
		name: "md5 success", file: "pppd__chap-md5-noenc.pcap", frame: 31,
		hex:  "03dc0012416363657373206772616e746564",
		code: 3, msgName: "Success", id: 220, length: 18,
		message: "Access granted", summary: "Access granted",
	},
	{
		// 01 01 00 17 10 41 52 8c 19 9f e2 27 13 cd a5 22 d4 5c 7a f9 ad 52 31
		name: "cisco md5 challenge", file: "packetlife__PPP_negotiation.cap", frame: 6,
		hex:  "010100171041528c199fe22713cda522d45c7af9ad5231",
		code: 1, msgName: "Challenge", id: 1, length: 23,
		value: "41528c199fe22713cda522d45c7af9ad", sender: "R1", summary: "name=R1",
	},
	{
		// 02 01 00 17 10 dc 73 19 68 80 57 8b 12 67 0b 8d 23 1b 8e 69 f9 52 30
		name: "cisco md5 response", file: "packetlife__PPP_negotiation.cap", frame: 8,
		hex:  "0201001710dc73196880578b12670b8d231b8e69f95230",
		code: 2, msgName: "Response", id: 1, length: 23,
		value: "dc73196880578b12670b8d231b8e69f9", sender: "R0", guess: CHAPAlgorithmMD5, summary: "name=R0",
	},
	{
		// 03 01 00 04
		name: "cisco empty success", file: "packetlife__PPP_negotiation.cap", frame: 10,
		hex:  "03010004",
		code: 3, msgName: "Success", id: 1, length: 4,
	},
	{
		// 01 ed 00 1a 10 c7 2a 4a 61 c1 86 78 20 dd 1a 3e 02 88 55 97 26 70 70 74 70 64
		name: "mschapv2 challenge", file: "pppd__mschapv2-mppe128.pcap", frame: 23,
		hex:  "01ed001a10c72a4a61c1867820dd1a3e02885597267070747064",
		code: 1, msgName: "Challenge", id: 237, length: 26,
		value: "c72a4a61c1867820dd1a3e0288559726", sender: "pptpd", summary: "name=pptpd",
	},
	{
		// 02 ed 00 3d 31 | a5 f0 91 ee bf 9c 5c 01 0c 13 fb a2 97 2d 48 f3 (peer challenge)
		// 00 00 00 00 00 00 00 00 (reserved)
		// 76 7d b8 d0 2c 09 70 08 ca 16 cf 07 03 fd 09 e1 26 ec f3 93 95 70 6d f2 (NT-Response)
		// 00 (flags) | 73 74 75 64 65 6e 74 ("student")
		name: "mschapv2 response", file: "pppd__mschapv2-mppe128.pcap", frame: 27,
		hex:  "02ed003d31a5f091eebf9c5c010c13fba2972d48f30000000000000000767db8d02c097008ca16cf0703fd09e126ecf39395706df20073747564656e74",
		code: 2, msgName: "Response", id: 237, length: 61,
		value:  "a5f091eebf9c5c010c13fba2972d48f30000000000000000767db8d02c097008ca16cf0703fd09e126ecf39395706df200",
		sender: "student", guess: CHAPAlgorithmMSCHAPv2, summary: "name=student",
	},
	{
		// 03 ed 00 3f "S=2B6D4FB144837E5EDF3441839341843560C93B9E M=Access granted"
		name: "mschapv2 success", file: "pppd__mschapv2-mppe128.pcap", frame: 28,
		hex:  "03ed003f533d32423644344642313434383337453545444633343431383339333431383433353630433933423945204d3d416363657373206772616e746564",
		code: 3, msgName: "Success", id: 237, length: 63,
		message: "S=2B6D4FB144837E5EDF3441839341843560C93B9E M=Access granted",
		guess:   CHAPAlgorithmMSCHAPv2, summary: "S=2B6D4FB1… M=Access granted",
	},
	{
		// 01 b0 00 1a 10 25 8d 4f c0 24 f1 11 51 2d 0b 61 f9 c3 75 ae e1 70 70 74 70 64
		name: "chapcrack challenge", file: "chapcrack__pptp.cap", frame: 1,
		hex:  "01b0001a10258d4fc024f111512d0b61f9c375aee17070747064",
		code: 1, msgName: "Challenge", id: 176, length: 26,
		value: "258d4fc024f111512d0b61f9c375aee1", sender: "pptpd", summary: "name=pptpd",
	},
	{
		// 02 b0 00 3b 31 abfe01e6c759850155b4d8d6258cdb67 0000000000000000
		// 1c93abce815400686baeca315f348469256420598a73ad49 00 6d6f786965 ("moxie")
		name: "chapcrack response", file: "chapcrack__pptp.cap", frame: 2,
		hex:  "02b0003b31abfe01e6c759850155b4d8d6258cdb6700000000000000001c93abce815400686baeca315f348469256420598a73ad49006d6f786965",
		code: 2, msgName: "Response", id: 176, length: 59,
		value:  "abfe01e6c759850155b4d8d6258cdb6700000000000000001c93abce815400686baeca315f348469256420598a73ad4900",
		sender: "moxie", guess: CHAPAlgorithmMSCHAPv2, summary: "name=moxie",
	},
	{
		// 03 b0 00 3f "S=54644F81E5F18C0EE9E26776495D6BC7ADDFB767 M=Access granted"
		name: "chapcrack success", file: "chapcrack__pptp.cap", frame: 3,
		hex:  "03b0003f533d35343634344638314535463138433045453945323637373634393544364243374144444642373637204d3d416363657373206772616e746564",
		code: 3, msgName: "Success", id: 176, length: 63,
		message: "S=54644F81E5F18C0EE9E26776495D6BC7ADDFB767 M=Access granted",
		guess:   CHAPAlgorithmMSCHAPv2, summary: "S=54644F81… M=Access granted",
	},
	{
		// 01 00 00 24 10 05b2f10bdc3d6c92b6cd160adee148b4 57494e2d3942414753373056354950
		name: "windows challenge", file: "pptpcrack__test.pcap", frame: 290,
		hex:  "010000241005b2f10bdc3d6c92b6cd160adee148b457494e2d3942414753373056354950",
		code: 1, msgName: "Challenge", id: 0, length: 36,
		value: "05b2f10bdc3d6c92b6cd160adee148b4", sender: "WIN-9BAGS70V5IP", summary: "name=WIN-9BAGS70V5IP",
	},
	{
		// 02 00 00 3d 31 789223b02a0cc515404bca2c696edcff 0000000000000000
		// 8cd6161253eac63fa53cfc6f74692fd73b0768ca63d612f0 00 76706e75736572 ("vpnuser")
		name: "windows response", file: "pptpcrack__test.pcap", frame: 291,
		hex:  "0200003d31789223b02a0cc515404bca2c696edcff00000000000000008cd6161253eac63fa53cfc6f74692fd73b0768ca63d612f00076706e75736572",
		code: 2, msgName: "Response", id: 0, length: 61,
		value:  "789223b02a0cc515404bca2c696edcff00000000000000008cd6161253eac63fa53cfc6f74692fd73b0768ca63d612f000",
		sender: "vpnuser", guess: CHAPAlgorithmMSCHAPv2, summary: "name=vpnuser",
	},
	{
		// 03 00 00 2e "S=974E79C350CC7DC53FBC5F3A114C63B1EFA16E19" (Windows sends no M=)
		name: "windows success", file: "pptpcrack__test.pcap", frame: 292,
		hex:  "0300002e533d39373445373943333530434337444335334642433546334131313443363342314546413136453139",
		code: 3, msgName: "Success", id: 0, length: 46,
		message: "S=974E79C350CC7DC53FBC5F3A114C63B1EFA16E19",
		guess:   CHAPAlgorithmMSCHAPv2, summary: "S=974E79C3…",
	},
	{
		// 01 92 00 1a 10 be18734507ca5a2428a2d18ad3f03cff 7070747064
		name: "sniffer challenge", file: "PPTP_VPN_Sniffer__connect.pcapng", frame: 18,
		hex:  "0192001a10be18734507ca5a2428a2d18ad3f03cff7070747064",
		code: 1, msgName: "Challenge", id: 146, length: 26,
		value: "be18734507ca5a2428a2d18ad3f03cff", sender: "pptpd", summary: "name=pptpd",
	},
	{
		// 02 92 00 38 31 1906181330134498997c4dc3184a29da 0000000000000000
		// 60f4ac2e73be3756e83d6eafbec032907f1f34438ff1a149 00 6a6d ("jm")
		name: "sniffer response", file: "PPTP_VPN_Sniffer__connect.pcapng", frame: 25,
		hex:  "02920038311906181330134498997c4dc3184a29da000000000000000060f4ac2e73be3756e83d6eafbec032907f1f34438ff1a149006a6d",
		code: 2, msgName: "Response", id: 146, length: 56,
		value:  "1906181330134498997c4dc3184a29da000000000000000060f4ac2e73be3756e83d6eafbec032907f1f34438ff1a14900",
		sender: "jm", guess: CHAPAlgorithmMSCHAPv2, summary: "name=jm",
	},
	{
		// 03 92 00 3f "S=659FF1CE92F86199BD338627452408610FFEA701 M=Access granted"
		name: "sniffer success", file: "PPTP_VPN_Sniffer__connect.pcapng", frame: 26,
		hex:  "0392003f533d36353946463143453932463836313939424433333836323734353234303836313046464541373031204d3d416363657373206772616e746564",
		code: 3, msgName: "Success", id: 146, length: 63,
		message: "S=659FF1CE92F86199BD338627452408610FFEA701 M=Access granted",
		guess:   CHAPAlgorithmMSCHAPv2, summary: "S=659FF1CE… M=Access granted",
	},
	{
		// 01 6f 00 12 08 5b 40 2a a4 fc 08 6c b2 70 70 74 70 64
		name: "mschapv1 challenge", file: "pppd__mschapv1-mppe128.pcap", frame: 23,
		hex:  "016f0012085b402aa4fc086cb27070747064",
		code: 1, msgName: "Challenge", id: 111, length: 18,
		value: "5b402aa4fc086cb2", sender: "pptpd", guess: CHAPAlgorithmMSCHAPv1, summary: "name=pptpd",
	},
	{
		// 02 6f 00 3d 31 | 000000000000000000000000000000000000000000000000 (LM-Response, unused)
		// f80ba182cf01e12eb214343c893f04eba152df702ec278f0 (NT-Response) 01 (use NT)
		// | 73747564656e74 ("student")
		name: "mschapv1 response", file: "pppd__mschapv1-mppe128.pcap", frame: 27,
		hex:  "026f003d31000000000000000000000000000000000000000000000000f80ba182cf01e12eb214343c893f04eba152df702ec278f00173747564656e74",
		code: 2, msgName: "Response", id: 111, length: 61,
		value:  "000000000000000000000000000000000000000000000000f80ba182cf01e12eb214343c893f04eba152df702ec278f001",
		sender: "student", guess: CHAPAlgorithmMSCHAPv1, summary: "name=student",
	},
	{
		// 03 6f 00 12 "Access granted"
		name: "mschapv1 success", file: "pppd__mschapv1-mppe128.pcap", frame: 28,
		hex:  "036f0012416363657373206772616e746564",
		code: 3, msgName: "Success", id: 111, length: 18,
		message: "Access granted", summary: "Access granted",
	},
	{
		// 02 8e 00 3d 31 69872e8e2d112c84b6b14668925ad53a 0000000000000000
		// 6f1cf9c6be7c45e808089dcffe8b09ebfff60b767c968e65 00 73747564656e74
		name: "wrong password response", file: "pppd__mschapv2-wrong-password.pcap", frame: 24,
		hex:  "028e003d3169872e8e2d112c84b6b14668925ad53a00000000000000006f1cf9c6be7c45e808089dcffe8b09ebfff60b767c968e650073747564656e74",
		code: 2, msgName: "Response", id: 142, length: 61,
		value:  "69872e8e2d112c84b6b14668925ad53a00000000000000006f1cf9c6be7c45e808089dcffe8b09ebfff60b767c968e6500",
		sender: "student", guess: CHAPAlgorithmMSCHAPv2, summary: "name=student",
	},
	{
		// 04 8e 00 44 "E=691 R=1 C=9e027462a899121009180fbb7d9fc4be V=0 M=Access denied"
		name: "wrong password failure", file: "pppd__mschapv2-wrong-password.pcap", frame: 26,
		hex:  "048e0044453d36393120523d3120433d396530323734363261383939313231303039313830666262376439666334626520563d30204d3d4163636573732064656e696564",
		code: 4, msgName: "Failure", id: 142, length: 68,
		message: "E=691 R=1 C=9e027462a899121009180fbb7d9fc4be V=0 M=Access denied",
		summary: "E=691 (authentication failure) R=1 M=Access denied",
	},
}

func chapCase(t testing.TB, name string) []byte {
	t.Helper()
	for _, tc := range chapCases {
		if tc.name == name {
			return authHex(t, tc.hex)
		}
	}
	t.Fatalf("no CHAP case %q", name)
	return nil
}

func TestCHAPRealPackets(t *testing.T) {
	for _, tc := range chapCases {
		t.Run(tc.name, func(t *testing.T) {
			data := authHex(t, tc.hex)
			if got := authCaptureLayer(t, tc.file, tc.frame, LayerTypeCHAP); !bytes.Equal(got, data) {
				t.Fatalf("%s frame %d holds %x, table has %x", tc.file, tc.frame, got, data)
			}
			var c CHAP
			if err := c.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
				t.Fatal(err)
			}
			if c.Proto() != "CHAP" || c.Code != tc.code || c.Name() != tc.msgName || c.Identifier() != tc.id || c.Length != tc.length {
				t.Errorf("header: %s code %d %s id %d len %d", c.Proto(), c.Code, c.Name(), c.Identifier(), c.Length)
			}
			if hex.EncodeToString(c.Value) != tc.value || c.SenderName() != tc.sender || c.MessageText() != tc.message {
				t.Errorf("value %x name %q message %q", c.Value, c.SenderName(), c.MessageText())
			}
			if tc.value != "" && int(c.ValueSize) != len(tc.value)/2 {
				t.Errorf("value size %d", c.ValueSize)
			}
			if g := c.GuessAlgorithm(); g != tc.guess {
				t.Errorf("GuessAlgorithm %v, want %v", g, tc.guess)
			}
			if s := c.Summary(); s != tc.summary {
				t.Errorf("Summary %q, want %q", s, tc.summary)
			}
			if n := c.Notes(); len(n) != 0 {
				t.Errorf("Notes %q", n)
			}
			f := c.Fields()
			authCheckRanges(t, f, len(data))
			if tc.code <= CHAPResponse {
				if v := authGet(t, f, "name"); v != tc.sender {
					t.Errorf("name field %v", v)
				}
				if v := authGet(t, f, "value").(Hex); v.String() != tc.value {
					t.Errorf("value field %v", v)
				}
			} else if v := authGet(t, f, "message"); v != tc.message {
				t.Errorf("message field %v", v)
			}
			authRoundTrip(t, &c, data)
		})
	}
}

func TestCHAPMSCHAPv2Response(t *testing.T) {
	// pppd__mschapv2-mppe128.pcap frame 27.
	var c CHAP
	data := chapCase(t, "mschapv2 response")
	if err := c.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	r, ok := c.MSCHAPv2()
	if !ok {
		t.Fatal("not split as MS-CHAPv2")
	}
	if hex.EncodeToString(r.PeerChallenge) != "a5f091eebf9c5c010c13fba2972d48f3" ||
		hex.EncodeToString(r.Reserved) != "0000000000000000" ||
		hex.EncodeToString(r.NTResponse) != "767db8d02c097008ca16cf0703fd09e126ecf39395706df2" || r.Flags != 0 {
		t.Errorf("split %+v", r)
	}
	if !bytes.Equal(c.PeerChallenge(), r.PeerChallenge) || !bytes.Equal(c.NTResponse(), r.NTResponse) || c.LMResponse() != nil {
		t.Errorf("accessors disagree with the split")
	}
	if _, ok := c.MSCHAPv1(); ok {
		t.Errorf("also split as MS-CHAPv1")
	}
	f := c.Fields()
	want := map[string][2]int{"value_size": {4, 5}, "value": {5, 54}, "peer_challenge": {5, 21},
		"reserved": {21, 29}, "nt_response": {29, 53}, "flags": {53, 54}, "name": {54, 61}}
	for name, r := range want {
		found := false
		for _, x := range f {
			if x.Name == name {
				found = true
				if x.Start != r[0] || x.End != r[1] {
					t.Errorf("%s range [%d,%d), want %v", name, x.Start, x.End, r)
				}
			}
		}
		if !found {
			t.Errorf("no field %s", name)
		}
	}
	if v := authGet(t, f, "algorithm"); v != "MS-CHAPv2" {
		t.Errorf("algorithm %v", v)
	}
	if v := authGet(t, f, "algorithm_from"); v != "packet layout" {
		t.Errorf("algorithm_from %v", v)
	}
}

func TestCHAPMSCHAPv1Response(t *testing.T) {
	// pppd__mschapv1-mppe128.pcap frame 27.
	var c CHAP
	if err := c.DecodeFromBytes(chapCase(t, "mschapv1 response"), gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	r, ok := c.MSCHAPv1()
	if !ok {
		t.Fatal("not split as MS-CHAPv1")
	}
	if !bytes.Equal(r.LMResponse, make([]byte, 24)) || r.UseNT != 1 ||
		hex.EncodeToString(r.NTResponse) != "f80ba182cf01e12eb214343c893f04eba152df702ec278f0" {
		t.Errorf("split %+v", r)
	}
	if c.PeerChallenge() != nil || !bytes.Equal(c.NTResponse(), r.NTResponse) {
		t.Errorf("accessors disagree with the split")
	}
	f := c.Fields()
	if v := authGet(t, f, "use_nt"); v != true {
		t.Errorf("use_nt %v", v)
	}
	if v := authGet(t, f, "lm_response").(Hex); len(v) != 24 {
		t.Errorf("lm_response %v", v)
	}
}

// TestCHAPAlgorithmOverride: the LCP-negotiated algorithm decides how the
// value is split, whatever its last byte says.
func TestCHAPAlgorithmOverride(t *testing.T) {
	var c CHAP
	if err := c.DecodeFromBytes(chapCase(t, "mschapv2 response"), gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	c.Algorithm = CHAPAlgorithmMSCHAPv1
	if _, ok := c.MSCHAPv2(); ok {
		t.Error("split as MS-CHAPv2 although LCP said MS-CHAPv1")
	}
	r, ok := c.MSCHAPv1()
	if !ok || !bytes.Equal(r.LMResponse, c.Value[:24]) || r.UseNT != 0 {
		t.Errorf("MS-CHAPv1 split %+v %v", r, ok)
	}
	if v := authGet(t, c.Fields(), "algorithm_from"); v != "LCP" {
		t.Errorf("algorithm_from %v", v)
	}
	c.Algorithm = CHAPAlgorithmMD5
	if c.NTResponse() != nil || c.PeerChallenge() != nil {
		t.Error("split although LCP said MD5")
	}
	if n := c.Notes(); len(n) != 1 || !reflect.DeepEqual(n[0], note("md5-response-length", 49)) {
		t.Errorf("Notes %q", n)
	}
	// A 16-byte challenge is MS-CHAPv2-sized only once LCP says so.
	var ch CHAP
	if err := ch.DecodeFromBytes(chapCase(t, "mschapv2 challenge"), gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	if ch.GuessAlgorithm() != CHAPAlgorithmUnknown || authGet(t, ch.Fields(), "algorithm") != "MD5 or MS-CHAPv2" {
		t.Errorf("16-byte challenge guessed %v", ch.GuessAlgorithm())
	}
	ch.Algorithm = CHAPAlgorithmMSCHAPv2
	if ch.EffectiveAlgorithm() != CHAPAlgorithmMSCHAPv2 || len(ch.Challenge()) != 16 || len(ch.Notes()) != 0 {
		t.Errorf("with LCP: %v %x %q", ch.EffectiveAlgorithm(), ch.Challenge(), ch.Notes())
	}
	ch.Algorithm = CHAPAlgorithmMSCHAPv1
	if n := ch.Notes(); len(n) != 1 || !reflect.DeepEqual(n[0], note("mschapv1-challenge-length", 16)) {
		t.Errorf("Notes %q", n)
	}
}

func TestCHAPSuccessMessage(t *testing.T) {
	// pppd__mschapv2-mppe128.pcap frame 28.
	var c CHAP
	data := chapCase(t, "mschapv2 success")
	if err := c.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	ar, ok := c.AuthenticatorResponse()
	if !ok || hex.EncodeToString(ar[:]) != "2b6d4fb144837e5edf3441839341843560c93b9e" {
		t.Fatalf("AuthenticatorResponse %x %v", ar, ok)
	}
	s, _ := c.Success()
	if s.Message != "Access granted" || !s.HasMessage || s.AuthenticatorResponseText != "2B6D4FB144837E5EDF3441839341843560C93B9E" {
		t.Errorf("success %+v", s)
	}
	f := c.Fields()
	for _, x := range f {
		switch x.Name {
		case "authenticator_response":
			if string(data[x.Start:x.End]) != "2B6D4FB144837E5EDF3441839341843560C93B9E" {
				t.Errorf("authenticator_response range holds %q", data[x.Start:x.End])
			}
		case "success_message":
			if string(data[x.Start:x.End]) != "Access granted" || x.Value != "Access granted" {
				t.Errorf("success_message %v range holds %q", x.Value, data[x.Start:x.End])
			}
		}
	}
	authGet(t, f, "authenticator_response")
	authGet(t, f, "success_message")
	// LCP said MD5: the text is only text.
	c.Algorithm = CHAPAlgorithmMD5
	if _, ok := c.AuthenticatorResponse(); ok {
		t.Error("S= parsed although LCP said MD5")
	}
	if c.Summary() != c.MessageText() {
		t.Errorf("Summary %q", c.Summary())
	}
}

func TestCHAPFailureMessage(t *testing.T) {
	// pppd__mschapv2-wrong-password.pcap frame 26.
	var c CHAP
	data := chapCase(t, "wrong password failure")
	if err := c.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	fl, ok := c.Failure()
	if !ok {
		t.Fatal("no E=")
	}
	if fl.Error != 691 || !fl.Retry || !fl.HasRetry || hex.EncodeToString(fl.Challenge) != "9e027462a899121009180fbb7d9fc4be" ||
		fl.Version != 0 || !fl.HasVersion || fl.Message != "Access denied" || fl.ErrorName() != "ERROR_AUTHENTICATION_FAILURE" {
		t.Errorf("failure %+v", fl)
	}
	if code, ok := c.FailureCode(); code != 691 || !ok || c.FailureMessage() != "Access denied" {
		t.Errorf("FailureCode %d %v FailureMessage %q", code, ok, c.FailureMessage())
	}
	f := c.Fields()
	check := map[string]string{"error_code": "691", "retry": "1", "challenge": "9e027462a899121009180fbb7d9fc4be",
		"version": "0", "failure_message": "Access denied", "error_name": "691"}
	for _, x := range f {
		if want, ok := check[x.Name]; ok && string(data[x.Start:x.End]) != want {
			t.Errorf("%s range holds %q, want %q", x.Name, data[x.Start:x.End], want)
		}
	}
	if v := authGet(t, f, "error_meaning"); v != "authentication failure" {
		t.Errorf("error_meaning %v", v)
	}
	if v := authGet(t, f, "retry"); v != true {
		t.Errorf("retry %v", v)
	}
}

func TestParseMSCHAPFailure(t *testing.T) {
	cases := []struct {
		msg     string
		ok      bool
		code    int
		name    string
		meaning string
		summary string
	}{
		{"E=646 R=0 V=3", true, 646, "ERROR_RESTRICTED_LOGON_HOURS", "logon not allowed at this time of day", "E=646 (logon not allowed at this time of day) R=0"},
		{"E=647 R=0 C=00112233445566778899aabbccddeeff V=3 M=disabled", true, 647, "ERROR_ACCT_DISABLED", "account disabled", "E=647 (account disabled) R=0 M=disabled"},
		{"E=648 R=0 C=0011223344556677 V=3", true, 648, "ERROR_PASSWD_EXPIRED", "password expired", "E=648 (password expired) R=0"},
		{"E=649", true, 649, "ERROR_NO_DIALIN_PERMISSION", "no dial-in permission", "E=649 (no dial-in permission)"},
		{"E=691 R=1 C=00 V=3 M=Access denied to user", true, 691, "ERROR_AUTHENTICATION_FAILURE", "authentication failure", "E=691 (authentication failure) R=1 M=Access denied to user"},
		{"E=709 R=0", true, 709, "ERROR_CHANGING_PASSWORD", "error changing password", "E=709 (error changing password) R=0"},
		{"E=1234 X=7 junk", true, 1234, "", "unknown error", "E=1234 (unknown error)"},
		{"  E=691  R=1", true, 691, "ERROR_AUTHENTICATION_FAILURE", "authentication failure", "E=691 (authentication failure) R=1"},
		{"E=abc R=1", false, 0, "", "", ""},
		{"E=99999999999", false, 0, "", "", ""},
		{"Access denied", false, 0, "", "", ""},
		{"M=E=691", false, 0, "", "", ""},
		{"", false, 0, "", "", ""},
		{"E", false, 0, "", "", ""},
		{"E=", false, 0, "", "", ""},
	}
	for _, tc := range cases {
		fl, ok := ParseMSCHAPFailure([]byte(tc.msg))
		if ok != tc.ok {
			t.Errorf("%q: ok %v", tc.msg, ok)
			continue
		}
		if !ok {
			continue
		}
		if fl.Error != tc.code || fl.ErrorName() != tc.name || fl.ErrorMeaning() != tc.meaning || fl.Summary() != tc.summary {
			t.Errorf("%q: %d %q %q %q", tc.msg, fl.Error, fl.ErrorName(), fl.ErrorMeaning(), fl.Summary())
		}
	}
	// C= that is not hex is kept as text.
	fl, _ := ParseMSCHAPFailure([]byte("E=691 C=xyz"))
	if fl.Challenge != nil || fl.ChallengeText != "xyz" {
		t.Errorf("challenge %x %q", fl.Challenge, fl.ChallengeText)
	}
}

func TestParseMSCHAPSuccess(t *testing.T) {
	const ar = "407A5589115FD0D6209F510FE9C04566932CDA56" // RFC 2759 section 9.2
	cases := []struct {
		msg     string
		ok      bool
		text    string
		summary string
	}{
		{"S=" + ar, true, "", "S=407A5589…"},
		{"S=" + ar + " M=Welcome", true, "Welcome", "S=407A5589… M=Welcome"},
		{"S=" + strings.ToLower(ar) + "  M=two  spaces", true, "two  spaces", "S=407a5589… M=two  spaces"},
		{"S=" + ar + " trailing", true, "trailing", "S=407A5589… M=trailing"},
		{"S=" + ar + "00", false, "", ""},
		{"S=" + ar[:39] + "G", false, "", ""},
		{"S=" + ar[:38], false, "", ""},
		{"Access granted", false, "", ""},
	}
	for _, tc := range cases {
		s, ok := ParseMSCHAPSuccess([]byte(tc.msg))
		if ok != tc.ok || ok && (s.Message != tc.text || s.Summary() != tc.summary) {
			t.Errorf("%q: %v %q %q", tc.msg, ok, s.Message, s.Summary())
		}
		if ok && hex.EncodeToString(s.AuthenticatorResponse[:]) != strings.ToLower(ar) {
			t.Errorf("%q: %x", tc.msg, s.AuthenticatorResponse)
		}
	}
}

// TestCHAPMSCHAPVerifiesPassword recomputes the NT-Response (RFC 2759
// section 8.1, RFC 2433 section A.5) and the authenticator response from
// the capture's known password: the fields the decoder split out are the
// ones the MPPE key derivation will use, so they must be exactly right.
func TestCHAPMSCHAPVerifiesPassword(t *testing.T) {
	cases := []struct {
		file                        string
		challenge, response, result string // case names
		password                    string
	}{
		{"pppd__mschapv2-mppe128.pcap", "mschapv2 challenge", "mschapv2 response", "mschapv2 success", "syberos"},
		{"chapcrack__pptp.cap", "chapcrack challenge", "chapcrack response", "chapcrack success", "bPCFyF2uL1p5Lg5yrKmqmY"},
		{"pptpcrack__test.pcap", "windows challenge", "windows response", "windows success", "vpnuser123"},
		{"PPTP_VPN_Sniffer__connect.pcapng", "sniffer challenge", "sniffer response", "sniffer success", "123"},
		{"pppd__mschapv1-mppe128.pcap", "mschapv1 challenge", "mschapv1 response", "", "syberos"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			var ch, resp CHAP
			if err := ch.DecodeFromBytes(chapCase(t, tc.challenge), gopacket.NilDecodeFeedback); err != nil {
				t.Fatal(err)
			}
			if err := resp.DecodeFromBytes(chapCase(t, tc.response), gopacket.NilDecodeFeedback); err != nil {
				t.Fatal(err)
			}
			hash := authNTHash(tc.password)
			if resp.EffectiveAlgorithm() == CHAPAlgorithmMSCHAPv1 {
				if got := authDESResponse(hash, ch.Challenge()); !bytes.Equal(got, resp.NTResponse()) {
					t.Fatalf("MS-CHAPv1 NT-Response %x, computed %x", resp.NTResponse(), got)
				}
				return
			}
			user := resp.NameField
			if i := bytes.LastIndexByte(user, '\\'); i >= 0 {
				user = user[i+1:]
			}
			h := sha1.New()
			h.Write(resp.PeerChallenge())
			h.Write(ch.Challenge())
			h.Write(user)
			chal := h.Sum(nil)[:8]
			nt := authDESResponse(hash, chal)
			if !bytes.Equal(nt, resp.NTResponse()) {
				t.Fatalf("NT-Response %x, computed %x", resp.NTResponse(), nt)
			}
			var ok CHAP
			if err := ok.DecodeFromBytes(chapCase(t, tc.result), gopacket.NilDecodeFeedback); err != nil {
				t.Fatal(err)
			}
			ar, _ := ok.AuthenticatorResponse()
			if want := authAuthenticatorResponse(hash, nt, chal); !bytes.Equal(ar[:], want) {
				t.Fatalf("S= %x, computed %x", ar, want)
			}
		})
	}
}

// The MS-CHAP computations come from package mppe, the project's only
// user of MD4 and DES-based MS-CHAP (it is checked against RFC 2759 vectors).

func authNTHash(password string) []byte {
	h := mppe.NtPasswordHash(password)
	return h[:]
}

// authDESResponse is ChallengeResponse of RFC 2759 section 8.5.
func authDESResponse(hash, challenge []byte) []byte {
	var c [8]byte
	var h [16]byte
	copy(c[:], challenge)
	copy(h[:], hash)
	r := mppe.ChallengeResponse(c, h)
	return r[:]
}

// authAuthenticatorResponse is GenerateAuthenticatorResponse of RFC 2759
// section 8.7 from the challenge hash, without the hex encoding.
func authAuthenticatorResponse(hash, nt, challenge []byte) []byte {
	var h [16]byte
	copy(h[:], hash)
	hh := mppe.HashNtPasswordHash(h)
	d := sha1.New()
	d.Write(hh[:])
	d.Write(nt)
	d.Write([]byte("Magic server to client signing constant"))
	digest := d.Sum(nil)
	d = sha1.New()
	d.Write(digest)
	d.Write(challenge)
	d.Write([]byte("Pad to make it do more than one iteration"))
	return d.Sum(nil)
}

func TestCHAPErrors(t *testing.T) {
	cases := []struct {
		name    string
		hex     string
		wantErr error
		notes   int
		msgName string
	}{
		// pppd__mschapv2-mppe128.pcap frame 27 cut inside the value.
		{"truncated", "02ed003d31a5f091eebf9c5c010c13fba2972d48f3", ErrTruncated, 0, "Response"},
		{"no value size", "01010004", ErrMalformed, 0, "Challenge"},
		{"value past end", "0101000720aabb", ErrMalformed, 0, "Challenge"},
		{"empty value", "010100050052", nil, 1, "Challenge"},
		{"length below header", "03010003", ErrMalformed, 0, "Success"},
		{"unknown code", "07010006abcd", nil, 0, "Unknown-7"},
		{"plain failure", "040100086e6f7065", nil, 0, "Failure"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c CHAP
			err := c.DecodeFromBytes(authHex(t, tc.hex), gopacket.NilDecodeFeedback)
			if tc.wantErr == nil && err != nil || tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			}
			if c.Name() != tc.msgName || len(c.Notes()) != tc.notes {
				t.Errorf("Name %q Notes %q", c.Name(), c.Notes())
			}
			if len(c.Contents) > 0 {
				authCheckRanges(t, c.Fields(), len(c.Contents))
				_ = c.Summary()
			}
		})
	}
}

func TestCHAPNewPacket(t *testing.T) {
	// PPP without FF 03 as in pptpcrack__test.pcap frame 291.
	data := append(authHex(t, "c223"), chapCase(t, "windows response")...)
	p := gopacket.NewPacket(data, LayerTypePPP, gopacket.Default)
	c, ok := p.Layer(LayerTypeCHAP).(*CHAP)
	if !ok || p.ErrorLayer() != nil || c.SenderName() != "vpnuser" || len(c.NTResponse()) != 24 {
		t.Fatalf("CHAP layer %v", p)
	}
}

func FuzzCHAP(f *testing.F) {
	for _, tc := range chapCases {
		f.Add(authHex(f, tc.hex))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var c CHAP
		if authFuzzOne(t, &c, data) != nil && len(c.Contents) == 0 {
			return
		}
		for _, a := range []CHAPAlgorithm{CHAPAlgorithmUnknown, CHAPAlgorithmMD5, CHAPAlgorithmMSCHAPv1, CHAPAlgorithmMSCHAPv2, 9} {
			c.Algorithm = a
			authCheckRanges(t, c.Fields(), len(c.Contents))
			_, _ = c.Summary(), c.Notes()
			_, _, _ = c.NTResponse(), c.PeerChallenge(), c.LMResponse()
			_, _ = c.AuthenticatorResponse()
			_, _ = c.FailureCode()
			_ = c.FailureMessage()
			if r := c.NTResponse(); r != nil && len(r) != 24 {
				t.Fatalf("NT-Response of %d bytes", len(r))
			}
		}
	})
}

func BenchmarkCHAP(b *testing.B) {
	// pppd__mschapv2-mppe128.pcap frame 27.
	data := chapCase(b, "mschapv2 response")
	var c CHAP
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := c.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			b.Fatal(err)
		}
	}
}
