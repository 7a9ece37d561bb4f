package main

import (
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/mppe"
)

// crackWords writes a word list of n generated words with the given ones
// in the middle (gzip when the name ends in .gz).
func crackWords(t *testing.T, name string, n int, insert ...string) string {
	t.Helper()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "w%07d\n", i)
		if i == n/2 {
			for _, s := range insert {
				b.WriteString(s + "\n")
			}
		}
	}
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if strings.HasSuffix(name, ".gz") {
		z := gzip.NewWriter(f)
		z.Write([]byte(b.String()))
		z.Close()
	} else {
		f.WriteString(b.String())
	}
	return path
}

// Every bundled capture with a known password: crack finds every
// authenticated user among a million candidates, writes -o 0600 in the
// form --credentials reads, and analyze then decrypts with it.
func TestCrackBundledCaptures(t *testing.T) {
	list := crackWords(t, "million.txt.gz", 1000000, "vpnuser123", "bPCFyF2uL1p5Lg5yrKmqmY", "123", "syberos", "ixia")
	for _, c := range []struct {
		file, user, password string
		method               string
	}{
		{"pptpcrack__test.pcap", "vpnuser", "vpnuser123", "MS-CHAPv2"},
		{"chapcrack__pptp.cap", "moxie", "bPCFyF2uL1p5Lg5yrKmqmY", "MS-CHAPv2"},
		{"PPTP_VPN_Sniffer__connect.pcapng", "jm", "123", "MS-CHAPv2"},
		{"pppd__mschapv2-mppe128.pcap", "student", "syberos", "MS-CHAPv2"},
		{"pppd__mschapv1-mppe128.pcap", "student", "syberos", "MS-CHAPv1"},
		{"pppd__chap-md5-noenc.pcap", "student", "syberos", "CHAP-MD5"},
		{"pppd__eap-md5.pcap", "student", "syberos", "EAP-MD5"},
		{"pppd__mschapv2-mppe40.pcap", "student", "syberos", "MS-CHAPv2"},
		{"pppd__echo-timeout.pcap", "student", "syberos", "MS-CHAPv2"},
		{"pppd__gre-loss.pcap", "student", "syberos", "MS-CHAPv2"},
		{"pppd__mtu-fragments.pcap", "student", "syberos", "MS-CHAPv2"},
	} {
		t.Run(c.file, func(t *testing.T) {
			found := filepath.Join(t.TempDir(), "found.txt")
			code, out, errOut := runCapture(t, nil, "crack", "../../testdata/pcaps/"+c.file, "--wordlist", list, "-o", found, "--lang", "en")
			if code != 0 {
				t.Fatalf("exit %d: %s %s", code, out, errOut)
			}
			want := fmt.Sprintf("%s, user %q", c.method, c.user)
			if !strings.Contains(out, want) || !strings.Contains(out, "found after 50000") || strings.Contains(out, ": "+c.password) {
				t.Fatalf("output:\n%s", out)
			}
			b, err := os.ReadFile(found)
			if err != nil || string(b) != c.user+":"+c.password+"\n" {
				t.Fatalf("-o: %q %v", b, err)
			}
			if st, _ := os.Stat(found); st.Mode().Perm() != 0o600 {
				t.Fatalf("-o mode %v", st.Mode())
			}
			if c.method == "MS-CHAPv2" || c.method == "MS-CHAPv1" {
				if code, out, _ := runCapture(t, nil, "analyze", "../../testdata/pcaps/"+c.file, "--credentials", found); code != 0 {
					t.Fatalf("analyze --credentials: exit %d\n%s", code, out)
				}
			}
		})
	}
}

