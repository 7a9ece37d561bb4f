package main

import (
	"errors"
	"fmt"
	"io"

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

--format csv prints one row per record under a header row, with the
columns
` + wrapList(render.PacketCSVColumns) + `
(fields: the JSON object of the decoded fields).

-x follows each record with the hex dump of its frame as tshark -x prints
it and, for a decrypted MPPE frame, of the decrypted PPP frame (protocol
field included); in JSON and CSV "raw" and "inner_raw" (hex). A PPTP
message completed in a later frame than the one it starts in has no dump.
-q prints only the session summary lines.

` + selectHelp + `
With a selection, each session's records are held until the session ends
and then listed if it is selected: the list goes session by session (each
in capture order), records in no session are left out, and at most ` + fmt.Sprint(render.MaxHeldRecords) + `
records are held at once (beyond, they are counted in the last line).

` + redactHelp + `
With them, records are listed session by session as with a selection, so
that a name a session's authentication reveals is also replaced in its
earlier messages; -x cannot be combined with them.

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
			useColor, err := color.enabled(cmd)
			if err != nil {
				return err
			}
			if _, err := sf.selection(); err != nil {
				return err
			}
			if hexDump && sf.redacting() {
				return usageError{fmt.Errorf("-x shows the frames' bytes, which --redact leaves out")}
			}
			if quiet && format != "table" {
				return usageError{fmt.Errorf("-q is for the table format")}
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
				return usageError{fmt.Errorf("unknown --format %q (table, json or csv)", format)}
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
	c.Flags().StringVar(&format, "format", "table", "output format: table, json (one object per line) or csv")
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only the session summary lines, not the list")
	c.Flags().BoolVarP(&hexDump, "hex", "x", false, "show each listed frame's bytes (and a decrypted frame's) as tshark -x")
	c.Flags().BoolVarP(&all, "all", "a", false, "also list GRE data (MPPE), ack-only and other PPP frames")
	c.Flags().BoolVar(&noSummary, "no-summary", false, "do not print the session summary after the table")
	c.Flags().StringVar(&phase, "phase", "", "list only the handshake phase `NAME` (see above): control-connection, call-setup, lcp, authentication, ncp, ccp, data, teardown (or 2.2 ... 2.6; tcp-connect: no TCP segments are listed)")
	c.Flags().IntVar(&width, "width", 0, "table width in columns (default: the terminal's, else 80)")
	registerMaxSessions(c, &maxSessions)
	return c
}
