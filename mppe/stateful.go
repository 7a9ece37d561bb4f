package mppe

import "fmt"

// stateful handles one encrypted packet in stateful mode (RFC 3078 §8.2,
// Linux mppe_decompress): one RC4 stream continues across packets; the
// sender rekeys on flag packets (count & 0xFF == 0xFF, A bit set) and, per
// the FlushPolicy, on other flushed packets. After a count gap the stream
// position is unknown, so packets are discarded until a flushed one
// arrives; the receiver then rekeys once per flag boundary it missed.
func (d *Decryptor) stateful(h Header, ct, dst []byte) ([]byte, error) {
	c := h.Count()
	if h.IsFlag() && !h.Flushed() {
		d.stats.Invalid++
		return dst, fmt.Errorf("%w: flag packet %v", ErrNotFlushed, h)
	}
	if d.started && !d.discard && c == d.count {
		d.stats.Duplicates++
		return dst, fmt.Errorf("%w: ccount %d", ErrDuplicate, c)
	}
	from := (d.count + 1) & uint16(CountMask) // first count not processed
	if d.discard {
		from = d.gapFrom
	}
	gap := int(countDist(from, c))
	if gap > CountSpace/2 {
		d.stats.Late++
		return dst, fmt.Errorf("%w: ccount %d, expected %d", ErrLate, c, from)
	}
	switch {
	case gap > 0 && !h.Flushed():
		if !d.discard {
			d.discard, d.gapFrom = true, from
		}
		d.stats.Discarded++
		return dst, fmt.Errorf("%w: ccount %d, expected %d", ErrDiscarded, c, from)
	case gap > 0: // flushed after a gap: resynchronise
		// The sender rekeyed at each flag count in [from, c).
		for range (int(from)+gap)>>8 - int(from)>>8 {
			d.doRekey()
		}
		if d.discard {
			d.stats.Resyncs++
		}
		d.discard = false
	}
	if d.discard { // gap == 0: the packet we were missing, but not flushed
		d.stats.Discarded++
		return dst, fmt.Errorf("%w: ccount %d, waiting for a flushed packet", ErrDiscarded, c)
	}
	d.stats.Skipped += gap
	if h.Flushed() {
		d.flush(h)
	}
	d.count = c
	d.started = true
	if h.Compressed() {
		d.rc4.skip(len(ct))
		d.stats.Compressed++
		return dst, fmt.Errorf("%w: %v", ErrCompressed, h)
	}
	all, out := grow(dst, len(ct))
	d.rc4.xorKeyStream(out, ct)
	d.stats.Decrypted++
	return all, nil
}

// flush applies a flushed packet: a flag packet always changes the key;
// another flushed packet (CCP reset, or a first packet sent flushed) changes
// it under FlushRekey and only restarts RC4 under FlushReinit.
func (d *Decryptor) flush(h Header) {
	d.reset = false
	if h.IsFlag() || d.policy == FlushRekey {
		d.doRekey()
	}
	d.rc4.init(d.key.octets())
}
