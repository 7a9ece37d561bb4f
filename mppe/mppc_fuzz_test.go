package mppe

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// refDecode is a second, deliberately plain MPPC decoder for the fuzz
// target to compare against: the payload as a string of '0'/'1', the RFC
// 2118 tables of the test's bit writer, one octet at a time into a copy of
// the history ring. It reports only whether the frame is valid, and its
// output.
func refDecode(hist [MPPCHistorySize]byte, pos, filled int, p []byte) ([]byte, bool) {
	var sb strings.Builder
	for _, b := range p {
		fmt.Fprintf(&sb, "%08b", b)
	}
	bits, i, start := sb.String(), 0, pos
	read := func(n int) (int, bool) {
		if i+n > len(bits) {
			return 0, false
		}
		v := 0
		for _, c := range bits[i : i+n] {
			v = v<<1 | int(c-'0')
		}
		i += n
		return v, true
	}
	code := func(table []rfcRange) (int, bool) {
		for _, r := range table {
			if strings.HasPrefix(bits[i:], r.prefix) {
				i += len(r.prefix)
				v, ok := read(r.width)
				return r.lo + v, ok
			}
		}
		return 0, false
	}
	for len(bits)-i >= 8 {
		var lit int
		var ok bool
		switch {
		case bits[i] == '0':
			lit, ok = read(8)
		case strings.HasPrefix(bits[i:], "10"):
			i += 2
			lit, ok = read(7)
			lit += 0x80
		default:
			off, ok1 := code(rfcOffsets)
			n, ok2 := code(rfcLengths)
			if !ok1 || !ok2 || off == 0 || off > 8191 || pos+n > MPPCHistorySize {
				return nil, false
			}
			for range n {
				r := pos - off
				if r < 0 {
					r += MPPCHistorySize
					if r >= filled {
						return nil, false // never written since the flush
					}
				}
				hist[pos] = hist[r]
				pos++
			}
			continue
		}
		if !ok || pos >= MPPCHistorySize {
			return nil, false
		}
		hist[pos] = byte(lit)
		pos++
	}
	return hist[start:pos], true
}

