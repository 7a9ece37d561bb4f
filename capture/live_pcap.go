//go:build cgo

package capture

import (
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcap"
)

// pcapLive captures with libpcap. Next reads with a timeout so that Stop
// takes effect without closing the handle under a running read.
type pcapLive struct {
	name    string
	h       *pcap.Handle
	link    layers.LinkType
	stopped atomic.Bool
	frame   int
	final   *LiveStats
}

func openLive(iface string, opts LiveOptions) (Live, error) {
	ih, err := pcap.NewInactiveHandle(iface)
	if err != nil {
		return nil, liveError(iface, err)
	}
	defer ih.CleanUp()
	buffer := opts.BufferSize
	if buffer <= 0 {
		buffer = DefaultBufferSize
	}
	// No immediate mode: libpcap's timeout is then the TPACKET_V3 block
	// timeout (liveLatency), as tcpdump -w does with its own.
	for _, e := range []error{ih.SetSnapLen(opts.Snaplen), ih.SetPromisc(opts.Promisc), ih.SetTimeout(min(opts.Timeout, liveLatency)), ih.SetBufferSize(buffer)} {
		if e != nil {
			return nil, liveError(iface, e)
		}
	}
	h, err := ih.Activate()
	if err != nil {
		return nil, liveError(iface, err)
	}
	filter := opts.Filter
	if filter == "" {
		filter = DefaultFilter
	}
	if err := h.SetBPFFilter(filter); err != nil {
		h.Close()
		return nil, fmt.Errorf("%s: bad capture filter %q: %v", iface, filter, err)
	}
	return &pcapLive{name: iface, h: h, link: h.LinkType()}, nil
}

func liveError(iface string, err error) error {
	if permissionError(err) {
		return fmt.Errorf("%s: %w (%v)", iface, ErrPermission, err)
	}
	return fmt.Errorf("%s: %v", iface, err)
}

func (l *pcapLive) Next() (Packet, error) {
	for {
		if l.stopped.Load() {
			return Packet{}, io.EOF
		}
		data, ci, err := l.h.ZeroCopyReadPacketData()
		if errors.Is(err, pcap.NextErrorTimeoutExpired) {
			continue
		}
		if err == io.EOF {
			return Packet{}, io.EOF
		}
		if err != nil {
			return Packet{}, err
		}
		l.frame++
		ci.Timestamp = ci.Timestamp.UTC()
		return Packet{Data: data, CI: ci, LinkType: l.link, Frame: l.frame}, nil
	}
}

func (l *pcapLive) Stop() {
	if l.stopped.Swap(true) {
		return
	}
}

func (l *pcapLive) Stats() (LiveStats, error) {
	if l.final != nil {
		return *l.final, nil
	}
	s, err := l.h.Stats()
	if err != nil {
		return LiveStats{}, err
	}
	return LiveStats{Received: s.PacketsReceived, Dropped: s.PacketsDropped}, nil
}

func (l *pcapLive) Close() error {
	if l.final == nil {
		if s, err := l.Stats(); err == nil {
			l.final = &s
		} else {
			l.final = &LiveStats{}
		}
	}
	l.stopped.Store(true)
	l.h.Close()
	return nil
}

func (l *pcapLive) Name() string    { return l.name }
func (l *pcapLive) Backend() string { return "libpcap" }

func (l *pcapLive) LinkType() layers.LinkType { return l.link }
