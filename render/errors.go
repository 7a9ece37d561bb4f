package render

import (
	"strings"

	"github.com/pptpscope/pptpscope/internal/errmsg"
)

// Error is an error of this package as catalogue data: Key and Args, as
// for T. Error() is the English text; pptpscope words it in the run's
// language. An argument may be an error (seen by errors.Is and errors.As
// through Unwrap) or a List.
type Error struct {
	Key  string
	Args []any
}

func (e *Error) Error() string { return T("en", e.Key, e.Args...) }

// Unwrap returns the arguments that are errors.
func (e *Error) Unwrap() []error { return errmsg.Errors(e.Args) }

// List is a list of names, written "a, b, c" in English (ListText in
// another language).
type List = errmsg.List

// ListText writes a list in lang: "a, b, c", Chinese "a、b、c".
func ListText(lang string, l []string) string {
	return strings.Join(l, T(lang, "cli.err.list-sep"))
}
