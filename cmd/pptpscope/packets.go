package main

import (
	"errors"
	"fmt"

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
	var noSummary bool
	var phase string
	var lang langFlag
	c := &cobra.Command{
		Use:   "packets [CAPTURE...]",
		Short: "List every PPTP control message and PPP control packet, decoded",
		Long: `List every PPTP control message and PPP control packet of a capture, in
capture order: frame number, time since the first frame, source and
destination, protocol, message name and key fields.

--format json prints one JSON object per line with the keys frame, time, src,
dst, proto, msg, id, call_id and fields (every decoded field).

--phase NAME lists the messages the session tracker put in one phase:
  control-connection  Start-Control-Connection-Request/Reply (2.2)
  call-setup          Outgoing/Incoming-Call messages, Set-Link-Info (2.2)
  lcp                 LCP Configure-Request/Ack/Nak/Reject (2.3)
  authentication      PAP, CHAP, MS-CHAP, EAP (2.4)
  ncp                 IPCP and IPV6CP (2.5)
  ccp                 CCP, the MPPE options (2.6)
  data                PPTP and LCP echoes, WAN-Error-Notify; with --all MPPE
                      frames, ack-only GRE and other PPP frames
  teardown            Call-Clear-Request, Call-Disconnect-Notify,
                      Stop-Control-Connection, LCP Terminate
tcp-connect (2.1) is refused: packets lists no TCP segments (diagram draws
that phase).

With credentials, --all shows what each decrypted MPPE frame carries (table:
"inner: ..."; JSON: an "inner" object with network, proto, src, dst, ports,
length).

` + credentialsHelp,
		Example: `  pptpscope packets capture.pcap
  pptpscope packets --all --format json capture.pcapng | jq .msg
  tcpdump -w - -i eth0 'tcp port 1723 or proto 47' | pptpscope packets -`,
		Args: usageArgs(cobra.ArbitraryArgs), // one capture, several (merged) or a directory
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "table" {
				clampWidth(cmd, &width, packetTableWidth, "the packet table needs")
			}
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
				if phase == session.PhaseTCPConnect {
					return usageError{errors.New("packets lists no TCP segments, so --phase tcp-connect would list nothing: the TCP handshake (SYN, SYN-ACK, ACK) is drawn by 'pptpscope diagram --phase tcp-connect' and timed by 'pptpscope analyze'")}
				}
			}
			src, err := in.open(cmd, args)
			if err != nil {
				return err
			}
			defer src.Close()
			label, labelWidth, locate := frameLabels(src) // merge.go
			var w render.RecordWriter
			switch format {
			case "table":
				if width == 0 {
					width = terminalWidth(cmd.OutOrStdout())
				}
				w, err = render.NewPacketTable(cmd.OutOrStdout(), render.TableOptions{Width: width, FrameLabel: label, FrameWidth: labelWidth, Lang: lang.text()})
				if err != nil {
					return err
				}
			case "json":
				jw := render.NewJSONLines(cmd.OutOrStdout())
				jw.Locate = locate
				w = jw
			default:
				return usageError{fmt.Errorf("unknown --format %q (table or json)", format)}
			}
			lo := render.PacketListOptions{All: all, Phase: phase, Text: render.TextOptions{Width: width, Lang: lang.text()}}
			if format == "table" && !noSummary {
				lo.Summary = cmd.OutOrStdout()
			}
			list := render.NewPacketList(w, lo)
			_, scanErr := runLoop(src, pipeline.Streamed(maxSessions, true), cr, list)
			if err := list.Close(); err != nil && scanErr == nil {
				scanErr = err
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
	c.Flags().StringVar(&phase, "phase", "", "list only the handshake phase `NAME` (see above): control-connection, call-setup, lcp, authentication, ncp, ccp, data, teardown (or 2.2 ... 2.6; tcp-connect: no TCP segments are listed)")
	c.Flags().IntVar(&width, "width", 0, "table width in columns (default: the terminal's, else 80)")
	registerMaxSessions(c, &maxSessions)
	return c
}
