package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

const (
	mschapv2Pcap = "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap" // user student, MS-CHAPv2, MPPE-128
	studentPw    = "../../testdata/credentials/student.txt"
	greOnlyPcap  = "../../testdata/pcaps/packetlife__GRE.cap" // GRE, no PPTP
)

// TestExitCodes: each case gets its documented exit code and one
// "pptpscope: ..." line saying why.
func TestExitCodes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "inner.pcap")
	words := filepath.Join(t.TempDir(), "words.txt")
	if err := os.WriteFile(words, []byte("x\nsyberos\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []exitCase{
		{"crack -o to a missing directory", []string{"crack", mschapv2Pcap, "--wordlist", words, "-o", "/nonexistent/found.txt"}, exitOutput, "/nonexistent/found.txt"},
		{"simulate -w to a missing directory", []string{"simulate", "--password-file", studentPw, "-w", "/nonexistent/sim.pcap"}, exitOutput, "/nonexistent/sim.pcap"},
		{"simulate --exercises under a file", []string{"simulate", "--password-file", studentPw, "--exercises", "1", "-o", "/proc/version/lab"}, exitOutput, "cannot write the exercises"},
		{"report to a missing directory", []string{"report", "-o", "/nonexistent/dir/r.html", mschapv2Pcap}, exitOutput, "/nonexistent/dir/r.html"},
		{"report to /proc/version", []string{"report", "-o", "/proc/version", mschapv2Pcap}, exitOutput, "/proc/version"},
		{"diagram to a missing directory", []string{"diagram", "-o", "/nonexistent/dir/d.txt", mschapv2Pcap}, exitOutput, "/nonexistent"},
		{"decrypt to a missing directory", []string{"decrypt", "--password-file", studentPw, "-w", "/nonexistent/x.pcap", mschapv2Pcap}, exitOutput, "/nonexistent/x.pcap"},
		{"missing input stays 5", []string{"report", "-o", out, "/nonexistent/in.pcap"}, exitUnreadable, "/nonexistent/in.pcap"},
		{"unknown command", []string{"bogus"}, exitUsage, `unknown command "bogus"`},
		{"completion without a shell", []string{"completion"}, exitUsage, "no shell given"},
		{"completion of an unknown shell", []string{"completion", "tcsh"}, exitUsage, `"tcsh"`},
		{"diagram --session 0", []string{"diagram", "--session", "0", mschapv2Pcap}, exitUsage, "--session must be 1 or more"},
		{"keys --session 0", []string{"keys", "--session", "0", "--password-file", studentPw, mschapv2Pcap}, exitUsage, "--session must be 1 or more"},
		{"packets --phase tcp-connect", []string{"packets", "--phase", "tcp-connect", mschapv2Pcap}, exitUsage, "packets lists no TCP segments"},
		{"packets --phase 2.1", []string{"packets", "--phase", "2.1", mschapv2Pcap}, exitUsage, "packets lists no TCP segments"},
		{"decrypt --user nobody", []string{"decrypt", "--user", "nobody", "--password-file", studentPw, "-w", out, mschapv2Pcap}, exitNothing, `no session authenticated as "nobody" (the capture has student)`},
		{"keys --user nobody", []string{"keys", "--user", "nobody", "--password-file", studentPw, mschapv2Pcap}, exitNothing, `no session authenticated as "nobody" (the capture has student)`},
		{"decrypt without PPTP", []string{"decrypt", "--password-file", studentPw, "-w", out, greOnlyPcap}, exitNothing, "no PPTP session in the capture"},
		{"keys without PPTP", []string{"keys", "--password-file", studentPw, greOnlyPcap}, exitNothing, "no PPTP session in the capture"},
	}
	runExitCases(t, cases)
}

// TestUserMatches: --user naming the user who authenticated still decrypts
// and exits 0 (the check above refuses only a user no session has).
func TestUserMatches(t *testing.T) {
	out := filepath.Join(t.TempDir(), "inner.pcap")
	code, stdout, stderr := runCapture(t, nil, "decrypt", "--user", "STUDENT", "--password-file", studentPw, "-w", out, mschapv2Pcap)
	if code != 0 || !strings.Contains(stdout, "28 of 28 encrypted frames decrypted") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// openPty returns both ends of a new pseudo-terminal.
func openPty(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return m, s
}

// TestRefuseTerminal: decrypt -w - and report without -o refuse to write
// binary or HTML to a terminal (exit 2, nothing written) unless --force.
func TestRefuseTerminal(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"decrypt -w -", []string{"decrypt", "--password-file", studentPw, "-w", "-", mschapv2Pcap}},
		{"report", []string{"report", mschapv2Pcap}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, tty := openPty(t)
			var stderr bytes.Buffer
			code := run(tc.args, bytes.NewReader(nil), tty, &stderr)
			if code != exitUsage || !strings.Contains(stderr.String(), "not writing") || !strings.Contains(stderr.String(), "--force") {
				t.Errorf("to a terminal: exit %d, stderr %q", code, stderr.String())
			}
			// With --force it writes; to a file it never asks.
			f, err := os.Create(filepath.Join(t.TempDir(), "out"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			stderr.Reset()
			if code := run(tc.args, bytes.NewReader(nil), f, &stderr); code != 0 {
				t.Errorf("to a file: exit %d, stderr %q", code, stderr.String())
			}
			master, tty := openPty(t)
			go func() { // drain the terminal so that writes do not block
				b := make([]byte, 1<<16)
				for {
					if _, err := master.Read(b); err != nil {
						return
					}
				}
			}()
			stderr.Reset()
			if code := run(append(tc.args, "--force"), bytes.NewReader(nil), tty, &stderr); code != 0 {
				t.Errorf("--force: exit %d, stderr %q", code, stderr.String())
			}
		})
	}
}

