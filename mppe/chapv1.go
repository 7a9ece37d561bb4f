package mppe

import "fmt"

// lmMagic is the block DES-encrypted by LmPasswordHash (RFC 2433 A.8).
var lmMagic = []byte("KGS!@#$%")

// LmPasswordHash is the LAN Manager password hash (RFC 2433 A.8, used by
// RFC 3079 §2 for MS-CHAPv1 40/56-bit keys): the password upper-cased,
// truncated or zero-padded to 14 octets, each 7-octet half used as a DES key
// to encrypt "KGS!@#$%". Only ASCII passwords are accepted (the real
// algorithm uses the OEM code page): others give ErrLMPassword.
func LmPasswordHash(password string) ([16]byte, error) {
	var pw [14]byte
	for i := 0; i < len(password); i++ {
		c := password[i]
		if c >= 0x80 {
			return [16]byte{}, fmt.Errorf("%w: byte %#02x at %d", ErrLMPassword, c, i)
		}
		if i < len(pw) {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			pw[i] = c
		}
	}
	var h [16]byte
	desEncrypt7(h[0:8], pw[0:7], lmMagic)
	desEncrypt7(h[8:16], pw[7:14], lmMagic)
	return h, nil
}

// NTResponseV1 is the MS-CHAPv1 NT-Response (RFC 2433 A.5):
// ChallengeResponse of the 8-octet challenge with the NT password hash.
func NTResponseV1(challenge [8]byte, passwordHash [16]byte) [24]byte {
	return ChallengeResponse(challenge, passwordHash)
}
