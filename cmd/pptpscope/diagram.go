package main

import (
	"fmt"
	"io"
	"os"

	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newDiagramCmd) }

// diagramFormats are the values of diagram --format.
var diagramFormats = []string{"text", "mermaid", "plantuml", "svg", "html"}

func newDiagramCmd() *cobra.Command {
	var in inputFlags
	var color colorFlag
	var creds credentialFlags
	var format, phase, output string
	var sessionIndex, width int
	var ascii, data bool
	var lang langFlag
	var sf selectFlags
	c := &cobra.Command{
		Use:   "diagram [CAPTURE...]",
		Short: "Draw the sequence diagram of each PPTP session, phase by phase",
		Long: `Draw the handshake of each PPTP session as a sequence diagram: the client and
the server as two lifelines, one arrow per message with its key content, the
time (seconds since the first session started) in the margin and a header per
phase in the order of the classic teaching article (2.1 TCP connect, 2.2
control connection and call setup, 2.3 LCP, 2.4 authentication, 2.5 NCP, 2.6
CCP), then data and teardown. Retransmitted requests are drawn dashed and
marked, unanswered ones end in a cross. Data packets are summarized per
direction and repeated keepalives collapsed ("LCP Echo-Request/Reply ×120")
unless --data is given; with --data the svg format also draws, below each
session, its GRE packets and bytes per second each way over time, with
lost and reordered packets, unanswered echoes and GRE round-trip times
marked (as the report does).

Formats: text (Unicode box drawing, colour per phase on a terminal; --ascii
for plain ASCII), mermaid and plantuml (to paste into those tools), svg (a
standalone figure) and html (the figure and the packet table of each phase).

` + selectHelp + `
The line saying what was left out goes to standard error.

` + redactHelp,
		Example: `  pptpscope diagram capture.pcap
  pptpscope diagram --phase lcp --session 2 capture.pcap
  pptpscope diagram --format svg -o handshake.svg capture.pcap
  pptpscope diagram --format mermaid capture.pcap > handshake.mmd`,
		Args: usageArgs(cobra.ArbitraryArgs), // one capture, several (merged) or a directory
		RunE: func(cmd *cobra.Command, args []string) error {
			useColor, err := color.enabled(cmd)
			if err != nil {
				return err
			}
			if !contains(diagramFormats, format) {
				return usageError{fmt.Errorf("unknown --format %q (text, mermaid, plantuml, svg or html)", format)}
			}
			if format == "text" {
				clampWidth(cmd, &width, diagramTextWidth, "the text diagram needs")
			}
			if err := lang.check(); err != nil {
				return err
			}
			opts := render.DiagramOptions{Data: data, Lang: lang.text()}
			if phase != "" {
				if opts.Phase, err = render.PhaseByName(phase); err != nil {
					return usageError{err}
				}
			}
			if sessionIndex < 0 || cmd.Flags().Changed("session") && sessionIndex == 0 {
				return usageError{fmt.Errorf("--session must be 1 or more")}
			}
			var a *session.Analysis
			sink, err := sf.wrap(session.Sinks{pipeline.RecordFunc(func(r *session.Record) error {
				if data && !r.Control && r.CallID >= 0 {
					opts.Packets = append(opts.Packets, render.DataPacketOf(opts.Lang, r))
				}
				return nil
			}), render.AtEnd(func(sel *session.Analysis) error { a = sel; return nil })}, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			_, scanErr, err := analyzeInput(cmd, &in, &creds, false, args, pipeline.Whole(false), sink, nil)
			if err != nil {
				return err
			}
			ds, err := render.NewDiagrams(a, sessionIndex, opts)
			if err != nil {
				return usageError{err}
			}
			out, closeOut, err := openOutput(cmd, output)
			if err != nil {
				return err
			}
			switch format {
			case "text":
				if width == 0 {
					width = terminalWidth(out)
				}
				if output != "" && color.mode == "auto" {
					useColor = false
				}
				err = render.WriteDiagramText(out, ds, render.DiagramTextOptions{Width: width, Color: useColor, ASCII: ascii, Lang: opts.Lang})
			case "mermaid":
				err = render.WriteMermaid(out, ds, opts.Lang)
			case "plantuml":
				err = render.WritePlantUML(out, ds, opts.Lang)
			case "svg":
				err = render.WriteSVGWith(out, ds, render.SVGDocOptions{Traffic: data, Lang: opts.Lang})
			case "html":
				err = render.WriteDiagramHTML(out, ds, opts.Lang)
			}
			if cerr := closeOut(); err == nil {
				err = cerr
			}
			if scanErr != nil {
				return scanErr
			}
			return err
		},
	}
	in.register(c)
	color.register(c)
	creds.register(c)
	lang.register(c)
	c.Flags().StringVar(&format, "format", "text", "output format: text, mermaid, plantuml, svg or html")
	c.Flags().IntVar(&sessionIndex, "session", 0, "draw only session `N` (as numbered by analyze)")
	c.Flags().StringVar(&phase, "phase", "", "draw only phase `NAME`: tcp-connect, control-connection, call-setup, lcp, authentication, ncp, ccp, data, teardown (or 2.1 ... 2.6)")
	c.Flags().BoolVar(&data, "data", false, "draw every data packet and keepalive instead of summaries")
	c.Flags().BoolVar(&ascii, "ascii", false, "text format: plain ASCII instead of Unicode box drawing")
	c.Flags().IntVar(&width, "width", 0, "text format: width in columns (default: the terminal's, else 80)")
	c.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` instead of standard output")
	sf.register(c, &in)
	sf.registerRedact(c)
	return c
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// openOutput returns the command's output: standard output, or the file
// named by -o (created; closed by the returned function).
func openOutput(cmd *cobra.Command, name string) (io.Writer, func() error, error) {
	if name == "" || name == "-" {
		return cmd.OutOrStdout(), func() error { return nil }, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, nil, outputError{err}
	}
	w := &outputFile{f: f}
	return w, w.close, nil
}
