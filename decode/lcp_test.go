package decode

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/gopacket/gopacket"
)

// Helpers shared by the configuration-protocol tests (lcp, ipcp, ipv6cp,
// ccp, mppe, ppp, gre _test.go). They are prefixed cp to stay clear of the
// helpers of other test files in the package.

// cpHex decodes a hex string, ignoring spaces.
func cpHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

// cpLayer is what the configuration-protocol layers implement.
type cpLayer interface {
	Message
	gopacket.DecodingLayer
	gopacket.SerializableLayer
}

// cpGet returns the text of the field at a dotted path such as
// "options.1.auth" (a number indexes a []Fields list).
func cpGet(f Fields, path string) (string, bool) {
	var v any = f
	for _, p := range strings.Split(path, ".") {
		switch x := v.(type) {
		case Fields:
			var ok bool
			if v, ok = x.Get(p); !ok {
				return "", false
			}
		case []Fields:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(x) {
				return "", false
			}
			v = x[i]
		default:
			return "", false
		}
	}
	return Text(v), true
}

// cpCheckFields asserts field values (as Text) by dotted path; a value of
// "<absent>" asserts that the field is not there.
func cpCheckFields(t *testing.T, f Fields, want map[string]string) {
	t.Helper()
	for path, w := range want {
		got, ok := cpGet(f, path)
		if w == "<absent>" {
			if ok {
				t.Errorf("field %s = %q, want absent", path, got)
			}
			continue
		}
		if !ok {
			t.Errorf("field %s missing; fields: %s", path, f.AppendJSON(nil))
			continue
		}
		if got != w {
			t.Errorf("field %s = %q, want %q", path, got, w)
		}
	}
}

// cpCheckRanges asserts that every field's byte range lies inside the
// layer's contents.
func cpCheckRanges(t testing.TB, f Fields, n int) {
	t.Helper()
	for _, x := range f {
		if x.Start < 0 || x.End < x.Start || x.End > n {
			t.Errorf("field %s range [%d,%d) outside %d bytes", x.Name, x.Start, x.End, n)
		}
		switch v := x.Value.(type) {
		case Fields:
			cpCheckRanges(t, v, n)
		case []Fields:
			for _, o := range v {
				cpCheckRanges(t, o, n)
			}
		}
	}
}

// cpRoundTrip serializes l with and without FixLengths and compares the
// result with its contents.
func cpRoundTrip(t testing.TB, l cpLayer) {
	t.Helper()
	for _, fix := range []bool{false, true} {
		buf := gopacket.NewSerializeBuffer()
		if err := l.SerializeTo(buf, gopacket.SerializeOptions{FixLengths: fix}); err != nil {
			t.Fatalf("SerializeTo(FixLengths=%v): %v", fix, err)
		}
		if !bytes.Equal(buf.Bytes(), l.LayerContents()) {
			t.Errorf("SerializeTo(FixLengths=%v) = %x, want %x", fix, buf.Bytes(), l.LayerContents())
		}
	}
}

// cpCase is one decoding test case of a configuration protocol.
type cpCase struct {
	name    string
	hex     string
	code    uint8
	id      int
	msg     string // Name()
	summary string
	fields  map[string]string
	err     error // errors.Is target, nil for success
	notes   int   // number of notes expected
}

func cpRun(t *testing.T, newLayer func() cpLayer, cases []cpCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := cpHex(t, c.hex)
			l := newLayer()
			err := l.DecodeFromBytes(data, gopacket.NilDecodeFeedback)
			if c.err == nil && err != nil {
				t.Fatalf("DecodeFromBytes: %v", err)
			}
			if c.err != nil && !errors.Is(err, c.err) {
				t.Fatalf("DecodeFromBytes error = %v, want %v", err, c.err)
			}
			if got := l.Name(); got != c.msg {
				t.Errorf("Name() = %q, want %q", got, c.msg)
			}
			if got := l.Identifier(); got != c.id {
				t.Errorf("Identifier() = %d, want %d", got, c.id)
			}
			if got := l.Summary(); got != c.summary {
				t.Errorf("Summary() = %q, want %q", got, c.summary)
			}
			f := l.Fields()
			if got, _ := cpGet(f, "code"); got != strconv.Itoa(int(c.code)) {
				t.Errorf("code field = %q, want %d", got, c.code)
			}
			cpCheckFields(t, f, c.fields)
			cpCheckRanges(t, f, len(l.LayerContents()))
			if n := l.Notes(); len(n) != c.notes {
				t.Errorf("Notes() = %q, want %d notes", n, c.notes)
			}
			if c.err == nil && c.notes == 0 {
				if !bytes.Equal(l.LayerContents(), data) {
					t.Errorf("Contents = %x, want all %d bytes", l.LayerContents(), len(data))
				}
				cpRoundTrip(t, l)
			}
			if len(l.LayerPayload()) != 0 {
				t.Errorf("Payload = %x, want none", l.LayerPayload())
			}
		})
	}
}

