// Package errmsg is the error type of the packages whose errors are data
// (capture, crack/candidates, simulate): the package's name, a code and
// typed arguments. Error() is the English text, from the format the
// package registered for the code; pptpscope's render package has the
// same codes in its catalogue (keys "err.<domain>.<code>"), in every
// language, and a test there holds its English equal to the formats.
package errmsg

import (
	"fmt"
	"strings"
	"sync"
)

// Msg is an error message as data. An argument may be an error (a
// sentinel, another *Msg, a read error), seen by errors.Is and errors.As
// through Unwrap, or a List; text from outside the project that the
// message shows without wrapping it is a string.
type Msg struct {
	Domain string // the package that made it, e.g. "capture"
	Code   string
	Args   []any
}

// New makes a *Msg of domain.
func New(domain, code string, args ...any) *Msg {
	return &Msg{Domain: domain, Code: code, Args: args}
}

var (
	mu      sync.RWMutex
	formats = map[string]map[string]string{}
)

// Register makes formats the English formats of domain's codes. A package
// registers its table once, in an init function.
func Register(domain string, f map[string]string) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := formats[domain]; dup {
		panic("errmsg: domain " + domain + " registered twice")
	}
	formats[domain] = f
}

func (m *Msg) Error() string {
	mu.RLock()
	format, ok := formats[m.Domain][m.Code]
	mu.RUnlock()
	if !ok {
		return m.Domain + ": message " + m.Code
	}
	return fmt.Sprintf(format, m.Args...)
}

// Unwrap returns the arguments that are errors.
func (m *Msg) Unwrap() []error { return Errors(m.Args) }

// Errors returns the errors among args: the Unwrap of an error whose
// arguments are data.
func Errors(args []any) []error {
	var errs []error
	for _, a := range args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

// List is a list of names, written "a, b, c" in English.
type List []string

func (l List) String() string { return strings.Join(l, ", ") }
