package mppe

import (
	"errors"
	"strings"
	"testing"
)

// TestExplainV2 checks every step of the teaching derivation against the
// RFC 2759 §9.2 and RFC 3079 §3.5 sample values (vectors
// mschapv2-rfc2759-9.2, mppe-rfc3079-3.5.x, mppe-asym-start-keys-all-directions),
// for 128, 56 and 40 bits.
func TestExplainV2(t *testing.T) {
	ex := ExchangeV2{
		UserName:      "User",
		AuthChallenge: hx("5B5D7C7D7B3F2F3E3C2C602132262628"),
		PeerChallenge: hx("21402324255E262A28295F2B3A337C7E"),
		NTResponse:    hx("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF"),
		Authenticator: "S=407A5589115FD0D6209F510FE9C04566932CDA56",
	}
	common := map[string]string{
		"PasswordHash":          "44EBBA8D5312B8D611474411F56989AE",
		"PasswordHashHash":      "41C00C584BD2D91C4017A2A12FA59F3F",
		"ChallengeHash":         "D02E4386BCE91226",
		"NT-Response":           "82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF",
		"AuthenticatorResponse": "407A5589115FD0D6209F510FE9C04566932CDA56",
		"MasterKey":             "FDECE3717A8C838CB388E527AE3CDD31",
	}
	for _, tc := range []struct {
		bits KeyLength
		want map[string]string
	}{
		{Key128, map[string]string{
			"StartKey server→client":          "8B7CDC149B993A1BA118CB153F56DCCB",
			"StartKey client→server":          "D5F0E9521E3EA9589645E86051C82226",
			"InitialSessionKey server→client": "405CB2247A7956E6E211007AE27B22D4", // RFC 3079 §3.5.3 SendSessionKey
		}},
		{Key56, map[string]string{
			"StartKey server→client":          "8B7CDC149B993A1B",
			"InitialSessionKey server→client": "D15C00C49FA62E3E",
		}},
		{Key40, map[string]string{
			"StartKey server→client":          "8B7CDC149B993A1B",
			"InitialSessionKey server→client": "D1269EC49FA62E3E",
		}},
	} {
		d, err := ExplainV2(ex, Credential{Password: "clientPass"}, tc.bits, Stateless)
		if err != nil {
			t.Fatal(err)
		}
		for name, want := range merge(common, tc.want) {
			s, ok := byName(d, name)
			if !ok {
				t.Errorf("%d bits: no step %q", tc.bits, name)
				continue
			}
			eqHex(t, name, s.Value, want)
			if s.Ref == "" || s.Formula == "" {
				t.Errorf("step %q without formula or reference", name)
			}
		}
		for _, name := range []string{"NT-Response", "AuthenticatorResponse"} {
			if s, _ := byName(d, name); s.Check != Match {
				t.Errorf("%s check %v, want match", name, s.Check)
			}
		}
		// The first stateless packet key is the first rekey of the initial key.
		init, _ := d.Step("InitialSessionKey", DirC2S)
		first, _ := d.Step("FirstPacketKey", DirC2S)
		start, _ := d.Step("StartKey", DirC2S)
		sk, _ := NewKey(start.Value, tc.bits)
		ik, _ := NewKey(init.Value, tc.bits)
		if got := Rekey(sk, ik); string(got.Bytes()) != string(first.Value) {
			t.Errorf("%d bits: first packet key %X, want %X", tc.bits, first.Value, got.Bytes())
		}
	}
	// Stateful: no per-packet key step.
	d, err := ExplainV2(ex, Credential{Password: "clientPass"}, Key128, Stateful)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := d.Step("FirstPacketKey", DirC2S); ok {
		t.Error("stateful derivation lists a first-packet rekey")
	}
	// A wrong password is reported per step.
	d, err = ExplainV2(ex, Credential{Password: "wrong"}, Key128, Stateless)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := d.Step("NT-Response", DirNone); s.Check != Mismatch {
		t.Errorf("wrong password: NT-Response check %v", s.Check)
	}
	// The NT hash gives the same keys.
	dh, err := ExplainV2(ex, Credential{NTHash: hx("44EBBA8D5312B8D611474411F56989AE")}, Key128, Stateless)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := dh.Step("PasswordHash", DirNone); len(s.Notes) != 1 || s.Notes[0] != NoteGivenNTHash {
		t.Errorf("NT hash step notes %q", s.Notes)
	}
	if s, _ := dh.Step("MasterKey", DirNone); string(s.Value) != string(hx("FDECE3717A8C838CB388E527AE3CDD31")) {
		t.Errorf("master key from NT hash %X", s.Value)
	}
	if _, err := ExplainV2(ExchangeV2{}, Credential{Password: "x"}, Key128, Stateless); !errors.Is(err, ErrBadLength) {
		t.Errorf("empty exchange: %v", err)
	}
}

// TestExplainV1 checks the MS-CHAPv1 derivation against RFC 3079 §2.5
// (vector mppe-rfc3079-2.5-mschapv1) for 128 bits, and the LM-hash start
// key for 40 bits.
func TestExplainV1(t *testing.T) {
	challenge := hx("102DB5DF085D3041")
	ntr := NTResponseV1([8]byte(challenge), NtPasswordHash("clientPass"))
	ex := ExchangeV1{Challenge: challenge, NTResponse: ntr[:]}
	d, err := ExplainV1(ex, Credential{Password: "clientPass"}, Key128, Stateless, V1KeyRFC3079)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"PasswordHash":                        "44EBBA8D5312B8D611474411F56989AE",
		"PasswordHashHash":                    "41C00C584BD2D91C4017A2A12FA59F3F",
		"StartKey (both directions)":          "A8947850CFC0ACC1D1789FB62DDCDDB0",
		"InitialSessionKey (both directions)": "59D159BC09F76F1DA2A86A28FFEC0B1E",
	} {
		s, ok := byName(d, name)
		if !ok {
			t.Fatalf("no step %q", name)
		}
		eqHex(t, name, s.Value, want)
	}
	d, err = ExplainV1(ex, Credential{Password: "clientPass"}, Key40, Stateless, V1KeyRFC3079)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := d.Step("LmPasswordHash", DirNone)
	eqHex(t, "LM hash", s.Value, "76A152936096D7830E2390227404AFD2")
	s, _ = d.Step("InitialSessionKey", DirBoth)
	eqHex(t, "40-bit session key", s.Value, "D1269E538CEC4A08")
	if _, err := ExplainV1(ex, Credential{NTHash: hx("44EBBA8D5312B8D611474411F56989AE")}, Key40, Stateless, V1KeyRFC3079); !errors.Is(err, ErrNeedLMHash) {
		t.Errorf("40-bit RFC key from an NT hash: %v, want ErrNeedLMHash", err)
	}
}

func merge(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// byName finds a step by the name the tables above use: the quantity, then
// the direction as the RFC vectors write it.
func byName(d *Derivation, name string) (Step, bool) {
	for suffix, dir := range map[string]StepDir{" client→server": DirC2S, " server→client": DirS2C, " (both directions)": DirBoth} {
		if q, ok := strings.CutSuffix(name, suffix); ok {
			return d.Step(q, dir)
		}
	}
	return d.Step(name, DirNone)
}
