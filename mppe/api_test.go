package mppe

import (
	"errors"
	"testing"
)

// TestInputErrors: malformed input gives the documented sentinel, never a
// panic or a silent result.
func TestInputErrors(t *testing.T) {
	good := captureExchanges[0].ex
	withV2 := func(f func(*ExchangeV2)) ExchangeV2 { e := good; f(&e); return e }
	for _, tc := range []struct {
		name string
		err  func() error
		want error
	}{
		{"v2 short challenge", func() error {
			_, err := withV2(func(e *ExchangeV2) { e.AuthChallenge = e.AuthChallenge[:8] }).Verify(Credential{})
			return err
		}, ErrBadLength},
		{"v2 short peer challenge", func() error {
			_, err := withV2(func(e *ExchangeV2) { e.PeerChallenge = nil }).Verify(Credential{})
			return err
		}, ErrBadLength},
		{"v2 long NT-Response", func() error {
			_, err := withV2(func(e *ExchangeV2) { e.NTResponse = make([]byte, 25) }).Verify(Credential{})
			return err
		}, ErrBadLength},
		{"v2 bad S=", func() error {
			_, err := withV2(func(e *ExchangeV2) { e.Authenticator = "S=12" }).Verify(Credential{})
			return err
		}, ErrBadAuthenticator},
		{"v2 S= not hex", func() error {
			_, err := withV2(func(e *ExchangeV2) { e.Authenticator = "S=" + string(make([]byte, 40)) }).Verify(Credential{})
			return err
		}, ErrBadAuthenticator},
		{"v2 S= glued text", func() error {
			_, err := ParseAuthenticator("S=54644F81E5F18C0EE9E26776495D6BC7ADDFB767M=x")
			return err
		}, ErrBadAuthenticator},
		{"v2 short NT hash", func() error {
			_, err := good.Verify(Credential{NTHash: make([]byte, 15)})
			return err
		}, ErrBadLength},
		{"v1 short challenge", func() error {
			_, err := ExchangeV1{Challenge: make([]byte, 7), NTResponse: make([]byte, 24)}.Verify(Credential{})
			return err
		}, ErrBadLength},
		{"v1 short NT-Response", func() error {
			_, err := ExchangeV1{Challenge: make([]byte, 8), NTResponse: make([]byte, 23)}.Verify(Credential{})
			return err
		}, ErrBadLength},
		{"v1 bad NT hash", func() error {
			_, err := ExchangeV1{Challenge: make([]byte, 8), NTResponse: make([]byte, 24)}.Verify(Credential{NTHash: []byte{1}})
			return err
		}, ErrBadLength},
		{"response value not 49", func() error { _, _, err := ParseResponseV2(make([]byte, 48)); return err }, ErrBadLength},
		{"header short", func() error { _, err := ParseHeader([]byte{0x90}); return err }, ErrBadLength},
		{"key length 64", func() error { _, err := NewKey(rfcStart, 64); return err }, ErrBadKeyLength},
		{"parse key wrong size", func() error { _, err := ParseKey("0102", Key40); return err }, ErrBadLength},
		{"parse key not hex", func() error { _, err := ParseKey("zz", Key40); return err }, ErrBadLength},
		{"start keys bad length", func() error { _, _, err := StartKeysV2([16]byte{}, [24]byte{}, 0); return err }, ErrBadKeyLength},
		{"asymmetric bad direction", func() error { _, err := AsymmetricStartKey([16]byte{}, Key128, 9); return err }, ErrBadDirection},
		{"v1 key bad length", func() error { _, err := StartKeyV1(V1KeyPppd, 1, [16]byte{}, [8]byte{}, nil); return err }, ErrBadKeyLength},
		{"v1 key short LM hash", func() error { _, err := StartKeyV1(V1KeyRFC3079, Key40, [16]byte{}, [8]byte{}, []byte{1}); return err }, ErrBadLength},
		{"LM hash of non-ASCII", func() error { _, err := LmPasswordHash("pässword"); return err }, ErrLMPassword},
	} {
		if err := tc.err(); !errors.Is(err, tc.want) {
			t.Errorf("%s: err %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestParseResponseV2(t *testing.T) {
	// chapcrack frame 2 Response value.
	v := hx("abfe01e6c759850155b4d8d6258cdb6700000000000000001c93abce815400686baeca315f348469256420598a73ad4900")
	peer, ntr, err := ParseResponseV2(v)
	if err != nil || hexUpper(peer) != "ABFE01E6C759850155B4D8D6258CDB67" || hexUpper(ntr) != "1C93ABCE815400686BAECA315F348469256420598A73AD49" {
		t.Errorf("ParseResponseV2 = %X, %X, %v", peer, ntr, err)
	}
}

func TestKeyHelpers(t *testing.T) {
	k, err := ParseKey("965C00C4 9FA62E3E", Key56)
	if err != nil || k.Len() != Key56 || k.String() != "965C00C49FA62E3E" {
		t.Fatalf("ParseKey = %v (%d), %v", k, k.Len(), err)
	}
	for l, want := range map[KeyLength]string{Key40: "D1269EC49FA62E3E", Key56: "D15C00C49FA62E3E"} {
		k, _ := ParseKey("965C00C49FA62E3E", l)
		if got := Reduce(k).String(); got != want {
			t.Errorf("Reduce %d-bit = %s, want %s (RFC 3079 §3.5.1/§3.5.2)", l, got, want)
		}
	}
	k128, _ := NewKey(rfcStart, Key128)
	if Reduce(k128) != k128 {
		t.Error("Reduce changed a 128-bit key")
	}
	// LM hash: case-insensitive, truncated at 14 characters.
	a, _ := LmPasswordHash("clientPass")
	b, _ := LmPasswordHash("CLIENTPASS")
	c, _ := LmPasswordHash("abcdefghijklmnXYZ")
	d, _ := LmPasswordHash("ABCDEFGHIJKLMN")
	if a != b || c != d {
		t.Error("LM hash not case-insensitive or not truncated at 14")
	}
	if KeyLength(64).Octets() != 0 || Direction(5).String() != "Direction(5)" || ClientToServer.String() != "client->server" ||
		Stateful.String() != "stateful" || NotChecked.String() != "not checked" {
		t.Error("String/Octets helpers")
	}
	if d, _ := NewDecryptor(rfcStart, Key128, Stateful); d.Mode() != Stateful || d.Count() != 0xFFF {
		t.Error("Decryptor accessors")
	}
}
