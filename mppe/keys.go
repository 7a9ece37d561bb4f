package mppe

import (
	"crypto/sha1"
	"fmt"
)

// RFC 3079 §3.4 constants.
var (
	masterMagic = []byte("This is the MPPE Master Key") // Magic1, 27 octets
	// Magic2 (84 octets): client send = server receive: client->server traffic.
	magic2 = []byte("On the client side, this is the send key; on the server side, it is the receive key.")
	// Magic3 (84 octets): client receive = server send: server->client traffic.
	magic3 = []byte("On the client side, this is the receive key; on the server side, it is the send key.")
)

// SHSpad1 (40 × 0x00) and SHSpad2 (40 × 0xF2), RFC 3079 §3.3/§3.4.
var shsPad1, shsPad2 = [40]byte{}, func() (p [40]byte) {
	for i := range p {
		p[i] = 0xF2
	}
	return p
}()

// MasterKey is the MS-CHAPv2 MPPE master key (RFC 3079 §3.4 GetMasterKey):
// SHA1(PasswordHashHash ‖ NT-Response ‖ Magic1)[0:16], where ntResponse is
// the client's 24-octet NT-Response.
func MasterKey(passwordHashHash [16]byte, ntResponse [24]byte) [16]byte {
	h := sha1.New()
	h.Write(passwordHashHash[:])
	h.Write(ntResponse[:])
	h.Write(masterMagic)
	var sum [sha1.Size]byte
	h.Sum(sum[:0])
	return [16]byte(sum[:16])
}

// AsymmetricStartKey is RFC 3079 §3.4 GetAsymmetricStartKey for the traffic
// of one direction: SHA1(MasterKey ‖ SHSpad1 ‖ Magic ‖ SHSpad2)[0:n] with
// Magic2 for ClientToServer and Magic3 for ServerToClient. (The RFC's sample
// "SendStartKey" is the server's send key, i.e. ServerToClient.)
func AsymmetricStartKey(masterKey [16]byte, l KeyLength, d Direction) (Key, error) {
	if err := l.check(); err != nil {
		return Key{}, err
	}
	magic := magic2
	switch d {
	case ClientToServer:
	case ServerToClient:
		magic = magic3
	default:
		return Key{}, fmt.Errorf("%w: %d", ErrBadDirection, d)
	}
	h := sha1.New()
	h.Write(masterKey[:])
	h.Write(shsPad1[:])
	h.Write(magic)
	h.Write(shsPad2[:])
	var sum [sha1.Size]byte
	h.Sum(sum[:0])
	return NewKey(sum[:], l)
}

// StartKeysV2 derives the MS-CHAPv2 start keys of both directions from the
// password hash hash and the client's NT-Response (RFC 3079 §3.4).
func StartKeysV2(passwordHashHash [16]byte, ntResponse [24]byte, l KeyLength) (clientToServer, serverToClient Key, err error) {
	mk := MasterKey(passwordHashHash, ntResponse)
	if clientToServer, err = AsymmetricStartKey(mk, l, ClientToServer); err != nil {
		return Key{}, Key{}, err
	}
	serverToClient, err = AsymmetricStartKey(mk, l, ServerToClient)
	return clientToServer, serverToClient, err
}

// V1KeyVariant selects how MS-CHAPv1 start keys are derived.
type V1KeyVariant uint8

const (
	// V1KeyRFC3079: 128-bit keys from SHA1(NtPasswordHashHash ‖
	// NtPasswordHashHash ‖ Challenge); 40- and 56-bit keys from the first 8
	// octets of the LM password hash (RFC 3079 §2.1-2.4).
	V1KeyRFC3079 V1KeyVariant = iota
	// V1KeyPppd: every length from the SHA1 digest above, truncated to the
	// key length (Linux pppd mppe_set_chapv1 and the kernel).
	V1KeyPppd
)

// StartKeyV1 is the MS-CHAPv1 start key, the same for both directions.
// lmHash is only needed (16 octets) for V1KeyRFC3079 with 40/56-bit keys;
// without it ErrNeedLMHash is returned.
func StartKeyV1(v V1KeyVariant, l KeyLength, ntHashHash [16]byte, challenge [8]byte, lmHash []byte) (Key, error) {
	if err := l.check(); err != nil {
		return Key{}, err
	}
	if v == V1KeyRFC3079 && l != Key128 {
		if lmHash == nil {
			return Key{}, ErrNeedLMHash
		}
		if len(lmHash) != 16 {
			return Key{}, badLength("LM hash", 16, len(lmHash))
		}
		return NewKey(lmHash[:8], l)
	}
	h := sha1.New()
	h.Write(ntHashHash[:])
	h.Write(ntHashHash[:])
	h.Write(challenge[:])
	var sum [sha1.Size]byte
	h.Sum(sum[:0])
	return NewKey(sum[:], l)
}

// GetNewKeyFromSHA is RFC 3079 §3.3 / RFC 3078 §7.3:
// SHA1(StartKey ‖ SHSpad1 ‖ SessionKey ‖ SHSpad2)[0:n], n = 8 or 16 octets,
// without reduction. The keys must have the same length, else the start
// key's length is used.
func GetNewKeyFromSHA(start, session Key) Key {
	var k Key
	getNewKeyFromSHA(&k, &start, &session)
	return k
}

// getNewKeyFromSHA writes the interim key into dst without allocating.
func getNewKeyFromSHA(dst, start, session *Key) {
	n := start.l.Octets()
	var buf [16 + 40 + 16 + 40]byte
	p := copy(buf[:], start.b[:n])
	p += copy(buf[p:], shsPad1[:])
	p += copy(buf[p:], session.b[:n])
	p += copy(buf[p:], shsPad2[:])
	sum := sha1.Sum(buf[:p])
	dst.l = start.l
	dst.b = [16]byte{}
	copy(dst.b[:n], sum[:n])
}

// Reduce applies the key-strength reduction of RFC 3079 §3.1/§3.2 (RFC 3078
// §7.3): 40-bit keys get octets 0-2 = D1 26 9E, 56-bit keys octet 0 = D1;
// 128-bit keys are unchanged.
func Reduce(k Key) Key {
	reduce(&k)
	return k
}

func reduce(k *Key) {
	switch k.l {
	case Key40:
		k.b[0], k.b[1], k.b[2] = 0xD1, 0x26, 0x9E
	case Key56:
		k.b[0] = 0xD1
	}
}

// InitialSessionKey is the first session key of a direction:
// Reduce(GetNewKeyFromSHA(start, start)), with no RC4 step (RFC 3079 §3.5).
func InitialSessionKey(start Key) Key {
	var k Key
	getNewKeyFromSHA(&k, &start, &start)
	reduce(&k)
	return k
}

// Rekey is the MPPE key change (RFC 3078 §7.3, Linux mppe_rekey): interim =
// GetNewKeyFromSHA(start, current); new = RC4(key=interim) applied to
// interim; then Reduce.
func Rekey(start, current Key) Key {
	var k Key
	var c arc4
	rekey(&k, &start, &current, &c)
	return k
}

// rekey computes the next session key into dst, using c as scratch RC4
// state (no allocation). dst may be current.
func rekey(dst, start, current *Key, c *arc4) {
	getNewKeyFromSHA(dst, start, current)
	k := dst.expand16()
	c.init16(&k)
	c.xorFresh(dst)
	reduce(dst)
}
