package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newLiveCmd) }

// liveStarted is called once the capture is open (tests replay then).
var liveStarted = func(capture.Live) {}

// openLive opens the interface (tests replace it with a fake source).
var openLive = capture.OpenLive

// errInterrupted: Ctrl-C or SIGTERM before any packet arrived.
var errInterrupted = errors.New("interrupted before any packet was captured")

// liveSource counts the packets, stops after -c and copies them to -w.
type liveSource struct {
	capture.Live
	limit   int
	n       int
	w       *dumpWriter
	werr    error
	failed  error // the capture's error (e.g. the interface went down)
	packets atomic.Int64
}

// dumpWriter writes the captured packets to -w FILE: pcap, or pcapng when
// the name ends in .pcapng; with a size limit it rotates to FILE.1,
// FILE.2 ... (as tcpdump -C) before a packet would make a file exceed it.
type dumpWriter struct {
	name    string
	ng      bool
	limit   int64
	snaplen int
	link    layers.LinkType
	f       *os.File
	cw      countWriter
	w       *pcapgo.Writer
	ngw     *pcapgo.NgWriter
	files   int
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

func newDumpWriter(name string, limit int64, snaplen int, link layers.LinkType) (*dumpWriter, error) {
	d := &dumpWriter{name: name, ng: strings.HasSuffix(strings.ToLower(name), ".pcapng"), limit: limit, snaplen: snaplen, link: link}
	return d, d.open()
}

func (d *dumpWriter) open() error {
	name := d.name
	if d.files > 0 {
		name = fmt.Sprintf("%s.%d", d.name, d.files)
	}
	d.files++
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	d.f, d.cw = f, countWriter{w: f}
	if d.ng {
		d.ngw, err = pcapgo.NewNgWriter(&d.cw, d.link)
		if err == nil {
			err = d.ngw.Flush()
		}
	} else {
		d.w = pcapgo.NewWriter(&d.cw)
		err = d.w.WriteFileHeader(uint32(d.snaplen), d.link)
	}
	if err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// recordSize is the size of a packet's record in the file.
func (d *dumpWriter) recordSize(n int) int64 {
	if d.ng {
		return int64(32 + (n+3)&^3) // enhanced packet block, no options
	}
	return int64(16 + n)
}

func (d *dumpWriter) WritePacket(ci gopacket.CaptureInfo, data []byte) error {
	if d.limit > 0 && d.cw.n+d.recordSize(len(data)) > d.limit && d.cw.n > d.recordSize(0) {
		if err := d.Close(); err != nil {
			return err
		}
		if err := d.open(); err != nil {
			return err
		}
	}
	if d.ng {
		ci.InterfaceIndex = 0
		if err := d.ngw.WritePacket(ci, data); err != nil {
			return err
		}
		return d.ngw.Flush() // counted, and on disk as it happens
	}
	return d.w.WritePacket(ci, data)
}

func (d *dumpWriter) Close() error {
	if d.f == nil {
		return nil
	}
	var err error
	if d.ngw != nil {
		err = d.ngw.Flush()
	}
	if cerr := d.f.Close(); err == nil {
		err = cerr
	}
	d.f = nil
	return err
}

// parseSize reads a size such as 10M: bytes, or with a K, M or G suffix
// (10^3, 10^6, 10^9 bytes, as tcpdump -C counts).
func parseSize(s string) (int64, error) {
	mult := int64(1)
	t := strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "B")
	switch {
	case strings.HasSuffix(t, "K"):
		mult, t = 1e3, t[:len(t)-1]
	case strings.HasSuffix(t, "M"):
		mult, t = 1e6, t[:len(t)-1]
	case strings.HasSuffix(t, "G"):
		mult, t = 1e9, t[:len(t)-1]
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("invalid size %q (e.g. 10M, 500K, 1G, 100000)", s)
	}
	return n * mult, nil
}

func (s *liveSource) Next() (capture.Packet, error) {
	if s.limit > 0 && s.n >= s.limit {
		return capture.Packet{}, io.EOF
	}
	p, err := s.Live.Next()
	if err != nil {
		if err != io.EOF {
			// The capture failed (the interface went down): end the
			// analysis cleanly, then say so.
			s.failed = err
			return p, io.EOF
		}
		return p, err
	}
	s.n++
	s.packets.Add(1)
	if s.w != nil && s.werr == nil {
		s.werr = s.w.WritePacket(p.CI, p.Data)
	}
	return p, nil
}

func newLiveCmd() *cobra.Command {
	var creds credentialFlags
	var iface, filter, format, output, rotate string
	var list, promisc bool
	var snaplen, count, width, maxSessions int
	var duration, idle time.Duration
	var lang langFlag
	c := &cobra.Command{
		Use:   "live -i IFACE",
		Short: "Capture on a network interface and show PPTP handshakes as they happen",
		Long: `Capture on a network interface and print each PPTP handshake message as it
arrives, under a header whenever a session enters a new phase. On Ctrl-C,
SIGTERM, after -c packets or --duration, print the summary of every session
seen (as analyze does) and the capture statistics.

The default filter is "` + capture.DefaultFilter + `". Capturing needs root or
the CAP_NET_RAW and CAP_NET_ADMIN capabilities. Built without cgo, pptpscope
captures with AF_PACKET (Linux) and cannot take -f.

--format json prints one JSON object per line with a "type": "message" (the
keys of packets --format json, plus "phase"), "phase", "finding" (a finding
certain before the session ends: gre-missing, auth-failed), "session-end"
(the session as analyze --format json gives it) and "stats".

A session is summarized when it ends: idle for --idle-timeout, or torn down
(TCP FIN/RST, Call-Disconnect-Notify, LCP Terminate) and quiet for 10s;
it is then forgotten, so memory stays bounded on long runs. At most
--max-sessions are tracked at once.

` + credentialsHelp,
		Example: `  pptpscope live -i eth0
  pptpscope live -i eth0 --format json | jq 'select(.type=="session-end")'
  pptpscope live -i eth0 -c 100 -w pptp.pcap`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := cmd.OutOrStdout()
			if err := lang.check(); err != nil {
				return err
			}
			if list {
				ifs, err := capture.ListInterfaces()
				if err != nil {
					return err
				}
				for n, i := range ifs {
					state := "down"
					if i.Up {
						state = "up"
					}
					fmt.Fprintf(out, "%d.%s [%s] %s\n", n+1, i.Name, state, strings.Join(i.Addresses, " "))
				}
				return nil
			}
			if iface == "" {
				return usageError{errors.New("no interface given: pptpscope live -i IFACE (-D lists them)")}
			}
			if format != "text" && format != "json" {
				return usageError{fmt.Errorf("unknown --format %q (text or json)", format)}
			}
			var rotateSize int64
			if rotate != "" {
				if output == "" {
					return usageError{errors.New("--rotate-size needs -w FILE")}
				}
				var err error
				if rotateSize, err = parseSize(rotate); err != nil {
					return usageError{fmt.Errorf("--rotate-size: %w", err)}
				}
			}
			cr, err := creds.load(cmd, false)
			if err != nil {
				return err
			}
			live, err := openLive(iface, capture.LiveOptions{Filter: filter, Snaplen: snaplen, Promisc: promisc})
			if errors.Is(err, capture.ErrFilterUnsupported) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			defer live.Close()
			src := &liveSource{Live: live, limit: count}
			if output != "" {
				sl := snaplen
				if sl <= 0 {
					sl = 262144
				}
				if src.w, err = newDumpWriter(output, rotateSize, sl, live.LinkType()); err != nil {
					return err
				}
				defer src.w.Close()
			}
			var interrupted atomic.Bool
			sig := make(chan os.Signal, 1)
			signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
			defer signal.Stop(sig)
			done := make(chan struct{})
			defer close(done)
			go func() {
				select {
				case <-sig:
					interrupted.Store(true)
					live.Stop()
				case <-done:
				}
			}()
			if duration > 0 {
				t := time.AfterFunc(duration, live.Stop)
				defer t.Stop()
			}
			if width == 0 {
				width = terminalWidth(out)
			}
			lw := render.NewLiveWriter(out, format == "json", render.TextOptions{Width: width, Verbose: false, Lang: lang.forFormat(format)})
			liveStarted(live)
			a, scanErr := session.AnalyzeLive(src, session.AnalyzeOptions{Credentials: cr},
				session.LiveOptions{Idle: idle, MaxSessions: maxSessions, OnEnd: lw.SessionEnd, OnFinding: lw.Finding}, lw.Record)
			if scanErr != nil && !isMismatch(scanErr) {
				scanErr = fmt.Errorf("%s: %w", src.Name(), scanErr)
			}
			live.Stop()
			st, _ := live.Stats()
			ls := render.LiveStats{Interface: iface, Backend: live.Backend(), Received: st.Received, Dropped: st.Dropped, Frames: int(src.packets.Load())}
			if src.failed != nil && interfaceDown(iface) {
				ls.Down = iface
			}
			if err := lw.End(a, ls); err != nil && scanErr == nil {
				scanErr = err
			}
			if src.failed != nil && scanErr == nil {
				if ls.Down != "" {
					scanErr = fmt.Errorf("interface %s went down: %w", iface, src.failed)
				} else {
					scanErr = fmt.Errorf("capture on %s failed: %w", iface, src.failed)
				}
			}
			if src.werr != nil && scanErr == nil {
				scanErr = fmt.Errorf("%s: %w", output, src.werr)
			}
			if src.w != nil {
				if err := src.w.Close(); err != nil && scanErr == nil {
					scanErr = err
				}
			}
			if scanErr != nil {
				return scanErr
			}
			if interrupted.Load() && src.packets.Load() == 0 {
				return errInterrupted
			}
			return nil
		},
	}
	fl := c.Flags()
	lang.register(c)
	fl.StringVarP(&iface, "interface", "i", "", "capture on `IFACE`")
	fl.StringVarP(&filter, "filter", "f", "", "BPF capture filter `EXPR` (default \""+capture.DefaultFilter+"\"; needs libpcap)")
	fl.BoolVarP(&list, "list-interfaces", "D", false, "list the interfaces and exit")
	fl.IntVar(&snaplen, "snaplen", 0, "keep at most `N` bytes of each packet (default 262144)")
	fl.BoolVar(&promisc, "promisc", true, "put the interface in promiscuous mode")
	fl.IntVarP(&count, "count", "c", 0, "stop after `N` packets")
	fl.DurationVar(&duration, "duration", 0, "stop after `D` (e.g. 30s, 5m)")
	fl.StringVarP(&output, "write", "w", "", "also write the captured packets to the pcap `FILE` (pcapng when it ends in .pcapng)")
	fl.StringVar(&rotate, "rotate-size", "", "with -w, start FILE.1, FILE.2 ... when a file would exceed `SIZE` (e.g. 10M; K, M, G are 10^3, 10^6, 10^9 bytes)")
	fl.StringVar(&format, "format", "text", "output format: text or json (one event per line)")
	fl.IntVar(&width, "width", 0, "wrap width of the summaries (default: the terminal's, else 80)")
	fl.DurationVar(&idle, "idle-timeout", session.DefaultIdle, "finish and forget a session not seen for `D`")
	fl.IntVar(&maxSessions, "max-sessions", session.DefaultMaxSessions, "track at most `N` sessions at once (the least recently seen are finished beyond it; negative: no limit)")
	creds.register(c)
	return c
}

// interfaceDown reports whether iface is gone or down.
func interfaceDown(iface string) bool {
	ifc, err := net.InterfaceByName(iface)
	return err != nil || ifc.Flags&net.FlagUp == 0
}
