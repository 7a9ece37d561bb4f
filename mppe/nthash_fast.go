package mppe

import (
	"encoding/binary"
	"math/bits"
)

// NtHashUnicode writes MD4(u) to dst, where u is a password already in
// UTF-16LE: the NT password hash, for password crackers. Inputs of up to
// 55 octets (27 UTF-16 code units) take an allocation-free single-block
// MD4 written for this (RFC 1320, unrolled); longer ones go through
// x/crypto/md4.
func NtHashUnicode(dst *[16]byte, u []byte) {
	if len(u) > 55 {
		*dst = md4Sum(u)
		return
	}
	var block [64]byte
	copy(block[:], u)
	block[len(u)] = 0x80
	block[56] = byte(len(u) << 3)
	block[57] = byte(len(u) >> 5)
	a, b, c, d := md4Block(&block)
	binary.LittleEndian.PutUint32(dst[0:], a)
	binary.LittleEndian.PutUint32(dst[4:], b)
	binary.LittleEndian.PutUint32(dst[8:], c)
	binary.LittleEndian.PutUint32(dst[12:], d)
}

// md4Block is MD4's compression (RFC 1320 section 3.4) of one block from
// the initial state, with the state added at the end.
func md4Block(block *[64]byte) (uint32, uint32, uint32, uint32) {
	const (
		a0, b0, c0, d0 = 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476
		k2, k3         = 0x5a827999, 0x6ed9eba1
	)
	le := binary.LittleEndian
	x0, x1, x2, x3 := le.Uint32(block[0:]), le.Uint32(block[4:]), le.Uint32(block[8:]), le.Uint32(block[12:])
	x4, x5, x6, x7 := le.Uint32(block[16:]), le.Uint32(block[20:]), le.Uint32(block[24:]), le.Uint32(block[28:])
	x8, x9, x10, x11 := le.Uint32(block[32:]), le.Uint32(block[36:]), le.Uint32(block[40:]), le.Uint32(block[44:])
	x12, x13, x14, x15 := le.Uint32(block[48:]), le.Uint32(block[52:]), le.Uint32(block[56:]), le.Uint32(block[60:])
	a, b, c, d := uint32(a0), uint32(b0), uint32(c0), uint32(d0)
	rl := bits.RotateLeft32
	// Round 1: F(x, y, z) = (x AND y) OR (NOT x AND z).
	a = rl(a+(d^(b&(c^d)))+x0, 3)
	d = rl(d+(c^(a&(b^c)))+x1, 7)
	c = rl(c+(b^(d&(a^b)))+x2, 11)
	b = rl(b+(a^(c&(d^a)))+x3, 19)
	a = rl(a+(d^(b&(c^d)))+x4, 3)
	d = rl(d+(c^(a&(b^c)))+x5, 7)
	c = rl(c+(b^(d&(a^b)))+x6, 11)
	b = rl(b+(a^(c&(d^a)))+x7, 19)
	a = rl(a+(d^(b&(c^d)))+x8, 3)
	d = rl(d+(c^(a&(b^c)))+x9, 7)
	c = rl(c+(b^(d&(a^b)))+x10, 11)
	b = rl(b+(a^(c&(d^a)))+x11, 19)
	a = rl(a+(d^(b&(c^d)))+x12, 3)
	d = rl(d+(c^(a&(b^c)))+x13, 7)
	c = rl(c+(b^(d&(a^b)))+x14, 11)
	b = rl(b+(a^(c&(d^a)))+x15, 19)
	// Round 2: G(x, y, z) = majority, words by column.
	a = rl(a+((b&c)|(b&d)|(c&d))+x0+k2, 3)
	d = rl(d+((a&b)|(a&c)|(b&c))+x4+k2, 5)
	c = rl(c+((d&a)|(d&b)|(a&b))+x8+k2, 9)
	b = rl(b+((c&d)|(c&a)|(d&a))+x12+k2, 13)
	a = rl(a+((b&c)|(b&d)|(c&d))+x1+k2, 3)
	d = rl(d+((a&b)|(a&c)|(b&c))+x5+k2, 5)
	c = rl(c+((d&a)|(d&b)|(a&b))+x9+k2, 9)
	b = rl(b+((c&d)|(c&a)|(d&a))+x13+k2, 13)
	a = rl(a+((b&c)|(b&d)|(c&d))+x2+k2, 3)
	d = rl(d+((a&b)|(a&c)|(b&c))+x6+k2, 5)
	c = rl(c+((d&a)|(d&b)|(a&b))+x10+k2, 9)
	b = rl(b+((c&d)|(c&a)|(d&a))+x14+k2, 13)
	a = rl(a+((b&c)|(b&d)|(c&d))+x3+k2, 3)
	d = rl(d+((a&b)|(a&c)|(b&c))+x7+k2, 5)
	c = rl(c+((d&a)|(d&b)|(a&b))+x11+k2, 9)
	b = rl(b+((c&d)|(c&a)|(d&a))+x15+k2, 13)
	// Round 3: H(x, y, z) = x XOR y XOR z, words in bit-reversed order.
	a = rl(a+(b^c^d)+x0+k3, 3)
	d = rl(d+(a^b^c)+x8+k3, 9)
	c = rl(c+(d^a^b)+x4+k3, 11)
	b = rl(b+(c^d^a)+x12+k3, 15)
	a = rl(a+(b^c^d)+x2+k3, 3)
	d = rl(d+(a^b^c)+x10+k3, 9)
	c = rl(c+(d^a^b)+x6+k3, 11)
	b = rl(b+(c^d^a)+x14+k3, 15)
	a = rl(a+(b^c^d)+x1+k3, 3)
	d = rl(d+(a^b^c)+x9+k3, 9)
	c = rl(c+(d^a^b)+x5+k3, 11)
	b = rl(b+(c^d^a)+x13+k3, 15)
	a = rl(a+(b^c^d)+x3+k3, 3)
	d = rl(d+(a^b^c)+x11+k3, 9)
	c = rl(c+(d^a^b)+x7+k3, 11)
	b = rl(b+(c^d^a)+x15+k3, 15)
	return a + a0, b + b0, c + c0, d + d0
}
