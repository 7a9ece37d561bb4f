package candidates

import "fmt"

// Msg is an error message as data: a code from Messages and its
// arguments. Error() is the English text (Messages[Code] formatted with
// Args); pptpscope's render package has the same code in its catalogue,
// in every language. An argument may be an error (a sentinel, a *Msg, a
// read error), seen by errors.Is and errors.As through Unwrap.
type Msg struct {
	Code string
	Args []any
}

// msg makes a *Msg.
func msg(code string, args ...any) *Msg { return &Msg{Code: code, Args: args} }

func (m *Msg) Error() string {
	format, ok := Messages[m.Code]
	if !ok {
		return "candidates: message " + m.Code
	}
	return fmt.Sprintf(format, m.Args...)
}

// Unwrap returns the arguments that are errors.
func (m *Msg) Unwrap() []error {
	var errs []error
	for _, a := range m.Args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

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
