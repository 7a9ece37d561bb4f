package mppe

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

// rfcStart is the RFC 3079 §3.5.3 server->client start key; 40/56-bit
// scenarios use its first 8 octets, like the §3.5.1/§3.5.2 samples.
var rfcStart = []byte{0x8B, 0x7C, 0xDC, 0x14, 0x9B, 0x99, 0x3A, 0x1B, 0xA1, 0x18, 0xCB, 0x15, 0x3F, 0x56, 0xDC, 0xCB}

// scenario sends n packets through the test encryptor and delivers them to
// a Decryptor in the given order (indices may repeat or be missing).
type scenario struct {
	name   string
	bits   int
	mode   Mode
	policy FlushPolicy
	// reinitSender makes the sender answer a CCP reset by restarting RC4
	// with the current key (FreeBSD) instead of rekeying (Linux).
	reinitSender bool
	n            int
	resets       []int // the sender gets a CCP Reset-Request before packet i
	order        []int // delivery order; nil = 0..n-1
	byPkt        map[int]error
	byPos        map[int]error // overrides byPkt, for repeated indices
	wrong        map[int]bool  // packets that must decrypt to wrong plaintext
	stats        *Stats        // when set, checked field by field where non-zero
}

func rng(a, b int) []int { // a..b-1
	r := make([]int, 0, b-a)
	for i := a; i < b; i++ {
		r = append(r, i)
	}
	return r
}

func cat(parts ...[]int) []int {
	var r []int
	for _, p := range parts {
		r = append(r, p...)
	}
	return r
}

func errs(err error, a, b int) map[int]error { // packets a..b-1 fail with err
	m := map[int]error{}
	for i := a; i < b; i++ {
		m[i] = err
	}
	return m
}

// scenarioPlaintext varies the length so that stateful keystream positions
// depend on every packet.
func scenarioPlaintext(i int) []byte {
	return append(icmpPlaintext(i), bytes.Repeat([]byte{byte(i)}, i%13)...)
}

func (sc scenario) run(t *testing.T) {
	e := newEncryptor(t, rfcStart, sc.bits, sc.mode == Stateful)
	e.reinit = sc.reinitSender
	resets := map[int]bool{}
	for _, i := range sc.resets {
		resets[i] = true
	}
	type pkt struct {
		h      uint16
		ct, pt []byte
	}
	pkts := make([]pkt, sc.n)
	for i := range pkts {
		if resets[i] {
			e.reset()
		}
		pt := scenarioPlaintext(i)
		h, ct := e.seal(pt)
		pkts[i] = pkt{h, ct, pt}
	}
	kl := KeyLength(sc.bits)
	d, err := NewDecryptor(rfcStart[:kl.Octets()], kl, sc.mode, WithFlushPolicy(sc.policy))
	if err != nil {
		t.Fatal(err)
	}
	order := sc.order
	if order == nil {
		order = rng(0, sc.n)
	}
	buf := make([]byte, 0, 256)
	for pos, i := range order {
		p := pkts[i]
		if resets[i] {
			d.Reset() // the tracker saw the Reset-Request
			if !d.ResetPending() {
				t.Fatal("ResetPending false after Reset")
			}
		}
		want, ok := sc.byPos[pos]
		if !ok {
			want = sc.byPkt[i]
		}
		got, err := d.Decrypt(p.h, p.ct, buf[:0])
		switch {
		case want != nil:
			if !errors.Is(err, want) {
				t.Fatalf("position %d packet %d (%v): err %v, want %v", pos, i, Header(p.h), err, want)
			}
		case err != nil:
			t.Fatalf("position %d packet %d (%v): %v", pos, i, Header(p.h), err)
		case sc.wrong[i] == bytes.Equal(got, p.pt):
			t.Fatalf("position %d packet %d (%v): plaintext %X, want %X (wrong=%v)", pos, i, Header(p.h), got, p.pt, sc.wrong[i])
		}
	}
	if d.ResetPending() && len(sc.resets) > 0 && sc.resets[len(sc.resets)-1] < order[len(order)-1] {
		t.Error("ResetPending still true after the flushed packet")
	}
	if sc.stats != nil {
		checkStats(t, d.Stats(), *sc.stats)
	}
}

