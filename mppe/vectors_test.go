package mppe

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"sort"
	"strings"
	"testing"
)

// vectorCase is one case of testdata/crypto-vectors.json (a copy of
// /work/shared/vectors/crypto-vectors.json, see testdata/README.md).
type vectorCase struct {
	ID       string          `json:"id"`
	Source   string          `json:"source"`
	Kind     string          `json:"kind"`
	Input    json.RawMessage `json:"input"`
	Expected json.RawMessage `json:"expected"`
}

func loadVectors(t testing.TB) []vectorCase {
	t.Helper()
	b, err := os.ReadFile("testdata/crypto-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []vectorCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// vectorsOfKind returns the cases of one kind, failing if there are none.
func vectorsOfKind(t testing.TB, kind string) []vectorCase {
	t.Helper()
	var out []vectorCase
	for _, c := range loadVectors(t) {
		if c.Kind == kind {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no vector of kind %q", kind)
	}
	return out
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

func decodeJSON(t testing.TB, raw json.RawMessage, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields() // a new field in the vectors must be looked at
	if err := dec.Decode(v); err != nil {
		t.Fatalf("decoding %s: %v", raw, err)
	}
}

func eqHex(t testing.TB, what string, got []byte, want string) {
	t.Helper()
	if w := unhex(t, want); !bytes.Equal(got, w) {
		t.Errorf("%s = %X, want %X", what, got, w)
	}
}

// vectorKinds maps every kind this package implements to its checker and
// the number of cases of that kind the JSON holds. TestVectors fails on a
// case of any other kind, and on a count that differs.
var vectorKinds = map[string]struct {
	run   func(t *testing.T, c vectorCase)
	count int
}{
	"mschapv2":                {runMSCHAPv2, 1},
	"mschapv2_challenge_hash": {runChallengeHash, 1},
	"mschapv1":                {runMSCHAPv1, 1},
	"nt_hash":                 {runNTHash, 4},
	"lm_hash":                 {runLMHash, 1},
	"mppe_keys_mschapv2":      {runKeysV2, 3},
	"mppe_start_keys":         {runStartKeys, 1},
	"mppe_keys_mschapv1":      {runKeysV1, 1},
	"mppe_sequence":           {runSequence, 3},
	"mppe_header":             {runHeader, 4},
}

// TestVectors runs every case of the crypto vectors.
func TestVectors(t *testing.T) {
	cases := loadVectors(t)
	ran := map[string]int{}
	total := 0
	for _, c := range cases {
		k, ok := vectorKinds[c.Kind]
		if !ok {
			t.Errorf("case %s: kind %q not implemented by any test", c.ID, c.Kind)
			continue
		}
		t.Run(c.ID, func(t *testing.T) { k.run(t, c) })
		ran[c.Kind]++
		total++
	}
	if total != len(cases) || total != 20 {
		t.Errorf("ran %d cases of %d in the file (expected 20)", total, len(cases))
	}
	kinds := make([]string, 0, len(vectorKinds))
	for k, v := range vectorKinds {
		kinds = append(kinds, k)
		if ran[k] != v.count {
			t.Errorf("kind %s: ran %d cases, want %d", k, ran[k], v.count)
		}
	}
	sort.Strings(kinds)
	t.Logf("ran %d vector cases; kinds covered: %s", total, strings.Join(kinds, ", "))
}

func runMSCHAPv2(t *testing.T, c vectorCase) {
	var in struct {
		Username               string `json:"username"`
		Password               string `json:"password"`
		AuthenticatorChallenge string `json:"authenticator_challenge"`
		PeerChallenge          string `json:"peer_challenge"`
	}
	var want struct {
		Challenge             string `json:"challenge"`
		PasswordUnicode       string `json:"password_unicode"`
		PasswordHash          string `json:"password_hash"`
		NTResponse            string `json:"nt_response"`
		PasswordHashHash      string `json:"password_hash_hash"`
		AuthenticatorResponse string `json:"authenticator_response"`
	}
	decodeJSON(t, c.Input, &in)
	decodeJSON(t, c.Expected, &want)
	auth := [16]byte(unhex(t, in.AuthenticatorChallenge))
	peer := [16]byte(unhex(t, in.PeerChallenge))

	ch := ChallengeHash(peer, auth, in.Username)
	eqHex(t, "ChallengeHash", ch[:], want.Challenge)
	eqHex(t, "PasswordUnicode", PasswordUnicode(in.Password), want.PasswordUnicode)
	ph := NtPasswordHash(in.Password)
	eqHex(t, "NtPasswordHash", ph[:], want.PasswordHash)
	ntr := GenerateNTResponse(auth, peer, in.Username, ph)
	eqHex(t, "GenerateNTResponse", ntr[:], want.NTResponse)
	hh := HashNtPasswordHash(ph)
	eqHex(t, "HashNtPasswordHash", hh[:], want.PasswordHashHash)
	if got := GenerateAuthenticatorResponse(ph, ntr, peer, auth, in.Username); got != want.AuthenticatorResponse {
		t.Errorf("GenerateAuthenticatorResponse = %s, want %s", got, want.AuthenticatorResponse)
	}

	// The same exchange through the verification API.
	ex := ExchangeV2{UserName: in.Username, AuthChallenge: auth[:], PeerChallenge: peer[:],
		NTResponse: ntr[:], Authenticator: want.AuthenticatorResponse + " M=Access granted"}
	v, err := ex.Verify(Credential{Password: in.Password})
	if err != nil || v.NTResponse != Match || v.Authenticator != Match || v.Err() != nil {
		t.Errorf("Verify(right password) = %+v, %v", v, err)
	}
	eqHex(t, "Verification.PasswordHashHash", v.PasswordHashHash[:], want.PasswordHashHash)
	v, err = ex.Verify(Credential{NTHash: ph[:]})
	if err != nil || v.NTResponse != Match || v.Authenticator != Match {
		t.Errorf("Verify(NT hash) = %+v, %v", v, err)
	}
	v, err = ex.Verify(Credential{Password: strings.ToUpper(in.Password)})
	if err != nil || v.NTResponse != Mismatch || v.Authenticator != Mismatch ||
		!errors.Is(v.Err(), ErrPasswordMismatch) || !errors.Is(v.Err(), ErrAuthenticatorMismatch) {
		t.Errorf("Verify(upper-cased password) = %+v, %v; want both mismatched", v, err)
	}
}

func runChallengeHash(t *testing.T, c vectorCase) {
	var in struct {
		Username               string `json:"username"`
		AuthenticatorChallenge string `json:"authenticator_challenge"`
		PeerChallenge          string `json:"peer_challenge"`
	}
	var want struct {
		Challenge string `json:"challenge"`
	}
	decodeJSON(t, c.Input, &in)
	decodeJSON(t, c.Expected, &want)
	auth := [16]byte(unhex(t, in.AuthenticatorChallenge))
	peer := [16]byte(unhex(t, in.PeerChallenge))
	got := ChallengeHash(peer, auth, in.Username)
	eqHex(t, "ChallengeHash", got[:], want.Challenge)
	// Order matters: authenticator first gives another value.
	if swapped := ChallengeHash(auth, peer, in.Username); bytes.Equal(swapped[:], got[:]) {
		t.Error("ChallengeHash ignores the order of the challenges")
	}
	// The domain must be stripped: hashing the full name gives another value.
	full := sha1.Sum(append(append(peer[:], auth[:]...), in.Username...))
	if !strings.Contains(in.Username, `\`) || bytes.Equal(full[:8], got[:]) {
		t.Errorf("vector user name %q: domain not stripped", in.Username)
	}
}

func runMSCHAPv1(t *testing.T, c vectorCase) {
	var in struct {
		Password  string `json:"password"`
		Challenge string `json:"challenge"`
	}
	var want struct {
		PasswordUnicode string `json:"password_unicode"`
		PasswordHash    string `json:"password_hash"`
		NTResponse      string `json:"nt_response"`
		ResponseValue49 string `json:"response_value_49"`
	}
	decodeJSON(t, c.Input, &in)
	decodeJSON(t, c.Expected, &want)
	chal := [8]byte(unhex(t, in.Challenge))
	eqHex(t, "PasswordUnicode", PasswordUnicode(in.Password), want.PasswordUnicode)
	ph := NtPasswordHash(in.Password)
	eqHex(t, "NtPasswordHash", ph[:], want.PasswordHash)
	ntr := NTResponseV1(chal, ph)
	eqHex(t, "NTResponseV1", ntr[:], want.NTResponse)
	value := append(append(make([]byte, 24), ntr[:]...), 0x01)
	eqHex(t, "response value", value, want.ResponseValue49)

	rv := unhex(t, want.ResponseValue49)
	ex := ExchangeV1{Challenge: chal[:], NTResponse: rv[24:48]}
	if v, err := ex.Verify(Credential{Password: in.Password}); err != nil || v.NTResponse != Match || v.Authenticator != NotChecked {
		t.Errorf("Verify(right password) = %+v, %v", v, err)
	}
	if v, err := ex.Verify(Credential{Password: in.Password + "x"}); err != nil || !errors.Is(v.Err(), ErrPasswordMismatch) {
		t.Errorf("Verify(wrong password) = %+v, %v", v, err)
	}
}

func runNTHash(t *testing.T, c vectorCase) {
	var in struct {
		Password string `json:"password"`
	}
	var want struct {
		NTHash          string `json:"nt_hash"`
		PasswordUnicode string `json:"password_unicode"`
	}
	decodeJSON(t, c.Input, &in)
	decodeJSON(t, c.Expected, &want)
	h := NtPasswordHash(in.Password)
	eqHex(t, "NtPasswordHash", h[:], want.NTHash)
	if want.PasswordUnicode != "" {
		eqHex(t, "PasswordUnicode", PasswordUnicode(in.Password), want.PasswordUnicode)
	}
}

func runLMHash(t *testing.T, c vectorCase) {
	var in struct {
		Password string `json:"password"`
	}
	var want struct {
		LMHash string `json:"lm_hash"`
	}
	decodeJSON(t, c.Input, &in)
	decodeJSON(t, c.Expected, &want)
	h, err := LmPasswordHash(in.Password)
	if err != nil {
		t.Fatal(err)
	}
	eqHex(t, "LmPasswordHash", h[:], want.LMHash)
}

func runKeysV2(t *testing.T, c vectorCase) {
	var in struct {
		PasswordHashHash string    `json:"password_hash_hash"`
		NTResponse       string    `json:"nt_response"`
		KeyBits          KeyLength `json:"key_bits"`
		PlaintextASCII   string    `json:"plaintext_ascii"`
	}
	var want struct {
		MasterKey               string `json:"master_key"`
		SendStartKey            string `json:"send_start_key"`
		SendSessionKeyUnreduced string `json:"send_session_key_unreduced"`
		SendSessionKey          string `json:"send_session_key"`
		Ciphertext              string `json:"ciphertext"`
	}
	decodeJSON(t, c.Input, &in)
	decodeJSON(t, c.Expected, &want)
	hh := [16]byte(unhex(t, in.PasswordHashHash))
	ntr := [24]byte(unhex(t, in.NTResponse))
	mk := MasterKey(hh, ntr)
	eqHex(t, "MasterKey", mk[:], want.MasterKey)

	// The RFC's "send" key is the server's: server->client traffic.
	c2s, s2c, err := StartKeysV2(hh, ntr, in.KeyBits)
	if err != nil {
		t.Fatal(err)
	}
	eqHex(t, "StartKeysV2 server->client", s2c.Bytes(), want.SendStartKey)
	if bytes.Equal(c2s.Bytes(), s2c.Bytes()) {
		t.Error("both directions got the same start key")
	}
	if want.SendSessionKeyUnreduced != "" {
		eqHex(t, "GetNewKeyFromSHA(start, start)", GetNewKeyFromSHA(s2c, s2c).Bytes(), want.SendSessionKeyUnreduced)
	}
	sk := InitialSessionKey(s2c)
	eqHex(t, "InitialSessionKey", sk.Bytes(), want.SendSessionKey)
	var r arc4
	r.init(sk.Bytes())
	ct := []byte(in.PlaintextASCII)
	r.xorKeyStream(ct, ct)
	eqHex(t, "RC4(session key, plaintext)", ct, want.Ciphertext)
}

func runStartKeys(t *testing.T, c vectorCase) {
	var in struct {
		MasterKey string `json:"master_key"`
		KeyLen    int    `json:"key_len"`
	}
	var want struct {
		ServerSend string `json:"server_send"`
		ServerRecv string `json:"server_recv"`
		ClientSend string `json:"client_send"`
		ClientRecv string `json:"client_recv"`
	}
	decodeJSON(t, c.Input, &in)
	decodeJSON(t, c.Expected, &want)
	if in.KeyLen != 16 {
		t.Fatalf("key_len %d not handled", in.KeyLen)
	}
	mk := [16]byte(unhex(t, in.MasterKey))
	c2s, err := AsymmetricStartKey(mk, Key128, ClientToServer)
	if err != nil {
		t.Fatal(err)
	}
	s2c, err := AsymmetricStartKey(mk, Key128, ServerToClient)
	if err != nil {
		t.Fatal(err)
	}
	eqHex(t, "client send (client->server)", c2s.Bytes(), want.ClientSend)
	eqHex(t, "server receive (client->server)", c2s.Bytes(), want.ServerRecv)
	eqHex(t, "server send (server->client)", s2c.Bytes(), want.ServerSend)
	eqHex(t, "client receive (server->client)", s2c.Bytes(), want.ClientRecv)
}

func runKeysV1(t *testing.T, c vectorCase) {
	var in struct {
		Password  string `json:"password"`
		Challenge string `json:"challenge"`
	}
	var want struct {
		NTPasswordHash     string `json:"nt_password_hash"`
		NTPasswordHashHash string `json:"nt_password_hash_hash"`
		LMPasswordHash     string `json:"lm_password_hash"`
		StartKey128        string `json:"start_key_128"`
		SessionKey128      string `json:"session_key_128"`
		GetKey8FromLM      string `json:"get_key_8_from_lm"`
		SessionKey40       string `json:"session_key_40"`
		SessionKey56       string `json:"session_key_56"`
	}
	decodeJSON(t, c.Input, &in)
	decodeJSON(t, c.Expected, &want)
	chal := [8]byte(unhex(t, in.Challenge))
	ph := NtPasswordHash(in.Password)
	eqHex(t, "NtPasswordHash", ph[:], want.NTPasswordHash)
	hh := HashNtPasswordHash(ph)
	eqHex(t, "HashNtPasswordHash", hh[:], want.NTPasswordHashHash)
	lm, err := LmPasswordHash(in.Password)
	if err != nil {
		t.Fatal(err)
	}
	eqHex(t, "LmPasswordHash", lm[:], want.LMPasswordHash)

	for _, v := range []V1KeyVariant{V1KeyRFC3079, V1KeyPppd} {
		sk, err := StartKeyV1(v, Key128, hh, chal, nil)
		if err != nil {
			t.Fatal(err)
		}
		eqHex(t, "StartKeyV1 128", sk.Bytes(), want.StartKey128)
		eqHex(t, "session key 128", InitialSessionKey(sk).Bytes(), want.SessionKey128)
	}
	for _, tc := range []struct {
		l    KeyLength
		want string
	}{{Key40, want.SessionKey40}, {Key56, want.SessionKey56}} {
		sk, err := StartKeyV1(V1KeyRFC3079, tc.l, hh, chal, lm[:])
		if err != nil {
			t.Fatal(err)
		}
		eqHex(t, "RFC start key = LM hash[0:8]", sk.Bytes(), strings.ToUpper(hex.EncodeToString(lm[:8])))
		eqHex(t, "GetNewKeyFromSHA(lm8, lm8)", GetNewKeyFromSHA(sk, sk).Bytes(), want.GetKey8FromLM)
		eqHex(t, "reduced session key", InitialSessionKey(sk).Bytes(), tc.want)

		if _, err := StartKeyV1(V1KeyRFC3079, tc.l, hh, chal, nil); !errors.Is(err, ErrNeedLMHash) {
			t.Errorf("RFC 3079 %d-bit key without LM hash: err %v, want ErrNeedLMHash", tc.l, err)
		}
		// pppd: the first 8 octets of the NT-based digest instead.
		pk, err := StartKeyV1(V1KeyPppd, tc.l, hh, chal, nil)
		if err != nil {
			t.Fatal(err)
		}
		eqHex(t, "pppd start key", pk.Bytes(), want.StartKey128[:16])
	}
}

func runHeader(t *testing.T, c vectorCase) {
	var in struct {
		Hex string `json:"hex"`
	}
	var want struct {
		A      int    `json:"A_flushed"`
		B      int    `json:"B"`
		C      int    `json:"C"`
		D      int    `json:"D_encrypted"`
		CCount uint16 `json:"ccount"`
	}
	decodeJSON(t, c.Input, &in)
	decodeJSON(t, c.Expected, &want)
	h, err := ParseHeader(unhex(t, in.Hex))
	if err != nil {
		t.Fatal(err)
	}
	b := func(v bool) int {
		if v {
			return 1
		}
		return 0
	}
	got := [5]int{b(h.Flushed()), b(h.Restart()), b(h.Compressed()), b(h.Encrypted()), int(h.Count())}
	if exp := [5]int{want.A, want.B, want.C, want.D, int(want.CCount)}; got != exp {
		t.Errorf("ParseHeader(%s) A,B,C,D,count = %v, want %v", in.Hex, got, exp)
	}
	if n := NewHeader(h.Flushed(), h.Encrypted(), h.Count()) | h&(BitRestart|BitCompressed); n != h {
		t.Errorf("NewHeader round trip = %04X, want %04X", uint16(n), uint16(h))
	}
}
