package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
	"github.com/spf13/cobra"
)

// shells are the shells `pptpscope completion` writes a script for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

// finishRoot adds what the command tree needs once every command is in
// it: the completion command (a missing or unknown shell is a usage
// error), the hidden man command, and the completion of flag values.
func finishRoot(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.RunE = func(cmd *cobra.Command, args []string) error {
				return usageError{textErr("cli.err.no-shell", strings.Join(shells, "|"))}
			}
		}
	}
	root.AddCommand(newManCmd())
	for _, c := range root.Commands() {
		registerValueCompletions(c)
	}
	localizeCobra(root) // help.go
}

// flagValues are the values of the flags that take one of a fixed list,
// per command ("" applies to every command that has the flag).
var flagValues = map[string]map[string][]string{
	"format": {"analyze": {"table", "json"}, "packets": {"table", "json"}, "diagram": diagramFormats, "live": {"text", "json"}},
	"color":  {"": {"auto", "always", "never"}},
	"lang":   {"": render.Languages},
}

// registerValueCompletions lets the shell complete the values of c's
// flags: fixed lists, phase names, the session numbers of the capture on
// the command line and the interfaces of live.
func registerValueCompletions(c *cobra.Command) {
	for name, byCmd := range flagValues {
		values, ok := byCmd[c.Name()]
		if !ok {
			values, ok = byCmd[""]
		}
		if ok && c.Flags().Lookup(name) != nil {
			c.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
		}
	}
	if c.Flags().Lookup("phase") != nil {
		phases := session.PhaseOrder
		if c.Name() == "packets" {
			phases = packetPhases()
		}
		var values []string
		for _, p := range phases {
			values = append(values, p+"\t"+render.PhaseTitle(helpLang, p))
		}
		c.RegisterFlagCompletionFunc("phase", cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	}
	if c.Flags().Lookup("session") != nil {
		c.RegisterFlagCompletionFunc("session", completeSessions)
	}
	if c.Flags().Lookup("interface") != nil {
		c.RegisterFlagCompletionFunc("interface", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			ifs, err := capture.ListInterfaces()
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			var names []cobra.Completion
			for _, i := range ifs {
				names = append(names, cobra.CompletionWithDesc(i.Name, strings.Join(i.Addresses, " ")))
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		})
	}
}

// completeSessions lists the session numbers of the capture given on the
// command line (-r FILE, or the arguments: files and directories read as
// one), each with its client and server.
func completeSessions(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	names := args
	if name, _ := cmd.Flags().GetString("read"); name != "" {
		names = []string{name}
	}
	if len(names) == 0 || contains(names, "-") {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	src, err := capture.OpenFiles(names)
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	defer src.Close()
	var out []cobra.Completion
	var seen usersSeen
	_, err = runLoop(src, pipeline.Streamed(0, true), nil, &seen)
	for _, s := range seen.ended {
		out = append(out, cobra.CompletionWithDesc(fmt.Sprint(s.index), fmt.Sprintf("%s → %s", s.client, s.server)))
	}
	if err != nil && len(out) == 0 && !errors.Is(err, capture.ErrTruncated) {
		return nil, cobra.ShellCompDirectiveError
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// packetPhases are the phases packets can list: every phase but
// tcp-connect, whose TCP segments packets does not list.
func packetPhases() []string {
	var out []string
	for _, p := range session.PhaseOrder {
		if p != session.PhaseTCPConnect {
			out = append(out, p)
		}
	}
	return out
}
