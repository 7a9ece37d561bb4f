package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/pptpscope/pptpscope/render"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpCommands are the command paths whose help is checked: every command,
// the completion commands cobra adds, help and the hidden man command.
var helpCommands = [][]string{
	{}, {"analyze"}, {"packets"}, {"crack"}, {"decrypt"}, {"diagram"}, {"keys"}, {"live"}, {"report"}, {"simulate"},
	{"completion"}, {"completion", "bash"}, {"completion", "zsh"}, {"completion", "fish"}, {"completion", "powershell"},
	{"help"}, {"man"},
}

func helpName(path []string) string {
	if len(path) == 0 {
		return "pptpscope"
	}
	return strings.Join(path, "-")
}

func helpOf(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := runCapture(t, nil, args...)
	if code != 0 || stderr != "" {
		t.Fatalf("%q: exit %d, stderr %q", args, code, stderr)
	}
	return stdout
}

// TestHelpGoldenEnglish: --help of every command, in English, is byte for
// byte the committed text (testdata/golden/help/en, written from the
// help before it moved into the catalogue), in the C locale without
// --lang, and with --lang en before or after --help.
func TestHelpGoldenEnglish(t *testing.T) {
	for _, path := range helpCommands {
		t.Run(helpName(path), func(t *testing.T) {
			got := helpOf(t, append(append([]string{}, path...), "--help")...)
			golden(t, "help/en/"+helpName(path)+".txt", []byte(got))
			if *update {
				return
			}
			if s := helpOf(t, append(append([]string{"--lang", "en"}, path...), "-h")...); s != got {
				t.Errorf("--lang en before the command changed the help:\n%s", s)
			}
			t.Setenv("LC_ALL", "zh_CN.UTF-8")
			if s := helpOf(t, append(append([]string{}, path...), "--help", "--lang=en")...); s != got {
				t.Errorf("--lang=en in a Chinese locale changed the help:\n%s", s)
			}
		})
	}
}

// englishTexts are the help texts of a command in English: its short and
// long description and its flags' usages (cobra's included).
func englishTexts(t *testing.T, path []string) []string {
	t.Helper()
	saved := helpLang
	helpLang = "en"
	defer func() { helpLang = saved }()
	root := newRootCmd()
	c, _, err := root.Find(path)
	if err != nil {
		t.Fatal(err)
	}
	c.InitDefaultHelpFlag()
	out := []string{c.Short}
	if c.Long != "" {
		for _, para := range strings.Split(c.Long, "\n\n") {
			if !strings.HasPrefix(para, "\t") { // a shell command, the same in every language
				out = append(out, para)
			}
		}
	}
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			out = append(out, f.Usage)
		}
	})
	return out
}

var han = regexp.MustCompile(`\p{Han}`)

// TestHelpChinese: with --lang zh (or a Chinese locale) every command's
// help is Chinese: no English description, flag usage or template word of
// the English help is left, each flag and metavariable is still there,
// and the exit-status numbers are unchanged.
func TestHelpChinese(t *testing.T) {
	english := []string{"Usage:", "Available Commands:", "Flags:", "Global Flags:", "Examples:", "for more information about a command", "(default ", "help for "}
	for _, path := range helpCommands {
		t.Run(helpName(path), func(t *testing.T) {
			zh := helpOf(t, append(append([]string{}, path...), "--lang", "zh", "--help")...)
			en := helpOf(t, append(append([]string{}, path...), "--help")...)
			for _, s := range append(englishTexts(t, path), english...) {
				if len(strings.TrimSpace(s)) > 3 && strings.Contains(zh, s) {
					t.Errorf("English left in the Chinese help: %q", s)
				}
			}
			if !han.MatchString(zh) || !strings.HasPrefix(zh[strings.Index(zh, "用法：")-0:], "用法：") {
				t.Errorf("not Chinese:\n%s", zh)
			}
			// Flags, shorthands and metavariables are kept.
			flagCol := regexp.MustCompile(`(?m)^ +(-\w, )?--[\w-]+( \w+)?`)
			if a, b := flagCol.FindAllString(en, -1), flagCol.FindAllString(zh, -1); strings.Join(a, "|") != strings.Join(b, "|") {
				t.Errorf("flags differ:\n en %q\n zh %q", a, b)
			}
			t.Setenv("LC_ALL", "zh_CN.UTF-8")
			if s := helpOf(t, append(append([]string{}, path...), "-h")...); s != zh {
				t.Errorf("the Chinese locale does not give the --lang zh help:\n%s", s)
			}
		})
	}
	zh := helpOf(t, "--lang", "zh", "--help")
	en := helpOf(t, "--help")
	num := regexp.MustCompile(`(?m)^ *\d+  `)
	if a, b := num.FindAllString(en, -1), num.FindAllString(zh, -1); len(a) != 16 || strings.Join(a, "") != strings.Join(b, "") {
		t.Errorf("exit statuses differ: en %q, zh %q", a, b)
	}
	if !strings.Contains(zh, render.T("zh", "cli.analyze.short")) || !strings.Contains(zh, "退出状态：") {
		t.Errorf("root help lacks the Chinese command list or exit statuses:\n%s", zh)
	}
}

