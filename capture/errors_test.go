package capture_test

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/capture"
)

// TestOpenErrors: inputs that are not captures, or whose header is bad,
// fail in Open with the right sentinel and a message saying why.
func TestOpenErrors(t *testing.T) {
	pcap := readCapture(t, "chapcrack__pptp.cap")
	pcapng := readCapture(t, "PPTP_VPN_Sniffer__connect.pcapng")
	badVersion := bytes.Clone(pcap)
	badVersion[4] = 3
	badBOM := bytes.Clone(pcapng)
	badBOM[8] = 0x11
	ngVersion := bytes.Clone(pcapng)
	ngVersion[12] = 2
	noSHB := bytes.Clone(pcapng)
	noSHB[0] = 0x0b
	gz := gzipBytes(t, pcap)
	for _, tc := range []struct {
		name  string
		in    []byte
		want  error
		error string
	}{
		{"empty", nil, capture.ErrEmpty, "test: empty file"},
		{"text", []byte("frame.number\tframe.len\n1\t74\n"), capture.ErrNotCapture, "test: not a pcap or pcapng file: looks like text"},
		{"utf-8 text", []byte("标志了认证算法为MS-CHAP-2"), capture.ErrNotCapture, "looks like text"},
		{"html", []byte("\n<!DOCTYPE html>\n<html lang=\"en\">"), capture.ErrNotCapture, "looks like an HTML page"},
		{"zip", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), capture.ErrNotCapture, "test: not a pcap or pcapng file: looks like a ZIP archive (unzip it first)"},
		{"git lfs pointer", []byte("version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 1149929\n"), capture.ErrNotCapture, "Git LFS pointer"},
		{"snoop", []byte("snoop\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x04"), capture.ErrNotCapture, "Sun snoop capture"},
		{"xz", []byte("\xfd7zXZ\x00\x00\x04"), capture.ErrNotCapture, "xz-compressed"},
		{"binary", []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, capture.ErrNotCapture, "starts with unknown bytes 00 01 02 03 04 05 06 07"},
		{"one byte", []byte{0}, capture.ErrNotCapture, "has only 1 byte (00)"},
		{"pcap magic cut", pcap[:2], capture.ErrTruncated, "test: capture cut short before the first frame (byte 0): truncated file header (2 bytes)"},
		{"pcap header cut", pcap[:10], capture.ErrTruncated, "test: capture cut short before the first frame (byte 0): truncated pcap file header"},
		{"pcap version", badVersion, capture.ErrCorrupt, "test: corrupt record before the first frame (byte 0): pcap version 3.4 is not supported"},
		{"pcapng byte order", badBOM, capture.ErrCorrupt, "section header block with byte-order magic 11 3c 2b 1a"},
		{"pcapng version", ngVersion, capture.ErrCorrupt, "pcapng version 2.0 is not supported"},
		{"pcapng header cut", pcapng[:20], capture.ErrTruncated, "truncated section header block"},
		{"not pcapng", noSHB, capture.ErrNotCapture, "starts with unknown bytes 0b 0d 0d 0a"},
		{"gzip empty", gzipBytes(t, nil), capture.ErrEmpty, "test: empty file (gzip-compressed)"},
		{"gzip text", gzipBytes(t, []byte("hello\n")), capture.ErrNotCapture, "test: not a pcap or pcapng file: gzip-compressed, and the content looks like text"},
		{"gzip zip", gzipBytes(t, []byte("PK\x03\x04\x14\x00")), capture.ErrNotCapture, "gzip-compressed, and the content looks like a ZIP archive"},
		{"gzip magic cut", gz[:1], capture.ErrTruncated, "truncated file header (1 bytes)"},
		{"gzip header cut", gz[:5], capture.ErrTruncated, "truncated gzip header"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, err := capture.OpenReader(bytes.NewReader(tc.in), "test")
			if err == nil {
				src.Close()
				t.Fatal("no error")
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %q does not wrap %q", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.error) {
				t.Errorf("error %q, want %q in it", err, tc.error)
			}
		})
	}
}

