package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/render"
	"github.com/spf13/cobra"
)

func init() { commands = append(commands, newLiveCmd) }

// liveStarted is called once the capture is open (tests replay then).
var liveStarted = func(capture.Live) {}

// openLive opens the interface (tests replace it with a fake source).
var openLive = capture.OpenLive

// liveOutputLatency: how long live output may wait in its buffer (as long
// as a packet may wait in the capture ring).
const liveOutputLatency = 10 * time.Millisecond

// errInterrupted: Ctrl-C or SIGTERM before any packet arrived.
var errInterrupted = errors.New("interrupted before any packet was captured")

// liveSource counts the packets, stops after -c and copies them to -w.
type liveSource struct {
	capture.Live
	limit   int
	n       int
	w       *capture.RotatingWriter
	werr    error
	failed  error // the capture's error (e.g. the interface went down)
	packets atomic.Int64
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
	var iface, filter, format, output, rotate, runAsUser, cpuProfile string
	var list, promisc bool
	var snaplen, count, width, maxSessions, bufferKiB int
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
the CAP_NET_RAW and CAP_NET_ADMIN capabilities. Started as root, pptpscope
stays root (and -w files are root's) unless -Z USER is given: then, once the
interface is open and before any file is created, it gives up root for USER
(supplementary groups, group and user), or stops with an error if it cannot. Built without cgo, pptpscope
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
			if bufferKiB < 0 || bufferKiB > 1<<22 {
				return usageError{fmt.Errorf("-B %d: the buffer is given in KiB, from 1 to %d (4 GiB)", bufferKiB, 1<<22)}
			}
			if format == "text" {
				clampWidth(cmd, &width, analyzeTableWidth, "the session summary needs")
			}
			var rotateSize int64
			if rotate != "" {
				if output == "" {
					return usageError{errors.New("--rotate-size needs -w FILE")}
				}
				var err error
				if rotateSize, err = capture.ParseSize(rotate); err != nil {
					return usageError{fmt.Errorf("--rotate-size: %w", err)}
				}
			}
			cr, err := creds.load(cmd, false)
			if err != nil {
				return err
			}
			var as *runAs
			if runAsUser != "" {
				if as, err = lookupRunAs(runAsUser); err != nil {
					return err
				}
			}
			live, err := openLive(iface, capture.LiveOptions{Filter: filter, Snaplen: snaplen, Promisc: promisc, BufferSize: bufferKiB << 10})
			if errors.Is(err, capture.ErrFilterUnsupported) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			defer live.Close()
			if as != nil { // privdrop.go: after the interface, before any file
				if err := as.drop(); err != nil {
					return err
				}
			}
			src := &liveSource{Live: live, limit: count}
			if output != "" {
				sl := snaplen
				if sl <= 0 {
					sl = 262144
				}
				if src.w, err = capture.NewRotatingWriter(output, rotateSize, sl, live.LinkType()); err != nil {
					return outputError{err}
				}
				defer src.w.Close()
			}
			var down string // the interface that went down, when it did
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
			// Output waits up to 10 ms, then goes out in one write with what
			// followed it, instead of a write per handshake message.
			lw.Latency = liveOutputLatency
			defer lw.Flush() // the loop stopped by an error: what was printed before it
			lw.Stats = func() render.LiveStats {
				live.Stop()
				st, _ := live.Stats()
				ls := render.LiveStats{Interface: iface, Backend: live.Backend(), Received: st.Received, Dropped: st.Dropped, Frames: int(src.packets.Load())}
				if src.failed != nil && interfaceDown(iface) {
					ls.Down = iface
				}
				down = ls.Down
				return ls
			}
			if cpuProfile != "" { // hidden: make bench-live's profile of the packet loop
				f, err := os.Create(cpuProfile)
				if err != nil {
					return outputError{err}
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return outputError{err}
				}
				defer pprof.StopCPUProfile()
			}
			liveStarted(live)
			pol := pipeline.Live(idle, 0, maxSessions)
			// The summaries are analyze's without --verbose: no message
			// list or traffic chart per session (time and memory).
			pol.NoMessages = true
			_, scanErr := runLoop(src, pol, cr, lw)
			if src.failed != nil && scanErr == nil {
				if down != "" {
					scanErr = fmt.Errorf("interface %s went down: %w", iface, src.failed)
				} else {
					scanErr = fmt.Errorf("capture on %s failed: %w", iface, src.failed)
				}
			}
			if src.werr != nil && scanErr == nil {
				scanErr = outputError{fmt.Errorf("%s: %w", output, src.werr)}
			}
			if src.w != nil {
				if err := src.w.Close(); err != nil && scanErr == nil {
					scanErr = outputError{err}
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
	fl.IntVarP(&bufferKiB, "buffer-size", "B", 0, "kernel capture buffer in `KiB`, as tcpdump -B (libpcap's buffer, or the AF_PACKET ring; default 2048)")
	fl.IntVarP(&count, "count", "c", 0, "stop after `N` packets")
	fl.DurationVar(&duration, "duration", 0, "stop after `D` (e.g. 30s, 5m)")
	fl.StringVarP(&output, "write", "w", "", "also write the captured packets to the pcap `FILE` (pcapng when it ends in .pcapng)")
	fl.StringVar(&rotate, "rotate-size", "", "with -w, start FILE.1, FILE.2 ... when a file would exceed `SIZE` (e.g. 10M; K, M, G are 10^3, 10^6, 10^9 bytes)")
	fl.StringVarP(&runAsUser, "relinquish-privileges", "Z", "", "after opening the interface, give up root and run as `USER` (as tcpdump -Z): -w files are then USER's")
	fl.StringVar(&format, "format", "text", "output format: text or json (one event per line)")
	fl.IntVar(&width, "width", 0, "wrap width of the summaries (default: the terminal's, else 80)")
	fl.DurationVar(&idle, "idle-timeout", pipeline.DefaultLiveIdle, "finish and forget a session not seen for `D`")
	fl.IntVar(&maxSessions, "max-sessions", pipeline.DefaultLiveMaxSessions, "track at most `N` sessions at once (the least recently seen are finished beyond it; negative: no limit)")
	creds.register(c)
	fl.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the capture to `FILE` (go tool pprof)")
	fl.MarkHidden("cpuprofile")
	return c
}

// interfaceDown reports whether iface is gone or down.
func interfaceDown(iface string) bool {
	ifc, err := net.InterfaceByName(iface)
	return err != nil || ifc.Flags&net.FlagUp == 0
}
