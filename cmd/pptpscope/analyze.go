package main

import (
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
	cmd.Flags().StringVar(&c.mode, "color", "auto", tr("cli.flag.color"))
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
	return false, usageError{textErr("cli.err.unknown-value", "--color", strconv.Quote(c.mode), orList{"auto", "always", "never"})}
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
		Short: tr("cli.analyze.short"),
		Long: tr("cli.analyze.long", wrapList(render.SessionCSVColumns), tr("cli.help.select"), tr("cli.help.redact"),
			tr("cli.help.credentials"), tr("cli.help.wordlist")),
		Example: tr("cli.analyze.example"),
		Args:    usageArgs(cobra.ArbitraryArgs), // one capture, several (merged) or a directory
		RunE: func(cmd *cobra.Command, args []string) error {
			useColor, err := color.enabled(cmd)
			if err != nil {
				return err
			}
			if format != "table" && format != "json" && format != "csv" {
				return usageError{textErr("cli.err.unknown-value", "--format", strconv.Quote(format), orList{"table", "json", "csv"})}
			}
			if quiet && format != "table" {
				return usageError{textErr("cli.err.quiet-table.analyze")}
			}
			if format == "table" {
				clampWidth(cmd, &width, analyzeTableWidth, "cli.width.analyze")
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
			// The analysis reads no decrypted bytes, only the inner
			// headers: only those are decrypted.
			pol := pipeline.Streamed(maxSessions, !verbose || quiet)
			pol.InnerHeadersOnly = true
			_, scanErr, err := analyzeInput(cmd, &in, &creds, false, args, pol, sink, labels)
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
	c.Flags().StringVar(&format, "format", "table", tr("cli.analyze.flag.format"))
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, tr("cli.analyze.flag.quiet"))
	c.Flags().BoolVar(&failOn, "fail-on-failure", false, tr("cli.analyze.flag.fail-on-failure"))
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, tr("cli.analyze.flag.verbose"))
	c.Flags().IntVar(&width, "width", 0, tr("cli.flag.width"))
	registerMaxSessions(c, &maxSessions)
	return c
}
