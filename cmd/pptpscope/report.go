package main

import (
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/render"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newReportCmd) }

func newReportCmd() *cobra.Command {
	var in inputFlags
	var creds credentialFlags
	var wl wordlistFlags
	var output string
	var lang langFlag
	var force bool
	var sf selectFlags
	c := &cobra.Command{
		Use:   "report [CAPTURE...]",
		Short: tr("cli.report.short"),
		Long: tr("cli.report.long", tr("cli.help.select"), tr("cli.help.redact"), tr("cli.help.credentials"),
			tr("cli.help.wordlist")),
		Example: tr("cli.report.example"),
		Args:    usageArgs(cobra.ArbitraryArgs), // one capture, several (merged) or a directory
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := lang.check(); err != nil {
				return err
			}
			if output == "" || output == "-" {
				if err := refuseTerminal(cmd.OutOrStdout(), force, "cli.terminal.html", "cli.terminal.html.instead"); err != nil {
					return err
				}
			}
			if _, err := sf.selection(); err != nil {
				return err
			}
			find, err := wl.finder(cmd)
			if err != nil {
				return err
			}
			cr, err := creds.load(cmd, false)
			if err != nil {
				return err
			}
			src, err := in.open(cmd, args)
			if err != nil {
				return err
			}
			defer src.Close()
			out, closeOut, err := openOutput(cmd, output)
			if err != nil {
				return err
			}
			locate := frameFiles(src) // several captures merged: frames by file (merge.go)
			sink, err := sf.wrap(render.NewReportOutput(out, render.ReportOptions{Lang: lang.text(), Source: src.Name(), Version: versionString(), Locate: locate}), cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			_, scanErr := runLoop(src, pipeline.Whole(false), cr, sink, find)
			if cerr := closeOut(); scanErr == nil {
				scanErr = cerr
			}
			return scanErr
		},
	}
	in.register(c)
	creds.register(c)
	wl.register(c)
	c.Flags().StringVarP(&output, "output", "o", "", tr("cli.report.flag.output"))
	lang.register(c)
	c.Flags().BoolVar(&force, "force", false, tr("cli.report.flag.force"))
	sf.register(c, &in)
	sf.registerRedact(c)
	return c
}
