package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopacket/gopacket/pcapgo"
	"github.com/pptpscope/pptpscope/session"
	"github.com/pptpscope/pptpscope/simulate"
)

const simPasswordFile = "../../testdata/simulate/password.txt"

// simAnalysis is what the tests read of `pptpscope analyze --format json`:
// the one place where generated captures meet the analyzer.
type simAnalysis struct {
	Sessions []struct {
		Verdict   string `json:"verdict"`
		Addresses struct {
			Client string `json:"client"`
		} `json:"addresses"`
		Auth       string `json:"auth"`
		AuthResult string `json:"auth_result"`
		Encryption *struct {
			MPPEBits  int  `json:"mppe_bits"`
			Stateless bool `json:"stateless"`
			MPPC      bool `json:"mppc"`
		} `json:"encryption"`
		Phases []struct {
			Name   string `json:"name"`
			Status string `json:"status"`
		} `json:"phases"`
		Stats    map[string]any `json:"stats"`
		Findings []struct {
			Code     string `json:"code"`
			Severity string `json:"severity"`
			Frames   []int  `json:"frames"`
		} `json:"findings"`
	} `json:"sessions"`
}

func simAnalyze(t *testing.T, file string) simAnalysis {
	t.Helper()
	code, out, stderr := runCapture(t, nil, "analyze", "--format", "json", file)
	if code != exitOK {
		t.Fatalf("analyze exit %d: %s", code, stderr)
	}
	var a simAnalysis
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("analyze JSON: %v", err)
	}
	return a
}

func simGenerate(t *testing.T, file string, args ...string) {
	t.Helper()
	code, _, stderr := runCapture(t, nil, append([]string{"simulate", "--password-file", simPasswordFile, "-w", file}, args...)...)
	if code != exitOK {
		t.Fatalf("simulate %v: exit %d: %s", args, code, stderr)
	}
}

// faultArgs gives each fault of --list-faults the options it is tried with.
func faultArgs(fi simulate.FaultInfo) []string {
	name := fi.Name
	switch fi.Arg {
	case "PERCENT":
		name += "=4"
	case "BYTES":
		name += "=800"
	}
	args := []string{"--fault", name}
	switch fi.Name {
	case "ipv6cp-rejected":
		args = append(args, "--ipv6")
	case "loss", "reorder", "duplicate":
		args = append(args, "--traffic", "bulk=300k")
	}
	return args
}

// faultFrames is the message a fault's finding must point at (the frames
// where it happened), as `pptpscope packets` names it.
var faultFrames = map[string]string{
	"gre-blocked-to-server": "LCP Configure-Request",
	"gre-blocked-to-client": "LCP Configure-Request",
	"control-rejected":      "PPTP Start-Control-Connection-Reply",
	"call-rejected":         "PPTP Outgoing-Call-Reply",
	"lcp-no-agreement":      "LCP Configure-Request",
	"auth-mismatch":         "LCP Terminate-Request",
	"wrong-password":        "CHAP Failure",
	"mppe-mismatch":         "CCP Configure-Request",
	"ipv6cp-rejected":       "LCP Protocol-Reject",
}

// TestSimulateFaultFindings: analyze reports, for each fault, the finding
// --list-faults names, at the frames of the message where it happened, and
// no error or warning it does not name.
func TestSimulateFaultFindings(t *testing.T) {
	dir := t.TempDir()
	for _, client := range []string{"pppd", "windows"} {
		for _, fi := range simulate.FaultInfos {
			t.Run(client+"/"+fi.Name, func(t *testing.T) { testFaultFinding(t, dir, client, fi) })
		}
	}
}

