package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
)

// TestErrorsChinese runs bad inputs of every command with --lang en and
// --lang zh: the English line is today's, word for word; the Chinese one
// has the same exit status and no English sentence left (only names,
// quoted values, flags and text from outside the project, foreign).
func TestErrorsChinese(t *testing.T) {
	dir := t.TempDir()
	pcaps := "../../testdata/pcaps/"
	read := func(name string) []byte {
		b, err := os.ReadFile(pcaps + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	pcap := pcaps + "chapcrack__pptp.cap"
	real := read("pppd__mschapv2-mppe128.pcap")
	corrupt := append([]byte(nil), real[:24+16]...)
	corrupt[24+8], corrupt[24+9], corrupt[24+10], corrupt[24+11] = 0xff, 0xff, 0xff, 0x7f
	damaged := gz(real)
	damaged[200] ^= 0xff
	emptyDir := filepath.Join(dir, "empty-dir")
	if err := os.Mkdir(emptyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	text := write("notes.txt", []byte("hello world\n"))
	empty := write("empty.txt", nil)
	var ifaces []string
	if l, err := capture.ListInterfaces(); err == nil {
		for _, i := range l {
			ifaces = append(ifaces, i.Name)
		}
	}
	cases := []struct {
		name    string
		args    []string
		code    int
		en      string // the English line after "pptpscope: "
		foreign string // text from outside the project, left in the Chinese
	}{
		{"text", []string{"analyze", text}, exitNotCapture, text + ": not a pcap or pcapng file: looks like text", ""},
		{"empty", []string{"packets", write("e.pcap", nil)}, exitNotCapture, dir + "/e.pcap: empty file", ""},
		{"empty gzip", []string{"analyze", write("e.pcap.gz", gz(nil))}, exitNotCapture, dir + "/e.pcap.gz: empty file (gzip-compressed)", ""},
		{"zip", []string{"analyze", write("z.zip", []byte("PK\x03\x04xxxx"))}, exitNotCapture, dir + "/z.zip: not a pcap or pcapng file: looks like a ZIP archive (unzip it first)", ""},
		{"gzip text", []string{"analyze", write("t.gz", gz([]byte("text\n")))}, exitNotCapture, dir + "/t.gz: not a pcap or pcapng file: gzip-compressed, and the content looks like text", ""},
		{"binary", []string{"analyze", write("b.bin", []byte{1, 2, 3, 4, 5, 6, 7, 8, 9})}, exitNotCapture, dir + "/b.bin: not a pcap or pcapng file: starts with unknown bytes 01 02 03 04 05 06 07 08", ""},
		{"directory", []string{"analyze", emptyDir}, exitNotCapture, emptyDir + ": not a pcap or pcapng file: no pcap or pcapng file in the directory", ""},
		{"short", []string{"analyze", write("s.pcap", real[:3])}, exitTruncated, dir + "/s.pcap: capture cut short before the first frame (byte 0): truncated file header (3 bytes)", ""},
		{"cut pcapng", []string{"analyze", write("c.pcapng", read("PPTP_VPN_Sniffer__connect.pcapng")[:5000])}, exitTruncated, dir + "/c.pcapng: capture cut short after frame 41 (byte 4936): truncated enhanced packet block", ""},
		{"cut pcap", []string{"packets", write("c.pcap", real[:1000])}, exitTruncated, dir + "/c.pcap: capture cut short after frame 9 (byte 894): truncated packet record", ""},
		// Several captures: the merge's name before each capture's error (errors.Join's, one a line, written as one).
		{"cut among two", []string{"analyze", write("m1.pcap", real[:1000]), pcap}, exitTruncated,
			dir + "/m1.pcap + " + pcap + ": " + dir + "/m1.pcap: capture cut short after frame 9 (byte 894): truncated packet record", ""},
		{"two cut", []string{"analyze", write("m2.pcap", real[:1000]), write("m3.pcap", real[:3000])}, exitTruncated,
			dir + "/m2.pcap + " + dir + "/m3.pcap: " + dir + "/m2.pcap: capture cut short after frame 9 (byte 894): truncated packet record " +
				dir + "/m3.pcap: capture cut short after frame 29 (byte 2968): truncated packet record", ""},
		{"corrupt", []string{"analyze", write("x.pcap", corrupt)}, exitTruncated, dir + "/x.pcap: corrupt record before the first frame (byte 24): captured length 2147483647 exceeds the maximum 262144", ""},
		{"damaged gzip", []string{"analyze", write("d.pcap.gz", damaged)}, exitTruncated, dir + "/d.pcap.gz: corrupt record after frame 1 (byte 110): damaged gzip stream: flate: corrupt input before offset 194", "flate: corrupt input before offset 194"},
		{"second capture", []string{"analyze", pcap, text}, exitNotCapture, text + ": not a pcap or pcapng file: looks like text", ""},
		{"phase", []string{"diagram", "--phase", "9", pcap}, exitUsage, `unknown phase "9" (one of tcp-connect, control-connection, call-setup, lcp, authentication, ncp, ccp, data, teardown; or 2.1 ... 2.6)`, ""},
		{"packets phase", []string{"packets", "--phase", "x", pcap}, exitUsage, `unknown phase "x" (one of tcp-connect, control-connection, call-setup, lcp, authentication, ncp, ccp, data, teardown; or 2.1 ... 2.6)`, ""},
		{"session", []string{"diagram", "--session", "9", pcap}, exitUsage, "no session 9: the capture has 1", ""},
		{"since", []string{"packets", "--since", "xyz", pcap}, exitUsage, `--since "xyz": not a time: give an RFC 3339 time (2024-05-01T10:00:00Z) or +DURATION from the capture's start (+30s)`, ""},
		{"until", []string{"analyze", "--until", "+-5s", pcap}, exitUsage, `--until "+-5s": not a time: the offset must not be negative`, ""},
		{"offset", []string{"packets", "--since", "+x", pcap}, exitUsage, `--since "+x": not a time: give an RFC 3339 time or +DURATION from the capture's start (+30s, +2m)`, ""},
		{"mask charset", []string{"crack", "--mask", "?z", pcap}, exitCandidates, `invalid mask: mask "?z": unknown charset ?z (known: ?l ?u ?d ?h ?H ?s ?a ?b ?1-?4 ??)`, ""},
		{"mask question", []string{"crack", "--mask", "ab?", pcap}, exitCandidates, `invalid mask: mask "ab?" ends with a lone '?' (write ?? for a question mark)`, ""},
		{"mask custom", []string{"crack", "--mask", "?1", pcap}, exitCandidates, `invalid mask: mask "?1" uses ?1 but custom charset 1 is not defined (-1)`, ""},
		{"custom charset", []string{"crack", "--mask", "?1", "-1", "?q", pcap}, exitCandidates, `invalid mask: custom charset -1 "?q": unknown charset ?q (known: ?l ?u ?d ?h ?H ?s ?a ?b ?1-?4 ??)`, ""},
		{"mask size", []string{"crack", "--mask", strings.Repeat("?a", 16), pcap}, exitCandidates, `invalid mask: mask "` + strings.Repeat("?a", 16) + `" has too many candidates`, ""},
		{"increment", []string{"crack", "--mask", "ab", "--increment", "--increment-min", "5", pcap}, exitCandidates, "invalid mask: --increment-min 5 is longer than the mask (2 positions)", ""},
		{"word list", []string{"crack", "--wordlist", empty, pcap}, exitCandidates, "unusable word list: " + empty + " is empty", ""},
		{"rule", []string{"crack", "--wordlist", text, "--rules", write("r1", []byte("bad\n")), pcap}, exitCandidates, dir + "/r1 line 1: invalid rule: unknown or unsupported function 'b' at column 1", ""},
		{"rule parameters", []string{"crack", "--wordlist", text, "--rules", write("r2", []byte("x\n")), pcap}, exitCandidates, dir + "/r2 line 1: invalid rule: function 'x' at column 1 needs 2 parameter(s)", ""},
		{"rule position", []string{"crack", "--wordlist", text, "--rules", write("r3", []byte("x!1\n")), pcap}, exitCandidates, dir + "/r3 line 1: invalid rule: function 'x' at column 1: '!' is not a position (0-9, A-Z)", ""},
		{"no rule", []string{"crack", "--wordlist", text, "--rules", empty, pcap}, exitCandidates, "invalid rule: " + empty + " holds no rule", ""},
		{"crack capture", []string{"crack", "--wordlist", text, text}, exitNotCapture, text + ": not a pcap or pcapng file: looks like text", ""},
		{"no password", []string{"keys", pcap}, exitUsage, "a password is needed: give --password-file, --nt-hash-file, --credentials or PPTPSCOPE_PASSWORD (standard input is not a terminal, so it cannot be asked for)", ""},
		{"no user password", []string{"decrypt", "--user", "bob", pcap, "-w", filepath.Join(dir, "o.pcap")}, exitUsage, "the password of user bob is needed: give --password-file, --nt-hash-file, --credentials or PPTPSCOPE_PASSWORD (standard input is not a terminal, so it cannot be asked for)", ""},
		{"no keys", []string{"keys", "--password-file", text, pcaps + "pppd__pap-noenc.pcap"}, exitError, "no key derivation to show: session 1: MPPE keys come from MS-CHAP; this session used PAP", ""},
		// The interfaces (other tests may add some) are checked below.
		{"no interface", []string{"live", "-i", "nosuch0"}, exitNoInterface, "nosuch0: no such interface (available: ", ""},
		{"rotate size", []string{"live", "-i", "lo", "-w", filepath.Join(dir, "l.pcap"), "--rotate-size", "12Q"}, exitUsage, `--rotate-size: invalid size "12Q" (e.g. 10M, 500K, 1G, 100000)`, ""},
		{"fault", []string{"simulate", "-w", filepath.Join(dir, "s.pcap"), "--password-file", text, "--fault", "nosuch"}, exitUsage, `bad simulate option: unknown fault "nosuch" (see --list-faults)`, ""},
		{"auth", []string{"simulate", "-w", filepath.Join(dir, "s.pcap"), "--password-file", text, "--auth", "foo"}, exitUsage, `bad simulate option: --auth "foo": use one of pap, chap-md5, mschapv1, mschapv2, eap-md5, eap-mschapv2`, ""},
		{"faults", []string{"simulate", "-w", filepath.Join(dir, "s.pcap"), "--password-file", text, "--fault", "mtu=5"}, exitUsage, "bad simulate option: fault mtu=BYTES needs an MTU from 576 to 9000", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("PPTPSCOPE_PASSWORD", "")
			code, _, en := runCapture(t, nil, append(tc.args, "--lang", "en")...)
			if code != tc.code {
				t.Errorf("en: exit %d, want %d", code, tc.code)
			}
			if want := "pptpscope: " + tc.en + "\n"; en != want && !(tc.name == "no interface" && strings.HasPrefix(en, want[:len(want)-1]) && strings.Contains(en, ifaces[0])) {
				t.Errorf("en:\n got %q\nwant %q", en, want)
			}
			code, _, zh := runCapture(t, nil, append(tc.args, "--lang", "zh")...)
			if code != tc.code {
				t.Errorf("zh: exit %d, want %d", code, tc.code)
			}
			line, ok := strings.CutPrefix(zh, "pptpscope: ")
			if !ok || strings.Count(zh, "\n") != 1 {
				t.Fatalf("zh: not one 'pptpscope: ' line: %q", zh)
			}
			if p := englishLeft(strings.ReplaceAll(line, tc.foreign, ""), dir, pcaps); p != "" || !han.MatchString(line) {
				t.Errorf("zh: English %q left in %q", p, line)
			}
			if tc.foreign != "" && !strings.Contains(line, tc.foreign) {
				t.Errorf("zh: %q lost %q", line, tc.foreign)
			}
		})
	}
}

// TestErrorsChineseBuilt: errors the tests cannot provoke on this machine
// (live capture's permission and filter errors, an unsupported link type,
// -Z) or that need a build without cgo, worded in Chinese from their data.
func TestErrorsChineseBuilt(t *testing.T) {
	for _, tc := range []struct {
		err      error
		en, zh   string
		exitCode int
	}{
		{&capture.Msg{Domain: "capture", Code: "permission-in", Args: []any{"eth0", capture.ErrPermission, syscall.EPERM}},
			"eth0: no permission to capture: capture needs root or the CAP_NET_RAW and CAP_NET_ADMIN capabilities (operation not permitted)",
			"eth0：没有抓包权限：抓包需要 root 权限，或 CAP_NET_RAW 和 CAP_NET_ADMIN 能力（不允许的操作）", exitPermission},
		{capture.ErrFilterUnsupported,
			`capture filters (-f) need libpcap: this pptpscope was built without cgo and only supports the default filter "tcp port 1723 or ip proto 47 or ip6 proto 47"`,
			`抓包过滤器（-f）需要 libpcap：此 pptpscope 构建时未启用 cgo，只支持默认过滤器 "tcp port 1723 or ip proto 47 or ip6 proto 47"`, exitUsage},
		{capture.ErrLiveUnsupported, "live capture is not supported by this build (build with cgo and libpcap)",
			"此构建不支持实时抓包（请启用 cgo 并链接 libpcap 重新构建）", exitError},
		{&capture.Msg{Domain: "capture", Code: "bad-filter", Args: []any{"lo", "port x", errors.New("syntax error")}},
			`lo: bad capture filter "port x": syntax error`, `lo：抓包过滤器 "port x" 有误：syntax error`, exitError},
		{&capture.Msg{Domain: "capture", Code: "unsupported-link", Args: []any{capture.ErrUnsupportedLinkType, "147 (USER0)", capture.List{"1 (Ethernet)", "113 (Linux SLL)"}}}, "unsupported link type 147 (USER0) (supported: 1 (Ethernet), 113 (Linux SLL))",
			"不支持的链路类型 147 (USER0)（支持的有：1 (Ethernet)、113 (Linux SLL)）", exitUnsupported},
		{&capture.Error{Kind: nil, Frame: 3, Offset: 100, Detail: &capture.Msg{Domain: "capture", Code: "part.packet-record"}, Err: &os.PathError{Op: "read", Path: "a.pcap", Err: syscall.EIO}},
			"read error after frame 3 (byte 100): packet record: read a.pcap: input/output error",
			"在第 3 帧之后（字节 100）读取出错：报文记录：无法读取 a.pcap：输入/输出错误", exitUnreadable},
		{textErr("cli.err.drop-setuid", "nobody", errDrop, 65534, detail{syscall.EPERM}), "-Z nobody: cannot give up root: setuid 65534: operation not permitted",
			"-Z nobody：无法放弃 root 权限：setuid 65534 失败：不允许的操作", exitError},
	} {
		if got := tc.err.Error(); got != tc.en {
			t.Errorf("en %q, want %q", got, tc.en)
		}
		if got := translateErr("zh", tc.err); got != tc.zh {
			t.Errorf("zh %q, want %q", got, tc.zh)
		}
		if got := exitCode(tc.err); got != tc.exitCode {
			t.Errorf("%q: exit %d, want %d", tc.en, got, tc.exitCode)
		}
	}
}

var (
	// quotedOrFlag: quoted values, commands in backticks, flags.
	quotedOrFlag = regexp.MustCompile("`[^`]*`|\"[^\"]*\"|'[^']*'|--?[a-z][a-z0-9-]*")
	// latinWords: two or more Latin words, the second in lower case.
	latinWords = regexp.MustCompile(`[A-Za-z]{2,}(?:[ -]+[a-z]{2,})+`)
)

// englishLeft returns English prose left in a Chinese line, after the
// file names under the given directories, quoted values and flags, or "".
func englishLeft(line string, dirs ...string) string {
	for _, d := range dirs {
		line = regexp.MustCompile(regexp.QuoteMeta(d)+`\S*`).ReplaceAllString(line, "")
	}
	return latinWords.FindString(quotedOrFlag.ReplaceAllString(line, ""))
}
