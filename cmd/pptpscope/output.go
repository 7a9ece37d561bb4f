package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// outputFile is an -o file whose write and close errors are output errors
// (exit 10), whatever wraps them on the way up.
type outputFile struct{ f *os.File }

func (o *outputFile) Write(b []byte) (int, error) {
	n, err := o.f.Write(b)
	if err != nil {
		err = outputError{err}
	}
	return n, err
}

func (o *outputFile) close() error {
	if err := o.f.Close(); err != nil {
		return outputError{err}
	}
	return nil
}

// isTerminal reports whether w is a terminal (an *os.File, or standard
// output as wrapOutput wraps it).
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// refuseTerminal refuses to write binary or markup output to a terminal
// unless --force is given, as gzip does; what and instead are catalogue
// keys (what is refused, what to do instead).
func refuseTerminal(w io.Writer, force bool, what, instead string) error {
	f, ok := w.(interface{ Fd() uintptr })
	if force || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return usageError{textErr("cli.err.terminal", msgKey(what), msgKey(instead))}
}

// Widths: --width is clamped to [minWidth, maxWidth], with a note, so
// that a typo cannot make a diagram of gigabytes.
const (
	minWidth = 40
	maxWidth = 1000
)

// Narrowest layouts: the packet table, the analyze tables and the key
// table have fixed columns, the text diagram two lifelines and a margin.
// A smaller --width is raised to these, with a note that says so.
const (
	packetTableWidth  = 74
	analyzeTableWidth = 76
	diagramTextWidth  = 60
	keysTableWidth    = 75
)

// clampWidth applies the limits to an explicit --width: floor is the
// narrowest the command's output can be (what: the catalogue key of "the
// packet table needs"). It notes on standard error what it changed.
func clampWidth(cmd *cobra.Command, width *int, floor int, what string) {
	if !cmd.Flags().Changed("width") {
		return
	}
	asked := *width
	switch {
	case asked > maxWidth:
		*width = maxWidth
		fmt.Fprintf(cmd.ErrOrStderr(), "pptpscope: %s\n", tr("cli.width.max", asked, maxWidth, maxWidth))
	case asked < max(minWidth, floor):
		*width = max(minWidth, floor)
		fmt.Fprintf(cmd.ErrOrStderr(), "pptpscope: %s\n", tr("cli.width.min", asked, *width, tr(what), *width))
	}
}

// wrapOutput makes the errors of writing to standard output output errors
// (exit 10), whatever wraps them on the way up. A file keeps its Fd, for
// the terminal checks.
func wrapOutput(w io.Writer) io.Writer {
	if f, ok := w.(*os.File); ok {
		return stdoutFile{f}
	}
	return stdoutWriter{w}
}

type stdoutFile struct{ *os.File }

func (o stdoutFile) Write(b []byte) (int, error) {
	n, err := o.File.Write(b)
	if err != nil {
		err = outputError{err}
	}
	return n, err
}

type stdoutWriter struct{ w io.Writer }

func (o stdoutWriter) Write(b []byte) (int, error) {
	n, err := o.w.Write(b)
	if err != nil {
		err = outputError{err}
	}
	return n, err
}
