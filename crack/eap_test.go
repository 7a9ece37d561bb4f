package crack

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
)

// eapMSCHAPv2Capture builds a pcap (link type 50, PPP in HDLC-like
// framing, as packetlife__PPP_EAP.cap) holding an EAP-MSCHAPv2 exchange
// with RFC 2759 section 9.2's values: none of the bundled captures has one
// (pppd 2.4.9 has no EAP-MSCHAPv2).
func eapMSCHAPv2Capture() []byte {
	eap := func(code, id byte, body []byte) []byte {
		p := []byte{0xff, 0x03, 0xc2, 0x27, code, id, 0, 0}
		binary.BigEndian.PutUint16(p[6:], uint16(4+len(body)))
		return append(p, body...)
	}
	mschap := func(op, id byte, value, name []byte) []byte {
		b := []byte{26, op, id, 0, 0, byte(len(value))}
		b = append(append(b, value...), name...)
		binary.BigEndian.PutUint16(b[3:], uint16(len(b)+4-5))
		return b
	}
	resp := append(append(append(unhex("21402324255E262A28295F2B3A337C7E"), make([]byte, 8)...),
		unhex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF")...), 0)
	frames := [][]byte{
		eap(1, 1, []byte{1}),                    // Request Identity
		eap(2, 1, append([]byte{1}, "User"...)), // Response Identity
		eap(1, 2, mschap(1, 7, unhex("5B5D7C7D7B3F2F3E3C2C602132262628"), []byte("srv"))),
		eap(2, 2, mschap(2, 7, resp, []byte("User"))),
		eap(3, 2, nil), // Success
	}
	var b bytes.Buffer
	hdr := []byte{0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 50, 0, 0, 0}
	b.Write(hdr)
	for i, f := range frames {
		rec := make([]byte, 16)
		binary.LittleEndian.PutUint32(rec[0:], uint32(1700000000+i))
		binary.LittleEndian.PutUint32(rec[8:], uint32(len(f)))
		binary.LittleEndian.PutUint32(rec[12:], uint32(len(f)))
		b.Write(rec)
		b.Write(f)
	}
	return b.Bytes()
}

func TestEAPMSCHAPv2(t *testing.T) {
	src, err := capture.OpenReader(bytes.NewReader(eapMSCHAPv2Capture()), "eap-mschapv2.pcap")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Collect(src)
	if err != nil {
		t.Fatal(err)
	}
	if got := describe(c); got != "1:EAP-MSCHAPv2:User:success:frame4 incomplete=0" {
		t.Fatalf("collected %s", got)
	}
	out := attack(t, c.Auths, "x\nclientPass\n", Options{})
	if r := out.Results[0]; !r.Found || string(r.Password) != "clientPass" || r.Candidate != 2 {
		t.Fatalf("%+v", r)
	}
	if line, mode, _ := Export(&c.Auths[0], FormatHashcat); mode != 5500 || line != "User::::82309ecd8d708b5ea08faa3981cd83544233114a3d85d6df:d02e4386bce91226" {
		t.Fatalf("export %q", line)
	}
}
