package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	reportData     = regexp.MustCompile(`(?s)<script type="application/json" id="pptpscope-data">(.*?)</script>`)
	externalSource = regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:|//|file:)|<link\b|@import|url\(\s*['"]?(https?:|//)`)
)

// TestReportAllCaptures: the report of every bundled capture is one
// self-contained page (no external resource of any kind), its data block
// is valid JSON, and it has a table row and an arrow for the messages.
func TestReportAllCaptures(t *testing.T) {
	for _, p := range pcaps(t) {
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			for _, lang := range []string{"en", "zh"} {
				page := string(runOK(t, "report", "--lang", lang, p))
				if m := externalSource.FindString(page); m != "" {
					t.Errorf("%s: external resource %q", lang, m)
				}
				if strings.Contains(page, "<script src") || !strings.HasPrefix(page, "<!DOCTYPE html>") || !strings.HasSuffix(page, "</html>\n") {
					t.Errorf("%s: not a self-contained HTML page", lang)
				}
				m := reportData.FindStringSubmatch(page)
				if m == nil {
					t.Fatalf("%s: no data block", lang)
				}
				var data struct {
					Lang     string
					Sessions map[string][]struct {
						F  int
						L  string
						Ex string
					}
					Explain  map[string]struct{ Role, Answer, RFC string }
					Messages int
				}
				if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
					t.Fatalf("%s: data block: %v", lang, err)
				}
				n := 0
				for _, msgs := range data.Sessions {
					for _, msg := range msgs {
						n++
						if msg.Ex == "" || data.Explain[msg.Ex].Role == "" {
							t.Errorf("%s: frame %d %s has no explanation", lang, msg.F, msg.L)
						}
					}
				}
				if n != data.Messages || strings.Count(page, `class="msgrow"`) != n {
					t.Errorf("%s: %d messages in the data, %d rows, want %d", lang, n, strings.Count(page, `class="msgrow"`), data.Messages)
				}
			}
		})
	}
}

// TestReportLanguages: --lang and the locale choose the language of the
// headings and explanations.
func TestReportLanguages(t *testing.T) {
	const pcap = "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap"
	en := string(runOK(t, "report", "--lang", "en", pcap))
	zh := string(runOK(t, "report", "--lang", "zh", pcap))
	for _, want := range []string{`<html lang="en">`, "2.3 LCP", "What it does", "Encapsulation of a data packet", "RFC 2759"} {
		if !strings.Contains(en, want) {
			t.Errorf("en report lacks %q", want)
		}
	}
	for _, want := range []string{`<html lang="zh">`, "2.3 LCP 协商", "2.4 身份验证", "数据报文的封装", "客户端", "RFC 2759"} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh report lacks %q", want)
		}
	}
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "zh_CN.UTF-8")
	if !strings.Contains(string(runOK(t, "report", pcap)), `<html lang="zh">`) {
		t.Error("LANG=zh_CN.UTF-8 did not give a Chinese report")
	}
	t.Setenv("LC_ALL", "en_US.UTF-8")
	if !strings.Contains(string(runOK(t, "report", pcap)), `<html lang="en">`) {
		t.Error("LC_ALL=en_US.UTF-8 did not win over LANG")
	}
}

// TestReportEncapsulation: the data packet of an encrypted session is
// dissected down to MPPE with the rest marked encrypted; an unencrypted
// session shows the inner IP packet.
func TestReportEncapsulation(t *testing.T) {
	enc := string(runOK(t, "report", "--lang", "en", "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap"))
	for _, want := range []string{"<b>Ethernet</b><small>0–13</small>", "<b>IPv4</b>", "<b>GRE</b>", "<b>PPP</b>", "<b>MPPE</b>", `class="layer encrypted"`, "D encrypted"} {
		if !strings.Contains(enc, want) {
			t.Errorf("encrypted session: encapsulation lacks %q", want)
		}
	}
	plain := string(runOK(t, "report", "--lang", "en", "../../testdata/pcaps/pppd__pap-noenc.pcap"))
	i := strings.Index(plain, `<div class="encap">`)
	if i < 0 {
		t.Fatal("unencrypted session: no encapsulation view")
	}
	view := plain[i : i+strings.Index(plain[i:], "</div>\n")]
	if strings.Count(view, "<b>IPv4</b>") != 2 || !strings.Contains(view, "<b>ICMPv4</b>") && !strings.Contains(view, "<b>TCP</b>") && !strings.Contains(view, "<b>UDP</b>") ||
		strings.Contains(view, "encrypted") {
		t.Errorf("unencrypted session: want outer and inner IPv4 and the transport, nothing encrypted: %s", view)
	}
}

// TestReportDecrypted: with the capture's public test password the
// encapsulation view shows the decrypted inner packet instead of
// "encrypted".
func TestReportDecrypted(t *testing.T) {
	page := string(runOK(t, "report", "--lang", "en", "--user", "vpnuser", "--password-file", "../../testdata/credentials/vpnuser.txt",
		"../../testdata/pcaps/pptpcrack__test.pcap"))
	if !strings.Contains(page, `<div class="layer decrypted"`) || !strings.Contains(page, "decrypted; 192.168.43.") {
		t.Error("no decrypted inner packet in the encapsulation view")
	}
}
