//go:build !cgo && linux

package capture

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"golang.org/x/net/bpf"
)

// afpacketLive captures with an AF_PACKET socket (pcapgo.EthernetHandle),
// filtered by DefaultFilterProgram. Stop closes the socket, which wakes a
// blocked read.
type afpacketLive struct {
	name    string
	h       *pcapgo.EthernetHandle
	stopped atomic.Bool
	frame   int

	mu     sync.Mutex
	stats  LiveStats // accumulated: the kernel's counters reset on each read
	closed bool
}

func openLive(iface string, opts LiveOptions) (Live, error) {
	if opts.Filter != "" && opts.Filter != DefaultFilter {
		return nil, ErrFilterUnsupported
	}
	h, err := pcapgo.NewEthernetHandle(iface)
	if err != nil {
		return nil, liveError(iface, err)
	}
	raw, err := bpf.Assemble(DefaultFilterProgram(opts.Snaplen))
	if err == nil {
		err = h.SetBPF(raw)
	}
	if err == nil {
		err = h.SetCaptureLength(opts.Snaplen)
	}
	if err == nil && opts.Promisc {
		err = h.SetPromiscuous(true)
	}
	if err != nil {
		h.Close()
		return nil, liveError(iface, err)
	}
	l := &afpacketLive{name: iface, h: h}
	l.Stats() // reset the counters: packets before the filter was set do not count
	l.stats = LiveStats{}
	return l, nil
}

func liveError(iface string, err error) error {
	if permissionError(err) {
		return fmt.Errorf("%s: %w (%v)", iface, ErrPermission, err)
	}
	return fmt.Errorf("%s: %v", iface, err)
}

func (l *afpacketLive) Next() (Packet, error) {
	if l.stopped.Load() {
		return Packet{}, io.EOF
	}
	data, ci, err := l.h.ZeroCopyReadPacketData()
	if err != nil {
		if l.stopped.Load() {
			return Packet{}, io.EOF
		}
		return Packet{}, err
	}
	l.frame++
	ci.Timestamp = ci.Timestamp.UTC()
	ci.AncillaryData = nil
	return Packet{Data: data, CI: ci, LinkType: layers.LinkTypeEthernet, Frame: l.frame}, nil
}

// Stop reads the final statistics and closes the socket, which makes a
// blocked Next return.
func (l *afpacketLive) Stop() {
	if l.stopped.Swap(true) {
		return
	}
	l.Stats()
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
	l.h.Close()
}

func (l *afpacketLive) Stats() (LiveStats, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return l.stats, nil
	}
	s, err := l.h.Stats()
	if err != nil {
		return l.stats, err
	}
	l.stats.Received += int(s.Packets)
	l.stats.Dropped += int(s.Drops)
	return l.stats, nil
}

func (l *afpacketLive) Close() error {
	l.Stop()
	return nil
}

func (l *afpacketLive) Name() string    { return l.name }
func (l *afpacketLive) Backend() string { return "AF_PACKET" }

func (l *afpacketLive) LinkType() layers.LinkType { return layers.LinkTypeEthernet }
