package decode

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

var greCases = []struct {
	name          string
	hex           string
	header        int // bytes of GRE header
	payload       int // bytes of payload kept
	pptp, ackOnly bool
	short         bool
	callID        uint16
	payloadLen    int
	seq, ack      *uint32
	next          gopacket.LayerType
	fields        map[string]string
	err           error
}{
	{
		// pppd__mschapv2-mppe128.pcap frame 43: seq + ack, payload 0x35 bytes (MPPE).
		// 30 81 88 0b 00 35 ff 97 00 00 00 0c 00 00 00 0c
		name:   "v1 seq+ack",
		hex:    "3081880b0035ff970000000c0000000c" + "fd90000eb36dfd610a9ed0fa8b19048011894cac13a3e5ac967bc3575fbf4e03ec4cf637f5a6feaf20d56619f019b3ce701e3eb203",
		header: 16, payload: 0x35, pptp: true, callID: 0xff97, payloadLen: 0x35, seq: u32(12), ack: u32(12), next: LayerTypePPP,
		fields: map[string]string{"version": "1", "protocol": "0x880b", "payload_length": "53", "call_id": "65431", "seq": "12", "ack": "12"},
	},
	{
		// pppd__mschapv2-mppe128.pcap frame 17: seq only; FF 03 + LCP.
		// 30 01 88 0b 00 18 00 00 00 00 00 01
		name:   "v1 seq only",
		hex:    "3001880b0018000000000001" + "ff03c021010100140206000000000506e77d019e07020802",
		header: 12, payload: 0x18, pptp: true, callID: 0, payloadLen: 0x18, seq: u32(1), next: LayerTypePPP,
		fields: map[string]string{"seq": "1", "ack": "<absent>", "call_id": "0"},
	},
	{
		// pptpcrack__test.pcap frame 3: ack-only (tshark: Payload Length 0, Call ID 64688, Ack 901).
		// 20 81 88 0b 00 00 fc b0 00 00 03 85
		name:   "v1 ack-only Windows",
		hex:    "2081880b0000fcb000000385",
		header: 12, pptp: true, ackOnly: true, callID: 0xfcb0, ack: u32(0x385), next: gopacket.LayerTypeZero,
		fields: map[string]string{"payload_length": "0", "call_id": "64688", "seq": "<absent>", "ack": "901"},
	},
	{
		// The 12-byte ack-only layout of the vectors README.
		name:   "v1 ack-only vector",
		hex:    "2081880B0000abcd00000005",
		header: 12, pptp: true, ackOnly: true, callID: 0xabcd, ack: u32(5), next: gopacket.LayerTypeZero,
	},
	{
		// packetlife__GRE.cap frame 1: GRE version 0 carrying IPv4/ICMP.
		// 00 00 08 00 45 00 00 64 ...
		name: "v0 IPv4",
		hex: "0000080045000064000a0000ff01b58901010101020202020800bfd400020000000000000003be70" +
			"abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd",
		header: 4, payload: 100, next: layers.LayerTypeIPv4,
		fields: map[string]string{"version": "0", "protocol": "0x0800", "call_id": "<absent>"},
	},
	{
		// pppd__mschapv2-mppe128.pcap frame 17 with 4 bytes of garbage after the
		// announced payload: they are dropped.
		name:   "v1 trailing bytes",
		hex:    "3001880b0018000000000001" + "ff03c021010100140206000000000506e77d019e07020802" + "deadbeef",
		header: 12, payload: 0x18, pptp: true, payloadLen: 0x18, seq: u32(1), next: LayerTypePPP,
	},
	{
		// pppd__mschapv2-mppe128.pcap frame 17 cut 4 bytes short (snap length).
		name:   "v1 short payload",
		hex:    "3001880b0018000000000001" + "ff03c021010100140206000000000506e77d019e",
		header: 12, payload: 0x14, pptp: true, short: true, payloadLen: 0x18, seq: u32(1), next: LayerTypePPP,
	},
	{name: "truncated before seq", hex: "3081880b0035ff97", err: ErrTruncated},
	{name: "truncated ack", hex: "3081880b0035ff970000000c0000", err: ErrTruncated},
	{name: "truncated header", hex: "308188", err: ErrTruncated},
}

func u32(v uint32) *uint32 { return &v }

