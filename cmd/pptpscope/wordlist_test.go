package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWordlistDecrypts: analyze and decrypt with --wordlist instead of a
// password crack each MS-CHAP authentication when it is seen and decrypt
// the session with what they found, in the same run: every encrypted frame
// of the bundled captures whose password is in the list (among 100,000
// others); a list without it decrypts nothing and says why.
func TestWordlistDecrypts(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 100000 {
		fmt.Fprintf(&b, "candidate%06d\n", i)
	}
	without := filepath.Join(dir, "without.txt")
	os.WriteFile(without, []byte(b.String()), 0o600)
	b.WriteString("vpnuser123\nsyberos\nbPCFyF2uL1p5Lg5yrKmqmY\n")
	with := filepath.Join(dir, "with.txt")
	os.WriteFile(with, []byte(b.String()), 0o600)
	for _, tc := range []struct {
		pcap      string
		decrypted int // encrypted frames of the session with the authentication (MANIFEST)
	}{
		{"pppd__mschapv2-mppe128.pcap", 28},
		{"pppd__mschapv1-mppe128.pcap", 29},
		{"pptpcrack__test.pcap", 689},
	} {
		t.Run(tc.pcap, func(t *testing.T) {
			in := filepath.Join("..", "..", "testdata", "pcaps", tc.pcap)
			var doc struct {
				Sessions []struct {
					Decryption *struct {
						Status  string `json:"status"`
						Cracked bool   `json:"cracked"`
						C2S     struct {
							Decrypted int `json:"decrypted"`
						} `json:"client_to_server"`
						S2C struct {
							Decrypted int `json:"decrypted"`
						} `json:"server_to_client"`
					} `json:"decryption"`
				} `json:"sessions"`
			}
			out := runOK(t, "analyze", "--format", "json", "--wordlist", with, in)
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			got := 0
			for _, s := range doc.Sessions {
				if d := s.Decryption; d != nil && d.Status == "decrypted" {
					if !d.Cracked {
						t.Error("decrypted without saying the password was cracked")
					}
					got += d.C2S.Decrypted + d.S2C.Decrypted
				}
			}
			if got != tc.decrypted {
				t.Errorf("%d frames decrypted with --wordlist, want %d\n%s", got, tc.decrypted, out)
			}
			w := filepath.Join(dir, tc.pcap+".inner.pcap")
			code, stdout, stderr := runCapture(t, nil, "decrypt", "--wordlist", with, in, "-w", w)
			if code != exitOK || !strings.Contains(stdout, fmt.Sprintf("wrote %d decrypted packets", tc.decrypted)) {
				t.Errorf("decrypt --wordlist: exit %d, %q %q", code, stdout, stderr)
			}
			code, stdout, _ = runCapture(t, nil, "analyze", "--wordlist", without, in)
			if code != exitOK || !strings.Contains(stdout, "not decrypted: no password given for user") {
				t.Errorf("a list without the password: exit %d\n%s", code, stdout)
			}
		})
	}
	if code, _, stderr := runCapture(t, nil, "analyze", "--wordlist", "-", filepath.Join("..", "..", "testdata", "pcaps", "pppd__mschapv2-mppe128.pcap")); code != exitUsage || !strings.Contains(stderr, "as a file") {
		t.Errorf("--wordlist -: exit %d, %q", code, stderr)
	}
}
