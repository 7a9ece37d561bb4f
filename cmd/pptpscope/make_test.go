package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// makeIn runs make in the repository root with extra environment.
func makeIn(t *testing.T, env []string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("make", append([]string{"-s", "-C", "../.."}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestMakeInstall: make install DESTDIR=... PREFIX=/usr puts the binary, a
// man page per command and the completions under DESTDIR, and the
// installed binary's --version names the git revision it was built from
// and its time. It runs in a clone of the commit checked out (sharing its
// objects): the go command records no revision in a git worktree, whose
// .git is a file, and the test must not depend on uncommitted changes.
func TestMakeInstall(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	if out, err := exec.Command("git", "clone", "-q", "--shared", "../..", src).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	head, err := exec.Command("git", "-C", "../..", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("git", "-C", src, "checkout", "-q", strings.TrimSpace(string(head))).CombinedOutput(); err != nil {
		t.Fatalf("git checkout: %v\n%s", err, out)
	}
	when, err := exec.Command("git", "-C", src, "show", "-s", "--format=%ct").Output()
	if err != nil {
		t.Fatal(err)
	}
	sec, err := strconv.ParseInt(strings.TrimSpace(string(when)), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	cmd := exec.Command("make", "-s", "-C", src, "install", "DESTDIR="+dest, "PREFIX=/usr")
	cmd.Env = append(os.Environ(), "GOFLAGS=-buildvcs=true") // whatever go env says
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make install: %v\n%s", err, out)
	}
	for _, f := range []string{"usr/bin/pptpscope", "usr/share/man/man1/pptpscope.1", "usr/share/man/man1/pptpscope-analyze.1",
		"usr/share/man/man1/pptpscope-live.1", "usr/share/man/zh_CN/man1/pptpscope-analyze.1", "usr/share/bash-completion/completions/pptpscope",
		"usr/share/zsh/site-functions/_pptpscope", "usr/share/fish/vendor_completions.d/pptpscope.fish"} {
		st, err := os.Stat(filepath.Join(dest, f))
		if err != nil || st.Size() == 0 {
			t.Errorf("%s not installed (%v)", f, err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dest, "usr/share/man/man1/pptpscope-analyze.1")); err == nil && !bytes.Contains(b, []byte("\n.SH OPTIONS\n")) {
		t.Error("the man page in man1 is not English")
	}
	if b, err := os.ReadFile(filepath.Join(dest, "usr/share/man/zh_CN/man1/pptpscope-analyze.1")); err == nil && !bytes.Contains(b, []byte("\n.SH 选项\n")) {
		t.Error("the man page in zh_CN/man1 is not Chinese")
	}
	if st, err := os.Stat(filepath.Join(dest, "usr/bin/pptpscope")); err == nil && st.Mode().Perm() != 0o755 {
		t.Errorf("binary mode %v", st.Mode())
	}
	v, err := exec.Command(filepath.Join(dest, "usr/bin/pptpscope"), "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	// e.g. "pptpscope version v0.0.0-20261202003303-2bf90643ef99 (2026-12-02T00:33:03Z)"
	stamp := time.Unix(sec, 0).UTC().Format(time.RFC3339)
	if !strings.Contains(string(v), string(head[:12])) || !strings.Contains(string(v), stamp) || strings.Contains(string(v), "+dirty") {
		t.Errorf("--version %q does not name revision %s of %s (clean)", v, head[:12], stamp)
	}
}

// TestMakeGolden: make golden runs -update only in the packages whose
// tests define it (go test fails in the others).
func TestMakeGolden(t *testing.T) {
	out, err := makeIn(t, nil, "-n", "golden")
	if err != nil {
		t.Fatalf("make -n golden: %v\n%s", err, out)
	}
	fields := strings.Fields(out)
	if len(fields) < 4 || fields[1] != "test" || !strings.Contains(out, "-update") || strings.Contains(out, "./...") {
		t.Fatalf("make golden runs %q", out)
	}
	pkgs := 0
	for _, f := range fields[2:] {
		if !strings.HasPrefix(f, "./") {
			continue
		}
		pkgs++
		files, _ := filepath.Glob(filepath.Join("../..", f, "*_test.go"))
		defines := false
		for _, name := range files {
			b, _ := os.ReadFile(name)
			defines = defines || strings.Contains(string(b), `flag.Bool("update"`)
		}
		if !defines {
			t.Errorf("make golden passes -update to %s, whose tests do not define it", f)
		}
	}
	if pkgs == 0 || !strings.Contains(out, "./cmd/pptpscope") {
		t.Errorf("make golden updates no package or not cmd/pptpscope: %q", out)
	}
}

// TestMakeBrowserFont: make browser installs a CJK font only when there is
// none (fc-list :lang=zh), and chromium only when it is missing. Fake
// fc-list, chromium, id and apt-get record what would be installed.
func TestMakeBrowserFont(t *testing.T) {
	cases := []struct {
		name     string
		fonts    string // what fc-list :lang=zh prints
		chromium bool
		install  string // the apt-get install arguments, "" for none
	}{
		{"noto present", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc: Noto Sans CJK SC:style=Regular", true, ""},
		{"no CJK font", "", true, "fonts-wqy-microhei"},
		{"noto present, no chromium", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc: Noto Sans CJK SC", false, "chromium"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			log := filepath.Join(dir, "apt.log")
			script := func(name, body string) {
				if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			script("fc-list", `test "$1" = ":lang=zh" && printf '%s' '`+tc.fonts+`'`)
			script("id", "echo 0")
			script("apt-get", `case "$*" in *install*) echo "$*" >> `+log+`;; esac`)
			if tc.chromium {
				script("chromium", "exit 0")
			}
			// Only the fakes and the shell's basics: the real chromium must not be found.
			for _, tool := range []string{"sh", "test", "grep", "make", "printf", "echo"} {
				if p, err := exec.LookPath(tool); err == nil {
					os.Symlink(p, filepath.Join(dir, tool))
				}
			}
			out, err := makeIn(t, []string{"PATH=" + dir}, "browser")
			if err != nil {
				t.Fatalf("make browser: %v\n%s", err, out)
			}
			got, _ := os.ReadFile(log)
			fields := strings.Fields(string(got))
			installed := ""
			for i, f := range fields {
				if f == "install" {
					for _, p := range fields[i+1:] {
						if !strings.HasPrefix(p, "-") {
							installed = strings.TrimSpace(installed + " " + p)
						}
					}
				}
			}
			if installed != tc.install {
				t.Errorf("installs %q, want %q (apt-get %q)", installed, tc.install, got)
			}
		})
	}
}