// TestCobraTextsInCatalogue: the catalogue's English for cobra's own texts
// is what cobra writes (so that the Chinese translates what English users
// see), and the English help uses cobra's template words.
func TestCobraTextsInCatalogue(t *testing.T) {
	saved := helpLang
	helpLang = "en"
	defer func() { helpLang = saved }()
	root := newRootCmd()
	root.InitDefaultHelpCmd()
	root.InitDefaultVersionFlag()
	en := func(key string, args ...any) string { return render.T("en", key, args...) }
	check := func(what, got, want string) {
		if got != want {
			t.Errorf("%s: cobra has %q, the catalogue %q", what, got, want)
		}
	}
	check("version flag", root.Flags().Lookup("version").Usage, en("cli.cobra.version-flag", "pptpscope"))
	for _, c := range root.Commands() {
		c.InitDefaultHelpFlag()
		check(c.Name()+" help flag", c.Flags().Lookup("help").Usage, en("cli.cobra.help-flag", c.Name()))
		if c.Name() == "completion" {
			if len(c.Commands()) != 4 {
				t.Errorf("completion has %d shells", len(c.Commands()))
			}
			for _, sh := range c.Commands() {
				check(sh.Name()+" --no-descriptions", sh.Flags().Lookup("no-descriptions").Usage, en("cli.cobra.completion.no-descriptions"))
				if !render.HasText("cli.completion." + sh.Name() + ".long") {
					t.Errorf("completion %s: no help text of ours", sh.Name())
				}
			}
		}
	}
	help := helpOf(t, "--help") + helpOf(t, "analyze", "--help")
	for _, key := range []string{"cli.cobra.usage", "cli.cobra.commands", "cli.cobra.flags", "cli.cobra.examples"} {
		if !strings.Contains(help, "\n"+en(key)+"\n") {
			t.Errorf("%s: %q is not in cobra's help", key, en(key))
		}
	}
	if !strings.Contains(help, en("cli.cobra.more", "pptpscope")) || !strings.Contains(help, en("cli.cobra.default", `"table"`)) {
		t.Error("cobra's last line or its (default X) is not the catalogue's")
	}
	if v := helpOf(t, "--version"); !strings.HasPrefix(v, en("cli.cobra.version", "pptpscope", "")) {
		t.Errorf("version line %q", v)
	}
}

