package mppe

import "fmt"

// Mode is the MPPE operating mode negotiated in CCP option 18 (H bit).
type Mode uint8

const (
	// Stateless (H bit set, RFC 3078 §8.1): the key changes before every
	// packet and RC4 restarts per packet.
	Stateless Mode = iota
	// Stateful (RFC 3078 §8.2): one RC4 stream across packets, key change on
	// flag packets (coherency count & 0xFF == 0xFF).
	Stateful
)

func (m Mode) String() string {
	if m == Stateful {
		return "stateful"
	}
	return "stateless"
}

// FlushPolicy says what a flushed (A bit) packet that is not a flag packet
// does in stateful mode. Implementations differ here.
type FlushPolicy uint8

const (
	// FlushRekey (default): every flushed packet changes the session key, as
	// the Linux kernel (ppp_mppe.c) does on both ends, e.g. after a CCP
	// Reset-Request.
	FlushRekey FlushPolicy = iota
	// FlushReinit: a flushed packet restarts RC4 with the current session
	// key; only flag packets change the key (RFC 3078 §8.2 as FreeBSD
	// ng_mppc implements it).
	FlushReinit
)

// Option configures a Decryptor.
type Option func(*Decryptor)

// WithFlushPolicy selects the stateful-mode meaning of a flushed packet.
func WithFlushPolicy(p FlushPolicy) Option { return func(d *Decryptor) { d.policy = p } }

// Stats counts what a Decryptor has seen.
type Stats struct {
	Decrypted  int // packets decrypted (including Reordered)
	Plain      int // packets without the D bit, passed through
	Rekeys     int // session key changes
	Skipped    int // coherency counts jumped over: lost, discarded, or reordered and not yet seen
	Reordered  int // stateless packets decrypted late from the key history
	Duplicates int // ErrDuplicate
	Late       int // ErrLate
	Discarded  int // ErrDiscarded (stateful, waiting for a flushed packet)
	Resyncs    int // stateful: flushed packets that ended a discard period
	Compressed int // ErrCompressed
	Invalid    int // ErrNotFlushed, ErrEmpty
	Resets     int // Reset calls
}

// histSize is the number of recent stateless session keys kept to decrypt
// reordered packets (a power of two).
const histSize = 64

type histEntry struct {
	key   [16]byte
	count uint16
	valid bool
	seen  bool
}

// Decryptor decrypts the MPPE packets of one direction (RFC 3078) in
// capture order. Each direction has its own start key and its own
// Decryptor. It is not safe for concurrent use.
//
// Work per packet is bounded: stateless mode rekeys once per coherency
// count step, at most 2048 times for one packet (4096 for the very first
// one: a larger forward jump is indistinguishable from a late packet and is
// reported as ErrLate); stateful mode rekeys at most 8 times (once per
// missed flag boundary) plus once for the packet. A rekey is one SHA-1 of
// 112 octets and two RC4 key schedules, about a microsecond.
type Decryptor struct {
	mode   Mode
	policy FlushPolicy
	start  Key
	key    Key    // current session key
	idx    uint64 // rekeys since the initial session key: key's index in the chain
	chain  *chain // stateless keys computed ahead (Ahead.Attach), or nil
	count  uint16 // count of the last packet processed (initially 0xFFF)
	// stateful: waiting for a flushed packet; gapFrom is the first count not seen.
	discard bool
	gapFrom uint16
	started bool
	reset   bool // a CCP Reset was seen, next flushed packet is its answer

	rc4 arc4 // stateful stream, or per-packet state in stateless mode
	// The current stateless packet: the first octets of its key stream
	// and the RC4 state after them, computed ahead (pk, pst; nil when
	// not), and the position of rc4 in its key stream (rcAt, -1: rc4 is
	// not set up for it). need: the octets of it decrypted, the next
	// packet's guess for the chain.
	pk   []byte
	pst  *arc4
	rcAt int
	need int
	// late: the current packet is a late one (statelessLate), its
	// session key lateKey, not key.
	late    bool
	lateKey [16]byte
	scratch arc4 // RC4 state used inside rekey
	hist    [histSize]histEntry
	stats   Stats
}

// NewDecryptor returns a Decryptor for one direction, given that
// direction's start key (8 octets for 40/56-bit, 16 for 128-bit; see
// StartKeysV2 and StartKeyV1), key length and mode.
func NewDecryptor(startKey []byte, l KeyLength, mode Mode, opts ...Option) (*Decryptor, error) {
	k, err := NewKey(startKey, l)
	if err != nil {
		return nil, err
	}
	if mode != Stateless && mode != Stateful {
		return nil, fmt.Errorf("mppe: unknown mode %d", mode)
	}
	d := &Decryptor{mode: mode, start: k, key: InitialSessionKey(k), count: uint16(CountMask), rcAt: -1}
	for _, o := range opts {
		o(d)
	}
	d.rc4.init(d.key.octets())
	return d, nil
}

