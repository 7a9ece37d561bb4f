package main

import (
	"io"
	"os"
	"strconv"

	"github.com/pptpscope/pptpscope/capture"
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
		Use:     "diagram [CAPTURE...]",
		Short:   tr("cli.diagram.short"),
		Long:    tr("cli.diagram.long", tr("cli.help.select"), tr("cli.help.redact")),
		Example: tr("cli.diagram.example"),
		Args:    usageArgs(cobra.ArbitraryArgs), // one capture, several (merged) or a directory
		RunE: func(cmd *cobra.Command, args []string) error {
			useColor, err := color.enabled(cmd)
			if err != nil {
				return err
			}
			if !contains(diagramFormats, format) {
				return usageError{textErr("cli.err.unknown-value", "--format", strconv.Quote(format), orList(diagramFormats))}
			}
			if format == "text" {
				clampWidth(cmd, &width, diagramTextWidth, "cli.width.diagram")
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
				return usageError{textErr("cli.err.session-number")}
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
			labels := func(src capture.Source) { opts.Locate = frameFiles(src) } // several captures merged: frames by file (merge.go)
			_, scanErr, err := analyzeInput(cmd, &in, &creds, false, args, pipeline.Whole(false), sink, labels)
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
	c.Flags().StringVar(&format, "format", "text", tr("cli.diagram.flag.format"))
	c.Flags().IntVar(&sessionIndex, "session", 0, tr("cli.diagram.flag.session"))
	c.Flags().StringVar(&phase, "phase", "", tr("cli.diagram.flag.phase"))
	c.Flags().BoolVar(&data, "data", false, tr("cli.diagram.flag.data"))
	c.Flags().BoolVar(&ascii, "ascii", false, tr("cli.diagram.flag.ascii"))
	c.Flags().IntVar(&width, "width", 0, tr("cli.diagram.flag.width"))
	c.Flags().StringVarP(&output, "output", "o", "", tr("cli.diagram.flag.output"))
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
