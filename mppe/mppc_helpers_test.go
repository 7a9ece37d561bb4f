package mppe

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// rfcStream builds MPPC bit streams by hand, from the tables of RFC 2118
// §4.1-4.2 alone, written out as bit strings and independent of the
// package's encoder: each code is its prefix followed by the value in a
// fixed number of bits, most significant bit first; the stream is padded
// with zero bits to an octet.
type rfcStream struct{ bits strings.Builder }

// rfcRange is one row of an RFC 2118 encoding table.
type rfcRange struct {
	lo, hi int    // values covered
	prefix string // bits before the value
	width  int    // bits of (value - lo)
}

// RFC 2118 §4.2.1 (offset encoding).
var rfcOffsets = []rfcRange{
	{0, 63, "1111", 6},
	{64, 319, "1110", 8},
	{320, 8191, "110", 13},
}

// RFC 2118 §4.2.2 (length-of-match encoding).
var rfcLengths = []rfcRange{
	{3, 3, "0", 0},
	{4, 7, "10", 2},
	{8, 15, "110", 3},
	{16, 31, "1110", 4},
	{32, 63, "11110", 5},
	{64, 127, "111110", 6},
	{128, 255, "1111110", 7},
	{256, 511, "11111110", 8},
	{512, 1023, "111111110", 9},
	{1024, 2047, "1111111110", 10},
	{2048, 4095, "11111111110", 11},
	{4096, 8191, "111111111110", 12},
}

func (s *rfcStream) raw(bits string) *rfcStream {
	s.bits.WriteString(bits)
	return s
}

func (s *rfcStream) value(v, width int) {
	if width > 0 {
		fmt.Fprintf(&s.bits, "%0*b", width, v)
	}
}

func (s *rfcStream) code(table []rfcRange, v int) {
	for _, r := range table {
		if v >= r.lo && v <= r.hi {
			s.bits.WriteString(r.prefix)
			s.value(v-r.lo, r.width)
			return
		}
	}
	panic(fmt.Sprintf("value %d not in table", v))
}

// lit appends literals (RFC 2118 §4.1: 0 + 7 bits below 0x80, 10 + the low
// 7 bits from 0x80).
func (s *rfcStream) lit(b ...byte) *rfcStream {
	for _, c := range b {
		if c < 0x80 {
			s.bits.WriteString("0")
			s.value(int(c), 7)
		} else {
			s.bits.WriteString("10")
			s.value(int(c-0x80), 7)
		}
	}
	return s
}

// cp appends a copy tuple.
func (s *rfcStream) cp(off, length int) *rfcStream {
	s.code(rfcOffsets, off)
	s.code(rfcLengths, length)
	return s
}

// bytes pads to an octet with zero bits and packs.
func (s *rfcStream) bytes() []byte {
	b := s.bits.String()
	for len(b)%8 != 0 {
		b += "0"
	}
	out := make([]byte, len(b)/8)
	for i := range b {
		if b[i] == '1' {
			out[i/8] |= 0x80 >> (i % 8)
		}
	}
	return out
}

// lzCopy is the reference meaning of a copy tuple on a flat output: octet
// by octet, so that an offset shorter than the length repeats.
func lzCopy(out []byte, off, length int) []byte {
	for range length {
		out = append(out, out[len(out)-off])
	}
	return out
}

// Test data: inner PPP frames of three kinds, from a seeded generator.

var mppcWords = strings.Fields(`the of and to in is that for it as was with be by on not he this are or his from
at which but have an they you were her she there been one all we their has would when if so no will more out
up into do any your what some can only other time could new them than these two may first then did like over
such our man me even most made after also well must years back where much your way down should because each
GET POST HTTP/1.1 Host: User-Agent: Accept: Content-Type: text/html application/json Connection: keep-alive
Cache-Control: no-cache Content-Length: Server: Microsoft-IIS/6.0 Set-Cookie: ASP.NET_SessionId=`)

type mppcGen struct{ r *rand.Rand }

func newMPPCGen(seed uint64) *mppcGen {
	return &mppcGen{rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15))}
}

// text is a PPP IPv4 frame (protocol 0x0021, a 20-octet IP header with a
// running identification, a TCP header) carrying words.
func (g *mppcGen) text(n int, id uint16) []byte {
	b := make([]byte, 0, n)
	b = append(b, 0x00, 0x21, 0x45, 0x00, byte(n>>8), byte(n), byte(id>>8), byte(id), 0x40, 0x00, 0x80, 0x06,
		0x12, 0x34, 192, 168, 0, 10, 10, 0, 0, 5, 0xC0, 0x01, 0x00, 0x50, 0, 0, byte(id), 1, 0, 0, 0, 2, 0x50, 0x18)
	for len(b) < n {
		b = append(b, mppcWords[g.r.IntN(len(mppcWords))]...)
		b = append(b, ' ')
	}
	return b[:n]
}

func (g *mppcGen) random(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.Uint32())
	}
	return b
}

// repetitive: short runs and repeated short patterns, the overlapping-copy
// case.
func (g *mppcGen) repetitive(n int) []byte {
	b := make([]byte, 0, n)
	for len(b) < n {
		p := g.random(1 + g.r.IntN(9))
		for range 1 + g.r.IntN(60) {
			b = append(b, p...)
		}
	}
	return b[:n]
}

// frame is one frame of a mix: text, randomPct percent random (these
// expand and are sent uncompressed), a fifth repetitive.
func (g *mppcGen) frame(maxLen, randomPct int, id uint16) []byte {
	n := 1 + g.r.IntN(maxLen)
	switch k := g.r.IntN(100); {
	case k < randomPct:
		return g.random(n)
	case k < randomPct+20:
		return g.repetitive(n)
	default:
		return g.text(n, id)
	}
}
