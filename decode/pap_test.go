package decode

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Helpers shared by the PAP, CHAP, EAP and CBCP tests (prefixed auth so
// they do not collide with the helpers of the other decoders' tests).

// authHex decodes a hex string, ignoring white space.
func authHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

// authReadFrame returns frame n (counted from 1, as in Wireshark) of a
// capture in testdata/pcaps and its link type. It reads classic pcap and
// pcapng (section header, interface description and enhanced packet blocks,
// little-endian), which is all the test captures use.
func authReadFrame(t testing.TB, file string, n int) ([]byte, layers.LinkType) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "pcaps", file))
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	if len(b) >= 24 && le.Uint32(b) == 0xa1b2c3d4 {
		lt := layers.LinkType(le.Uint32(b[20:]))
		off := 24
		for i := 1; off+16 <= len(b); i++ {
			caplen := int(le.Uint32(b[off+8:]))
			if off+16+caplen > len(b) {
				break
			}
			if i == n {
				return b[off+16 : off+16+caplen], lt
			}
			off += 16 + caplen
		}
		t.Fatalf("%s: no frame %d", file, n)
	}
	if len(b) >= 12 && le.Uint32(b) == 0x0a0d0d0a && le.Uint32(b[8:]) == 0x1a2b3c4d {
		var linkTypes []layers.LinkType
		i := 0
		for off := 0; off+12 <= len(b); {
			typ, blen := le.Uint32(b[off:]), int(le.Uint32(b[off+4:]))
			if blen < 12 || off+blen > len(b) {
				break
			}
			switch typ {
			case 1: // interface description
				linkTypes = append(linkTypes, layers.LinkType(le.Uint16(b[off+8:])))
			case 6: // enhanced packet
				i++
				if i == n {
					ifc, caplen := int(le.Uint32(b[off+8:])), int(le.Uint32(b[off+20:]))
					return b[off+28 : off+28+caplen], linkTypes[ifc]
				}
			}
			off += blen
		}
		t.Fatalf("%s: no frame %d", file, n)
	}
	t.Fatalf("%s: not a little-endian pcap or pcapng file", file)
	return nil, 0
}

// authCaptureLayer decodes frame n of a capture with gopacket.NewPacket and
// returns the contents of its layer of type lt: this ties the hex in the
// test tables to the capture files.
func authCaptureLayer(t testing.TB, file string, n int, lt gopacket.LayerType) []byte {
	t.Helper()
	data, link := authReadFrame(t, file, n)
	first := gopacket.LayerType(layers.LayerTypeEthernet)
	if link == layers.LinkTypePPP || link == layers.LinkTypePPP_HDLC {
		first = LayerTypePPP
	}
	p := gopacket.NewPacket(data, first, gopacket.Default)
	l := p.Layer(lt)
	if l == nil {
		t.Fatalf("%s frame %d: no %v layer (%v)", file, n, lt, p)
	}
	return l.LayerContents()
}

// authRoundTrip serializes l with and without FixLengths and compares the
// result with want.
func authRoundTrip(t testing.TB, l gopacket.SerializableLayer, want []byte) {
	t.Helper()
	for _, fix := range []bool{false, true} {
		buf := gopacket.NewSerializeBuffer()
		if err := l.SerializeTo(buf, gopacket.SerializeOptions{FixLengths: fix}); err != nil {
			t.Fatalf("SerializeTo(FixLengths=%v): %v", fix, err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Fatalf("SerializeTo(FixLengths=%v):\n got %x\nwant %x", fix, buf.Bytes(), want)
		}
	}
}

// authCheckRanges checks that every field's byte range lies inside the
// layer's contents.
func authCheckRanges(t testing.TB, f Fields, n int) {
	t.Helper()
	for _, x := range f {
		if x.Start < 0 || x.Start > x.End || x.End > n {
			t.Fatalf("field %s has range [%d,%d) outside [0,%d)", x.Name, x.Start, x.End, n)
		}
		switch v := x.Value.(type) {
		case Fields:
			authCheckRanges(t, v, n)
		case []Fields:
			for _, o := range v {
				authCheckRanges(t, o, n)
			}
		}
	}
}

// authMessage is what the four layers have in common.
type authMessage interface {
	Message
	gopacket.DecodingLayer
	gopacket.SerializableLayer
}

// authFuzzOne decodes data into l and checks the invariants every decoder
// of this file set keeps: errors wrap ErrTruncated or ErrMalformed; a
// message is displayable whenever it has contents; field ranges stay in
// the contents; a message that decoded without error serializes back to
// its contents.
func authFuzzOne(t *testing.T, l authMessage, data []byte) error {
	err := l.DecodeFromBytes(data, gopacket.NilDecodeFeedback)
	if err != nil && !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrMalformed) {
		t.Fatalf("error %v wraps neither ErrTruncated nor ErrMalformed", err)
	}
	contents := l.LayerContents()
	if len(contents) == 0 {
		if err == nil {
			t.Fatalf("no error and no contents")
		}
		return err
	}
	authCheckRanges(t, l.Fields(), len(contents))
	_ = l.Summary()
	_ = l.Notes()
	_ = l.Name()
	_ = l.Identifier()
	_ = l.Fields().AppendJSON(nil)
	if err == nil {
		if len(contents) > len(data) || !bytes.Equal(contents, data[:len(contents)]) {
			t.Fatalf("contents are not a prefix of the data")
		}
		authRoundTrip(t, l, contents)
	}
	return err
}

