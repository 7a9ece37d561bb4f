package mppe

import (
	"crypto/subtle"
	"sync"
	"sync/atomic"
)

// Ahead computes the key chains of stateless directions ahead of their
// packets, on goroutines of its own. In stateless mode the session key of
// coherency step n is the n-th Rekey of the direction's initial session key
// (RFC 3078 §7.3): a pure function of the start key, known before the
// packet arrives. For each attached Decryptor a worker keeps up to
// aheadRing steps ready — the session key, the RC4 state it schedules and
// the first octets of its key stream (as many as the direction's last
// packet had, up to ksMax) — so that decrypting a packet is an XOR, and
// RC4 only past ksMax octets. When the workers are behind, the Decryptor
// computes the steps it needs itself (whoever holds a chain's lock
// advances it): output never depends on the workers' timing, only the time
// does.
//
// Memory is bounded: at most maxChains Decryptors are attached at once
// (aheadRing × about 550 octets each); Attach refuses more, and those
// decrypt as before. A Decryptor attached is still used from one goroutine
// only.
type Ahead struct {
	qmu    sync.Mutex // guards q
	q      []*chain   // chains to refill
	kick   chan struct{}
	closed chan struct{}
	wg     sync.WaitGroup

	mu      sync.Mutex // guards free, n
	free    []*chainRing
	n, maxN int

	ahead, inline atomic.Uint64 // steps computed by the workers, by the Decryptors
}

// Steps returns the number of key steps the workers computed ahead and the
// number the Decryptors had to compute themselves (the workers were
// behind).
func (a *Ahead) Steps() (ahead, inline uint64) { return a.ahead.Load(), a.inline.Load() }

// aheadRing is the number of steps a chain keeps ready; a chain asks for a
// refill when fewer than half are left. The workers are woken only when
// kickBatch chains wait or one has fewer than a quarter left: waking a
// parked goroutine costs the loop a system call, more than a few steps.
// ksMax is the most key stream computed ahead per step.
const (
	aheadRing = 16
	kickBatch = 8
	ksMax     = 256
)

type chainEntry struct {
	key    Key
	rc4    arc4 // scheduled with key, then ksLen octets of stream taken (when hasRC4)
	hasRC4 bool
	ksLen  uint16
	ks     [ksMax]byte
}

type chainRing [aheadRing]chainEntry

// chain is one attached direction. Entries of indices in [cons, prod) are
// in ring[index%aheadRing]: cons is the Decryptor's current index (its
// entry is still read to decrypt), index 0 the initial session key (never
// an entry); cur is the key of index prod-1, hint the length of the
// direction's last packet.
type chain struct {
	a        *Ahead
	mu       sync.Mutex
	start    Key
	cur      Key
	prod     uint64
	cons     uint64
	hint     int
	ring     *chainRing
	queued   bool // in a.q
	released bool
	scratch  arc4
}

// NewAhead starts workers goroutines (at least one) that keep the chains
// of at most maxChains Decryptors ready. Close stops them.
func NewAhead(workers, maxChains int) *Ahead {
	a := &Ahead{kick: make(chan struct{}, 1), closed: make(chan struct{}), maxN: maxChains}
	for range max(workers, 1) {
		a.wg.Add(1)
		go a.work()
	}
	return a
}

// Close stops the workers; attached Decryptors go on computing their keys
// themselves.
func (a *Ahead) Close() {
	close(a.closed)
	a.wg.Wait()
}

// Attach makes d take its stateless session keys from a chain computed
// ahead. It reports false, leaving d as it was, when d is stateful, already
// attached, or maxChains Decryptors are attached.
func (a *Ahead) Attach(d *Decryptor) bool {
	if d.mode != Stateless || d.chain != nil {
		return false
	}
	a.mu.Lock()
	if a.n >= a.maxN {
		a.mu.Unlock()
		return false
	}
	a.n++
	var r *chainRing
	if k := len(a.free); k > 0 {
		r, a.free = a.free[k-1], a.free[:k-1]
	}
	a.mu.Unlock()
	if r == nil {
		r = new(chainRing)
	}
	c := &chain{a: a, start: d.start, cur: d.key, prod: d.idx + 1, cons: d.idx, ring: r}
	d.chain = c
	c.mu.Lock()
	c.refill()
	c.mu.Unlock()
	return true
}

