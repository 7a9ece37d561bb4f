package mppe

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
)

// aheadTrace is a sequence of stateless packet headers as a lossy,
// reordering, duplicating link delivers them: mostly the next count, some
// gaps (a few longer than the chain's ring, one of about 3,000 counts), late
// packets, duplicates, and the count wrapping from 4095 to 0.
func aheadTrace(seed uint64, n int) []uint16 {
	r := rand.New(rand.NewPCG(seed, 7))
	var hs []uint16
	c := uint16(r.IntN(CountSpace)) // the first packet's count: anywhere
	for i := range n {
		switch x := r.IntN(100); {
		case x < 80:
			c = (c + 1) & uint16(CountMask)
		case x < 88:
			c = (c + uint16(2+r.IntN(10))) & uint16(CountMask)
		case x < 91:
			c = (c + uint16(aheadRing+r.IntN(3*aheadRing))) & uint16(CountMask)
		case x < 95: // late
			hs = append(hs, 0x9000|(c-uint16(1+r.IntN(80)))&uint16(CountMask))
			continue
		case x < 98: // duplicate
		default:
			if i == n/2 {
				c = (c + 3000) & uint16(CountMask)
			} else {
				c = (c + 1) & uint16(CountMask)
			}
		}
		hs = append(hs, 0x9000|c)
	}
	return hs
}

// TestAheadSameAsInline: a Decryptor attached to an Ahead gives the same
// plaintexts, errors, session keys and counters as one that computes its
// keys itself, packet by packet, over traces of every kind, for 40-, 56-
// and 128-bit keys; with as many directions as the Ahead takes and more
// (those are refused and stay inline), decrypted from several goroutines
// at once (one per direction, as directions are independent), attached
// from the start or after some packets, and released before the end.
func TestAheadSameAsInline(t *testing.T) {
	for _, workers := range []int{1, 2} {
		a := NewAhead(workers, 5)
		var wg sync.WaitGroup
		var mu sync.Mutex
		attached := 0
		for dir := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				l := []KeyLength{Key128, Key40, Key56}[dir%3]
				key := bytes.Repeat([]byte{byte(dir + 1), 0x5A}, 8)
				ref, _ := NewDecryptor(key, l, Stateless)
				d, _ := NewDecryptor(key, l, Stateless)
				attachAt := []int{0, 0, 0, 10, 0, 0, 0, 0}[dir]
				releaseAt := []int{-1, 1500, -1, -1, -1, -1, -1, -1}[dir]
				buf := make([]byte, 1500)
				for i := range buf {
					buf[i] = byte(i * dir)
				}
				for i, h := range aheadTrace(uint64(dir), 2500) {
					// lengths shorter and longer than the key stream
					// computed ahead (ksMax, and the last packet's length)
					ct := buf[:1+(i*i*37+dir)%len(buf)]
					if i == attachAt && a.Attach(d) {
						mu.Lock()
						attached++
						mu.Unlock()
					}
					if i == releaseAt {
						a.Release(d)
					}
					want, werr := ref.Decrypt(h, ct, nil)
					got, gerr := d.Decrypt(h, ct, nil)
					if !bytes.Equal(got, want) || fmt.Sprint(gerr) != fmt.Sprint(werr) || d.SessionKey() != ref.SessionKey() || d.Stats() != ref.Stats() {
						t.Errorf("workers %d, direction %d, packet %d (%04x): %x %v %v %+v, want %x %v %v %+v", workers, dir, i, h,
							got[:min(8, len(got))], gerr, d.SessionKey(), d.Stats(), want[:min(8, len(want))], werr, ref.SessionKey(), ref.Stats())
						return
					}
				}
				a.Release(d)
			}()
		}
		wg.Wait()
		a.Close()
		if attached < 5 { // 6 when one released before the late one attached
			t.Errorf("workers %d: %d directions attached, want at least 5 (the Ahead's maximum)", workers, attached)
		}
	}
}