// FuzzMPPCDecompress feeds a Decompressor a sequence of frames with
// arbitrary headers and data. Input: a mode byte (bit 0 stateless, bit 1
// Negotiated), then frames as header (2 octets), length (2 octets), data.
// It checks that nothing panics, that output and errors are as documented
// (at most 8192 octets, C-clear frames returned as they are, errors wrap
// the two sentinels and leave dst alone), that the counters add up, and
// that every compressed frame decodes as the plain reference decoder
// decodes it from the same history.
func FuzzMPPCDecompress(f *testing.F) {
	seed := func(mode byte, frames ...[]byte) []byte {
		b := []byte{mode}
		for _, fr := range frames {
			n := len(fr) - 2
			b = append(b, fr[0], fr[1], byte(n>>8), byte(n))
			b = append(b, fr[2:]...)
		}
		return b
	}
	fr := func(h Header, p []byte) []byte { return append([]byte{byte(h >> 8), byte(h)}, p...) }
	var s1, s2, s3 rfcStream
	f.Add(seed(0, fr(hAC, s1.lit([]byte("hello, world")...).bytes()), fr(hC|1, s2.cp(12, 5).lit('!').bytes())))
	f.Add(seed(0, fr(hAC, s3.lit(pattern(300)...).cp(1, 3000).cp(320, 4000).bytes()), fr(hBC|1, []byte{0xC0, 0x00, 0x7F})))
	f.Add(seed(1, fr(hAC, []byte{0x61, 0xF0, 0x71}), fr(hC|7, []byte{0x61, 0xFF}), fr(BitFlushed|8, []byte("plain"))))
	f.Add(seed(2, fr(hC, []byte{0x61, 0xF0, 0xA4}), fr(hC|2, []byte{0xFF, 0xFF, 0xFF, 0xFF})))
	c := NewCompressor(false)
	g := newMPPCGen(1)
	var frames [][]byte
	for i := range 12 {
		h, p := c.Compress(g.frame(1500, 10, uint16(i)), nil)
		frames = append(frames, fr(h|Header(i), p))
	}
	f.Add(seed(0, frames...))

	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) < 1 {
			return
		}
		d := NewDecompressor(in[0]&1 != 0)
		if in[0]&2 != 0 {
			d.Negotiated()
		}
		in = in[1:]
		frames := 0
		for len(in) >= 4 {
			h := Header(in[0])<<8 | Header(in[1])
			n := min(int(in[2])<<8|int(in[3]), len(in)-4)
			payload := in[4 : 4+n]
			in = in[4+n:]
			frames++

			wantRef, refOK := []byte(nil), false
			check := h.Compressed() && (d.stateless || d.synced || h.Flushed())
			if check {
				hist, pos, filled := d.hist, d.pos, d.filled
				if d.stateless || h.Flushed() {
					pos, filled = 0, 0
				}
				if h.Restart() {
					pos = 0
				}
				wantRef, refOK = refDecode(hist, pos, filled, payload)
			}
			gapped := !d.stateless && !h.Flushed() && d.counted && h.Count() != d.next
			out, err := d.Decompress(h, payload, []byte("dst"))
			switch {
			case err != nil && (!bytes.Equal(out, []byte("dst")) || !h.Compressed()):
				t.Fatalf("%v: error %v with output % X", h, err, head(out))
			case err != nil && !errors.Is(err, ErrMPPCCorrupt) && !errors.Is(err, ErrMPPCDesync):
				t.Fatalf("%v: undocumented error %v", h, err)
			case err == nil && len(out)-3 > MPPCHistorySize:
				t.Fatalf("%v: %d octets", h, len(out)-3)
			case err == nil && !h.Compressed() && !bytes.Equal(out[3:], payload):
				t.Fatalf("%v: uncompressed frame changed", h)
			case check && !gapped && (err == nil) != refOK:
				t.Fatalf("%v: error %v, reference decoder ok=%v", h, err, refOK)
			case check && !gapped && err == nil && !bytes.Equal(out[3:], wantRef):
				t.Fatalf("%v: output differs from the reference decoder", h)
			case errors.Is(err, ErrMPPCCorrupt) && d.InSync() && !d.stateless:
				t.Fatalf("%v: in sync after a corrupt frame", h)
			}
		}
		st := d.Stats()
		if st.Frames != frames || st.Decompressed+st.Uncompressed+st.Desync+st.Corrupt != frames {
			t.Fatalf("stats %+v for %d frames", st, frames)
		}
	})
}

// FuzzMPPCRoundTrip compresses arbitrary data cut into frames and
// decompresses it: the output must be the input. Input: a mode byte (bit 0
// stateless, bit 1: call Reset before every third frame), then frames as
// length (2 octets) and data.
func FuzzMPPCRoundTrip(f *testing.F) {
	g := newMPPCGen(2)
	mk := func(mode byte, frames ...[]byte) []byte {
		b := []byte{mode}
		for _, fr := range frames {
			b = append(b, byte(len(fr)>>8), byte(len(fr)))
			b = append(b, fr...)
		}
		return b
	}
	f.Add(mk(0, g.text(700, 1), g.random(300), g.text(1400, 2), g.repetitive(1500)))
	f.Add(mk(1, g.text(100, 1), g.text(100, 1), []byte{}))
	f.Add(mk(2, bytes.Repeat([]byte("abc"), 3000), g.text(1500, 3), g.text(1500, 4), g.text(1500, 5)))
	f.Add(mk(0, bytes.Repeat([]byte{0xFF}, 8192), bytes.Repeat([]byte{0xFF}, 8193), []byte{0x80}))

	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) < 1 {
			return
		}
		stateless, resets := in[0]&1 != 0, in[0]&2 != 0
		c, d := NewCompressor(stateless), NewDecompressor(stateless)
		in = in[1:]
		for i := 0; len(in) >= 2; i++ {
			n := min(int(in[0])<<8|int(in[1]), len(in)-2)
			src := in[2 : 2+n]
			in = in[2+n:]
			if resets && i%3 == 2 {
				c.Reset()
			}
			h, p := c.Compress(src, nil)
			if h.Compressed() && len(p) > len(src) {
				t.Fatalf("frame %d: %d octets compressed into %d", i, len(src), len(p))
			}
			out, err := d.Decompress(h|Header(i)&CountMask, p, nil)
			if err != nil || !bytes.Equal(out, src) {
				t.Fatalf("frame %d (%v, %d octets): %v", i, h, len(src), err)
			}
		}
	})
}
