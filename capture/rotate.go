package capture

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// RotatingWriter writes captured packets to a file (live -w FILE): pcap, or pcapng when
// the name ends in .pcapng; with a size limit it rotates to FILE.1,
// FILE.2 ... (as tcpdump -C) before a packet would make a file exceed it.
type RotatingWriter struct {
	name    string
	ng      bool
	limit   int64
	snaplen int
	link    layers.LinkType
	f       *os.File
	cw      countWriter
	w       *pcapgo.Writer
	ngw     *pcapgo.NgWriter
	files   int
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// NewRotatingWriter creates name (pcapng when it ends in .pcapng) and, with
// limit > 0, name.1, name.2 ... as each reaches the limit (tcpdump -C).
func NewRotatingWriter(name string, limit int64, snaplen int, link layers.LinkType) (*RotatingWriter, error) {
	d := &RotatingWriter{name: name, ng: strings.HasSuffix(strings.ToLower(name), ".pcapng"), limit: limit, snaplen: snaplen, link: link}
	return d, d.open()
}

func (d *RotatingWriter) open() error {
	name := d.name
	if d.files > 0 {
		name = fmt.Sprintf("%s.%d", d.name, d.files)
	}
	d.files++
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	d.f, d.cw = f, countWriter{w: f}
	if d.ng {
		d.ngw, err = pcapgo.NewNgWriter(&d.cw, d.link)
		if err == nil {
			err = d.ngw.Flush()
		}
	} else {
		d.w = pcapgo.NewWriter(&d.cw)
		err = d.w.WriteFileHeader(uint32(d.snaplen), d.link)
	}
	if err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// recordSize is the size of a packet's record in the file.
func (d *RotatingWriter) recordSize(n int) int64 {
	if d.ng {
		return int64(32 + (n+3)&^3) // enhanced packet block, no options
	}
	return int64(16 + n)
}

// WritePacket writes a packet, rotating first when it would exceed the limit.
func (d *RotatingWriter) WritePacket(ci gopacket.CaptureInfo, data []byte) error {
	if d.limit > 0 && d.cw.n+d.recordSize(len(data)) > d.limit && d.cw.n > d.recordSize(0) {
		if err := d.Close(); err != nil {
			return err
		}
		if err := d.open(); err != nil {
			return err
		}
	}
	if d.ng {
		ci.InterfaceIndex = 0
		if err := d.ngw.WritePacket(ci, data); err != nil {
			return err
		}
		return d.ngw.Flush() // counted, and on disk as it happens
	}
	return d.w.WritePacket(ci, data)
}

// Close closes the current file.
func (d *RotatingWriter) Close() error {
	if d.f == nil {
		return nil
	}
	var err error
	if d.ngw != nil {
		err = d.ngw.Flush()
	}
	if cerr := d.f.Close(); err == nil {
		err = cerr
	}
	d.f = nil
	return err
}

// ParseSize reads a size such as 10M: bytes, or with a K, M or G suffix
// (10^3, 10^6, 10^9 bytes, as tcpdump -C counts).
func ParseSize(s string) (int64, error) {
	mult := int64(1)
	t := strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "B")
	switch {
	case strings.HasSuffix(t, "K"):
		mult, t = 1e3, t[:len(t)-1]
	case strings.HasSuffix(t, "M"):
		mult, t = 1e6, t[:len(t)-1]
	case strings.HasSuffix(t, "G"):
		mult, t = 1e9, t[:len(t)-1]
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, msg("invalid-size", s)
	}
	return n * mult, nil
}
