package main

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"syscall"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/internal/errmsg"
	"github.com/pptpscope/pptpscope/render"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The one line that ends a failed run is English in Error() and written in
// the language of the run by errorText. What is translated: errors made
// from the catalogue (textError), the errors other packages make as data
// (capture.Msg and *capture.Error, candidates.Msg, simulate.Msg,
// render.Error: codes with arguments, worded by the catalogue's err.*
// entries), a system error the catalogue knows (errnoKeys), a name put
// before a translated error ("file.pcap: " + its text), cobra's and
// pflag's usage errors (flag errors by their types, argument and
// unknown-command errors by their wording), and a file that cannot be
// opened, read, created or written (*fs.PathError with a known system
// error). Anything else, and anything whose form is not recognised, stays
// English rather than being mistranslated (text from outside the project,
// such as libpcap's or pcapgo's, stays as a detail of a translated
// sentence).

// textError is an error whose message is a catalogue entry. Its arguments
// may be errors (written in the same language, and seen by errors.Is and
// errors.As), details (errors shown, not wrapped), lists of errors
// (joined with "; "), orList and msgKey values.
type textError struct {
	key  string
	args []any
}

// textErr makes a textError.
func textErr(key string, args ...any) error { return &textError{key, args} }

func (e *textError) Error() string { return e.text("en", false) }

// text is the message in lang; output says the error is the output's (a
// file in its arguments is one being written).
func (e *textError) text(lang string, output bool) string {
	args := make([]any, len(e.args))
	for i, a := range e.args {
		switch v := a.(type) {
		case error:
			args[i] = translate(lang, v, output)
		case orList:
			args[i] = v.text(lang)
		case msgKey:
			args[i] = render.T(lang, string(v))
		case detail:
			args[i] = translate(lang, v.err, output)
		case []error:
			ts := make([]string, len(v))
			for j, err := range v {
				ts[j] = translate(lang, err, output)
			}
			args[i] = strings.Join(ts, render.T(lang, "cli.err.semicolon-sep"))
		default:
			args[i] = a
		}
	}
	return render.T(lang, e.key, args...)
}

func (e *textError) Unwrap() []error { return errmsg.Errors(e.args) }

// detail is an error shown in a textError (in the error's language) but
// not wrapped by it: errors.Is and exit statuses do not see it.
type detail struct{ err error }

func (d detail) String() string { return d.err.Error() }

// msgKey is a catalogue key, as an argument of a textError: its text in
// the error's language.
type msgKey string

// orList is a list of choices, written "a, b or c" (Chinese "a、b 或 c").
type orList []string

func (l orList) text(lang string) string {
	if len(l) < 2 {
		return strings.Join(l, "")
	}
	return strings.Join(l[:len(l)-1], render.T(lang, "cli.err.list-sep")) + render.T(lang, "cli.flag.lang.or") + l[len(l)-1]
}

// flagError is a flag that cobra could not parse (unknown, without its
// value, or with an invalid one); path is the command's.
type flagError struct {
	err  error
	path string
}

func (e flagError) Error() string { return fmt.Sprintf("%s (see '%s --help')", e.err, e.path) }
func (e flagError) Unwrap() error { return e.err }

// errorText words err in lang: a credential mismatch as render words it,
// the rest as translateErr can.
func errorText(lang string, err error) error {
	if isMismatch(err) {
		return errors.New(render.ErrorText(lang, err))
	}
	if lang == "en" {
		return err
	}
	return errors.New(translateErr(lang, err))
}

// translateErr is err's message in lang, or its English message when its
// form is not one the catalogue words.
func translateErr(lang string, err error) string { return translate(lang, err, false) }

