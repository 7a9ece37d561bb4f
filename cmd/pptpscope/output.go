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

// refuseTerminal refuses to write binary or markup output (what) to a
// terminal unless --force is given, as gzip does.
func refuseTerminal(w io.Writer, force bool, what, instead string) error {
	f, ok := w.(interface{ Fd() uintptr })
	if force || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return usageError{fmt.Errorf("not writing %s to a terminal: %s, or --force", what, instead)}
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
// narrowest the command's output can be (what: "the packet table needs"). It notes on
// standard error what it changed.
func clampWidth(cmd *cobra.Command, width *int, floor int, what string) {
	if !cmd.Flags().Changed("width") {
		return
	}
	asked := *width
	switch {
	case asked > maxWidth:
		*width = maxWidth
		fmt.Fprintf(cmd.ErrOrStderr(), "pptpscope: --width %d is more than the %d columns allowed; using %d\n", asked, maxWidth, maxWidth)
	case asked < max(minWidth, floor):
		*width = max(minWidth, floor)
		fmt.Fprintf(cmd.ErrOrStderr(), "pptpscope: --width %d is narrower than the %d columns %s; using %d\n", asked, *width, what, *width)
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