// TestFileErrors: a file that cannot be opened or read keeps its
// *fs.PathError.
func TestFileErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := capture.Open(filepath.Join(dir, "missing.pcap"))
	var pe *fs.PathError
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) {
		t.Errorf("missing file: %v", err)
	}
	_, err = capture.Open(dir)
	if !errors.As(err, &pe) || pe.Path != dir {
		t.Errorf("directory: %#v", err)
	}
	empty := filepath.Join(dir, "empty.pcap")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err = capture.Open(empty); !errors.Is(err, capture.ErrEmpty) || err.Error() != empty+": empty file" {
		t.Errorf("empty file: %v", err)
	}
}

// TestTruncated cuts real captures inside the file header, a record header
// and a record body: the packets before the cut are delivered, then an
// *Error wrapping ErrTruncated names the last good frame and the offset of
// the broken record.
func TestTruncated(t *testing.T) {
	// chapcrack__pptp.cap: file header 0-24, frames at 24-114, 114-241,
	// 241-372 (16-byte record headers, 74/111/115 bytes of data).
	pcap := readCapture(t, "chapcrack__pptp.cap")
	pcapng := readCapture(t, "PPTP_VPN_Sniffer__connect.pcapng")
	blocks := pcapngBlocks(t, pcapng)
	// blocks[0] SHB, [1] IDB, [2] first EPB
	if blocks[0].typ != 0x0a0d0d0a || blocks[1].typ != 1 || blocks[2].typ != 6 || blocks[3].typ != 6 {
		t.Fatalf("unexpected block layout %+v", blocks[:4])
	}
	for _, tc := range []struct {
		name   string
		in     []byte
		frames int
		offset int64
		error  string
	}{
		{"pcap record header", pcap[:120], 1, 114, "capture cut short after frame 1 (byte 114): truncated packet record header"},
		{"pcap record body", pcap[:200], 1, 114, "capture cut short after frame 1 (byte 114): truncated packet record"},
		{"pcap first record", pcap[:30], 0, 24, "capture cut short before the first frame (byte 24): truncated packet record header"},
		{"pcap last byte", pcap[:len(pcap)-1], 2, 241, "capture cut short after frame 2 (byte 241): truncated packet record"},
		{"pcapng interface block", pcapng[:blocks[1].start+10], 0, int64(blocks[1].start), "before the first frame (byte " + strconv.Itoa(blocks[1].start) + "): truncated interface description block"},
		{"pcapng block header", pcapng[:blocks[3].start+6], 1, int64(blocks[3].start), "after frame 1 (byte " + strconv.Itoa(blocks[3].start) + "): truncated block header"},
		{"pcapng packet block", pcapng[:blocks[3].end-1], 1, int64(blocks[3].start), "after frame 1 (byte " + strconv.Itoa(blocks[3].start) + "): truncated enhanced packet block"},
		{"gzip", gzipBytes(t, pcap)[:300], 2, 241, "after frame 2 (byte 241): truncated packet record"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pkts, err := readBytes(tc.in)
			var e *capture.Error
			if !errors.Is(err, capture.ErrTruncated) || !errors.As(err, &e) {
				t.Fatalf("error %v, want an *Error wrapping ErrTruncated", err)
			}
			if len(pkts) != tc.frames || e.Frame != tc.frames || e.Offset != tc.offset {
				t.Errorf("%d packets, error at frame %d byte %d; want %d, %d", len(pkts), e.Frame, e.Offset, tc.frames, tc.offset)
			}
			if !strings.Contains(err.Error(), tc.error) {
				t.Errorf("error %q, want %q in it", err, tc.error)
			}
		})
	}
}