// Real LCP packets; the values were checked against tshark 4.0 (ppp.code,
// lcp.opt.*, lcp.magic_number, lcp.message, lcp.rej_proto, lcp.data).
var lcpCases = []cpCase{
	{
		// pppd__mschapv2-mppe128.pcap frame 17 (pppd client, after FF 03 C0 21):
		// 01 01 00 14 02 06 00 00 00 00 05 06 e7 7d 01 9e 07 02 08 02
		name: "pppd Configure-Request ACCM Magic PFC ACFC",
		hex:  "010100140206000000000506e77d019e07020802",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "ACCM=0x00000000 Magic=0xe77d019e PFC ACFC",
		fields: map[string]string{
			"code_name": "Configure-Request", "length": "20",
			"options.0.type": "2", "options.0.name": "ACCM", "options.0.accm": "0x00000000",
			"options.1.name": "Magic-Number", "options.1.magic_number": "0xe77d019e",
			"options.2.type": "7", "options.2.name": "PFC", "options.3.name": "ACFC", "options.4": "<absent>",
		},
	},
	{
		// pppd__mschapv2-mppe128.pcap frame 18 (pptpd server):
		// 01 01 00 19 02 06 00 00 00 00 03 05 c2 23 81 05 06 b6 d5 e1 b8 07 02 08 02
		name: "pppd Configure-Request MS-CHAPv2",
		hex:  "010100190206000000000305c223810506b6d5e1b807020802",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "ACCM=0x00000000 Auth=MS-CHAPv2 Magic=0xb6d5e1b8 PFC ACFC",
		fields: map[string]string{
			"options.1.name": "Authentication-Protocol", "options.1.protocol": "0xc223",
			"options.1.protocol_name": "CHAP", "options.1.algorithm": "129",
			"options.1.algorithm_name": "MS-CHAPv2", "options.1.auth": "MS-CHAPv2",
		},
	},
	{
		// pppd__gre-loss.pcap frame 17: MRU 1400.
		// 01 01 00 18 01 04 05 78 02 06 00 00 00 00 05 06 a2 d5 f0 1c 07 02 08 02
		name: "pppd Configure-Request MRU",
		hex:  "01010018010405780206000000000506a2d5f01c07020802",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "MRU=1400 ACCM=0x00000000 Magic=0xa2d5f01c PFC ACFC",
		fields:  map[string]string{"options.0.name": "MRU", "options.0.mru": "1400", "options.0.length": "4"},
	},
	{
		// pppd__mschapv1-mppe128.pcap frame 18: MS-CHAPv1 (algorithm 0x80).
		// 01 01 00 19 02 06 00 00 00 00 03 05 c2 23 80 05 06 86 cd 5d 8f 07 02 08 02
		name: "pppd Configure-Request MS-CHAPv1",
		hex:  "010100190206000000000305c22380050686cd5d8f07020802",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "ACCM=0x00000000 Auth=MS-CHAPv1 Magic=0x86cd5d8f PFC ACFC",
		fields:  map[string]string{"options.1.algorithm": "128", "options.1.auth": "MS-CHAPv1"},
	},
	{
		// pppd__pap-noenc.pcap frame 17: PAP.
		// 01 01 00 18 02 06 00 00 00 00 03 04 c0 23 05 06 bc 4f 93 04 07 02 08 02
		name: "pppd Configure-Request PAP",
		hex:  "010100180206000000000304c0230506bc4f930407020802",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "ACCM=0x00000000 Auth=PAP Magic=0xbc4f9304 PFC ACFC",
		fields:  map[string]string{"options.1.protocol_name": "PAP", "options.1.auth": "PAP", "options.1.algorithm": "<absent>"},
	},
	{
		// packetlife__PPP_negotiation.cap frame 1 (Cisco, CHAP with MD5):
		// 01 01 00 0f 03 05 c2 23 05 05 06 01 2c e9 6d
		name: "Cisco Configure-Request CHAP-MD5",
		hex:  "0101000f0305c223050506012ce96d",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "Auth=CHAP-MD5 Magic=0x012ce96d",
		fields:  map[string]string{"options.0.algorithm": "5", "options.0.algorithm_name": "MD5", "options.0.auth": "CHAP-MD5"},
	},
	{
		// packetlife__PPP_EAP.cap frame 1: EAP.
		// 01 45 00 0e 03 04 c2 27 05 06 01 2f 4d e5
		name: "Cisco Configure-Request EAP",
		hex:  "0145000e0304c2270506012f4de5",
		code: 1, id: 0x45, msg: "Configure-Request",
		summary: "Auth=EAP Magic=0x012f4de5",
		fields:  map[string]string{"options.0.protocol": "0xc227", "options.0.auth": "EAP"},
	},
	{
		// pptpcrack__test.pcap frame 276 (Windows RRAS): MRU, EAP, Magic, PFC, ACFC,
		// Callback (CBCP), MRRU and Endpoint-Discriminator.
		// 01 00 00 34 01 04 05 78 03 04 c2 27 05 06 70 ed 20 e6 07 02 08 02 0d 03 06
		// 11 04 06 4e 13 17 01 f3 19 8e 87 64 b2 42 9f 8d 09 ef 63 7b 51 6e a7 00 00 00 00
		name: "Windows Configure-Request Callback MRRU Endpoint-Discriminator",
		hex:  "01000034010405780304c227050670ed20e6070208020d03061104064e131701f3198e8764b2429f8d09ef637b516ea700000000",
		code: 1, id: 0, msg: "Configure-Request",
		summary: "MRU=1400 Auth=EAP Magic=0x70ed20e6 PFC ACFC Callback=6 MRRU=1614 ED=class1",
		fields: map[string]string{
			"length":                   "52",
			"options.5.name":           "Callback",
			"options.5.operation":      "6",
			"options.5.message":        "<absent>",
			"options.6.name":           "MRRU",
			"options.6.mrru":           "1614",
			"options.7.name":           "Endpoint-Discriminator",
			"options.7.class":          "1",
			"options.7.class_name":     "Locally assigned address",
			"options.7.address":        "f3198e8764b2429f8d09ef637b516ea700000000",
			"options.7.length":         "23",
			"options.5.operation_name": "Location determined during CBCP negotiation",
		},
	},
	{
		// pptpcrack__test.pcap frame 278: the server rejects MRRU and the discriminator.
		// 04 00 00 1f 11 04 06 4e 13 17 01 f3 19 8e 87 64 b2 42 9f 8d 09 ef 63 7b 51 6e a7 00 00 00 00
		name: "Windows Configure-Reject",
		hex:  "0400001f1104064e131701f3198e8764b2429f8d09ef637b516ea700000000",
		code: 4, id: 0, msg: "Configure-Reject",
		summary: "MRRU=1614 ED=class1",
		fields:  map[string]string{"options.0.type": "17", "options.1.type": "19"},
	},
	{
		// PPTP_VPN_Sniffer__connect.pcapng frame 14: Callback rejected.
		// 04 00 00 07 0d 03 06
		name: "Configure-Reject Callback",
		hex:  "040000070d0306",
		code: 4, id: 0, msg: "Configure-Reject",
		summary: "Callback=6",
		fields:  map[string]string{"options.0.type": "13", "options.0.operation": "6"},
	},
	{
		// pptpcrack__test.pcap frame 281: Nak asking for MS-CHAPv2 instead of EAP.
		// 03 01 00 09 03 05 c2 23 81
		name: "Windows Configure-Nak MS-CHAPv2",
		hex:  "030100090305c22381",
		code: 3, id: 1, msg: "Configure-Nak",
		summary: "Auth=MS-CHAPv2",
		fields:  map[string]string{"options.0.auth": "MS-CHAPv2"},
	},
	{
		// pppd__auth-mismatch.pcap frame 20: the client rejects MS-CHAPv2.
		// 04 01 00 09 03 05 c2 23 81
		name: "pppd Configure-Reject auth",
		hex:  "040100090305c22381",
		code: 4, id: 1, msg: "Configure-Reject",
		summary: "Auth=MS-CHAPv2",
	},
	{
		// pppd__mschapv2-mppe128.pcap frame 19: Configure-Ack.
		// 02 01 00 19 02 06 00 00 00 00 03 05 c2 23 81 05 06 b6 d5 e1 b8 07 02 08 02
		name: "pppd Configure-Ack",
		hex:  "020100190206000000000305c223810506b6d5e1b807020802",
		code: 2, id: 1, msg: "Configure-Ack",
		summary: "ACCM=0x00000000 Auth=MS-CHAPv2 Magic=0xb6d5e1b8 PFC ACFC",
	},
	{
		// pptpcrack__test.pcap frame 301: Windows rejects IPV6CP.
		// 08 06 00 14 80 57 01 04 00 0e 01 0a fc d3 33 5c f1 0e 5c 31
		name: "Windows Protocol-Reject IPV6CP",
		hex:  "0806001480570104000e010afcd3335cf10e5c31",
		code: 8, id: 6, msg: "Protocol-Reject",
		summary: "proto=IPV6CP",
		fields: map[string]string{
			"rejected_protocol": "0x8057", "rejected_protocol_name": "IPV6CP",
			"rejected_information": "0104000e010afcd3335cf10e5c31",
			"rejected_message":     "Configure-Request",
			// tshark dissects the rejected IPV6CP packet too.
			"rejected_packet.identifier":                     "4",
			"rejected_packet.options.0.interface_identifier": "fcd3:335c:f10e:5c31",
		},
	},
	{
		// pppd__mschapv2-mppe128.pcap frame 21: Echo-Request.
		// 09 00 00 08 b6 d5 e1 b8
		name: "pppd Echo-Request",
		hex:  "09000008b6d5e1b8",
		code: 9, id: 0, msg: "Echo-Request",
		summary: "magic=0xb6d5e1b8",
		fields:  map[string]string{"magic_number": "0xb6d5e1b8", "data": "<absent>"},
	},
	{
		// packetlife__PPP.cap frame 1: Cisco Echo-Request with 4 bytes of data.
		// 09 0b 00 0c 01 82 ef fd 00 82 e9 d0
		name: "Cisco Echo-Request with data",
		hex:  "090b000c0182effd0082e9d0",
		code: 9, id: 11, msg: "Echo-Request",
		summary: "magic=0x0182effd",
		fields:  map[string]string{"magic_number": "0x0182effd", "data": "0082e9d0"},
	},
	{
		// packetlife__PPP.cap frame 2: Echo-Reply.
		// 0a 0b 00 0c 00 82 e9 d0 00 82 e9 d0
		name: "Cisco Echo-Reply",
		hex:  "0a0b000c0082e9d00082e9d0",
		code: 10, id: 11, msg: "Echo-Reply",
		summary: "magic=0x0082e9d0",
		fields:  map[string]string{"magic_number": "0x0082e9d0", "data": "0082e9d0"},
	},
	{
		// pptpcrack__test.pcap frame 284: Identification "MSRASV5.20".
		// 0c 01 00 12 75 eb 25 d5 4d 53 52 41 53 56 35 2e 32 30
		name: "Windows Identification",
		hex:  "0c01001275eb25d54d5352415356352e3230",
		code: 12, id: 1, msg: "Identification",
		summary: `magic=0x75eb25d5 "MSRASV5.20"`,
		fields:  map[string]string{"magic_number": "0x75eb25d5", "message": "MSRASV5.20"},
	},
	{
		// pptpcrack__test.pcap frame 286: Identification with a binary message
		// (tshark prints it as garbage text).
		// 0c 03 00 18 75 eb 25 d5 96 15 71 21 fd b7 8f 47 b5 d0 be 36 d2 e9 7e 50
		name: "Windows Identification binary",
		hex:  "0c03001875eb25d596157121fdb78f47b5d0be36d2e97e50",
		code: 12, id: 3, msg: "Identification",
		summary: "magic=0x75eb25d5 16 bytes",
		fields:  map[string]string{"message": "96157121fdb78f47b5d0be36d2e97e50"},
	},
	{
		// pppd__chap-md5-noenc.pcap frame 115: Terminate-Request "User request".
		// 05 02 00 10 55 73 65 72 20 72 65 71 75 65 73 74
		name: "pppd Terminate-Request User request",
		hex:  "05020010557365722072657175657374",
		code: 5, id: 2, msg: "Terminate-Request",
		summary: `"User request"`,
		fields:  map[string]string{"data": "User request"},
	},
	{
		// pppd__mschapv2-mppe128.pcap frame 108: Terminate-Request "MPPE disabled".
		// 05 02 00 11 4d 50 50 45 20 64 69 73 61 62 6c 65 64
		name: "pppd Terminate-Request MPPE disabled",
		hex:  "050200114d5050452064697361626c6564",
		code: 5, id: 2, msg: "Terminate-Request",
		summary: `"MPPE disabled"`,
		fields:  map[string]string{"data": "MPPE disabled"},
	},
	{
		// pptpcrack__test.pcap frame 101: Windows Terminate-Request with binary data.
		// 05 09 00 10 16 2a 1f 3a 00 3c cd 74 00 00 00 00
		name: "Windows Terminate-Request binary",
		hex:  "05090010162a1f3a003ccd7400000000",
		code: 5, id: 9, msg: "Terminate-Request",
		summary: "12 bytes",
		fields:  map[string]string{"data": "162a1f3a003ccd7400000000"},
	},
	{
		// pppd__mschapv2-mppe128.pcap frame 111: Terminate-Ack.
		// 06 02 00 04
		name: "pppd Terminate-Ack",
		hex:  "06020004",
		code: 6, id: 2, msg: "Terminate-Ack",
		summary: "",
		fields:  map[string]string{"data": "<absent>", "length": "4"},
	},
	// Constructed packets for codes and options no capture holds.
	{
		// Code-Reject of a packet with code 0x20.
		name: "constructed Code-Reject",
		hex:  "070300082001000a",
		code: 7, id: 3, msg: "Code-Reject",
		summary: "code=32(Unknown-32) id=1",
		fields: map[string]string{
			"rejected_code": "32", "rejected_code_name": "Unknown-32", "rejected_identifier": "1",
			"rejected_length": "10", "rejected_packet": "2001000a",
		},
	},
	{
		name: "constructed Discard-Request",
		hex:  "0b04000a11223344abcd",
		code: 11, id: 4, msg: "Discard-Request",
		summary: "magic=0x11223344",
		fields:  map[string]string{"magic_number": "0x11223344", "data": "abcd"},
	},
	{
		// RFC 1570 Time-Remaining: magic, seconds, message.
		name: "constructed Time-Remaining",
		hex:  "0d05001211223344000000786c6f676f7574",
		code: 13, id: 5, msg: "Time-Remaining",
		summary: "magic=0x11223344 seconds=120",
		fields:  map[string]string{"magic_number": "0x11223344", "seconds": "120", "message": "logout"},
	},
	{
		// Quality-Protocol LQR with a reporting period, Short-Sequence (18),
		// Link-Discriminator (23) and an unassigned option 99.
		name: "constructed options LQR ShortSeq LinkDisc unknown",
		hex:  "010700150408c025000003e81202170400016303ff",
		code: 1, id: 7, msg: "Configure-Request",
		summary: "Quality=LQR Short-Sequence Link-Discriminator opt99",
		fields: map[string]string{
			"options.0.name": "Quality-Protocol", "options.0.protocol": "0xc025",
			"options.0.protocol_name": "LQR", "options.0.reporting_period": "1000",
			"options.1.name": "Short-Sequence", "options.1.data": "<absent>",
			"options.2.name": "Link-Discriminator", "options.2.data": "0001",
			"options.3.type": "99", "options.3.name": "<absent>", "options.3.data": "ff",
		},
	},
	{
		name: "constructed Callback with message",
		hex:  "0108000a0d0601353535",
		code: 1, id: 8, msg: "Configure-Request",
		summary: "Callback=1",
		fields:  map[string]string{"options.0.operation_name": "Dialing string", "options.0.message": "555"},
	},
	{
		name: "constructed unknown code",
		hex:  "2a010006abcd",
		code: 42, id: 1, msg: "Unknown-42",
		summary: "2 bytes",
		fields:  map[string]string{"code_name": "Unknown-42", "data": "abcd"},
		notes:   1,
	},
	// Broken packets.
	{
		// An MRU option of length 3: kept as raw data, with a note.
		name: "MRU with wrong length",
		hex:  "0101000d0103050506e77d019e",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "MRU Magic=0xe77d019e",
		fields:  map[string]string{"options.0.mru": "<absent>", "options.0.data": "05", "options.1.magic_number": "0xe77d019e"},
		notes:   1,
	},
	{
		// The second option has length 0: the first is kept.
		name: "option length 0",
		hex:  "0101000c010405780500e77d",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "MRU=1400 (bad options)",
		fields:  map[string]string{"options.0.mru": "1400", "options.1": "<absent>", "undecoded_options": "0500e77d"},
		err:     ErrMalformed,
		notes:   1,
	},
	{
		// The last option runs past Length.
		name: "option past Length",
		hex:  "0101000a01040578050a",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "MRU=1400 (bad options)",
		fields:  map[string]string{"options.0.mru": "1400", "undecoded_options": "050a"},
		err:     ErrTruncated,
		notes:   1,
	},
	{
		// pppd__mschapv2-mppe128.pcap frame 17 cut after 12 bytes (snap length).
		name: "truncated",
		hex:  "010100140206000000000506",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "ACCM=0x00000000 (bad options)",
		fields:  map[string]string{"length": "20", "options.0.accm": "0x00000000"},
		err:     ErrTruncated,
		notes:   2,
	},
	{
		name: "Length below 4",
		hex:  "01010002",
		code: 1, id: 1, msg: "Configure-Request",
		summary: "",
		err:     ErrMalformed,
		notes:   1,
	},
	{
		// Echo-Request too short for its magic number.
		name: "Echo-Request without magic",
		hex:  "09000006b6d5",
		code: 9, id: 0, msg: "Echo-Request",
		summary: "2 bytes",
		fields:  map[string]string{"data": "b6d5", "magic_number": "<absent>"},
		err:     ErrMalformed,
		notes:   1,
	},
	{
		// Two bytes of padding after Length are left out of the layer.
		name: "padding after Length",
		hex:  "09000008b6d5e1b80000",
		code: 9, id: 0, msg: "Echo-Request",
		summary: "magic=0xb6d5e1b8",
		notes:   1,
	},
}

