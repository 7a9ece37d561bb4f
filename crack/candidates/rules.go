package candidates

import (
	"bufio"
	"io"
	"strings"
)

// ruleBufSize is hashcat's RP_PASSWORD_SIZE: a function that would make
// a word reach this length leaves it unchanged.
const ruleBufSize = 256

// op is one rule function with its parameters.
type op struct {
	fn     byte
	p0, p1 byte
}

// Rule is one line of a rule file: functions applied left to right.
type Rule struct {
	ops  []op
	text string
}

// String returns the rule as written.
func (r Rule) String() string { return r.text }

// arity gives the number of parameters of each supported function and
// whether they are positions (0-9, A-Z) or characters.
var arity = map[byte]string{
	':': "", 'l': "", 'u': "", 'c': "", 'C': "", 't': "", 'r': "", 'd': "", 'f': "",
	'{': "", '}': "", '[': "", ']': "", 'q': "", 'k': "", 'K': "", 'E': "",
	'T': "N", 'p': "N", 'D': "N", '\'': "N", 'z': "N", 'Z': "N", 'L': "N", 'R': "N",
	'+': "N", '-': "N", '.': "N", ',': "N", 'y': "N", 'Y': "N",
	'$': "X", '^': "X", '@': "X", 'e': "X",
	'x': "NN", 'O': "NN", '*': "NN",
	'i': "NX", 'o': "NX", '3': "NX",
	's': "XX",
}

// position converts a hashcat position character: 0-9 then A-Z (10-35).
func position(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'A' <= c && c <= 'Z':
		return c - 'A' + 10, true
	}
	return 0, false
}

// ParseRule parses one rule in hashcat's syntax. Spaces between functions
// are ignored.
func ParseRule(text string) (Rule, error) {
	r := Rule{text: text}
	for i := 0; i < len(text); {
		fn := text[i]
		i++
		if fn == ' ' {
			continue
		}
		params, ok := arity[fn]
		if !ok {
			return Rule{}, msg("rule.unknown", ErrRule, fn, i)
		}
		if len(text)-i < len(params) {
			return Rule{}, msg("rule.parameters", ErrRule, fn, i, len(params))
		}
		o := op{fn: fn}
		for k := range len(params) {
			c := text[i+k]
			if params[k] == 'N' {
				p, ok := position(c)
				if !ok {
					return Rule{}, msg("rule.position", ErrRule, fn, i, c)
				}
				c = p
			}
			if k == 0 {
				o.p0 = c
			} else {
				o.p1 = c
			}
		}
		i += len(params)
		r.ops = append(r.ops, o)
	}
	return r, nil
}

// maxRuleFile bounds the rules of one file (dive.rule has 99,086).
const maxRuleFile = 1 << 22

// ParseRules reads a rule file: one rule a line, empty lines and lines
// starting with # skipped. An invalid rule is an error naming the file
// and the line.
func ParseRules(name string, r io.Reader) ([]Rule, error) {
	var rules []Rule
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<16)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		rule, err := ParseRule(line)
		if err != nil {
			return nil, msg("rule.line", name, n, err)
		}
		if len(rules) >= maxRuleFile {
			return nil, msg("rule.too-many", ErrRule, name, maxRuleFile)
		}
		rules = append(rules, rule)
	}
	if err := sc.Err(); err != nil {
		return nil, msg("rule.read", ErrRule, name, err)
	}
	if len(rules) == 0 {
		return nil, msg("rule.none", ErrRule, name)
	}
	return rules, nil
}

// MaxCombinedRules bounds the rules several -r files make together.
const MaxCombinedRules = 1 << 24

// Combine joins several rule files as hashcat does with repeated -r: every
// combination of one rule from each file, applied in file order; the first
// file's index varies fastest.
func Combine(files ...[]Rule) ([]Rule, error) {
	if len(files) == 0 {
		return nil, nil
	}
	total := 1
	for _, f := range files {
		total *= len(f)
		if total > MaxCombinedRules || total <= 0 {
			return nil, msg("rule.combine", ErrRule, MaxCombinedRules)
		}
	}
	out := make([]Rule, 0, total)
	idx := make([]int, len(files))
	for range total {
		var r Rule
		var text []string
		for k, f := range files {
			r.ops = append(r.ops, f[idx[k]].ops...)
			text = append(text, f[idx[k]].text)
		}
		r.text = strings.Join(text, " ")
		out = append(out, r)
		for k := range idx {
			idx[k]++
			if idx[k] < len(files[k]) {
				break
			}
			idx[k] = 0
		}
	}
	return out, nil
}
