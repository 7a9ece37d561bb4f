package crack

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/crack/candidates"
	"github.com/pptpscope/pptpscope/mppe"
)

// The bundled captures with known passwords (testdata/credentials).
var known = []struct{ file, user, password string }{
	{"pptpcrack__test.pcap", "vpnuser", "vpnuser123"},
	{"chapcrack__pptp.cap", "moxie", "bPCFyF2uL1p5Lg5yrKmqmY"},
	{"PPTP_VPN_Sniffer__connect.pcapng", "jm", "123"},
	{"pppd__mschapv2-mppe128.pcap", "student", "syberos"},
	{"pppd__mschapv2-mppe40.pcap", "student", "syberos"},
	{"pppd__mschapv1-mppe128.pcap", "student", "syberos"},
	{"pppd__chap-md5-noenc.pcap", "student", "syberos"},
	{"pppd__eap-md5.pcap", "student", "syberos"},
	{"pppd__pap-noenc.pcap", "student", "syberos"},
	{"pppd__gre-loss.pcap", "student", "syberos"},
	{"packetlife__PPTP_negotiation.cap", "ixia", "ixia"},
}

// words is a word list of n generated words with the given ones inserted.
func words(n int, insert ...string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "w%07dx\n", i)
		if i == n/2 {
			for _, s := range insert {
				b.WriteString(s + "\n")
			}
		}
	}
	return b.String()
}

func attack(t testing.TB, auths []Auth, list string, opts Options) Outcome {
	t.Helper()
	w, err := candidates.NewWordlist("list", strings.NewReader(list))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Attack(context.Background(), auths, candidates.NewStraight(w, nil), opts)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The third DES key recovered from each captured MS-CHAP response is the
// last two octets of the NT hash of the known password.
func TestThirdKeyIsEndOfNTHash(t *testing.T) {
	for _, k := range known {
		for _, a := range collectFile(t, k.file).Auths {
			if !a.MSCHAP() {
				continue
			}
			h := mppe.NtPasswordHash(k.password)
			keys := ThirdKeys(ChallengeOf(&a), a.NTResponse)
			if len(keys) != 1 || keys[0] != uint16(h[14])<<8|uint16(h[15]) {
				t.Errorf("%s: third keys %04x, NT hash ends %x", k.file, keys, h[14:])
			}
		}
	}
}

func TestAttackFindsEveryKnownPassword(t *testing.T) {
	var all []Auth
	var pws []string
	for _, k := range known {
		all = append(all, collectFile(t, k.file).Auths...)
		pws = append(pws, k.password)
	}
	list := words(20000, pws...)
	out := attack(t, all, list, Options{BatchSize: 997})
	for i, r := range out.Results {
		a := r.Auth
		want := ""
		for _, k := range known {
			if k.user == a.User {
				want = k.password
			}
		}
		if !r.Found || string(r.Password) != want || r.LMOnly {
			t.Errorf("auth %d (%s %s): found %v %q, want %q", i, a.Method, a.User, r.Found, r.Password, want)
		}
		if a.Method != PAP && (r.Candidate < 10002 || r.Candidate > 10002+int64(len(pws))) {
			t.Errorf("auth %d: candidate %d", i, r.Candidate)
		}
	}
	if out.Interrupted || out.Done < 10002 {
		t.Errorf("done %d, interrupted %v", out.Done, out.Interrupted)
	}
}

func TestAttackWrongPasswordNotFound(t *testing.T) {
	auths := collectFile(t, "pppd__mschapv2-wrong-password.pcap").Auths
	out := attack(t, auths, words(5000, "syberos", "Syberos"), Options{})
	if out.Results[0].Found || out.Done != 5002 || out.Interrupted {
		t.Fatalf("%+v", out)
	}
	// The client typed "wrongpass" (MANIFEST.md): that is what is found.
	out = attack(t, auths, words(50, "wrongpass"), Options{})
	if !out.Results[0].Found || string(out.Results[0].Password) != "wrongpass" {
		t.Fatalf("%+v", out.Results[0])
	}
}

func TestAttackResumeAndCancel(t *testing.T) {
	auths := collectFile(t, "pppd__mschapv2-mppe128.pcap").Auths
	list := words(3000, "syberos")
	out := attack(t, auths, list, Options{Skip: 1500, BatchSize: 100})
	if !out.Results[0].Found || out.Results[0].Candidate != 1502 {
		t.Fatalf("resumed: %+v", out.Results[0])
	}
	out = attack(t, auths, list, Options{Skip: 1502})
	if out.Results[0].Found || out.Done != 3001 {
		t.Fatalf("skipped past: found %v done %d", out.Results[0].Found, out.Done)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w, _ := candidates.NewWordlist("list", strings.NewReader(list))
	o, err := Attack(ctx, auths, candidates.NewStraight(w, nil), Options{})
	if err != nil || !o.Interrupted || o.Done != 0 {
		t.Fatalf("cancelled: %+v %v", o, err)
	}
}

// Latin-1: a password that is not UTF-8 in the word list is hashed as
// Latin-1 (é = e9), which equals the UTF-8 "é" password's hash.
func TestLatin1Candidates(t *testing.T) {
	a := Auth{Method: MSCHAPv1, Challenge: []byte("8octets!")}
	h := mppe.NtPasswordHash("café")
	r := mppe.ChallengeResponse([8]byte([]byte("8octets!")), h)
	a.NTResponse = r[:]
	a.LMResponse = make([]byte, 24)
	out := attack(t, []Auth{a}, "cafe\ncaf\xe9\n", Options{})
	if res := out.Results[0]; !res.Found || !res.Latin1 || string(res.Password) != "caf\xe9" || out.NotUTF8 != 1 {
		t.Fatalf("%+v notUTF8 %d", res, out.NotUTF8)
	}
}

// An MS-CHAPv1 LM response (Windows clients of old sent one) is cracked
// too; the LM hash ignores case.
func TestLMResponse(t *testing.T) {
	ch := [8]byte([]byte("\x01\x02\x03\x04\x05\x06\x07\x08"))
	lh, _ := mppe.LmPasswordHash("Secret1")
	lm := mppe.ChallengeResponse(ch, lh)
	nt := mppe.ChallengeResponse(ch, mppe.NtPasswordHash("Secret1"))
	a := Auth{Method: MSCHAPv1, Challenge: ch[:], NTResponse: nt[:], LMResponse: lm[:]}
	out := attack(t, []Auth{a}, "SECRET1\nx\n", Options{})
	if r := out.Results[0]; !r.Found || !r.LMOnly || string(r.Password) != "SECRET1" {
		t.Fatalf("%+v", r)
	}
	out = attack(t, []Auth{a}, "SECRET1\nSecret1\n", Options{})
	if r := out.Results[0]; !r.Found || r.LMOnly || string(r.Password) != "Secret1" {
		t.Fatalf("%+v", r)
	}
}

// A response whose third block matches no two-octet key was not made from
// an NT hash: reported as such, and nothing is tried against it.
func TestUncrackableResponse(t *testing.T) {
	a := rfc2759
	a.NTResponse = append([]byte(nil), a.NTResponse...)
	a.NTResponse[23] ^= 1 // RFC 2759's response with one bit of the third block flipped
	if keys := ThirdKeys(ChallengeOf(&a), a.NTResponse); len(keys) != 0 {
		t.Fatalf("the flipped block matches key %04x", keys)
	}
	out := attack(t, []Auth{a}, "clientPass\n", Options{})
	if r := out.Results[0]; !r.Uncrackable || r.Found || out.Done != 0 {
		t.Fatalf("%+v done %d", r, out.Done)
	}
}
