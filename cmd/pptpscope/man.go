package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd is the hidden `pptpscope man DIR`: one man page (section 1)
// per command, generated from the command tree; make install runs it.
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "Write a man page per command to DIR (pptpscope.1, pptpscope-analyze.1, ...)",
		Hidden: true,
		Args:   usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return outputError{err}
			}
			root := cmd.Root()
			root.DisableAutoGenTag = true // pages identical for identical sources
			header := &doc.GenManHeader{Title: "PPTPSCOPE", Section: "1", Source: "pptpscope " + versionString(), Manual: "pptpscope manual"}
			if err := doc.GenManTree(root, header, dir); err != nil {
				return outputError{fmt.Errorf("writing the man pages to %s: %w", dir, err)}
			}
			return nil
		},
	}
}
