package mppe

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"unsafe"
)

// Headers used by the hand-built frames (count in the low 12 bits).
const (
	hAC  = BitFlushed | BitCompressed
	hABC = BitFlushed | BitRestart | BitCompressed
	hBC  = BitRestart | BitCompressed
	hC   = BitCompressed
)

func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i>>8 + 3) // every octet value, both literal forms
	}
	return b
}

// decompressOK decompresses one frame and fails the test on an error.
func decompressOK(t *testing.T, d *Decompressor, h Header, payload []byte) []byte {
	t.Helper()
	out, err := d.Decompress(h, payload, nil)
	if err != nil {
		t.Fatalf("Decompress(%v, % X): %v", h, head(payload), err)
	}
	return out
}

func head(b []byte) []byte { return b[:min(len(b), 16)] }

// TestMPPCHandBuiltBits: short streams whose bits are written out by hand,
// with the octets next to them.
func TestMPPCHandBuiltBits(t *testing.T) {
	for _, tc := range []struct {
		name    string
		payload []byte
		want    string
	}{
		// 0 1100001 (a) | 0 1100010 (b) | 0 1100011 (c) | pad
		{"three literals", []byte{0x61, 0x62, 0x63}, "abc"},
		// 10 0000000 (0x80) | 10 1111111 (0xFF) | 0 0000000 (0x00) | pad 000000
		{"high literals", []byte{0x80, 0x5F, 0xC0, 0x00}, "\x80\xFF\x00"},
		// 0 1100001 (a) | 1111 000001 (offset 1) | 110 001 (length 9), no pad
		{"run of a", []byte{0x61, 0xF0, 0x71}, "aaaaaaaaaa"},
		// the same and a zero octet: one more literal 0x00, not padding
		{"run of a and a literal 0", []byte{0x61, 0xF0, 0x71, 0x00}, "aaaaaaaaaa\x00"},
		// a b c | 1111 000011 (offset 3) | 0 (length 3) | pad 0
		{"abcabc", []byte{0x61, 0x62, 0x63, 0xF0, 0xC0}, "abcabc"},
		// a b | 1111 000010 (offset 2) | 10 01 (length 5) | pad 00
		{"overlap ababab", []byte{0x61, 0x62, 0xF0, 0xA4}, "abababa"},
		// a | 1111 000001 | 0 (length 3) | pad 0000000: 7 zero bits end it
		{"seven bits of padding", []byte{0x61, 0xF0, 0x40}, "aaaa"},
		{"empty", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDecompressor(false)
			got := decompressOK(t, d, hAC, tc.payload)
			if string(got) != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMPPCRFCStreamMatchesHandBits: the test's RFC bit writer gives the
// octets written out by hand above (so that the table-driven tests below
// rest on checked streams).
func TestMPPCRFCStreamMatchesHandBits(t *testing.T) {
	var s rfcStream
	got := s.lit('a').cp(1, 9).bytes()
	if want := []byte{0x61, 0xF0, 0x71}; !bytes.Equal(got, want) {
		t.Fatalf("rfcStream: % X, want % X", got, want)
	}
	var s2 rfcStream
	if got := s2.lit(0x80, 0xFF, 0x00).bytes(); !bytes.Equal(got, []byte{0x80, 0x5F, 0xC0, 0x00}) {
		t.Fatalf("rfcStream literals: % X", got)
	}
}

// TestMPPCOffsets: one copy tuple at each offset boundary (RFC 2118 §4.2.1),
// after enough literals, checked against the flat reference copy.
func TestMPPCOffsets(t *testing.T) {
	for _, off := range []int{1, 2, 63, 64, 65, 319, 320, 321, 1000, 4095, 4096, 8000, 8188} {
		for _, length := range []int{3, 4, off, off + 1} {
			if length < 3 || off+length > MPPCHistorySize {
				continue
			}
			t.Run(fmt.Sprintf("off=%d/len=%d", off, length), func(t *testing.T) {
				lits := pattern(off)
				var s rfcStream
				payload := s.lit(lits...).cp(off, length).bytes()
				want := lzCopy(append([]byte(nil), lits...), off, length)
				got := decompressOK(t, NewDecompressor(false), hAC, payload)
				if !bytes.Equal(got, want) {
					t.Fatalf("output differs (len %d, want %d)", len(got), len(want))
				}
			})
		}
	}
}

// TestMPPCOffset8191: the largest offset can only be used from the front
// (B): the history is full from the previous frame and the copy reaches
// back into its end, as FreeRDP (source masked with 0x1FFF) and FreeBSD
// (the old window kept below the front) both read it.
func TestMPPCOffset8191(t *testing.T) {
	full := pattern(MPPCHistorySize)
	for _, tc := range []struct {
		name      string
		off, n    int
		wantStart int // full[wantStart:] repeats, then the frame's own octets
	}{
		{"8191 from front", 8191, 8191, 1},
		{"8191 short", 8191, 3, 1},
		{"320 from front", 320, 3, MPPCHistorySize - 320},
		{"319 from front", 319, 300, MPPCHistorySize - 319},
		{"64 from front past the end", 64, 100, MPPCHistorySize - 64},
		{"63 from front past the end", 63, 70, MPPCHistorySize - 63},
		{"1 from front", 1, 3, MPPCHistorySize - 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDecompressor(false)
			var s1 rfcStream
			decompressOK(t, d, hAC|1, s1.lit(full...).bytes())
			var s2 rfcStream
			got := decompressOK(t, d, hBC|2, s2.cp(tc.off, tc.n).bytes())
			// Reference: the ring as a flat slice (old octets from
			// wantStart to the end, then what this frame writes).
			ref := append([]byte(nil), full[tc.wantStart:]...)
			ref = lzCopy(ref, tc.off, tc.n)
			if want := ref[len(ref)-tc.n:]; !bytes.Equal(got, want) {
				t.Fatalf("got % X..., want % X...", head(got), head(want))
			}
		})
	}
}

// TestMPPCLengths: one copy tuple at each length boundary (RFC 2118
// §4.2.2), 3 to 8191, as a run (offset 1) and as a repeated pattern.
func TestMPPCLengths(t *testing.T) {
	lengths := []int{3, 4, 5, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 255, 256, 511, 512,
		1023, 1024, 2047, 2048, 4095, 4096, 8000, 8188, 8189}
	for _, length := range lengths {
		for _, off := range []int{1, 3} {
			t.Run(fmt.Sprintf("len=%d/off=%d", length, off), func(t *testing.T) {
				lits := pattern(off)
				var s rfcStream
				payload := s.lit(lits...).cp(off, length).bytes()
				want := lzCopy(append([]byte(nil), lits...), off, length)
				got := decompressOK(t, NewDecompressor(false), hAC, payload)
				if !bytes.Equal(got, want) {
					t.Fatalf("output differs (len %d, want %d)", len(got), len(want))
				}
			})
		}
	}
	// 8191 needs a first octet only: one literal and a run fill the history.
	t.Run("len=8191", func(t *testing.T) {
		var s rfcStream
		got := decompressOK(t, NewDecompressor(false), hAC, s.lit('x').cp(1, 8191).bytes())
		if len(got) != MPPCHistorySize || bytes.Count(got, []byte("x")) != MPPCHistorySize {
			t.Fatalf("got %d octets", len(got))
		}
	})
}

// TestMPPCCompressorBits: the Compressor's output for a run is the stream
// the RFC tables give (literal a, offset 1, length 9).
func TestMPPCCompressorBits(t *testing.T) {
	c := NewCompressor(false)
	h, got := c.Compress([]byte("aaaaaaaaaa"), nil)
	var s rfcStream
	if want := s.lit('a').cp(1, 9).bytes(); !bytes.Equal(got, want) || h != hAC {
		t.Fatalf("Compress: %v % X, want %v % X", h, got, hAC, want)
	}
	// Every length code the compressor writes decodes with the RFC table:
	// runs of each boundary length.
	for _, n := range []int{4, 5, 8, 9, 16, 17, 32, 33, 64, 65, 128, 129, 256, 257, 512, 513,
		1024, 1025, 2048, 2049, 4096, 4097, 8192} {
		c := NewCompressor(false)
		run := bytes.Repeat([]byte{0xA5}, n)
		h, got := c.Compress(run, nil)
		var s rfcStream
		if want := s.lit(0xA5).cp(1, n-1).bytes(); !bytes.Equal(got, want) || h != hAC {
			t.Fatalf("run %d: %v % X, want % X", n, h, head(got), head(want))
		}
	}
}

// TestMPPCFrameSequence: history carried across frames, B, and the frame
// boundaries of the output.
func TestMPPCFrameSequence(t *testing.T) {
	d := NewDecompressor(false)
	var s1, s2, s3 rfcStream
	if got := decompressOK(t, d, hAC, s1.lit([]byte("hello, world")...).bytes()); string(got) != "hello, world" {
		t.Fatalf("frame 1: %q", got)
	}
	// offset 12 reaches "hello" of frame 1; then literals.
	if got := decompressOK(t, d, hC|1, s2.cp(12, 5).lit('!').bytes()); string(got) != "hello!" {
		t.Fatalf("frame 2: %q", got)
	}
	// B: output at the front; offset 18 from position 0 reaches back to
	// position 8174, never written since the flush: an error...
	if _, err := d.Decompress(hBC|2, s3.cp(18, 3).bytes(), nil); !errors.Is(err, ErrMPPCCorrupt) {
		t.Fatalf("frame 3: %v, want ErrMPPCCorrupt", err)
	}
	st := d.Stats()
	if st.Decompressed != 2 || st.Corrupt != 1 || st.Restarts != 1 || st.OutOctets != 18 || st.InOctets != 12+3 ||
		st.Ratio() != 18.0/15 || (MPPCStats{}).Ratio() != 0 {
		t.Fatalf("stats %+v", st)
	}
}

// TestMPPCUncompressedLeavesHistory settles what a frame with C clear does:
// it is passed through and NOT appended to the history (FreeBSD
// ng_mppc_decompress, FreeRDP mppc_decompress, MS-RDPBCGR 3.1.8.3), and its
// A bit, if any, flushes the history (processed before C).
func TestMPPCUncompressedLeavesHistory(t *testing.T) {
	var s1, s3 rfcStream
	first := s1.lit([]byte("hello world")...).bytes()
	copyHello := s3.cp(11, 5).bytes() // 11 back from the end of frame 1: "hello"
	t.Run("not appended", func(t *testing.T) {
		d := NewDecompressor(false)
		decompressOK(t, d, hAC, first)
		if got := decompressOK(t, d, 1, []byte("XXXXXXXXXXXXXXXX")); string(got) != "XXXXXXXXXXXXXXXX" {
			t.Fatalf("uncompressed frame: %q", got)
		}
		// Had the frame been appended, offset 11 would read "XXXXX".
		if got := decompressOK(t, d, hC|2, copyHello); string(got) != "hello" {
			t.Fatalf("after uncompressed frame: %q, want hello", got)
		}
	})
	t.Run("A flushes", func(t *testing.T) {
		d := NewDecompressor(false)
		decompressOK(t, d, hAC, first)
		decompressOK(t, d, BitFlushed|1, []byte("zz"))
		if _, err := d.Decompress(hC|2, copyHello, nil); !errors.Is(err, ErrMPPCCorrupt) {
			t.Fatalf("copy into a flushed history: %v, want ErrMPPCCorrupt", err)
		}
	})
	t.Run("compressor", func(t *testing.T) {
		// The Compressor sends an expanding frame as is and flushes on the
		// next one; a decompressor following the rule reads it all back.
		c, d := NewCompressor(false), NewDecompressor(false)
		g := newMPPCGen(7)
		text1, rnd, text2 := g.text(600, 1), g.random(600), g.text(600, 2)
		var hs []Header
		for i, f := range [][]byte{text1, rnd, text2} {
			h, p := c.Compress(f, nil)
			hs = append(hs, h)
			if got := decompressOK(t, d, h|Header(i), p); !bytes.Equal(got, f) {
				t.Fatalf("frame %d differs", i)
			}
		}
		if hs[0] != hAC || hs[1] != 0 || hs[2] != hAC {
			t.Fatalf("headers %v, want [A-C-, ----, A-C-]", hs)
		}
	})
}

// TestMPPCBadInput: each bad frame is an error wrapping ErrMPPCCorrupt,
// the direction is then out of sync, and the next compressed frame is
// refused until one with A.
func TestMPPCBadInput(t *testing.T) {
	long := func() *rfcStream { var s rfcStream; return s.lit(pattern(8190)...) }
	for _, tc := range []struct {
		name    string
		payload []byte
		full    bool // on a full history, from the front
	}{
		{"offset 0", new(rfcStream).lit('a', 'b', 'c').cp(0, 3).bytes(), false},
		// 110 + 13 bits can say 8192..8511: past the history even when it is
		// full (the first frame of this case fills it).
		{"offset 8192", new(rfcStream).raw("110" + "1111011000000" + "0").bytes(), true},
		{"offset 8511", new(rfcStream).raw("110" + "1111111111111" + "0").bytes(), true},
		{"offset before history start", new(rfcStream).lit('a', 'b').cp(5, 3).bytes(), false},
		{"offset 8191 on a fresh history", new(rfcStream).lit('a').cp(8191, 3).bytes(), false},
		{"length past 8 KB", long().cp(1, 3).bytes(), false},
		{"literals past 8 KB", long().lit(1, 2, 3).bytes(), false},
		{"length code of 13 ones", new(rfcStream).lit('a').raw("1111000001" + "1111111111111" + "000000").bytes(), false},
		{"truncated offset", new(rfcStream).lit('a').raw("110000").bytes(), false},
		{"truncated length", new(rfcStream).lit('a').raw("1111000001" + "111111111110").bytes(), false},
		{"truncated copy in the last octet", []byte{0x61, 0xFF}, false},
		{"truncated high literal", []byte{0x61, 0x80}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDecompressor(false)
			if tc.full {
				// A full history, then the bad copy from the front.
				var full rfcStream
				decompressOK(t, d, hAC, full.lit(pattern(MPPCHistorySize)...).bytes())
				st0 := d.Stats()
				out, err := d.Decompress(hBC|1, tc.payload, []byte("keep"))
				if !errors.Is(err, ErrMPPCCorrupt) || string(out) != "keep" || d.Stats().Corrupt != st0.Corrupt+1 {
					t.Fatalf("got %q, %v; want dst unchanged and ErrMPPCCorrupt", out, err)
				}
				return
			}
			out, err := d.Decompress(hAC, tc.payload, []byte("keep"))
			if !errors.Is(err, ErrMPPCCorrupt) || string(out) != "keep" {
				t.Fatalf("got %q, %v; want dst unchanged and ErrMPPCCorrupt", out, err)
			}
			if d.InSync() {
				t.Fatal("still in sync after a corrupt frame")
			}
			if me := mppcErr(t, err); me.Reason != ReasonCorrupt || me.Since != 0 || me.Detail == "" {
				t.Fatalf("error %#v", me)
			}
			var ok rfcStream
			_, err = d.Decompress(hC|1, ok.lit('x').bytes(), nil)
			if !errors.Is(err, ErrMPPCDesync) {
				t.Fatalf("next frame: %v, want ErrMPPCDesync", err)
			}
			if me := mppcErr(t, err); me.Reason != ReasonAfterCorrupt || me.Since != 0 || me.Header != hC|1 {
				t.Fatalf("error %#v", me)
			}
			if got := decompressOK(t, d, hAC|2, ok.bytes()); string(got) != "x" {
				t.Fatalf("after A: %q", got)
			}
			st := d.Stats()
			if st.Corrupt != 1 || st.Desync != 1 || st.Resyncs != 1 || st.Decompressed != 1 {
				t.Fatalf("stats %+v", st)
			}
		})
	}
}

// TestMPPCNeverReset: a compressed frame on a direction never flushed is
// refused (the capture may have started mid-stream); the first A starts the
// history; Negotiated (CCP seen) starts it at once.
func TestMPPCNeverReset(t *testing.T) {
	var s rfcStream
	p := s.lit('o', 'k').bytes()
	d := NewDecompressor(false)
	if d.InSync() {
		t.Fatal("fresh stateful decompressor in sync")
	}
	_, err := d.Decompress(hC|5, p, nil)
	if !errors.Is(err, ErrMPPCDesync) || mppcErr(t, err).Reason != ReasonNotFlushed {
		t.Fatalf("C without A: %v", err)
	}
	if got := decompressOK(t, d, 6, []byte("plain")); string(got) != "plain" {
		t.Fatalf("uncompressed frame while out of sync: %q", got)
	}
	if _, err := d.Decompress(hBC|7, p, nil); !errors.Is(err, ErrMPPCDesync) {
		t.Fatalf("B does not resynchronise: %v", err)
	}
	decompressOK(t, d, hAC|8, p)
	if st := d.Stats(); st.Desync != 2 || st.Resyncs != 0 || st.Uncompressed != 1 {
		t.Fatalf("stats %+v (the first A is no resync)", st)
	}
	n := NewDecompressor(false)
	n.Negotiated()
	if got := decompressOK(t, n, hC, p); string(got) != "ok" {
		t.Fatalf("after Negotiated: %q", got)
	}
}

func mppcErr(t *testing.T, err error) *MPPCError {
	t.Helper()
	var me *MPPCError
	if !errors.As(err, &me) {
		t.Fatalf("%v is no *MPPCError", err)
	}
	return me
}

// compressFrames compresses frames as one direction, with coherency counts
// from 0.
func compressFrames(c *Compressor, frames [][]byte) (hs []Header, payloads [][]byte) {
	for i, f := range frames {
		h, p := c.Compress(f, nil)
		hs = append(hs, h|Header(i)&CountMask)
		payloads = append(payloads, p)
	}
	return hs, payloads
}

// TestMPPCLossAndResync: a lost frame in stateful mode makes the following
// compressed frames fail with ErrMPPCDesync (counted) until the sender,
// answering the Reset-Request, flushes; uncompressed frames still come
// through; stateless mode loses nothing but the lost frame.
func TestMPPCLossAndResync(t *testing.T) {
	g := newMPPCGen(11)
	var frames [][]byte
	for i := range 60 {
		if i == 15 {
			frames = append(frames, g.random(1200)) // sent uncompressed
			continue
		}
		frames = append(frames, g.text(200+g.r.IntN(1200), uint16(i)))
	}
	const lost, resetAt = 10, 25
	t.Run("stateful", func(t *testing.T) {
		c := NewCompressor(false)
		var hs []Header
		var ps [][]byte
		for i, f := range frames {
			if i == resetAt {
				c.Reset()
			}
			h, p := c.Compress(f, nil)
			hs, ps = append(hs, h|Header(i)), append(ps, p)
		}
		d := NewDecompressor(false)
		var desync []int
		for i := range frames {
			if i == lost {
				continue
			}
			got, err := d.Decompress(hs[i], ps[i], nil)
			switch {
			case errors.Is(err, ErrMPPCDesync):
				if me := mppcErr(t, err); me.Reason != ReasonGap || me.Since != lost+1 {
					t.Fatalf("frame %d: %#v", i, me)
				}
				desync = append(desync, i)
			case err != nil:
				t.Fatalf("frame %d: %v", i, err)
			case !bytes.Equal(got, frames[i]):
				t.Fatalf("frame %d differs", i)
			}
		}
		// Frames 11..24 are refused except 15 (uncompressed) and 16 (A:
		// the frame after an expanded one is flushed, which resyncs).
		var want []int
		for i := lost + 1; i < 16; i++ {
			if i != 15 {
				want = append(want, i)
			}
		}
		if fmt.Sprint(desync) != fmt.Sprint(want) {
			t.Fatalf("refused frames %v, want %v", desync, want)
		}
		st := d.Stats()
		if st.Gaps != 1 || st.Resyncs != 1 || st.Desync != len(want) || st.Frames != len(frames)-1 {
			t.Fatalf("stats %+v", st)
		}
		if !hs[16].Flushed() || !hs[resetAt].Flushed() || hs[15].Compressed() {
			t.Fatalf("headers 15, 16, %d: %v %v %v", resetAt, hs[15], hs[16], hs[resetAt])
		}
	})
	t.Run("stateful reset", func(t *testing.T) {
		// Without the expanding frame, the Reset frame is the resync point.
		c := NewCompressor(false)
		var hs []Header
		var ps [][]byte
		for i, f := range frames {
			if i == 15 {
				f = g.text(1000, 15)
				frames[15] = f
			}
			if i == resetAt {
				c.Reset()
			}
			h, p := c.Compress(f, nil)
			hs, ps = append(hs, h|Header(i)), append(ps, p)
		}
		d := NewDecompressor(false)
		refused := 0
		for i := range frames {
			if i == lost {
				continue
			}
			got, err := d.Decompress(hs[i], ps[i], nil)
			if errors.Is(err, ErrMPPCDesync) {
				refused++
				if i <= lost || i >= resetAt {
					t.Fatalf("frame %d refused", i)
				}
				continue
			}
			if err != nil || !bytes.Equal(got, frames[i]) {
				t.Fatalf("frame %d: %v", i, err)
			}
		}
		if refused != resetAt-lost-1 {
			t.Fatalf("%d frames refused, want %d", refused, resetAt-lost-1)
		}
	})
	t.Run("stateless", func(t *testing.T) {
		c := NewCompressor(true)
		hs, ps := compressFrames(c, frames)
		d := NewDecompressor(true)
		for i := range frames {
			if i == lost || i == lost+1 {
				continue
			}
			if !hs[i].Flushed() {
				t.Fatalf("stateless frame %d without A", i)
			}
			if got, err := d.Decompress(hs[i], ps[i], nil); err != nil || !bytes.Equal(got, frames[i]) {
				t.Fatalf("frame %d: %v", i, err)
			}
		}
		if st := d.Stats(); st.Desync != 0 || st.Gaps != 0 {
			t.Fatalf("stats %+v", st)
		}
	})
	t.Run("duplicate", func(t *testing.T) {
		c := NewCompressor(false)
		hs, ps := compressFrames(c, frames[:5])
		d := NewDecompressor(false)
		for i := range 3 {
			decompressOK(t, d, hs[i], ps[i])
		}
		if _, err := d.Decompress(hs[2], ps[2], nil); !errors.Is(err, ErrMPPCDesync) {
			t.Fatalf("duplicate frame: %v, want ErrMPPCDesync", err)
		}
	})
}

// TestMPPCStatelessIgnoresHistory: in stateless mode every frame starts
// with an empty history, even one whose A bit is missing.
func TestMPPCStatelessIgnoresHistory(t *testing.T) {
	d := NewDecompressor(true)
	var s1, s2 rfcStream
	decompressOK(t, d, hAC, s1.lit([]byte("hello")...).bytes())
	if _, err := d.Decompress(hC|1, s2.cp(5, 5).bytes(), nil); !errors.Is(err, ErrMPPCCorrupt) {
		t.Fatalf("stateless frame reaching the previous frame: %v", err)
	}
	if !d.InSync() {
		t.Fatal("stateless decompressor out of sync")
	}
}

// TestMPPCWithMPPE: the order of the stages, both ways: compress then
// encrypt (with the A bit shared), decrypt then decompress. The Decryptor
// here is given the header without C, since it refuses C frames itself.
func TestMPPCWithMPPE(t *testing.T) {
	key := []byte("0123456789abcdef")
	for _, mode := range []Mode{Stateless, Stateful} {
		t.Run(mode.String(), func(t *testing.T) {
			enc, err := NewEncryptor(key, Key128, mode)
			if err != nil {
				t.Fatal(err)
			}
			dec, err := NewDecryptor(key, Key128, mode)
			if err != nil {
				t.Fatal(err)
			}
			c, d := NewCompressor(mode == Stateless), NewDecompressor(mode == Stateless)
			g := newMPPCGen(3)
			for i := range 700 { // passes flag packets 255 and 511
				f := g.frame(1500, 20, uint16(i))
				if next := NewHeader(false, true, enc.Count()+1); mode == Stateful && next.IsFlag() {
					c.Reset() // the encryptor flushes flag packets
				}
				mh, p := c.Compress(f, nil)
				if mh.Flushed() {
					enc.Reset()
				}
				eh, ct := enc.Encrypt(p, nil)
				if eh.Flushed() != mh.Flushed() && mode == Stateful {
					t.Fatalf("frame %d: A bits differ: %v %v", i, eh, mh)
				}
				h := eh | mh
				pt, err := dec.Decrypt(uint16(h&^BitCompressed), ct, nil)
				if err != nil {
					t.Fatalf("frame %d: decrypt: %v", i, err)
				}
				got, err := d.Decompress(h, pt, nil)
				if err != nil || !bytes.Equal(got, f) {
					t.Fatalf("frame %d (%v): %v", i, h, err)
				}
			}
		})
	}
}

// TestMPPCBounded: a Decompressor is its fixed-size struct (the 8 KB
// history and a few counters), whatever it is fed, and decompressing into
// a dst with room allocates nothing.
func TestMPPCBounded(t *testing.T) {
	if s := unsafe.Sizeof(Decompressor{}); s > MPPCHistorySize+256 {
		t.Fatalf("Decompressor is %d octets", s)
	}
	_, hs, payloads, _ := mppcBenchFrames()
	d := NewDecompressor(false)
	out := make([]byte, 0, MPPCHistorySize)
	allocs := testing.AllocsPerRun(3, func() {
		for i, p := range payloads {
			var err error
			if out, err = d.Decompress(hs[i], p, out[:0]); err != nil {
				t.Fatal(err)
			}
		}
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per run", allocs)
	}
}
