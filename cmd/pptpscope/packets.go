package main

import (
	"io"
	"strconv"

	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
	"github.com/spf13/cobra"
)

func newPacketsCmd() *cobra.Command {
	var in inputFlags
	var creds credentialFlags
	var format string
	var all bool
	var width, maxSessions int
	var noSummary, quiet, hexDump bool
	var phase string
	var lang langFlag
	var color colorFlag
	var sf selectFlags
	c := &cobra.Command{
		Use:   "packets [CAPTURE...]",
		Short: tr("cli.packets.short"),
		Long: tr("cli.packets.long", wrapList(render.PacketCSVColumns), tr("cli.help.select"), render.MaxHeldRecords,
			tr("cli.help.redact"), tr("cli.help.credentials")),
		Example: tr("cli.packets.example"),
		Args:    usageArgs(cobra.ArbitraryArgs), // one capture, several (merged) or a directory
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "table" {
				clampWidth(cmd, &width, packetTableWidth, "cli.width.packets")
			}
			if err := lang.check(); err != nil {
				return err
			}
			useColor, err := color.enabled(cmd)
			if err != nil {
				return err
			}
			if _, err := sf.selection(); err != nil {
				return err
			}
			if hexDump && sf.redacting() {
				return usageError{textErr("cli.err.hex-redact")}
			}
			if quiet && format != "table" {
				return usageError{textErr("cli.err.quiet-table")}
			}
			cr, err := creds.load(cmd, false)
			if err != nil {
				return err
			}
			if phase != "" {
				if phase, err = render.PhaseByName(phase); err != nil {
					return usageError{err}
				}
				if phase == session.PhaseTCPConnect {
					return usageError{textErr("cli.err.packets-tcp-connect")}
				}
			}
			src, err := in.open(cmd, args)
			if err != nil {
				return err
			}
			defer src.Close()
			label, labelWidth, locate := frameLabels(src) // merge.go
			stdout := cmd.OutOrStdout()
			closeOut := func() error { return nil }
			if x := sf.redactor(); x != nil {
				// Lines are scrubbed again when written: a record held
				// until its session ended may name what its
				// authentication revealed later.
				sw := x.Writer(stdout)
				stdout, closeOut = sw, sw.Close
			}
			var w render.RecordWriter
			switch format {
			case "table":
				if width == 0 {
					width = terminalWidth(cmd.OutOrStdout())
				}
				tout := stdout
				if quiet {
					tout = io.Discard
				}
				// Rows are written out in blocks, or one by one to a
				// terminal (a capture read from a pipe is listed as it comes).
				w, err = render.NewPacketTable(tout, render.TableOptions{Width: width, Color: useColor, Hex: hexDump, FrameLabel: label, FrameWidth: labelWidth, Lang: lang.text(),
					FlushRows: isTerminal(cmd.OutOrStdout())})
				if err != nil {
					return err
				}
			case "json":
				jl := render.NewJSONLines(stdout)
				jl.Locate = locate
				if hexDump {
					jl = jl.WithHex()
				}
				w = jl
			case "csv":
				w = render.NewPacketCSV(stdout, hexDump)
			default:
				return usageError{textErr("cli.err.unknown-value", "--format", strconv.Quote(format), orList{"table", "json", "csv"})}
			}
			lo := render.PacketListOptions{All: all, Phase: phase, Text: render.TextOptions{Width: width, Lang: lang.text()}}
			if format == "table" && !noSummary {
				lo.Summary = stdout
			}
			lo.Note = cmd.ErrOrStderr()
			list := render.NewPacketList(w, lo)
			sink, err := sf.wrap(list, nil)
			if err != nil {
				return err
			}
			_, scanErr := runLoop(src, pipeline.Streamed(maxSessions, true), cr, sink)
			if err := list.Close(); err != nil && scanErr == nil {
				scanErr = err
			}
			if err := closeOut(); err != nil && scanErr == nil {
				scanErr = err
			}
			return scanErr
		},
	}
	in.register(c)
	creds.register(c)
	lang.register(c)
	color.register(c)
	sf.register(c, &in)
	sf.registerRedact(c)
	c.Flags().StringVar(&format, "format", "table", tr("cli.packets.flag.format"))
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, tr("cli.packets.flag.quiet"))
	c.Flags().BoolVarP(&hexDump, "hex", "x", false, tr("cli.packets.flag.hex"))
	c.Flags().BoolVarP(&all, "all", "a", false, tr("cli.packets.flag.all"))
	c.Flags().BoolVar(&noSummary, "no-summary", false, tr("cli.packets.flag.no-summary"))
	c.Flags().StringVar(&phase, "phase", "", tr("cli.packets.flag.phase"))
	c.Flags().IntVar(&width, "width", 0, tr("cli.packets.flag.width"))
	registerMaxSessions(c, &maxSessions)
	return c
}
