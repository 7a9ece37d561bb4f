package main

import (
	"bytes"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/render"
)

// pptpcrack__test.pcap has two sessions between 192.168.43.39 and
// 192.168.43.104: session 1 is the tail of one (frames 100-107, 14:37:10.86
// to 14:37:17.12, the capture's first frame at 14:37:10.855727, no
// authentication, verdict ok), session 2 a full one from 14:37:21.14
// (+10.28 s): user vpnuser, call IDs 40265/29546, tunnel addresses
// 192.168.43.111 and .108, verdict ok.
const twoSessions = "../../testdata/pcaps/pptpcrack__test.pcap"

type analysisDoc struct {
	Sessions []struct {
		Index   int    `json:"index"`
		Verdict string `json:"verdict"`
	} `json:"sessions"`
	Frames  int `json:"frames"`
	Summary *struct {
		Sessions, OK, Failed, Incomplete int
		TopFindings                      []struct {
			Code     string
			Sessions int
		} `json:"top_findings"`
	} `json:"summary"`
	Selection *struct {
		Shown, Total int
		LeftOut      map[string]int `json:"left_out"`
	} `json:"selection"`
}

func selectedJSON(t *testing.T, args ...string) analysisDoc {
	t.Helper()
	code, stdout, stderr := runCapture(t, nil, append([]string{"analyze", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("analyze %v: exit %d: %s", args, code, stderr)
	}
	var doc analysisDoc
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("analyze %v: %v", args, err)
	}
	return doc
}

func indexes(doc analysisDoc) []int {
	out := []int{}
	for _, s := range doc.Sessions {
		out = append(out, s.Index)
	}
	return out
}

// TestSelectAnalyze: each criterion picks the sessions it names, and the
// JSON says what was left out by which flag.
func TestSelectAnalyze(t *testing.T) {
	mismatch := "../../testdata/pcaps/pppd__auth-mismatch.pcap"
	cases := []struct {
		name    string
		args    []string
		want    []int
		leftOut map[string]int
	}{
		{"user", []string{"--auth-user", "vpnuser", twoSessions}, []int{2}, map[string]int{"auth_user": 1}},
		{"unknown user", []string{"--auth-user", "nobody", twoSessions}, []int{}, map[string]int{"auth_user": 2}},
		{"peer call id", []string{"--call-id", "29546", twoSessions}, []int{2}, map[string]int{"call_id": 1}},
		{"client call id", []string{"--call-id", "40265", twoSessions}, []int{2}, map[string]int{"call_id": 1}},
		{"outer address", []string{"--host", "192.168.43.39", twoSessions}, []int{1, 2}, map[string]int{}},
		{"tunnel address", []string{"--host", "192.168.43.111", twoSessions}, []int{2}, map[string]int{"host": 1}},
		{"other address", []string{"--host", "10.1.1.1,2001:db8::1", twoSessions}, []int{}, map[string]int{"host": 2}},
		{"failed none", []string{"--failed", twoSessions}, []int{}, map[string]int{"failed": 2}},
		{"failed one", []string{"--failed", mismatch}, []int{1}, map[string]int{}},
		{"since relative", []string{"--since", "+10s", twoSessions}, []int{2}, map[string]int{"time_window": 1}},
		{"until relative", []string{"--until", "+5s", twoSessions}, []int{1}, map[string]int{"time_window": 1}},
		{"since absolute", []string{"--since", "2019-06-15T14:37:20Z", twoSessions}, []int{2}, map[string]int{"time_window": 1}},
		{"window around both", []string{"--since", "2019-06-15T14:37:15Z", "--until", "2019-06-15T14:37:22Z", twoSessions}, []int{1, 2}, map[string]int{}},
		{"two criteria", []string{"--host", "192.168.43.104", "--auth-user", "vpnuser", twoSessions}, []int{2}, map[string]int{"auth_user": 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := selectedJSON(t, tc.args...)
			if got := indexes(doc); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("sessions %v, want %v", got, tc.want)
			}
			if doc.Selection == nil {
				t.Fatal("no selection member")
			}
			if doc.Selection.Shown != len(tc.want) || !reflect.DeepEqual(doc.Selection.LeftOut, tc.leftOut) {
				t.Errorf("selection %+v, want %d shown, left out %v", *doc.Selection, len(tc.want), tc.leftOut)
			}
			if doc.Summary == nil || doc.Summary.Sessions != len(tc.want) {
				t.Errorf("summary %+v, want %d sessions", doc.Summary, len(tc.want))
			}
		})
	}
	if doc := selectedJSON(t, twoSessions); doc.Selection != nil {
		t.Errorf("no selection given, yet a selection member: %+v", *doc.Selection)
	}
}

