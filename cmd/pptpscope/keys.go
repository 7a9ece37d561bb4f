package main

import (
	"fmt"
	"strings"

	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newKeysCmd) }

// wrapText wraps s at spaces to width columns (80 when zero), continuation
// lines indented by 4.
func wrapText(s string, width int) string {
	if width <= 0 {
		width = 80
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = "    " + w
		}
	}
	return strings.Join(append(lines, line), "\n")
}

func newKeysCmd() *cobra.Command {
	var in inputFlags
	var creds credentialFlags
	var sessionIndex, width int
	var lang langFlag
	c := &cobra.Command{
		Use:     "keys [CAPTURE...]",
		Short:   tr("cli.keys.short"),
		Long:    tr("cli.keys.long", tr("cli.help.credentials")),
		Example: tr("cli.keys.example"),
		Args:    usageArgs(cobra.ArbitraryArgs), // one capture, several (merged) or a directory
		RunE: func(cmd *cobra.Command, args []string) error {
			if sessionIndex < 0 || cmd.Flags().Changed("session") && sessionIndex == 0 {
				return usageError{textErr("cli.err.session-number")}
			}
			clampWidth(cmd, &width, keysTableWidth, "cli.width.keys")
			if err := lang.check(); err != nil {
				return err
			}
			cr, err := creds.load(cmd, true)
			if err != nil {
				return err
			}
			src, err := in.open(cmd, args)
			if err != nil {
				return err
			}
			defer src.Close()
			a, scanErr := runLoop(src, pipeline.Whole(false), cr, session.NopSink{})
			if isMismatch(scanErr) {
				return scanErr
			}
			out := cmd.OutOrStdout()
			if width == 0 {
				width = terminalWidth(out)
			}
			var why []error
			var whyText []string
			shown := 0
			for _, s := range a.Sessions {
				if sessionIndex > 0 && s.Index != sessionIndex || s.PPPLink {
					continue // a PPP link session has no PPTP, no MPPE keys
				}
				d, assumed, err := pipeline.KeyDerivation(s, cr)
				if err != nil {
					why = append(why, textErr("cli.err.keys-session", s.Index, renderedError{err}))
					whyText = append(whyText, render.T(lang.text(), "keys.nothing-for", s.Index, render.ErrorText(lang.text(), err)))
					continue
				}
				if shown == 0 {
					fmt.Fprintf(out, "%s\n", render.KeyWarning(lang.text()))
				}
				fmt.Fprintln(out)
				if err := render.WriteKeys(out, s, d, render.KeysOptions{Width: width, Assumed: assumed, Lang: lang.text()}); err != nil {
					return err
				}
				shown++
			}
			if shown > 0 && len(why) > 0 {
				fmt.Fprintln(out)
				for _, w := range whyText {
					fmt.Fprintf(out, "%s\n", wrapText(w, width))
				}
			}
			if scanErr != nil {
				return scanErr
			}
			if shown == 0 {
				switch {
				case sessionIndex > len(a.Sessions):
					return usageError{textErr("cli.err.no-session-n", sessionIndex, len(a.Sessions))}
				case len(why) == 0:
					return nothingError{textErr("cli.err.no-session")}
				}
				var seen usersSeen
				for _, s := range a.Sessions {
					seen.add(s)
				}
				if err := seen.check(cr); err != nil {
					return err
				}
				return textErr("cli.err.no-keys", why)
			}
			return nil
		},
	}
	in.register(c)
	creds.register(c)
	lang.register(c)
	c.Flags().IntVar(&sessionIndex, "session", 0, tr("cli.keys.flag.session"))
	c.Flags().IntVar(&width, "width", 0, tr("cli.flag.width"))
	return c
}
