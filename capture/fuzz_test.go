package capture_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"
	"testing/iotest"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/capture"
)

// FuzzOpen reads arbitrary bytes as a capture. Besides not panicking or
// hanging: every error wraps a sentinel, Next's errors are *Error values
// naming the last frame delivered, frames count up from 1, Data matches
// CaptureLength, and reading one byte at a time gives the same result.
func FuzzOpen(f *testing.F) {
	for _, name := range []string{"chapcrack__pptp.cap", "nDPI__dlt_ppp.pcap", "nDPI__pptp.pcap", "packetlife__GRE.cap", "packetlife__PPP.cap"} {
		f.Add(readCapture(f, name))
	}
	ng := readCapture(f, "PPTP_VPN_Sniffer__connect.pcapng")
	f.Add(ng[:pcapngBlocks(f, ng)[15].end]) // first 14 frames, with the comment
	f.Add(gzipBytes(f, readCapture(f, "chapcrack__pptp.cap")))
	merged, err := os.ReadFile("testdata/mergecap-ether-ppp.pcapng")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(merged)
	w := &ngBuilder{order: binary.BigEndian}
	w.section()
	w.block(4, w.u16(0), w.u16(0))
	w.iface(layers.LinkTypePPP, 8, w.option(9, []byte{0x8a}), w.option(14, w.order.AppendUint64(nil, 100)))
	w.block(3, w.u32(20), bytes.Repeat([]byte{1}, 12))
	w.block(2, w.u16(0), w.u16(0), w.u32(0), w.u32(1536), w.u32(3), w.u32(5), []byte{7, 8, 9, 0}, w.option(1, []byte("old")), w.option(0, nil))
	w.epb(0, 1, []byte{1, 2, 3}, w.option(1, []byte("c")), w.option(0, nil))
	f.Add(w.buf.Bytes())

	f.Fuzz(func(t *testing.T, data []byte) {
		got := fuzzRead(t, bytes.NewReader(data))
		if slow := fuzzRead(t, iotest.OneByteReader(bytes.NewReader(data))); slow != got {
			t.Fatalf("one byte at a time:\n%s\nall at once:\n%s", slow, got)
		}
	})
}

// fuzzRead reads r to its end, checks the invariants and returns a
// description of the packets and the final error.
func fuzzRead(t *testing.T, r io.Reader) string {
	src, err := capture.OpenReader(r, "fuzz")
	if err != nil {
		if !errors.Is(err, capture.ErrEmpty) && !errors.Is(err, capture.ErrNotCapture) &&
			!errors.Is(err, capture.ErrTruncated) && !errors.Is(err, capture.ErrCorrupt) {
			t.Fatalf("Open: %v wraps no sentinel", err)
		}
		return "open: " + err.Error()
	}
	defer src.Close()
	var out bytes.Buffer
	for frames := 0; ; {
		p, err := src.Next()
		if err == io.EOF {
			return out.String() + "EOF"
		}
		if err != nil {
			var e *capture.Error
			if !errors.As(err, &e) || (!errors.Is(err, capture.ErrTruncated) && !errors.Is(err, capture.ErrCorrupt)) {
				t.Fatalf("Next: %v is not a truncated or corrupt *Error", err)
			}
			if e.Frame != frames {
				t.Fatalf("error after frame %d, %d delivered", e.Frame, frames)
			}
			if _, again := src.Next(); again != err {
				t.Fatalf("error not sticky: %v then %v", err, again)
			}
			return out.String() + err.Error()
		}
		frames++
		if p.Frame != frames || len(p.Data) != p.CI.CaptureLength || len(p.Data) > 1<<20 || cap(p.Data) != len(p.Data) {
			t.Fatalf("frame %d: Frame %d, %d bytes, CaptureLength %d, cap %d", frames, p.Frame, len(p.Data), p.CI.CaptureLength, cap(p.Data))
		}
		fmt.Fprintf(&out, "%d %v %d %d %v %q %x\n", p.Frame, p.CI.Timestamp, p.CI.Length, p.CI.InterfaceIndex, p.LinkType, p.Comment, p.Data)
	}
}

// BenchmarkRead reads pptpcrack__test.pcap (1.1 MB, 4587 packets) from
// memory.
func BenchmarkRead(b *testing.B) {
	benchmarkRead(b, readCapture(b, "pptpcrack__test.pcap"))
}

func BenchmarkReadPcapng(b *testing.B) {
	benchmarkRead(b, readCapture(b, "PPTP_VPN_Sniffer__connect.pcapng"))
}

func BenchmarkReadGzip(b *testing.B) {
	benchmarkRead(b, gzipBytes(b, readCapture(b, "pptpcrack__test.pcap")))
}

func benchmarkRead(b *testing.B, data []byte) {
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		src, err := capture.OpenReader(bytes.NewReader(data), "bench")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := src.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n == 0 {
			b.Fatal("no packets")
		}
	}
}
