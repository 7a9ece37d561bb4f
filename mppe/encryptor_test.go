package mppe

import (
	"bytes"
	"crypto/rc4"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"testing"
)

// encryptor encrypts packets the way a Linux peer does (ppp_mppe.c
// mppe_compress), or with reinit set, the way FreeBSD ng_mppc answers a CCP
// Reset-Request (RC4 restarts with the current key, no key change). It is
// written independently of the package code: its own GetNewKeyFromSHA,
// crypto/rc4 instead of the package's arc4.
type encryptor struct {
	start, key []byte // key octets: 8 (40/56-bit) or 16
	bits       int
	stateful   bool
	reinit     bool // FlushReinit-style reset
	count      uint16
	flushed    bool // next packet carries A (after a CCP reset)
	c          *rc4.Cipher
	keys       int // number of session keys used so far (for tests)
}

// newEncryptor returns an encryptor, once the encryptor has been checked
// against the vectors' MPPE sequences: no test relies on an unverified one.
func newEncryptor(t testing.TB, start []byte, bits int, stateful bool) *encryptor {
	t.Helper()
	encryptorOnce.Do(func() { encryptorErr = checkEncryptor() })
	if encryptorErr != nil {
		t.Fatalf("the test encryptor does not reproduce the MPPE vectors: %v", encryptorErr)
	}
	return makeEncryptor(t, start, bits, stateful)
}

var (
	encryptorOnce sync.Once
	encryptorErr  error
)

// gateTB collects the first failure of checks run outside a test.
type gateTB struct {
	testing.TB // nil: only the methods below may be called
	err        error
}

func (g *gateTB) Helper() {}
func (g *gateTB) Errorf(format string, args ...any) {
	if g.err == nil {
		g.err = fmt.Errorf(format, args...)
	}
}
func (g *gateTB) Fatalf(format string, args ...any) { g.Errorf(format, args...); panic(g) }
func (g *gateTB) Error(args ...any)                 { g.Errorf("%s", fmt.Sprint(args...)) }
func (g *gateTB) Fatal(args ...any)                 { g.Fatalf("%s", fmt.Sprint(args...)) }

func checkEncryptor() (err error) {
	g := &gateTB{}
	defer func() {
		if r := recover(); r != nil && r != any(g) {
			panic(r)
		}
		err = g.err
	}()
	for _, c := range vectorsOfKind(g, "mppe_sequence") {
		encryptorMatchesVector(g, c)
	}
	return g.err
}

func makeEncryptor(t testing.TB, start []byte, bits int, stateful bool) *encryptor {
	t.Helper()
	n := 16
	if bits != 128 {
		n = 8
	}
	if len(start) < n {
		t.Fatalf("start key too short: %d", len(start))
	}
	e := &encryptor{start: append([]byte(nil), start[:n]...), bits: bits, stateful: stateful, count: 0xFFF}
	e.key = e.getNewKey(e.start)
	e.reduce()
	e.c, _ = rc4.NewCipher(e.key)
	return e
}

func (e *encryptor) getNewKey(cur []byte) []byte {
	h := sha1.New()
	h.Write(e.start)
	h.Write(make([]byte, 40))
	h.Write(cur)
	h.Write(bytes.Repeat([]byte{0xF2}, 40))
	return h.Sum(nil)[:len(e.start)]
}

func (e *encryptor) reduce() {
	switch e.bits {
	case 40:
		copy(e.key, []byte{0xD1, 0x26, 0x9E})
	case 56:
		e.key[0] = 0xD1
	}
}

// rekey is Linux mppe_rekey(state, 0).
func (e *encryptor) rekey() {
	interim := e.getNewKey(e.key)
	c, _ := rc4.NewCipher(interim)
	c.XORKeyStream(interim, interim)
	e.key = interim
	e.reduce()
	e.c, _ = rc4.NewCipher(e.key)
	e.keys++
}

// reset handles a CCP Reset-Request received by the sender.
func (e *encryptor) reset() {
	e.flushed = true
	if e.reinit && e.stateful {
		e.c, _ = rc4.NewCipher(e.key)
	}
}

// seal encrypts one packet (plaintext starts with the PPP protocol) and
// returns its MPPE header and ciphertext.
func (e *encryptor) seal(plaintext []byte) (uint16, []byte) {
	e.count = (e.count + 1) & 0xFFF
	h := uint16(0x1000) | e.count
	flag := e.count&0xFF == 0xFF
	switch {
	case !e.stateful, flag:
		e.rekey()
		h |= 0x8000
	case e.flushed && !e.reinit:
		e.rekey()
		h |= 0x8000
	case e.flushed:
		h |= 0x8000 // RC4 already restarted by reset
	}
	e.flushed = false
	ct := make([]byte, len(plaintext))
	e.c.XORKeyStream(ct, plaintext)
	return h, ct
}

