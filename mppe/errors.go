package mppe

import (
	"errors"
	"fmt"
)

// Errors returned by this package wrap one of these sentinels, so callers can
// classify them with errors.Is.
var (
	// ErrPasswordMismatch: the NT-Response was not computed from this password
	// (or NT hash).
	ErrPasswordMismatch = errors.New("password mismatch")
	// ErrAuthenticatorMismatch: the server's S= authenticator response does
	// not follow from this password and NT-Response.
	ErrAuthenticatorMismatch = errors.New("authenticator response mismatch")
	// ErrBadLength: an input (challenge, response, hash, key) has the wrong
	// length.
	ErrBadLength = errors.New("bad length")
	// ErrBadKeyLength: the key length is not 40, 56 or 128 bits.
	ErrBadKeyLength = errors.New("bad key length")
	// ErrBadDirection: a Direction other than ClientToServer/ServerToClient.
	ErrBadDirection = errors.New("bad direction")
	// ErrBadAuthenticator: the S= string is not "S=" followed by 40 hex digits.
	ErrBadAuthenticator = errors.New("malformed authenticator response")
	// ErrNeedLMHash: the RFC 3079 MS-CHAPv1 40/56-bit start key needs the LM
	// hash, which was not given.
	ErrNeedLMHash = errors.New("LM password hash needed")
	// ErrLMPassword: the password cannot be LM-hashed (non-ASCII character).
	ErrLMPassword = errors.New("password not representable for the LM hash")

	// ErrCompressed: the packet has the C bit (MPPC compression), which this
	// package does not decompress. Key and count state still advance.
	ErrCompressed = errors.New("MPPC compressed packet")
	// ErrDuplicate: a packet with a coherency count already decrypted.
	ErrDuplicate = errors.New("duplicate packet")
	// ErrLate: a packet older than the decryptor's window (reordered too far,
	// or an old duplicate in stateful mode); it is not decrypted.
	ErrLate = errors.New("late packet")
	// ErrDiscarded: stateful mode lost synchronisation (a coherency-count
	// gap); packets are discarded until a flushed (A bit) packet arrives.
	ErrDiscarded = errors.New("discarded until flushed packet")
	// ErrNotFlushed: the A (flushed) bit is missing where the protocol
	// requires it (every stateless packet, every stateful flag packet).
	ErrNotFlushed = errors.New("flushed bit missing")
	// ErrEmpty: an encrypted packet without any ciphertext.
	ErrEmpty = errors.New("empty packet")
)

func badLength(what string, want, have int) error {
	return fmt.Errorf("%w: %s needs %d bytes, have %d", ErrBadLength, what, want, have)
}