// maxLineWidth is the widest line of s, in runes.
func maxLineWidth(s string) int {
	m := 0
	for _, l := range strings.Split(s, "\n") {
		m = max(m, len([]rune(l)))
	}
	return m
}

// TestWidth: --width is clamped to 40..1000 with one note; below what a
// command's layout needs it is raised to that, saying so, and the output
// then fits the width said.
func TestWidth(t *testing.T) {
	cases := []struct {
		name  string
		args  []string
		width int // the width the note says is used
		note  string
	}{
		{"diagram 10000000", []string{"diagram", "--color", "never", "--width", "10000000"}, 1000, "more than the 1000 columns allowed"},
		{"packets 60", []string{"packets", "--width", "60"}, packetTableWidth, "the packet table needs"},
		{"diagram 40", []string{"diagram", "--color", "never", "--width", "40"}, diagramTextWidth, "the text diagram needs"},
		{"analyze 60", []string{"analyze", "--color", "never", "--width", "60"}, analyzeTableWidth, "the analyze tables need"},
		{"analyze -v 10", []string{"analyze", "-v", "--color", "never", "--width", "10"}, analyzeTableWidth, "the analyze tables need"},
		{"keys 50", []string{"keys", "--password-file", studentPw, "--width", "50"}, keysTableWidth, "the key derivation needs"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCapture(t, nil, append(tc.args, mschapv2Pcap)...)
			if code != 0 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tc.note) || !strings.Contains(stderr, "using "+strconv.Itoa(tc.width)) {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if w := maxLineWidth(stdout); w > tc.width {
				t.Errorf("output is %d columns wide, more than the %d said", w, tc.width)
			}
		})
	}
	// Within the limits nothing is said.
	code, _, stderr := runCapture(t, nil, "packets", "--width", "100", mschapv2Pcap)
	if code != 0 || stderr != "" {
		t.Errorf("--width 100: exit %d, stderr %q", code, stderr)
	}
}

// TestFlagCompletion: the shell completes flag values (cobra's hidden
// __complete command is what the completion scripts call).
func TestFlagCompletion(t *testing.T) {
	ringDir := t.TempDir()
	if b, err := os.ReadFile(mschapv2Pcap); err != nil || os.WriteFile(filepath.Join(ringDir, "a.pcap"), b, 0o644) != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want []string // the candidates, in order, before the directive line
	}{
		{"analyze --format", []string{"analyze", "--format", ""}, []string{"table", "json"}},
		{"diagram --format", []string{"diagram", "--format", ""}, diagramFormats},
		{"live --format", []string{"live", "--format", ""}, []string{"text", "json"}},
		{"report --lang", []string{"report", "--lang", ""}, []string{"en", "zh"}},
		{"analyze --color", []string{"analyze", "--color", ""}, []string{"auto", "always", "never"}},
		{"diagram --session", []string{"diagram", mschapv2Pcap, "--session", ""}, []string{"1\t10.0.0.2 → 10.0.0.1"}},
		{"diagram --session of a directory and a file", []string{"diagram", ringDir, "../../testdata/pcaps/pptpcrack__test.pcap", "--session", ""},
			[]string{"1\t192.168.43.39 → 192.168.43.104", "2\t192.168.43.39 → 192.168.43.104", "3\t10.0.0.2 → 10.0.0.1"}}, // merged by time
		{"keys -r --session", []string{"keys", "-r", "../../testdata/pcaps/pptpcrack__test.pcap", "--session", ""},
			[]string{"1\t192.168.43.39 → 192.168.43.104", "2\t192.168.43.39 → 192.168.43.104"}},
		{"packets --phase", []string{"packets", "--phase", ""}, []string{
			"control-connection\t2.2 control connection", "call-setup\t2.2 call setup and GRE tunnel", "lcp\t2.3 LCP",
			"authentication\t2.4 authentication", "ncp\t2.5 NCP (IPCP, IPV6CP)", "ccp\t2.6 CCP (MPPE)", "data\t3 data", "teardown\tteardown"}},
		{"diagram --phase", []string{"diagram", "--phase", ""}, []string{"tcp-connect\t2.1 TCP connect",
			"control-connection\t2.2 control connection", "call-setup\t2.2 call setup and GRE tunnel", "lcp\t2.3 LCP",
			"authentication\t2.4 authentication", "ncp\t2.5 NCP (IPCP, IPV6CP)", "ccp\t2.6 CCP (MPPE)", "data\t3 data", "teardown\tteardown"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCapture(t, nil, append([]string{"__complete"}, tc.args...)...)
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			if code != 0 || len(lines) == 0 || lines[len(lines)-1] != ":4" { // 4: no file completion
				t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
			}
			if got := lines[:len(lines)-1]; strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("candidates %q, want %q", got, tc.want)
			}
		})
	}
}

