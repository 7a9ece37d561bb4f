package crack

import (
	"math/bits"
	"sync"
)

// A DES for the third-key search: the plaintext (the challenge hash) is
// fixed and only two key octets vary, so the initial permutation is done
// once, the output is compared before the final permutation, and the
// sixteen round keys come from two table lookups per round. Tables from
// FIPS 46-3; checked against crypto/des in des_test.go.

var desPC1 = [56]uint8{
	57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18,
	10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
	63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22,
	14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
}

var desPC2 = [48]uint8{
	14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10,
	23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
	41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48,
	44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
}

var desShifts = [16]uint8{1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1}

var desIP = [64]uint8{
	58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
	62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
	57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
	61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
}

var desP = [32]uint8{
	16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
	2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25,
}

var desS = [8][64]uint8{
	{14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7,
		0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
		4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0,
		15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13},
	{15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10,
		3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
		0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15,
		13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9},
	{10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8,
		13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
		13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7,
		1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12},
	{7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15,
		13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
		10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4,
		3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14},
	{2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9,
		14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
		4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14,
		11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3},
	{12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11,
		10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
		9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6,
		4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13},
	{4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1,
		13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
		1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2,
		6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12},
	{13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7,
		1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
		7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8,
		2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11},
}

// permute applies a FIPS permutation table (1-based bit numbers, bit 1
// the most significant of an n-bit input) to in.
func permute(in uint64, inBits int, table []uint8) uint64 {
	var out uint64
	for _, t := range table {
		out = out<<1 | (in>>(inBits-int(t)))&1
	}
	return out
}

// desSP combines each S-box with the permutation P: desSP[i][x] is P of
// S-box i's output for the 6 bits x, placed where S-box i writes.
var desSP [8][64]uint32

// desRoundKeys[r][0][b] and [1][b] are round r's key (eight 6-bit groups,
// group 0 in bits 47-42) contributed by the first and the second key octet
// of a 7-octet MS-CHAP key whose other octets are zero.
var desRoundKeys [16][2][256]uint64

// desTables fills desSP and desRoundKeys once, when the first search needs
// them (not at package init: every pptpscope command would pay for it).
var desTables = sync.OnceFunc(func() {
	for i := range 8 {
		for x := range 64 {
			row := (x>>4)&2 | x&1
			col := (x >> 1) & 0xf
			s := uint64(desS[i][row*16+col]) << (28 - 4*i)
			desSP[i][x] = uint32(permute(s, 32, desP[:]))
		}
	}
	for o := range 2 {
		for b := range 256 {
			var k7 [7]byte
			k7[o] = byte(b)
			ks := desKeySchedule(expandKey(k7[:]))
			for r := range 16 {
				desRoundKeys[r][o][b] = ks[r]
			}
		}
	}
})

// desKeySchedule returns the sixteen 48-bit round keys of an 8-octet key.
func desKeySchedule(key []byte) [16]uint64 {
	var k uint64
	for _, b := range key {
		k = k<<8 | uint64(b)
	}
	cd := permute(k, 64, desPC1[:])
	c, d := uint32(cd>>28), uint32(cd&0x0fffffff)
	var ks [16]uint64
	for r := range 16 {
		for range desShifts[r] {
			c = (c<<1 | c>>27) & 0x0fffffff
			d = (d<<1 | d>>27) & 0x0fffffff
		}
		ks[r] = permute(uint64(c)<<28|uint64(d), 56, desPC2[:])
	}
	return ks
}

// desRounds runs the sixteen rounds on an initially permuted block (l, r)
// and returns R16 L16, the value the final permutation is applied to.
// desTables must have run.
func desRounds(l, r uint32, ks *[16]uint64) uint64 {
	for i := range 16 {
		k := ks[i]
		f := desSP[0][(bits.RotateLeft32(r, 5)&0x3f)^uint32(k>>42&0x3f)] |
			desSP[1][(bits.RotateLeft32(r, 9)&0x3f)^uint32(k>>36&0x3f)] |
			desSP[2][(bits.RotateLeft32(r, 13)&0x3f)^uint32(k>>30&0x3f)] |
			desSP[3][(bits.RotateLeft32(r, 17)&0x3f)^uint32(k>>24&0x3f)] |
			desSP[4][(bits.RotateLeft32(r, 21)&0x3f)^uint32(k>>18&0x3f)] |
			desSP[5][(bits.RotateLeft32(r, 25)&0x3f)^uint32(k>>12&0x3f)] |
			desSP[6][(bits.RotateLeft32(r, 29)&0x3f)^uint32(k>>6&0x3f)] |
			desSP[7][(bits.RotateLeft32(r, 1)&0x3f)^uint32(k&0x3f)]
		l, r = r, l^f
	}
	return uint64(r)<<32 | uint64(l)
}

func be64(b []byte) uint64 {
	var v uint64
	for _, c := range b[:8] {
		v = v<<8 | uint64(c)
	}
	return v
}

// thirdKeysRange searches keys [from, to) of the two octets: the block is
// IP(challenge), want is IP(third response block) (IP is the inverse of
// the final permutation).
func thirdKeysRange(block, want uint64, from, to int) []uint16 {
	desTables()
	var found []uint16
	var ks [16]uint64
	l, r := uint32(block>>32), uint32(block)
	for k := from; k < to; k++ {
		for i := range 16 {
			ks[i] = desRoundKeys[i][0][k>>8] ^ desRoundKeys[i][1][k&0xff]
		}
		if desRounds(l, r, &ks) == want {
			found = append(found, uint16(k))
		}
	}
	return found
}