// checkStats compares the non-zero fields of want (use -1 for "must be 0").
func checkStats(t *testing.T, got, want Stats) {
	t.Helper()
	pairs := []struct {
		name      string
		got, want int
	}{
		{"Decrypted", got.Decrypted, want.Decrypted}, {"Plain", got.Plain, want.Plain},
		{"Rekeys", got.Rekeys, want.Rekeys}, {"Skipped", got.Skipped, want.Skipped},
		{"Reordered", got.Reordered, want.Reordered}, {"Duplicates", got.Duplicates, want.Duplicates},
		{"Late", got.Late, want.Late}, {"Discarded", got.Discarded, want.Discarded},
		{"Resyncs", got.Resyncs, want.Resyncs}, {"Compressed", got.Compressed, want.Compressed},
		{"Invalid", got.Invalid, want.Invalid}, {"Resets", got.Resets, want.Resets},
	}
	for _, p := range pairs {
		w := p.want
		if w == 0 {
			continue
		}
		if w < 0 {
			w = 0
		}
		if p.got != w {
			t.Errorf("Stats.%s = %d, want %d (all: %+v)", p.name, p.got, w, got)
		}
	}
}

func TestDecryptorStateless(t *testing.T) {
	for _, sc := range []scenario{
		{name: "128 in order", bits: 128, n: 20, stats: &Stats{Decrypted: 20, Rekeys: 20, Skipped: -1}},
		{name: "40 in order", bits: 40, n: 20},
		{name: "56 in order", bits: 56, n: 20},
		{
			// Each lost packet costs one extra rekey: 3 and 4 missing means
			// packet 5 is 3 rekeys after packet 2.
			name: "lost packets", bits: 128, n: 10, order: []int{0, 1, 2, 5, 6, 9},
			stats: &Stats{Decrypted: 6, Rekeys: 10, Skipped: 4},
		},
		{name: "lost packets 40", bits: 40, n: 10, order: []int{0, 3, 9}},
		{name: "lost packets 56", bits: 56, n: 10, order: []int{1, 3, 8}},
		{
			// 4095 -> 0 wraps: the distance is modular.
			name: "counter wrap", bits: 128, n: 5200,
			order: []int{0, 1000, 2000, 3000, 4000, 4094, 4095, 4096, 4097, 5000, 5199},
			stats: &Stats{Decrypted: 11, Rekeys: 5200},
		},
		{name: "counter wrap 40", bits: 40, n: 4200, order: cat(rng(4090, 4100), rng(4101, 4103))},
		{
			name: "duplicate", bits: 128, n: 4, order: []int{0, 1, 1, 2, 2, 3},
			byPos: map[int]error{2: ErrDuplicate, 4: ErrDuplicate}, stats: &Stats{Decrypted: 4, Duplicates: 2, Rekeys: 4},
		},
		{
			// 2 arrives after 3: decrypted with the key kept in the history.
			name: "reordered", bits: 128, n: 6, order: []int{0, 1, 3, 2, 5, 4},
			stats: &Stats{Decrypted: 6, Reordered: 2, Rekeys: 6, Skipped: -1},
		},
		{
			name: "reordered then duplicated", bits: 56, n: 4, order: []int{0, 2, 1, 1, 3},
			byPos: map[int]error{3: ErrDuplicate},
		},
		{
			// 1 was decrypted in order; seen again after 3 it is a duplicate.
			name: "old duplicate", bits: 128, n: 5, order: []int{0, 1, 2, 3, 1, 4},
			byPos: map[int]error{4: ErrDuplicate}, stats: &Stats{Duplicates: 1, Reordered: -1},
		},
		{
			name: "too late for the history", bits: 128, n: 100, order: cat(rng(0, 80), []int{10}, rng(80, 100)),
			byPos: map[int]error{80: ErrLate}, stats: &Stats{Late: 1, Decrypted: 100},
		},
		{
			name: "missed earlier packet older than the history", bits: 128, n: 100, order: cat(rng(0, 5), rng(6, 100), []int{5}),
			byPos: map[int]error{99: ErrLate},
		},
		{
			// The capture starts late: the first packet seen is count 7.
			name: "first packet not zero", bits: 128, n: 9, order: []int{7, 8},
			stats: &Stats{Rekeys: 9, Skipped: 7},
		},
		{
			// Count 4095 first: 4096 rekeys, the bound for one packet.
			name: "first packet 4095", bits: 128, n: 4096, order: []int{4095},
			stats: &Stats{Rekeys: 4096},
		},
		{
			// More than half the count space ahead looks like a late packet.
			name: "jump beyond half the count space", bits: 128, n: 2100, order: []int{0, 2050, 1, 2049},
			byPos: map[int]error{1: ErrLate}, stats: &Stats{Late: 1, Rekeys: 2050},
		},
	} {
		t.Run(sc.name, func(t *testing.T) { sc.mode = Stateless; sc.run(t) })
	}
}