// translate is translateErr; output says err is (inside) an outputError.
func translate(lang string, err error, output bool) string {
	if lang == "en" {
		return err.Error()
	}
	switch e := err.(type) {
	case usageError:
		return translate(lang, e.error, output)
	case nothingError:
		return translate(lang, e.error, output)
	case outputError:
		return translate(lang, e.error, true)
	case *textError:
		return e.text(lang, output)
	case flagError:
		if s, ok := pflagErrorText(lang, e.err); ok {
			return s + render.T(lang, "cli.err.see-help", e.path)
		}
	case *fs.PathError:
		if s, ok := pathErrorText(lang, e, output); ok {
			return s
		}
	case *errmsg.Msg: // capture's, candidates' and simulate's
		return msgText(lang, "err."+e.Domain+"."+e.Code, e.Args, output, err)
	case *capture.Error:
		return translate(lang, e.Message(), output)
	case *render.Error:
		return msgText(lang, e.Key, e.Args, output, err)
	case renderedError:
		return render.ErrorText(lang, e.error)
	case syscall.Errno:
		if k := errnoKeys[e]; k != "" {
			return render.T(lang, "cli.err.errno."+k)
		}
	}
	if s, ok := cobraErrorText(lang, err.Error()); ok {
		return s
	}
	if s, ok := prefixedText(lang, err, output); ok {
		return s
	}
	if s, ok := joinedText(lang, err, output); ok {
		return s
	}
	return err.Error()
}

// joinedText words the errors errors.Join put together (several captures
// cut short: one line each, as Join writes them), each in lang.
func joinedText(lang string, err error, output bool) (string, bool) {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok || fmt.Sprintf("%T", err) != "*errors.joinError" {
		return "", false
	}
	var lines []string
	for _, e := range j.Unwrap() {
		lines = append(lines, translate(lang, e, output))
	}
	return strings.Join(lines, "\n"), true
}

// msgText words a package's error, catalogue entry key with args: errors
// among them in lang too, lists with lang's separator. Without the entry
// (a test fails then) it is err's English.
func msgText(lang, key string, args []any, output bool, err error) string {
	if !render.HasText(key) {
		return err.Error()
	}
	a := make([]any, len(args))
	for i, v := range args {
		switch v := v.(type) {
		case error:
			a[i] = translate(lang, v, output)
		case errmsg.List: // render.List too
			a[i] = render.ListText(lang, v)
		default:
			a[i] = v
		}
	}
	return render.T(lang, key, a...)
}

// prefixedText words an error that puts a name before another error, as
// fmt.Errorf("%s: %w", name, err) does: the name stays, the wrapped error
// is translated. Only fmt's wrapper (others, such as *fs.PathError, put
// English words first), and only when the wrapped error is translated.
func prefixedText(lang string, err error, output bool) (string, bool) {
	inner := errors.Unwrap(err)
	if inner == nil || fmt.Sprintf("%T", err) != "*fmt.wrapError" {
		return "", false
	}
	name, ok := strings.CutSuffix(err.Error(), ": "+inner.Error())
	if !ok || name == "" {
		return "", false
	}
	t := translate(lang, inner, output)
	if t == inner.Error() {
		return "", false
	}
	return render.T(lang, "cli.err.flag-file", name, t), true
}

// renderedError is an error render words (render.ErrorText): a credential
// mismatch, a session without keys.
type renderedError struct{ error }

func (e renderedError) Error() string { return render.ErrorText("en", e.error) }
func (e renderedError) Unwrap() error { return e.error }

// errnoKeys are the system errors the catalogue words.
var errnoKeys = map[syscall.Errno]string{
	syscall.ENOENT:  "enoent",
	syscall.EACCES:  "eacces",
	syscall.EPERM:   "eperm",
	syscall.EISDIR:  "eisdir",
	syscall.ENOTDIR: "enotdir",
	syscall.ENOSPC:  "enospc",
	syscall.EROFS:   "erofs",
	syscall.EEXIST:  "eexist",
	syscall.EIO:     "eio",
	syscall.EPIPE:   "epipe",
}

