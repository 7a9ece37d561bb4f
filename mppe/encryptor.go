package mppe

import "fmt"

// Encryptor encrypts MPPE packets of one direction the way the Linux kernel's
// compressor does (drivers/net/ppp/ppp_mppe.c mppe_compress): the coherency
// count starts at 0 and goes up by one per packet, wrapping 4095 → 0; in
// stateless mode every packet is rekeyed and flushed; in stateful mode the
// key changes on flag packets (count & 0xFF == 0xFF) and on the first packet
// after a CCP Reset-Request (Reset), both sent with the A bit.
//
// It exists to build test traffic (captures rewritten into other modes, key
// lengths or counts) that the Decryptor must read back; it is checked
// against the vectors' MPPE sequences and an independent implementation in
// this package's tests.
type Encryptor struct {
	mode    Mode
	start   Key
	key     Key
	count   uint16
	flushed bool
	rc4     arc4
	scratch arc4
}

// NewEncryptor returns an Encryptor for one direction, given that direction's
// start key, key length and mode (see NewDecryptor).
func NewEncryptor(startKey []byte, l KeyLength, mode Mode) (*Encryptor, error) {
	k, err := NewKey(startKey, l)
	if err != nil {
		return nil, err
	}
	if mode != Stateless && mode != Stateful {
		return nil, fmt.Errorf("mppe: unknown mode %d", mode)
	}
	e := &Encryptor{mode: mode, start: k, key: InitialSessionKey(k), count: uint16(CountMask)}
	e.rc4.init(e.key.octets())
	return e, nil
}

// Reset records a CCP Reset-Request received from the peer: the next packet
// is flushed (A bit) and, as Linux does, sent with a new key.
func (e *Encryptor) Reset() { e.flushed = true }

// Count is the coherency count of the last packet (0xFFF before the first).
func (e *Encryptor) Count() uint16 { return e.count }

// SessionKey is the current session key.
func (e *Encryptor) SessionKey() Key { return e.key }

// Encrypt encrypts one packet (plaintext starts with the inner PPP protocol
// field) and returns its MPPE header and the ciphertext appended to dst.
func (e *Encryptor) Encrypt(plaintext, dst []byte) (Header, []byte) {
	e.count = (e.count + 1) & uint16(CountMask)
	h := NewHeader(false, true, e.count)
	if e.mode == Stateless || h.IsFlag() || e.flushed {
		rekey(&e.key, &e.start, &e.key, &e.scratch)
		e.rc4.init(e.key.octets())
		h |= BitFlushed
	}
	e.flushed = false
	all, out := grow(dst, len(plaintext))
	e.rc4.xorKeyStream(out, plaintext)
	return h, all
}
