package render

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/crack/candidates"
	"github.com/pptpscope/pptpscope/simulate"
)

// errorPackages are the packages whose errors are data (a code and
// arguments) with their English formats, and their catalogue prefixes.
var errorPackages = []struct {
	prefix   string
	messages map[string]string
}{
	{"err.capture.", capture.Messages},
	{"err.candidates.", candidates.Messages},
	{"err.simulate.", simulate.Messages},
}

// TestErrorCatalogue: every code a package exports has its catalogue
// entry, whose English is the package's format (the two English copies
// cannot drift apart), the catalogue has no entry for a code that is
// gone, and each entry, with sample arguments, is Chinese prose.
func TestErrorCatalogue(t *testing.T) {
	for _, p := range errorPackages {
		if len(p.messages) < 3 {
			t.Fatalf("%s: %d messages", p.prefix, len(p.messages))
		}
		for code, format := range p.messages {
			e, ok := catalog[p.prefix+code]
			if !ok {
				t.Errorf("%s%s: not in the catalogue (English %q)", p.prefix, code, format)
				continue
			}
			if e.En != format {
				t.Errorf("%s%s: catalogue English %q, the package's %q", p.prefix, code, e.En, format)
			}
		}
		for _, k := range CatalogKeys() {
			if code, ok := strings.CutPrefix(k, p.prefix); ok {
				if _, ok := p.messages[code]; !ok {
					t.Errorf("%s: no such code in the package", k)
				}
			}
		}
	}
	n := 0
	for _, k := range CatalogKeys() {
		if !strings.HasPrefix(k, "err.") {
			continue
		}
		n++
		zh := T("zh", k, sampleArgs(catalog[k].En)...)
		if strings.Contains(zh, "%!") {
			t.Errorf("%s: bad format with sample arguments: %q", k, zh)
		}
		if p := latinProse(zh); p != "" {
			t.Errorf("%s: English left in the Chinese %q: %q", k, zh, p)
		}
		if !han.MatchString(zh) && !noHanErr[k] {
			t.Errorf("%s: not Chinese: %q", k, zh)
		}
	}
	if n < 100 {
		t.Errorf("only %d err.* entries", n)
	}
}

// noHanErr are the err.* entries that are a layout in Chinese.
var noHanErr = map[string]bool{
	"err.capture.because": true, "err.capture.not-capture-is": true, "err.capture.interface-failure": true,
	"err.capture.permission-in": true, "err.capture.part.other": true, "err.candidates.rule.read": true,
	"err.candidates.wordlist.read": true, "err.capture.unsupported-link": true,
}

var han = regexp.MustCompile(`\p{Han}`)

// sampleArgs are arguments for the verbs of format: Chinese words for
// strings, so that any Latin prose in a result is the entry's own.
func sampleArgs(format string) []any {
	verbs := formatVerbs(format)
	sort.Strings(verbs)
	var args []any
	for _, v := range verbs {
		switch v[len(v)-1] {
		case 'd':
			args = append(args, 7)
		case 'x':
			args = append(args, []byte{0x12, 0x34})
		case 'c':
			args = append(args, byte('z'))
		default:
			args = append(args, "某文件")
		}
	}
	return args
}

var (
	quoted    = regexp.MustCompile("`[^`]*`|\"[^\"]*\"|'[^']*'|--?[a-z][a-z0-9-]*")
	latinRuns = regexp.MustCompile(`[A-Za-z]{2,}(?:[ -]+[a-z]{2,})+`)
)

// latinProse returns a run of two or more Latin words in s, outside
// quotes, backticks and flags, of which the second is lower-case (proper names
// such as "Microsoft Network Monitor" and file formats before a Chinese
// word pass), or "".
func latinProse(s string) string {
	return latinRuns.FindString(quoted.ReplaceAllString(s, ""))
}

func TestLatinProse(t *testing.T) {
	for s, want := range map[string]string{
		"抓包文件被截断":                             "",
		"看起来是 Microsoft Network Monitor 抓包文件": "",
		"请用 `editcap -F pcap` 转换":             "",
		"capture cut short":                   "capture cut short",
		"不是 pcap 或 pcapng 文件":                 "",
		"：unknown charset":                    "unknown charset",
	} {
		if got := latinProse(s); got != want {
			t.Errorf("latinProse(%q) = %q, want %q", s, got, want)
		}
	}
}
