package main

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/crack"
	"github.com/pptpscope/pptpscope/crack/candidates"
	"github.com/spf13/cobra"
)

// Exit codes, documented in the README and in `pptpscope --help`.
const (
	exitOK            = 0   // success
	exitError         = 1   // any other error (e.g. the live interface went down)
	exitUsage         = 2   // bad command line
	exitNotCapture    = 3   // the input is not a pcap/pcapng capture (or is empty)
	exitTruncated     = 4   // the capture is cut short or corrupt; output covers what was read
	exitUnreadable    = 5   // the input cannot be opened or read
	exitUnsupported   = 6   // the capture's link type is not supported
	exitMismatch      = 7   // the password (or NT hash) does not match the captured MS-CHAP authentication
	exitNoInterface   = 8   // live: no such interface
	exitPermission    = 9   // live: no permission to capture
	exitOutput        = 10  // the output cannot be written (-o, -w, standard output)
	exitNothing       = 11  // keys, decrypt: no PPTP session, or none authenticated as --user
	exitSessionFailed = 12  // analyze --fail-on-failure: a session failed
	exitNoAuth        = 11  // crack: no complete authentication (nothing to work on, as exitNothing)
	exitNotFound      = 13  // crack: a password was not found among the candidates
	exitCandidates    = 14  // crack: the word list, a rule file or the mask is unusable
	exitInterrupted   = 130 // live, crack: interrupted (live: before any packet, as tcpdump)
)

// errSessionFailed: analyze --fail-on-failure found a failed session.
var errSessionFailed = textErr("cli.err.session-failed")

// usageError marks command-line mistakes.
type usageError struct{ error }

// outputError marks a failure to create or write the command's output, so
// it is not taken for an input error (a *fs.PathError either way).
type outputError struct{ error }

func (e outputError) Unwrap() error { return e.error }

// nothingError: the capture holds nothing the command can work on (keys,
// decrypt: no PPTP session, or none authenticated as --user).
type nothingError struct{ error }

func (e nothingError) Unwrap() error { return e.error }

func exitCode(err error) int {
	var ue usageError
	var oe outputError
	var ne nothingError
	switch {
	case errors.As(err, &ue), isCobraUsage(err):
		return exitUsage
	case errors.As(err, &oe):
		return exitOutput
	case errors.As(err, &ne):
		return exitNothing
	case isMismatch(err): // credentials.go
		return exitMismatch
	case errors.Is(err, errSessionFailed):
		return exitSessionFailed
	case errors.Is(err, errInterrupted), errors.Is(err, errCrackInterrupted): // live.go, crack.go
		return exitInterrupted
	case errors.Is(err, errNotFound): // crack.go
		return exitNotFound
	case errors.Is(err, crack.ErrNoAuth):
		return exitNoAuth
	case errors.Is(err, candidates.ErrWordlist), errors.Is(err, candidates.ErrRule), errors.Is(err, candidates.ErrMask):
		return exitCandidates
	case errors.Is(err, capture.ErrNoInterface):
		return exitNoInterface
	case errors.Is(err, capture.ErrPermission):
		return exitPermission
	case errors.Is(err, capture.ErrFilterUnsupported):
		return exitUsage
	case errors.Is(err, capture.ErrNotCapture), errors.Is(err, capture.ErrEmpty):
		return exitNotCapture
	case errors.Is(err, capture.ErrTruncated), errors.Is(err, capture.ErrCorrupt):
		return exitTruncated
	case errors.Is(err, capture.ErrUnsupportedLinkType):
		return exitUnsupported
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission), isPathError(err):
		return exitUnreadable
	}
	return exitError
}

// isCobraUsage recognises the usage errors cobra makes itself (it has no
// sentinel for them): an unknown command.
func isCobraUsage(err error) bool {
	return strings.HasPrefix(err.Error(), "unknown command ")
}

func isPathError(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe)
}

// oneLine keeps an error message on one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// usageArgs marks positional-argument errors as usage errors.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}
