package decode

import (
	"bytes"
	"errors"
	"testing"

	"github.com/gopacket/gopacket"
)

var mppeCases = []struct {
	name       string
	hex        string // the MPPE header and payload (after the PPP protocol field)
	a, b, c, d bool
	ccount     uint16
	payload    int
	summary    string
}{
	// The 4 header layouts of /work/shared/vectors/crypto-vectors.json
	// (kind mppe_header: ids mppe-hdr-9000, -10FF, -9FFF, -A005).
	{name: "vector mppe-hdr-9000", hex: "9000", a: true, d: true, ccount: 0, summary: "ccount=0 A D"},
	{name: "vector mppe-hdr-10FF", hex: "10FF", d: true, ccount: 255, summary: "ccount=255 D"},
	{name: "vector mppe-hdr-9FFF", hex: "9FFF", a: true, d: true, ccount: 4095, summary: "ccount=4095 A D"},
	{name: "vector mppe-hdr-A005", hex: "A005", a: true, c: true, ccount: 5, summary: "ccount=5 A C"},
	// Vector mppe-stateful-128-flag-packet, packet 256 (after 00 FD).
	{name: "vector stateful packet 256", hex: "11009FF3873D8D06F4FCD643C64EA907D496C41F8D69052185C459305BCEC5CE556B283F",
		d: true, ccount: 256, payload: 34, summary: "ccount=256 D"},
	// pppd__mschapv2-mppe128.pcap frame 43: the first encrypted frame (after FD;
	// tshark shows only "PPP Compressed Datagram").
	// 90 00 0e b3 6d fd 61 0a 9e d0 fa 8b 19 04 80 11 89 4c ac 13 a3 e5 ac 96 7b c3
	// 57 5f bf 4e 03 ec 4c f6 37 f5 a6 fe af 20 d5 66 19 f0 19 b3 ce 70 1e 3e b2 03
	{name: "pppd first frame", hex: "90000eb36dfd610a9ed0fa8b19048011894cac13a3e5ac967bc3575fbf4e03ec4cf637f5a6feaf20d56619f019b3ce701e3eb203",
		a: true, d: true, ccount: 0, payload: 50, summary: "ccount=0 A D"},
	// pptpcrack__test.pcap frame 1 (Windows, stateless 128-bit), ccount 0x374.
	// 93 74 05 8c a9 3b 09 36 4a f6 11 04 4a 73 de 3f 1a 06 9b 78 91 d0 1f ed 7f 25
	// d5 a1 cb 94 2b 53 38 36 25 9c f1 83 d6 a4 3e 97 6a 9c b4 55 ba b5 55 33 0c ea
	{name: "Windows frame", hex: "9374058ca93b09364af611044a73de3f1a069b7891d01fed7f25d5a1cb942b533836259cf183d6a43e976a9cb455bab555330cea",
		a: true, d: true, ccount: 0x374, payload: 50, summary: "ccount=884 A D"},
	// pptpcrack__test.pcap frame 2068, ccount 0x110.
	{name: "Windows frame 2068", hex: "9110 9d186beede6d922b484dbc0c77ff9a2e58354e4472237332df03063c0f85ebd38c7f3c02394e44e53d76a6441cf61686052a0f1f2284",
		a: true, d: true, ccount: 0x110, payload: 54, summary: "ccount=272 A D"},
}

func TestMPPE(t *testing.T) {
	for _, c := range mppeCases {
		t.Run(c.name, func(t *testing.T) {
			data := cpHex(t, c.hex)
			var m MPPE
			if err := m.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
				t.Fatal(err)
			}
			if m.Flushed != c.a || m.AtFront != c.b || m.Compressed != c.c || m.Encrypted != c.d || m.CoherencyCount != c.ccount {
				t.Errorf("A B C D ccount = %v %v %v %v %d, want %v %v %v %v %d",
					m.Flushed, m.AtFront, m.Compressed, m.Encrypted, m.CoherencyCount, c.a, c.b, c.c, c.d, c.ccount)
			}
			if len(m.Payload) != c.payload || !bytes.Equal(m.Payload, data[2:]) || !bytes.Equal(m.Contents, data[:2]) {
				t.Errorf("Contents %x Payload %d bytes, want header + %d", m.Contents, len(m.Payload), c.payload)
			}
			if m.Proto() != "MPPE" || m.Name() != "Data" || m.Identifier() != -1 {
				t.Errorf("Proto/Name/Identifier = %s %s %d", m.Proto(), m.Name(), m.Identifier())
			}
			if s := m.Summary(); s != c.summary {
				t.Errorf("Summary() = %q, want %q", s, c.summary)
			}
			want := map[string]string{
				"a_flushed": boolText(c.a), "b": boolText(c.b), "c_compressed": boolText(c.c),
				"d_encrypted": boolText(c.d), "coherency_count": itoa(int(c.ccount)), "payload_length": itoa(c.payload),
			}
			f := m.Fields()
			cpCheckFields(t, f, want)
			cpCheckRanges(t, f, len(data))
			next := gopacket.LayerTypePayload
			if c.payload == 0 {
				next = gopacket.LayerTypeZero
			}
			if m.NextLayerType() != next {
				t.Errorf("NextLayerType() = %v, want %v", m.NextLayerType(), next)
			}
			mppeRoundTrip(t, &m, data)
		})
	}
}