// TestManPages: the hidden man command writes a page per command.
func TestManPages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man1")
	code, _, stderr := runCapture(t, nil, "man", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"pptpscope", "analyze", "packets", "diagram", "report", "decrypt", "keys", "live", "completion"} {
		page := "pptpscope-" + name + ".1"
		if name == "pptpscope" {
			page = "pptpscope.1"
		}
		b, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Errorf("%s: %v", page, err)
			continue
		}
		if !bytes.HasPrefix(b, []byte(".nh\n.TH \"PPTPSCOPE\" \"1\"")) || !bytes.Contains(b, []byte(".SH OPTIONS")) {
			t.Errorf("%s is not a man page with options: %.200q", page, b)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "pptpscope-man.1")); err == nil {
		t.Error("the hidden man command has a page")
	}
}

// TestBuildVersion: --version gives the module version, the revision
// (+dirty) and its time from the build info.
func TestBuildVersion(t *testing.T) {
	vcs := func(rev, when, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: when}, {Key: "vcs.modified", Value: modified}}
	}
	const rev = "75a2a7ddcb2da307797502ebcaf30099bfe9a5ed"
	cases := []struct {
		name    string
		version string
		set     []debug.BuildSetting
		want    string
	}{
		{"go install @latest", "v1.2.0", nil, "v1.2.0"},
		{"go test", "(devel)", nil, "dev"},
		{"git checkout, changes", "(devel)", vcs(rev, "2026-12-02T00:26:47Z", "true"), "dev (75a2a7ddcb2d+dirty, 2026-12-02T00:26:47Z)"},
		{"pseudo-version", "v0.0.0-20261202002647-75a2a7ddcb2d", vcs(rev, "2026-12-02T00:26:47Z", "false"), "v0.0.0-20261202002647-75a2a7ddcb2d (2026-12-02T00:26:47Z)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/pptpscope/pptpscope", Version: tc.version}, Settings: tc.set}
			if got := buildVersion(bi); got != tc.want {
				t.Errorf("%q, want %q", got, tc.want)
			}
		})
	}
}

// TestReadmeHabits: the README's exit-status table and --help list the
// same codes, the README says what happens without chromium in one way
// (the browser test fails), and it no longer sends Debian users to a Go
// that cannot build pptpscope.
func TestReadmeHabits(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	_, help, _ := runCapture(t, nil, "--help")
	for _, code := range []int{exitOK, exitError, exitUsage, exitNotCapture, exitTruncated, exitUnreadable, exitUnsupported,
		exitMismatch, exitNoInterface, exitPermission, exitOutput, exitNothing, exitInterrupted} {
		row := "| " + strconv.Itoa(code) + " | "
		if !strings.Contains(readme, row) {
			t.Errorf("README's exit-status table has no row for %d", code)
		}
		if !strings.Contains(help, fmt.Sprintf("\n%3d  ", code)) {
			t.Errorf("--help lists no exit status %d", code)
		}
	}
	for _, bad := range []string{"test is skipped", "rather than being skipped", "apt-get install golang"} {
		if strings.Contains(readme, bad) {
			t.Errorf("README says %q", bad)
		}
	}
	for _, want := range []string{"make install", "go install github.com/pptpscope/pptpscope/cmd/pptpscope@latest", "live -i eth0 -Z nobody",
		"pptpscope analyze ring.pcap0 ring.pcap1.gz older/", "without chromium the browser\ntest fails"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README does not say %q", want)
		}
	}
}

// TestStdoutFull: a standard output that cannot be written (/dev/full)
// ends every command with the output status 10, not the input's 5.
func TestStdoutFull(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	for _, args := range [][]string{
		{"packets", mschapv2Pcap},
		{"packets", "--format", "json", mschapv2Pcap},
		{"analyze", mschapv2Pcap},
		{"analyze", "--format", "json", mschapv2Pcap},
		{"diagram", mschapv2Pcap},
		{"diagram", "--format", "svg", mschapv2Pcap},
		{"report", mschapv2Pcap},
		{"keys", "--password-file", studentPw, mschapv2Pcap},
		{"decrypt", "--password-file", studentPw, "-w", "-", mschapv2Pcap},
		{"decrypt", "--password-file", studentPw, "-w", "/dev/full", mschapv2Pcap},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var stderr bytes.Buffer
			code := run(args, bytes.NewReader(nil), full, &stderr)
			if code != exitOutput || !strings.Contains(stderr.String(), "no space left on device") || strings.Count(stderr.String(), "\n") != 1 {
				t.Errorf("exit %d, stderr %q", code, stderr.String())
			}
		})
	}
}
