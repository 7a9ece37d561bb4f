package mppe

import (
	"bytes"
	"crypto/rc4"
	"encoding/hex"
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
