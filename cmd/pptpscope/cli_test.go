package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCapture(t *testing.T, stdin []byte, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, bytes.NewReader(stdin), &o, &e)
	return code, o.String(), e.String()
}

// TestBadInput: each kind of bad input gets its documented exit code and
// exactly one line on standard error.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	real, err := os.ReadFile("../../testdata/pcaps/pppd__mschapv2-mppe128.pcap")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	corrupt := append([]byte(nil), real[:24+16]...)
	corrupt[24+8], corrupt[24+9], corrupt[24+10], corrupt[24+11] = 0xff, 0xff, 0xff, 0x7f // hostile caplen
	unreadable := filepath.Join(dir, "a-directory")
	if err := os.Mkdir(unreadable, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []exitCase{
		{"text file", []string{"packets", write("notes.txt", []byte("hello, this is not a capture\n"))}, exitNotCapture, "not a pcap or pcapng file"},
		{"empty file", []string{"packets", write("empty.pcap", nil)}, exitNotCapture, "empty"},
		{"missing file", []string{"packets", filepath.Join(dir, "nope.pcap")}, exitUnreadable, "no such file"},
		{"directory without captures", []string{"packets", unreadable}, exitNotCapture, "a-directory: not a pcap or pcapng file: no pcap or pcapng file in the directory"},
		{"cut short", []string{"packets", write("cut.pcap", real[:1000])}, exitTruncated, "after frame 9"},
		{"hostile record length", []string{"packets", write("corrupt.pcap", corrupt)}, exitTruncated, "corrupt"},
		{"unknown format", []string{"packets", "--format", "xml", write("ok.pcap", real)}, exitUsage, "--format"},
		{"two captures, one missing", []string{"packets", write("ok2.pcap", real), filepath.Join(dir, "b.pcap")}, exitUnreadable, "b.pcap: no such file"},
		{"stdin among captures", []string{"packets", "-", write("ok3.pcap", real)}, exitUsage, "standard input (-) can only be the one capture"},
		{"no capture", []string{"packets"}, exitUsage, "no capture given"},
		{"-r and argument", []string{"packets", "-r", "a.pcap", "b.pcap"}, exitUsage, "not both"},
		{"unknown flag", []string{"packets", "--bogus"}, exitUsage, "unknown flag"},
	}
	runExitCases(t, cases)
}

// TestCutShortKeepsOutput: a truncated capture still lists the messages
// before the cut.
func TestCutShortKeepsOutput(t *testing.T) {
	real, err := os.ReadFile("../../testdata/pcaps/pppd__mschapv2-mppe128.pcap")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "cut.pcap")
	if err := os.WriteFile(p, real[:1000], 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runCapture(t, nil, "packets", "--format", "json", p)
	if code != exitTruncated {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(stdout, `"msg":"Start-Control-Connection-Request"`) {
		t.Errorf("the SCCRQ before the cut is missing: %q", stdout)
	}
}

// TestStdinAndGzip: the same capture from a file, standard input and gzip
// gives the same records.
func TestStdinAndGzip(t *testing.T) {
	path := "../../testdata/pcaps/PPTP_VPN_Sniffer__connect.pcapng"
	real, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, want, _ := runCapture(t, nil, "packets", "--all", "--format", "json", path)
	if strings.Count(want, "\n") < 100 {
		t.Fatalf("too little output: %d lines", strings.Count(want, "\n"))
	}
	code, got, stderr := runCapture(t, real, "packets", "--all", "--format", "json", "-")
	if code != 0 || got != want {
		t.Errorf("stdin: exit %d (%s), same output: %v", code, stderr, got == want)
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(real)
	zw.Close()
	gz := filepath.Join(t.TempDir(), "c.pcapng.gz")
	if err := os.WriteFile(gz, z.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	code, got, stderr = runCapture(t, nil, "packets", "--all", "--format", "json", "-r", gz)
	if code != 0 || got != want {
		t.Errorf("gzip: exit %d (%s), same output: %v", code, stderr, got == want)
	}
}

// TestTruncatedAtEveryOffset cuts a real capture at every byte offset and
// runs the whole pipeline on each piece: it must never panic, must exit 0
// (cut at a record boundary), 3 (header incomplete) or 4 (cut inside a
// record), and a non-zero exit must come with a one-line reason.
func TestTruncatedAtEveryOffset(t *testing.T) {
	real, err := os.ReadFile("../../testdata/pcaps/nDPI__pptp.pcap")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "cut.pcap")
	for n := 0; n < len(real); n++ {
		if err := os.WriteFile(p, real[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCapture(t, nil, "packets", "--all", "--format", "json", p)
		switch code {
		case exitOK:
			if stderr != "" {
				t.Fatalf("cut at %d: exit 0 with stderr %q", n, stderr)
			}
		case exitNotCapture, exitTruncated:
			if strings.Count(stderr, "\n") != 1 {
				t.Fatalf("cut at %d: exit %d with stderr %q", n, code, stderr)
			}
		default:
			t.Fatalf("cut at %d: exit %d: %s", n, code, stderr)
		}
		if code == exitTruncated && !strings.Contains(stderr, "frame") {
			t.Fatalf("cut at %d: %q does not say where the capture ended", n, stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runCapture(t, nil, "--version")
	if code != 0 || !strings.HasPrefix(stdout, "pptpscope version ") {
		t.Errorf("exit %d, %q", code, stdout)
	}
}

// exitCase is a command line that must fail with an exit status and one
// line on standard error that says inStderr.
type exitCase struct {
	name     string
	args     []string
	code     int
	inStderr string
}

// runExitCases runs each case through the CLI.
func runExitCases(t *testing.T, cases []exitCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCapture(t, nil, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, stderr)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "pptpscope: ") {
				t.Errorf("stderr is not one 'pptpscope: ...' line: %q", stderr)
			}
			if !strings.Contains(stderr, tc.inStderr) {
				t.Errorf("stderr %q does not say %q", stderr, tc.inStderr)
			}
		})
	}
}
