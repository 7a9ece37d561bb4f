package mppe

import (
	"bytes"
	"crypto/rc4"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// FuzzDecryptor feeds a Decryptor a sequence of packets with arbitrary
// headers, counts and lengths. The input is: mode/policy byte, key-length
// byte, then packets as header (2 octets), length (1 octet), data. It checks
// that nothing panics, that the work per packet stays within the documented
// bound (rekeys), that successful output has the ciphertext's length, and
// that errors are the documented ones.
func FuzzDecryptor(f *testing.F) {
	// Seeds: the real frames 43 and 53 (server->client, header 9000 and
	// 9001), a stateful vector stream, a wrap, a duplicate and a late packet.
	seed := func(mode, kl byte, pkts ...[]byte) []byte {
		b := []byte{mode, kl}
		for _, p := range pkts {
			b = append(b, p[0], p[1], byte(len(p)-2))
			b = append(b, p[2:]...)
		}
		return b
	}
	f.Add(seed(0, 2, pppdFrame43[1:], pppdFrame53[1:]))
	f.Add(seed(1, 2, []byte{0x10, 0x00, 1, 2, 3}, []byte{0x10, 0x01, 4}, []byte{0x90, 0xFF, 5}, []byte{0x11, 0x00, 6}))
	f.Add(seed(0, 0, []byte{0x9F, 0xFF, 1}, []byte{0x90, 0x00, 2}, []byte{0x90, 0x00, 2}, []byte{0x98, 0x00, 3}))
	f.Add(seed(3, 1, []byte{0x10, 0x05, 1}, []byte{0x90, 0x10, 2}, []byte{0xB0, 0x11, 3}, []byte{0x00, 0x12, 4}))
	f.Add(seed(1, 2, []byte{0x10, 0x00, 1}, []byte{0x10, 0x02, 1}, []byte{0x10, 0x01, 1}, []byte{0x9A, 0xFF}))

	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) < 2 {
			return
		}
		mode := Mode(in[0] & 1)
		policy := FlushPolicy(in[0] >> 1 & 1)
		kl := []KeyLength{Key40, Key56, Key128}[int(in[1])%3]
		d, err := NewDecryptor(rfcStart, kl, mode, WithFlushPolicy(policy))
		if err != nil {
			t.Fatal(err)
		}
		in = in[2:]
		buf := make([]byte, 0, 256)
		// d2 decrypts the same packets a few octets at a time
		// (DecryptHeaders, DecryptMore), keys computed ahead: the same.
		d2, _ := NewDecryptor(rfcStart, kl, mode, WithFlushPolicy(policy))
		a := NewAheadWith(1, 1, AheadOptions{Stream: 16, NoState: true})
		defer a.Close()
		a.Attach(d2)
		// At most 32 packets per input: a hostile stateless stream can cost
		// 2048 rekeys (~2 ms) per packet, which is the documented bound,
		// but would slow the fuzzer down.
		for p := 0; len(in) >= 3 && p < 32; p++ {
			h := uint16(in[0])<<8 | uint16(in[1])
			n := min(int(in[2]), len(in)-3)
			ct := in[3 : 3+n]
			in = in[3+n:]

			before, started := d.Stats(), d.started
			out, err := d.Decrypt(h, ct, buf[:0])
			after := d.Stats()
			part, done, err2 := d2.DecryptHeaders(h, ct, nil, p%7)
			if err == nil {
				for k := done; k < len(ct); k += 1 + p%5 {
					d2.DecryptMore(part, ct, k, k+1+p%5)
				}
			}
			if fmt.Sprint(err2) != fmt.Sprint(err) || d2.Stats() != after || err == nil && !bytes.Equal(part, out) {
				t.Fatalf("header %v: by parts %x %v, whole %x %v", Header(h), part, err2, out, err)
			}
			rekeys := after.Rekeys - before.Rekeys
			limit := 4096
			if mode == Stateful {
				limit = 9
			} else if started { // only the first packet may take 4096
				limit = CountSpace / 2
			}
			if rekeys > limit {
				t.Fatalf("header %v: %d rekeys, bound %d", Header(h), rekeys, limit)
			}
			switch {
			case err == nil:
				if len(out) != len(ct) {
					t.Fatalf("header %v: output %d octets for %d", Header(h), len(out), len(ct))
				}
				if !Header(h).Encrypted() && !bytes.Equal(out, ct) {
					t.Fatalf("unencrypted packet changed")
				}
			case errors.Is(err, ErrCompressed), errors.Is(err, ErrDuplicate), errors.Is(err, ErrLate),
				errors.Is(err, ErrDiscarded), errors.Is(err, ErrNotFlushed), errors.Is(err, ErrEmpty):
				if len(out) != 0 {
					t.Fatalf("header %v: output with error %v", Header(h), err)
				}
			default:
				t.Fatalf("header %v: undocumented error %v", Header(h), err)
			}
			if d.Count() > uint16(CountMask) {
				t.Fatalf("count %d out of range", d.Count())
			}
		}
	})
}