func itoa(i int) string { return Text(i) }

func mppeRoundTrip(t testing.TB, m *MPPE, data []byte) {
	t.Helper()
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true}, m, gopacket.Payload(m.Payload)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), data) {
		t.Errorf("serialized %x, want %x", buf.Bytes(), data)
	}
}

// TestMPPEVectorSequences decodes the PPP payloads of the vectors'
// mppe_sequence cases (00 FD + header + ciphertext) through the PPP layer.
func TestMPPEVectorSequences(t *testing.T) {
	for _, c := range []struct {
		id      string
		payload string
		flushed bool
		ccount  uint16
	}{
		{"mppe-stateless-128-3pkts/1", "00FD9001353CA429A611EE5D42DD5B96EB48FA4200B23F711D5964AE1599DF5B9D278C94BFE1", true, 1},
		{"mppe-stateless-40-3pkts/2", "00FD9002370AC53EE3EB78838FD12E3DF258ED508A9ADAD022B1021F937EA70374E7FF9191F9", true, 2},
		{"mppe-stateful-128-flag-packet/254", "00FD10FEFA03BA3E5F42BC3DCB46523E64346BAF35DC4888D9D4320EC86D96955A9B2F2F03AD", false, 254},
		{"mppe-stateful-128-flag-packet/255", "00FD90FF7058132BE04F5845D366C9241A889FBA69F132D345F7BC343F1C9D53D77C2B2F3189", true, 255},
		{"mppe-stateful-128-flag-packet/257", "00FD1101B0306BFFE84AC9FBDE7DCD07A666818C1502B23011B4F364185230FF0AF1878D193A", false, 257},
	} {
		p := gopacket.NewPacket(cpHex(t, c.payload), LayerTypePPP, gopacket.Default)
		l, ok := p.Layer(LayerTypeMPPE).(*MPPE)
		if !ok {
			t.Errorf("%s: no MPPE layer: %v", c.id, p)
			continue
		}
		if l.Flushed != c.flushed || !l.Encrypted || l.CoherencyCount != c.ccount || len(l.Payload) != 34 {
			t.Errorf("%s: flushed %v encrypted %v ccount %d payload %d", c.id, l.Flushed, l.Encrypted, l.CoherencyCount, len(l.Payload))
		}
		if p.ApplicationLayer() == nil || len(p.ApplicationLayer().Payload()) != 34 {
			t.Errorf("%s: the ciphertext is not a Payload layer", c.id)
		}
	}
}

func TestMPPETruncated(t *testing.T) {
	var m MPPE
	err := m.DecodeFromBytes([]byte{0x90}, gopacket.NilDecodeFeedback)
	if !errors.Is(err, ErrTruncated) {
		t.Fatalf("error = %v, want ErrTruncated", err)
	}
	if len(m.Contents) != 1 || m.Fields() != nil || m.Summary() != "" || len(m.Notes()) != 1 {
		t.Errorf("truncated header: contents %x fields %v summary %q notes %q", m.Contents, m.Fields(), m.Summary(), m.Notes())
	}
	// A header with no payload decodes; nothing follows it.
	if err := m.DecodeFromBytes([]byte{0x90, 0x01}, gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	if m.NextLayerType() != gopacket.LayerTypeZero || m.CoherencyCount != 1 {
		t.Errorf("empty payload: next %v ccount %d", m.NextLayerType(), m.CoherencyCount)
	}
	// Through gopacket: one byte gives a truncated MPPE layer.
	p := gopacket.NewPacket([]byte{0xfd, 0x90}, LayerTypePPP, gopacket.Default)
	if p.ErrorLayer() == nil || p.Layer(LayerTypeMPPE) == nil {
		t.Errorf("1-byte MPPE through gopacket: %v", p)
	}
}

func FuzzMPPE(f *testing.F) {
	for _, c := range mppeCases {
		f.Add(cpHex(f, c.hex))
	}
	f.Add([]byte{})
	f.Add([]byte{0x90})
	f.Fuzz(func(t *testing.T, data []byte) {
		var m MPPE
		err := m.DecodeFromBytes(data, gopacket.NilDecodeFeedback)
		_ = m.Summary()
		_ = m.Notes()
		f := m.Fields()
		cpCheckRanges(t, f, len(data))
		if err != nil {
			if len(data) >= 2 || !errors.Is(err, ErrTruncated) {
				t.Fatalf("unexpected error %v for %x", err, data)
			}
			return
		}
		if m.CoherencyCount > 0xfff || len(m.Payload) != len(data)-2 {
			t.Fatalf("ccount %d payload %d", m.CoherencyCount, len(m.Payload))
		}
		// The header is A B C D + 12 bits, so every 2-byte value round-trips.
		mppeRoundTrip(t, &m, data)
	})
}

func BenchmarkMPPE(b *testing.B) {
	// pptpcrack__test.pcap frame 1.
	data := cpHex(b, "9374058ca93b09364af611044a73de3f1a069b7891d01fed7f25d5a1cb942b533836259cf183d6a43e976a9cb455bab555330cea")
	var m MPPE
	b.ReportAllocs()
	for b.Loop() {
		if err := m.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			b.Fatal(err)
		}
		if m.CoherencyCount != 0x374 {
			b.Fatal("ccount")
		}
	}
}
