package pipeline

import (
	"encoding/binary"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/mppe"
)

// decodeBoth decodes the PPP frame pt whole, and as the decryption stage
// does when only the headers are read: innerNeed octets of it, as many as
// it asks for, then garbage (the octets not decrypted). It reports the
// two decodings (without Data and PPP, which differ by design) and the
// octets read.
func decodeBoth(pt []byte, garbage *rand.Rand) (whole, part decode.Inner, done int) {
	d := decode.NewInnerDecoder()
	decodeInner := func(p []byte, in *decode.Inner) {
		proto, payload, err := mppe.SplitProtocol(p)
		if err != nil {
			in.MarkNoProtocol(len(p))
		} else {
			d.Decode(proto, payload, in)
		}
		in.Data, in.PPP = nil, nil
	}
	decodeInner(pt, &whole)
	q := make([]byte, len(pt))
	for i := range q {
		q[i] = byte(garbage.Uint32())
	}
	done = min(1, len(pt))
	copy(q[:done], pt)
	for need := innerNeed(q, done); need > done; need = innerNeed(q, done) {
		copy(q[done:need], pt[done:need])
		done = need
	}
	decodeInner(q, &part)
	return whole, part, done
}

// innerSamples are plaintexts of every kind innerNeed tells apart: IPv4
// and IPv6 with TCP (options, HTTP requests and not), UDP (DNS and not),
// SCTP, ICMP, fragments, extension headers, other PPP protocols, garbage,
// and each of them cut short and with one octet of the headers changed.
func innerSamples(r *rand.Rand) [][]byte {
	ip4 := func(proto byte, payload []byte, opts int) []byte {
		h := make([]byte, 20+opts)
		h[0], h[9] = 0x40|byte(5+opts/4), proto
		binary.BigEndian.PutUint16(h[2:], uint16(len(h)+len(payload)))
		copy(h[12:], []byte{10, 0, 0, 1, 10, 0, 0, 2})
		for i := 20; i < len(h); i++ {
			h[i] = 1 // NOP options
		}
		var s uint32
		for i := 0; i < len(h); i += 2 {
			s += uint32(binary.BigEndian.Uint16(h[i:]))
		}
		for s > 0xffff {
			s = s>>16 + s&0xffff
		}
		binary.BigEndian.PutUint16(h[10:], ^uint16(s))
		return append(append([]byte{0x21}, h...), payload...)
	}
	ip6 := func(next byte, payload []byte) []byte {
		h := make([]byte, 40)
		h[0], h[6] = 0x60, next
		binary.BigEndian.PutUint16(h[4:], uint16(len(payload)))
		h[23], h[39] = 1, 2
		return append(append([]byte{0x00, 0x57}, h...), payload...)
	}
	tcp := func(off int, payload string) []byte {
		h := make([]byte, off)
		binary.BigEndian.PutUint16(h, 40000)
		binary.BigEndian.PutUint16(h[2:], 80)
		h[12], h[13] = byte(off/4)<<4, 0x18
		for i := 20; i < off; i++ {
			h[i] = 1
		}
		return append(h, payload...)
	}
	udp := func(sp, dp uint16, payload []byte) []byte {
		h := make([]byte, 8)
		binary.BigEndian.PutUint16(h, sp)
		binary.BigEndian.PutUint16(h[2:], dp)
		binary.BigEndian.PutUint16(h[4:], uint16(8+len(payload)))
		return append(h, payload...)
	}
	dns := []byte{0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1}
	base := [][]byte{
		ip4(6, tcp(20, "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n"), 0),
		ip4(6, tcp(32, "POST /x HTTP/1.0\r\n"), 0),
		ip4(6, tcp(20, "some data that is no request"), 8),
		ip4(6, tcp(60, "xyz"), 0),
		ip4(6, tcp(20, ""), 0),
		ip4(17, udp(5353, 9999, dns), 0),
		ip4(17, udp(1234, 53, dns), 0),
		ip4(17, udp(1234, 4321, make([]byte, 100)), 0),
		ip4(132, make([]byte, 40), 0),
		ip4(1, []byte{8, 0, 1, 2, 3, 4, 5, 6, 7, 8}, 0),
		ip4(58, []byte{128, 0, 1, 2, 3, 4}, 0),
		ip4(47, make([]byte, 30), 0),
		ip6(6, tcp(20, "HEAD / HTTP/1.1\r\n")),
		ip6(6, tcp(24, "zz")),
		ip6(17, udp(53, 1, dns)),
		ip6(58, []byte{135, 0, 0, 0, 1, 2, 3, 4}),
		ip6(0, []byte{6, 0, 1, 4, 0, 0, 0, 0, 1, 2, 3, 4}),
		ip6(44, []byte{17, 0, 0, 1, 0, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7, 8}),
		ip6(60, []byte{17, 0, 1, 4, 0, 0, 0, 0}),
		{0x80, 0x21, 1, 2, 3, 4},
		{0xc0, 0x21, 1, 2},
		{0x3d, 0x40, 0x00},
		{0x21},
		{0x00},
		{},
	}
	// A fragment: IPv4 with an offset.
	f := ip4(6, tcp(20, "GET / HTTP/1.1\r\n"), 0)
	f[7] = 0x01
	base = append(base, f)
	var out [][]byte
	for _, b := range base {
		out = append(out, b)
		for range 40 {
			c := append([]byte(nil), b...)
			switch r.IntN(3) {
			case 0:
				if len(c) > 0 {
					c = c[:r.IntN(len(c))]
				}
			case 1:
				if len(c) > 0 {
					c[r.IntN(min(len(c), 80))] = byte(r.Uint32())
				}
			default:
				if len(c) > 0 {
					c[r.IntN(min(len(c), 80))] ^= 1 << r.IntN(8)
				}
			}
			out = append(out, c)
		}
	}
	for range 2000 {
		c := make([]byte, r.IntN(300))
		for i := range c {
			c[i] = byte(r.Uint32())
		}
		out = append(out, c)
	}
	return out
}

