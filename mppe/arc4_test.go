package mppe

import (
	"bytes"
	"crypto/rc4"
	"encoding/hex"
	"math/rand/v2"
	"strings"
	"testing"
)

func hexUpper(b []byte) string { return strings.ToUpper(hex.EncodeToString(b)) }

// TestArc4 compares the allocation-free RC4 with crypto/rc4 and with the
// classic test vectors.
func TestArc4(t *testing.T) {
	for _, tc := range []struct{ key, pt, ct string }{
		// Wikipedia / original RC4 vectors.
		{"Key", "Plaintext", "BBF316E8D940AF0AD3"},
		{"Wiki", "pedia", "1021BF0420"},
		{"Secret", "Attack at dawn", "45A01F645FC35B383552544B9BF5"},
	} {
		var c arc4
		c.init([]byte(tc.key))
		got := []byte(tc.pt)
		c.xorKeyStream(got, got)
		if hexUpper(got) != tc.ct {
			t.Errorf("RC4(%q, %q) = %X, want %s", tc.key, tc.pt, got, tc.ct)
		}
	}
	for _, n := range []int{1, 5, 8, 16, 256} {
		key := bytes.Repeat([]byte{byte(n), 0xA5}, n)[:n]
		data := bytes.Repeat([]byte("0123456789"), 70)
		want, err := rc4.NewCipher(key)
		if err != nil {
			t.Fatal(err)
		}
		w := make([]byte, len(data))
		want.XORKeyStream(w[:300], data[:300])
		want.XORKeyStream(w[300:], data[300:])
		var c arc4
		c.init(key)
		g := make([]byte, len(data))
		c.xorKeyStream(g[:300], data[:300])
		c.xorKeyStream(g[300:], data[300:])
		if !bytes.Equal(g, w) {
			t.Errorf("key length %d: differs from crypto/rc4", n)
		}
	}
}

func TestArc4NoAllocs(t *testing.T) {
	var c arc4
	buf := make([]byte, 1400)
	if n := testing.AllocsPerRun(100, func() {
		c.init(rfcStart)
		c.xorKeyStream(buf, buf)
	}); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// TestArc4ManyKeys: the schedule and the stream take the swapped value when
// a swap moves the entry of the next step (j == i+1), which happens for
// some keys and stream positions only; many keys of every MPPE length and
// odd ones, with the stream split at odd places, cover it.
func TestArc4ManyKeys(t *testing.T) {
	data := make([]byte, 1500)
	for i := range data {
		data[i] = byte(i * 7)
	}
	for n := range 2000 {
		l := []int{8, 16, 1, 5, 256}[n%5]
		key := make([]byte, l)
		for i := range key {
			key[i] = byte(n*131 + i*29 + n>>3)
		}
		ref, err := rc4.NewCipher(key)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]byte, len(data))
		ref.XORKeyStream(want, data)
		var c arc4
		c.init(key)
		got := make([]byte, len(data))
		cut := n % len(data)
		c.xorKeyStream(got[:cut], data[:cut])
		c.xorKeyStream(got[cut:], data[cut:])
		if !bytes.Equal(got, want) {
			t.Fatalf("key %X: differs from crypto/rc4", key)
		}
	}
}

// TestArc4Init2: the interleaved key schedules give the states init gives,
// for 8- and 16-octet keys (an 8-octet one repeated to 16).
func TestArc4Init2(t *testing.T) {
	for i := range 200 {
		var ka, kb [16]byte
		for j := range ka {
			ka[j], kb[j] = byte(i*31+j*7), byte(i*i+j*13+1)
		}
		n := 16
		if i%2 == 1 {
			n = 8
			copy(ka[8:], ka[:8])
			copy(kb[8:], kb[:8])
		}
		var a, b, wa, wb arc4
		init2(&a, &ka, &b, &kb)
		wa.init(ka[:n])
		wb.init(kb[:n])
		if a != wa || b != wb {
			t.Fatalf("key pair %d (%d octets): init2 differs from init", i, n)
		}
	}
}