// Mode returns the decryptor's mode.
func (d *Decryptor) Mode() Mode { return d.mode }

// SessionKey returns the current session key.
func (d *Decryptor) SessionKey() Key { return d.key }

// Count returns the coherency count of the last packet processed (0xFFF
// before the first one).
func (d *Decryptor) Count() uint16 { return d.count }

// ResetPending reports a Reset not yet answered by a flushed packet.
func (d *Decryptor) ResetPending() bool { return d.reset }

// Stats returns the counters.
func (d *Decryptor) Stats() Stats { return d.stats }

// Reset records a CCP Reset-Request (code 14) or Reset-Ack (15) for this
// direction's sender: its next packet will carry the A bit, and that flushed
// packet then rekeys (FlushRekey) or restarts RC4 with the current key
// (FlushReinit). Nothing changes before it arrives, because packets already
// in flight still continue the old RC4 stream; the flushed bit itself is
// what resynchronises, so Reset only prepares and counts.
func (d *Decryptor) Reset() {
	d.reset = true
	d.stats.Resets++
}

// Decrypt decrypts one MPPE packet. header is the 2-octet MPPE header (A B C
// D bits and 12-bit coherency count) and ciphertext what follows it. The
// plaintext is appended to dst and the extended slice returned; it starts
// with the inner PPP protocol field (1 octet with protocol-field
// compression; see SplitProtocol). Nothing is allocated when dst has
// enough spare capacity; dst may be ciphertext[:0] to decrypt in place.
//
// A packet without the D bit is returned as is (appended to dst). A packet
// with the C bit gives ErrCompressed (key state still advances). Other
// errors, all leaving the state unchanged except where noted: ErrDuplicate,
// ErrLate, ErrDiscarded (stateful loss: the state waits for a flushed
// packet), ErrNotFlushed, ErrEmpty.
func (d *Decryptor) Decrypt(header uint16, ciphertext, dst []byte) ([]byte, error) {
	out, _, err := d.decrypt(header, ciphertext, dst, len(ciphertext))
	return out, err
}

// DecryptPrefix is Decrypt for a caller that may need only the first n
// octets of the plaintext (the headers it reads): a stateless packet is
// decrypted up to n octets only — its key stream past them is not computed
// — and the rest of the returned plaintext is the ciphertext as is;
// DecryptMore decrypts more of it (of a packet decrypted late from the key
// history too). done is the number of octets decrypted (the whole packet
// in stateful mode, whose RC4 stream runs on over every packet, and for one
// without the D bit). Errors, keys and counters are those of Decrypt.
func (d *Decryptor) DecryptPrefix(header uint16, ciphertext, dst []byte, n int) (out []byte, done int, err error) {
	return d.decrypt(header, ciphertext, dst, max(min(n, len(ciphertext)), 0))
}

// DecryptHeaders is DecryptPrefix decrypting at least n octets, and more
// when the key stream computed ahead covers them (they cost an XOR).
func (d *Decryptor) DecryptHeaders(header uint16, ciphertext, dst []byte, n int) (out []byte, done int, err error) {
	return d.decrypt(header, ciphertext, dst, -max(n, 0))
}

// DecryptMore decrypts the octets [from, to) of pt, the plaintext the last
// DecryptPrefix call returned for ciphertext, which decrypted from octets
// of it (its done) or more; octets decrypted already are left as they are.
func (d *Decryptor) DecryptMore(pt, ciphertext []byte, from, to int) {
	to = min(to, len(ciphertext), len(pt))
	if from >= to || d.mode != Stateless {
		return
	}
	d.xorRange(pt, ciphertext, from, to)
}

func (d *Decryptor) decrypt(header uint16, ciphertext, dst []byte, n int) ([]byte, int, error) {
	h := Header(header)
	if !h.Encrypted() {
		if h.Compressed() {
			d.stats.Compressed++
			return dst, 0, fmt.Errorf("%w: %v", ErrCompressed, h)
		}
		d.stats.Plain++
		return append(dst, ciphertext...), len(ciphertext), nil
	}
	if len(ciphertext) == 0 {
		d.stats.Invalid++
		return dst, 0, fmt.Errorf("%w: %v", ErrEmpty, h)
	}
	if d.mode == Stateful {
		out, err := d.stateful(h, ciphertext, dst)
		return out, len(ciphertext), err
	}
	return d.stateless(h, ciphertext, dst, n)
}

// grow returns dst extended by n octets, and the new n-octet tail.
func grow(dst []byte, n int) (all, tail []byte) {
	l := len(dst)
	if cap(dst)-l < n {
		nd := make([]byte, l+n)
		copy(nd, dst)
		dst = nd
	} else {
		dst = dst[:l+n]
	}
	return dst, dst[l:]
}

// doRekey changes the session key once.
func (d *Decryptor) doRekey() {
	rekey(&d.key, &d.start, &d.key, &d.scratch)
	d.idx++
	d.stats.Rekeys++
}
