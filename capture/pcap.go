package capture

import (
	"encoding/binary"
	"io"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// pcap file format: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/
const (
	pcapHeaderLen = 24
	pcapRecordLen = 16
)

// pcapState is a pcap file read by pcapgo.Reader straight from File.in.
type pcapState struct {
	r      *pcapgo.Reader
	order  binary.ByteOrder // for the record headers peeked at
	big    bool             // order is big-endian (u32, without an interface call)
	maxLen uint32           // longest record accepted
	nsec   uint32           // nanoseconds per unit of the timestamps' fraction (1 or 1000)
	lt     layers.LinkType  // the file's
}

// u32 is s.order.Uint32(b).
func (s *pcapState) u32(b []byte) uint32 {
	if s.big {
		return binary.BigEndian.Uint32(b)
	}
	return binary.LittleEndian.Uint32(b)
}

// openPcap has pcapgo read the file header; magic is its first 4 bytes.
func (f *File) openPcap(magic []byte) error {
	s := &pcapState{order: binary.LittleEndian}
	if magic[0] == 0xa1 {
		s.order, s.big = binary.BigEndian, true
	}
	// Peeked first so that a short header is reported as truncation and
	// a refused one with its version.
	h, err := f.peek(pcapHeaderLen)
	if err != nil {
		return f.readError(err, msg("part.pcap-file-header"))
	}
	major, minor := s.order.Uint16(h[4:6]), s.order.Uint16(h[6:8])
	// f.in is a *bufio.Reader of at least 4096 bytes, so pcapgo reads it
	// directly instead of buffering ahead of the record headers we peek at.
	if s.r, err = pcapgo.NewReader(f.in); err != nil {
		if major != 2 || minor != 4 {
			return f.corrupt("pcap-version", major, minor)
		}
		return f.libError(err, f.cnt.err, f.in.Buffered(), false, msg("part.pcap-file-header"))
	}
	s.maxLen = MaxPacketLen
	if snaplen := s.r.Snaplen(); snaplen > MaxPacketLen {
		s.maxLen = min(snaplen, maxRecord-pcapRecordLen)
	}
	s.nsec = 1000
	if s.r.Resolution() == gopacket.TimestampResolutionNanosecond {
		s.nsec = 1
	}
	s.lt = s.r.LinkType()
	f.pcap = s
	return f.consumed(pcapHeaderLen, "pcap file header")
}

// nextPcap checks the record header, then reads the record into *p (set
// whole: no field is kept from before).
func (f *File) nextPcap(p *Packet) error {
	for {
		skipped, err := f.nextPcapRecord(p)
		if !skipped {
			return err
		}
	}
}

// nextPcapRecord reads one record into *p, or skips it (skipped) when the
// prefilter rejects it.
func (f *File) nextPcapRecord(p *Packet) (skipped bool, err error) {
	s := f.pcap
	f.rec = f.off
	h, err := f.peek(pcapRecordLen)
	if err != nil {
		if err == io.EOF {
			return false, err
		}
		return false, f.readError(err, msg("part.packet-record-header"))
	}
	caplen := s.u32(h[8:12])
	if caplen > s.maxLen {
		return false, f.corrupt("caplen-max", caplen, s.maxLen)
	}
	if rec := pcapRecordLen + int(caplen); rec <= f.in.Size() {
		// All of the record in reach: it is read (or skipped) in the
		// buffer, without pcapgo's reads and copy. A record cut short
		// still goes through pcapgo, for its checks and the usual error.
		if b, err := f.in.Peek(rec); err == nil {
			if f.prefilter != nil && f.frame > 0 && !f.prefilter(b[pcapRecordLen:pcapRecordLen+min(int(caplen), PrefilterLen)], s.lt) {
				// Skip a record the caller does not want.
				if _, err := f.in.Discard(rec); err != nil {
					return false, f.readError(err, msg("part.packet-record"))
				}
				f.off = f.rec + int64(rec)
				f.frame++
				return true, nil
			}
			if caplen <= s.u32(b[12:16]) {
				// What pcapgo would read (the record it refuses, longer
				// than the packet's original length, goes to it for its
				// error); its timestamp is computed as pcapgo computes
				// it, in 32 bits.
				// Cleared, then set field by field: a composite literal
				// is built aside and copied, which stalls on reading
				// back what was just stored.
				*p = Packet{}
				p.Data, p.LinkType = b[pcapRecordLen:rec:rec], s.lt
				p.CI.Timestamp = time.Unix(int64(s.u32(b[0:4])), int64(s.u32(b[4:8])*s.nsec)).UTC()
				p.CI.CaptureLength, p.CI.Length = int(caplen), int(s.u32(b[12:16]))
				f.in.Discard(rec) // buffered: cannot fail
				f.off = f.rec + int64(rec)
				return false, nil
			}
		}
	}
	data, ci, err := s.r.ZeroCopyReadPacketData()
	if err != nil {
		return false, f.libError(err, f.cnt.err, f.in.Buffered(), false, msg("part.packet-record"))
	}
	if err := f.consumed(pcapRecordLen+len(data), "packet record"); err != nil {
		return false, err
	}
	n := len(data)
	*p = Packet{Data: data[:n:n], CI: ci, LinkType: s.r.LinkType()}
	return false, nil
}

// consumed checks that pcapgo read exactly the n bytes of the record at
// f.rec, and moves f.off past it.
func (f *File) consumed(n int, what string) error {
	if got := f.pos() - f.rec; got != int64(n) {
		return f.corrupt("pcapgo-read", partNamed(what), got, n)
	}
	f.off = f.rec + int64(n)
	return nil
}
