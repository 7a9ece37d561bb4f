package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newDecryptCmd) }

func newDecryptCmd() *cobra.Command {
	var in inputFlags
	var creds credentialFlags
	var wl wordlistFlags
	var output string
	var maxSessions int
	var force bool
	var lang langFlag
	var quiet bool
	var sf selectFlags
	c := &cobra.Command{
		Use:   "decrypt [CAPTURE] -w FILE",
		Short: "Write the decrypted traffic inside PPTP tunnels to a capture file",
		Long: `Decrypt the MPPE traffic of every PPTP session whose password is given, and
write the inner IPv4 and IPv6 packets, with their original timestamps, to a
capture file that Wireshark and tcpdump open: a pcap with the raw IP link type
(101), or, when FILE ends in .pcapng, a pcapng file in which each packet's
comment gives its frame number in the original capture. -w - writes the pcap
to standard output (the summary then goes to standard error).

The password is checked against each session's MS-CHAP authentication first
(NT-Response and the server's S=); the key length and mode come from the
acknowledged CCP options. Frames that cannot be decrypted (no password for
the user, authentication not captured, MPPC compression, duplicates) are
left out and counted in the summary; -q prints only the line saying what
was written.

` + selectHelp + `
With a selection, each session's decrypted packets are held until the
session ends and written if it is selected (session by session), at most
` + fmt.Sprint(render.MaxHeldRecords) + ` at once.

` + credentialsHelp + `

` + wordlistHelp,
		Example: `  pptpscope decrypt --user alice --password-file pw.txt capture.pcap -w inner.pcap
  pptpscope decrypt --credentials users.txt capture.pcapng -w inner.pcapng
  pptpscope decrypt --password-file pw.txt capture.pcap -w - | tshark -r -`,
		Args: usageArgs(cobra.ArbitraryArgs), // one capture, several (merged) or a directory
		RunE: func(cmd *cobra.Command, args []string) error {
			if output == "" {
				return usageError{errors.New("no output file: -w FILE (.pcap or .pcapng; - for standard output)")}
			}
			if err := lang.check(); err != nil {
				return err
			}
			if _, err := sf.selection(); err != nil {
				return err
			}
			find, err := wl.finder(cmd)
			if err != nil {
				return err
			}
			cr, err := creds.load(cmd, find == nil)
			if err != nil {
				return err
			}
			src, err := in.open(cmd, args)
			if err != nil {
				return err
			}
			defer src.Close()
			var w io.Writer
			report := cmd.OutOrStdout()
			var file *os.File
			if output == "-" {
				if err := refuseTerminal(cmd.OutOrStdout(), force, "a pcap", "redirect it (-w - > FILE, | tshark -r -) or give -w FILE"); err != nil {
					return err
				}
				w, report = cmd.OutOrStdout(), cmd.ErrOrStderr()
			} else {
				if file, err = os.Create(output); err != nil {
					return outputError{err}
				}
				defer file.Close()
				w = file
			}
			ng := output != "-" && strings.HasSuffix(strings.ToLower(output), ".pcapng")
			iw, err := capture.NewInnerWriter(w, ng, "pptpscope "+versionString())
			if err != nil {
				return outputError{err}
			}
			iw.Label, _, _ = frameLabels(src)
			out := render.NewDecryptOutput(outputPackets{iw}, report, output, ng, lang.text(), func() error {
				if err := iw.Flush(); err != nil {
					return outputError{err}
				}
				return nil
			})
			out.Quiet = quiet
			selected, err := sf.wrap(out, report)
			if err != nil {
				return err
			}
			var seen usersSeen // every session, selected or not
			sink := session.Sinks{selected, &seen}
			_, scanErr := runLoop(src, pipeline.Streamed(maxSessions, true), cr, sink, find)
			if isMismatch(scanErr) {
				if file != nil {
					file.Close()
					os.Remove(output)
				}
				return scanErr
			}
			if file != nil {
				if err := file.Close(); err != nil && scanErr == nil {
					scanErr = outputError{fmt.Errorf("%s: %w", output, err)}
				}
			}
			if scanErr == nil {
				scanErr = seen.check(cr)
			}
			return scanErr
		},
	}
	in.register(c)
	creds.register(c)
	wl.register(c)
	c.Flags().StringVarP(&output, "write", "w", "", "write the decrypted packets to `FILE` (.pcapng: pcapng; else pcap; - for standard output)")
	registerMaxSessions(c, &maxSessions)
	c.Flags().BoolVar(&force, "force", false, "write the pcap to standard output even when it is a terminal")
	lang.register(c)
	sf.register(c, &in)
	c.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only the line saying what was written, not a line per session")
	return c
}

// outputPackets marks the inner writer's errors as output errors (exit
// status 10), not input ones.
type outputPackets struct{ *capture.InnerWriter }

func (o outputPackets) WritePacket(t time.Time, frame int, data []byte) error {
	if err := o.InnerWriter.WritePacket(t, frame, data); err != nil {
		return outputError{err}
	}
	return nil
}
