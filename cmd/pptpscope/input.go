package main

import (
	"fmt"
	"io"
	"os"

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
	c.Flags().StringVarP(&f.read, "read", "r", "", "read packets from `FILE` (pcap or pcapng, optionally gzip-compressed; - for standard input)")
}

// open returns the capture named by -r or by the single positional argument.
func (f *inputFlags) open(c *cobra.Command, args []string) (capture.Source, error) {
	name := f.read
	switch {
	case name != "" && len(args) > 0:
		return nil, usageError{fmt.Errorf("give the capture either with -r or as an argument, not both")}
	case name == "" && len(args) == 1:
		name = args[0]
	case name == "" && len(args) == 0:
		return nil, usageError{fmt.Errorf("no capture given: pptpscope COMMAND CAPTURE (or -r CAPTURE, - for standard input)")}
	case len(args) > 1:
		return nil, usageError{fmt.Errorf("one capture at a time, got %d", len(args))}
	}
	if f.limit < 0 {
		return nil, usageError{fmt.Errorf("-c %d: give a number of frames, 1 or more", f.limit)}
	}
	var src capture.Source
	var err error
	if name == "-" {
		src, err = capture.OpenReader(c.InOrStdin(), "-")
	} else {
		src, err = capture.Open(name)
	}
	if err != nil {
		return nil, err
	}
	return capture.Limit(src, f.limit), nil
}

// terminalWidth returns stdout's width when it is a terminal, else 0.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
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