// TestInnerNeed: decoding only the octets innerNeed asks for (the rest
// garbage) gives what decoding the whole plaintext gives, over samples of
// every kind it tells apart, mutated and cut short; and it asks for less
// than the whole where the whole is not needed.
func TestInnerNeed(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 1))
	partial := 0
	for i, pt := range innerSamples(r) {
		whole, part, done := decodeBoth(pt, r)
		if !reflect.DeepEqual(whole, part) {
			t.Fatalf("sample %d %x: read %d octets: %+v, whole %+v", i, pt, done, part, whole)
		}
		if done < len(pt) {
			partial++
		}
	}
	if partial == 0 {
		t.Error("innerNeed always asked for the whole packet")
	}
}

// FuzzInnerNeed: TestInnerNeed on arbitrary plaintexts.
func FuzzInnerNeed(f *testing.F) {
	for _, pt := range innerSamples(rand.New(rand.NewPCG(1, 2)))[:400] {
		f.Add(pt, uint64(1))
	}
	f.Fuzz(func(t *testing.T, pt []byte, seed uint64) {
		whole, part, done := decodeBoth(pt, rand.New(rand.NewPCG(seed, 3)))
		if !reflect.DeepEqual(whole, part) {
			t.Fatalf("read %d octets: %+v, whole %+v", done, part, whole)
		}
	})
}

// TestPPPNamesNotIP: the decryption stage counts the inner PPP protocols
// other than IPv4 and IPv6 by number (sessionCrypto.ppp) and the others by
// name; that lists what one map by name lists only if each number has a
// name of its own and none is the name of an IP packet's protocol.
func TestPPPNamesNotIP(t *testing.T) {
	ip := map[string]bool{"IPv4": true, "IPv6": true, "IPv6-Frag": true}
	for p := range 256 {
		ip[decode.IPProtocolName(layers.IPProtocol(p))] = true
	}
	seen := map[string]int{}
	for p := range 1 << 16 {
		if layers.PPPType(p) == decode.PPPTypeIPv4 || layers.PPPType(p) == decode.PPPTypeIPv6 {
			continue
		}
		name := decode.PPPProtocolName(layers.PPPType(p))
		if ip[name] {
			t.Errorf("PPP protocol %#04x is named %q, as an IP packet's protocol", p, name)
		}
		if q, ok := seen[name]; ok {
			t.Errorf("PPP protocols %#04x and %#04x are both named %q", q, p, name)
		}
		seen[name] = p
	}
}