func testFaultFinding(t *testing.T, dir, client string, fi simulate.FaultInfo) {
	file := filepath.Join(dir, client+"-"+fi.Name+".pcap")
	simGenerate(t, file, append(faultArgs(fi), "--client", client)...)
	a := simAnalyze(t, file)
	if len(a.Sessions) != 1 {
		t.Fatalf("%d sessions, want 1", len(a.Sessions))
	}
	found := false
	for _, f := range a.Sessions[0].Findings {
		if f.Code == fi.Finding {
			found = true
			// analyze gives echo-unanswered no frames (it is about
			// the end of the capture); the other errors name theirs.
			if f.Severity == "error" && len(f.Frames) == 0 && f.Code != "echo-unanswered" {
				t.Errorf("finding %s names no frame", f.Code)
			}
			continue
		}
		if f.Severity == "error" || f.Severity == "warning" {
			t.Errorf("finding %s (%s) was not injected", f.Code, f.Severity)
		}
	}
	if fi.Finding != "" && !found {
		t.Errorf("no %s finding: %+v", fi.Finding, a.Sessions[0].Findings)
	}
	if want := faultFrames[fi.Name]; want != "" {
		msgs := map[int][]string{}
		for _, r := range readJSONL[ourRecord](t, runPackets(t, file)) {
			msgs[r.Frame] = append(msgs[r.Frame], r.Proto+" "+r.Msg)
		}
		at := false
		for _, f := range a.Sessions[0].Findings {
			if f.Code != fi.Finding {
				continue
			}
			for _, fr := range f.Frames {
				for _, m := range msgs[fr] {
					at = at || m == want
				}
			}
		}
		if !at {
			t.Errorf("the %s finding does not point at a %s", fi.Finding, want)
		}
	}
}

// statSum adds a counter of both directions of analyze's statistics.
func statSum(stats map[string]any, key string) int {
	n := 0
	for _, dir := range []string{"client_to_server", "server_to_client"} {
		if m, ok := stats[dir].(map[string]any); ok {
			f, _ := m[key].(float64)
			n += int(f)
		}
	}
	return n
}

// TestSimulateFaultEffects: the faults without a finding of their own show
// where --list-faults says: duplicated GRE, outer IPv4 fragments, no
// teardown; loss with stateful MPPE brings CCP Reset-Request and Reset-Ack,
// after which the sender's next packet is flushed.
func TestSimulateFaultEffects(t *testing.T) {
	dir := t.TempDir()
	gen := func(name string, args ...string) (string, simAnalysis) {
		file := filepath.Join(dir, name+".pcap")
		simGenerate(t, file, args...)
		return file, simAnalyze(t, file)
	}
	if _, a := gen("dup", "--fault", "duplicate=4", "--traffic", "bulk=300k"); statSum(a.Sessions[0].Stats, "duplicated") == 0 {
		t.Errorf("duplicate: no duplicated GRE packet")
	}
	if _, a := gen("loss", "--fault", "loss=4", "--traffic", "bulk=300k"); statSum(a.Sessions[0].Stats, "lost") == 0 {
		t.Errorf("loss: no lost GRE packet")
	}
	if _, a := gen("end", "--fault", "end-early"); a.Sessions[0].Phases[len(a.Sessions[0].Phases)-1].Status != "missing" {
		t.Errorf("end-early: phases %+v", a.Sessions[0].Phases)
	}
	file, _ := gen("mtu", "--fault", "mtu=700")
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	frags := 0
	for {
		data, _, err := r.ReadPacketData()
		if err != nil {
			break
		}
		// Ethernet, then IPv4: flags and fragment offset at bytes 20-21.
		if len(data) > 34 && data[12] == 0x08 && data[13] == 0x00 && (data[20]&0x20 != 0 || data[20]&0x1f != 0 || data[21] != 0) {
			frags++
		}
	}
	if frags == 0 {
		t.Errorf("mtu=700: no outer IPv4 fragment")
	}
	file, _ = gen("reset", "--stateful", "--fault", "loss=4", "--traffic", "bulk=300k")
	requests, acks, flushedAfter := 0, 0, 0
	pending := map[string]bool{} // sender address -> a Reset-Ack was sent, next packet must be flushed
	for _, rec := range readJSONL[ourRecord](t, runPackets(t, "--all", file)) {
		switch {
		case rec.Proto == "CCP" && rec.Msg == "Reset-Request":
			requests++
		case rec.Proto == "CCP" && rec.Msg == "Reset-Ack":
			acks++
			pending[*rec.Src] = true
		case rec.Proto == "MPPE" && pending[*rec.Src]:
			delete(pending, *rec.Src)
			if rec.Fields["a_flushed"] == true {
				flushedAfter++
			}
		}
	}
	if acks == 0 || requests < acks || flushedAfter != acks {
		t.Errorf("stateful loss: %d Reset-Requests, %d Reset-Acks, %d flushed packets after them", requests, acks, flushedAfter)
	}
}

