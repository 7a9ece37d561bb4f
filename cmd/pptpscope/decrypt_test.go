package main

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/capture"
)

const (
	credDir      = "../../testdata/credentials/"
	pcapDir      = "../../testdata/pcaps/"
	wrongMessage = "pptpscope: the password does not match user vpnuser's MS-CHAPv2 response in frame 291\n"
)

// readInner reads a capture written by decrypt and checks that every
// packet is raw IP with a valid IPv4 header checksum (or a well-formed
// IPv6 header).
func readInner(t *testing.T, path string) []capture.Packet {
	t.Helper()
	src, err := capture.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var out []capture.Packet
	for {
		p, err := src.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if p.LinkType != layers.LinkTypeRaw {
			t.Fatalf("link type %v, want raw IP (101)", p.LinkType)
		}
		if msg := validIP(p.Data); msg != "" {
			t.Errorf("packet %d: %s", p.Frame, msg)
		}
		p.Data = append([]byte(nil), p.Data...)
		out = append(out, p)
	}
}

func validIP(b []byte) string {
	switch {
	case len(b) >= 20 && b[0]>>4 == 4:
		ihl := int(b[0]&15) * 4
		var s uint32
		for i := 0; i < ihl; i += 2 {
			s += uint32(binary.BigEndian.Uint16(b[i:]))
		}
		for s > 0xffff {
			s = s>>16 + s&0xffff
		}
		if s != 0xffff {
			return "bad IPv4 header checksum"
		}
		if int(binary.BigEndian.Uint16(b[2:])) != len(b) {
			return "IPv4 total length is not the packet length"
		}
	case len(b) >= 40 && b[0]>>4 == 6:
		if 40+int(binary.BigEndian.Uint16(b[4:])) != len(b) {
			return "IPv6 payload length is not the packet length"
		}
	default:
		return "neither IPv4 nor IPv6"
	}
	return ""
}

// frameTimes maps the frame numbers of a capture to their timestamps.
func frameTimes(t *testing.T, path string) map[int]time.Time {
	t.Helper()
	src, err := capture.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	m := map[int]time.Time{}
	for {
		p, err := src.Next()
		if err != nil {
			return m
		}
		m[p.Frame] = p.CI.Timestamp
	}
}

