package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newDecryptCmd) }

// innerWriter writes decrypted inner IP packets as raw IP (link type 101):
// a pcap with nanosecond timestamps, or a pcapng whose packets carry the
// original frame number as a comment.
type innerWriter struct {
	pcap *pcapgo.Writer
	ng   *pcapgo.NgWriter
	n    int
	// label names a frame in the comments: file:frame when several
	// captures are merged (merge.go), else nil (the frame number).
	label func(int) string
}

func newInnerWriter(w io.Writer, ng bool) (*innerWriter, error) {
	if ng {
		intf := pcapgo.DefaultNgInterface
		intf.LinkType = layers.LinkTypeRaw
		intf.Name = "pptp-inner"
		intf.Description = "IP packets decrypted from MPPE by pptpscope"
		opts := pcapgo.DefaultNgWriterOptions
		opts.SectionInfo.Application = "pptpscope " + versionString()
		nw, err := pcapgo.NewNgWriterInterface(w, intf, opts)
		if err != nil {
			return nil, err
		}
		return &innerWriter{ng: nw}, nil
	}
	pw := pcapgo.NewWriterNanos(w)
	if err := pw.WriteFileHeader(65535, layers.LinkTypeRaw); err != nil {
		return nil, err
	}
	return &innerWriter{pcap: pw}, nil
}

func (iw *innerWriter) write(r *session.Record) error {
	data := r.Inner.Data
	ci := gopacket.CaptureInfo{Timestamp: r.Time, CaptureLength: len(data), Length: len(data)}
	iw.n++
	if iw.ng != nil {
		frame := fmt.Sprint(r.Frame)
		if iw.label != nil {
			frame = iw.label(r.Frame)
		}
		return iw.ng.WritePacketWithOptions(ci, data, pcapgo.NgPacketOptions{Comments: []string{"frame " + frame}})
	}
	return iw.pcap.WritePacket(ci, data)
}

func (iw *innerWriter) flush() error {
	if iw.ng != nil {
		return iw.ng.Flush()
	}
	return nil
}

func newDecryptCmd() *cobra.Command {
	var in inputFlags
	var creds credentialFlags
	var output string
	var maxSessions int
	var force bool
	c := &cobra.Command{
		Use:   "decrypt [CAPTURE...] -w FILE",
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
left out and counted in the summary.

` + credentialsHelp,
		Example: `  pptpscope decrypt --user alice --password-file pw.txt capture.pcap -w inner.pcap
  pptpscope decrypt --credentials users.txt capture.pcapng -w inner.pcapng
  pptpscope decrypt --password-file pw.txt capture.pcap -w - | tshark -r -`,
		Args: usageArgs(cobra.ArbitraryArgs), // one capture, several (merged) or a directory
		RunE: func(cmd *cobra.Command, args []string) error {
			if output == "" {
				return usageError{errors.New("no output file: -w FILE (.pcap or .pcapng; - for standard output)")}
			}
			cr, err := creds.load(cmd, true)
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
			iw, err := newInnerWriter(w, ng)
			if err != nil {
				return outputError{err}
			}
			iw.label, _, _ = frameLabels(src)
			var summary []string // a line per session, made as each ends
			var seen usersSeen
			_, scanErr := analyzeSummary(src, cr, maxSessions, func(r *session.Record) error {
				if r.Inner == nil || !r.Inner.IP() || !r.Inner.Valid() {
					return nil
				}
				if err := iw.write(r); err != nil {
					return outputError{err}
				}
				return nil
			}, func(s *session.Session) error {
				seen.add(s)
				if l := render.DecryptSummaryLine(s); l != "" {
					summary = append(summary, l)
				}
				return nil
			})
			if err := iw.flush(); err != nil && scanErr == nil {
				scanErr = outputError{err}
			}
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
			kind := "pcap, raw IP"
			if ng {
				kind = "pcapng, raw IP, original frame numbers as packet comments"
			}
			name := output
			if output == "-" {
				name = "standard output"
			}
			fmt.Fprintf(report, "wrote %d decrypted packets to %s (%s)\n", iw.n, name, kind)
			if err := render.WriteDecryptLines(report, summary); err != nil && scanErr == nil {
				scanErr = err
			}
			if scanErr == nil {
				scanErr = seen.check(cr)
			}
			return scanErr
		},
	}
	in.register(c)
	creds.register(c)
	c.Flags().StringVarP(&output, "write", "w", "", "write the decrypted packets to `FILE` (.pcapng: pcapng; else pcap; - for standard output)")
	registerMaxSessions(c, &maxSessions)
	c.Flags().BoolVar(&force, "force", false, "write the pcap to standard output even when it is a terminal")
	return c
}
