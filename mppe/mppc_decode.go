package mppe

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// decode decodes one compressed payload into the history from d.pos and
// returns the position after its last octet (also on error, so the caller
// knows how far the history was written).
//
// Bits are read through a 64-bit accumulator holding them left-aligned;
// nbits counts the bits in it (past the end of src they are zeros), left
// the bits of src not yet consumed. A symbol is at most 40 bits (16-bit
// offset and 24-bit length), so one refill to at least 57 bits serves a
// whole symbol. The trailing pad is less than 8 bits (RFC 2118 §4: the
// stream is padded to an octet), so decoding stops when fewer than 8 bits
// remain; a symbol that needs more bits than remain is truncated.
func (d *Decompressor) decode(src []byte) (int, error) {
	var (
		acc   uint64
		nbits uint
		i     int
		left  = len(src) * 8
		pos   = d.pos
		h     = &d.hist
	)
	for left >= 8 {
		if nbits < 40 {
			if i+8 <= len(src) {
				acc |= binary.BigEndian.Uint64(src[i:]) >> nbits
				i += int(63-nbits) >> 3
				nbits |= 56
			} else {
				for nbits <= 56 {
					if i < len(src) {
						acc |= uint64(src[i]) << (56 - nbits)
					}
					i++
					nbits += 8
				}
			}
		}
		if acc>>62 != 3 { // a literal: 0 + 7 bits, or 10 + 7 bits for 0x80-0xFF
			hi := uint(acc >> 63) // 1 for the 9-bit form
			if pos >= MPPCHistorySize {
				return pos, errPastEnd(pos, 1)
			}
			h[pos&histMask] = byte(acc>>(56-hi)) | byte(hi<<7)
			pos++
			acc <<= 8 + hi
			nbits -= 8 + hi
			left -= 8 + int(hi)
			if left < 0 {
				return pos - 1, errTruncated(left + 8 + int(hi))
			}
			continue
		}
		// Copy tuple: offset, then length. The offset code by its first 4
		// bits: 1111 + 6 bits, 1110 + 8 bits (+64), 110 + 13 bits (+320).
		oc := offsetCodes[acc>>60&3]
		off := int(acc<<oc.prefix>>(64-oc.width)) + oc.base
		used := int(oc.prefix + oc.width)
		acc <<= uint(used)
		// Length: ones leading 1 bits, a 0, then ones+1 value bits, for
		// 2^(ones+1) and up; a single 0 is length 3.
		ones := bits.LeadingZeros64(^acc)
		if ones > 11 {
			return pos, fmt.Errorf("invalid length code (%d leading ones)", ones)
		}
		w := uint(ones + 1)
		n, u := 1<<w+int(acc<<w>>(64-w)), 2*w
		if ones == 0 {
			n, u = 3, 1
		}
		used += int(u)
		acc <<= u
		nbits -= uint(used)
		left -= used
		if left < 0 {
			return pos, errTruncated(left + used)
		}
		if off == 0 || off >= MPPCHistorySize { // 110 + 13 bits reaches 8511
			return pos, fmt.Errorf("copy offset %d outside 1..%d", off, MPPCHistorySize-1)
		}
		if pos+n > MPPCHistorySize {
			return pos, errPastEnd(pos, n)
		}
		s := (pos - off) & histMask
		if off > pos {
			// Before the front: the end of the history left by earlier
			// frames, which must have been written since the last flush.
			if s+min(n, off-pos) > d.filled {
				return pos, fmt.Errorf("copy offset %d at position %d reaches before the history start", off, pos)
			}
			if n > off-pos { // wraps around to the front
				for k := range n {
					h[pos+k] = h[(s+k)&histMask]
				}
				pos += n
				continue
			}
			copy(h[pos:pos+n], h[s:s+n]) // s > pos: a forward copy
			pos += n
			continue
		}
		if off >= n {
			// Not overlapping (s+n <= pos). Short copies (most) by words,
			// the last one ending at n: it may rewrite octets of the one
			// before, with the same values since the source lies before
			// pos; this is inline because a call costs as much.
			switch {
			case n > 16:
				copy(h[pos:pos+n], h[s:s+n])
			case n >= 8:
				le := binary.LittleEndian
				le.PutUint64(h[pos:], le.Uint64(h[s:]))
				le.PutUint64(h[pos+n-8:], le.Uint64(h[s+n-8:]))
			case n >= 4:
				le := binary.LittleEndian
				le.PutUint32(h[pos:], le.Uint32(h[s:]))
				le.PutUint32(h[pos+n-4:], le.Uint32(h[s+n-4:]))
			default:
				binary.LittleEndian.PutUint16(h[pos:], binary.LittleEndian.Uint16(h[s:]))
				h[(pos+2)&histMask] = h[(s+2)&histMask]
			}
			pos += n
			continue
		}
		// Overlapping: the last off octets repeat; copy in doubling chunks
		// whose distance to their source stays a multiple of off.
		for k := 0; k < n; {
			k += copy(h[pos+k:pos+n], h[s:pos+k])
		}
		pos += n
	}
	return pos, nil
}

// offsetCodes is indexed by the 3rd and 4th bits of a copy tuple (the
// first two are 11).
var offsetCodes = [4]struct {
	prefix, width uint
	base          int
}{
	{3, 13, 320}, {3, 13, 320}, // 1100, 1101: 110 + 13 bits
	{4, 8, 64}, // 1110 + 8 bits
	{4, 6, 0},  // 1111 + 6 bits
}

func errPastEnd(pos, n int) error {
	return fmt.Errorf("%d octets at history position %d run past its end (%d)", n, pos, MPPCHistorySize)
}

func errTruncated(left int) error {
	return fmt.Errorf("truncated: a code needs more than the %d bits left", left)
}