func TestLCP(t *testing.T) {
	cpRun(t, func() cpLayer { return &LCP{} }, lcpCases)
}

// TestLCPAccessors checks the typed accessors the session tracker uses.
func TestLCPAccessors(t *testing.T) {
	var l LCP
	// pptpcrack__test.pcap frame 276 (see lcpCases).
	if err := l.DecodeFromBytes(cpHex(t, "01000034010405780304c227050670ed20e6070208020d03061104064e131701f3198e8764b2429f8d09ef637b516ea700000000"), gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	if v, ok := l.MRU(); !ok || v != 1400 {
		t.Errorf("MRU() = %d, %v", v, ok)
	}
	if _, ok := l.ACCM(); ok {
		t.Error("ACCM() found")
	}
	if p, a, ok := l.AuthProtocol(); !ok || p != 0xc227 || a != 0 {
		t.Errorf("AuthProtocol() = %#x, %d, %v", p, a, ok)
	}
	if v, ok := l.MagicNumber(); !ok || v != 0x70ed20e6 {
		t.Errorf("MagicNumber() = %#x, %v", v, ok)
	}
	if !l.PFC() || !l.ACFC() {
		t.Error("PFC/ACFC missing")
	}
	if v, ok := l.MRRU(); !ok || v != 1614 {
		t.Errorf("MRRU() = %d, %v", v, ok)
	}
	if _, _, ok := l.RejectedProtocol(); ok {
		t.Error("RejectedProtocol on a Configure-Request")
	}
	if _, _, ok := l.MagicField(); ok {
		t.Error("MagicField on a Configure-Request")
	}

	// pppd__mschapv2-mppe128.pcap frame 18: MS-CHAPv2.
	if err := l.DecodeFromBytes(cpHex(t, "010100190206000000000305c223810506b6d5e1b807020802"), gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	if p, a, ok := l.AuthProtocol(); !ok || p != 0xc223 || CHAPAlgorithm(a) != CHAPAlgorithmMSCHAPv2 {
		t.Errorf("AuthProtocol() = %#x, %#x, %v", p, a, ok)
	}
	if v, ok := l.ACCM(); !ok || v != 0 {
		t.Errorf("ACCM() = %#x, %v", v, ok)
	}
	if _, ok := l.MRU(); ok {
		t.Error("MRU() found in a packet without it (decoder state not reset?)")
	}

	// pptpcrack__test.pcap frame 301: Protocol-Reject.
	if err := l.DecodeFromBytes(cpHex(t, "0806001480570104000e010afcd3335cf10e5c31"), gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	if p, info, ok := l.RejectedProtocol(); !ok || p != PPPTypeIPV6CP || len(info) != 14 {
		t.Errorf("RejectedProtocol() = %v, %x, %v", p, info, ok)
	}
	if l.PFC() {
		t.Error("PFC on a Protocol-Reject")
	}

	// packetlife__PPP.cap frame 1: Echo-Request.
	if err := l.DecodeFromBytes(cpHex(t, "090b000c0182effd0082e9d0"), gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	if m, rest, ok := l.MagicField(); !ok || m != 0x0182effd || !bytes.Equal(rest, []byte{0, 0x82, 0xe9, 0xd0}) {
		t.Errorf("MagicField() = %#x, %x, %v", m, rest, ok)
	}

	// Time-Remaining (constructed).
	if err := l.DecodeFromBytes(cpHex(t, "0d05001211223344000000786c6f676f7574"), gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	if m, rest, ok := l.MagicField(); !ok || m != 0x11223344 || string(rest) != "logout" {
		t.Errorf("MagicField() = %#x, %q, %v", m, rest, ok)
	}
	if s, ok := l.SecondsRemaining(); !ok || s != 120 {
		t.Errorf("SecondsRemaining() = %d, %v", s, ok)
	}
}

func TestAuthName(t *testing.T) {
	for _, c := range []struct {
		proto uint16
		alg   uint8
		want  string
	}{
		{0xc023, 0, "PAP"}, {0xc227, 0, "EAP"}, {0xc223, 0, "CHAP"}, {0xc223, 5, "CHAP-MD5"},
		{0xc223, 0x80, "MS-CHAPv1"}, {0xc223, 0x81, "MS-CHAPv2"}, {0xc223, 7, "CHAP-7"}, {0x1234, 0, "0x1234"},
	} {
		if got := AuthName(c.proto, c.alg); got != c.want {
			t.Errorf("AuthName(%#x, %d) = %q, want %q", c.proto, c.alg, got, c.want)
		}
	}
}

// TestConfigThroughPPP decodes whole PPP frames with gopacket.NewPacket, so
// the registration of the PPP protocol numbers is exercised too.
func TestConfigThroughPPP(t *testing.T) {
	for _, c := range []struct {
		name, hex string
		lt        gopacket.LayerType
		msg       string
		summary   string
	}{
		// pptpcrack__test.pcap frame 276: FF 03 C0 21 + LCP.
		{"LCP with FF03", "ff03c02101000034010405780304c227050670ed20e6070208020d03061104064e131701f3198e8764b2429f8d09ef637b516ea700000000",
			LayerTypeLCP, "Configure-Request", "MRU=1400 Auth=EAP Magic=0x70ed20e6 PFC ACFC Callback=6 MRRU=1614 ED=class1"},
		// pptpcrack__test.pcap frame 301: C0 21 (no FF 03) + LCP Protocol-Reject.
		{"LCP without FF03", "c0210806001480570104000e010afcd3335cf10e5c31", LayerTypeLCP, "Protocol-Reject", "proto=IPV6CP"},
		// pptpcrack__test.pcap frame 304: 80 FD + CCP Configure-Nak.
		{"CCP", "80fd0304000a120601000040", LayerTypeCCP, "Configure-Nak", "MPPE-128 stateless"},
		// pptpcrack__test.pcap frame 308: 80 21 + IPCP Configure-Nak.
		{"IPCP", "80210307001003 06c0a82b6f8106c0a82b6e", LayerTypeIPCP, "Configure-Nak", "IP=192.168.43.111 DNS1=192.168.43.110"},
		// pptpcrack__test.pcap frame 296: 80 57 + IPV6CP Configure-Request.
		{"IPV6CP", "80570104000e010afcd3335cf10e5c31", LayerTypeIPV6CP, "Configure-Request", "IfID=fcd3:335c:f10e:5c31"},
		// pptpcrack__test.pcap frame 1: FD (1-byte protocol) + MPPE.
		{"MPPE", "fd9374058ca93b09364af611044a73de3f1a069b7891d01fed7f25d5a1cb942b533836259cf183d6a43e976a9cb455bab555330cea",
			LayerTypeMPPE, "Data", "ccount=884 A D"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := gopacket.NewPacket(cpHex(t, c.hex), LayerTypePPP, gopacket.Default)
			if e := p.ErrorLayer(); e != nil {
				t.Fatalf("decode error: %v", e.Error())
			}
			l := p.Layer(c.lt)
			if l == nil {
				t.Fatalf("no %v layer in %v", c.lt, p)
			}
			m := l.(Message)
			if m.Name() != c.msg || m.Summary() != c.summary {
				t.Errorf("got %s %q, want %s %q", m.Name(), m.Summary(), c.msg, c.summary)
			}
		})
	}
}

// TestConfigDecodingLayerParser checks the layers through gopacket's
// zero-allocation parser, reusing them across packets.
func TestConfigDecodingLayerParser(t *testing.T) {
	var (
		ppp  PPP
		lcp  LCP
		ipcp IPCP
		v6   IPV6CP
		ccp  CCP
		mppe MPPE
	)
	parser := gopacket.NewDecodingLayerParser(LayerTypePPP, &ppp, &lcp, &ipcp, &v6, &ccp, &mppe)
	parser.IgnoreUnsupported = true
	var decoded []gopacket.LayerType
	for _, c := range []struct {
		hex  string
		last gopacket.LayerType
	}{
		{"ff03c021010100140206000000000506e77d019e07020802", LayerTypeLCP}, // pppd__mschapv2-mppe128.pcap 17
		{"80fd0101000a120601000040", LayerTypeCCP},                         // pppd__mschapv2-mppe128.pcap 29
		{"c02109000008b6d5e1b8", LayerTypeLCP},                             // pppd__mschapv2-mppe128.pcap 21
		{"fd90000eb36dfd610a9ed0fa", LayerTypeMPPE},                        // pppd__mschapv2-mppe128.pcap 43 (cut)
	} {
		if err := parser.DecodeLayers(cpHex(t, c.hex), &decoded); err != nil {
			t.Fatalf("%s: %v", c.hex, err)
		}
		if got := decoded[len(decoded)-1]; got != c.last {
			t.Errorf("%s: last layer %v, want %v", c.hex, got, c.last)
		}
	}
	if lcp.Name() != "Echo-Request" || lcp.PFC() || len(lcp.Options) != 0 {
		t.Errorf("reused LCP layer kept old state: %s %x", lcp.Name(), lcp.Options)
	}
}

func FuzzLCP(f *testing.F) {
	for _, c := range lcpCases {
		f.Add(cpHex(f, c.hex))
	}
	f.Fuzz(func(t *testing.T, data []byte) { cpFuzz(t, &LCP{}, data) })
}

// cpFuzz decodes data and checks the invariants of a control layer.
func cpFuzz(t *testing.T, l cpLayer, data []byte) {
	err := l.DecodeFromBytes(data, gopacket.NilDecodeFeedback)
	// Whatever happened, displaying must not panic.
	_ = l.Name()
	_ = l.Summary()
	_ = l.Notes()
	f := l.Fields()
	_ = f.AppendJSON(nil)
	cpCheckRanges(t, f, len(l.LayerContents()))
	if err != nil {
		if !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrMalformed) {
			t.Fatalf("error %v wraps neither ErrTruncated nor ErrMalformed", err)
		}
		return
	}
	n := int(data[2])<<8 | int(data[3])
	if len(l.LayerContents()) != n || !bytes.Equal(l.LayerContents(), data[:n]) {
		t.Fatalf("Contents %x, want the first Length=%d bytes of %x", l.LayerContents(), n, data)
	}
	cpRoundTrip(t, l)
}

func FuzzOptionIterator(f *testing.F) {
	for _, c := range lcpCases {
		if b := cpHex(f, c.hex); len(b) > 4 {
			f.Add(b[4:])
		}
	}
	f.Add([]byte{})
	f.Add([]byte{1})
	f.Add([]byte{1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		it := NewOptionIterator(data, 4)
		off := 0
		for o, ok := it.Next(); ok; o, ok = it.Next() {
			if o.Offset != 4+off {
				t.Fatalf("offset %d, want %d", o.Offset, 4+off)
			}
			if o.Type != data[off] || int(data[off+1]) != 2+len(o.Data) {
				t.Fatalf("option at %d: type %d len %d disagrees with %x", off, o.Type, len(o.Data), data[off:off+2])
			}
			if !bytes.Equal(o.Data, data[off+2:off+2+len(o.Data)]) {
				t.Fatal("data is not the option's bytes")
			}
			off += 2 + len(o.Data)
			if off > len(data) {
				t.Fatal("option past the end")
			}
		}
		if err := it.Err(); err == nil && off != len(data) {
			t.Fatalf("stopped at %d of %d without an error", off, len(data))
		} else if err != nil && !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrMalformed) {
			t.Fatalf("error %v", err)
		}
	})
}

func BenchmarkLCP(b *testing.B) {
	// pptpcrack__test.pcap frame 276: 8 options.
	data := cpHex(b, "01000034010405780304c227050670ed20e6070208020d03061104064e131701f3198e8764b2429f8d09ef637b516ea700000000")
	var l LCP
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := l.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			b.Fatal(err)
		}
		if _, ok := l.MagicNumber(); !ok {
			b.Fatal("no magic")
		}
	}
}