// pathErrorText words a file that cannot be opened, read, created or
// written (output: the command's output).
func pathErrorText(lang string, pe *fs.PathError, output bool) (string, bool) {
	var errno syscall.Errno
	if !errors.As(pe.Err, &errno) || errnoKeys[errno] == "" {
		return "", false
	}
	why := render.T(lang, "cli.err.errno."+errnoKeys[errno])
	var key string
	switch {
	case pe.Op == "open" && output, pe.Op == "write", pe.Op == "close" && output:
		key = "cli.err.cannot-write"
	case pe.Op == "open":
		key = "cli.err.cannot-open"
	case pe.Op == "read":
		key = "cli.err.cannot-read"
	case pe.Op == "mkdir":
		key = "cli.err.cannot-mkdir"
	default:
		return "", false
	}
	return render.T(lang, key, pe.Path, why), true
}

// pflagErrorText words pflag's parse errors, told apart by their types.
func pflagErrorText(lang string, err error) (string, bool) {
	var notExist *pflag.NotExistError
	var noValue *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	var syntax *pflag.InvalidSyntaxError
	switch {
	case errors.As(err, &notExist):
		name, group := notExist.GetSpecifiedName(), notExist.GetSpecifiedShortnames()
		switch {
		case group != "" && err.Error() == fmt.Sprintf("unknown shorthand flag: %q in -%s", rune(name[0]), group):
			return render.T(lang, "cli.err.unknown-shorthand", name[:1], group), true
		case group == "" && err.Error() == "unknown flag: --"+name:
			return render.T(lang, "cli.err.unknown-flag", "--"+name), true
		}
	case errors.As(err, &noValue):
		if group := noValue.GetSpecifiedShortnames(); group != "" {
			return render.T(lang, "cli.err.needs-value-shorthand", noValue.GetSpecifiedName()[:1], group), true
		}
		return render.T(lang, "cli.err.needs-value", "--"+noValue.GetSpecifiedName()), true
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		want := "cli.err.want." + f.Value.Type()
		if !render.HasText(want) {
			return "", false
		}
		name := "--" + f.Name
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			name = "-" + f.Shorthand + ", " + name
		}
		return render.T(lang, "cli.err.invalid-value", strconv.Quote(invalid.GetValue()), name, render.T(lang, want)), true
	case errors.As(err, &syntax):
		return render.T(lang, "cli.err.bad-syntax", syntax.GetSpecifiedFlag()), true
	}
	return "", false
}

var acceptsArgs = regexp.MustCompile(`^accepts (\d+) arg\(s\), received (\d+)$`)

// cobraErrorText words the errors cobra makes as plain strings: a wrong
// number of arguments and an unknown command (with its suggestions).
func cobraErrorText(lang, msg string) (string, bool) {
	if m := acceptsArgs.FindStringSubmatch(msg); m != nil {
		return render.T(lang, "cli.err.accepts-args", m[1], m[2]), true
	}
	rest, ok := strings.CutPrefix(msg, "unknown command ")
	if !ok {
		return "", false
	}
	arg, rest, ok := cutQuoted(rest)
	if !ok {
		return "", false
	}
	rest, ok = strings.CutPrefix(rest, " for ")
	if !ok {
		return "", false
	}
	path, rest, ok := cutQuoted(rest)
	if !ok {
		return "", false
	}
	s := render.T(lang, "cli.err.unknown-command", strconv.Quote(arg), path)
	if rest == "" {
		return s, true
	}
	// cobra's suggestions: "\n\nDid you mean this?\n\tNAME\n..."
	list, ok := strings.CutPrefix(rest, "\n\nDid you mean this?\n")
	if !ok || !strings.HasSuffix(list, "\n") {
		return "", false
	}
	var names []string
	for _, l := range strings.Split(strings.TrimSuffix(list, "\n"), "\n") {
		name, ok := strings.CutPrefix(l, "\t")
		if !ok || name == "" {
			return "", false
		}
		names = append(names, name)
	}
	return s + render.T(lang, "cli.err.did-you-mean", orList(names).text(lang)), true
}

// cutQuoted reads a Go-quoted string at the start of s.
func cutQuoted(s string) (value, rest string, ok bool) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", "", false
	}
	v, err := strconv.Unquote(q)
	return v, s[len(q):], err == nil
}

// setFlagErrors makes cobra's flag errors flagErrors (usage errors, exit 2).
func setFlagErrors(root *cobra.Command) {
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{flagError{err, c.CommandPath()}}
	})
}