// TestCorrupt: impossible lengths and references give ErrCorrupt, at the
// right frame, without allocating what the lengths announce.
func TestCorrupt(t *testing.T) {
	pcap := readCapture(t, "chapcrack__pptp.cap")
	hugeCaplen := bytes.Clone(pcap)
	binary.LittleEndian.PutUint32(hugeCaplen[114+8:], 0xffffffff)
	hugeSnaplen := bytes.Clone(pcap)
	binary.LittleEndian.PutUint32(hugeSnaplen[16:], 0xffffffff)
	binary.LittleEndian.PutUint32(hugeSnaplen[24+8:], 2<<20)
	gz := gzipBytes(t, pcap)
	badCRC := bytes.Clone(gz)
	badCRC[len(badCRC)-8] ^= 0xff

	ng := func(build func(w *ngBuilder)) []byte {
		w := &ngBuilder{order: binary.LittleEndian}
		w.section()
		w.iface(layers.LinkTypeEthernet, 0)
		w.epb(0, 0, []byte{1, 2, 3, 4})
		build(w)
		return w.buf.Bytes()
	}
	// patch returns a pcapng whose second packet block is changed by fn.
	patch := func(fn func(b []byte)) []byte {
		b := ng(func(w *ngBuilder) { w.epb(0, 0, []byte{5, 6, 7, 8}) })
		fn(b[len(b)-36:])
		return b
	}
	for _, tc := range []struct {
		name   string
		in     []byte
		frames int
		error  string
	}{
		{"pcap captured length", hugeCaplen, 1, "corrupt record after frame 1 (byte 114): captured length 4294967295 exceeds the maximum 262144"},
		{"pcap length over snaplen cap", hugeSnaplen, 0, "captured length 2097152 exceeds the maximum 1048560"},
		{"pcapng block length", patch(func(b []byte) { binary.LittleEndian.PutUint32(b[4:], 0xfffffff0) }), 1, "enhanced packet block has length 4294967280, over the 1048576 limit"},
		{"pcapng skipped block length", ng(func(w *ngBuilder) { w.buf.Write([]byte{5, 0, 0, 0, 0xf0, 0xff, 0xff, 0xff}) }), 1, "block of type 0x5 has length 4294967280, over the 67108864 limit"},
		{"pcapng length not aligned", patch(func(b []byte) { binary.LittleEndian.PutUint32(b[4:], 35) }), 1, "enhanced packet block has length 35"},
		{"pcapng length too short", patch(func(b []byte) { binary.LittleEndian.PutUint32(b[4:], 16) }), 1, "enhanced packet block has length 16"},
		{"pcapng trailer", patch(func(b []byte) { binary.LittleEndian.PutUint32(b[32:], 40) }), 1, "enhanced packet block has length 36 at its start and 40 at its end"},
		{"pcapng captured length", patch(func(b []byte) { binary.LittleEndian.PutUint32(b[20:], 0xffffffff) }), 1, "enhanced packet block has captured length 4294967295 but holds 4 bytes"},
		{"pcapng interface", patch(func(b []byte) { binary.LittleEndian.PutUint32(b[8:], 1) }), 1, "enhanced packet block on interface 1, but the section describes 1"},
		{"pcapng resolution", ng(func(w *ngBuilder) { w.iface(layers.LinkTypeRaw, 0, w.option(9, []byte{20})) }), 1, "interface 1 has timestamp resolution 0x14"},
		{"pcapng simple packet without interface", func() []byte {
			w := &ngBuilder{order: binary.LittleEndian}
			w.section()
			w.block(3, w.u32(4), []byte{1, 2, 3, 4})
			return w.buf.Bytes()
		}(), 0, "simple packet block on interface 0, but the section describes 0"},
		{"pcap captured length over the original", func() []byte {
			b := bytes.Clone(pcap)
			binary.LittleEndian.PutUint32(b[114+12:], 10)
			return b
		}(), 1, "corrupt record after frame 1 (byte 114): packet record: capture length exceeds original packet length: 111 > 10"},
		{"pcapng option past the block", func() []byte {
			w := &ngBuilder{order: binary.LittleEndian}
			w.section()
			w.iface(layers.LinkTypeEthernet, 0)
			w.epb(0, 0, []byte{1, 2, 3, 4}, w.option(1, []byte("comment")), w.option(0, nil))
			b := w.buf.Bytes()
			// The comment's length, after the 28-byte block header and
			// 4 bytes of data: pcapgo would read on into the next block.
			binary.LittleEndian.PutUint16(b[len(b)-52+34:], 200)
			return append(b, make([]byte, 300)...)
		}(), 0, "enhanced packet block runs past its length"},
		{"pcapng simple packet longer than its block", func() []byte {
			w := &ngBuilder{order: binary.LittleEndian}
			w.section()
			w.iface(layers.LinkTypeEthernet, 0)
			w.block(3, w.u32(100), []byte{1, 2, 3, 4})
			return w.buf.Bytes()
		}(), 0, "simple packet block has captured length 100 but holds 4 bytes"},
		{"gzip checksum", badCRC, 3, "corrupt record after frame 3 (byte 372): damaged gzip stream: gzip: invalid checksum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ms0, ms1 runtime.MemStats
			runtime.ReadMemStats(&ms0)
			pkts, err := readBytes(tc.in)
			runtime.ReadMemStats(&ms1)
			var e *capture.Error
			if !errors.Is(err, capture.ErrCorrupt) || !errors.As(err, &e) {
				t.Fatalf("error %v, want an *Error wrapping ErrCorrupt", err)
			}
			if len(pkts) != tc.frames || e.Frame != tc.frames {
				t.Errorf("%d packets, error at frame %d; want %d", len(pkts), e.Frame, tc.frames)
			}
			if !strings.Contains(err.Error(), tc.error) {
				t.Errorf("error %q, want %q in it", err, tc.error)
			}
			// Two 64 KiB buffers (gzip) and the decompressor: nothing
			// near what the lengths announce.
			if alloc := ms1.TotalAlloc - ms0.TotalAlloc; alloc > 512<<10 {
				t.Errorf("allocated %d bytes", alloc)
			}
		})
	}
	_, err := readBytes(badCRC)
	if !errors.Is(err, gzip.ErrChecksum) {
		t.Errorf("gzip checksum error %v does not wrap gzip.ErrChecksum", err)
	}
}

