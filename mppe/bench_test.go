package mppe

import "testing"

// BenchmarkDecryptStateless128 decrypts a 1400-octet packet in stateless
// 128-bit mode: one rekey (SHA-1 + two RC4 key schedules) and RC4 over the
// packet. dst has capacity: no allocation per packet.
func BenchmarkDecryptStateless128(b *testing.B) {
	d, err := NewDecryptor(rfcStart, Key128, Stateless)
	if err != nil {
		b.Fatal(err)
	}
	benchStateless(b, d)
}

// benchStateless decrypts 1400-octet packets of consecutive coherency
// counts (flushed, stateless) with d, into a buffer with capacity.
func benchStateless(b *testing.B, d *Decryptor) {
	ct := make([]byte, 1400)
	dst := make([]byte, 0, 1400)
	b.SetBytes(int64(len(ct)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		h := 0x9000 | uint16(i)&0x0FFF
		if _, err := d.Decrypt(h, ct, dst); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecryptStateful128: the same packet size in stateful mode (no
// rekey except on flag packets).
func BenchmarkDecryptStateful128(b *testing.B) {
	d, err := NewDecryptor(rfcStart, Key128, Stateful)
	if err != nil {
		b.Fatal(err)
	}
	ct := make([]byte, 1400)
	dst := make([]byte, 0, 1400)
	b.SetBytes(int64(len(ct)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c := uint16(i) & 0x0FFF
		h := 0x1000 | c
		if c&0xFF == 0xFF {
			h |= 0x8000
		}
		if _, err := d.Decrypt(h, ct, dst); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRekey is one MPPE key change (RFC 3078 §7.3).
func BenchmarkRekey(b *testing.B) {
	start, _ := NewKey(rfcStart, Key128)
	k := InitialSessionKey(start)
	b.ReportAllocs()
	for b.Loop() {
		k = Rekey(start, k)
	}
}

// BenchmarkVerifyV2 is one MS-CHAPv2 password check (what a dictionary
// attack on a capture costs per word).
func BenchmarkVerifyV2(b *testing.B) {
	ex := captureExchanges[1].ex
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ex.Verify(Credential{Password: "syberos"}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDecryptNoAllocs(t *testing.T) {
	for _, mode := range []Mode{Stateless, Stateful} {
		d, _ := NewDecryptor(rfcStart, Key128, mode)
		ct := make([]byte, 1400)
		dst := make([]byte, 0, 1400)
		var c uint16
		n := testing.AllocsPerRun(200, func() {
			h := 0x9000 | c
			if mode == Stateful && c&0xFF != 0xFF {
				h = 0x1000 | c
			}
			if _, err := d.Decrypt(h, ct, dst); err != nil {
				t.Fatal(err)
			}
			c = (c + 1) & 0x0FFF
		})
		if n != 0 {
			t.Errorf("%v: %v allocations per packet", mode, n)
		}
	}
}