// TestManChinese: man --lang zh writes the pages in Chinese (headings,
// date, descriptions), the same files as in English.
func TestManChinese(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764633600") // 2025-12-02
	enDir, zhDir := filepath.Join(t.TempDir(), "en"), filepath.Join(t.TempDir(), "zh")
	if code, _, stderr := runCapture(t, nil, "man", enDir); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := runCapture(t, nil, "man", "--lang", "zh", zhDir); code != 0 {
		t.Fatal(stderr)
	}
	ens, _ := os.ReadDir(enDir)
	zhs, _ := os.ReadDir(zhDir)
	if len(ens) < 15 || len(ens) != len(zhs) {
		t.Fatalf("%d English pages, %d Chinese", len(ens), len(zhs))
	}
	for _, e := range ens {
		en, _ := os.ReadFile(filepath.Join(enDir, e.Name()))
		zh, err := os.ReadFile(filepath.Join(zhDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(en, []byte(`.TH "PPTPSCOPE" "1" "Dec 2025" "pptpscope `)) || !bytes.Contains(en, []byte("\n.SH NAME\n")) {
			t.Errorf("%s: English page %.120q", e.Name(), en)
		}
		if !bytes.Contains(zh, []byte(`.TH "PPTPSCOPE" "1" "2025年12月" "pptpscope `)) || !bytes.Contains(zh, []byte(`"pptpscope 手册"`)) ||
			!bytes.Contains(zh, []byte("\n.SH 名称\n")) || !bytes.Contains(zh, []byte("\n.SH 描述\n")) || bytes.Contains(zh, []byte("\n.SH NAME\n")) {
			t.Errorf("%s: Chinese page %.200q", e.Name(), zh)
		}
	}
	zh, _ := os.ReadFile(filepath.Join(zhDir, "pptpscope-analyze.1"))
	if !bytes.Contains(zh, []byte(render.T("zh", "cli.analyze.short"))) || !bytes.Contains(zh, []byte(render.T("zh", "cli.analyze.flag.verbose"))) {
		t.Errorf("pptpscope-analyze.1 is not the Chinese help:\n%.600s", zh)
	}
}

// TestCompletionChinese: the descriptions shell completion shows follow
// the language (here the locale, as for a shell).
func TestCompletionChinese(t *testing.T) {
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	complete := func(args ...string) string {
		code, out, _ := runCapture(t, nil, append([]string{"__complete"}, args...)...)
		if code != 0 {
			t.Fatalf("%q: exit %d", args, code)
		}
		return out
	}
	out := complete("analyze", "--f")
	if !strings.Contains(out, "--format\t"+render.T("zh", "cli.analyze.flag.format")) {
		t.Errorf("flag descriptions are not Chinese:\n%s", out)
	}
	out = complete("")
	if !strings.Contains(out, "packets\t"+render.T("zh", "cli.packets.short")) || !strings.Contains(out, "help\t"+render.T("zh", "cli.help-cmd.short")) {
		t.Errorf("command descriptions are not Chinese:\n%s", out)
	}
}

// TestUsageErrorsChinese: with --lang zh the usage errors cobra, pflag and
// pptpscope make are one Chinese line, with the same exit status as in
// English; a file that cannot be opened or written too; an error of a form
// the catalogue does not word stays English.
func TestUsageErrorsChinese(t *testing.T) {
	pcap := "../../testdata/pcaps/pppd__mschapv2-mppe128.pcap"
	missing := filepath.Join(t.TempDir(), "nope.pcap")
	cases := []exitCase{
		{"unknown flag", []string{"packets", "--lang", "zh", "--bogus"}, exitUsage, "未知选项：--bogus（见 'pptpscope packets --help'）"},
		{"unknown shorthand", []string{"--lang=zh", "packets", "-Q"}, exitUsage, "未知的短选项：'Q'（在 -Q 中）"},
		{"missing value", []string{"--lang", "zh", "packets", pcap, "--width"}, exitUsage, "选项 --width 需要一个参数"},
		{"invalid value", []string{"packets", "--lang", "zh", "-c", "x", pcap}, exitUsage, `选项 -c, --count 的参数 "x" 无效：应为整数`},
		{"invalid duration", []string{"live", "--lang", "zh", "--duration", "5"}, exitUsage, "应为时长"},
		{"argument count", []string{"crack", "--lang", "zh"}, exitUsage, "需要 1 个参数，实际收到 0 个"},
		{"unknown command", []string{"--lang", "zh", "analyz"}, exitUsage, `"pptpscope" 没有命令 "analyz"；你是不是要用 analyze？`},
		{"argument to live", []string{"live", "--lang", "zh", "x"}, exitUsage, `"pptpscope live" 没有命令 "x"`},
		{"no capture", []string{"packets", "--lang", "zh"}, exitUsage, "没有给出抓包文件"},
		{"unknown format", []string{"packets", "--lang", "zh", "--format", "xml", pcap}, exitUsage, `未知的 --format 值 "xml"（可选 table、json 或 csv）`},
		{"unknown lang", []string{"analyze", "--lang", "fr", pcap}, exitUsage, `unknown --lang "fr" (en or zh)`},
		{"no shell", []string{"completion", "--lang", "zh"}, exitUsage, "没有给出 shell"},
		{"missing capture", []string{"packets", "--lang", "zh", missing}, exitUnreadable, "无法打开 " + missing + "：文件或目录不存在"},
		{"unwritable output", []string{"diagram", "--lang", "zh", pcap, "-o", filepath.Join(missing, "x.txt")}, exitOutput, "无法写入 " + filepath.Join(missing, "x.txt") + "：文件或目录不存在"},
		{"credential file", []string{"keys", "--lang", "zh", pcap, "--nt-hash-file", missing}, exitUsage, "--nt-hash-file：无法打开 " + missing + "：文件或目录不存在"},
		{"no such user", []string{"decrypt", "--lang", "zh", pcap, "-w", filepath.Join(t.TempDir(), "x.pcap"), "--user", "nobody", "--password-file", "../../README.md"}, exitNothing, `没有以 "nobody" 身份验证的会话（抓包中有 student）`},
		{"not a capture", []string{"packets", "--lang", "zh", "../../README.md"}, exitNotCapture, "README.md：不是 pcap 或 pcapng 文件：看起来是文本"},
	}
	runExitCases(t, cases)
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	runExitCases(t, []exitCase{{"locale", []string{"packets", "--bogus"}, exitUsage, "未知选项：--bogus"}})
}

// TestTranslateErrFallback: errors whose form is not recognised stay
// English in Chinese.
func TestTranslateErrFallback(t *testing.T) {
	flags := pflag.NewFlagSet("x", pflag.ContinueOnError)
	flags.SetOutput(&bytes.Buffer{})
	flags.Float64("ratio", 0, "")
	parseErr := flags.Parse([]string{"--ratio=abc"})
	for _, err := range []error{
		errors.New("unknown command foo"),
		errors.New("unknown command \"x\" for \"pptpscope\"\n\nDid you mean this?\nanalyze"),
		errors.New("accepts one arg(s), received 2"),
		&fs.PathError{Op: "open", Path: "a.pcap", Err: syscall.EBUSY},
		&fs.PathError{Op: "seek", Path: "a.pcap", Err: syscall.ENOENT},
		usageError{flagError{parseErr, "pptpscope x"}},
		usageError{cobra.ExactArgs(2)(nil, []string{"a"})},
	} {
		got := translateErr("zh", err)
		if ue, ok := err.(usageError); ok && strings.HasPrefix(ue.Error(), "accepts") {
			if got != "需要 2 个参数，实际收到 1 个" {
				t.Errorf("%q: %q", err, got)
			}
			continue
		}
		if got != err.Error() {
			t.Errorf("%q became %q", err, got)
		}
	}
}
