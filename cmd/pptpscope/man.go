package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pptpscope/pptpscope/render"
	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd is the hidden `pptpscope man DIR`: one man page (section 1)
// per command, generated from the command tree; make install runs it.
// The pages are in the language of the help: --lang (hidden, as on every
// command that has no --lang of its own), else the locale.
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  tr("cli.man.short"),
		Hidden: true,
		Args:   usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return outputError{err}
			}
			root := cmd.Root()
			root.DisableAutoGenTag = true // pages identical for identical sources
			header := &doc.GenManHeader{Title: "PPTPSCOPE", Section: "1", Source: "pptpscope " + versionString(), Manual: tr("cli.man.manual")}
			if err := writeManTree(root, header, dir); err != nil {
				return outputError{textErr("cli.err.man", dir, err)}
			}
			return nil
		},
	}
}

// writeManTree writes the page of cmd and of every command under it that
// help lists, named as cobra/doc's GenManTree names them (pptpscope.1,
// pptpscope-analyze.1, pptpscope-completion-bash.1 ...). In a language
// other than English, the section headings cobra/doc writes and the month
// of the date are translated.
func writeManTree(cmd *cobra.Command, header *doc.GenManHeader, dir string) error {
	for _, c := range cmd.Commands() {
		if !c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
			continue
		}
		if err := writeManTree(c, header, dir); err != nil {
			return err
		}
	}
	h := *header
	if h.Date == nil {
		d := manDate()
		h.Date = &d
	}
	var b bytes.Buffer
	if err := doc.GenMan(cmd, &h, &b); err != nil {
		return err
	}
	page := b.Bytes()
	if helpLang != "en" {
		page = localizeMan(page, *h.Date)
	}
	name := strings.ReplaceAll(cmd.CommandPath(), " ", "-") + "." + h.Section
	return os.WriteFile(filepath.Join(dir, name), page, 0o644)
}

// manDate is the date of the pages: SOURCE_DATE_EPOCH when set (for
// reproducible builds), else now, as cobra/doc takes it.
func manDate() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0)
		}
	}
	return time.Now()
}

// localizeMan translates the headings (.SH lines) cobra/doc writes and the
// date of the .TH line; a heading the catalogue does not know stays.
func localizeMan(page []byte, date time.Time) []byte {
	lines := strings.Split(string(page), "\n")
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, ".SH "):
			if key := "cli.man.sh." + strings.TrimPrefix(l, ".SH "); render.HasText(key) {
				lines[i] = ".SH " + tr(key)
			}
		case strings.HasPrefix(l, ".TH "):
			en := fmt.Sprintf("%q", date.Format("Jan 2006"))
			lines[i] = strings.Replace(l, en, fmt.Sprintf("%q", date.Format(tr("cli.man.date"))), 1)
		}
	}
	return []byte(strings.Join(lines, "\n"))
}
