package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"strconv"
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
var errInterrupted = textErr("cli.err.live-interrupted")

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
	var iface, filter, format, output, rotate, runAsUser, cpuProfile, traceFile string
	var list, promisc bool
	var snaplen, count, width, maxSessions, bufferKiB int
	var realtime bool
	var duration, idle time.Duration
	var lang langFlag
	c := &cobra.Command{
		Use:     "live -i IFACE",
		Short:   tr("cli.live.short"),
		Long:    tr("cli.live.long", capture.DefaultFilter, tr("cli.help.credentials")),
		Example: tr("cli.live.example"),
		Args:    usageArgs(cobra.NoArgs),
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
				return usageError{textErr("cli.err.no-interface")}
			}
			if format != "text" && format != "json" {
				return usageError{textErr("cli.err.unknown-value", "--format", strconv.Quote(format), orList{"text", "json"})}
			}
			if bufferKiB < 0 || bufferKiB > 1<<22 {
				return usageError{textErr("cli.err.buffer-size", bufferKiB, 1<<22)}
			}
			if format == "text" {
				clampWidth(cmd, &width, analyzeTableWidth, "cli.width.live")
			}
			var rotateSize int64
			if rotate != "" {
				if output == "" {
					return usageError{textErr("cli.err.rotate-needs-write")}
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
			live, err := openLive(iface, capture.LiveOptions{Filter: filter, Snaplen: snaplen, Promisc: promisc, BufferSize: bufferKiB << 10, RealTime: realtime})
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
			// Once the capture is open and root given up (-Z), where the
			// copying would take its priority: say when it cannot.
			if realtime {
				if err := capture.RealTimePermitted(); err != nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "pptpscope: %s\n", render.T(lang.text(), "cli.live.realtime-off", errorText(lang.text(), err)))
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
			if traceFile != "" { // hidden: an execution trace of the capture (go tool trace), to see where it stalls
				f, err := os.Create(traceFile)
				if err != nil {
					return outputError{err}
				}
				defer f.Close()
				if err := trace.Start(f); err != nil {
					return outputError{err}
				}
				defer trace.Stop()
			}
			liveProcs()
			liveStarted(live)
			pol := pipeline.Live(idle, 0, maxSessions)
			// The summaries are analyze's without --verbose: no message
			// list or traffic chart per session (time and memory).
			pol.NoMessages = true
			_, scanErr := runLoop(src, pol, cr, lw)
			if src.failed != nil && scanErr == nil {
				if down != "" {
					scanErr = textErr("cli.err.interface-down", iface, src.failed)
				} else {
					scanErr = textErr("cli.err.capture-failed", iface, src.failed)
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
	fl.StringVarP(&iface, "interface", "i", "", tr("cli.live.flag.interface"))
	fl.StringVarP(&filter, "filter", "f", "", tr("cli.live.flag.filter", capture.DefaultFilter))
	fl.BoolVarP(&list, "list-interfaces", "D", false, tr("cli.live.flag.list-interfaces"))
	fl.IntVar(&snaplen, "snaplen", 0, tr("cli.live.flag.snaplen"))
	fl.BoolVar(&promisc, "promisc", true, tr("cli.live.flag.promisc"))
	fl.IntVarP(&bufferKiB, "buffer-size", "B", 0, tr("cli.live.flag.buffer-size"))
	fl.BoolVar(&realtime, "realtime", false, tr("cli.live.flag.realtime"))
	fl.IntVarP(&count, "count", "c", 0, tr("cli.live.flag.count"))
	fl.DurationVar(&duration, "duration", 0, tr("cli.live.flag.duration"))
	fl.StringVarP(&output, "write", "w", "", tr("cli.live.flag.write"))
	fl.StringVar(&rotate, "rotate-size", "", tr("cli.live.flag.rotate-size"))
	fl.StringVarP(&runAsUser, "relinquish-privileges", "Z", "", tr("cli.live.flag.relinquish-privileges"))
	fl.StringVar(&format, "format", "text", tr("cli.live.flag.format"))
	fl.IntVar(&width, "width", 0, tr("cli.live.flag.width"))
	fl.DurationVar(&idle, "idle-timeout", pipeline.DefaultLiveIdle, tr("cli.live.flag.idle-timeout"))
	fl.IntVar(&maxSessions, "max-sessions", pipeline.DefaultLiveMaxSessions, tr("cli.live.flag.max-sessions"))
	creds.register(c)
	fl.StringVar(&cpuProfile, "cpuprofile", "", tr("cli.live.flag.cpuprofile"))
	fl.MarkHidden("cpuprofile")
	fl.StringVar(&traceFile, "trace", "", tr("cli.live.flag.trace"))
	fl.MarkHidden("trace")
	return c
}

// liveProcs gives the Go scheduler one P more than there are CPUs (unless
// GOMAXPROCS is set): the capture's copying goroutine waits for the kernel
// in a system call while the analysis runs, and with every P busy the
// runtime's monitor takes the waiting P away after 20 us, and wakes itself
// every 20 us to do so, each time the copying waits (a wake-up costs more
// than the copying of a whole block of packets).
func liveProcs() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(runtime.NumCPU() + 1)
	}
}

// interfaceDown reports whether iface is gone or down.
func interfaceDown(iface string) bool {
	ifc, err := net.InterfaceByName(iface)
	return err != nil || ifc.Flags&net.FlagUp == 0
}
