package capture

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Packet is one captured frame.
type Packet struct {
	// Data is the captured bytes. It points into a buffer the source reuses
	// and is valid only until the next call to Next: copy it to keep it.
	Data []byte
	// CI holds the timestamp (UTC), the captured and original lengths and,
	// for pcapng, the interface index.
	CI gopacket.CaptureInfo
	// LinkType is the link type of the interface the frame was captured on.
	LinkType layers.LinkType
	// Frame is the frame number, counted from 1 as Wireshark does.
	Frame int
	// Comment is the pcapng packet comment (opt_comment), if any; several
	// comments on one packet are joined with newlines.
	Comment string
}

// Source delivers packets one at a time, from a file or, later, from a
// network interface.
type Source interface {
	// Next returns the next packet, or io.EOF at the clean end of the input.
	// Any other error is final: Next keeps returning it. Errors do not
	// include the source's name; callers add Name().
	Next() (Packet, error)
	// Close releases the source. Next must not be called after Close.
	Close() error
	// Name is the source's name for messages: the file name, or "stdin".
	Name() string
}

// Length limits, checked before pcapgo reads a record: no record longer
// than maxRecord (1 MiB) is read, which bounds what a hostile length field
// can make the reader hold.
const (
	// MaxPacketLen is the longest packet record accepted, as libpcap's
	// MAXIMUM_SNAPLEN; a pcap file whose snapshot length is larger raises
	// it up to 1 MiB.
	MaxPacketLen = 256 << 10
	// maxRecord bounds pcap records and the pcapng blocks pcapgo reads.
	maxRecord = 1 << 20
	// maxSkipBlock bounds the pcapng blocks that are skipped unread.
	maxSkipBlock = 64 << 20
	// bufSize is the read buffer below pcapgo, where record headers are
	// checked before pcapgo reads them.
	bufSize = 64 << 10
)

// Open opens the capture file at path; "-" reads standard input. It reads
// the file header, so errors about the format come from Open. Open's errors
// name the file; os errors are kept (errors.As *fs.PathError works).
func Open(path string) (Source, error) {
	if path == "-" {
		src, err := newFile(os.Stdin, "stdin", nil)
		if err != nil {
			return nil, err
		}
		return src, nil
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	src, err := newFile(fh, path, fh)
	if err != nil {
		fh.Close()
		return nil, err
	}
	if st, err := fh.Stat(); err == nil && st.Mode().IsRegular() {
		src.regular, src.size = true, st.Size()
	}
	return src, nil
}

// OpenReader reads a capture from r, which it does not close; name is used
// in messages and returned by Name.
func OpenReader(r io.Reader, name string) (Source, error) {
	src, err := newFile(r, name, nil)
	if err != nil {
		return nil, err
	}
	return src, nil
}

// File is the Source that Open and OpenReader return (assert
// src.(*capture.File) for Format): a pcap or pcapng stream, possibly
// gzip-compressed, read with gopacket's pcapgo. A live capture will be
// another Source.
//
// The input goes through a countReader and a bufio.Reader (in). For pcap,
// pcapgo reads in itself; for pcapng, it reads through a gate that lets one
// block through at a time. Before each record the header is peeked at in
// in and its lengths checked, so pcapgo never reads a record that is
// implausibly long, and errors name the record's offset.
type File struct {
	name   string
	closer io.Closer    // the file Open opened, nil for stdin and OpenReader
	gz     *gzip.Reader // non-nil for compressed input
	cnt    *countReader // below in: counts its bytes, keeps its error
	in     *bufio.Reader
	off    int64 // bytes of in consumed (decompressed bytes for gzip)
	rec    int64 // offset of the record being read, for errors
	frame  int   // packets delivered
	err    error // sticky error
	pcap   *pcapState
	ng     *ngState
	// prefilter, when set, may skip pcap records from their first bytes.
	prefilter Prefilter
	// regular: Open opened a regular file (ReadAhead reads it ahead).
	regular bool
	size    int64 // the regular file's size
}

// Prefilter decides from the first bytes of a record's data (at most
// PrefilterLen) whether the caller wants the packet. It is a fast path for
// callers that need only a few packets of a big file: rejected records are
// skipped in the read buffer, without being copied out.
type Prefilter func(head []byte, lt layers.LinkType) bool

// PrefilterLen is how many bytes of a record a Prefilter sees at most.
const PrefilterLen = 128

// SetPrefilter installs a prefilter (nil removes it). Only pcap files use it
// (pcapng records go through pcapgo as they are); the first packet of a file
// is always delivered, and frame numbers count skipped records, so numbering
// and relative times do not change. Frames reports every record read.
func (f *File) SetPrefilter(p Prefilter) { f.prefilter = p }

// Frames is the number of records read so far, delivered or skipped.
func (f *File) Frames() int { return f.frame }

func newFile(r io.Reader, name string, closer io.Closer) (*File, error) {
	f := &File{name: name, closer: closer}
	f.cnt = &countReader{r: r}
	f.in = bufio.NewReaderSize(f.cnt, bufSize)
	magic, err := f.in.Peek(4)
	if len(magic) == 0 && err == io.EOF {
		return nil, fmt.Errorf("%s: %w", name, ErrEmpty)
	}
	if len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		// pcapgo could decompress too, but then its errors would not
		// tell a damaged stream from a damaged capture.
		if f.gz, err = gzip.NewReader(f.in); err != nil {
			return nil, f.openError(f.readError(err, msg("part.gzip-header")))
		}
		f.cnt = &countReader{r: f.gz}
		f.in = bufio.NewReaderSize(f.cnt, bufSize)
		magic, err = f.in.Peek(4)
		if len(magic) == 0 && err == io.EOF {
			return nil, msg("empty-gzip", name, ErrEmpty)
		}
	}
	if err != nil && err != io.EOF {
		return nil, f.openError(f.readError(err, msg("part.file-header")))
	}
	switch kind := magicKind(magic); kind {
	case kindPcap:
		err = f.openPcap(magic)
	case kindPcapng:
		err = f.openPcapng()
	case kindShort:
		err = f.truncated("truncated-file-header", len(magic))
	default:
		head, _ := f.in.Peek(sniffLen)
		desc := describe(head)
		if f.gz != nil {
			desc = msg("gzip-content", desc)
		}
		return nil, msg("not-capture-is", name, ErrNotCapture, desc)
	}
	if err != nil {
		return nil, f.openError(err)
	}
	return f, nil
}

