package capture_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"reflect"
	"testing"

	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/pptpscope/pptpscope/capture"
)

// TestPcapRecordsAsPcapgo: the pcap records File reads in its buffer (a
// whole record in reach) give the packets pcapgo gives for the same bytes:
// data, timestamps (also a fraction out of range, which pcapgo scales in
// 32 bits), lengths and link type, records longer than the buffer (read
// by pcapgo) between them, and an error at the same record where pcapgo
// refuses one (longer than the packet's original length).
func TestPcapRecordsAsPcapgo(t *testing.T) {
	type rec struct {
		sec, frac, caplen, origlen uint32
	}
	recs := []rec{
		{1338928984, 387487, 74, 74},
		{1338928984, 999999, 60, 1514},   // cut to the snap length
		{1338928985, 5000000, 100, 100},  // fraction beyond a second
		{1338928986, 4294967295, 42, 42}, // scaled, it wraps in 32 bits
		{1338928987, 1, 100000, 100000},  // longer than File's buffer
		{1338928988, 2, 0, 0},            // empty
		{1338928989, 3, 65535, 65535},    // the snap length
		{1338928990, 4, 1514, 1514},
	}
	bad := rec{1338928991, 5, 80, 79} // caplen > origlen: pcapgo refuses it
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		for _, nanos := range []bool{false, true} {
			for _, withBad := range []bool{false, true} {
				rs := append([]rec(nil), recs...)
				if withBad {
					rs = append(rs, bad, recs[0])
				}
				var buf bytes.Buffer
				h := make([]byte, 24)
				magic := uint32(0xa1b2c3d4)
				if nanos {
					magic = 0xa1b23c4d
				}
				order.PutUint32(h[0:], magic)
				order.PutUint16(h[4:], 2)
				order.PutUint16(h[6:], 4)
				order.PutUint32(h[16:], 262144)
				order.PutUint32(h[20:], uint32(layers.LinkTypeEthernet))
				buf.Write(h)
				for i, r := range rs {
					b := make([]byte, 16+r.caplen)
					order.PutUint32(b[0:], r.sec)
					order.PutUint32(b[4:], r.frac)
					order.PutUint32(b[8:], r.caplen)
					order.PutUint32(b[12:], r.origlen)
					for j := range b[16:] {
						b[16+j] = byte(i + j)
					}
					buf.Write(b)
				}
				file := buf.Bytes()

				var want []pkt
				pr, err := pcapgo.NewReader(bytes.NewReader(file))
				if err != nil {
					t.Fatal(err)
				}
				var wantErr error
				for {
					data, ci, err := pr.ReadPacketData()
					if err != nil {
						if !errors.Is(err, io.EOF) {
							wantErr = err
						}
						break
					}
					want = append(want, pkt{string(data), ci.Timestamp, ci.CaptureLength, ci.Length, 0,
						pr.LinkType(), len(want) + 1, ""})
				}
				if withBad != (wantErr != nil) {
					t.Fatalf("pcapgo: error %v", wantErr)
				}
				src, err := capture.OpenReader(bytes.NewReader(file), "t")
				if err != nil {
					t.Fatal(err)
				}
				got, err := readAll(src)
				if (err != nil) != withBad {
					t.Errorf("order %v nanos %v: error %v, pcapgo's %v", order, nanos, err, wantErr)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("order %v nanos %v: packets differ from pcapgo's", order, nanos)
					for i := range min(len(got), len(want)) {
						if !reflect.DeepEqual(got[i], want[i]) {
							t.Errorf("packet %d: %v %d/%d, pcapgo %v %d/%d", i+1, got[i].Time, got[i].CapLen, got[i].Len,
								want[i].Time, want[i].CapLen, want[i].Len)
						}
					}
					if len(got) != len(want) {
						t.Errorf("%d packets, pcapgo %d", len(got), len(want))
					}
				}
			}
		}
	}
}
