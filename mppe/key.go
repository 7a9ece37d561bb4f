package mppe

import (
	"encoding/hex"
	"fmt"
	"strings"
)

// KeyLength is an MPPE key strength in bits: 40, 56 or 128 (CCP option 18
// bits L, M and S).
type KeyLength int

// The three MPPE key lengths.
const (
	Key40  KeyLength = 40
	Key56  KeyLength = 56
	Key128 KeyLength = 128
)

// Valid reports whether k is 40, 56 or 128.
func (k KeyLength) Valid() bool { return k == Key40 || k == Key56 || k == Key128 }

// Octets is the number of key octets used on the wire: 8 for 40 and 56 bits
// (the top octets are then fixed by reduction), 16 for 128 bits, 0 when k is
// not valid.
func (k KeyLength) Octets() int {
	switch k {
	case Key40, Key56:
		return 8
	case Key128:
		return 16
	}
	return 0
}

func (k KeyLength) check() error {
	if !k.Valid() {
		return fmt.Errorf("%w: %d bits", ErrBadKeyLength, int(k))
	}
	return nil
}

// Key is an MPPE start, interim or session key of a given KeyLength. The
// zero Key is invalid (Len 0).
type Key struct {
	b [16]byte
	l KeyLength
}

// NewKey copies the first l.Octets() octets of b into a Key.
func NewKey(b []byte, l KeyLength) (Key, error) {
	if err := l.check(); err != nil {
		return Key{}, err
	}
	n := l.Octets()
	if len(b) < n {
		return Key{}, badLength(fmt.Sprintf("%d-bit key", int(l)), n, len(b))
	}
	var k Key
	copy(k.b[:], b[:n])
	k.l = l
	return k, nil
}

// ParseKey parses a hex key (spaces allowed) of the given length.
func ParseKey(s string, l KeyLength) (Key, error) {
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		return Key{}, fmt.Errorf("%w: %v", ErrBadLength, err)
	}
	if err := l.check(); err != nil {
		return Key{}, err
	}
	if len(b) != l.Octets() {
		return Key{}, badLength(fmt.Sprintf("%d-bit key", int(l)), l.Octets(), len(b))
	}
	return NewKey(b, l)
}

// Len is the key's strength.
func (k Key) Len() KeyLength { return k.l }

// Bytes returns a copy of the key octets (8 or 16).
func (k Key) Bytes() []byte { return append([]byte(nil), k.octets()...) }

func (k Key) octets() []byte { return k.b[:k.l.Octets()] }

// expand16 is the key as init2 and init16 take it: an 8-octet key
// repeated twice.
func (k *Key) expand16() [16]byte {
	b := k.b
	if k.l.Octets() == 8 {
		copy(b[8:], b[:8])
	}
	return b
}

// String is the key in upper-case hex.
func (k Key) String() string { return strings.ToUpper(hex.EncodeToString(k.octets())) }

// Direction names one half of a PPTP call's data stream.
type Direction uint8

// The two directions. Each uses its own start key (RFC 3079 §3.4).
const (
	// ClientToServer (PAC-bound) traffic is encrypted with the key made from
	// Magic2: the client's send key, the server's receive key.
	ClientToServer Direction = iota
	// ServerToClient traffic is encrypted with the key made from Magic3: the
	// server's send key, the client's receive key.
	ServerToClient
)

func (d Direction) String() string {
	switch d {
	case ClientToServer:
		return "client->server"
	case ServerToClient:
		return "server->client"
	}
	return fmt.Sprintf("Direction(%d)", uint8(d))
}
