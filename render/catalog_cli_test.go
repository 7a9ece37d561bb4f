package render

import (
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestCLICatalogue: the command-line texts keep, in Chinese, every flag
// name, metavariable (`FILE`), exit status and shell command of the
// English, and are Chinese (examples whose comments are the only prose may
// be the same in both languages when they have none).
func TestCLICatalogue(t *testing.T) {
	metavar := regexp.MustCompile("`[^`]+`")
	flag := regexp.MustCompile(`(^|[^\w-])(--?[a-zA-Z][\w-]*)`)
	exit := regexp.MustCompile(`(?m)^ *\d+  `)
	han := regexp.MustCompile(`\p{Han}`)
	set := func(re *regexp.Regexp, s string, group int) []string {
		seen := map[string]bool{}
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			seen[m[group]] = true
		}
		out := make([]string, 0, len(seen))
		for k := range seen {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	n := 0
	for _, k := range CatalogKeys() {
		if !strings.HasPrefix(k, "cli.") {
			continue
		}
		n++
		e := catalog[k]
		if a, b := set(metavar, e.En, 0), set(metavar, e.Zh, 0); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: metavariables differ: en %v, zh %v", k, a, b)
		}
		if a, b := set(flag, e.En, 2), set(flag, e.Zh, 2); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: flags differ: en %v, zh %v", k, a, b)
		}
		if a, b := exit.FindAllString(e.En, -1), exit.FindAllString(e.Zh, -1); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: exit statuses differ: en %v, zh %v", k, a, b)
		}
		for _, l := range strings.Split(e.En, "\n") {
			if strings.HasPrefix(l, "\t") && !strings.Contains(e.Zh, l) {
				t.Errorf("%s: the command %q is not in the Chinese", k, l)
			}
		}
		if !han.MatchString(e.Zh) && !(strings.HasSuffix(k, ".example") && e.En == e.Zh) && !noHan[k] {
			t.Errorf("%s: not Chinese: %q", k, e.Zh)
		}
	}
	if n < 150 {
		t.Errorf("%d command-line entries, expected the help of every command", n)
	}
}

// noHan are entries that are punctuation or a layout in Chinese.
var noHan = map[string]bool{"cli.err.list-sep": true, "cli.err.flag-file": true, "cli.err.semicolon-sep": true, "cli.err.flag-value": true}
