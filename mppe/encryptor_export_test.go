package mppe

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"testing"
)

// TestEncryptorExported checks the exported Encryptor against the vectors'
// MPPE sequences (headers, session keys, ciphertexts) and against the
// independent test encryptor across 5000 packets (two count wraps), with
// CCP resets in stateful mode, in every mode and key length.
func TestEncryptorExported(t *testing.T) {
	for _, c := range vectorsOfKind(t, "mppe_sequence") {
		t.Run(c.ID, func(t *testing.T) {
			v := parseSeqVector(t, c)
			mode := Stateful
			if v.In.Stateless {
				mode = Stateless
			}
			e, err := NewEncryptor(unhex(t, v.In.StartKey), KeyLength(v.In.KeyBits), mode)
			if err != nil {
				t.Fatal(err)
			}
			eqHex(t, "initial session key", e.SessionKey().Bytes(), v.In.InitialSessionKey)
			listed := map[int]seqPacket{}
			for j, i := range v.Want.ListedIndices {
				listed[i] = v.Want.Packets[j]
			}
			for i, pt := range v.plaintexts(t) {
				h, ct := e.Encrypt(pt, nil)
				w, ok := listed[i]
				if !ok {
					continue
				}
				eqHex(t, fmt.Sprintf("packet %d header", i), binary.BigEndian.AppendUint16(nil, uint16(h)), w.MPPEHeader)
				eqHex(t, fmt.Sprintf("packet %d session key", i), e.SessionKey().Bytes(), w.SessionKey)
				eqHex(t, fmt.Sprintf("packet %d ciphertext", i), ct, w.Ciphertext)
			}
		})
	}
	start := unhex(t, "8B7CDC149B993A1BA118CB153F56DCCB")
	for _, bits := range []KeyLength{Key40, Key56, Key128} {
		for _, mode := range []Mode{Stateless, Stateful} {
			t.Run(fmt.Sprintf("%d-%v", bits, mode), func(t *testing.T) {
				want := makeEncryptor(t, start, int(bits), mode == Stateful)
				got, err := NewEncryptor(start, bits, mode)
				if err != nil {
					t.Fatal(err)
				}
				d, err := NewDecryptor(start, bits, mode)
				if err != nil {
					t.Fatal(err)
				}
				for i := range 5000 {
					if mode == Stateful && i%777 == 5 {
						want.reset()
						got.Reset()
						d.Reset()
					}
					pt := icmpPlaintext(i)
					wh, wct := want.seal(pt)
					gh, gct := got.Encrypt(pt, nil)
					if uint16(gh) != wh || !bytes.Equal(gct, wct) {
						t.Fatalf("packet %d: header %04X ciphertext %X, want %04X %X", i, uint16(gh), gct, wh, wct)
					}
					back, err := d.Decrypt(uint16(gh), gct, nil)
					if err != nil || !bytes.Equal(back, pt) {
						t.Fatalf("packet %d: decrypted %X, %v", i, back, err)
					}
				}
			})
		}
	}
}

func TestEncryptorErrors(t *testing.T) {
	if _, err := NewEncryptor(make([]byte, 8), Key128, Stateless); err == nil {
		t.Error("short 128-bit key accepted")
	}
	if _, err := NewEncryptor(make([]byte, 16), 64, Stateless); err == nil {
		t.Error("64-bit key accepted")
	}
	if _, err := NewEncryptor(make([]byte, 16), Key128, Mode(7)); err == nil {
		t.Error("unknown mode accepted")
	}
}