// TestSimulateFindingCodes: the codes --list-faults names are analyze's.
func TestSimulateFindingCodes(t *testing.T) {
	codes := map[string]bool{session.FindingControlRejected: true, session.FindingCallRejected: true,
		session.FindingGREMissing: true, session.FindingLCPNoAgreement: true, session.FindingAuthFailed: true,
		session.FindingMPPEMismatch: true, session.FindingEchoUnanswered: true, session.FindingAbnormalTeardown: true,
		session.FindingGRELoss: true, session.FindingMidSession: true, session.FindingProtocolRejected: true}
	for _, fi := range simulate.FaultInfos {
		if fi.Finding != "" && !codes[fi.Finding] {
			t.Errorf("fault %s names %q, not an analyze finding", fi.Name, fi.Finding)
		}
	}
}

var simAuthNames = map[simulate.Auth]string{simulate.AuthPAP: "PAP", simulate.AuthCHAPMD5: "CHAP-MD5",
	simulate.AuthMSCHAPv1: "MS-CHAPv1", simulate.AuthMSCHAPv2: "MS-CHAPv2", simulate.AuthEAPMD5: "EAP-MD5",
	simulate.AuthEAPMSCHAPv2: "EAP-MSCHAPv2"}

// TestSimulateCleanMatrix: every authentication x MPPE strength x mode
// without a fault gives a session analyze finds nothing wrong with, with
// the chosen method and encryption, and decrypt with the password recovers
// every inner packet byte for byte.
func TestSimulateCleanMatrix(t *testing.T) {
	dir := t.TempDir()
	pw, err := readPasswordFile(simPasswordFile)
	if err != nil {
		t.Fatal(err)
	}
	type combo struct {
		client   simulate.Client
		auth     simulate.Auth
		bits     int
		stateful bool
		mppc     bool
	}
	var combos []combo
	for _, cl := range []simulate.Client{simulate.ClientPPPd, simulate.ClientWindows} {
		for _, a := range simulate.Auths {
			combos = append(combos, combo{cl, a, 0, false, false})
			if a.KeysMPPE() {
				for _, b := range []int{40, 56, 128} {
					if a == simulate.AuthMSCHAPv1 && b == 40 {
						continue // refused, as pppd does (TestSimulateBadOptions)
					}
					combos = append(combos, combo{cl, a, b, false, false}, combo{cl, a, b, true, false},
						combo{cl, a, b, false, true}, combo{cl, a, b, true, true})
				}
			}
		}
	}
	for i, c := range combos {
		name := fmt.Sprintf("%s-%s-%d-%v", c.client, c.auth, c.bits, c.stateful)
		if c.mppc {
			name += "-mppc"
		}
		t.Run(name, func(t *testing.T) {
			var sent [][]byte
			o := simulate.Options{Client: c.client, Auth: c.auth, Password: pw, MPPE: c.bits, Stateful: c.stateful, MPPC: c.mppc, Seed: uint64(i),
				Traffic: simulate.Traffic{Ping: true, DNS: true, HTTP: true},
				OnInner: func(_ int, ip []byte) { sent = append(sent, append([]byte(nil), ip...)) }}
			file := filepath.Join(dir, name+".pcap")
			writeSim(t, file, o)
			a := simAnalyze(t, file)
			if len(a.Sessions) != 1 {
				t.Fatalf("%d sessions", len(a.Sessions))
			}
			s := a.Sessions[0]
			for _, f := range s.Findings {
				if f.Severity == "error" || f.Severity == "warning" {
					t.Errorf("finding %s (%s)", f.Code, f.Severity)
				}
			}
			if s.Verdict != "ok" || s.Auth != simAuthNames[c.auth] || s.AuthResult != "success" || s.Addresses.Client != "172.16.0.10" {
				t.Errorf("verdict %q auth %q %q address %q", s.Verdict, s.Auth, s.AuthResult, s.Addresses.Client)
			}
			if c.bits == 0 {
				if s.Encryption != nil && s.Encryption.MPPEBits != 0 {
					t.Errorf("encryption %+v, want none", *s.Encryption)
				}
				return
			}
			if s.Encryption == nil || s.Encryption.MPPEBits != c.bits || s.Encryption.Stateless == c.stateful || s.Encryption.MPPC != c.mppc {
				t.Fatalf("encryption %+v, want %d-bit stateful=%v mppc=%v", s.Encryption, c.bits, c.stateful, c.mppc)
			}
			checkDecrypt(t, file, sent)
		})
	}
}