// TestSelectLine: the text output ends with the line saying what was left
// out; other commands say it too.
func TestSelectLine(t *testing.T) {
	out := string(runOK(t, "analyze", "--width", "200", "--color", "never", "--auth-user", "vpnuser", twoSessions))
	if !strings.HasSuffix(out, "\n1 of 2 sessions shown; 1 left out by --auth-user\n") {
		t.Errorf("analyze does not end with the selection line: %q", out[max(0, len(out)-300):])
	}
	if strings.Contains(out, "Session 1:") || !strings.Contains(out, "Session 2:") {
		t.Error("analyze --auth-user vpnuser shows the wrong sessions")
	}
	for _, args := range [][]string{
		{"diagram", "--failed", twoSessions},
		{"report", "--failed", "-o", filepath.Join(t.TempDir(), "r.html"), twoSessions},
		{"packets", "--failed", "--format", "json", twoSessions},
	} {
		code, stdout, stderr := runCapture(t, nil, args...)
		if code != 0 || stderr != "0 of 2 sessions shown; 2 left out by --failed\n" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
		if args[0] == "packets" && stdout != "" {
			t.Errorf("packets --failed lists records of sessions that did not fail: %q", stdout)
		}
	}
	code, stdout, _ := runCapture(t, nil, "packets", "--width", "80", "--failed", twoSessions)
	if code != 0 || strings.Contains(stdout, "No PPTP session") || !strings.HasSuffix(stdout, "\n0 of 2 sessions shown; 2 left out by --failed\n") {
		t.Errorf("packets table: exit %d, %q", code, stdout)
	}
	for _, bad := range [][]string{{"--host", "nohost"}, {"--since", "yesterday"}, {"--until", "+-3s"}, {"--call-id", "70000"}} {
		code, _, stderr := runCapture(t, nil, append([]string{"analyze"}, append(bad, twoSessions)...)...)
		if code != exitUsage || !strings.Contains(stderr, bad[0]) {
			t.Errorf("%v: exit %d, %q", bad, code, stderr)
		}
	}
}

// TestSelectRecords: packets and decrypt list the records and packets of
// the selected sessions only, all of them.
func TestSelectRecords(t *testing.T) {
	all := strings.Split(strings.TrimSpace(string(runOK(t, "packets", "--all", "--format", "json", twoSessions))), "\n")
	var second []string // session 2's records: from its start on
	for _, l := range all {
		var r struct{ Time string }
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		if r.Time >= "2019-06-15T14:37:21.13668Z" {
			second = append(second, l)
		}
	}
	if len(second) < 900 || len(second) == len(all) {
		t.Fatalf("expected session 2 to have most of the %d records, it has %d", len(all), len(second))
	}
	got := strings.Split(strings.TrimSpace(string(runOK(t, "packets", "--all", "--format", "json", "--auth-user", "vpnuser", twoSessions))), "\n")
	if strings.Join(got, "\n") != strings.Join(second, "\n") {
		t.Errorf("packets --auth-user vpnuser: %d records, want session 2's %d", len(got), len(second))
	}
	got = strings.Split(strings.TrimSpace(string(runOK(t, "packets", "--all", "--format", "json", "--host", "192.168.43.39", twoSessions))), "\n")
	if len(got) != len(all) {
		t.Errorf("packets --host of both sessions: %d records, want %d", len(got), len(all))
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		user string
		want int
	}{{"vpnuser", 689}, {"nobody", 0}} {
		out := filepath.Join(dir, tc.user+".pcap")
		code, stdout, stderr := runCapture(t, nil, "decrypt", "--credentials", credDir+"users.txt", "--auth-user", tc.user, twoSessions, "-w", out)
		if code != 0 {
			t.Fatalf("decrypt: exit %d: %s", code, stderr)
		}
		if left := 2 - min(tc.want, 1); !strings.HasSuffix(stdout, fmt.Sprintf("\n%d of 2 sessions shown; %d left out by --auth-user\n", 2-left, left)) || strings.Contains(stdout, "no encrypted") {
			t.Errorf("decrypt --auth-user %s: %q", tc.user, stdout)
		}
		if n := len(readInner(t, out)); n != tc.want {
			t.Errorf("decrypt --auth-user %s: %d packets, want %d", tc.user, n, tc.want)
		}
	}
}

