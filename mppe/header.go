package mppe

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// Header is the 2-octet MPPE/MPPC header that follows PPP protocol 0x00FD
// (RFC 3078 §3, RFC 2118 §3): bits A B C D and a 12-bit coherency count.
type Header uint16

// Header bits.
const (
	BitFlushed    Header = 0x8000 // A: RC4 state reset (flushed)
	BitRestart    Header = 0x4000 // B: MPPC history restart (MPPC only)
	BitCompressed Header = 0x2000 // C: MPPC compressed
	BitEncrypted  Header = 0x1000 // D: MPPE encrypted
	CountMask     Header = 0x0FFF // coherency count
)

// CountSpace is the number of coherency count values (12 bits).
const CountSpace = 4096

// ParseHeader reads the header from the first 2 octets of b (the PPP
// payload after protocol 0x00FD).
func ParseHeader(b []byte) (Header, error) {
	if len(b) < 2 {
		return 0, badLength("MPPE header", 2, len(b))
	}
	return Header(binary.BigEndian.Uint16(b)), nil
}

// NewHeader builds a header from its flags and count.
func NewHeader(flushed, encrypted bool, count uint16) Header {
	h := Header(count) & CountMask
	if flushed {
		h |= BitFlushed
	}
	if encrypted {
		h |= BitEncrypted
	}
	return h
}

// Flushed reports the A bit.
func (h Header) Flushed() bool { return h&BitFlushed != 0 }

// Restart reports the B bit (MPPC only).
func (h Header) Restart() bool { return h&BitRestart != 0 }

// Compressed reports the C bit (MPPC).
func (h Header) Compressed() bool { return h&BitCompressed != 0 }

// Encrypted reports the D bit.
func (h Header) Encrypted() bool { return h&BitEncrypted != 0 }

// Count is the 12-bit coherency count.
func (h Header) Count() uint16 { return uint16(h & CountMask) }

// IsFlag reports a stateful "flag" packet: count & 0xFF == 0xFF, where the
// sender rekeys (RFC 3078 §8.2 / Linux).
func (h Header) IsFlag() bool { return h.Count()&0xFF == 0xFF }

func (h Header) String() string {
	var b strings.Builder
	for _, f := range []struct {
		bit  Header
		name string
	}{{BitFlushed, "A"}, {BitRestart, "B"}, {BitCompressed, "C"}, {BitEncrypted, "D"}} {
		if h&f.bit != 0 {
			b.WriteString(f.name)
		} else {
			b.WriteByte('-')
		}
	}
	return fmt.Sprintf("%s ccount=%d", b.String(), h.Count())
}

// countDist is the forward distance from a to b modulo CountSpace.
func countDist(a, b uint16) uint16 { return (b - a) & uint16(CountMask) }

// SplitProtocol splits decrypted MPPE plaintext into the inner PPP protocol
// number and the rest. The protocol is 2 octets, or 1 octet when its first
// octet is odd (protocol-field compression), as Linux mppe_decompress does.
func SplitProtocol(plaintext []byte) (proto uint16, payload []byte, err error) {
	switch {
	case len(plaintext) >= 1 && plaintext[0]&1 == 1:
		return uint16(plaintext[0]), plaintext[1:], nil
	case len(plaintext) >= 2:
		return binary.BigEndian.Uint16(plaintext), plaintext[2:], nil
	}
	return 0, nil, badLength("inner PPP protocol", 2, len(plaintext))
}
