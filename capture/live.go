package capture

import (
	"net"
	"strings"
	"time"

	"github.com/gopacket/gopacket/layers"
)

// DefaultFilter is the capture filter of a live capture when none is given:
// the PPTP control connection and GRE, over IPv4 and IPv6 (libpcap's "tcp"
// covers both).
const DefaultFilter = "tcp port 1723 or ip proto 47 or ip6 proto 47"

// Errors of OpenLive, for errors.Is.
var (
	// ErrNoInterface: the interface does not exist.
	ErrNoInterface error = msg("no-interface")
	// ErrPermission: the process may not capture (needs root, or the
	// CAP_NET_RAW and CAP_NET_ADMIN capabilities).
	ErrPermission error = msg("permission")
	// ErrFilterUnsupported: this build cannot compile filter expressions
	// (built without cgo, hence without libpcap).
	ErrFilterUnsupported error = msg("filter-unsupported", DefaultFilter)
	// ErrLiveUnsupported: live capture is not available in this build.
	ErrLiveUnsupported error = msg("live-unsupported")
)

// LiveOptions configure OpenLive.
type LiveOptions struct {
	// Filter is a BPF expression (libpcap syntax); "" means DefaultFilter.
	Filter string
	// Snaplen is the most bytes kept of each packet; 0 means 262144.
	Snaplen int
	// Promisc puts the interface in promiscuous mode.
	Promisc bool
	// Timeout bounds how long a read of libpcap waits before Next checks
	// whether Stop was called (at most liveLatency, 10 ms); 0 means 200 ms,
	// hence 10 ms.
	Timeout time.Duration
	// BufferSize is the kernel buffer in bytes (tcpdump -B, in KiB there):
	// libpcap's buffer, or the AF_PACKET ring; 0 means DefaultBufferSize.
	// AF_PACKET: the packets are copied out of it as soon as the kernel
	// hands them over, into a queue of at most QueueBytes waiting for the
	// analysis.
	BufferSize int
	// RealTime runs the goroutine that copies the kernel's buffer on a
	// thread of the lowest real-time priority (SCHED_FIFO 1) while packets
	// come, when the process may (root or CAP_SYS_NICE; else it is ignored):
	// live --realtime. Off, it keeps the ordinary priority, as tcpdump.
	RealTime bool
}

// Defaults of a live capture.
const (
	DefaultSnaplen    = 262144
	DefaultBufferSize = 2 << 20 // libpcap's and tcpdump's default on Linux
)

// LiveStats are the capture statistics of a live source.
type LiveStats struct {
	Received int // packets the filter accepted
	Dropped  int // packets the kernel dropped (buffer full)
}

// Live is the Source that OpenLive returns. Next blocks until a packet
// arrives. With both backends a goroutine of its own copies the packets out
// of the kernel's buffer (libpcap's, or the AF_PACKET ring) as soon as the
// kernel hands them over (so the kernel gets its buffer back at once,
// whatever the analysis is doing: a garbage collection, a burst of finished
// sessions, output) into batches, at most QueueBytes of them waiting, and
// Next hands them out. That goroutine never allocates (so the garbage
// collector never drafts it) and, with LiveOptions.RealTime on Linux when
// permitted, runs on a thread of its own at the lowest real-time priority
// (readerPriority). Stop, which
// may be called from another goroutine, makes Next return io.EOF (the
// packets still queued are not analyzed). Close releases the interface once
// Next is no longer running.
type Live interface {
	Source
	// Stop ends the capture: Next returns io.EOF from now on.
	Stop()
	// Stats returns the capture statistics so far (and, after Stop, the
	// final ones).
	Stats() (LiveStats, error)
	// Backend names the capture mechanism ("libpcap" or "AF_PACKET").
	Backend() string
	// LinkType is the interface's link type.
	LinkType() layers.LinkType
}

const (
	defaultSnaplen = 262144
	defaultTimeout = 200 * time.Millisecond
	// liveLatency: both backends let the kernel fill a TPACKET_V3 block of
	// packets and hand it over when full or this old, and read the packets
	// of a block without a system call each; libpcap's immediate mode
	// instead wakes the reader for every packet (a poll and a context
	// switch per packet: several times the cost of analyzing it). The
	// queue hands a batch to Next when full, when it spans queueSpan
	// (50 ms), or when a read waited for nothing (libpcap: liveLatency;
	// AF_PACKET: afpacketPoll, 50 ms): at the latest about 60 ms after the
	// kernel took a packet, when the analysis keeps up.
	liveLatency = 10 * time.Millisecond
)

// OpenLive starts capturing on the network interface iface.
func OpenLive(iface string, opts LiveOptions) (Live, error) {
	if opts.Snaplen <= 0 || opts.Snaplen > defaultSnaplen {
		opts.Snaplen = defaultSnaplen
	}
	if opts.Timeout <= 0 {
		opts.Timeout = defaultTimeout
	}
	if _, err := net.InterfaceByName(iface); err != nil {
		return nil, unknownInterface(iface)
	}
	return openLive(iface, opts)
}

// Interface is a network interface that can be captured on.
type Interface struct {
	Name      string
	Addresses []string
	Up        bool
	Loopback  bool
}

// ListInterfaces returns the system's network interfaces.
func ListInterfaces() ([]Interface, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	out := make([]Interface, 0, len(ifs))
	for _, ifc := range ifs {
		i := Interface{Name: ifc.Name, Up: ifc.Flags&net.FlagUp != 0, Loopback: ifc.Flags&net.FlagLoopback != 0}
		if addrs, err := ifc.Addrs(); err == nil {
			for _, a := range addrs {
				i.Addresses = append(i.Addresses, a.String())
			}
		}
		out = append(out, i)
	}
	return out, nil
}

func unknownInterface(iface string) error {
	var names []string
	if ifs, err := ListInterfaces(); err == nil {
		for _, i := range ifs {
			names = append(names, i.Name)
		}
	}
	return msg("no-interface-in", iface, ErrNoInterface, List(names))
}

// permissionError reports whether err is the kernel refusing a packet
// socket or promiscuous mode.
func permissionError(err error) bool {
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "permission") || strings.Contains(s, "not permitted")
}