func writeSim(t *testing.T, file string, o simulate.Options) {
	t.Helper()
	if err := simulate.WriteFile(file, o); err != nil {
		t.Fatal(err)
	}
}

// checkDecrypt runs decrypt and compares its packets with those sent.
func checkDecrypt(t *testing.T, file string, sent [][]byte) {
	t.Helper()
	out := file + ".inner.pcap"
	code, _, stderr := runCapture(t, nil, "decrypt", "--password-file", simPasswordFile, file, "-w", out)
	if code != exitOK {
		t.Fatalf("decrypt exit %d: %s", code, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for ; ; n++ {
		data, _, err := r.ReadPacketData()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if n >= len(sent) || !bytes.Equal(data, sent[n]) {
			t.Fatalf("decrypted packet %d differs from the one sent", n+1)
		}
	}
	if n != len(sent) || n == 0 {
		t.Fatalf("decrypted %d packets, sent %d", n, len(sent))
	}
}

// TestSimulateLongStateful: decrypt follows a stateful bulk transfer past
// 16 key changes and the 4095 -> 0 wrap of the coherency count.
func TestSimulateLongStateful(t *testing.T) {
	pw, err := readPasswordFile(simPasswordFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []simulate.Auth{simulate.AuthMSCHAPv1, simulate.AuthEAPMSCHAPv2} {
		t.Run(string(a), func(t *testing.T) {
			var sent [][]byte
			o := simulate.Options{Auth: a, Password: pw, MPPE: 56, Stateful: true, Seed: 9,
				Traffic: simulate.Traffic{Bulk: 4200 * 1340},
				OnInner: func(_ int, ip []byte) { sent = append(sent, append([]byte(nil), ip...)) }}
			file := filepath.Join(t.TempDir(), "long.pcap")
			writeSim(t, file, o)
			checkDecrypt(t, file, sent)
		})
	}
}

// TestSimulateVariants: the link types, IPv6 inside and outside, pcapng,
// overlapping sessions: analyze sees each session whole and fault-free.
func TestSimulateVariants(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name     string
		args     []string
		sessions int
	}{
		{"sll", []string{"--link", "sll"}, 1},
		{"raw", []string{"--link", "raw"}, 1},
		{"ipv6", []string{"--ipv6"}, 1},
		{"outer-ipv6", []string{"--outer-ipv6", "--ipv6", "--link", "sll"}, 1},
		{"pcapng", []string{"--format", "pcapng"}, 1},
		{"overlap", []string{"--sessions", "5", "--overlap", "1s", "--traffic", "ping"}, 5},
		{"sequential", []string{"--sessions", "3", "--traffic", "dns"}, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(dir, c.name+".cap")
			simGenerate(t, file, c.args...)
			a := simAnalyze(t, file)
			if len(a.Sessions) != c.sessions {
				t.Fatalf("%d sessions, want %d", len(a.Sessions), c.sessions)
			}
			for i, s := range a.Sessions {
				if s.Verdict != "ok" {
					t.Errorf("session %d: verdict %q", i+1, s.Verdict)
				}
				for _, f := range s.Findings {
					if f.Severity == "error" || f.Severity == "warning" {
						t.Errorf("session %d: finding %s (%s)", i+1, f.Code, f.Severity)
					}
				}
			}
		})
	}
}

// simVariant is one line of testdata/simulate/variants.txt.
type simVariant struct{ name, args string }

func simVariants(t *testing.T) []simVariant {
	t.Helper()
	b, err := os.ReadFile("../../testdata/simulate/variants.txt")
	if err != nil {
		t.Fatal(err)
	}
	var vs []simVariant
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, args, _ := strings.Cut(line, "\t")
		vs = append(vs, simVariant{name, args})
	}
	return vs
}

