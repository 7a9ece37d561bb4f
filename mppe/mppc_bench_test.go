package mppe

import "testing"

// mppcBenchFrames: a stateful stream of 300 frames of up to 1500 octets,
// mostly text (1% random, sent uncompressed; a fifth repetitive): about
// 220 KB of data in 80 KB compressed, so that the compressed input stays in
// the cache as it does behind decryption.
func mppcBenchFrames() (frames [][]byte, hs []Header, payloads [][]byte, total int) {
	g := newMPPCGen(42)
	c := NewCompressor(false)
	for i := range 300 {
		f := g.frame(1500, 1, uint16(i))
		h, p := c.Compress(f, nil)
		frames, hs, payloads = append(frames, f), append(hs, h|Header(i)&CountMask), append(payloads, p)
		total += len(f)
	}
	return frames, hs, payloads, total
}

// BenchmarkMPPCDecompress: decompression speed, reported as output octets
// (MB/s); the target is at least 300 MB/s on one core.
func BenchmarkMPPCDecompress(b *testing.B) {
	_, hs, payloads, total := mppcBenchFrames()
	d := NewDecompressor(false)
	var out []byte
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for i, p := range payloads {
			var err error
			if out, err = d.Decompress(hs[i], p, out[:0]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkMPPCCompress: compression speed over the same frames (input
// octets).
func BenchmarkMPPCCompress(b *testing.B) {
	frames, _, _, total := mppcBenchFrames()
	c := NewCompressor(false)
	var out []byte
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		c.Reset()
		for _, f := range frames {
			_, out = c.Compress(f, out[:0])
		}
	}
}