// pppPayload is the PPP payload as sent: 00FD, header, ciphertext.
func pppPayload(h uint16, ct []byte) []byte {
	return append(binary.BigEndian.AppendUint16([]byte{0x00, 0xFD}, h), ct...)
}

// icmpPlaintext is the vectors' plaintext rule: 0021 followed by scapy
// raw(IP(src=10.0.0.1,dst=10.0.0.2,id=i,ttl=64)/ICMP(id=1,seq=i)/b'abcd').
func icmpPlaintext(i int) []byte {
	ip := []byte{0x45, 0, 0, 32, byte(i >> 8), byte(i), 0, 0, 64, 1, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2}
	binary.BigEndian.PutUint16(ip[10:], inetChecksum(ip))
	icmp := []byte{8, 0, 0, 0, 0, 1, byte(i >> 8), byte(i), 'a', 'b', 'c', 'd'}
	binary.BigEndian.PutUint16(icmp[2:], inetChecksum(icmp))
	return append(append([]byte{0x00, 0x21}, ip...), icmp...)
}

func inetChecksum(b []byte) uint16 {
	var s uint32
	for i := 0; i+1 < len(b); i += 2 {
		s += uint32(b[i])<<8 | uint32(b[i+1])
	}
	if len(b)%2 == 1 {
		s += uint32(b[len(b)-1]) << 8
	}
	for s > 0xFFFF {
		s = s>>16 + s&0xFFFF
	}
	return ^uint16(s)
}

type seqPacket struct {
	CCount     uint16 `json:"ccount"`
	Flushed    bool   `json:"flushed"`
	SessionKey string `json:"session_key"`
	MPPEHeader string `json:"mppe_header"`
	Plaintext  string `json:"plaintext"`
	Ciphertext string `json:"ciphertext"`
	PPPPayload string `json:"ppp_payload"`
}

type seqVector struct {
	In struct {
		Direction          string   `json:"direction"`
		StartKey           string   `json:"start_key"`
		KeyBits            int      `json:"key_bits"`
		Stateless          bool     `json:"stateless"`
		InitialSessionKey  string   `json:"initial_session_key"`
		FirstCCount        int      `json:"first_ccount"`
		Plaintexts         []string `json:"plaintexts"`
		PlaintextRule      string   `json:"plaintext_rule"`
		PlaintextsForListd []string `json:"plaintexts_for_listed"`
	}
	Want struct {
		Packets       []seqPacket `json:"packets"`
		ListedIndices []int       `json:"listed_indices"`
	}
}

func parseSeqVector(t testing.TB, c vectorCase) seqVector {
	var v seqVector
	decodeJSON(t, c.Input, &v.In)
	decodeJSON(t, c.Expected, &v.Want)
	if v.In.FirstCCount != 0 || v.In.Direction != "server->client" {
		t.Fatalf("sequence %s: first_ccount %d direction %s not handled", c.ID, v.In.FirstCCount, v.In.Direction)
	}
	if v.Want.ListedIndices == nil { // every packet is listed
		for i := range v.Want.Packets {
			v.Want.ListedIndices = append(v.Want.ListedIndices, i)
		}
	}
	return v
}

// plaintexts returns the plaintext of every packet of the stream (all 258
// of the stateful case, from its rule), checked against the listed ones.
func (v seqVector) plaintexts(t testing.TB) [][]byte {
	t.Helper()
	if v.In.PlaintextRule == "" {
		var out [][]byte
		for _, p := range v.In.Plaintexts {
			out = append(out, unhex(t, p))
		}
		return out
	}
	n := v.Want.ListedIndices[len(v.Want.ListedIndices)-1] + 1
	out := make([][]byte, n)
	for i := range out {
		out[i] = icmpPlaintext(i)
	}
	for j, i := range v.Want.ListedIndices {
		eqHex(t, fmt.Sprintf("rule plaintext %d", i), out[i], v.In.PlaintextsForListd[j])
	}
	return out
}

// TestEncryptorVectors checks the test encryptor against every MPPE packet
// sequence of the vectors, before the other tests rely on it.
func TestEncryptorVectors(t *testing.T) {
	for _, c := range vectorsOfKind(t, "mppe_sequence") {
		t.Run(c.ID, func(t *testing.T) { encryptorMatchesVector(t, c) })
	}
}

