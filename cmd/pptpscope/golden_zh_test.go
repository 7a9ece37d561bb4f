package main

import (
	"os"
	"strings"
	"testing"
)

// TestMain runs the tests in the C locale, so that the English golden files
// hold whatever the developer's LANG is; tests of the locale set their own.
func TestMain(m *testing.M) {
	os.Setenv("LC_ALL", "C")
	os.Exit(m.Run())
}

// TestGoldenChinese: the Chinese outputs (--lang zh) of a successful
// session, a GRE-blocked one, an authentication failure and a decrypted one,
// for analyze, packets, diagram (every format for the successful one) and
// keys, against reviewed output. Each must be Chinese where pptpscope
// speaks (phase titles, statuses, findings) and keep the RFC names.
func TestGoldenChinese(t *testing.T) {
	const pcapDir, credDir = "../../testdata/pcaps/", "../../testdata/credentials/"
	zh := func(t *testing.T, name string, want []string, args ...string) {
		t.Helper()
		out := runOK(t, append([]string{"--lang", "zh"}, args...)...)
		golden(t, "zh/"+name, out)
		for _, w := range append(want, "RFC", "!(") {
			has := strings.Contains(string(out), w)
			if w == "!(" && has {
				t.Errorf("%s: a catalogue key is missing", name)
			}
			if w != "!(" && w != "RFC" && !has {
				t.Errorf("%s lacks %q", name, w)
			}
		}
	}
	for _, c := range []struct {
		file  string
		check []string // words the analysis must show
	}{
		{"pppd__mschapv2-mppe128.pcap", []string{"会话 1", "成功", "2.4 身份验证", "MPPE 128 位无状态", "mschap-crackable", "Configure-Request"}},
		{"pppd__gre-blocked.pcap", []string{"失败", "gre-missing：客户端发出的 GRE 没有到达服务器", "2.3 LCP 协商"}},
		{"pppd__mschapv2-wrong-password.pcap", []string{"失败", "auth-failed：用户 \"student\" 使用 MS-CHAPv2 的身份验证失败", "用户名或密码错误"}},
	} {
		t.Run(c.file, func(t *testing.T) {
			in := pcapDir + c.file
			zh(t, "analyze-"+c.file+".txt", c.check, "analyze", "-v", "--width", "80", "--color", "never", in)
			zh(t, "packets-"+c.file+".txt", []string{"序号", "会话 1："}, "packets", "--width", "80", in)
			zh(t, "diagram-"+c.file+".txt", []string{"客户端", "时间 (s)", "消息"}, "diagram", "--width", "80", "--color", "never", in)
		})
	}
	t.Run("formats", func(t *testing.T) {
		in := pcapDir + "pppd__mschapv2-mppe128.pcap"
		for _, f := range []struct{ format, ext string }{{"mermaid", "mmd"}, {"plantuml", "puml"}, {"svg", "svg"}, {"html", "html"}} {
			zh(t, "diagram-pppd__mschapv2-mppe128.pcap."+f.ext, []string{"客户端", "2.6 CCP 协商（MPPE）"}, "diagram", "--format", f.format, in)
		}
	})
	t.Run("decrypted", func(t *testing.T) {
		in, pw := pcapDir+"pppd__mschapv2-mppe128.pcap", credDir+"student.txt"
		zh(t, "decrypted-analyze-pppd__mschapv2-mppe128.pcap.txt", []string{"会话 1", "成功"}, "analyze", "-v", "--width", "80", "--color", "never", "--password-file", pw, in)
		zh(t, "decrypted-keys-pppd__mschapv2-mppe128.pcap.txt", []string{"警告", "推导过程", "StartKey 客户端→服务器", "= 第 27 帧中抓到的 NT-Response"}, "keys", "--width", "80", "--password-file", pw, in)
	})
}

// TestLangFlag: --lang is checked; JSON messages follow --lang and never
// the locale.
func TestLangFlag(t *testing.T) {
	const in = "../../testdata/pcaps/pppd__gre-blocked.pcap"
	for _, cmd := range [][]string{{"analyze"}, {"packets"}, {"diagram"}, {"keys", "--password-file", "../../testdata/credentials/student.txt"}, {"report"}} {
		var out, errb strings.Builder
		args := append(append(append([]string{}, cmd...), "--lang", "fr"), in)
		if code := run(args, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "--lang") {
			t.Errorf("%v --lang fr: exit %d, %q", cmd, code, errb.String())
		}
	}
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	if out := string(runOK(t, "analyze", "--width", "80", in)); !strings.Contains(out, "诊断结果") {
		t.Errorf("LC_ALL=zh_CN: analyze text is not Chinese:\n%.300s", out)
	}
	js := string(runOK(t, "analyze", "--format", "json", in))
	if strings.Contains(js, "客户端") || !strings.Contains(js, `"message": "GRE from the client does not reach the server`) {
		t.Errorf("LC_ALL=zh_CN changed the JSON messages:\n%.600s", js)
	}
	js = string(runOK(t, "analyze", "--format", "json", "--lang", "zh", in))
	if !strings.Contains(js, `"message": "客户端发出的 GRE 没有到达服务器`) || !strings.Contains(js, `"code": "gre-missing"`) {
		t.Errorf("--lang zh: JSON message not Chinese or code missing")
	}
}
