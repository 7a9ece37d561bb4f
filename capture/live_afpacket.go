//go:build !cgo && linux

package capture

import (
	"errors"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/afpacket"
	"github.com/gopacket/gopacket/layers"
	"golang.org/x/net/bpf"
)

// afpacketRing captures with an AF_PACKET socket and a TPACKET_V3 ring
// (gopacket's afpacket): the kernel fills blocks of packets that are read
// without a system call per packet, filtered by DefaultFilterProgram.
// liveQueue drains it.
type afpacketRing struct {
	h *afpacket.TPacket
}

// Ring sizes, as libpcap makes them for tcpdump: a block is the smallest
// power of two (at least 128 KiB) that holds the snaplen, and the buffer
// (-B) is cut into as many such blocks as it takes, at least two. (The
// kernel truncates a packet that does not fit in a block with its header,
// at the default snaplen one over about 262,000 bytes, as with libpcap.)
const (
	afpacketFrameSize = 1 << 12
	afpacketMinBlock  = 1 << 17
	// afpacketPoll: a read waits this long for a block, so a partial batch
	// of the queue waits no longer for packets that do not come (each
	// wake-up of an idle capture costs about 0.2 ms of CPU on a busy VM:
	// 20 a second, not 100).
	afpacketPoll   = 5 * liveLatency
	afpacketRetire = liveLatency // a block with packets is handed over at the latest after this
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
	return newLiveQueue(iface, "AF_PACKET", layers.LinkTypeEthernet, &afpacketRing{h: h}, opts.RealTime), nil
}

func liveError(iface string, err error) error {
	if permissionError(err) {
		return msg("permission-in", iface, ErrPermission, err.Error())
	}
	return msg("interface-failure", iface, err.Error())
}

func (r *afpacketRing) read() ([]byte, gopacket.CaptureInfo, error) {
	data, ci, err := r.h.ZeroCopyReadPacketData()
	if errors.Is(err, afpacket.ErrTimeout) {
		err = errRingTimeout
	}
	return data, ci, err
}

// stats are the kernel's counters since the capture started: packets the
// filter accepted (dropped ones included, as libpcap counts them) and
// packets dropped because the ring was full.
func (r *afpacketRing) stats() (LiveStats, error) {
	_, v3, err := r.h.SocketStats()
	if err != nil {
		return LiveStats{}, err
	}
	return LiveStats{Received: int(v3.Packets()), Dropped: int(v3.Drops())}, nil
}

func (r *afpacketRing) close() { r.h.Close() }