func TestGRE(t *testing.T) {
	for _, c := range greCases {
		t.Run(c.name, func(t *testing.T) {
			data := cpHex(t, c.hex)
			var g GRE
			var df cpFeedback
			err := g.DecodeFromBytes(data, &df)
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("error %v, want %v", err, c.err)
				}
				if !df.truncated {
					t.Error("SetTruncated not called")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(g.Contents) != c.header || len(g.Payload) != c.payload || !bytes.Equal(g.Payload, data[c.header:c.header+c.payload]) {
				t.Errorf("header %d payload %d, want %d %d", len(g.Contents), len(g.Payload), c.header, c.payload)
			}
			if g.IsPPTP() != c.pptp || g.AckOnly() != c.ackOnly || g.Short != c.short || df.truncated != c.short {
				t.Errorf("IsPPTP %v AckOnly %v Short %v truncated %v", g.IsPPTP(), g.AckOnly(), g.Short, df.truncated)
			}
			if c.pptp && (g.CallID() != c.callID || g.PayloadLength() != c.payloadLen) {
				t.Errorf("call ID %d payload length %d", g.CallID(), g.PayloadLength())
			}
			if g.SeqPresent != (c.seq != nil) || c.seq != nil && g.Seq != *c.seq {
				t.Errorf("seq present %v = %d", g.SeqPresent, g.Seq)
			}
			if g.AckPresent != (c.ack != nil) || c.ack != nil && g.Ack != *c.ack {
				t.Errorf("ack present %v = %d", g.AckPresent, g.Ack)
			}
			if g.NextLayerType() != c.next {
				t.Errorf("NextLayerType() = %v, want %v", g.NextLayerType(), c.next)
			}
			f := g.Fields()
			cpCheckFields(t, f, c.fields)
			cpCheckRanges(t, f, len(g.Contents))
			buf := gopacket.NewSerializeBuffer()
			if err := g.SerializeTo(buf, gopacket.SerializeOptions{}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), g.Contents) {
				t.Errorf("round trip %x, want %x", buf.Bytes(), g.Contents)
			}
		})
	}
}

// TestGREThroughGopacket decodes GRE -> PPP -> LCP/MPPE with gopacket.NewPacket.
func TestGREThroughGopacket(t *testing.T) {
	for _, c := range greCases[:5] {
		p := gopacket.NewPacket(cpHex(t, c.hex), LayerTypeGRE, gopacket.Default)
		if p.ErrorLayer() != nil {
			t.Errorf("%s: %v", c.name, p.ErrorLayer().Error())
		}
		if c.next != gopacket.LayerTypeZero && p.Layer(c.next) == nil {
			t.Errorf("%s: no %v layer: %v", c.name, c.next, p)
		}
	}
}

func FuzzGRE(f *testing.F) {
	for _, c := range greCases {
		f.Add(cpHex(f, c.hex))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var g, fast GRE
		fast.Short = true // decodePPTP must reset it
		if fast.decodePPTP(data) {
			var df feedback
			err := g.DecodeFromBytes(data, &df)
			if err != nil || bool(df) || !reflect.DeepEqual(fast, g) {
				t.Fatalf("decodePPTP\n%#v\nDecodeFromBytes (error %v, truncated %v)\n%#v", fast, err, df, g)
			}
		}
		if err := g.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			if !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v", err)
			}
			return
		}
		f := g.Fields()
		cpCheckRanges(t, f, len(g.Contents))
		_ = g.NextLayerType()
		if !bytes.Equal(data[:len(g.Contents)], g.Contents) {
			t.Fatal("contents are not the start of the data")
		}
		if g.IsPPTP() && len(g.Payload) > g.PayloadLength() {
			t.Fatalf("payload %d longer than announced %d", len(g.Payload), g.PayloadLength())
		}
		if g.Version == 1 && !g.ChecksumPresent && !g.RoutingPresent {
			buf := gopacket.NewSerializeBuffer()
			if err := g.SerializeTo(buf, gopacket.SerializeOptions{}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), g.Contents) {
				t.Fatalf("round trip %x, want %x", buf.Bytes(), g.Contents)
			}
		}
		_ = gopacket.NewPacket(data, LayerTypeGRE, gopacket.Default)
	})
}

func BenchmarkGRE(b *testing.B) {
	data := cpHex(b, "3081880b0035ff970000000c0000000c"+"fd90000eb36dfd610a9ed0fa8b19048011894cac13a3e5ac967bc3575fbf4e03ec4cf637f5a6feaf20d56619f019b3ce701e3eb203")
	var g GRE
	b.ReportAllocs()
	for b.Loop() {
		if err := g.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			b.Fatal(err)
		}
	}
}
