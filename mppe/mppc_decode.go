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
		if acc>>63 == 0 { // 0 + 7 bits: literal 0x00-0x7F
			if pos >= MPPCHistorySize {
				return pos, errPastEnd(pos, 1)
			}
			h[pos] = byte(acc >> 56)
			pos++
			acc <<= 8
			nbits -= 8
			left -= 8
			continue
		}
		if acc>>62 == 2 { // 10 + 7 bits: literal 0x80-0xFF
			if left < 9 {
				return pos, errTruncated(left)
			}
			if pos >= MPPCHistorySize {
				return pos, errPastEnd(pos, 1)
			}
			h[pos] = 0x80 | byte(acc>>55)&0x7F
			pos++
			acc <<= 9
			nbits -= 9
			left -= 9
			continue
		}
		// Copy tuple: offset, then length.
		var off, used int
		switch acc >> 60 {
		case 0xF: // 1111 + 6 bits
			off, used = int(acc>>54)&0x3F, 10
		case 0xE: // 1110 + 8 bits
			off, used = int(acc>>52)&0xFF+64, 12
		default: // 110 + 13 bits
			off, used = int(acc>>48)&0x1FFF+320, 16
		}
		acc <<= uint(used)
		ones := bits.LeadingZeros64(^acc) // k-1 in the table of mppc.go
		var n int
		if ones == 0 { // 0: length 3
			n = 3
			used++
			acc <<= 1
		} else {
			if ones > 11 {
				return pos, fmt.Errorf("invalid length code (%d leading ones)", ones)
			}
			w := uint(ones + 1) // value bits, after ones+1 prefix bits
			n = 1<<w + int(acc<<w>>(64-w))
			used += int(2 * w)
			acc <<= 2 * w
		}
		nbits -= uint(used)
		left -= used
		if left < 0 {
			return pos, errTruncated(left + used)
		}
		if off == 0 {
			return pos, fmt.Errorf("copy offset 0")
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
			copy(h[pos:pos+n], h[s:s+n])
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

func errPastEnd(pos, n int) error {
	return fmt.Errorf("%d octets at history position %d run past its end (%d)", n, pos, MPPCHistorySize)
}

func errTruncated(left int) error {
	return fmt.Errorf("truncated: a code needs more than the %d bits left", left)
}
