package crack

import (
	"context"
	"runtime"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pptpscope/pptpscope/crack/candidates"
	"github.com/pptpscope/pptpscope/mppe"
)

// Options tune an attack.
type Options struct {
	Workers   int   // goroutines hashing (default: every core)
	BatchSize int   // candidates handed to a worker at once (default 8,192)
	Skip      int64 // candidates skipped at the start (resuming)
	// Progress, when set, is called about twice a second from the
	// goroutine that called Attack.
	Progress func(Progress)
}

// Progress is how far an attack got.
type Progress struct {
	Done    int64 // candidates tried (counting the skipped ones)
	Total   int64 // candidates in all, -1 when unknown
	Elapsed time.Duration
	Found   int
}

// Result is the outcome for one authentication.
type Result struct {
	Auth *Auth
	// Found is true when a candidate matched; Password is it (octets as
	// the candidate source gave them; Latin1 when they are not UTF-8 and
	// were hashed as Latin-1). Candidate is its 1-based position.
	Found     bool
	Password  []byte
	Latin1    bool
	Candidate int64
	// LMOnly: the LM response matched but not the NT response (the LM hash
	// ignores case, so Password may differ in case from the real one).
	LMOnly bool
	// Clear is true for PAP: the password crossed the wire in clear.
	Clear bool
	// Uncrackable is set when the response cannot be attacked (an
	// MS-CHAP response whose third DES block matches no key).
	Uncrackable bool
}

// Outcome is what Attack returns.
type Outcome struct {
	Results []Result
	// Done is the number of candidates tried, counting the skipped ones:
	// every candidate before it was tried (resume with Skip = Done).
	Done        int64
	Interrupted bool
	NotUTF8     int64 // candidates hashed as Latin-1 for MS-CHAP
	TooLong     int64 // candidates longer than 256 characters, not tried
	Elapsed     time.Duration
}

// ntTarget is an MS-CHAP response to match with NT (or LM) hashes.
type ntTarget struct {
	result    int
	challenge [8]byte
	response  []byte
	keys      []uint16
	lm        bool
}

type md5Target struct {
	result int
	a      *Auth
}

type plan struct {
	nt    []ntTarget
	lm    []ntTarget
	md5   []md5Target
	third [1 << 16 / 64]uint64 // bitmap of the NT hashes' last two octets
}

func (p *plan) empty() bool { return len(p.nt)+len(p.lm)+len(p.md5) == 0 }

func newPlan(auths []Auth, results []Result) *plan {
	p := &plan{}
	for i := range auths {
		a := &auths[i]
		results[i].Auth = a
		switch {
		case a.Method == PAP:
			results[i].Found, results[i].Clear, results[i].Password = true, true, a.Password
		case a.MSCHAP():
			ch := ChallengeOf(a)
			t := ntTarget{result: i, challenge: ch, response: a.NTResponse, keys: ThirdKeys(ch, a.NTResponse)}
			if len(t.keys) == 0 {
				results[i].Uncrackable = true
			} else {
				p.nt = append(p.nt, t)
				for _, k := range t.keys {
					p.third[k>>6] |= 1 << (k & 63)
				}
			}
			if a.HasLM() {
				lt := ntTarget{result: i, challenge: ch, response: a.LMResponse, keys: ThirdKeys(ch, a.LMResponse), lm: true}
				if len(lt.keys) > 0 {
					p.lm = append(p.lm, lt)
				}
			}
		case a.Method == CHAPMD5 || a.Method == EAPMD5:
			p.md5 = append(p.md5, md5Target{result: i, a: a})
		}
	}
	return p
}

// hit is a match found by a worker.
type hit struct {
	result    int
	candidate int64
	password  []byte
	latin1    bool
	lm        bool
}

// work is what the producer hands a worker: a batch of candidates, or a
// job whose rules the worker applies (word lists with rules).
type work struct {
	b *candidates.Batch
	j *candidates.Job
}

func (w work) len() int {
	if w.j != nil {
		return w.j.Len()
	}
	return w.b.Len()
}

type job struct {
	seq   int
	start int64 // index of the first candidate (0-based)
	work
}

type done struct {
	seq     int
	n       int
	hits    []hit
	notUTF8 int64
	tooLong int64
	work
}

// jobSource is a source whose workers generate the candidates (Straight:
// the rules; Mask: the odometer).
type jobSource interface {
	FillJob(j *candidates.Job, max int) (bool, error)
}

// Attack tries the candidates of src against every authentication, on
// every core, until each is found, the candidates run out or ctx is
// cancelled (then Interrupted is set and Done says where to resume).
// PAP authentications need no candidate: their Results are filled at once.
func Attack(ctx context.Context, auths []Auth, src candidates.Source, opts Options) (Outcome, error) {
	return Prepare(auths).Attack(ctx, src, opts)
}

// Plan is a set of authentications made ready for attacks: the MS-CHAP
// third keys recovered (up to 65,536 DES operations each). A Plan may run
// several attacks, one at a time.
type Plan struct {
	p       *plan
	initial []Result
}