// authGet returns a field value by name, failing the test when it is absent.
func authGet(t testing.TB, f Fields, name string) any {
	t.Helper()
	v, ok := f.Get(name)
	if !ok {
		t.Fatalf("no field %q in %v", name, f)
	}
	return v
}

// Real PAP packets. Values checked against tshark 4.0.17:
// tshark -r FILE -Y pap -T fields -e pap.code -e pap.identifier -e pap.length
// -e pap.peer_id -e pap.password -e pap.message.
var papCases = []struct {
	name     string
	file     string
	frame    int
	hex      string
	code     uint8
	msgName  string
	id       int
	length   uint16
	peerID   string
	password string
	message  string
	summary  string
}{
	{
		// 01 01 00 14 07 73 74 75 64 65 6e 74 07 73 79 62 65 72 6f 73
		name: "pppd request", file: "pppd__pap-noenc.pcap", frame: 23,
		hex:  "010100140773747564656e740773796265726f73",
		code: 1, msgName: "Authenticate-Request", id: 1, length: 20,
		peerID: "student", password: "syberos", summary: "peer_id=student",
	},
	{
		// 02 01 00 0d 08 4c 6f 67 69 6e 20 6f 6b
		name: "pppd ack", file: "pppd__pap-noenc.pcap", frame: 24,
		hex:  "0201000d084c6f67696e206f6b",
		code: 2, msgName: "Authenticate-Ack", id: 1, length: 13,
		message: "Login ok", summary: "Login ok",
	},
	{
		// 01 00 00 0e 04 69 78 69 61 04 69 78 69 61
		name: "packetlife request", file: "packetlife__PPTP_negotiation.cap", frame: 17,
		hex:  "0100000e04697869610469786961",
		code: 1, msgName: "Authenticate-Request", id: 0, length: 14,
		peerID: "ixia", password: "ixia", summary: "peer_id=ixia",
	},
	{
		// 02 00 00 05 00 (empty message)
		name: "packetlife ack", file: "packetlife__PPTP_negotiation.cap", frame: 18,
		hex:  "0200000500",
		code: 2, msgName: "Authenticate-Ack", id: 0, length: 5,
	},
}

func TestPAPRealPackets(t *testing.T) {
	for _, tc := range papCases {
		t.Run(tc.name, func(t *testing.T) {
			data := authHex(t, tc.hex)
			if got := authCaptureLayer(t, tc.file, tc.frame, LayerTypePAP); !bytes.Equal(got, data) {
				t.Fatalf("%s frame %d holds %x, table has %x", tc.file, tc.frame, got, data)
			}
			var p PAP
			if err := p.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
				t.Fatal(err)
			}
			if p.Code != tc.code || p.Name() != tc.msgName || p.Identifier() != tc.id || p.Length != tc.length {
				t.Errorf("header: code %d %s id %d len %d", p.Code, p.Name(), p.Identifier(), p.Length)
			}
			if p.Proto() != "PAP" {
				t.Errorf("Proto %q", p.Proto())
			}
			if string(p.PeerID) != tc.peerID || string(p.Password) != tc.password || string(p.Message) != tc.message {
				t.Errorf("peer %q password %q message %q", p.PeerID, p.Password, p.Message)
			}
			if s := p.Summary(); s != tc.summary {
				t.Errorf("Summary %q, want %q", s, tc.summary)
			}
			if n := p.Notes(); len(n) != 0 {
				t.Errorf("Notes %q", n)
			}
			f := p.Fields()
			authCheckRanges(t, f, len(data))
			if tc.code == PAPAuthenticateRequest {
				if v := authGet(t, f, "peer_id"); v != tc.peerID {
					t.Errorf("peer_id field %v", v)
				}
				if v := authGet(t, f, "password"); v != tc.password {
					t.Errorf("password field %v", v)
				}
			} else if v := authGet(t, f, "message"); v != tc.message {
				t.Errorf("message field %v", v)
			}
			authRoundTrip(t, &p, data)
		})
	}
}

