package capture

import (
	"fmt"
	"io"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// InnerWriter writes decrypted inner IP packets as raw IP (link type 101):
// a pcap with nanosecond timestamps, or a pcapng whose packets carry the
// original frame number as a comment.
type InnerWriter struct {
	pcap *pcapgo.Writer
	ng   *pcapgo.NgWriter
	n    int
	// Label names a frame in the pcapng comments: file:frame when several
	// captures are merged; nil: the frame number.
	Label func(int) string
}

// NewInnerWriter starts the file on w; application names the writer in a
// pcapng section header.
func NewInnerWriter(w io.Writer, pcapng bool, application string) (*InnerWriter, error) {
	if pcapng {
		intf := pcapgo.DefaultNgInterface
		intf.LinkType = layers.LinkTypeRaw
		intf.Name = "pptp-inner"
		intf.Description = "IP packets decrypted from MPPE by pptpscope"
		opts := pcapgo.DefaultNgWriterOptions
		opts.SectionInfo.Application = application
		nw, err := pcapgo.NewNgWriterInterface(w, intf, opts)
		if err != nil {
			return nil, err
		}
		return &InnerWriter{ng: nw}, nil
	}
	pw := pcapgo.NewWriterNanos(w)
	if err := pw.WriteFileHeader(65535, layers.LinkTypeRaw); err != nil {
		return nil, err
	}
	return &InnerWriter{pcap: pw}, nil
}

// WritePacket writes one IP packet seen at t in frame of the original
// capture.
func (iw *InnerWriter) WritePacket(t time.Time, frame int, data []byte) error {
	ci := gopacket.CaptureInfo{Timestamp: t, CaptureLength: len(data), Length: len(data)}
	iw.n++
	if iw.ng != nil {
		label := fmt.Sprint(frame)
		if iw.Label != nil {
			label = iw.Label(frame)
		}
		return iw.ng.WritePacketWithOptions(ci, data, pcapgo.NgPacketOptions{Comments: []string{"frame " + label}})
	}
	return iw.pcap.WritePacket(ci, data)
}

// Count is the number of packets written.
func (iw *InnerWriter) Count() int { return iw.n }

// Flush writes what is buffered.
func (iw *InnerWriter) Flush() error {
	if iw.ng != nil {
		return iw.ng.Flush()
	}
	return nil
}