// TestSimulateCrosscheck: the committed tshark data of every variant
// (scripts/simulate-crosscheck.sh) shows no malformed packet and no
// error-level expert item, generating the variant again gives the bytes
// whose sha256 was committed with it, and pptpscope dissects the control
// messages of those bytes as tshark did.
func TestSimulateCrosscheck(t *testing.T) {
	sums := map[string]string{}
	b, err := os.ReadFile("../../testdata/simulate/sha256.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		sum, file, _ := strings.Cut(line, "  ")
		sums[file] = sum
	}
	dir := t.TempDir()
	vs := simVariants(t)
	if len(vs) != len(sums) {
		t.Errorf("%d variants, %d committed sums: run scripts/simulate-crosscheck.sh", len(vs), len(sums))
	}
	for _, v := range vs {
		t.Run(v.name, func(t *testing.T) {
			expert, err := os.ReadFile("../../testdata/simulate/expert/" + v.name + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(expert, []byte("Chats (")) {
				t.Errorf("expert output has no chats: not tshark's")
			}
			for _, bad := range []string{"Errors (", "Malformed", "malformed"} {
				if bytes.Contains(expert, []byte(bad)) {
					t.Errorf("tshark's expert info says %q", bad)
				}
			}
			dissection, err := os.ReadFile("../../testdata/simulate/tshark/" + v.name + ".jsonl")
			if err != nil || len(dissection) == 0 {
				t.Fatalf("no tshark dissection committed: %v", err)
			}
			ext := ".pcap"
			if strings.Contains(v.args, "--format pcapng") {
				ext = ".pcapng"
			}
			file := filepath.Join(dir, v.name+ext)
			simGenerate(t, file, strings.Fields(v.args)...)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(data)
			if got := hex.EncodeToString(sum[:]); got != sums[v.name+ext] {
				t.Fatalf("sha256 %s, committed %s", got, sums[v.name+ext])
			}
			// The same bytes as tshark's: pptpscope reads every control
			// message and field tshark shows in them.
			if n := compareWithTshark(t, dissection, file); n < 8 {
				t.Errorf("only %d fields compared with tshark's", n)
			}
		})
	}
}

// TestSimulateBadOptions: contradictory or bad options end with the usage
// status and one line, before any file is created.
func TestSimulateBadOptions(t *testing.T) {
	dir := t.TempDir()
	long := filepath.Join(dir, "long.txt")
	if err := os.WriteFile(long, []byte(strings.Repeat("p", 257)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.pcap")
	cases := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"pap with mppe", []string{"--auth", "pap", "--mppe", "128"}, exitUsage, "no MPPE keys"},
		{"eap-md5 with mppe", []string{"--auth", "eap-md5", "--mppe", "40"}, exitUsage, "no MPPE keys"},
		{"chap-md5 with mppe", []string{"--auth", "chap-md5", "--mppe", "56"}, exitUsage, "no MPPE keys"},
		{"stateful without mppe", []string{"--auth", "pap", "--stateful"}, exitUsage, "need MPPE"},
		{"mppc without mppe", []string{"--auth", "pap", "--mppc"}, exitUsage, "need MPPE"},
		{"mschapv1 with 40-bit", []string{"--auth", "mschapv1", "--mppe", "40"}, exitUsage, "pppd disables 40-bit MPPE after MS-CHAPv1"},
		{"bad mppe", []string{"--mppe", "64"}, exitUsage, "--mppe"},
		{"bad auth", []string{"--auth", "kerberos"}, exitUsage, "--auth"},
		{"bad link", []string{"--link", "tokenring"}, exitUsage, "--link"},
		{"bad traffic", []string{"--traffic", "ftp"}, exitUsage, "ftp"},
		{"unknown fault", []string{"--fault", "meteor"}, exitUsage, "unknown fault"},
		{"bad rate", []string{"--fault", "loss=80"}, exitUsage, "PERCENT"},
		{"bad result", []string{"--fault", "call-rejected=9"}, exitUsage, "RESULT"},
		{"two terminal faults", []string{"--fault", "wrong-password", "--fault", "mppe-mismatch"}, exitUsage, "both end the session"},
		{"mtu with outer ipv6", []string{"--outer-ipv6", "--fault", "mtu=1000"}, exitUsage, "IPv4 only"},
		{"ipv6cp-rejected without ipv6", []string{"--fault", "ipv6cp-rejected"}, exitUsage, "--ipv6"},
		{"password too long", []string{"--password-file", long}, exitUsage, "at most 256"},
		{"bad format", []string{"--format", "xml"}, exitUsage, "--format"},
		{"zero sessions", []string{"--sessions", "0"}, exitUsage, "--sessions"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"simulate", "--password-file", simPasswordFile, "-w", out}, c.args...)
			code, _, stderr := runCapture(t, nil, args...)
			if code != c.code {
				t.Errorf("exit %d, want %d (%q)", code, c.code, stderr)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.inStderr) {
				t.Errorf("stderr %q, want one line with %q", stderr, c.inStderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written", out)
			}
		})
	}
	t.Run("no password", func(t *testing.T) {
		t.Setenv(passwordEnv, "")
		code, _, stderr := runCapture(t, nil, "simulate", "-w", out)
		if code != exitUsage || !strings.Contains(stderr, passwordEnv) {
			t.Errorf("exit %d %q", code, stderr)
		}
	})
	t.Run("unwritable output", func(t *testing.T) {
		code, _, stderr := runCapture(t, nil, "simulate", "--password-file", simPasswordFile, "-w", filepath.Join(dir, "no", "such", "dir", "x.pcap"))
		if code != exitOutput || !strings.Contains(stderr, "cannot write the capture") {
			t.Errorf("exit %d %q", code, stderr)
		}
	})
}

