//go:build cgo

package capture

import (
	"errors"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/pcap"
)

// pcapRing captures with libpcap (TPACKET_V3 on Linux, its own buffer
// elsewhere); liveQueue drains it. Reads wait at most liveLatency, so that
// Stop takes effect without closing the handle under a running read.
type pcapRing struct {
	h *pcap.Handle
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
		return nil, msg("bad-filter", iface, filter, err.Error())
	}
	return newLiveQueue(iface, "libpcap", h.LinkType(), &pcapRing{h: h}, opts.RealTime), nil
}

func liveError(iface string, err error) error {
	if permissionError(err) {
		return msg("permission-in", iface, ErrPermission, err.Error())
	}
	return msg("interface-failure", iface, err.Error())
}

func (r *pcapRing) read() ([]byte, gopacket.CaptureInfo, error) {
	data, ci, err := r.h.ZeroCopyReadPacketData()
	if errors.Is(err, pcap.NextErrorTimeoutExpired) {
		err = errRingTimeout
	}
	return data, ci, err
}

// stats are libpcap's: packets the filter accepted (dropped ones included)
// and packets dropped because the buffer was full.
func (r *pcapRing) stats() (LiveStats, error) {
	s, err := r.h.Stats()
	if err != nil {
		return LiveStats{}, err
	}
	return LiveStats{Received: s.PacketsReceived, Dropped: s.PacketsDropped}, nil
}

func (r *pcapRing) close() { r.h.Close() }
