package mppe

import (
	"crypto/des"
	"crypto/sha1"
	"encoding/hex"
	"strings"
	"unicode/utf16"

	//lint:ignore SA1019 MS-CHAP is defined with MD4; compatibility, not security, is the goal here.
	"golang.org/x/crypto/md4"
)

// RFC 2759 §8.7 magic constants.
var (
	authMagic1 = []byte("Magic server to client signing constant")   // 39 octets
	authMagic2 = []byte("Pad to make it do more than one iteration") // 41 octets
)

// PasswordUnicode is the password as RFC 2759 hashes it: UTF-16LE, no
// terminator, no case change. Invalid UTF-8 sequences become U+FFFD.
func PasswordUnicode(password string) []byte {
	u := utf16.Encode([]rune(password))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		b[2*i] = byte(c)
		b[2*i+1] = byte(c >> 8)
	}
	return b
}

// NtPasswordHash is MD4(UTF-16LE(password)) (RFC 2759 §8.3, RFC 2433 A.2).
func NtPasswordHash(password string) [16]byte {
	return md4Sum(PasswordUnicode(password))
}

// HashNtPasswordHash is MD4(passwordHash) (RFC 2759 §8.4).
func HashNtPasswordHash(passwordHash [16]byte) [16]byte {
	return md4Sum(passwordHash[:])
}

func md4Sum(b []byte) [16]byte {
	h := md4.New()
	h.Write(b)
	var out [16]byte
	h.Sum(out[:0])
	return out
}

// StripDomain returns the user name without any "DOMAIN\" prefix (everything
// up to the last backslash), as RFC 2759 §8.2 hashes it.
func StripDomain(userName string) string {
	if i := strings.LastIndexByte(userName, '\\'); i >= 0 {
		return userName[i+1:]
	}
	return userName
}

// ChallengeHash is SHA1(PeerChallenge ‖ AuthenticatorChallenge ‖
// UserName)[0:8] with the domain stripped from userName (RFC 2759 §8.2).
// The peer challenge comes first.
func ChallengeHash(peerChallenge, authChallenge [16]byte, userName string) [8]byte {
	h := sha1.New()
	h.Write(peerChallenge[:])
	h.Write(authChallenge[:])
	h.Write([]byte(StripDomain(userName)))
	var sum [sha1.Size]byte
	h.Sum(sum[:0])
	return [8]byte(sum[:8])
}

// ChallengeResponse DES-encrypts the 8-octet challenge with each 7-octet
// third of the zero-padded 21-octet password hash (RFC 2759 §8.5, RFC 2433
// A.5). It is the MS-CHAPv1 NT-Response when given the raw challenge.
func ChallengeResponse(challenge [8]byte, passwordHash [16]byte) [24]byte {
	var z [21]byte
	copy(z[:], passwordHash[:])
	var out [24]byte
	for i := range 3 {
		desEncrypt7(out[8*i:8*i+8], z[7*i:7*i+7], challenge[:])
	}
	return out
}

// desEncrypt7 encrypts one block with a 56-bit key given as 7 octets,
// spread over 8 octets (the DES parity bits, the low bit of each octet, are
// ignored by the key schedule).
func desEncrypt7(dst, key7, block []byte) {
	var k [8]byte
	k[0] = key7[0]
	for i := 1; i < 7; i++ {
		k[i] = key7[i-1]<<(8-i) | key7[i]>>i
	}
	k[7] = key7[6] << 1
	c, err := des.NewCipher(k[:])
	if err != nil { // cannot happen: the key is 8 octets
		panic(err)
	}
	c.Encrypt(dst, block)
}

// GenerateNTResponse is the MS-CHAPv2 NT-Response (RFC 2759 §8.1):
// ChallengeResponse(ChallengeHash(peer, auth, user), passwordHash).
func GenerateNTResponse(authChallenge, peerChallenge [16]byte, userName string, passwordHash [16]byte) [24]byte {
	return ChallengeResponse(ChallengeHash(peerChallenge, authChallenge, userName), passwordHash)
}

// AuthenticatorResponse is the 20-octet MS-CHAPv2 authenticator response
// (RFC 2759 §8.7) that the server sends as "S=" plus hex.
func AuthenticatorResponse(passwordHash [16]byte, ntResponse [24]byte, peerChallenge, authChallenge [16]byte, userName string) [20]byte {
	hh := HashNtPasswordHash(passwordHash)
	h := sha1.New()
	h.Write(hh[:])
	h.Write(ntResponse[:])
	h.Write(authMagic1)
	var digest [sha1.Size]byte
	h.Sum(digest[:0])

	ch := ChallengeHash(peerChallenge, authChallenge, userName)
	h.Reset()
	h.Write(digest[:])
	h.Write(ch[:])
	h.Write(authMagic2)
	h.Sum(digest[:0])
	return digest
}

// GenerateAuthenticatorResponse is AuthenticatorResponse formatted as the
// Success message carries it: "S=" and 40 upper-case hex digits.
func GenerateAuthenticatorResponse(passwordHash [16]byte, ntResponse [24]byte, peerChallenge, authChallenge [16]byte, userName string) string {
	a := AuthenticatorResponse(passwordHash, ntResponse, peerChallenge, authChallenge, userName)
	return "S=" + strings.ToUpper(hex.EncodeToString(a[:]))
}