func TestPAPFieldRanges(t *testing.T) {
	// pppd__pap-noenc.pcap frame 23.
	var p PAP
	data := authHex(t, "010100140773747564656e740773796265726f73")
	if err := p.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{"code": {0, 1}, "identifier": {1, 2}, "length": {2, 4},
		"peer_id_length": {4, 5}, "peer_id": {5, 12}, "password_length": {12, 13}, "password": {13, 20}}
	for _, x := range p.Fields() {
		if r, ok := want[x.Name]; ok && (x.Start != r[0] || x.End != r[1]) {
			t.Errorf("%s range [%d,%d), want %v", x.Name, x.Start, x.End, r)
		}
	}
}

func TestPAPErrors(t *testing.T) {
	cases := []struct {
		name      string
		hex       string
		wantErr   error
		contents  int // expected len(Contents)
		truncated bool
		notes     int
		msgName   string
	}{
		// pppd frame 23 cut after the peer id: Length says 20, 12 bytes here.
		{"truncated", "010100140773747564656e74", ErrTruncated, 12, true, 0, "Authenticate-Request"},
		{"short header", "0101", ErrTruncated, 0, true, 0, ""},
		{"length below header", "01010002", ErrMalformed, 4, false, 0, "Authenticate-Request"},
		{"peer id past end", "0101000609ff", ErrMalformed, 6, false, 0, "Authenticate-Request"},
		{"password length missing", "0101000601aa", ErrMalformed, 6, false, 0, "Authenticate-Request"},
		{"nak without msg-length", "03070004", nil, 4, false, 1, "Authenticate-Nak"},
		{"ack with extra", "02070007016f21", nil, 7, false, 1, "Authenticate-Ack"},
		{"unknown code", "09070006beef", nil, 6, false, 0, "Unknown-9"},
		// Ethernet padding after Length is not part of the message.
		{"padding", "0200000500000000000000", nil, 5, false, 0, "Authenticate-Ack"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var p PAP
			df := &authFeedback{}
			err := p.DecodeFromBytes(authHex(t, tc.hex), df)
			if tc.wantErr == nil && err != nil || tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			}
			if len(p.Contents) != tc.contents || df.truncated != tc.truncated {
				t.Errorf("contents %d truncated %v", len(p.Contents), df.truncated)
			}
			if len(p.Notes()) != tc.notes {
				t.Errorf("notes %q", p.Notes())
			}
			if len(p.Contents) > 0 {
				if p.Name() != tc.msgName {
					t.Errorf("Name %q", p.Name())
				}
				authCheckRanges(t, p.Fields(), len(p.Contents))
				_ = p.Summary()
			}
			if err == nil {
				authRoundTrip(t, &p, p.Contents)
			}
		})
	}
}

type authFeedback struct{ truncated bool }

func (f *authFeedback) SetTruncated() { f.truncated = true }

func TestPAPNewPacket(t *testing.T) {
	// The registered decoder: PPP frame with FF 03 and protocol c023,
	// packetlife__PPTP_negotiation.cap frame 17.
	data := authHex(t, "ff03c023 0100000e04697869610469786961")
	p := gopacket.NewPacket(data, LayerTypePPP, gopacket.Default)
	if p.ErrorLayer() != nil {
		t.Fatal(p.ErrorLayer().Error())
	}
	pap, ok := p.Layer(LayerTypePAP).(*PAP)
	if !ok || pap.PeerIDString() != "ixia" || pap.PasswordString() != "ixia" {
		t.Fatalf("PAP layer %v", p)
	}
}

func FuzzPAP(f *testing.F) {
	for _, tc := range papCases {
		f.Add(authHex(f, tc.hex))
	}
	f.Add([]byte{3, 1, 0, 4})
	f.Fuzz(func(t *testing.T, data []byte) {
		var p PAP
		if authFuzzOne(t, &p, data) == nil {
			_, _, _ = p.PeerIDString(), p.PasswordString(), p.MessageText()
		}
	})
}

func BenchmarkPAP(b *testing.B) {
	data := authHex(b, "010100140773747564656e740773796265726f73")
	var p PAP
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := p.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			b.Fatal(err)
		}
	}
}