func TestCrackShowAndPAP(t *testing.T) {
	list := crackWords(t, "w.txt", 10, "syberos")
	code, out, _ := runCapture(t, nil, "crack", "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap", "--wordlist", list, "--show", "--lang", "en")
	if code != 0 || !strings.Contains(out, "found after 7 candidates: syberos") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	code, out, _ = runCapture(t, nil, "crack", "../../testdata/pcaps/pppd__pap-noenc.pcap", "--wordlist", list, "--lang", "en")
	if code != 0 || !strings.Contains(out, "PAP sends the password in clear") || strings.Contains(out, "syberos") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	code, out, _ = runCapture(t, nil, "crack", "../../testdata/pcaps/pppd__pap-noenc.pcap", "--wordlist", list, "--show", "--lang", "zh")
	if code != 0 || !strings.Contains(out, "PAP 以明文发送密码：syberos") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestCrackMaskAndRules(t *testing.T) {
	// jm's password is 123: ?d?d?d finds it at 1 + 2*10 + 3*100 + 1 = 322.
	code, out, _ := runCapture(t, nil, "crack", "../../testdata/pcaps/PPTP_VPN_Sniffer__connect.pcapng", "--mask", "?d?d?d", "--lang", "en")
	if code != 0 || !strings.Contains(out, "found after 322 candidates") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	// The word list has w0000000 and sybero; best64.rule's 30th rule
	// ($s) makes syberos of it (hashcat --stdout agrees: line 30).
	list := crackWords(t, "w.txt", 1, "sybero")
	code, out, _ = runCapture(t, nil, "crack", "../../testdata/pcaps/pppd__chap-md5-noenc.pcap", "--wordlist", list,
		"-r", "../../crack/candidates/testdata/best64.rule", "--show", "--lang", "en")
	if code != 0 || !strings.Contains(out, "found after 107 candidates: syberos") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestCrackNotFoundAndErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	list := crackWords(t, "w.txt", 1000, "syberos")
	v2 := "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap"
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"wrong password", []string{"crack", "../../testdata/pcaps/pppd__mschapv2-wrong-password.pcap", "--wordlist", list}, exitNotFound, "1 of 1 authentications not found among the candidates"},
		{"absent password", []string{"crack", v2, "--wordlist", write("x.txt", "a\nb\n")}, exitNotFound, "not found"},
		{"no authentication", []string{"crack", "../../testdata/pcaps/nDPI__pptp.pcap", "--wordlist", list}, exitNoAuth, "no complete authentication"},
		{"missing word list", []string{"crack", v2, "--wordlist", filepath.Join(dir, "none.txt")}, exitUnreadable, "--wordlist: open"},
		{"empty word list", []string{"crack", v2, "--wordlist", write("e.txt", "")}, exitCandidates, "e.txt is empty"},
		{"unknown rule", []string{"crack", v2, "--wordlist", list, "-r", write("bad.rule", ":\nc\nQ\n")}, exitCandidates, "bad.rule line 3: invalid rule: unknown or unsupported function 'Q'"},
		{"bad mask", []string{"crack", v2, "--mask", "?d?x"}, exitCandidates, `unknown charset ?x`},
		{"neither", []string{"crack", v2}, exitUsage, "either --wordlist FILE or --mask MASK"},
		{"both", []string{"crack", v2, "--wordlist", list, "--mask", "?d"}, exitUsage, "either --wordlist FILE or --mask MASK"},
		{"bad export", []string{"crack", v2, "--export", "x"}, exitUsage, "unknown --export"},
		{"charset without mask", []string{"crack", v2, "--wordlist", list, "-1", "?d"}, exitUsage, "apply to --mask"},
		{"both on stdin", []string{"crack", "-", "--wordlist", "-"}, exitUsage, "cannot both come from standard input"},
		{"unreadable rule file", []string{"crack", v2, "--wordlist", list, "-r", filepath.Join(dir, "none.rule")}, exitUnreadable, "-r: open"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCapture(t, nil, append(c.args, "--lang", "en")...)
			if code != c.code || !strings.Contains(errOut, c.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Fatalf("exit %d (want %d)\nstdout %s\nstderr %q", code, c.code, out, errOut)
			}
		})
	}
}

