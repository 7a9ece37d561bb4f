package main

import (
	"fmt"

	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
	"github.com/spf13/cobra"
)

func newPacketsCmd() *cobra.Command {
	var in inputFlags
	var format string
	var all bool
	var width int
	var noSummary bool
	c := &cobra.Command{
		Use:   "packets [CAPTURE]",
		Short: "List every PPTP control message and PPP control packet, decoded",
		Long: `List every PPTP control message and PPP control packet of a capture, in
capture order: frame number, time since the first frame, source and
destination, protocol, message name and key fields.

--format json prints one JSON object per line with the keys frame, time, src,
dst, proto, msg, id, call_id and fields (every decoded field).`,
		Example: `  pptpscope packets capture.pcap
  pptpscope packets --all --format json capture.pcapng | jq .msg
  tcpdump -w - -i eth0 'tcp port 1723 or proto 47' | pptpscope packets -`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := in.open(cmd, args)
			if err != nil {
				return err
			}
			defer src.Close()
			var w render.RecordWriter
			switch format {
			case "table":
				if width == 0 {
					width = terminalWidth(cmd.OutOrStdout())
				}
				w, err = render.NewPacketTable(cmd.OutOrStdout(), render.TableOptions{Width: width})
				if err != nil {
					return err
				}
			case "json":
				w = render.NewJSONLines(cmd.OutOrStdout())
			default:
				return usageError{fmt.Errorf("unknown --format %q (table or json)", format)}
			}
			a, scanErr := session.Analyze(src, func(r *session.Record) error {
				if !r.Control && !all {
					return nil
				}
				return w.Write(r)
			})
			if err := w.Close(); err != nil && scanErr == nil {
				scanErr = err
			}
			if format == "table" && !noSummary {
				if err := render.WriteSessionSummary(cmd.OutOrStdout(), a, render.TextOptions{Width: width}); err != nil && scanErr == nil {
					scanErr = err
				}
			}
			if scanErr != nil {
				return fmt.Errorf("%s: %w", src.Name(), scanErr)
			}
			return nil
		},
	}
	in.register(c)
	c.Flags().StringVar(&format, "format", "table", "output format: table or json (one object per line)")
	c.Flags().BoolVarP(&all, "all", "a", false, "also list GRE data (MPPE), ack-only and other PPP frames")
	c.Flags().BoolVar(&noSummary, "no-summary", false, "do not print the session summary after the table")
	c.Flags().IntVar(&width, "width", 0, "table width in columns (default: the terminal's, else 80)")
	return c
}
