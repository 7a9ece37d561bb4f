package mppe

import (
	"bytes"
	"testing"
)

// NtHashUnicode must equal x/crypto/md4 (through NtPasswordHash) for every
// length around the single-block limit and for RFC 2759's example.
func TestNtHashUnicodeMatchesMD4(t *testing.T) {
	// RFC 2759 §9.2: "clientPass" -> 44EBBA8D5312B8D611474411F56989AE.
	var h [16]byte
	NtHashUnicode(&h, PasswordUnicode("clientPass"))
	if want := NtPasswordHash("clientPass"); h != want {
		t.Fatalf("clientPass: %x, want %x", h, want)
	}
	for n := 0; n <= 70; n++ {
		pw := string(bytes.Repeat([]byte{'a' + byte(n%26)}, n))
		for _, p := range []string{pw, "é" + pw, "密" + pw} {
			NtHashUnicode(&h, PasswordUnicode(p))
			if want := NtPasswordHash(p); h != want {
				t.Fatalf("%d characters (%q): %x, want %x", len([]rune(p)), p, h, want)
			}
		}
	}
}

func FuzzNtHashUnicode(f *testing.F) {
	f.Add([]byte("p\x00w\x00"))
	f.Fuzz(func(t *testing.T, u []byte) {
		var h [16]byte
		NtHashUnicode(&h, u)
		if want := md4Sum(u); h != want {
			t.Fatalf("%x: %x, want %x", u, h, want)
		}
	})
}

func BenchmarkNtHashUnicode(b *testing.B) {
	u := PasswordUnicode("password123")
	var h [16]byte
	b.ReportAllocs()
	for b.Loop() {
		NtHashUnicode(&h, u)
	}
}

// BenchmarkNtHashMD4 is the same through x/crypto/md4, for comparison.
func BenchmarkNtHashMD4(b *testing.B) {
	u := PasswordUnicode("password123")
	b.ReportAllocs()
	for b.Loop() {
		md4Sum(u)
	}
}

func TestNtHashUnicode4MatchesMD4(t *testing.T) {
	var u [4][]byte
	var got [4][16]byte
	for n := 0; n <= 55; n++ {
		for i := range 4 {
			u[i] = bytes.Repeat([]byte{byte('a' + i), byte(n)}, 28)[:(n+i*7)%56]
		}
		NtHashUnicode4(&got, &u)
		for i := range 4 {
			if want := md4Sum(u[i]); got[i] != want {
				t.Fatalf("lane %d, %d octets: %x, want %x", i, len(u[i]), got[i], want)
			}
		}
	}
}

func BenchmarkNtHashUnicode4(b *testing.B) {
	u := [4][]byte{PasswordUnicode("password123"), PasswordUnicode("password124"), PasswordUnicode("password125"), PasswordUnicode("password126")}
	var h [4][16]byte
	b.ReportAllocs()
	for b.Loop() {
		NtHashUnicode4(&h, &u)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(4*b.N), "ns/hash")
}