func TestCrackStdinWordlistAndSkip(t *testing.T) {
	words := "a\nb\nc\nsyberos\n"
	v2 := "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap"
	code, out, _ := runCapture(t, []byte(words), "crack", v2, "--wordlist", "-", "--skip", "2", "--lang", "en")
	if code != 0 || !strings.Contains(out, "found after 4 candidates") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	code, out, _ = runCapture(t, []byte(words), "crack", v2, "--wordlist", "-", "--skip", "4", "--lang", "en")
	if code != exitNotFound || !strings.Contains(out, "4 candidates tried") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

// --export: the golden hashcat and john lines of the bundled captures.
func TestCrackExportGolden(t *testing.T) {
	var got strings.Builder
	for _, f := range []string{"pptpcrack__test.pcap", "chapcrack__pptp.cap", "PPTP_VPN_Sniffer__connect.pcapng", "pppd__mschapv2-mppe128.pcap",
		"pppd__mschapv1-mppe128.pcap", "pppd__chap-md5-noenc.pcap", "pppd__eap-md5.pcap", "pppd__pap-noenc.pcap"} {
		for _, format := range []string{"hashcat", "john"} {
			code, out, errOut := runCapture(t, nil, "crack", "../../testdata/pcaps/"+f, "--export", format, "--lang", "en")
			if code != 0 {
				t.Fatalf("%s: exit %d %s", f, code, errOut)
			}
			fmt.Fprintf(&got, "== %s --export %s\n%s%s", f, format, errOut, out)
		}
	}
	golden(t, "crack-export.txt", []byte(got.String()))
}

// Ctrl-C stops cleanly, says how far it got and how to resume; resuming
// there goes on from that candidate.
func TestCrackInterruptAndResume(t *testing.T) {
	defer func() { crackStarted = func() {} }()
	crackStarted = func() {
		go func() {
			time.Sleep(300 * time.Millisecond)
			syscall.Kill(os.Getpid(), syscall.SIGINT)
		}()
	}
	v2 := "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap"
	code, out, _ := runCapture(t, nil, "crack", v2, "--mask", "?a?a?a?a?a?a?a", "--lang", "en")
	crackStarted = func() {}
	m := regexp.MustCompile(`Interrupted after (\d+) candidates; to resume, run the same command with --skip (\d+)\.`).FindStringSubmatch(out)
	if code != exitInterrupted || m == nil || m[1] != m[2] || m[1] == "0" {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if skip, _ := strconv.ParseInt(m[1], 10, 64); skip > 95*95*95*95*95*95*95 {
		t.Fatalf("skip %d", skip)
	}
	// --skip counts from the start: near the end of a mask, only the rest
	// is tried and the count is the mask's size.
	code, out, _ = runCapture(t, nil, "crack", v2, "--mask", "?a?a?a?a", "--skip", "81449625", "--lang", "en")
	if code != exitNotFound || !strings.Contains(out, "81450625 candidates tried") {
		t.Fatalf("resume: exit %d\n%s", code, out)
	}
}

func TestCrackExplainBothLanguages(t *testing.T) {
	for _, c := range []struct{ lang, warning, k3, token string }{
		{"en", "WARNING: this shows key material", "NT hash octets 14-15 = C3D4.", "$99$bQ4cBWzZTV8ck6vOgVQAaGuuyjFfNIRpw9Q="},
		{"zh", "警告：以下内容包含", "NT 哈希第 14-15 字节 = C3D4。", "$99$bQ4cBWzZTV8ck6vOgVQAaGuuyjFfNIRpw9Q="},
	} {
		code, out, _ := runCapture(t, nil, "crack", "../../testdata/pcaps/chapcrack__pptp.cap", "--explain", "--lang", c.lang)
		if code != 0 || !strings.HasPrefix(out, c.warning) || !strings.Contains(out, c.k3) || !strings.Contains(out, c.token) ||
			!strings.Contains(out, "6D0E1C056CD94D5F") || !strings.Contains(out, "256420598A73AD49") {
			t.Fatalf("%s: exit %d\n%s", c.lang, code, out)
		}
	}
	// moxie's NT hash ends C3D4: the recovered octets are the real ones.
	if h := mppe.NtPasswordHash("bPCFyF2uL1p5Lg5yrKmqmY"); fmt.Sprintf("%X", h[14:]) != "C3D4" {
		t.Fatalf("NT hash %X", h)
	}
}

func TestCrackChinese(t *testing.T) {
	list := crackWords(t, "w.txt", 10, "syberos")
	code, out, _ := runCapture(t, nil, "crack", "../../testdata/pcaps/pppd__eap-md5.pcap", "--wordlist", list, "--lang", "zh")
	if code != 0 || !strings.Contains(out, "会话 1，EAP-MD5，用户 \"student\"（帧 29）：在第 7 个候选口令找到") || !strings.Contains(out, "1/1 个身份验证已找到") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestCrackCustomCharsetAndWordlistCounts(t *testing.T) {
	// -1 '321' orders as 1 2 3 (octet order, as hashcat --markov-disable),
	// the leftmost position fastest: 123 has index 0 + 1*3 + 2*9 = 21, so
	// it is the 22nd candidate.
	code, out, _ := runCapture(t, nil, "crack", "../../testdata/pcaps/PPTP_VPN_Sniffer__connect.pcapng", "--mask", "?1?1?1", "-1", "321", "--lang", "en")
	if code != 0 || !strings.Contains(out, "found after 22 candidates") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	dir := t.TempDir()
	list := filepath.Join(dir, "w.txt")
	os.WriteFile(list, []byte(strings.Repeat("x", 257)+"\ncaf\xe9\r\nsyberos\r\n"), 0o644)
	code, out, errOut := runCapture(t, nil, "crack", "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap", "--wordlist", list, "--lang", "en")
	if code != 0 || errOut != "" || !strings.Contains(out, "found after 2 candidates") ||
		!strings.Contains(out, "Word list: 3 lines, 1 longer than 256 characters skipped, 1 not UTF-8 (tried as Latin-1).") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
}

// A capture holding only the Challenge (chapcrack__pptp.cap cut after its
// first packet): no complete authentication, said with the count.
func TestCrackIncompleteAuthentication(t *testing.T) {
	b, err := os.ReadFile("../../testdata/pcaps/chapcrack__pptp.cap")
	if err != nil {
		t.Fatal(err)
	}
	first := 24 + 16 + int(binary.LittleEndian.Uint32(b[24+8:]))
	list := crackWords(t, "w.txt", 3, "bPCFyF2uL1p5Lg5yrKmqmY")
	code, out, errOut := runCapture(t, b[:first], "crack", "-", "--wordlist", list, "--lang", "en")
	if code != exitNoAuth || errOut != "pptpscope: -: the capture holds no complete authentication to crack (1 incomplete: a challenge without its response, or the reverse)\n" {
		t.Fatalf("exit %d\n%s%q", code, out, errOut)
	}
	// Whole, it cracks, and nothing goes to standard error (no progress
	// line: it is not a terminal).
	code, out, errOut = runCapture(t, b, "crack", "-", "--wordlist", list, "--lang", "en")
	if code != 0 || errOut != "" || !strings.Contains(out, "found after 3 candidates") {
		t.Fatalf("exit %d\n%s%q", code, out, errOut)
	}
}
