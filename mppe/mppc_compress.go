package mppe

import "math/bits"

// Compressor compresses the frames of one direction with MPPC (RFC 2118),
// the 8 KB-history encoding PPTP uses, for building test traffic and
// compressed captures. Its output is read back by Decompressor and follows
// the history rules documented in mppc.go:
//
//   - the first frame, every frame after Reset, and every frame in stateless
//     mode has the A bit (history flushed);
//   - a frame that does not fit between the history position and 8192 goes
//     to the front, with the B bit;
//   - a copy from the end of the history (reached from the front) stops at
//     the history's end, the one case decompressors disagree on;
//   - a frame whose compressed form would be longer than itself is sent as
//     it is (C clear), and the frame after it has the A bit, as FreeBSD's
//     ng_mppc does (the compressor's history already holds the frame, the
//     decompressor's does not). Frames longer than 8192 octets are sent as
//     they are too, without touching the history.
//
// The A bit is shared with MPPE: it also restarts RC4 on the receiver. When
// the encryption stage will send a frame with A of its own accord (a
// stateful flag packet, count & 0xFF == 0xFF, in the Linux style), call
// Reset before compressing that frame; when Compress returns A, make the
// encryption stage flush that frame too (Encryptor.Reset before Encrypt).
//
// It is not safe for concurrent use.
type Compressor struct {
	stateless bool
	flushNext bool
	pos       int // history position, 0..MPPCHistorySize
	filled    int // octets [0, filled) written since the last flush
	hist      [MPPCHistorySize]byte
	head      [1 << hashBits]uint16 // 3-octet hash -> history position + 1
}

const hashBits = 13

// NewCompressor returns a Compressor for one direction; stateless is the
// CCP H bit (every frame compressed on its own, with A).
func NewCompressor(stateless bool) *Compressor {
	return &Compressor{stateless: stateless, flushNext: true}
}

// Reset flushes the history before the next frame, which gets the A bit:
// what a sender does on a CCP Reset-Request.
func (c *Compressor) Reset() { c.flushNext = true }

// Compress compresses one frame (the inner PPP frame: protocol field and
// information) and appends the MPPC payload to dst. It returns the MPPC
// bits of the frame's header (BitFlushed, BitRestart, BitCompressed; no
// coherency count, no BitEncrypted: the MPPE stage adds them) and the
// extended dst. Without BitCompressed, the payload is src itself.
func (c *Compressor) Compress(src, dst []byte) (Header, []byte) {
	var h Header
	if c.stateless || c.flushNext {
		h |= BitFlushed
		c.pos, c.filled, c.flushNext = 0, 0, false
		clear(c.head[:])
	}
	n := len(src)
	if n > MPPCHistorySize {
		return h, append(dst, src...)
	}
	if c.pos+n > MPPCHistorySize {
		h |= BitRestart
		c.pos = 0
	}
	l0 := len(dst)
	w := bitWriter{buf: dst}
	for i := 0; i < n; {
		if len(w.buf)-l0 > n {
			break // expanded
		}
		if i+2 < n {
			hv := hash3(src[i:])
			if cand := int(c.head[hv]) - 1; cand >= 0 {
				if l := c.match(cand, src, i); l >= 3 {
					w.copyTuple((c.pos-cand)&histMask, l)
					c.commit(src, i, l)
					i += l
					continue
				}
			}
		}
		w.literal(src[i])
		c.commit(src, i, 1)
		i++
	}
	w.pad()
	if len(w.buf)-l0 > n {
		// Sent as is. The compressor's history holds the frame but the
		// receiver's does not: flush on the next frame.
		c.flushNext = true
		return h &^ BitRestart, append(w.buf[:l0], src...)
	}
	c.filled = max(c.filled, c.pos)
	return h | BitCompressed, w.buf
}

// commit writes src[i:i+l] at the history position and indexes the 3-octet
// sequences that start there and lie within src.
func (c *Compressor) commit(src []byte, i, l int) {
	copy(c.hist[c.pos:], src[i:i+l])
	for k := range l {
		if i+k+2 < len(src) {
			c.head[hash3(src[i+k:])] = uint16(c.pos + k + 1)
		}
	}
	c.pos += l
}

// match returns how many octets from src[i] a copy from history position
// cand would reproduce, as the decompressor will run it: octet by octet,
// with the octets the copy itself writes (from c.pos on) readable once
// written, and nothing read that was not written since the last flush.
func (c *Compressor) match(cand int, src []byte, i int) int {
	if cand == c.pos {
		return 0 // offset 0
	}
	maxLen := min(len(src)-i, MPPCHistorySize-1)
	if cand > c.pos {
		// From the end of the history left by earlier frames: stop at its
		// end rather than run on into the front. Decompressors with a
		// double buffer (FreeBSD) read on into the front, FreeRDP's reads
		// past its buffer instead; such copies are never written.
		maxLen = min(maxLen, MPPCHistorySize-cand)
	}
	written := max(c.filled, c.pos)
	k := 0
	for ; k < maxLen; k++ {
		r := (cand + k) & histMask
		var b byte
		switch {
		case r >= c.pos && r < c.pos+k:
			b = src[i+r-c.pos]
		case r < written:
			b = c.hist[r]
		default:
			return k
		}
		if b != src[i+k] {
			break
		}
	}
	return k
}

func hash3(b []byte) int {
	v := uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2])
	return int((v * 2654435761) >> (32 - hashBits))
}

// bitWriter appends bits most significant first.
type bitWriter struct {
	buf []byte
	acc uint64 // pending bits, left-aligned
	n   uint   // pending bit count, < 8 between calls
}

func (w *bitWriter) put(v uint64, nbits uint) {
	w.acc |= v << (64 - w.n - nbits)
	w.n += nbits
	for w.n >= 8 {
		w.buf = append(w.buf, byte(w.acc>>56))
		w.acc <<= 8
		w.n -= 8
	}
}

// pad completes the last octet with zero bits.
func (w *bitWriter) pad() {
	if w.n > 0 {
		w.buf = append(w.buf, byte(w.acc>>56))
		w.acc, w.n = 0, 0
	}
}

func (w *bitWriter) literal(b byte) {
	if b < 0x80 {
		w.put(uint64(b), 8) // 0 + 7 bits
	} else {
		w.put(0x100|uint64(b&0x7F), 9) // 10 + 7 bits
	}
}

// copyTuple writes an offset (1..8191) and a length (3..8191).
func (w *bitWriter) copyTuple(off, l int) {
	switch {
	case off < 64:
		w.put(0x3C0|uint64(off), 10) // 1111 + 6 bits
	case off < 320:
		w.put(0xE00|uint64(off-64), 12) // 1110 + 8 bits
	default:
		w.put(0xC000|uint64(off-320), 16) // 110 + 13 bits
	}
	if l == 3 {
		w.put(0, 1)
		return
	}
	// l in [2^k, 2^(k+1)): k-1 ones and a zero, then the k low bits.
	k := uint(bits.Len(uint(l)) - 1)
	w.put((1<<k-2)<<k|uint64(l-1<<k), 2*k)
}
