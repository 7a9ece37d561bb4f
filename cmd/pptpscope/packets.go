package main

import (
	"fmt"

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
	var noSummary bool
	var phase string
	var lang langFlag
	c := &cobra.Command{
		Use:   "packets [CAPTURE]",
		Short: "List every PPTP control message and PPP control packet, decoded",
		Long: `List every PPTP control message and PPP control packet of a capture, in
capture order: frame number, time since the first frame, source and
destination, protocol, message name and key fields.

--format json prints one JSON object per line with the keys frame, time, src,
dst, proto, msg, id, call_id and fields (every decoded field).

With credentials, --all shows what each decrypted MPPE frame carries (table:
"inner: ..."; JSON: an "inner" object with network, proto, src, dst, ports,
length).

` + credentialsHelp,
		Example: `  pptpscope packets capture.pcap
  pptpscope packets --all --format json capture.pcapng | jq .msg
  tcpdump -w - -i eth0 'tcp port 1723 or proto 47' | pptpscope packets -`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := lang.check(); err != nil {
				return err
			}
			cr, err := creds.load(cmd, false)
			if err != nil {
				return err
			}
			if phase != "" {
				if phase, err = render.PhaseByName(phase); err != nil {
					return usageError{err}
				}
			}
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
				w, err = render.NewPacketTable(cmd.OutOrStdout(), render.TableOptions{Width: width, Lang: lang.text()})
				if err != nil {
					return err
				}
			case "json":
				w = render.NewJSONLines(cmd.OutOrStdout())
			default:
				return usageError{fmt.Errorf("unknown --format %q (table or json)", format)}
			}
			var summary []string // a line per session, made as each ends
			_, scanErr := analyzeSummary(src, cr, maxSessions, func(r *session.Record) error {
				if !r.Control && !all || phase != "" && r.Phase != phase {
					return nil
				}
				return w.Write(r)
			}, func(s *session.Session) error {
				if format == "table" && !noSummary {
					summary = append(summary, render.SessionSummaryLine(s, render.TextOptions{Width: width, Lang: lang.text()}))
				}
				return nil
			})
			if err := w.Close(); err != nil && scanErr == nil {
				scanErr = err
			}
			if isMismatch(scanErr) {
				return scanErr
			}
			if format == "table" && !noSummary {
				if err := render.WriteSummaryLines(cmd.OutOrStdout(), summary, lang.text()); err != nil && scanErr == nil {
					scanErr = err
				}
			}
			return scanErr
		},
	}
	in.register(c)
	creds.register(c)
	lang.register(c)
	c.Flags().StringVar(&format, "format", "table", "output format: table or json (one object per line)")
	c.Flags().BoolVarP(&all, "all", "a", false, "also list GRE data (MPPE), ack-only and other PPP frames")
	c.Flags().BoolVar(&noSummary, "no-summary", false, "do not print the session summary after the table")
	c.Flags().StringVar(&phase, "phase", "", "list only the handshake phase `NAME` the session tracker put each message in: control-connection, call-setup, lcp, authentication, ncp, ccp, data, teardown (or 2.2 ... 2.6)")
	c.Flags().IntVar(&width, "width", 0, "table width in columns (default: the terminal's, else 80)")
	registerMaxSessions(c, &maxSessions)
	return c
}