// TestErrorSticky: after an error Next keeps returning it.
func TestErrorSticky(t *testing.T) {
	pcap := readCapture(t, "chapcrack__pptp.cap")
	src, err := capture.OpenReader(bytes.NewReader(pcap[:200]), "x")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.Next(); err != nil {
		t.Fatal(err)
	}
	_, err1 := src.Next()
	_, err2 := src.Next()
	if err1 == nil || err1 != err2 {
		t.Errorf("errors %v, %v: want the same error twice", err1, err2)
	}
}

// TestEveryOffset cuts small real captures at every byte: Open or Next must
// fail with ErrEmpty or ErrTruncated naming exactly the last complete frame
// and the broken record's offset, or end cleanly with io.EOF exactly when
// the cut falls between records.
func TestEveryOffset(t *testing.T) {
	// Records of the pcap files: ends[0] is the end of the file header.
	type record struct {
		start, end int
		packet     bool
	}
	var files []struct {
		name    string
		in      []byte
		header  int // bytes before the first record, which Open reads
		records []record
	}
	for _, name := range []string{"chapcrack__pptp.cap", "nDPI__pptp.pcap"} {
		b := readCapture(t, name)
		ends := pcapRecordEnds(t, b)
		var recs []record
		for i := 1; i < len(ends); i++ {
			recs = append(recs, record{ends[i-1], ends[i], true})
		}
		files = append(files, struct {
			name    string
			in      []byte
			header  int
			records []record
		}{name, b, 24, recs})
	}
	// The first 14 packets of connect.pcapng, frame 12's comment included.
	ng := readCapture(t, "PPTP_VPN_Sniffer__connect.pcapng")
	blocks := pcapngBlocks(t, ng)
	var recs []record
	n := 0
	for _, bl := range blocks[1:] {
		recs = append(recs, record{bl.start, bl.end, bl.typ == 6})
		if bl.typ == 6 {
			n++
		}
		if n == 14 {
			break
		}
	}
	files = append(files, struct {
		name    string
		in      []byte
		header  int
		records []record
	}{"connect.pcapng (14 frames)", ng[:recs[len(recs)-1].end], blocks[0].end, recs})

	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			for cut := 0; cut <= len(f.in); cut++ {
				pkts, err := readBytes(f.in[:cut])
				switch {
				case cut == 0:
					if !errors.Is(err, capture.ErrEmpty) {
						t.Fatalf("cut 0: %v", err)
					}
					continue
				case cut < f.header:
					var e *capture.Error
					if !errors.Is(err, capture.ErrTruncated) || !errors.As(err, &e) || e.Frame != 0 || e.Offset != 0 {
						t.Fatalf("cut %d: %v", cut, err)
					}
					continue
				}
				frames, boundary, start := 0, cut == f.header, 0
				for _, r := range f.records {
					if r.end <= cut {
						if r.packet {
							frames++
						}
						boundary = boundary || r.end == cut
					} else if r.start < cut {
						start = r.start
					}
				}
				if len(pkts) != frames {
					t.Fatalf("cut %d: %d packets, want %d", cut, len(pkts), frames)
				}
				if boundary {
					if err != nil {
						t.Fatalf("cut %d at a record boundary: %v", cut, err)
					}
					continue
				}
				var e *capture.Error
				if !errors.Is(err, capture.ErrTruncated) || !errors.As(err, &e) || e.Frame != frames || e.Offset != int64(start) {
					t.Fatalf("cut %d: %v; want truncated after frame %d at byte %d", cut, err, frames, start)
				}
			}
		})
	}

	// A gzip copy cut anywhere: never a panic, a clean end only when whole,
	// and the packets read are the first ones of the capture.
	plain := readCapture(t, "chapcrack__pptp.cap")
	want, _ := readBytes(plain)
	gz := gzipBytes(t, plain)
	for cut := 0; cut < len(gz); cut++ {
		pkts, err := readBytes(gz[:cut])
		if err == nil || err == io.EOF {
			t.Fatalf("gzip cut %d: no error", cut)
		}
		if !errors.Is(err, capture.ErrTruncated) && !errors.Is(err, capture.ErrEmpty) {
			t.Fatalf("gzip cut %d: %v", cut, err)
		}
		var e *capture.Error
		if errors.As(err, &e) && e.Frame != len(pkts) {
			t.Fatalf("gzip cut %d: %d packets, error after frame %d", cut, len(pkts), e.Frame)
		}
		for i := range pkts {
			if pkts[i] != want[i] {
				t.Fatalf("gzip cut %d: packet %d differs", cut, i+1)
			}
		}
	}
}