// TestAheadCap: at most maxChains Decryptors are attached at once; a
// released one makes room.
func TestAheadCap(t *testing.T) {
	a := NewAhead(1, 2)
	defer a.Close()
	var ds [3]*Decryptor
	for i := range ds {
		ds[i], _ = NewDecryptor(rfcStart, Key128, Stateless)
	}
	if !a.Attach(ds[0]) || !a.Attach(ds[1]) || a.Attach(ds[2]) || a.Attach(ds[0]) {
		t.Fatal("Attach: want two attached, then the third and a second attach refused")
	}
	a.Release(ds[0])
	a.Release(ds[0]) // a no-op
	if !a.Attach(ds[2]) || a.Attach(ds[0]) {
		t.Error("after a Release: want one more attached, then none")
	}
}

// TestAheadStateful: a stateful Decryptor is not attached (its key changes
// every 256 packets only).
func TestAheadStateful(t *testing.T) {
	a := NewAhead(1, 4)
	defer a.Close()
	d, _ := NewDecryptor(rfcStart, Key128, Stateful)
	if a.Attach(d) {
		t.Error("stateful Decryptor attached")
	}
}

// BenchmarkDecryptStatelessAhead is BenchmarkDecryptStateless128 with the
// keys computed ahead on another goroutine: what is left on the packet's
// goroutine is a copy of the RC4 state and the stream.
func BenchmarkDecryptStatelessAhead(b *testing.B) {
	a := NewAhead(1, 1)
	defer a.Close()
	d, err := NewDecryptor(rfcStart, Key128, Stateless)
	if err != nil {
		b.Fatal(err)
	}
	a.Attach(d)
	benchStateless(b, d)
}

// TestDecryptPrefix: DecryptPrefix then DecryptMore give, octet for octet,
// what Decrypt gives (the octets not decrypted yet are the ciphertext's),
// with the same errors, keys and counters, with the keys computed inline
// and ahead (DecryptHeaders too; with and without the RC4 state kept, with several lengths of
// key stream kept), over lossy traces and prefixes shorter and longer than
// the stream kept.
func TestDecryptPrefix(t *testing.T) {
	for _, o := range []AheadOptions{{}, {Stream: 64, NoState: true}, {Stream: 24}, {Stream: 1, NoState: true}} {
		for _, attach := range []bool{false, true} {
			a := NewAheadWith(1, 4, o)
			for dir := range 3 {
				l := []KeyLength{Key128, Key40, Key56}[dir]
				key := bytes.Repeat([]byte{byte(dir + 7), 0xA5}, 8)
				ref, _ := NewDecryptor(key, l, Stateless)
				d, _ := NewDecryptor(key, l, Stateless)
				if attach && !a.Attach(d) {
					t.Fatal("not attached")
				}
				buf := make([]byte, 700)
				for i := range buf {
					buf[i] = byte(i*dir + 3)
				}
				for i, h := range aheadTrace(uint64(dir+10), 1500) {
					ct := buf[:1+(i*i*37+dir)%len(buf)]
					n := []int{0, 1, 2, 20, 60, 63, 64, 65, 100, 300, 700}[i%11]
					want, werr := ref.Decrypt(h, ct, nil)
					var got []byte
					var done int
					var gerr error
					if i%3 == 0 {
						got, done, gerr = d.DecryptHeaders(h, ct, nil, n)
					} else {
						got, done, gerr = d.DecryptPrefix(h, ct, nil, n)
					}
					where := fmt.Sprintf("%+v attach %v direction %d packet %d (%04x) prefix %d", o, attach, dir, i, h, n)
					if fmt.Sprint(gerr) != fmt.Sprint(werr) || d.SessionKey() != ref.SessionKey() || d.Stats() != ref.Stats() {
						t.Fatalf("%s: %v %v %+v, want %v %v %+v", where, gerr, d.SessionKey(), d.Stats(), werr, ref.SessionKey(), ref.Stats())
					}
					if werr != nil {
						continue
					}
					if done < min(n, len(ct)) || done > len(ct) || !bytes.Equal(got[:done], want[:done]) || !bytes.Equal(got[done:], ct[done:]) {
						t.Fatalf("%s: done %d, prefix or tail wrong", where, done)
					}
					m := done + (len(ct)-done)/3
					d.DecryptMore(got, ct, done, m)
					if !bytes.Equal(got[:m], want[:m]) || !bytes.Equal(got[m:], ct[m:]) {
						t.Fatalf("%s: DecryptMore to %d wrong", where, m)
					}
					d.DecryptMore(got, ct, m, len(ct))
					if !bytes.Equal(got, want) {
						t.Fatalf("%s: DecryptMore to the end wrong", where)
					}
				}
				a.Release(d)
			}
			a.Close()
		}
	}
}