// openError adds the name to an error met while opening. A read error is
// given without position; an *fs.PathError, which names the file, as it is.
func (f *File) openError(err error) error {
	var e *Error
	if errors.As(err, &e) && e.Kind == nil {
		var pe *fs.PathError
		if errors.As(e.Err, &pe) {
			return e.Err
		}
		err = e.Err
	}
	return fmt.Errorf("%s: %w", f.name, err)
}

// Name returns the source's name.
func (f *File) Name() string { return f.name }

// Format describes the input, e.g. "pcapng" or "pcap (nanosecond), gzip".
func (f *File) Format() string {
	s := "pcap"
	switch {
	case f.ng != nil:
		s = "pcapng"
	case f.pcap.r.Resolution() == gopacket.TimestampResolutionNanosecond:
		s = "pcap (nanosecond)"
	}
	if f.gz != nil {
		s += ", gzip"
	}
	return s
}

// Next returns the next packet; see Source.
func (f *File) Next() (Packet, error) {
	var p Packet
	err := f.nextTo(&p)
	return p, err
}

// nextTo is Next into *p (the read-ahead's batch): set as Next returns it,
// a zero Packet after an error.
func (f *File) nextTo(p *Packet) error {
	if f.err != nil {
		*p = Packet{}
		return f.err
	}
	var err error
	if f.ng != nil {
		*p, err = f.nextPcapng()
	} else {
		err = f.nextPcap(p)
	}
	if err != nil {
		f.err = err
		*p = Packet{}
		return err
	}
	f.frame++
	p.Frame = f.frame
	return nil
}

var errClosed = errors.New("capture source closed")

// Close releases the gzip reader and closes the file Open opened.
func (f *File) Close() error {
	if errors.Is(f.err, errClosed) {
		return nil
	}
	f.err = errClosed
	var err error
	if f.gz != nil {
		err = f.gz.Close()
	}
	if f.closer != nil {
		if cerr := f.closer.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// peek returns the next n bytes of in without consuming them. If the input
// ends first it returns what there is and io.ErrUnexpectedEOF (io.EOF if
// there is nothing at all); other read errors are returned as they are.
func (f *File) peek(n int) ([]byte, error) {
	b, err := f.in.Peek(n)
	if err == io.EOF && len(b) > 0 {
		err = io.ErrUnexpectedEOF
	}
	return b, err
}

// pos is how many bytes of in have been consumed.
func (f *File) pos() int64 { return f.cnt.n - int64(f.in.Buffered()) }

var errInvalidCount = errors.New("capture: reader returned an invalid count")

// countReader counts the bytes read from r and keeps its first error. It
// also turns an invalid count, which would make bufio panic, into an error.
type countReader struct {
	r   io.Reader
	n   int64
	err error
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n < 0 || n > len(p) {
		n, err = 0, errInvalidCount
	}
	c.n += int64(n)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}