// Release detaches d (a no-op when d is not attached): its chain's memory
// serves another Decryptor.
func (a *Ahead) Release(d *Decryptor) {
	c := d.chain
	if c == nil {
		return
	}
	d.chain = nil
	c.mu.Lock()
	c.released = true
	r := c.ring
	c.ring = nil
	c.mu.Unlock()
	a.mu.Lock()
	a.n--
	a.free = append(a.free, r)
	a.mu.Unlock()
}

// work fills the chains queued when woken, a few steps per hold of a
// chain's lock so that its Decryptor does not wait long for it.
func (a *Ahead) work() {
	defer a.wg.Done()
	for {
		select {
		case <-a.kick:
		case <-a.closed:
			return
		}
		for {
			a.qmu.Lock()
			var c *chain
			if k := len(a.q); k > 0 {
				c, a.q = a.q[0], a.q[1:]
			}
			a.qmu.Unlock()
			if c == nil {
				break
			}
			a.fill(c)
		}
	}
}

// fill computes the steps c lacks.
func (a *Ahead) fill(c *chain) {
	for {
		c.mu.Lock()
		if c.released || c.prod >= c.cons+aheadRing {
			c.queued = false
			c.mu.Unlock()
			return
		}
		n := 0
		for ; n < 8 && c.prod < c.cons+aheadRing; n++ {
			c.step(true)
		}
		c.mu.Unlock()
		a.ahead.Add(uint64(n))
	}
}

// step computes the entry of index prod (c.mu held), with its RC4 state
// and key stream when withRC4.
func (c *chain) step(withRC4 bool) {
	e := &c.ring[c.prod%aheadRing]
	rekey(&e.key, &c.start, &c.cur, &c.scratch)
	c.cur = e.key
	e.hasRC4 = withRC4
	if withRC4 {
		e.rc4.init(e.key.octets())
		n := min(c.hint, ksMax)
		clear(e.ks[:n])
		e.rc4.xorKeyStream(e.ks[:n], e.ks[:n])
		e.ksLen = uint16(n)
	}
	c.prod++
}

// refill queues the chain for a worker when fewer than half its steps are
// ready, and wakes a worker when kickBatch chains wait or this one is
// short (c.mu held).
func (c *chain) refill() {
	left := c.prod - c.cons - 1
	if c.released || left >= aheadRing/2 {
		return
	}
	a := c.a
	n := 0
	if !c.queued {
		c.queued = true
		a.qmu.Lock()
		a.q = append(a.q, c)
		n = len(a.q)
		a.qmu.Unlock()
	}
	if n >= kickBatch || left < aheadRing/4 {
		select {
		case a.kick <- struct{}{}:
		default: // a wake-up is pending already
		}
	}
}

// advance moves d (attached to c) dist steps on, as dist doRekey calls
// would, filling the key history.
func (c *chain) advance(d *Decryptor, dist int) {
	c.mu.Lock()
	inline := 0
	for range dist {
		m := d.idx + 1
		if m >= c.prod { // the workers are behind: compute it here
			c.step(false)
			inline++
		}
		e := &c.ring[m%aheadRing]
		d.key = e.key
		d.idx = m
		d.stats.Rekeys++
		d.count = (d.count + 1) & uint16(CountMask)
		h := &d.hist[d.count%histSize]
		*h = histEntry{key: d.key.b, count: d.count, valid: true}
	}
	c.cons = d.idx
	c.mu.Unlock()
	if inline > 0 {
		c.a.inline.Add(uint64(inline))
	}
}

// decrypt sets out = ct XOR the key stream of d's current key (the entry
// advance left): the stream computed ahead, then RC4 from where it stopped.
func (c *chain) decrypt(d *Decryptor, out, ct []byte) {
	c.mu.Lock()
	e := &c.ring[d.idx%aheadRing]
	if e.hasRC4 {
		n := min(int(e.ksLen), len(ct))
		subtle.XORBytes(out[:n], ct[:n], e.ks[:n])
		if n < len(ct) {
			d.rc4 = e.rc4
			d.rc4.xorKeyStream(out[n:], ct[n:])
		}
	} else {
		d.rc4.init(d.key.octets())
		d.rc4.xorKeyStream(out, ct)
	}
	c.hint = len(ct)
	c.refill()
	c.mu.Unlock()
}