func TestDecryptorStateful(t *testing.T) {
	for _, sc := range []scenario{
		{name: "128 across two flag packets", bits: 128, n: 600, stats: &Stats{Decrypted: 600, Rekeys: 2}},
		{name: "40 across two flag packets", bits: 40, n: 600},
		{name: "56 across two flag packets", bits: 56, n: 600},
		{name: "counter wrap", bits: 128, n: 4400, stats: &Stats{Decrypted: 4400, Rekeys: 17}},
		{
			// 10 lost: the stream position is unknown until flag packet 255.
			name: "lost packet", bits: 128, n: 300, order: cat(rng(0, 10), rng(11, 300)),
			byPkt: errs(ErrDiscarded, 11, 255),
			stats: &Stats{Decrypted: 10 + 45, Discarded: 244, Resyncs: 1, Rekeys: 1},
		},
		{
			// Flag packet 255 lost too: at 511, one rekey for the missed
			// boundary plus one for 511 itself.
			name: "lost flag packet", bits: 128, n: 600, order: cat(rng(0, 250), rng(261, 600)),
			byPkt: errs(ErrDiscarded, 261, 511), stats: &Stats{Rekeys: 2, Resyncs: 1},
		},
		{
			name: "lost two flag packets 40", bits: 40, n: 800, order: cat(rng(0, 250), rng(600, 800)),
			byPkt: errs(ErrDiscarded, 600, 767), stats: &Stats{Rekeys: 3},
		},
		{
			// The gap ends exactly on a flag packet (first count seen after
			// the loss is 255): no boundary missed, one rekey.
			name: "loss up to the flag packet 56", bits: 56, n: 300, order: cat(rng(0, 200), rng(255, 300)),
			stats: &Stats{Rekeys: 1, Discarded: -1},
		},
		{
			name: "duplicate", bits: 128, n: 6, order: []int{0, 1, 1, 2, 3, 3, 4, 5},
			byPos: map[int]error{2: ErrDuplicate, 5: ErrDuplicate}, stats: &Stats{Decrypted: 6, Duplicates: 2},
		},
		{
			// A reordered packet is a gap for stateful mode (as for the Linux
			// receiver): everything waits for the next flushed packet.
			name: "reordered", bits: 128, n: 300, order: cat([]int{0, 1, 3, 2}, rng(4, 300)),
			byPkt: errs(ErrDiscarded, 2, 255),
		},
		{
			name: "old duplicate", bits: 128, n: 10, order: []int{0, 1, 2, 3, 1, 4},
			byPos: map[int]error{4: ErrLate},
		},
		{
			// Linux: the sender rekeys and sets A on the packet after a CCP
			// Reset-Request; so does the receiver on every flushed packet.
			name: "CCP reset, Linux peers", bits: 128, n: 300, resets: []int{20, 21, 100},
			stats: &Stats{Rekeys: 4, Resets: 3, Decrypted: 300},
		},
		{
			// FreeBSD/RFC: the reset restarts RC4 with the same key.
			name: "CCP reset, RFC peers", bits: 40, n: 300, resets: []int{20, 255},
			reinitSender: true, policy: FlushReinit, stats: &Stats{Rekeys: 1, Resets: 2},
		},
		{
			// The receiver lost 10 and asked for a reset: the flushed packet
			// 12 resynchronises right away.
			name: "CCP reset after loss", bits: 128, n: 30, resets: []int{12}, order: cat(rng(0, 10), rng(11, 30)),
			byPkt: map[int]error{11: ErrDiscarded}, stats: &Stats{Rekeys: 1, Resyncs: 1, Discarded: 1},
		},
		{
			name: "CCP reset after loss across a flag, 56", bits: 56, n: 400, resets: []int{300}, order: cat(rng(0, 250), rng(260, 400)),
			byPkt: errs(ErrDiscarded, 260, 300), stats: &Stats{Rekeys: 2},
		},
		{
			// The flush policy matters: a Linux reset decrypted as RFC fails
			// from the flushed packet on (until the next flag packet).
			name: "Linux reset read as RFC", bits: 128, n: 40, resets: []int{20}, policy: FlushReinit,
			wrong: map[int]bool{20: true, 21: true, 39: true},
		},
		{
			name: "RFC reset read as Linux", bits: 128, n: 40, resets: []int{20}, reinitSender: true,
			wrong: map[int]bool{20: true, 30: true},
		},
	} {
		sc.mode = Stateful
		if sc.wrong != nil {
			for i := range sc.n {
				if i >= 20 {
					sc.wrong[i] = true
				}
			}
		}
		t.Run(sc.name, sc.run)
	}
}