// BenchmarkChainStep is one key step of a chain as the workers compute it
// for `analyze` (AheadOptions{Stream: 64, NoState: true}): the next
// interim key's SHA-1, the packet's and the rekey's RC4 schedules, 16
// octets of the rekey's stream and 64 of the packet's.
func BenchmarkChainStep(b *testing.B) {
	a := NewAheadWith(1, 1, AheadOptions{Stream: 64, NoState: true})
	defer a.Close()
	start, _ := NewKey(rfcStart, Key128)
	r := newChainRing(aheadRingNoState, 64, false)
	c := &chain{a: a, start: start, cur: InitialSessionKey(start), prod: 1, ring: r, hint: 64, released: true}
	var rekey, pkt arc4
	sc := stepScratch{&rekey, &pkt}
	for b.Loop() {
		c.step(true, sc)
		c.cons = c.prod - 1
	}
}

// BenchmarkGetNewKeyFromSHA is the SHA-1 of a rekey (112 octets).
func BenchmarkGetNewKeyFromSHA(b *testing.B) {
	start, _ := NewKey(rfcStart, Key128)
	k := InitialSessionKey(start)
	for b.Loop() {
		getNewKeyFromSHA(&k, &start, &k)
	}
}

// TestDecryptPrefixLate: packets decrypted late from the key history
// (their counts skipped, then seen) give with DecryptPrefix or
// DecryptHeaders and DecryptMore the plaintext of their own key, attached
// or not, for prefixes from none to the whole packet, and the counters of
// Decrypt.
func TestDecryptPrefixLate(t *testing.T) {
	ct := make([]byte, 300)
	for i := range ct {
		ct[i] = byte(i * 13)
	}
	for _, attach := range []bool{false, true} {
		a := NewAheadWith(1, 4, AheadOptions{Stream: 64, NoState: true})
		for _, l := range []KeyLength{Key128, Key40} {
			ref, _ := NewDecryptor(rfcStart[:l.Octets()], l, Stateless)
			d, _ := NewDecryptor(rfcStart[:l.Octets()], l, Stateless)
			if attach && !a.Attach(d) {
				t.Fatal("not attached")
			}
			// 0..9, then 20, then the skipped 10..19 late, repeatedly.
			var hs []uint16
			for base := uint16(0); base < 300; base += 21 {
				for c := base; c < base+10; c++ {
					hs = append(hs, c)
				}
				hs = append(hs, base+20)
				for c := base + 10; c < base+20; c++ {
					hs = append(hs, c)
				}
			}
			for i, c := range hs {
				h := 0x9000 | c&0x0FFF
				if _, err := ref.Decrypt(h, ct, nil); err != nil {
					t.Fatal(err)
				}
				// What the packet's own key gives: a Decryptor that
				// starts at its count.
				first, _ := NewDecryptor(rfcStart[:l.Octets()], l, Stateless)
				want, werr := first.Decrypt(h, ct, nil)
				n := []int{0, 1, 5, 64, 100, 300}[i%6]
				var got []byte
				var done int
				var err error
				if i%2 == 0 {
					got, done, err = d.DecryptHeaders(h, ct, nil, n)
				} else {
					got, done, err = d.DecryptPrefix(h, ct, nil, n)
				}
				if err != nil || werr != nil {
					t.Fatalf("packet %d (%04x): %v, %v", i, h, err, werr)
				}
				if done < n || !bytes.Equal(got[:done], want[:done]) || !bytes.Equal(got[done:], ct[done:]) {
					t.Fatalf("%v attach %v packet %d (%04x) prefix %d: done %d, prefix or tail wrong", l, attach, i, h, n, done)
				}
				m := done + (len(ct)-done)/2
				d.DecryptMore(got, ct, done, m)
				d.DecryptMore(got, ct, m, len(ct))
				if !bytes.Equal(got, want) {
					t.Fatalf("%v attach %v packet %d (%04x): DecryptMore wrong", l, attach, i, h)
				}
			}
			if st := d.Stats(); st != ref.Stats() || st.Reordered == 0 {
				t.Fatalf("stats %+v, want %+v with packets reordered", st, ref.Stats())
			}
			a.Release(d)
		}
		a.Close()
	}
}