// Prepare readies the authentications (which must not change after).
func Prepare(auths []Auth) *Plan {
	pl := &Plan{initial: make([]Result, len(auths))}
	pl.p = newPlan(auths, pl.initial)
	return pl
}

// Attack is the package's Attack on the prepared authentications.
func (pl *Plan) Attack(ctx context.Context, src candidates.Source, opts Options) (Outcome, error) {
	out := Outcome{Results: append([]Result(nil), pl.initial...)}
	p := pl.p
	start := time.Now()
	if opts.Skip > 0 {
		n, err := candidates.Skip(src, opts.Skip)
		out.Done = n
		if err != nil {
			return out, err
		}
	}
	if p.empty() {
		out.Elapsed = time.Since(start)
		return out, nil
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	size := opts.BatchSize
	if size <= 0 {
		size = 8192
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan job, workers)
	dones := make(chan done, workers)
	js, jobMode := src.(jobSource)
	free := make(chan work, 2*workers+2)
	for range 2*workers + 2 {
		if jobMode {
			free <- work{j: new(candidates.Job)}
		} else {
			free <- work{b: new(candidates.Batch)}
		}
	}
	var srcErr error
	cut := false // the producer stopped before the end of the candidates
	base := out.Done
	go func() { // producer
		defer close(jobs)
		next := base
		for seq := 0; ; seq++ {
			if ctx.Err() != nil {
				cut = true
				return
			}
			var w work
			select {
			case <-ctx.Done():
				cut = true
				return
			case w = <-free:
			}
			var more bool
			var err error
			if jobMode {
				more, err = js.FillJob(w.j, size)
			} else {
				w.b.Reset()
				more, err = src.Fill(w.b, size)
			}
			if err != nil {
				srcErr = err
			}
			if w.len() > 0 {
				jobs <- job{seq: seq, start: next, work: w}
				next += int64(w.len())
			} else {
				free <- w
				seq--
			}
			if !more || err != nil {
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker(p)
			for j := range jobs {
				dones <- w.run(j)
			}
		}()
	}
	go func() { wg.Wait(); close(dones) }()

	found := map[int]bool{}
	want := len(p.nt) + len(p.md5)
	if len(p.nt) == 0 && len(p.md5) == 0 {
		want = len(p.lm)
	}
	pendingDone := map[int]done{}
	nextSeq := 0
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	report := func() {
		if opts.Progress != nil {
			opts.Progress(Progress{Done: out.Done, Total: src.Total(), Elapsed: time.Since(start), Found: len(found)})
		}
	}
loop:
	for {
		select {
		case d, ok := <-dones:
			if !ok {
				break loop
			}
			pendingDone[d.seq] = d
			for {
				d, ok := pendingDone[nextSeq]
				if !ok {
					break
				}
				delete(pendingDone, nextSeq)
				nextSeq++
				out.Done += int64(d.n)
				out.NotUTF8 += d.notUTF8
				out.TooLong += d.tooLong
				for _, h := range d.hits {
					r := &out.Results[h.result]
					// The first candidate wins; an NT match beats an LM one.
					better := !r.Found || (r.LMOnly && !h.lm) || (r.LMOnly == h.lm && h.candidate < r.Candidate)
					if !better {
						continue
					}
					r.Found, r.Password, r.Latin1, r.Candidate, r.LMOnly = true, h.password, h.latin1, h.candidate, h.lm
					if !h.lm {
						found[h.result] = true
					}
				}
				free <- d.work
			}
			if len(found) >= want && want > 0 {
				cancel()
			}
		case <-tick.C:
			report()
		}
	}
	out.Interrupted = cut && len(found) < want
	out.Elapsed = time.Since(start)
	report()
	return out, srcErr
}

// worker holds one goroutine's scratch memory.
type worker struct {
	p        *plan
	u16      []byte
	scratch  []byte // MD5 input
	scratch2 []byte // candidates made by rules
	// group holds up to four MS-CHAP candidates hashed together
	// (mppe.NtHashUnicode4).
	group struct {
		n      int
		u      [4][]byte
		raw    [4][]byte
		idx    [4]int64
		latin1 [4]bool
	}
	// The hot loop writes none of the fields above unless a buffer grows;
	// the padding keeps two workers' structs off one cache line anyway.
	_ [128]byte
}

func newWorker(p *plan) *worker {
	return &worker{p: p, u16: make([]byte, 0, 2*2*candidates.MaxChars), scratch: make([]byte, 0, 2048), scratch2: make([]byte, 0, 1024)}
}

// utf16le converts a candidate to UTF-16LE (Latin-1 when it is not UTF-8);
// ok is false past 256 characters.
func utf16le(dst, c []byte) (u []byte, latin1, ok bool) {
	dst = dst[:0]
	ascii := true
	for _, b := range c {
		if b >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii || !utf8.Valid(c) {
		if len(c) > candidates.MaxChars {
			return nil, !ascii, false
		}
		for _, b := range c {
			dst = append(dst, b, 0)
		}
		return dst, !ascii, true
	}
	n := 0
	for len(c) > 0 {
		r, size := utf8.DecodeRune(c)
		c = c[size:]
		n++
		if r >= 0x10000 {
			r -= 0x10000
			hi, lo := 0xd800+(r>>10), 0xdc00+(r&0x3ff)
			dst = append(dst, byte(hi), byte(hi>>8), byte(lo), byte(lo>>8))
		} else {
			dst = append(dst, byte(r), byte(r>>8))
		}
	}
	if n > candidates.MaxChars {
		return nil, false, false
	}
	return dst, false, true
}

func (w *worker) run(j job) done {
	d := done{seq: j.seq, n: j.len(), work: j.work}
	i := 0
	if j.j != nil {
		w.scratch2 = j.j.Each(w.scratch2, func(c []byte) {
			w.try(&d, j.start+int64(i), c)
			i++
		})
	} else {
		for ; i < j.b.Len(); i++ {
			w.try(&d, j.start+int64(i), j.b.At(i))
		}
	}
	w.flush(&d)
	return d
}

// flush hashes the candidates waiting in the group: four at once when the
// group is full, else one by one.
func (w *worker) flush(d *done) {
	g := &w.group
	if g.n == 4 {
		var hs [4][16]byte
		mppe.NtHashUnicode4(&hs, &g.u)
		for k := range 4 {
			w.checkNT(d, &hs[k], g.idx[k], g.raw[k], g.latin1[k])
		}
	} else {
		for k := range g.n {
			var h [16]byte
			mppe.NtHashUnicode(&h, g.u[k])
			w.checkNT(d, &h, g.idx[k], g.raw[k], g.latin1[k])
		}
	}
	g.n = 0
}

// checkNT matches an NT hash against the MS-CHAP targets: the two-octet
// compare, then the whole NT-Response.
func (w *worker) checkNT(d *done, h *[16]byte, idx int64, c []byte, latin1 bool) {
	p := w.p
	k := uint16(h[14])<<8 | uint16(h[15])
	if p.third[k>>6]&(1<<(k&63)) == 0 {
		return
	}
	for ti := range p.nt {
		t := &p.nt[ti]
		if hasKey(t.keys, k) && checkNT(t.challenge, *h, t.response) {
			d.hits = append(d.hits, hit{result: t.result, candidate: idx + 1, password: clone(c), latin1: latin1})
		}
	}
}

// try tests one candidate (index idx, 0-based) against every target.
func (w *worker) try(d *done, idx int64, c []byte) {
	p := w.p
	if len(p.nt) > 0 || len(p.lm) > 0 {
		u, latin1, ok := utf16le(w.u16, c)
		if !ok {
			d.tooLong++
			return
		}
		if latin1 {
			d.notUTF8++
		}
		if cap(u) > cap(w.u16) {
			w.u16 = u
		}
		if len(p.nt) > 0 {
			if len(u) <= 55 {
				g := &w.group
				g.u[g.n] = append(g.u[g.n][:0], u...)
				g.raw[g.n] = append(g.raw[g.n][:0], c...)
				g.idx[g.n], g.latin1[g.n] = idx, latin1
				if g.n++; g.n == 4 {
					w.flush(d)
				}
			} else {
				var h [16]byte
				mppe.NtHashUnicode(&h, u)
				w.checkNT(d, &h, idx, c, latin1)
			}
		}
		if len(p.lm) > 0 {
			w.lm(d, idx, c, latin1)
		}
	}
	for ti := range p.md5 {
		t := &p.md5[ti]
		sum, in := md5Response(t.a.ID, c, t.a.Challenge, w.scratch)
		if cap(in) > cap(w.scratch) {
			w.scratch = in
		}
		if string(sum[:]) == string(t.a.Response) {
			d.hits = append(d.hits, hit{result: t.result, candidate: idx + 1, password: clone(c)})
		}
	}
}

// lm tries the candidate against the LM responses (passwords of at most 14
// characters).
func (w *worker) lm(d *done, idx int64, c []byte, latin1 bool) {
	if len(c) > 14 {
		return
	}
	pw := string(c)
	if latin1 {
		r := make([]rune, len(c))
		for k, b := range c {
			r[k] = rune(b)
		}
		pw = string(r)
	}
	lh, err := mppe.LmPasswordHash(pw)
	if err != nil {
		return
	}
	k := uint16(lh[14])<<8 | uint16(lh[15])
	for ti := range w.p.lm {
		t := &w.p.lm[ti]
		if hasKey(t.keys, k) && checkNT(t.challenge, lh, t.response) {
			d.hits = append(d.hits, hit{result: t.result, candidate: idx + 1, password: clone(c), latin1: latin1, lm: true})
		}
	}
}

func hasKey(keys []uint16, k uint16) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}
