package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current output")

// pcaps lists the bundled real captures.
func pcaps(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"*.pcap", "*.pcapng", "*.cap"} {
		m, err := filepath.Glob(filepath.Join("../../testdata/pcaps", pat))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) < 20 {
		t.Fatalf("expected the 23 bundled captures, found %d", len(out))
	}
	return out
}

// golden compares got with testdata/golden/<name>, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("../../testdata/golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test ./cmd/pptpscope -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(review, then go test ./cmd/pptpscope -run Golden -update)", name, i+1, g, w)
			}
		}
	}
}

func runOK(t *testing.T, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("pptpscope %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.Bytes()
}

// TestGoldenPackets: `packets --all --format json` and the 80-column table of
// every bundled capture, against reviewed output. Message names and key
// fields in these files are cross-checked with tshark by TestTsharkCrosscheck.
func TestGoldenPackets(t *testing.T) {
	for _, p := range pcaps(t) {
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			golden(t, "packets/"+name+".jsonl", runOK(t, "packets", "--all", "--format", "json", p))
			golden(t, "packets/"+name+".txt", runOK(t, "packets", "--width", "80", p))
		})
	}
}

// TestGoldenAnalyze: `analyze -v` (80 columns, no colour) and `analyze
// --format json` of every bundled capture, against reviewed output. The
// negotiated values and findings are checked against the pppd logs and
// tshark in the session package's tests.
func TestGoldenAnalyze(t *testing.T) {
	for _, p := range pcaps(t) {
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			golden(t, "analyze/"+name+".txt", runOK(t, "analyze", "-v", "--width", "80", "--color", "never", p))
			golden(t, "analyze/"+name+".json", runOK(t, "analyze", "--format", "json", p))
		})
	}
}