// zeroReader never makes progress: Read returns 0, nil forever.
type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

// TestReadErrors: a failing or stalled reader gives its own error, not a
// sentinel, with the position; a reader that never returns data does not
// hang the source.
func TestReadErrors(t *testing.T) {
	pcap := readCapture(t, "chapcrack__pptp.cap")
	boom := errors.New("boom")
	src, err := capture.OpenReader(io.MultiReader(bytes.NewReader(pcap[:200]), iotest.ErrReader(boom)), "x")
	if err != nil {
		t.Fatal(err)
	}
	pkts, err := readAll(src)
	var e *capture.Error
	if len(pkts) != 1 || !errors.Is(err, boom) || errors.Is(err, capture.ErrTruncated) || !errors.As(err, &e) || e.Frame != 1 ||
		err.Error() != "read error after frame 1 (byte 114): packet record: boom" {
		t.Errorf("%d packets, %v", len(pkts), err)
	}

	_, err = capture.OpenReader(zeroReader{}, "stalled")
	if !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("stalled reader: %v", err)
	}
	_, err = capture.OpenReader(io.MultiReader(bytes.NewReader(pcap[:10]), iotest.ErrReader(boom)), "x")
	if !errors.Is(err, boom) || err.Error() != "x: boom" {
		t.Errorf("error in the header: %v", err)
	}

	// A skipped block cut short.
	w := &ngBuilder{order: binary.LittleEndian}
	w.section()
	w.iface(layers.LinkTypeEthernet, 0)
	w.block(5, make([]byte, 200))
	_, err = readBytes(w.buf.Bytes()[:w.buf.Len()-50])
	if !errors.Is(err, capture.ErrTruncated) || !strings.Contains(err.Error(), "truncated block of type 0x5") {
		t.Errorf("skipped block cut short: %v", err)
	}
}

func TestDescribeBinary(t *testing.T) {
	for _, in := range []string{"text\x00with a NUL", "bad utf-8 \xff\xfe here", "bell\x07", "del\x7f"} {
		_, err := readBytes([]byte(in))
		if !errors.Is(err, capture.ErrNotCapture) || !strings.Contains(err.Error(), "starts with unknown bytes") {
			t.Errorf("%q: %v", in, err)
		}
	}
	// A multi-byte character cut by the 512-byte window is still text.
	_, err := readBytes([]byte(strings.Repeat("a", 511) + "é"))
	if !strings.Contains(err.Error(), "looks like text") {
		t.Errorf("cut character: %v", err)
	}
}
