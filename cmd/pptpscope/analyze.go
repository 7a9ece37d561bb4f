package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/render"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// colorFlag implements --color auto|always|never (and NO_COLOR).
type colorFlag struct{ mode string }

func (c *colorFlag) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&c.mode, "color", "auto", "colour output: auto (when stdout is a terminal and NO_COLOR is unset), always or never")
}

func (c *colorFlag) enabled(cmd *cobra.Command) (bool, error) {
	switch c.mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if os.Getenv("NO_COLOR") != "" {
			return false, nil
		}
		f, ok := cmd.OutOrStdout().(interface{ Fd() uintptr }) // an *os.File, or stdout as wrapOutput wraps it
		return ok && term.IsTerminal(int(f.Fd())), nil
	}
	return false, usageError{fmt.Errorf("unknown --color %q (auto, always or never)", c.mode)}
}

func newAnalyzeCmd() *cobra.Command {
	var in inputFlags
	var creds credentialFlags
	var wl wordlistFlags
	var color colorFlag
	var lang langFlag
	var sf selectFlags
	var format string
	var verbose, quiet, failOn bool
	var width, maxSessions int
	c := &cobra.Command{
		Use:   "analyze [CAPTURE...]",
		Short: "Explain every PPTP session: handshake phases, negotiated values, diagnosis, statistics",
		Long: `Explain every PPTP session of a capture: who talked to whom, how the handshake
went phase by phase (TCP connect, control connection, call setup, LCP,
authentication, NCP, CCP, data, teardown), what was negotiated, how the data
flowed, and, when the session failed, why.

The report ends with one line over all sessions shown: how many are OK,
failed and incomplete, and the most frequent finding codes; -q prints only
that line (and warnings). --fail-on-failure makes the exit status 12 when
a session shown failed (for scripts and monitoring).

--format json prints one document {"sessions": [...], "summary": {...}}.
--format csv prints one row per session under a header row with the
columns
` + wrapList(render.SessionCSVColumns) + `
(the summary line goes to standard error).

` + selectHelp + `

` + redactHelp + `

` + credentialsHelp + `

` + wordlistHelp,
		Example: `  pptpscope analyze capture.pcap
  pptpscope analyze -v capture.pcap          # every handshake message under its phase
  pptpscope analyze --format json capture.pcap | jq '.sessions[].findings'
  pptpscope analyze --user alice --password-file pw.txt capture.pcap   # decrypt: traffic inside the tunnel`,
		Args: usageArgs(cobra.ArbitraryArgs), // one capture, several (merged) or a directory
		RunE: func(cmd *cobra.Command, args []string) error {
			useColor, err := color.enabled(cmd)
			if err != nil {
				return err
			}
			if format != "table" && format != "json" && format != "csv" {
				return usageError{fmt.Errorf("unknown --format %q (table, json or csv)", format)}
			}
			if quiet && format != "table" {
				return usageError{fmt.Errorf("-q is for the table format: JSON has the summary in \"summary\", CSV on standard error")}
			}
			if format == "table" {
				clampWidth(cmd, &width, analyzeTableWidth, "the analyze tables need")
			}
			if err := lang.check(); err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if format == "table" && width == 0 {
				width = terminalWidth(out)
			}
			var frameLabel func(int) string // file:frame when several captures are merged (merge.go)
			textOpts := render.TextOptions{Width: width, Color: useColor, Verbose: verbose, Lang: lang.text(), Summary: true, Quiet: quiet,
				FrameLabel: func(n int) string {
					if frameLabel == nil {
						return strconv.Itoa(n)
					}
					return frameLabel(n)
				}}
			// Sessions are written as they end: a file of any size needs
			// memory for the sessions open at once only.
			var stream render.AnalysisStream
			switch format {
			case "json":
				stream = render.NewAnalysisJSON(out, lang.json())
			case "csv":
				stream = render.NewAnalysisCSV(out, cmd.ErrOrStderr())
			default:
				stream = render.NewAnalysisText(out, textOpts)
			}
			sink, err := sf.wrap(stream, nil)
			if err != nil {
				return err
			}
			if creds.find, err = wl.finder(cmd); err != nil {
				return err
			}
			labels := func(src capture.Source) { frameLabel, _, _ = frameLabels(src) }
			_, scanErr, err := analyzeInput(cmd, &in, &creds, false, args, pipeline.Streamed(maxSessions, !verbose || quiet), sink, labels)
			if isMismatch(err) {
				if aerr := stream.Abort(err); aerr != nil {
					return aerr
				}
			}
			if err != nil {
				return err
			}
			if scanErr == nil && failOn && stream.Summary().Failed > 0 {
				return errSessionFailed
			}
			return scanErr
		},
	}
	in.register(c)
	creds.register(c)
	wl.register(c)
	color.register(c)
	lang.register(c)
	sf.register(c, &in)
	sf.registerRedact(c)
	c.Flags().StringVar(&format, "format", "table", "output format: table, json or csv (one row per session)")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only the summary line over all sessions (and warnings)")
	c.Flags().BoolVar(&failOn, "fail-on-failure", false, "exit with status 12 when a session shown failed")
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every handshake message under its phase")
	c.Flags().IntVar(&width, "width", 0, "wrap width (default: the terminal's, else 80)")
	registerMaxSessions(c, &maxSessions)
	return c
}
