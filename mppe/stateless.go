package mppe

import (
	"crypto/subtle"
	"fmt"
)

// stateless handles one encrypted packet in stateless mode (RFC 3078 §8.1,
// Linux mppe_decompress): the sender rekeys before every packet, including
// the first (count 0), and restarts RC4, so packet n is encrypted with the
// (n+1)-th rekey of the initial session key. The receiver rekeys once per
// count step: lost packets cost extra rekeys.
//
// Only the first n octets are decrypted (DecryptPrefix), the rest copied.
func (d *Decryptor) stateless(h Header, ct, dst []byte, n int) ([]byte, int, error) {
	if !h.Flushed() {
		d.stats.Invalid++
		return dst, 0, fmt.Errorf("%w: stateless packet %v", ErrNotFlushed, h)
	}
	c := h.Count()
	dist := int(countDist(d.count, c))
	if !d.started && dist == 0 {
		dist = CountSpace // a first packet at 0xFFF is 4096 rekeys away
	}
	switch {
	case d.started && dist == 0:
		d.stats.Duplicates++
		return dst, 0, fmt.Errorf("%w: ccount %d", ErrDuplicate, c)
	case d.started && dist > CountSpace/2:
		return d.statelessLate(h, ct, dst, n)
	}
	if d.chain != nil {
		d.chain.advance(d, dist)
	} else {
		d.pk, d.pst = nil, nil
		for range dist {
			d.doRekey()
			d.count = (d.count + 1) & uint16(CountMask)
			e := &d.hist[d.count%histSize]
			*e = histEntry{key: d.key.b, count: d.count, valid: true}
		}
	}
	d.stats.Skipped += dist - 1
	d.started = true
	d.reset = false // every stateless packet is flushed
	d.hist[c%histSize].seen = true
	if h.Compressed() {
		d.stats.Compressed++
		return dst, 0, fmt.Errorf("%w: %v", ErrCompressed, h)
	}
	if n < 0 { // DecryptHeaders: at least -n, and the stream computed ahead
		n = min(max(-n, len(d.pk)), len(ct))
	}
	all, out := grow(dst, len(ct))
	d.rcAt, d.need, d.late = -1, n, false
	d.xorRange(out, ct, 0, n)
	copy(out[n:], ct[n:])
	d.stats.Decrypted++
	return all, n, nil
}

// xorRange sets out[from:to] = ct[from:to] XOR the current stateless
// packet's key stream: the octets computed ahead, then RC4 from the state
// computed ahead or a key schedule of its own.
func (d *Decryptor) xorRange(out, ct []byte, from, to int) {
	if from < len(d.pk) {
		m := min(to, len(d.pk))
		subtle.XORBytes(out[from:m], ct[from:m], d.pk[from:m])
		from = m
	}
	if from >= to {
		return
	}
	if d.rcAt < 0 || d.rcAt > from {
		if d.pst != nil {
			d.rc4, d.rcAt = *d.pst, len(d.pk)
		} else {
			k := d.key
			if d.late {
				k.b = d.lateKey
			}
			kb := k.expand16()
			d.rc4.init16(&kb)
			d.rcAt = 0
		}
	}
	if d.rcAt < from {
		d.rc4.skip(from - d.rcAt)
	}
	d.rc4.xorKeyStream(out[from:to], ct[from:to])
	d.rcAt = to
	d.need = max(d.need, to)
}

// statelessLate decrypts a packet older than the current count with the
// key kept in the history, if it is recent enough and not seen yet: its
// first n octets (as stateless), the rest with DecryptMore.
func (d *Decryptor) statelessLate(h Header, ct, dst []byte, n int) ([]byte, int, error) {
	c := h.Count()
	e := &d.hist[c%histSize]
	if !e.valid || e.count != c || countDist(c, d.count) >= histSize {
		d.stats.Late++
		return dst, 0, fmt.Errorf("%w: ccount %d, current %d", ErrLate, c, d.count)
	}
	if e.seen {
		d.stats.Duplicates++
		return dst, 0, fmt.Errorf("%w: ccount %d", ErrDuplicate, c)
	}
	e.seen = true
	d.stats.Skipped--
	d.pk, d.pst, d.rcAt = nil, nil, -1
	if h.Compressed() {
		d.stats.Compressed++
		return dst, 0, fmt.Errorf("%w: %v", ErrCompressed, h)
	}
	if n < 0 { // DecryptHeaders: no stream computed ahead
		n = min(-n, len(ct))
	}
	d.late, d.lateKey = true, e.key
	all, out := grow(dst, len(ct))
	d.xorRange(out, ct, 0, n)
	copy(out[n:], ct[n:])
	d.stats.Decrypted++
	d.stats.Reordered++
	return all, n, nil
}
