package mppe

import (
	"sync"
	"sync/atomic"
)

// Ahead computes the key chains of stateless directions ahead of their
// packets, on goroutines of its own. In stateless mode the session key of
// coherency step n is the n-th Rekey of the direction's initial session key
// (RFC 3078 §7.3): a pure function of the start key, known before the
// packet arrives. For each attached Decryptor a worker keeps up to
// aheadRing steps ready (aheadRingNoState with NoState) — the session key,
// the first octets of its key stream (as many as the direction's last
// packet used, up to the Stream option) and, unless NoState, the RC4 state
// after them — so that decrypting a packet is an XOR, and RC4 only past
// the stream kept. When the workers are behind, the Decryptor computes the
// steps it needs itself (whoever holds a chain's lock advances it): output
// never depends on the workers' timing, only the time does.
//
// Memory is bounded: at most maxChains Decryptors are attached at once
// (about 1 KB of entries, and aheadRing × (Stream + 258 octets of RC4
// state), or aheadRingNoState × Stream octets with NoState, each); Attach
// refuses more, and those decrypt as before. A Decryptor attached is still
// used from one goroutine only.
type Ahead struct {
	qmu    sync.Mutex // guards q
	q      []*chain   // chains to refill
	kick   chan struct{}
	closed chan struct{}
	wg     sync.WaitGroup
	opt    AheadOptions
	ring   uint64 // steps kept per chain: aheadRing or aheadRingNoState

	mu      sync.Mutex // guards free, n
	free    []*chainRing
	n, maxN int

	ahead, inline atomic.Uint64 // steps computed by the workers, by the Decryptors
}

// AheadOptions say how much of each step an Ahead keeps.
type AheadOptions struct {
	// Stream is the most key stream kept per step, in octets (0: 256, at
	// most 256).
	Stream int
	// NoState keeps no RC4 state per step: the octets of a packet past
	// the stream kept cost the Decryptor a key schedule. For callers that
	// decrypt the first octets of most packets only (DecryptPrefix).
	NoState bool
}

// Steps returns the number of key steps the workers computed ahead and the
// number the Decryptors had to compute themselves (the workers were
// behind).
func (a *Ahead) Steps() (ahead, inline uint64) { return a.ahead.Load(), a.inline.Load() }

// aheadRing is the number of steps a chain keeps ready (a power of two),
// aheadRingNoState that without the RC4 states (NoState: a step is then
// about 100 octets, not 530, and a longer ring lets the workers take more
// of the steps: with 16, the loop computed about half of them itself on the
// bench capture, with 32 about a third); a chain asks for a refill when
// fewer than half are left. The workers are woken only when kickBatch
// chains wait or one has fewer than a quarter left: waking a parked
// goroutine costs the loop a system call, more than a few steps. ksMax is
// the most key stream computed ahead per step.
const (
	aheadRing        = 16
	aheadRingNoState = 32
	kickBatch        = 8
	ksMax            = 256
)

type chainEntry struct {
	key    Key
	hasRC4 bool   // the key stream (and the state, when kept) computed
	ksLen  uint16 // octets of the key stream computed (in chainRing.ks)
}

// chainRing is a chain's memory: the entries, their key streams and,
// unless NoState, the RC4 states after them.
type chainRing struct {
	e   [aheadRingNoState]chainEntry // the first Ahead.ring used
	ks  []byte                       // Ahead.ring × Stream octets
	per int                          // Stream
	st  []arc4                       // Ahead.ring states, or none
}

// newChainRing makes the memory of a chain of ring steps, each with stream
// octets of key stream and, when state, its RC4 state.
func newChainRing(ring, stream int, state bool) *chainRing {
	r := &chainRing{ks: make([]byte, ring*stream), per: stream}
	if state {
		r.st = make([]arc4, ring)
	}
	return r
}

// stream is the key stream kept for entry i.
func (r *chainRing) stream(i uint64) []byte {
	return r.ks[int(i)*r.per : int(i+1)*r.per]
}

// chain is one attached direction. Entries of indices in [cons, prod) are
// in ring.e[index%Ahead.ring]: cons is the Decryptor's current index (its
// entry is still read to decrypt), index 0 the initial session key (never
// an entry); cur is the key of index prod-1 and, when hasNext, next the
// key of index prod (computed with the previous step); hint is the number
// of octets the direction's last packet used.
type chain struct {
	a        *Ahead
	mu       sync.Mutex
	start    Key
	cur      Key
	next     Key
	hasNext  bool
	prod     uint64
	cons     uint64
	hint     int
	ring     *chainRing
	queued   bool // in a.q
	released bool
}

// stepScratch is the RC4 state a step needs besides the chain's: the
// rekey's, and the packet's when the ring keeps none. Each worker has
// its own; the loop uses its Decryptor's.
type stepScratch struct{ rekey, pkt *arc4 }

// NewAhead starts workers goroutines (at least one) that keep the chains
// of at most maxChains Decryptors ready. Close stops them.
func NewAhead(workers, maxChains int) *Ahead {
	return NewAheadWith(workers, maxChains, AheadOptions{})
}

