package mppe

import (
	"encoding/binary"
	"math/bits"
)

// NtHashUnicode writes MD4(u) to dst, where u is a password already in
// UTF-16LE: the NT password hash, for password crackers. Inputs of up to
// 55 octets (27 UTF-16 code units) take an allocation-free single-block
// MD4 written for this; longer ones go through x/crypto/md4.
func NtHashUnicode(dst *[16]byte, u []byte) {
	if len(u) > 55 {
		*dst = md4Sum(u)
		return
	}
	var block [64]byte
	copy(block[:], u)
	block[len(u)] = 0x80
	binary.LittleEndian.PutUint64(block[56:], uint64(len(u))*8)
	var x [16]uint32
	for i := range x {
		x[i] = binary.LittleEndian.Uint32(block[4*i:])
	}
	a, b, c, d := md4Block(&x)
	binary.LittleEndian.PutUint32(dst[0:], a)
	binary.LittleEndian.PutUint32(dst[4:], b)
	binary.LittleEndian.PutUint32(dst[8:], c)
	binary.LittleEndian.PutUint32(dst[12:], d)
}

// md4Block is MD4's compression (RFC 1320 §3.4) of one block from the
// initial state, with the state added at the end.
func md4Block(x *[16]uint32) (uint32, uint32, uint32, uint32) {
	const (
		a0, b0, c0, d0 = 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476
		k2, k3         = 0x5a827999, 0x6ed9eba1
	)
	a, b, c, d := uint32(a0), uint32(b0), uint32(c0), uint32(d0)
	// Round 1: F(x,y,z) = (x & y) | (^x & z); shifts 3 7 11 19.
	for _, i := range [4]int{0, 4, 8, 12} {
		a = bits.RotateLeft32(a+((b&c)|(^b&d))+x[i], 3)
		d = bits.RotateLeft32(d+((a&b)|(^a&c))+x[i+1], 7)
		c = bits.RotateLeft32(c+((d&a)|(^d&b))+x[i+2], 11)
		b = bits.RotateLeft32(b+((c&d)|(^c&a))+x[i+3], 19)
	}
	// Round 2: G(x,y,z) = majority; shifts 3 5 9 13; words by column.
	for _, i := range [4]int{0, 1, 2, 3} {
		a = bits.RotateLeft32(a+((b&c)|(b&d)|(c&d))+x[i]+k2, 3)
		d = bits.RotateLeft32(d+((a&b)|(a&c)|(b&c))+x[i+4]+k2, 5)
		c = bits.RotateLeft32(c+((d&a)|(d&b)|(a&b))+x[i+8]+k2, 9)
		b = bits.RotateLeft32(b+((c&d)|(c&a)|(d&a))+x[i+12]+k2, 13)
	}
	// Round 3: H(x,y,z) = x ^ y ^ z; shifts 3 9 11 15; bit-reversed order.
	for _, i := range [4]int{0, 2, 1, 3} {
		a = bits.RotateLeft32(a+(b^c^d)+x[i]+k3, 3)
		d = bits.RotateLeft32(d+(a^b^c)+x[i+8]+k3, 9)
		c = bits.RotateLeft32(c+(d^a^b)+x[i+4]+k3, 11)
		b = bits.RotateLeft32(b+(c^d^a)+x[i+12]+k3, 15)
	}
	return a + a0, b + b0, c + c0, d + d0
}