// TestDecryptCommand: decrypt -w writes the 689 inner packets of
// pptpcrack__test.pcap as raw IP, read back with the capture package: a
// pcap, and a pcapng whose comments give the original frame, whose
// timestamps are the original frames'.
func TestDecryptCommand(t *testing.T) {
	dir := t.TempDir()
	in := pcapDir + "pptpcrack__test.pcap"
	times := frameTimes(t, in)
	for _, name := range []string{"inner.pcap", "inner.pcapng"} {
		out := filepath.Join(dir, name)
		code, stdout, stderr := runCapture(t, nil, "decrypt", "--user", "vpnuser", "--password-file", credDir+"vpnuser.txt", in, "-w", out)
		if code != 0 || stderr != "" {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.HasPrefix(stdout, "wrote 689 decrypted packets to "+out) ||
			!strings.Contains(stdout, "689 of 689 encrypted\n    frames decrypted (505 of 505 client→server, 184 of 184 server→client)") ||
			!strings.Contains(stdout, "session 1 192.168.43.39 → 192.168.43.104: not decrypted: the authentication") {
			t.Errorf("summary:\n%s", stdout)
		}
		pkts := readInner(t, out)
		if len(pkts) != 689 {
			t.Fatalf("%s: %d packets, want 689", name, len(pkts))
		}
		if strings.HasSuffix(name, ".pcapng") {
			for _, p := range pkts {
				n, err := strconv.Atoi(strings.TrimPrefix(p.Comment, "frame "))
				if err != nil || !p.CI.Timestamp.Equal(times[n]) {
					t.Fatalf("packet %d: comment %q, time %v (frame time %v)", p.Frame, p.Comment, p.CI.Timestamp, times[n])
				}
			}
			if pkts[0].Comment != "frame 315" {
				t.Errorf("first comment %q, want frame 315", pkts[0].Comment)
			}
		} else if !pkts[0].CI.Timestamp.Equal(times[315]) {
			t.Errorf("first packet at %v, want frame 315's %v", pkts[0].CI.Timestamp, times[315])
		}
	}

	// -w -: the capture on standard output, the summary on standard error.
	code, stdout, stderr := runCapture(t, nil, "decrypt", "--password-file", credDir+"student.txt", "-w", "-", pcapDir+"pppd__mschapv2-mppe40.pcap")
	if code != 0 || !strings.HasPrefix(stderr, "wrote 28 decrypted packets to standard output") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	p := filepath.Join(dir, "stdout.pcap")
	if err := os.WriteFile(p, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := len(readInner(t, p)); n != 28 {
		t.Errorf("standard output: %d packets, want 28", n)
	}
}

// TestDecryptAllCaptures: every authenticated encrypted frame of the real
// captures comes out of decrypt as a valid IP packet.
func TestDecryptAllCaptures(t *testing.T) {
	dir := t.TempDir()
	for file, want := range map[string]int{
		"pptpcrack__test.pcap":             689,
		"PPTP_VPN_Sniffer__connect.pcapng": 309,
		"pppd__mschapv2-mppe128.pcap":      28,
		"pppd__mschapv2-mppe40.pcap":       28,
		"pppd__mschapv1-mppe128.pcap":      29,
		"pppd__gre-loss.pcap":              880,
		"pppd__mtu-fragments.pcap":         83,
	} {
		out := filepath.Join(dir, file+".pcap")
		code, _, stderr := runCapture(t, nil, "decrypt", "--credentials", credDir+"users.txt", pcapDir+file, "-w", out)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", file, code, stderr)
		}
		if n := len(readInner(t, out)); n != want {
			t.Errorf("%s: %d packets, want %d", file, n, want)
		}
	}
}

// analyzeJSON runs analyze --format json and returns the sessions'
// decryption objects.
func analyzeDecryption(t *testing.T, stdin []byte, args ...string) []map[string]any {
	t.Helper()
	code, stdout, stderr := runCapture(t, stdin, append([]string{"analyze", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Sessions []struct {
			Decryption map[string]any `json:"decryption"`
		} `json:"sessions"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, s := range doc.Sessions {
		out = append(out, s.Decryption)
	}
	return out
}

// TestCredentialSources: a password file, an NT hash file, a credentials
// file, the environment and the prompt all give the same decryption.
func TestCredentialSources(t *testing.T) {
	in := pcapDir + "pppd__mschapv2-mppe128.pcap"
	check := func(name string, d []map[string]any) {
		t.Helper()
		if len(d) != 1 || d[0]["status"] != "decrypted" || d[0]["verified"] != true || d[0]["user"] != "student" {
			t.Errorf("%s: %v", name, d)
			return
		}
		c2s := d[0]["client_to_server"].(map[string]any)
		if c2s["decrypted"] != 14.0 {
			t.Errorf("%s: %v", name, c2s)
		}
	}
	check("password file", analyzeDecryption(t, nil, "--password-file", credDir+"student.txt", in))
	check("user and password file", analyzeDecryption(t, nil, "--user", "student", "--password-file", credDir+"student.txt", in))
	check("NT hash file", analyzeDecryption(t, nil, "--nt-hash-file", credDir+"student.nthash", in))
	check("credentials file", analyzeDecryption(t, nil, "--credentials", credDir+"users.txt", in))
	t.Run("environment", func(t *testing.T) {
		t.Setenv(passwordEnv, "syberos")
		check("environment", analyzeDecryption(t, nil, in))
	})
	t.Run("prompt", func(t *testing.T) {
		oldTerm, oldRead := stdinTerminal, readPassword
		defer func() { stdinTerminal, readPassword = oldTerm, oldRead }()
		stdinTerminal = func(io.Reader) (int, bool) { return 7, true }
		var fd int
		readPassword = func(f int) ([]byte, error) { fd = f; return []byte("syberos"), nil }
		var o, e bytes.Buffer
		if code := run([]string{"analyze", "--user", "student", in}, nil, &o, &e); code != 0 {
			t.Fatalf("exit %d: %s", code, e.String())
		}
		if fd != 7 || e.String() != "Password for student: \n" || !strings.Contains(o.String(), "password of student verified") {
			t.Errorf("fd %d, stderr %q", fd, e.String())
		}
	})
	// --user restricts the password to that user.
	d := analyzeDecryption(t, nil, "--user", "someone", "--password-file", credDir+"student.txt", in)
	if d[0]["status"] != "no-credentials" {
		t.Errorf("other user: %v", d)
	}
	// Without credentials, no decryption object at all.
	if d := analyzeDecryption(t, nil, in); d[0] != nil {
		t.Errorf("no credentials: %v", d)
	}
}

// TestWrongPassword: every command that takes credentials stops with one
// clear line and exit status 7, prints no report, and leaves no output file.
func TestWrongPassword(t *testing.T) {
	dir := t.TempDir()
	wrong := filepath.Join(dir, "wrong.txt")
	if err := os.WriteFile(wrong, []byte("not-vpnuser123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	in := pcapDir + "pptpcrack__test.pcap"
	out := filepath.Join(dir, "inner.pcap")
	for _, args := range [][]string{
		{"analyze", "--password-file", wrong, in},
		{"analyze", "--format", "json", "--password-file", wrong, in},
		{"packets", "--format", "json", "--password-file", wrong, in},
		{"keys", "--password-file", wrong, in},
		{"decrypt", "--password-file", wrong, in, "-w", out},
	} {
		code, stdout, stderr := runCapture(t, nil, args...)
		if code != exitMismatch || stderr != wrongMessage {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
		if args[0] != "packets" && stdout != "" {
			t.Errorf("%v: output %q", args, stdout)
		}
		if strings.Contains(stdout+stderr, "not-vpnuser123") {
			t.Errorf("%v: the password is printed", args)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("decrypt left %s: %v", out, err)
	}
	// The NT hash of another password: the message names the hash.
	h := filepath.Join(dir, "wrong.nthash")
	os.WriteFile(h, []byte("00112233445566778899aabbccddeeff\n"), 0o600)
	code, _, stderr := runCapture(t, nil, "analyze", "--nt-hash-file", h, in)
	if code != exitMismatch || !strings.Contains(stderr, "the NT hash does not match user vpnuser's") {
		t.Errorf("NT hash: exit %d, %q", code, stderr)
	}
	// In Chinese with --lang zh (and the same exit status).
	code, _, stderr = runCapture(t, nil, "analyze", "--lang", "zh", "--password-file", wrong, in)
	if code != exitMismatch || !strings.Contains(stderr, "密码与用户 vpnuser 在第") || !strings.Contains(stderr, "MS-CHAPv2 响应不符") {
		t.Errorf("--lang zh: exit %d, %q", code, stderr)
	}
	code, _, stderr = runCapture(t, nil, "analyze", "--password-file", wrong, in)
	if code != exitMismatch || stderr != wrongMessage {
		t.Errorf("after a --lang zh run: exit %d, %q", code, stderr)
	}
}

// TestPasswordNeverPrinted runs every command that takes credentials, in
// every output format, with the real passwords, and looks for them (as
// text, UTF-16LE and hex) in everything written: standard output, standard
// error and the files decrypt writes.
func TestPasswordNeverPrinted(t *testing.T) {
	dir := t.TempDir()
	secrets := []string{"vpnuser123", "syberos", "bPCFyF2uL1p5Lg5yrKmqmY", "wrong-secret-42"}
	var needles [][]byte
	for _, s := range secrets {
		var u16 []byte
		for _, c := range s {
			u16 = append(u16, byte(c), 0)
		}
		needles = append(needles, []byte(s), u16, []byte(hex.EncodeToString([]byte(s))), []byte(strings.ToUpper(hex.EncodeToString([]byte(s)))))
	}
	bad := filepath.Join(dir, "bad-credentials.txt")
	os.WriteFile(bad, []byte("vpnuser:vpnuser123\nsyberos-without-a-user\n"), 0o600)
	wrong := filepath.Join(dir, "wrong.txt")
	os.WriteFile(wrong, []byte("wrong-secret-42\n"), 0o600)
	var runs [][]string
	for _, c := range []struct{ file, cred string }{
		{"pptpcrack__test.pcap", "vpnuser.txt"},
		{"pppd__mschapv2-mppe128.pcap", "student.txt"},
		{"pppd__mschapv1-mppe128.pcap", "student.txt"},
		{"chapcrack__pptp.cap", "moxie.txt"},
	} {
		in, pw := pcapDir+c.file, credDir+c.cred
		runs = append(runs,
			[]string{"analyze", "-v", "--password-file", pw, in},
			[]string{"analyze", "--format", "json", "--password-file", pw, in},
			[]string{"analyze", "--credentials", credDir + "users.txt", in},
			[]string{"packets", "--all", "--password-file", pw, in},
			[]string{"packets", "--all", "--format", "json", "--password-file", pw, in},
			[]string{"keys", "--password-file", pw, in},
			[]string{"decrypt", "--password-file", pw, in, "-w", filepath.Join(dir, c.file+".pcap")},
			[]string{"decrypt", "--password-file", pw, in, "-w", filepath.Join(dir, c.file+".pcapng")},
			[]string{"analyze", "--password-file", wrong, in},
			[]string{"analyze", "--credentials", bad, in},
		)
	}
	runs = append(runs, []string{"decrypt", "--help"}, []string{"keys", "--help"})
	for _, args := range runs {
		_, stdout, stderr := runCapture(t, nil, args...)
		for _, n := range needles {
			if bytes.Contains([]byte(stdout+stderr), n) {
				t.Errorf("%v prints %q", args, n)
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pcap*"))
	if len(files) != 8 { // chapcrack has no encrypted frames, but decrypt still writes an empty capture
		t.Errorf("%d capture files written: %v", len(files), files)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range needles {
			if bytes.Contains(b, n) {
				t.Errorf("%s holds %q", f, n)
			}
		}
	}
}

// TestCredentialErrors: bad credential input is a usage error whose
// message never repeats the file's content.
func TestCredentialErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	in := pcapDir + "pppd__mschapv2-mppe128.pcap"
	for _, tc := range []struct {
		name     string
		args     []string
		inStderr string
	}{
		{"both files", []string{"analyze", "--password-file", credDir + "student.txt", "--nt-hash-file", credDir + "student.nthash", in}, "not both"},
		{"empty password file", []string{"analyze", "--password-file", write("empty.txt", "\nsecret-second-line\n"), in}, "first line is empty"},
		{"missing password file", []string{"analyze", "--password-file", filepath.Join(dir, "nope"), in}, "no such file"},
		{"bad NT hash", []string{"analyze", "--nt-hash-file", write("h.txt", "secret-not-hex\n"), in}, "not an NT hash"},
		{"credentials line", []string{"analyze", "--credentials", write("c.txt", "# users\nalice:a\nsecret-no-colon\n"), in}, "line 3: expected user:password"},
		{"credentials duplicate", []string{"analyze", "--credentials", write("d.txt", "alice:a\nalice:a\nalice:secret-b\n"), in}, "line 3: user alice appears twice with different passwords"},
		{"decrypt without -w", []string{"decrypt", "--password-file", credDir + "student.txt", in}, "-w FILE"},
		{"decrypt without a password", []string{"decrypt", in, "-w", filepath.Join(dir, "x.pcap")}, "a password is needed"},
		{"keys without a password", []string{"keys", in}, "a password is needed"},
		{"user without a password", []string{"analyze", "--user", "student", in}, "the password of user student is needed"},
		{"keys of a missing session", []string{"keys", "--session", "3", "--password-file", credDir + "student.txt", in}, "no session 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCapture(t, nil, tc.args...)
			if code != exitUsage || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tc.inStderr) {
				t.Errorf("exit %d, stderr %q, want exit 2 and %q", code, stderr, tc.inStderr)
			}
			if strings.Contains(stderr, "secret") {
				t.Errorf("stderr shows the file's content: %q", stderr)
			}
		})
	}
}

// TestKeysCommand: the teaching output starts with the key-material
// warning, checks the NT-Response and S= against the capture, and shows the
// RFC 3079 40-bit reduction for a 40-bit session.
func TestKeysCommand(t *testing.T) {
	code, stdout, stderr := runCapture(t, nil, "keys", "--password-file", credDir+"student.txt", pcapDir+"pppd__mschapv2-mppe40.pcap")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"WARNING: this output contains key material.",
		"MPPE 40-bit stateless keys (from the acknowledged CCP options)",
		"= the NT-Response captured in frame 27",
		"= the S= captured in frame 28",
		"D1 26 9E (40-bit reduction)",
		"StartKey client→server",
		"first packet key server→client",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("keys output lacks %q", want)
		}
	}
	// chapcrack has no CCP: 128-bit stateless keys are shown, and said to be assumed.
	code, stdout, _ = runCapture(t, nil, "keys", "--password-file", credDir+"moxie.txt", pcapDir+"chapcrack__pptp.cap")
	if code != 0 || !strings.Contains(stdout, "(assumed: the CCP exchange") || !strings.Contains(stdout, "= the S= captured in frame 3") {
		t.Errorf("chapcrack: exit %d\n%s", code, stdout)
	}
	// No MS-CHAP session: an error, not an empty output.
	code, _, stderr = runCapture(t, nil, "keys", "--password-file", credDir+"student.txt", pcapDir+"pppd__pap-noenc.pcap")
	if code != exitError || !strings.Contains(stderr, "no key derivation to show: session 1: MPPE keys come from MS-CHAP; this session used PAP") {
		t.Errorf("PAP: exit %d, %q", code, stderr)
	}
}

// TestGoldenDecrypted: analyze, packets --all and keys with credentials,
// against reviewed output (rewrite with -update).
func TestGoldenDecrypted(t *testing.T) {
	for _, c := range []struct{ file, cred string }{
		{"pptpcrack__test.pcap", "vpnuser.txt"},
		{"pppd__mschapv2-mppe128.pcap", "student.txt"},
		{"pppd__mschapv1-mppe128.pcap", "student.txt"},
		{"pppd__gre-loss.pcap", "student.txt"},
	} {
		in, pw := pcapDir+c.file, credDir+c.cred
		golden(t, "decrypted/analyze-"+c.file+".txt", runOK(t, "analyze", "-v", "--width", "80", "--color", "never", "--password-file", pw, in))
		golden(t, "decrypted/analyze-"+c.file+".json", runOK(t, "analyze", "--format", "json", "--password-file", pw, in))
		golden(t, "decrypted/keys-"+c.file+".txt", runOK(t, "keys", "--width", "80", "--password-file", pw, in))
	}
	golden(t, "decrypted/packets-pppd__mschapv2-mppe40.pcap.jsonl", runOK(t, "packets", "--all", "--format", "json", "--password-file", credDir+"student.txt", pcapDir+"pppd__mschapv2-mppe40.pcap"))
	golden(t, "decrypted/packets-pppd__mschapv2-mppe40.pcap.txt", runOK(t, "packets", "--all", "--width", "120", "--password-file", credDir+"student.txt", pcapDir+"pppd__mschapv2-mppe40.pcap"))
}