// TestArc4Init2RC4 holds init2 to crypto/rc4 itself, on random 8- and
// 16-octet key pairs: the key stream of both states, and each state equal
// to init's.
func TestArc4Init2RC4(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 3079))
	for i := range 3000 {
		n := []int{16, 8}[i%2]
		var ka, kb [16]byte
		for j := range n {
			ka[j], kb[j] = byte(r.Uint32()), byte(r.Uint32())
		}
		if n == 8 {
			copy(ka[8:], ka[:8])
			copy(kb[8:], kb[:8])
		}
		var a, b arc4
		init2(&a, &ka, &b, &kb)
		for _, c := range []struct {
			st  *arc4
			key []byte
		}{{&a, ka[:n]}, {&b, kb[:n]}} {
			ref, err := rc4.NewCipher(c.key)
			if err != nil {
				t.Fatal(err)
			}
			var one arc4
			one.init(c.key)
			if *c.st != one {
				t.Fatalf("key %X: init2's state differs from init's", c.key)
			}
			want, got := make([]byte, 600), make([]byte, 600)
			ref.XORKeyStream(want, want)
			c.st.xorKeyStream(got, got)
			if !bytes.Equal(got, want) {
				t.Fatalf("key %X: init2's key stream differs from crypto/rc4", c.key)
			}
		}
	}
}

// BenchmarkArc4Init2Keys: init2 on changing keys (as in a key chain: the
// schedule's rare aliasing cases and branches are not learnt).
func BenchmarkArc4Init2Keys(b *testing.B) {
	keys := benchKeys()
	var c, d arc4
	i := 0
	for b.Loop() {
		init2(&c, &keys[i&1023], &d, &keys[(i+1)&1023])
		i += 2
	}
}

// TestArc4Init16 holds init16 to crypto/rc4 and to init on random 8- and
// 16-octet keys (8 given repeated).
func TestArc4Init16(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 3078))
	for i := range 3000 {
		n := []int{16, 8}[i%2]
		k := randomKey(r, n)
		var got, one arc4
		got.init16(&k)
		one.init(k[:n])
		if got != one {
			t.Fatalf("key %X: init16's state differs from init's", k[:n])
		}
		ref, _ := rc4.NewCipher(k[:n])
		want, out := make([]byte, 600), make([]byte, 600)
		ref.XORKeyStream(want, want)
		got.xorKeyStream(out, out)
		if !bytes.Equal(out, want) {
			t.Fatalf("key %X: init16's key stream differs from crypto/rc4", k[:n])
		}
	}
}

// BenchmarkArc4Init16Keys: init16 on changing keys.
func BenchmarkArc4Init16Keys(b *testing.B) {
	keys := benchKeys()
	var c arc4
	i := 0
	for b.Loop() {
		c.init16(&keys[i&1023])
		i++
	}
}

// BenchmarkArc4InitKeys: init on the same keys as BenchmarkArc4Init16Keys.
func BenchmarkArc4InitKeys(b *testing.B) {
	keys := benchKeys()
	var c arc4
	i := 0
	for b.Loop() {
		c.init(keys[i&1023][:])
		i++
	}
}

// TestArc4FreshStream: freshStream after a key schedule writes the key
// stream xorKeyStream gives, for every length up to 300 octets, and leaves
// the state where xorKeyStream does (random 8- and 16-octet keys).
func TestArc4FreshStream(t *testing.T) {
	r := rand.New(rand.NewPCG(64, 3078))
	for i := range 4000 {
		n := []int{16, 8}[i%2]
		k := randomKey(r, n)
		var a, b arc4
		a.init16(&k)
		b = a
		l := i % 301
		got, want := make([]byte, l), make([]byte, l)
		for j := range got {
			got[j] = byte(j) // overwritten, not XORed
		}
		a.freshStream(got)
		b.xorKeyStream(want, want)
		if !bytes.Equal(got, want) || a != b {
			t.Fatalf("key %X, %d octets: freshStream differs from xorKeyStream", k[:n], l)
		}
	}
}

func BenchmarkArc4InitTwice(b *testing.B) {
	var c, d arc4
	k1, k2 := []byte("0123456789abcdef"), []byte("fedcba9876543210")
	for b.Loop() {
		c.init(k1)
		d.init(k2)
	}
}

func BenchmarkArc4Init2(b *testing.B) {
	var c, d arc4
	k1, k2 := [16]byte([]byte("0123456789abcdef")), [16]byte([]byte("fedcba9876543210"))
	for b.Loop() {
		init2(&c, &k1, &d, &k2)
	}
}

// randomKey is a random n-octet key (8 or 16) as the unrolled schedules take
// it: 16 octets, an 8-octet key given twice.
func randomKey(r *rand.Rand, n int) [16]byte {
	var k [16]byte
	for j := range n {
		k[j] = byte(r.Uint32())
	}
	if n == 8 {
		copy(k[8:], k[:8])
	}
	return k
}

// benchKeys are 1,024 random 16-octet keys, the same for every benchmark.
func benchKeys() *[1024][16]byte {
	var keys [1024][16]byte
	r := rand.New(rand.NewPCG(1, 2))
	for i := range keys {
		for j := range keys[i] {
			keys[i][j] = byte(r.Uint32())
		}
	}
	return &keys
}
