package capture

import (
	"encoding/binary"
	"io"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// pcap file format: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/
const (
	pcapHeaderLen = 24
	pcapRecordLen = 16
)

type pcapState struct {
	order    binary.ByteOrder
	nanos    bool // nanosecond timestamps
	linkType layers.LinkType
	maxLen   int // longest record accepted
}

// openPcap reads the pcap file header.
func (f *File) openPcap() error {
	h, err := f.peek(pcapHeaderLen)
	if err != nil {
		return f.readError(err, "pcap file header")
	}
	s := &f.pcap
	s.order = binary.LittleEndian
	if h[0] == 0xa1 {
		s.order = binary.BigEndian
	}
	s.nanos = s.order.Uint32(h[0:4]) == 0xa1b23c4d
	major, minor := s.order.Uint16(h[4:6]), s.order.Uint16(h[6:8])
	if major != 2 {
		return f.corrupt("pcap version %d.%d is not supported", major, minor)
	}
	snaplen := s.order.Uint32(h[16:20])
	// The link type is the low 16 bits; the others hold FCS information.
	s.linkType = layers.LinkType(s.order.Uint32(h[20:24]) & 0xffff)
	s.maxLen = MaxPacketLen
	if snaplen > MaxPacketLen {
		s.maxLen = int(min(snaplen, maxBuf-pcapRecordLen))
	}
	f.consume(pcapHeaderLen)
	return nil
}

// nextPcap reads one record: header and data in a single peek, so the
// data is a slice of the buffer.
func (f *File) nextPcap() (Packet, error) {
	s := &f.pcap
	f.rec = f.off
	h, err := f.peek(pcapRecordLen)
	if err != nil {
		if err == io.EOF {
			return Packet{}, err
		}
		return Packet{}, f.readError(err, "packet record header")
	}
	caplen := s.order.Uint32(h[8:12])
	if caplen > uint32(s.maxLen) {
		return Packet{}, f.corrupt("captured length %d exceeds the maximum %d", caplen, s.maxLen)
	}
	n := pcapRecordLen + int(caplen)
	b, err := f.peek(n)
	if err != nil {
		return Packet{}, f.readError(err, "packet record")
	}
	sec, frac := s.order.Uint32(b[0:4]), s.order.Uint32(b[4:8])
	ns := int64(frac)
	if !s.nanos {
		ns *= 1000
	}
	p := Packet{
		Data: b[pcapRecordLen:n:n],
		CI: gopacket.CaptureInfo{
			Timestamp:     time.Unix(int64(sec), ns).UTC(),
			CaptureLength: int(caplen),
			Length:        int(s.order.Uint32(b[12:16])),
		},
		LinkType: s.linkType,
	}
	f.consume(n)
	return p, nil
}
