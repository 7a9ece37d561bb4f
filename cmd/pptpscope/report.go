package main

import (
	"fmt"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newReportCmd) }

func newReportCmd() *cobra.Command {
	var in inputFlags
	var creds credentialFlags
	var output string
	var lang langFlag
	c := &cobra.Command{
		Use:   "report [CAPTURE]",
		Short: "Write a self-contained HTML teaching report of the PPTP sessions",
		Long: `Write one HTML file that explains the capture's PPTP sessions to students: per
session the summary and diagnosis, a timeline of the phases, the
encapsulation of one data packet (Ethernet | IP | GRE | PPP | MPPE | ...), and
for each phase an explanation, the packet table and the sequence diagram.
Clicking a message shows what it does, its decoded fields and its bytes in
hex, with the bytes of the selected field highlighted; ↓/↑ (or j/k) step
through the handshake.

The file has no external resources (inline CSS, script and SVG): it opens
offline, e.g. from a USB stick on a classroom PC. --lang chooses English or
Chinese (default: from LC_ALL, LC_MESSAGES or LANG). With credentials the
encapsulation view shows the decrypted inner packet.

` + credentialsHelp,
		Example: `  pptpscope report capture.pcap -o report.html
  pptpscope report --lang zh capture.pcap -o 报告.html`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := lang.check(); err != nil {
				return err
			}
			var tee *lastPacket
			var frames []render.DataFrame
			seen := map[string]bool{}
			a, scanErr, err := analyzeInput(cmd, &in, &creds, false, false, args,
				func(src capture.Source) capture.Source { tee = &lastPacket{Source: src}; return tee },
				func(r *session.Record) error {
					if f, ok := dataFrame(r, tee.last, seen); ok {
						frames = append(frames, f)
					}
					return nil
				}, nil, 0)
			if err != nil {
				return err
			}
			out, closeOut, err := openOutput(cmd, output)
			if err != nil {
				return err
			}
			err = render.WriteReport(out, a, render.ReportOptions{Lang: lang.text(), Source: tee.Name(), Version: versionString(),
				Frames: render.PickDataFrames(a, frames)})
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
	creds.register(c)
	c.Flags().StringVarP(&output, "output", "o", "", "write the report to `FILE` (default: standard output)")
	lang.register(c)
	return c
}

// lastPacket remembers the packet the scan read last: a GRE record is
// reported while its packet is the last one read, so the report can keep
// that frame's bytes for the encapsulation view.
type lastPacket struct {
	capture.Source
	last capture.Packet
}

func (l *lastPacket) Next() (capture.Packet, error) {
	p, err := l.Source.Next()
	l.last = p
	return p, err
}

// dataFrame keeps the first data frame of each kind (MPPE, IPv4 or IPv6 in
// PPP) of each GRE flow, copied, as a candidate for the encapsulation view.
func dataFrame(r *session.Record, pkt capture.Packet, seen map[string]bool) (render.DataFrame, bool) {
	if r.Control || r.CallID < 0 || pkt.Frame != r.Frame {
		return render.DataFrame{}, false
	}
	if r.Proto != "MPPE" && !(r.Proto == "PPP" && (r.PPPProtocol == 0x0021 || r.PPPProtocol == 0x0057)) {
		return render.DataFrame{}, false
	}
	key := fmt.Sprintf("%s>%s/%d/%s/%d", r.Src, r.Dst, r.CallID, r.Proto, r.PPPProtocol)
	if seen[key] {
		return render.DataFrame{}, false
	}
	seen[key] = true
	raw := render.RawFrame{Frame: r.Frame, Time: r.Time, LinkType: pkt.LinkType, Data: append([]byte(nil), pkt.Data...)}
	if in := r.Inner; in != nil && len(in.Data) > 0 {
		raw.Inner = append([]byte(nil), in.Data...)
		raw.InnerProtocol = in.PPPProtocol
	}
	return render.DataFrame{Packet: render.DataPacketOf(r), Raw: raw}, true
}