// TestSummaryLine: analyze ends with the line over all sessions, has it in
// JSON, prints only it with -q, and --fail-on-failure sets exit status 12
// when a session failed.
func TestSummaryLine(t *testing.T) {
	const want = "Summary: 2 sessions: 2 OK, 0 failed, 0 incomplete; most frequent findings: mid-session (1), mschap-crackable (1), protocol-rejected (1)\n"
	out := string(runOK(t, "analyze", "--width", "200", "--color", "never", twoSessions))
	if !strings.HasSuffix(out, "\n\n"+want) {
		t.Errorf("analyze does not end with the summary: %q", out[max(0, len(out)-300):])
	}
	if out := string(runOK(t, "analyze", "-q", "--width", "200", twoSessions)); out != want {
		t.Errorf("analyze -q: %q, want %q", out, want)
	}
	doc := selectedJSON(t, "../../testdata/pcaps/pppd__auth-mismatch.pcap")
	if s := doc.Summary; s == nil || s.Sessions != 1 || s.Failed != 1 || s.OK != 0 || len(s.TopFindings) == 0 || s.TopFindings[0].Sessions != 1 {
		t.Errorf("summary of a failed session: %+v", doc.Summary)
	}
	for _, tc := range []struct {
		file string
		code int
	}{{"pppd__auth-mismatch.pcap", exitSessionFailed}, {"pppd__mschapv2-wrong-password.pcap", exitSessionFailed}, {"pppd__mschapv2-mppe128.pcap", 0}, {"pptpcrack__test.pcap", 0}} {
		code, stdout, stderr := runCapture(t, nil, "analyze", "-q", "--fail-on-failure", pcapDir+tc.file)
		if code != tc.code || !strings.HasPrefix(stdout, "Summary: ") {
			t.Errorf("%s: exit %d, want %d (%q, %q)", tc.file, code, tc.code, stdout, stderr)
		}
		if code, _, _ := runCapture(t, nil, "analyze", "-q", pcapDir+tc.file); code != 0 {
			t.Errorf("%s without --fail-on-failure: exit %d", tc.file, code)
		}
	}
	if !strings.Contains(render.T("en", "cli.exit-status"), "12  analyze --fail-on-failure") {
		t.Error("exit status 12 is not in the help")
	}
}

// TestCount: -c N reads frames 1 to N only, as tshark -c.
func TestCount(t *testing.T) {
	all := string(runOK(t, "packets", "--all", "--format", "json", twoSessions))
	var want []string
	for _, l := range strings.Split(strings.TrimSpace(all), "\n") {
		var r struct{ Frame int }
		json.Unmarshal([]byte(l), &r)
		if r.Frame <= 300 {
			want = append(want, l)
		}
	}
	if len(want) < 10 {
		t.Fatalf("only %d records in the first 300 frames", len(want))
	}
	got := strings.TrimSpace(string(runOK(t, "packets", "--all", "--format", "json", "-c", "300", twoSessions)))
	if got != strings.Join(want, "\n") {
		t.Errorf("packets -c 300: %d lines, want %d", strings.Count(got, "\n")+1, len(want))
	}
	if doc := selectedJSON(t, "-c", "300", twoSessions); doc.Frames != 300 {
		t.Errorf("analyze -c 300: %d frames", doc.Frames)
	}
	code, _, _ := runCapture(t, nil, "analyze", "-c", "-1", twoSessions)
	if code != exitUsage {
		t.Errorf("-c -1: exit %d", code)
	}
	// A capture cut short after frame N is no error for -c N.
	real, err := os.ReadFile(pcapDir + "pppd__mschapv2-mppe128.pcap")
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.pcap")
	os.WriteFile(cut, real[:1000], 0o644) // cut inside frame 10
	if code, _, stderr := runCapture(t, nil, "packets", "-c", "9", cut); code != 0 {
		t.Errorf("-c 9 of a capture cut in frame 10: exit %d: %s", code, stderr)
	}
}