// TestRulesMatter shows that the scenarios above would fail if a rule were
// implemented another way: each computes the key a wrong rule would use and
// checks that it does not decrypt.
func TestRulesMatter(t *testing.T) {
	start, _ := NewKey(rfcStart, Key128)
	rekeyN := func(k Key, n int) Key {
		for range n {
			k = Rekey(start, k)
		}
		return k
	}
	e := newEncryptor(t, rfcStart, 128, false)
	var cts [][]byte
	for i := range 8 {
		_, ct := e.seal(scenarioPlaintext(i))
		cts = append(cts, ct)
	}
	dec := func(k Key, ct []byte) []byte {
		var c arc4
		c.init(k.octets())
		out := make([]byte, len(ct))
		c.xorKeyStream(out, ct)
		return out
	}
	init0 := InitialSessionKey(start)
	// Stateless packet 5 after 2: the right key is 6 rekeys from the initial
	// key; one rekey per received packet (4) is wrong.
	if !bytes.Equal(dec(rekeyN(init0, 6), cts[5]), scenarioPlaintext(5)) {
		t.Fatal("control: 6 rekeys should decrypt packet 5")
	}
	if bytes.Equal(dec(rekeyN(init0, 4), cts[5]), scenarioPlaintext(5)) {
		t.Error("packet 5 decrypts without the extra rekeys for lost packets")
	}
	// Packet 0 needs one rekey: the initial key alone (no rekey before the
	// first packet) is wrong.
	if bytes.Equal(dec(init0, cts[0]), scenarioPlaintext(0)) {
		t.Error("stateless packet 0 decrypts without a rekey")
	}
	// The initial session key has no RC4 step: with one it differs.
	if Rekey(start, start) == init0 {
		t.Error("initial key equals a rekey of the start key")
	}
	// Stateful: after a gap over flag packet 255, resynchronising at 511
	// with one rekey (forgetting the missed boundary) fails.
	ef := newEncryptor(t, rfcStart, 128, true)
	var h511 uint16
	var ct511 []byte
	for i := range 512 {
		h, ct := ef.seal(scenarioPlaintext(i))
		h511, ct511 = h, ct
	}
	if Header(h511).Count() != 511 || !Header(h511).Flushed() {
		t.Fatalf("packet 511 header %v", Header(h511))
	}
	if !bytes.Equal(dec(rekeyN(init0, 2), ct511), scenarioPlaintext(511)) {
		t.Fatal("control: 2 rekeys should decrypt flag packet 511")
	}
	if bytes.Equal(dec(rekeyN(init0, 1), ct511), scenarioPlaintext(511)) {
		t.Error("flag packet 511 decrypts without the missed-boundary rekey")
	}
}

func TestDecryptorHeaders(t *testing.T) {
	pt := scenarioPlaintext(1)
	for _, tc := range []struct {
		name   string
		mode   Mode
		header uint16
		ct     []byte
		want   error
		same   bool // output equals input
	}{
		{name: "not encrypted", mode: Stateless, header: 0x8000, ct: pt, same: true},
		{name: "not encrypted stateful", mode: Stateful, header: 0x0005, ct: pt, same: true},
		{name: "compressed only", mode: Stateless, header: 0xA005, ct: pt, want: ErrCompressed},
		{name: "compressed and encrypted", mode: Stateless, header: 0xB000, ct: pt, want: ErrCompressed},
		{name: "compressed and encrypted stateful", mode: Stateful, header: 0x3000, ct: pt, want: ErrCompressed},
		{name: "stateless without A", mode: Stateless, header: 0x1000, ct: pt, want: ErrNotFlushed},
		{name: "stateful flag packet without A", mode: Stateful, header: 0x10FF, ct: pt, want: ErrNotFlushed},
		{name: "empty", mode: Stateless, header: 0x9000, ct: nil, want: ErrEmpty},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := NewDecryptor(rfcStart, Key128, tc.mode)
			if err != nil {
				t.Fatal(err)
			}
			got, err := d.Decrypt(tc.header, tc.ct, nil)
			if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
				t.Fatalf("err %v, want %v", err, tc.want)
			}
			if tc.want != nil && len(got) != 0 {
				t.Errorf("output %X with error %v", got, err)
			}
			if tc.want == nil && tc.same != bytes.Equal(got, tc.ct) {
				t.Errorf("output %X (input %X)", got, tc.ct)
			}
		})
	}
}

