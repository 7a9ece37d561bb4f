package candidates

import "github.com/pptpscope/pptpscope/internal/errmsg"

// Msg is an error message as data (errmsg.Msg): the code is one of
// Messages, whose English format Error() fills with the arguments; render
// words the same codes in every language.
type Msg = errmsg.Msg

// msg makes a *Msg of this package.
func msg(code string, args ...any) *Msg { return errmsg.New("candidates", code, args...) }

func init() { errmsg.Register("candidates", Messages) }

// Messages are the English formats of the package's messages, by code.
var Messages = map[string]string{
	// Sentinels (doc.go).
	"rule":     "invalid rule",
	"mask":     "invalid mask",
	"wordlist": "unusable word list",

	// Masks (mask.go).
	"what.custom":        "custom charset -%d %q",
	"what.mask":          "mask %q",
	"mask.lone-question": "%s: %s ends with a lone '?' (write ?? for a question mark)",
	"mask.undefined":     "%s: %s uses ?%c but custom charset %c is not defined (-%c)",
	"mask.unknown":       "%s: %s: unknown charset ?%c (known: ?l ?u ?d ?h ?H ?s ?a ?b ?1-?4 ??)",
	"mask.empty-set":     "%s: %s is empty",
	"mask.empty":         "%s: the mask is empty",
	"mask.too-long":      "%s: mask %q has %d positions (at most %d)",
	"mask.increment-min": "%s: --increment-min %d is longer than the mask (%d positions)",
	"mask.too-many":      "%s: mask %q has too many candidates",

	// Rules (rules.go).
	"rule.unknown":    "%s: unknown or unsupported function %q at column %d",
	"rule.parameters": "%s: function %q at column %d needs %d parameter(s)",
	"rule.position":   "%s: function %q at column %d: %q is not a position (0-9, A-Z)",
	"rule.line":       "%s line %d: %s",
	"rule.too-many":   "%s: %s: more than %d rules",
	"rule.read":       "%s: %s: %s",
	"rule.none":       "%s: %s holds no rule",
	"rule.combine":    "%s: the rule files combine into more than %d rules",

	// Word lists (wordlist.go).
	"wordlist.read":  "%s: %s: %s",
	"wordlist.empty": "%s: %s is empty",
	"wordlist.gzip":  "%s: %s: gzip: %s",
}
