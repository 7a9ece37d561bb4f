package mppe

import "fmt"

// stateless handles one encrypted packet in stateless mode (RFC 3078 §8.1,
// Linux mppe_decompress): the sender rekeys before every packet, including
// the first (count 0), and restarts RC4, so packet n is encrypted with the
// (n+1)-th rekey of the initial session key. The receiver rekeys once per
// count step: lost packets cost extra rekeys.
func (d *Decryptor) stateless(h Header, ct, dst []byte) ([]byte, error) {
	if !h.Flushed() {
		d.stats.Invalid++
		return dst, fmt.Errorf("%w: stateless packet %v", ErrNotFlushed, h)
	}
	c := h.Count()
	dist := int(countDist(d.count, c))
	if !d.started && dist == 0 {
		dist = CountSpace // a first packet at 0xFFF is 4096 rekeys away
	}
	switch {
	case d.started && dist == 0:
		d.stats.Duplicates++
		return dst, fmt.Errorf("%w: ccount %d", ErrDuplicate, c)
	case d.started && dist > CountSpace/2:
		return d.statelessLate(h, ct, dst)
	}
	if d.chain != nil {
		d.chain.advance(d, dist)
	} else {
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
		return dst, fmt.Errorf("%w: %v", ErrCompressed, h)
	}
	all, out := grow(dst, len(ct))
	if d.chain != nil {
		d.chain.decrypt(d, out, ct)
	} else {
		d.rc4.init(d.key.octets())
		d.rc4.xorKeyStream(out, ct)
	}
	d.stats.Decrypted++
	return all, nil
}

// statelessLate decrypts a packet older than the current count with the
// key kept in the history, if it is recent enough and not seen yet.
func (d *Decryptor) statelessLate(h Header, ct, dst []byte) ([]byte, error) {
	c := h.Count()
	e := &d.hist[c%histSize]
	if !e.valid || e.count != c || countDist(c, d.count) >= histSize {
		d.stats.Late++
		return dst, fmt.Errorf("%w: ccount %d, current %d", ErrLate, c, d.count)
	}
	if e.seen {
		d.stats.Duplicates++
		return dst, fmt.Errorf("%w: ccount %d", ErrDuplicate, c)
	}
	e.seen = true
	d.stats.Skipped--
	if h.Compressed() {
		d.stats.Compressed++
		return dst, fmt.Errorf("%w: %v", ErrCompressed, h)
	}
	d.rc4.init(e.key[:d.key.l.Octets()])
	all, out := grow(dst, len(ct))
	d.rc4.xorKeyStream(out, ct)
	d.stats.Decrypted++
	d.stats.Reordered++
	return all, nil
}