// TestDecryptorCompressedKeepsState: a C-bit packet is not returned, but
// the key (stateless) or keystream (stateful) still advances past it.
func TestDecryptorCompressedKeepsState(t *testing.T) {
	for _, mode := range []Mode{Stateless, Stateful} {
		t.Run(mode.String(), func(t *testing.T) {
			e := newEncryptor(t, rfcStart, 128, mode == Stateful)
			d, _ := NewDecryptor(rfcStart, Key128, mode)
			for i := range 5 {
				pt := scenarioPlaintext(i)
				h, ct := e.seal(pt)
				if i == 2 {
					h |= uint16(BitCompressed)
				}
				got, err := d.Decrypt(h, ct, nil)
				if i == 2 {
					if !errors.Is(err, ErrCompressed) || got != nil {
						t.Fatalf("packet 2: %X, %v; want ErrCompressed", got, err)
					}
					continue
				}
				if err != nil || !bytes.Equal(got, pt) {
					t.Fatalf("packet %d: %X, %v", i, got, err)
				}
			}
		})
	}
}

func TestDecryptorAppendAndInPlace(t *testing.T) {
	e := newEncryptor(t, rfcStart, 128, false)
	d, _ := NewDecryptor(rfcStart, Key128, Stateless)
	pt0, pt1 := scenarioPlaintext(0), scenarioPlaintext(1)
	h0, ct0 := e.seal(pt0)
	h1, ct1 := e.seal(pt1)
	out, err := d.Decrypt(h0, ct0, []byte("prefix"))
	if err != nil || string(out[:6]) != "prefix" || !bytes.Equal(out[6:], pt0) {
		t.Fatalf("append: %q, %v", out, err)
	}
	out, err = d.Decrypt(h1, ct1, ct1[:0]) // in place
	if err != nil || !bytes.Equal(out, pt1) || &out[0] != &ct1[0] {
		t.Fatalf("in place: %X, %v", out, err)
	}
}

func TestNewDecryptorErrors(t *testing.T) {
	for _, tc := range []struct {
		key  []byte
		l    KeyLength
		mode Mode
		want error
	}{
		{rfcStart[:8], Key128, Stateless, ErrBadLength},
		{rfcStart, 64, Stateless, ErrBadKeyLength},
		{rfcStart[:7], Key40, Stateful, ErrBadLength},
		{rfcStart, Key128, Mode(7), nil},
	} {
		d, err := NewDecryptor(tc.key, tc.l, tc.mode)
		if err == nil || d != nil || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("NewDecryptor(%d octets, %d, %v) = %v, %v; want %v", len(tc.key), tc.l, tc.mode, d, err, tc.want)
		}
	}
}

func TestSplitProtocol(t *testing.T) {
	for _, tc := range []struct {
		in    []byte
		proto uint16
		rest  int
		err   bool
	}{
		{[]byte{0x00, 0x21, 0x45}, 0x0021, 1, false},
		{[]byte{0x21, 0x45}, 0x21, 1, false}, // PFC
		{[]byte{0x80, 0x21, 1, 2}, 0x8021, 2, false},
		{[]byte{0x00}, 0, 0, true},
		{nil, 0, 0, true},
	} {
		p, rest, err := SplitProtocol(tc.in)
		if p != tc.proto || len(rest) != tc.rest || (err != nil) != tc.err {
			t.Errorf("SplitProtocol(%X) = %04X, %X, %v", tc.in, p, rest, err)
		}
	}
}

func TestHeaderString(t *testing.T) {
	for h, want := range map[Header]string{0x9000: "A--D ccount=0", 0x10FF: "---D ccount=255", 0xFFFF: "ABCD ccount=4095"} {
		if got := fmt.Sprint(h); got != want {
			t.Errorf("%04X: %q, want %q", uint16(h), got, want)
		}
	}
}