// NewAheadWith is NewAhead keeping what o says of each step.
func NewAheadWith(workers, maxChains int, o AheadOptions) *Ahead {
	if o.Stream <= 0 || o.Stream > ksMax {
		o.Stream = ksMax
	}
	a := &Ahead{kick: make(chan struct{}, 1), closed: make(chan struct{}), maxN: maxChains, opt: o, ring: aheadRing}
	if o.NoState {
		a.ring = aheadRingNoState
	}
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
		r = newChainRing(int(a.ring), a.opt.Stream, !a.opt.NoState)
	}
	c := &chain{a: a, start: d.start, cur: d.key, prod: d.idx + 1, cons: d.idx, ring: r, hint: ksMax}
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
	d.chain, d.pk, d.pst = nil, nil, nil
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
	var batch []*chain
	var rekey, pkt arc4
	sc := stepScratch{&rekey, &pkt}
	for {
		select {
		case <-a.kick:
		case <-a.closed:
			return
		}
		for {
			// Take the chains queued at once (the two slices serve in
			// turn: no allocation once grown).
			a.qmu.Lock()
			batch, a.q = a.q, batch[:0]
			a.qmu.Unlock()
			if len(batch) == 0 {
				break
			}
			for _, c := range batch {
				a.fill(c, sc)
			}
			clear(batch)
		}
	}
}

// fill computes the steps c lacks.
func (a *Ahead) fill(c *chain, sc stepScratch) {
	for {
		c.mu.Lock()
		if c.released || c.prod >= c.cons+a.ring {
			c.queued = false
			c.mu.Unlock()
			return
		}
		n := 0
		for ; n < 8 && c.prod < c.cons+a.ring; n++ {
			c.step(true, sc)
		}
		c.mu.Unlock()
		a.ahead.Add(uint64(n))
	}
}

// step computes the entry of index prod (c.mu held), with its key stream
// (and RC4 state) when withRC4. The workers schedule the packet's RC4 key
// and the next step's rekey RC4 together (init2), and keep the next key.
func (c *chain) step(withRC4 bool, sc stepScratch) {
	i := c.prod & (c.a.ring - 1)
	e := &c.ring.e[i]
	if c.hasNext {
		e.key = c.next
		c.hasNext = false
	} else {
		rekey(&e.key, &c.start, &c.cur, sc.rekey)
	}
	c.cur = e.key
	e.hasRC4 = withRC4
	e.ksLen = 0
	if withRC4 {
		p := sc.pkt
		if st := c.ring.st; st != nil {
			p = &st[i]
		}
		// The next key: interim = SHA-1 of the start and this key, then
		// RC4(interim) over interim (rekey), its schedule run with the
		// packet's.
		next := &c.next
		getNewKeyFromSHA(next, &c.start, &c.cur)
		ka, kb := e.key.expand16(), next.expand16()
		init2(p, &ka, sc.rekey, &kb)
		sc.rekey.xorFresh(next)
		reduce(next)
		c.hasNext = true
		ks := c.ring.stream(i)
		k := min(c.hint, len(ks))
		p.freshStream(ks[:k])
		e.ksLen = uint16(k)
	}
	c.prod++
}

// refill queues the chain for a worker when fewer than half its steps are
// ready, and wakes a worker when kickBatch chains wait or this one is
// short (c.mu held).
func (c *chain) refill() {
	a := c.a
	left := c.prod - c.cons - 1
	if c.released || left >= a.ring/2 {
		return
	}
	n := 0
	if !c.queued {
		c.queued = true
		a.qmu.Lock()
		a.q = append(a.q, c)
		n = len(a.q)
		a.qmu.Unlock()
	}
	if n >= kickBatch || left < a.ring/4 {
		select {
		case a.kick <- struct{}{}:
		default: // a wake-up is pending already
		}
	}
}

// advance moves d (attached to c) dist steps on, as dist doRekey calls
// would, filling the key history, and makes the entry reached d's packet
// key stream.
func (c *chain) advance(d *Decryptor, dist int) {
	c.mu.Lock()
	if d.need > 0 {
		c.hint = d.need
	}
	inline := 0
	for k := range dist {
		m := d.idx + 1
		if m >= c.prod { // the workers are behind: compute it here (the packet's key stream too)
			c.step(k == dist-1, stepScratch{&d.scratch, &d.rc4})
			inline++
		}
		e := &c.ring.e[m&(c.a.ring-1)]
		d.key = e.key
		d.idx = m
		d.stats.Rekeys++
		d.count = (d.count + 1) & uint16(CountMask)
		h := &d.hist[d.count%histSize]
		*h = histEntry{key: d.key.b, count: d.count, valid: true}
	}
	c.cons = d.idx
	i := d.idx & (c.a.ring - 1)
	e := &c.ring.e[i]
	d.pk, d.pst = nil, nil
	if e.hasRC4 {
		d.pk = c.ring.stream(i)[:e.ksLen]
		if st := c.ring.st; st != nil {
			d.pst = &st[i]
		}
	}
	c.refill()
	c.mu.Unlock()
	if inline > 0 {
		c.a.inline.Add(uint64(inline))
	}
}
