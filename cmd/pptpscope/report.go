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
		Short: "Write a self-contained HTML teaching report of the PPTP sessions",
		Long: `Write one HTML file that explains the capture's PPTP sessions to students: per
session the summary and diagnosis, a timeline of the phases, the
encapsulation of one data packet (Ethernet | IP | GRE | PPP | MPPE | ...), and
for each phase an explanation, the packet table and the sequence diagram.
Clicking a message shows what it does, its decoded fields and its bytes in
hex, with the bytes of the selected field highlighted; ↓/↑ (or j/k) step
through the handshake.

The file has no external resources (inline CSS, script and SVG): it opens
offline, e.g. from a USB stick on a classroom PC. --lang chooses English or
Chinese (default: from LC_ALL, LC_MESSAGES or LANG). With credentials the
encapsulation view shows the decrypted inner packet.

` + selectHelp + `
The report then covers the selected sessions; the line saying what was
left out goes to standard error.

` + redactHelp + `

` + credentialsHelp + `

` + wordlistHelp,
		Example: `  pptpscope report capture.pcap -o report.html
  pptpscope report --lang zh capture.pcap -o 报告.html`,
		Args: usageArgs(cobra.ArbitraryArgs), // one capture, several (merged) or a directory
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := lang.check(); err != nil {
				return err
			}
			if output == "" || output == "-" {
				if err := refuseTerminal(cmd.OutOrStdout(), force, "an HTML report", "give -o FILE or redirect it"); err != nil {
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
			sink, err := sf.wrap(render.NewReportOutput(out, render.ReportOptions{Lang: lang.text(), Source: src.Name(), Version: versionString()}), cmd.ErrOrStderr())
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
	c.Flags().StringVarP(&output, "output", "o", "", "write the report to `FILE` (default: standard output)")
	lang.register(c)
	c.Flags().BoolVar(&force, "force", false, "write the HTML to standard output even when it is a terminal")
	sf.register(c, &in)
	sf.registerRedact(c)
	return c
}
