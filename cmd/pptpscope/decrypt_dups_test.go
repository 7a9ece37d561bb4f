package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestDecryptCountsDistinctPackets: a GRE packet captured twice (an 802.11
// retransmission, here simulate's duplicate fault) is one packet, decrypted
// once. decrypt's summary and analyze's decryption block count the distinct
// packets, all decrypted, and say how many duplicates there were, in English
// and Chinese.
func TestDecryptCountsDistinctPackets(t *testing.T) {
	file := filepath.Join(t.TempDir(), "dup.pcap")
	simGenerate(t, file, "--fault", "duplicate=4", "--traffic", "bulk=100k")
	code, out, stderr := runCapture(t, nil, "analyze", "--format", "json", "--password-file", simPasswordFile, file)
	if code != exitOK {
		t.Fatalf("analyze: exit %d: %s", code, stderr)
	}
	var doc struct {
		Sessions []struct {
			Dec map[string]json.RawMessage `json:"decryption"`
		} `json:"sessions"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Sessions) != 1 {
		t.Fatalf("analyze JSON: %v, %d sessions", err, len(doc.Sessions))
	}
	type dir struct{ Encrypted, Decrypted, Duplicates int }
	var c, s dir
	for key, d := range map[string]*dir{"client_to_server": &c, "server_to_client": &s} {
		if err := json.Unmarshal(doc.Sessions[0].Dec[key], d); err != nil {
			t.Fatalf("decryption.%s: %v", key, err)
		}
	}
	dups := c.Duplicates + s.Duplicates
	if dups == 0 {
		t.Fatalf("no duplicate MPPE frame in the generated capture: %+v %+v", c, s)
	}
	// Every distinct packet is decrypted; the JSON keeps the raw frame count.
	if c.Decrypted != c.Encrypted-c.Duplicates || s.Decrypted != s.Encrypted-s.Duplicates {
		t.Fatalf("not every distinct packet decrypted: %+v %+v", c, s)
	}
	n := c.Decrypted + s.Decrypted
	for _, tc := range []struct{ lang, line, encRow, dupRow string }{
		{"en",
			fmt.Sprintf("%d of %d encrypted frames decrypted (%d of %d client→server, %d of %d server→client); %d duplicate frames (copies of packets counted above) left out",
				n, n, c.Decrypted, c.Decrypted, s.Decrypted, s.Decrypted, dups),
			"encrypted (distinct)", "duplicate copies"},
		{"zh",
			fmt.Sprintf("%d 个加密帧中已解密 %d 个（客户端→服务器 %d 个中 %d 个，服务器→客户端 %d 个中 %d 个）；另有 %d 个重复帧（上面已计入的包的副本）未计入",
				n, n, c.Decrypted, c.Decrypted, s.Decrypted, s.Decrypted, dups),
			"加密（不同的包）", "重复副本（未计入）"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			code, out, stderr := runCapture(t, nil, "decrypt", "--lang", tc.lang, "--password-file", simPasswordFile, file,
				"-w", filepath.Join(t.TempDir(), "inner.pcap"))
			if code != exitOK {
				t.Fatalf("decrypt: exit %d: %s", code, stderr)
			}
			// The summary is wrapped at 80 columns: compare without the
			// line breaks and indentation.
			if got := strings.Join(strings.Fields(out), ""); !strings.Contains(got, strings.Join(strings.Fields(tc.line), "")) {
				t.Errorf("decrypt summary:\n%s\nwant: %s", out, tc.line)
			}
			code, out, stderr = runCapture(t, nil, "analyze", "--lang", tc.lang, "--width", "100", "--password-file", simPasswordFile, file)
			if code != exitOK {
				t.Fatalf("analyze: exit %d: %s", code, stderr)
			}
			rows := map[string][2]int{tc.encRow: {c.Decrypted, s.Decrypted}, tc.dupRow: {c.Duplicates, s.Duplicates}}
			for label, want := range rows {
				found := false
				for _, l := range strings.Split(out, "\n") {
					var a, b int
					if rest, ok := strings.CutPrefix(strings.TrimSpace(l), label); ok {
						if _, err := fmt.Sscan(rest, &a, &b); err == nil {
							found = true
							if a != want[0] || b != want[1] {
								t.Errorf("row %q: %d %d, want %d %d", label, a, b, want[0], want[1])
							}
						}
					}
				}
				if !found {
					t.Errorf("no row %q in the decryption block:\n%s", label, out)
				}
			}
		})
	}
}
