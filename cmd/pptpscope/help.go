package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/pptpscope/pptpscope/render"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpLang is the language of the run's help (--help, the man pages, the
// descriptions of shell completion) and of its generic command-line errors.
// The help is written before cobra parses the flags (and when they do not
// parse), so run picks it from the arguments: --lang X (or --lang=X)
// anywhere before "--", when X is a language pptpscope speaks; else the
// locale (LC_ALL, LC_MESSAGES, LANG), as text output.
var helpLang = "en"

// cliLang is the language of help and errors for a command line (see
// helpLang).
func cliLang(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		v, ok := strings.CutPrefix(a, "--lang=")
		if !ok && a == "--lang" && i+1 < len(args) {
			v, ok = args[i+1], true
		}
		if ok && render.ValidLang(v) {
			return v
		}
	}
	return render.LangFromEnv()
}

// tr is the catalogue text of key in the language of the help.
func tr(key string, args ...any) string { return render.T(helpLang, key, args...) }

// localizeCobra finishes the command tree for the language of the help:
// every command takes --lang (hidden where the command has none of its own,
// so that the language can be given anywhere on the command line), and in
// a language other than English, cobra's own texts (its usage template,
// the help and version flags) come from the catalogue. In English cobra's
// texts are left as they are. The help and completion commands get the
// project's own descriptions in every language.
func localizeCobra(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Flags().Lookup("lang") == nil {
			c.Flags().Var(new(langValue), "lang", tr("cli.flag.lang", strings.Join(render.Languages, tr("cli.flag.lang.or"))))
			c.Flags().MarkHidden("lang")
		}
		if helpLang != "en" {
			c.InitDefaultHelpFlag()
			if f := c.Flags().Lookup("help"); f != nil {
				name := c.DisplayName()
				f.Usage = tr("cli.cobra.help-flag", name)
			}
			if f := c.Flags().Lookup("no-descriptions"); f != nil {
				f.Usage = tr("cli.cobra.completion.no-descriptions")
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	// The help and completion commands cobra adds say what they do in the
	// project's own words, in every language.
	name := root.Name()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short = tr("cli.help-cmd.short")
			c.Long = tr("cli.help-cmd.long", root.DisplayName())
		case "completion":
			c.Short = tr("cli.completion.short")
			c.Long = tr("cli.completion.long", name)
			for _, sh := range c.Commands() {
				sh.Short = tr("cli.completion.shell.short", sh.Name())
				if key := "cli.completion." + sh.Name() + ".long"; render.HasText(key) {
					sh.Long = tr(key, name)
				}
			}
		}
	}
	if helpLang == "en" {
		return
	}
	root.InitDefaultVersionFlag() // cobra adds it when it runs, with its English
	if f := root.Flags().Lookup("version"); f != nil {
		f.Usage = tr("cli.cobra.version-flag", root.DisplayName())
	}
	root.SetVersionTemplate(tr("cli.cobra.version", "{{.DisplayName}}", "{{.Version}}") + "\n")
	root.SetUsageFunc(writeUsage)
	for _, c := range root.Commands() {
		if c.Name() != "help" {
			continue
		}
		show := c.Run
		c.Run = func(c *cobra.Command, args []string) {
			if cmd, _, err := c.Root().Find(args); cmd == nil || err != nil {
				c.Println(tr("cli.cobra.help.unknown", fmt.Sprintf("%#q", args)))
				cobra.CheckErr(c.Root().Usage())
				return
			}
			show(c, args)
		}
	}
}

// langValue is the hidden --lang of the commands that have none of their
// own (the language is taken from the arguments before cobra parses them;
// see helpLang): it accepts a language pptpscope speaks.
type langValue string

func (l *langValue) String() string { return string(*l) }
func (l *langValue) Type() string   { return "lang" }
func (l *langValue) Set(s string) error {
	if !render.ValidLang(s) {
		return textErr("cli.err.want.lang")
	}
	*l = langValue(s)
	return nil
}

// writeUsage is cobra's usage text (the part of --help after the long
// description, and what `pptpscope help` prints) with the words from the
// catalogue, for languages other than English.
func writeUsage(c *cobra.Command) error {
	w := c.OutOrStderr()
	fmt.Fprint(w, tr("cli.cobra.usage"))
	if c.Runnable() {
		fmt.Fprintf(w, "\n  %s", c.UseLine())
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n  %s [command]", c.CommandPath())
	}
	if len(c.Aliases) > 0 {
		fmt.Fprintf(w, "\n\n%s\n  %s", tr("cli.cobra.aliases"), c.NameAndAliases())
	}
	if c.HasExample() {
		fmt.Fprintf(w, "\n\n%s\n%s", tr("cli.cobra.examples"), c.Example)
	}
	if c.HasAvailableSubCommands() {
		listed := func(sub *cobra.Command) bool { return sub.IsAvailableCommand() || sub.Name() == "help" }
		if len(c.Groups()) == 0 {
			writeCommands(w, tr("cli.cobra.commands"), c.Commands(), listed)
		} else {
			for _, g := range c.Groups() {
				writeCommands(w, g.Title, c.Commands(), func(sub *cobra.Command) bool { return sub.GroupID == g.ID && listed(sub) })
			}
			if !c.AllChildCommandsHaveGroup() {
				writeCommands(w, tr("cli.cobra.additional-commands"), c.Commands(), func(sub *cobra.Command) bool { return sub.GroupID == "" && listed(sub) })
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(w, "\n\n%s\n%s", tr("cli.cobra.flags"), flagUsages(c.LocalFlags()))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(w, "\n\n%s\n%s", tr("cli.cobra.global-flags"), flagUsages(c.InheritedFlags()))
	}
	if c.HasHelpSubCommands() {
		fmt.Fprintf(w, "\n\n%s", tr("cli.cobra.help-topics"))
		for _, sub := range c.Commands() {
			if sub.IsAdditionalHelpTopicCommand() {
				fmt.Fprintf(w, "\n  %-*s %s", sub.CommandPathPadding(), sub.CommandPath(), sub.Short)
			}
		}
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n\n%s", tr("cli.cobra.more", c.CommandPath()))
	}
	fmt.Fprintln(w)
	return nil
}

func writeCommands(w io.Writer, title string, cmds []*cobra.Command, show func(*cobra.Command) bool) {
	fmt.Fprintf(w, "\n\n%s", title)
	for _, sub := range cmds {
		if show(sub) {
			fmt.Fprintf(w, "\n  %-*s %s", sub.NamePadding(), sub.Name(), sub.Short)
		}
	}
}

// flagUsages is pflag's table of flags with its "(default X)" in the
// language of the help.
func flagUsages(fs *pflag.FlagSet) string {
	lines := strings.Split(strings.TrimRight(fs.FlagUsages(), " \t\n"), "\n")
	for i, l := range lines {
		lines[i] = localizeDefault(l)
	}
	return strings.Join(lines, "\n")
}

// localizeDefault rewrites the " (default X)" pflag ends a flag's line with;
// a line without one is left as it is.
func localizeDefault(line string) string {
	const open = " (default "
	i := strings.LastIndex(line, open)
	if i < 0 || !strings.HasSuffix(line, ")") {
		return line
	}
	value := line[i+len(open) : len(line)-1]
	return line[:i] + tr("cli.cobra.default", value)
}
