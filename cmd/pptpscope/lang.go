package main

import (
	"strconv"
	"strings"

	"github.com/pptpscope/pptpscope/render"
	"github.com/spf13/cobra"
)

// langFlag implements --lang en|zh. Text follows the flag, else the locale
// (LC_ALL, LC_MESSAGES, LANG); JSON follows the flag only, so that scripts
// get the same output whatever the locale.
type langFlag struct{ value string }

func (l *langFlag) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&l.value, "lang", "", tr("cli.flag.lang", strings.Join(render.Languages, tr("cli.flag.lang.or"))))
}

// errorLang is the language of the error that ends a run: the command's
// --lang once checked, else the locale.
var errorLang string

func (l *langFlag) check() error {
	if l.value != "" && !render.ValidLang(l.value) {
		return usageError{textErr("cli.err.unknown-value", "--lang", strconv.Quote(l.value), orList(render.Languages))}
	}
	errorLang = l.value
	return nil
}

// text is the language of text output.
func (l *langFlag) text() string {
	if l.value != "" {
		return l.value
	}
	return render.LangFromEnv()
}

// json is the language of the messages in JSON output.
func (l *langFlag) json() string {
	if l.value != "" {
		return l.value
	}
	return "en"
}

// forFormat is the language of an output format: json or text.
func (l *langFlag) forFormat(format string) string {
	if format == "json" || format == "jsonl" {
		return l.json()
	}
	return l.text()
}
