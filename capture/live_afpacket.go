//go:build !cgo && linux

package capture

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gopacket/gopacket/afpacket"
	"github.com/gopacket/gopacket/layers"
	"golang.org/x/net/bpf"
)

// afpacketLive captures with an AF_PACKET socket and a TPACKET_V3 ring
// (gopacket's afpacket): the kernel fills blocks of packets that are read
// without a system call per packet, filtered by DefaultFilterProgram. Next
// polls with a timeout so that Stop takes effect without closing the ring
// under a running read.
type afpacketLive struct {
	name    string
	h       *afpacket.TPacket
	stopped atomic.Bool
	frame   int

	mu     sync.Mutex
	closed bool
	final  LiveStats
}

// Ring sizes, as libpcap makes them for tcpdump: a block is the smallest
// power of two (at least 128 KiB) that holds the snaplen, and the buffer
// (-B) is cut into as many such blocks as it takes, at least two. (The
// kernel truncates a packet that does not fit in a block with its header,
// at the default snaplen one over about 262,000 bytes, as with libpcap.)
const (
	afpacketFrameSize = 1 << 12
	afpacketMinBlock  = 1 << 17
	afpacketPoll      = 200 * time.Millisecond
	afpacketRetire    = liveLatency // a block with packets is handed over at the latest after this
)

// ringGeometry is the block size and count for a snaplen and a buffer size
// in bytes.
func ringGeometry(snaplen, buffer int) (blockSize, blocks int) {
	blockSize = afpacketMinBlock
	for blockSize < snaplen {
		blockSize <<= 1
	}
	blocks = max((buffer+blockSize-1)/blockSize, 2)
	return blockSize, blocks
}

func openLive(iface string, opts LiveOptions) (Live, error) {
	if opts.Filter != "" && opts.Filter != DefaultFilter {
		return nil, ErrFilterUnsupported
	}
	snaplen := opts.Snaplen
	if snaplen <= 0 {
		snaplen = DefaultSnaplen
	}
	buffer := opts.BufferSize
	if buffer <= 0 {
		buffer = DefaultBufferSize
	}
	blockSize, blocks := ringGeometry(snaplen, buffer)
	h, err := afpacket.NewTPacket(afpacket.OptInterface(iface), afpacket.TPacketVersion3,
		afpacket.OptFrameSize(afpacketFrameSize), afpacket.OptBlockSize(blockSize), afpacket.OptNumBlocks(blocks),
		afpacket.OptBlockTimeout(afpacketRetire), afpacket.OptPollTimeout(afpacketPoll))
	if err != nil {
		return nil, liveError(iface, err)
	}
	raw, err := bpf.Assemble(DefaultFilterProgram(snaplen))
	if err == nil {
		err = h.SetBPF(raw)
	}
	if err == nil && opts.Promisc {
		err = h.SetPromiscuous(true)
	}
	if err == nil {
		err = h.InitSocketStats() // packets before the filter was set do not count
	}
	if err != nil {
		h.Close()
		return nil, liveError(iface, err)
	}
	return &afpacketLive{name: iface, h: h}, nil
}

func liveError(iface string, err error) error {
	if permissionError(err) {
		return msg("permission-in", iface, ErrPermission, err.Error())
	}
	return msg("interface-failure", iface, err.Error())
}

func (l *afpacketLive) Next() (Packet, error) {
	for {
		if l.stopped.Load() {
			return Packet{}, io.EOF
		}
		data, ci, err := l.h.ZeroCopyReadPacketData()
		if errors.Is(err, afpacket.ErrTimeout) {
			continue
		}
		if err != nil {
			if l.stopped.Load() {
				return Packet{}, io.EOF
			}
			return Packet{}, err
		}
		l.frame++
		ci.Timestamp = ci.Timestamp.UTC()
		ci.AncillaryData = nil
		ci.InterfaceIndex = 0
		return Packet{Data: data, CI: ci, LinkType: layers.LinkTypeEthernet, Frame: l.frame}, nil
	}
}

// Stop makes Next return io.EOF (within the poll timeout) and keeps the
// final statistics.
func (l *afpacketLive) Stop() {
	if l.stopped.Swap(true) {
		return
	}
	st, _ := l.Stats()
	l.mu.Lock()
	l.final = st
	l.mu.Unlock()
}

// Stats are the kernel's counters since the capture started: packets the
// filter accepted (dropped ones included, as libpcap counts them) and
// packets dropped because the ring was full.
func (l *afpacketLive) Stats() (LiveStats, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return l.final, nil
	}
	_, v3, err := l.h.SocketStats()
	if err != nil {
		return l.final, err
	}
	return LiveStats{Received: int(v3.Packets()), Dropped: int(v3.Drops())}, nil
}

// Close stops the capture and releases the ring.
func (l *afpacketLive) Close() error {
	l.Stop()
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.closed {
		l.closed = true
		l.h.Close()
	}
	return nil
}

func (l *afpacketLive) Name() string    { return l.name }
func (l *afpacketLive) Backend() string { return "AF_PACKET" }

func (l *afpacketLive) LinkType() layers.LinkType { return layers.LinkTypeEthernet }
