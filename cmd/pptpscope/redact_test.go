package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// secretsOf collects what --redact must hide in a capture, from its
// unredacted packet list: the user names (PAP peer-id, CHAP and EAP
// Response names, EAP identities), challenges, responses, authenticator
// responses and passwords of its authentication messages.
func secretsOf(t *testing.T, capture string) (names, hexes []string) {
	t.Helper()
	out := string(runOK(t, "packets", "--all", "--format", "json", capture))
	seen := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var r struct {
			Proto  string
			Fields map[string]any
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		if r.Proto != "PAP" && r.Proto != "CHAP" && r.Proto != "EAP" {
			continue
		}
		code, _ := r.Fields["code"].(float64)
		for k, v := range r.Fields {
			s, ok := v.(string)
			if !ok || s == "" || seen[s] {
				continue
			}
			switch k {
			case "peer_id", "password":
				names = append(names, s)
			case "identity", "name":
				if code == 2 {
					names = append(names, s)
				}
			case "value", "peer_challenge", "challenge", "nt_response", "lm_response", "response", "authenticator_response":
				if strings.Trim(s, "0") != "" && len(s) >= 8 {
					hexes = append(hexes, s)
				}
			default:
				continue
			}
			seen[s] = true
		}
	}
	return names, hexes
}

// leaks lists the secrets found in out: names as whole words, hex values
// in lower or upper case and as spaced octets (as a hex dump shows them).
func leaks(out string, names, hexes []string) []string {
	var found []string
	for _, n := range names {
		if regexp.MustCompile(`(^|[^\pL\pN_])` + regexp.QuoteMeta(n) + `($|[^\pL\pN_])`).MatchString(out) {
			found = append(found, n)
		}
	}
	for _, h := range hexes {
		// 8 digits from the first octet that is not zero (an MS-CHAPv1
		// value starts with an unused LM-Response of zeros).
		i := (len(h) - len(strings.TrimLeft(h, "0"))) &^ 1
		part := h[min(i, len(h)-8):][:8]
		spaced := strings.TrimSpace(regexp.MustCompile(`(..)`).ReplaceAllString(part, "$1 "))
		for _, form := range []string{strings.ToLower(h), strings.ToUpper(h), strings.ToLower(part), strings.ToUpper(part), spaced, strings.ToUpper(spaced)} {
			if strings.Contains(out, form) {
				found = append(found, form)
			}
		}
	}
	return found
}

// redactOutputs are every output the user can redact.
var redactOutputs = [][]string{
	{"analyze", "-v", "--color", "never"},
	{"analyze", "--format", "json"},
	{"analyze", "--format", "csv"},
	{"packets", "--all", "--width", "100"},
	{"packets", "--all", "--format", "json"},
	{"packets", "--all", "--format", "csv"},
	{"diagram", "--data"},
	{"diagram", "--format", "mermaid"},
	{"diagram", "--format", "plantuml"},
	{"diagram", "--format", "svg", "--data"},
	{"diagram", "--format", "html"},
	{"report"},
}

// TestRedact runs every output with --redact (and credentials, so that
// decrypted traffic is in it) on each bundled capture with an
// authentication and checks that no user name, password, challenge or
// response appears, while the same output without --redact shows them (so
// the check can fail). Passwords shorter than 5 characters ("123") are
// left out of the check: they are everywhere as numbers.
func TestRedact(t *testing.T) {
	passwords := []string{"syberos", "vpnuser123", "bPCFyF2uL1p5Lg5yrKmqmY", "wrongpass"}
	checked := 0
	for _, p := range pcaps(t) {
		names, hexes := secretsOf(t, p)
		if len(hexes) == 0 && len(names) == 0 {
			continue
		}
		checked++
		var long []string
		for _, n := range names {
			if len(n) >= 2 && !strings.EqualFold(n, "Name") {
				long = append(long, n)
			}
		}
		t.Run(filepath.Base(p), func(t *testing.T) {
			secrets := append(append([]string(nil), long...), passwords...)
			shown := false
			for _, args := range redactOutputs {
				args = append(append([]string(nil), args...), "--credentials", credDir+"users.txt", p)
				plain := string(runOK(t, args...))
				shown = shown || len(leaks(plain, secrets, hexes)) > 0
				red := string(runOK(t, append(args, "--redact")...))
				if found := leaks(red, secrets, hexes); len(found) > 0 {
					t.Errorf("%v --redact shows %q", args, found)
				}
			}
			if !shown {
				t.Errorf("no output shows any of %q %q without --redact: the check checks nothing", long, hexes)
			}
		})
	}
	if checked < 10 {
		t.Errorf("only %d captures with an authentication", checked)
	}
}

// TestRedactAddresses: --redact-addresses leaves no address of the capture
// (outer, tunnel, inner) in any output, and maps each to the same stand-in
// everywhere.
func TestRedactAddresses(t *testing.T) {
	p := pcapDir + "pppd__mschapv2-mppe128.pcap"
	addrs := []string{"10.0.0.1", "10.0.0.2", "172.16.77.1", "172.16.77.10", "fe80::7026:1715:4ff5:7508"}
	for _, args := range redactOutputs {
		args = append(append([]string(nil), args...), "--credentials", credDir+"users.txt", p)
		plain := string(runOK(t, args...))
		red := string(runOK(t, append(args, "--redact-addresses")...))
		for _, a := range addrs[:2] {
			if !strings.Contains(plain, a) {
				t.Errorf("%v does not show %s without --redact-addresses", args, a)
			}
		}
		for _, a := range addrs {
			if regexp.MustCompile(`(^|[^0-9.:a-f])` + regexp.QuoteMeta(a) + `($|[^0-9:a-f])`).MatchString(red) {
				t.Errorf("%v --redact-addresses shows %s", args, a)
			}
		}
		if args[0] != "report" && !strings.Contains(red, "192.0.2.") {
			t.Errorf("%v --redact-addresses: no stand-in address", args)
		}
	}
	code, _, stderr := runCapture(t, nil, "packets", "-x", "--redact", p)
	if code != exitUsage {
		t.Errorf("-x --redact: exit %d (%s)", code, stderr)
	}
	out := string(runOK(t, "analyze", "--format", "json", "--redact-addresses", p))
	var doc struct {
		Sessions []struct {
			Client, Server string
			User           string
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if s := doc.Sessions[0]; s.Client != "192.0.2.1" || s.Server != "192.0.2.2" || s.User != "user-1" {
		t.Errorf("session %+v, want the client 192.0.2.1 (first seen), server 192.0.2.2, user user-1", s)
	}

}