// TestSimulateListFaults: every fault with its finding, in both languages.
func TestSimulateListFaults(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		code, out, stderr := runCapture(t, nil, "simulate", "--list-faults", "--lang", lang)
		if code != exitOK {
			t.Fatalf("exit %d %s", code, stderr)
		}
		for _, fi := range simulate.FaultInfos {
			line := ""
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, fi.Name+" ") || strings.HasPrefix(l, fi.Name+"=") {
					line = l
				}
			}
			if line == "" || (fi.Finding != "" && !strings.Contains(line, " "+fi.Finding+" ")) || strings.Contains(line, "!(") {
				t.Errorf("%s: line %q", lang, line)
			}
		}
	}
}

// TestSimulateExercises: the exercise set's captures, sheets and answer
// key; analyze finds in each capture the finding its answer names.
func TestSimulateExercises(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCapture(t, nil, "simulate", "--password-file", simPasswordFile, "--exercises", "6", "-o", dir, "--seed", "5", "--lang", "en")
	if code != exitOK {
		t.Fatalf("exit %d %s", code, stderr)
	}
	for _, lang := range []string{"en", "zh"} {
		for _, kind := range []string{"questions", "answers"} {
			b, err := os.ReadFile(filepath.Join(dir, kind+"."+lang+".md"))
			if err != nil || len(b) == 0 || bytes.Contains(b, []byte("!(")) {
				t.Errorf("%s.%s.md: %v", kind, lang, err)
			}
		}
	}
	answers, _ := os.ReadFile(filepath.Join(dir, "answers.en.md"))
	questions, _ := os.ReadFile(filepath.Join(dir, "questions.en.md"))
	plan, err := simulate.PlanExercises(simulate.Options{Password: "x", Seed: 5}, 6)
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range plan {
		a := simAnalyze(t, filepath.Join(dir, ex.File))
		if len(a.Sessions) != 1 {
			t.Fatalf("%s: %d sessions", ex.File, len(a.Sessions))
		}
		for _, f := range ex.Options.Faults {
			if !bytes.Contains(answers, []byte("`"+f.String()+"`")) || bytes.Contains(questions, []byte(f.Name)) {
				t.Errorf("%s: fault %s in the answers %v, hidden from the questions", ex.File, f, bytes.Contains(answers, []byte(f.String())))
			}
			want := f.Info().Finding
			found := want == ""
			for _, g := range a.Sessions[0].Findings {
				found = found || g.Code == want
			}
			if !found {
				t.Errorf("%s: fault %s, no %s finding", ex.File, f, want)
			}
		}
	}
}