// FuzzArc4 checks the package's RC4 against crypto/rc4.
func FuzzArc4(f *testing.F) {
	f.Add([]byte("Key"), []byte("Plaintext"), 3)
	f.Add(rfcStart, bytes.Repeat([]byte{0}, 300), 0)
	f.Add(rfcStart[:8], bytes.Repeat([]byte{0}, 70), 5)
	f.Fuzz(func(t *testing.T, key, data []byte, skip int) {
		if len(key) == 0 || len(key) > 256 {
			return
		}
		skip = min(max(skip, 0), 1000)
		want, _ := rc4.NewCipher(key)
		var got arc4
		got.init(key)
		want.XORKeyStream(make([]byte, skip), make([]byte, skip))
		got.skip(skip)
		w := make([]byte, len(data))
		want.XORKeyStream(w, data)
		g := append([]byte(nil), data...)
		got.xorKeyStream(g, g) // in place
		if !bytes.Equal(g, w) {
			t.Fatalf("arc4 %X, crypto/rc4 %X", g, w)
		}
		// MPPE's key lengths: the unrolled schedules and stream give
		// the same states and stream as init and xorKeyStream.
		if n := len(key); n == 8 || n == 16 {
			var k, r [16]byte
			copy(k[:], key)
			copy(k[n:], key)
			for i := range r {
				r[i] = k[15-i]
			}
			var ref, one, a, b arc4
			ref.init(key)
			one.init16(&k)
			init2(&a, &k, &b, &r)
			var rb arc4
			rb.init(r[:n])
			if one != ref || a != ref || b != rb {
				t.Fatalf("key %X: init16 or init2 differs from init", key)
			}
			fs, ws := make([]byte, len(data)), make([]byte, len(data))
			one.freshStream(fs)
			ref.xorKeyStream(ws, ws)
			if !bytes.Equal(fs, ws) || one != ref {
				t.Fatalf("key %X: freshStream differs from xorKeyStream", key)
			}
		}
	})
}

// FuzzParseAuthenticator: any Success message parses or fails cleanly, and
// what parses formats back to the same S= prefix.
func FuzzParseAuthenticator(f *testing.F) {
	f.Add("S=54644F81E5F18C0EE9E26776495D6BC7ADDFB767 M=Access granted")
	f.Add("S=407A5589115FD0D6209F510FE9C04566932CDA56")
	f.Add("E=691 R=1 C=0123456789ABCDEF0123456789ABCDEF V=3 M=x")
	f.Fuzz(func(t *testing.T, msg string) {
		a, err := ParseAuthenticator(msg)
		if err != nil {
			if !errors.Is(err, ErrBadAuthenticator) {
				t.Fatalf("error %v not ErrBadAuthenticator", err)
			}
			return
		}
		if got := hexUpper(a[:]); !strings.EqualFold("S="+got, msg[:42]) {
			t.Fatalf("parsed %s from %q", got, msg)
		}
	})
}
