package main

import (
	"io"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// inputFlags are the flags every command that reads a capture shares.
type inputFlags struct {
	read string
	// limit: stop after this frame (-c; 0: no limit), see selectFlags.
	limit int
}

func (f *inputFlags) register(c *cobra.Command) {
	c.Flags().StringVarP(&f.read, "read", "r", "", tr("cli.flag.read"))
}

// open returns the capture named by -r or by the positional arguments:
// several files, or a directory, are read as one capture merged by
// timestamp (capture.OpenFiles).
func (f *inputFlags) open(c *cobra.Command, args []string) (capture.Source, error) {
	names := args
	switch {
	case f.read != "" && len(args) > 0:
		return nil, usageError{textErr("cli.err.read-and-args")}
	case f.read != "":
		names = []string{f.read}
	case len(args) == 0:
		return nil, usageError{textErr("cli.err.no-capture")}
	}
	if f.limit < 0 {
		return nil, usageError{textErr("cli.err.count", f.limit)}
	}
	stdin := 0
	for _, n := range names {
		if n == "-" {
			stdin++
		}
	}
	var src capture.Source
	var err error
	switch {
	case len(names) == 1 && names[0] == "-":
		src, err = capture.OpenReader(c.InOrStdin(), "-")
	case stdin > 0:
		return nil, usageError{textErr("cli.err.stdin-one")}
	default:
		src, err = capture.OpenFiles(names)
	}
	if err != nil {
		return nil, err
	}
	return capture.Limit(src, f.limit), nil
}

// terminalWidth returns stdout's width when it is a terminal, else 0.
func terminalWidth(w io.Writer) int {
	f, ok := w.(interface{ Fd() uintptr }) // an *os.File, or stdout as wrapOutput wraps it
	if !ok {
		return 0
	}
	fd := int(f.Fd())
	if !term.IsTerminal(fd) {
		return 0
	}
	cols, _, err := term.GetSize(fd)
	if err != nil {
		return 0
	}
	return cols
}