func encryptorMatchesVector(t testing.TB, c vectorCase) {
	t.Helper()
	v := parseSeqVector(t, c)
	e := makeEncryptor(t, unhex(t, v.In.StartKey), v.In.KeyBits, !v.In.Stateless)
	eqHex(t, "initial session key", e.key, v.In.InitialSessionKey)
	pts := v.plaintexts(t)
	listed := map[int]seqPacket{}
	for j, i := range v.Want.ListedIndices {
		listed[i] = v.Want.Packets[j]
	}
	for i, pt := range pts {
		h, ct := e.seal(pt)
		w, ok := listed[i]
		if !ok {
			continue
		}
		if h&0xFFF != w.CCount || (h&0x8000 != 0) != w.Flushed {
			t.Errorf("packet %d: header %04X, want count %d flushed %v", i, h, w.CCount, w.Flushed)
		}
		eqHex(t, fmt.Sprintf("packet %d header", i), binary.BigEndian.AppendUint16(nil, h), w.MPPEHeader)
		eqHex(t, fmt.Sprintf("packet %d session key", i), e.key, w.SessionKey)
		eqHex(t, fmt.Sprintf("packet %d plaintext", i), pt, w.Plaintext)
		eqHex(t, fmt.Sprintf("packet %d ciphertext", i), ct, w.Ciphertext)
		eqHex(t, fmt.Sprintf("packet %d PPP payload", i), pppPayload(h, ct), w.PPPPayload)
	}
}

// runSequence (kind mppe_sequence) decrypts the vector's own packets with a
// Decryptor, independently of the test encryptor. The stateful case lists
// packets 0, 1, 2, 254, 255, 256, 257: 254 follows a gap and is discarded,
// 255 is the flushed flag packet that resynchronises (one rekey).
func runSequence(t *testing.T, c vectorCase) {
	v := parseSeqVector(t, c)
	mode := Stateful
	if v.In.Stateless {
		mode = Stateless
	}
	d, err := NewDecryptor(unhex(t, v.In.StartKey), KeyLength(v.In.KeyBits), mode)
	if err != nil {
		t.Fatal(err)
	}
	eqHex(t, "initial session key", d.SessionKey().Bytes(), v.In.InitialSessionKey)
	prev := -1
	for j, p := range v.Want.Packets {
		i := v.Want.ListedIndices[j]
		payload := unhex(t, p.PPPPayload)
		if payload[0] != 0x00 || payload[1] != 0xFD {
			t.Fatalf("packet %d: PPP protocol %X", i, payload[:2])
		}
		h, _ := ParseHeader(payload[2:])
		pt, err := d.Decrypt(uint16(h), payload[4:], nil)
		if mode == Stateful && i != prev+1 && !h.Flushed() {
			if !errors.Is(err, ErrDiscarded) {
				t.Errorf("packet %d after a gap: err %v, want ErrDiscarded", i, err)
			}
			prev = i
			continue
		}
		prev = i
		if err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		eqHex(t, fmt.Sprintf("packet %d plaintext", i), pt, p.Plaintext)
		eqHex(t, fmt.Sprintf("packet %d session key", i), d.SessionKey().Bytes(), p.SessionKey)
	}
}

// TestEncryptorStatefulStream decrypts the whole 258-packet stateful
// vector stream made by the encryptor, packets 3..253 included.
func TestEncryptorStatefulStream(t *testing.T) {
	for _, c := range vectorsOfKind(t, "mppe_sequence") {
		v := parseSeqVector(t, c)
		mode := Stateful
		if v.In.Stateless {
			mode = Stateless
		}
		e := newEncryptor(t, unhex(t, v.In.StartKey), v.In.KeyBits, mode == Stateful)
		d, err := NewDecryptor(unhex(t, v.In.StartKey), KeyLength(v.In.KeyBits), mode)
		if err != nil {
			t.Fatal(err)
		}
		pts := v.plaintexts(t)
		for i, pt := range pts {
			h, ct := e.seal(pt)
			got, err := d.Decrypt(h, ct, nil)
			if err != nil || !bytes.Equal(got, pt) {
				t.Fatalf("%s packet %d: %X, %v", c.ID, i, got, err)
			}
		}
		wantRekeys := len(pts) // stateless: one per packet
		if mode == Stateful {
			wantRekeys = 1 // the flag packet 255
		}
		if s := d.Stats(); s.Rekeys != wantRekeys || s.Decrypted != len(pts) {
			t.Errorf("%s: stats %+v, want %d rekeys", c.ID, s, wantRekeys)
		}
	}
}