// TestCSV: packets and analyze in CSV, checked against their JSON.
func TestCSV(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(string(runOK(t, "packets", "--all", "--format", "json", twoSessions))), "\n")
	rows, err := csv.NewReader(bytes.NewReader(runOK(t, "packets", "--all", "--format", "csv", twoSessions))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], render.PacketCSVColumns) || len(rows) != len(lines)+1 {
		t.Fatalf("header %v, %d rows for %d records", rows[0], len(rows)-1, len(lines))
	}
	for i, l := range lines {
		var r map[string]any
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		row := rows[i+1]
		fields, _ := json.Marshal(r["fields"])
		var csvFields any
		if err := json.Unmarshal([]byte(row[11]), &csvFields); err != nil {
			t.Fatalf("row %d fields %q: %v", i, row[11], err)
		}
		cf, _ := json.Marshal(csvFields)
		if row[0] != fmt.Sprint(r["frame"]) || row[1] != r["time"] || row[4] != r["proto"] || row[5] != r["msg"] || string(cf) != string(fields) {
			t.Fatalf("row %d %v differs from %s", i, row, l)
		}
	}
	code, stdout, stderr := runCapture(t, nil, "analyze", "--format", "csv", twoSessions)
	if code != 0 {
		t.Fatal(stderr)
	}
	rows, err = csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{render.SessionCSVColumns,
		{"1", "192.168.43.39", "192.168.43.104", "2019-06-15T14:37:10.855727Z", "2019-06-15T14:37:17.122066Z", "6.266339", "ok", "", "", "", "", "none", "", "", "", "", "9", "8", "712", "128", "0", "0", "mid-session"},
		{"2", "192.168.43.39", "192.168.43.104", "2019-06-15T14:37:21.13668Z", "2019-06-15T14:38:20.449118Z", "59.312438", "ok", "40265", "29546", "vpnuser", "MS-CHAPv2", "success", "128", "true", "192.168.43.111", "192.168.43.108", "527", "389", "59306", "57227", "0", "0", "protocol-rejected mschap-crackable"}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("analyze csv:\n%q\nwant\n%q", rows, want)
	}
	if !strings.HasPrefix(stderr, "Summary: 2 sessions") {
		t.Errorf("the summary line is not on standard error: %q", stderr)
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestPacketsColor: --color always colours the rows by protocol and changes
// nothing else; never and NO_COLOR leave the table plain.
func TestPacketsColor(t *testing.T) {
	plain := string(runOK(t, "packets", "--width", "80", twoSessions))
	colored := string(runOK(t, "packets", "--width", "80", "--color", "always", twoSessions))
	if !strings.Contains(colored, "\x1b[36m   270") && !strings.Contains(colored, "\x1b[36m") {
		t.Error("no PPTP row in cyan")
	}
	if !strings.Contains(colored, "\x1b[33m") || !strings.Contains(colored, "\x1b[35m") {
		t.Error("LCP (yellow) or authentication (magenta) rows are not coloured")
	}
	if ansi.ReplaceAllString(colored, "") != plain {
		t.Error("colours change the table's text")
	}
	if never := string(runOK(t, "packets", "--width", "80", "--color", "never", twoSessions)); never != plain || strings.Contains(never, "\x1b") {
		t.Error("--color never is not plain")
	}
}

// TestHexDump: -x prints each frame's bytes exactly as tshark -x does
// (testdata/tshark/*.x.txt, tshark 4.0.17's output), and the decrypted PPP
// frame after a decrypted one; JSON has them as raw and inner_raw.
func TestHexDump(t *testing.T) {
	const name = "pppd__mschapv2-mppe128.pcap"
	gold, err := os.ReadFile("../../testdata/tshark/" + name + ".x.txt")
	if err != nil {
		t.Fatal(err)
	}
	// tshark -x: one block per frame, each followed by a blank line.
	blocks := strings.Split(strings.TrimSuffix(string(gold), "\n"), "\n\n")
	if len(blocks) != 121 {
		t.Fatalf("%d blocks in tshark's dump, want 121 frames", len(blocks))
	}
	args := func(more ...string) []string {
		return append([]string{"packets", "--all", "--credentials", credDir + "users.txt", pcapDir + name}, more...)
	}
	lines := strings.Split(strings.TrimSpace(string(runOK(t, args("-x", "--format", "json")...))), "\n")
	text := string(runOK(t, args("-x", "--width", "80")...))
	dumped, inner := 0, 0
	for _, l := range lines {
		var r struct {
			Frame    int
			Raw      string
			InnerRaw string `json:"inner_raw"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		if r.Raw == "" {
			continue
		}
		raw, err := hex.DecodeString(r.Raw)
		if err != nil {
			t.Fatal(err)
		}
		dumped++
		want := blocks[r.Frame-1] + "\n"
		if got := render.HexDump(raw); got != want {
			t.Fatalf("frame %d:\n%s\ntshark -x:\n%s", r.Frame, got, want)
		}
		if r.InnerRaw == "" {
			if !strings.Contains(text, "\n"+want+"\n") {
				t.Fatalf("frame %d: the table does not show tshark's dump", r.Frame)
			}
			continue
		}
		inner++
		in, _ := hex.DecodeString(r.InnerRaw)
		if len(in) < 22 || !(in[0] == 0x00 && in[1] == 0x21 && in[2]>>4 == 4 || in[0] == 0x00 && in[1] == 0x57 && in[2]>>4 == 6) {
			t.Fatalf("frame %d: inner PPP frame % x is not IPv4 or IPv6 behind its protocol field", r.Frame, in[:min(len(in), 4)])
		}
		section := fmt.Sprintf("Frame (%d bytes):\n%s\nDecrypted PPP (%d bytes):\n%s\n", len(raw), want, len(in), render.HexDump(in))
		if !strings.Contains(text, section) {
			t.Fatalf("frame %d: the table lacks\n%s", r.Frame, section)
		}
	}
	if dumped < 90 || inner != 28 {
		t.Errorf("%d frames dumped, %d decrypted; want at least 90 and the 28 encrypted", dumped, inner)
	}
	rows, err := csv.NewReader(bytes.NewReader(runOK(t, args("-x", "--format", "csv")...))).ReadAll()
	if err != nil || rows[0][len(rows[0])-2] != "raw" || rows[0][len(rows[0])-1] != "inner_raw" {
		t.Errorf("csv -x header %v (%v)", rows[0], err)
	}
}

// TestQuiet: -q on packets prints only the session lines, on decrypt only
// the line saying what was written.
func TestQuiet(t *testing.T) {
	full := string(runOK(t, "packets", "--width", "80", twoSessions))
	quiet := string(runOK(t, "packets", "-q", "--width", "80", twoSessions))
	i := strings.Index(full, "\nSession 1:")
	if i < 0 || quiet != full[i:] {
		t.Errorf("packets -q: %q, want the session lines %q", quiet, full[max(i, 0):])
	}
	out := filepath.Join(t.TempDir(), "in.pcap")
	code, stdout, stderr := runCapture(t, nil, "decrypt", "-q", "--credentials", credDir+"users.txt", twoSessions, "-w", out)
	if code != 0 || stdout != "wrote 689 decrypted packets to "+out+" (pcap, raw IP)\n" {
		t.Errorf("decrypt -q: exit %d, %q (%s)", code, stdout, stderr)
	}
	if code, _, _ := runCapture(t, nil, "analyze", "-q", "--format", "json", twoSessions); code != exitUsage {
		t.Errorf("analyze -q --format json: exit %d", code)
	}
}
