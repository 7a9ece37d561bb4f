package decode

import (
	"encoding/hex"
	"strings"
	"testing"
)

// FuzzDecodeInner feeds the inner packet decoder arbitrary decrypted
// payloads (seeded with real inner packets of pppd__mschapv2-mppe128.pcap):
// it must not panic, must keep Length and Data
// within the input, and a valid IPv4 packet must carry a correct checksum.
func FuzzDecodeInner(f *testing.F) {
	for _, s := range []struct {
		proto uint16
		hex   string
	}{
		// The decrypted inner packets of pppd__mschapv2-mppe128.pcap
		// (pptpscope decrypt ... -w x.pcapng; tshark -r x.pcapng -x).
		// Frame 43: ICMPv6 Router-Solicitation.
		{0x57, "6000000000083aff fe80000000000000 79e28b2ae12b12b5 ff020000000000000000000000000002 8500844900000000"},
		// Frame 52: ICMP Echo-Request 172.16.77.10 -> 172.16.77.1.
		{0x21, "4500005466a840004001e1d4ac104d0aac104d010800cdde011c00010e1d056b" +
			"0000000054a9020000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637"},
		// Frame 75: TCP SYN to port 80.
		{0x21, "4500003c4c9a40004006fbf5ac104d0aac104d0192760050f26e73b400000000a002fff02c3c0000020405b00402080a347dfc430000000001030307"},
		// Not a network protocol.
		{0xc021, "01010004"},
	} {
		b, err := hex.DecodeString(strings.ReplaceAll(s.hex, " ", ""))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(s.proto, b)
	}
	dec := NewInnerDecoder()
	f.Fuzz(func(t *testing.T, proto uint16, b []byte) {
		var in Inner
		ok := dec.Decode(proto, b, &in)
		if in.Length > len(b) || len(in.Data) > len(b) {
			t.Fatalf("length %d / data %d beyond %d input bytes", in.Length, len(in.Data), len(b))
		}
		if ok && in.Network == "IPv4" && !checksumOK(in.Data[:int(in.Data[0]&15)*4]) {
			t.Fatal("valid IPv4 packet with a bad checksum")
		}
		if ok != in.Valid() {
			t.Fatal("Decode's result differs from Valid")
		}
	})
}
