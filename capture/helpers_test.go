package capture_test

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/capture"
)

// captureDirs are where the real captures are: the project's copy first,
// then the shared directory beside the clone.
var captureDirs = []string{"../testdata/pcaps", "../../shared/captures"}

// capturePath returns the path of a real capture; it fails the test if the
// file is in neither directory.
func capturePath(t testing.TB, name string) string {
	t.Helper()
	p, err := findCapture(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func findCapture(name string) (string, error) {
	for _, dir := range captureDirs {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New(name + ": not in ../testdata/pcaps nor ../../shared/captures")
}

func readCapture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(capturePath(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pkt is a Packet with its data copied, for comparisons.
type pkt struct {
	Data     string
	Time     time.Time
	CapLen   int
	Len      int
	Iface    int
	LinkType layers.LinkType
	Frame    int
	Comment  string
}

func copyPacket(p capture.Packet) pkt {
	return pkt{string(p.Data), p.CI.Timestamp, p.CI.CaptureLength, p.CI.Length,
		p.CI.InterfaceIndex, p.LinkType, p.Frame, p.Comment}
}

// readAll reads src to its end; err is nil at a clean io.EOF.
func readAll(src capture.Source) ([]pkt, error) {
	var pkts []pkt
	for {
		p, err := src.Next()
		if err == io.EOF {
			return pkts, nil
		}
		if err != nil {
			return pkts, err
		}
		pkts = append(pkts, copyPacket(p))
	}
}

// readBytes opens b with OpenReader and reads it all. Open errors are
// returned as they are.
func readBytes(b []byte) ([]pkt, error) {
	src, err := capture.OpenReader(bytes.NewReader(b), "test")
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return readAll(src)
}

func gzipBytes(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pcapRecordEnds parses a little-endian microsecond pcap and returns the
// offset where each record ends (the first element is the end of the file
// header).
func pcapRecordEnds(t testing.TB, b []byte) []int {
	t.Helper()
	ends := []int{24}
	for off := 24; off < len(b); {
		off += 16 + int(binary.LittleEndian.Uint32(b[off+8:]))
		if off > len(b) {
			t.Fatal("pcapRecordEnds: file is truncated")
		}
		ends = append(ends, off)
	}
	return ends
}

// ngBlock is one block of a little-endian pcapng file.
type ngBlock struct {
	typ        uint32
	start, end int
}

func pcapngBlocks(t testing.TB, b []byte) []ngBlock {
	t.Helper()
	var blocks []ngBlock
	for off := 0; off < len(b); {
		n := int(binary.LittleEndian.Uint32(b[off+4:]))
		if n < 12 || off+n > len(b) {
			t.Fatalf("pcapngBlocks: bad block at %d", off)
		}
		blocks = append(blocks, ngBlock{binary.LittleEndian.Uint32(b[off:]), off, off + n})
		off += n
	}
	return blocks
}

// writePcap writes packets as a pcap file in the given byte order, with
// micro- or nanosecond timestamps.
func writePcap(pkts []pkt, order binary.ByteOrder, nanos bool, linkType layers.LinkType) []byte {
	var buf bytes.Buffer
	magic := uint32(0xa1b2c3d4)
	if nanos {
		magic = 0xa1b23c4d
	}
	h := make([]byte, 24)
	order.PutUint32(h[0:], magic)
	order.PutUint16(h[4:], 2)
	order.PutUint16(h[6:], 4)
	order.PutUint32(h[16:], 65535)
	order.PutUint32(h[20:], uint32(linkType))
	buf.Write(h)
	for _, p := range pkts {
		r := make([]byte, 16)
		frac := p.Time.Nanosecond()
		if !nanos {
			frac /= 1000
		}
		order.PutUint32(r[0:], uint32(p.Time.Unix()))
		order.PutUint32(r[4:], uint32(frac))
		order.PutUint32(r[8:], uint32(len(p.Data)))
		order.PutUint32(r[12:], uint32(p.Len))
		buf.Write(r)
		buf.WriteString(p.Data)
	}
	return buf.Bytes()
}

// ngBuilder writes pcapng blocks by hand, in either byte order, to reach
// what pcapgo's writer does not write (big-endian, simple and obsolete
// packet blocks, odd resolutions, broken blocks).
type ngBuilder struct {
	order binary.AppendByteOrder
	buf   bytes.Buffer
}

func (w *ngBuilder) u16(v uint16) []byte { return w.order.AppendUint16(nil, v) }
func (w *ngBuilder) u32(v uint32) []byte { return w.order.AppendUint32(nil, v) }

// option encodes one option, padded.
func (w *ngBuilder) option(code uint16, v []byte) []byte {
	b := append(w.u16(code), w.u16(uint16(len(v)))...)
	b = append(b, v...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

// block appends a block with the given body, padding it to 4 bytes.
func (w *ngBuilder) block(typ uint32, body ...[]byte) {
	var b []byte
	for _, p := range body {
		b = append(b, p...)
	}
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	n := uint32(len(b) + 12)
	w.buf.Write(w.u32(typ))
	w.buf.Write(w.u32(n))
	w.buf.Write(b)
	w.buf.Write(w.u32(n))
}

func (w *ngBuilder) section() {
	w.block(0x0a0d0d0a, w.u32(0x1a2b3c4d), w.u16(1), w.u16(0), []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
}

func (w *ngBuilder) iface(lt layers.LinkType, snaplen uint32, opts ...[]byte) {
	body := [][]byte{w.u16(uint16(lt)), w.u16(0), w.u32(snaplen)}
	if len(opts) > 0 {
		body = append(body, opts...)
		body = append(body, w.option(0, nil))
	}
	w.block(1, body...)
}

func (w *ngBuilder) epb(iface uint32, ts uint64, data []byte, opts ...[]byte) {
	body := [][]byte{w.u32(iface), w.u32(uint32(ts >> 32)), w.u32(uint32(ts)),
		w.u32(uint32(len(data))), w.u32(uint32(len(data))), data}
	pad := make([]byte, (4-len(data)%4)%4)
	body = append(body, pad)
	body = append(body, opts...)
	w.block(6, body...)
}
