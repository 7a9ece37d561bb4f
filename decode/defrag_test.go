package decode

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gopacket/gopacket/ip4defrag"
	"github.com/gopacket/gopacket/layers"
)

// fragSpec is one fragment fed to both defragmenters.
type fragSpec struct {
	flow   int // 0-3: which addresses, ID and protocol
	off    uint16
	more   bool
	n      int // payload octets
	length int // the header's total length minus 20, usually n
	fill   byte
	dt     time.Duration // after the previous fragment
}

func (s fragSpec) layer() *layers.IPv4 {
	ip := &layers.IPv4{Version: 4, IHL: 5, Length: uint16(20 + s.length), Id: uint16(100 + s.flow&1), TTL: 64,
		Protocol: layers.IPProtocolGRE, SrcIP: []byte{10, 0, 0, byte(1 + s.flow>>1&1)}, DstIP: []byte{10, 0, 0, 9},
		FragOffset: s.off}
	if s.flow&4 != 0 {
		ip.Protocol = layers.IPProtocolTCP
	}
	if s.more {
		ip.Flags = layers.IPv4MoreFragments
	}
	// As gopacket's IPv4 layer: the payload is cut at the total length,
	// shorter when the frame was.
	ip.Payload = bytes.Repeat([]byte{s.fill}, max(min(s.n, s.length), 0))
	return ip
}

// defragDiff feeds specs to ip4defrag and to the decoder's defragmenter,
// with a discard of old fragments every few, and describes the first
// difference in their results ("" when none); it counts the datagrams
// built and the errors in defragCounts.
func defragDiff(specs []fragSpec) string {
	want, got := ip4defrag.NewIPv4Defragmenter(), newDefragmenter()
	t := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, s := range specs {
		if s.off == 0 && !s.more {
			continue // not a fragment: decodeNet defragments none
		}
		t = t.Add(s.dt)
		out, werr := want.DefragIPv4WithTimestamp(s.layer(), t)
		in := s.layer()
		payload, gerr := got.add(in, t)
		for j := range in.Payload {
			in.Payload[j] = ^in.Payload[j] // the defragmenter keeps no reference to the fragment
		}
		if out != nil {
			defragCounts.datagrams++
		}
		if werr != nil {
			defragCounts.errs++
		}
		if fmt.Sprint(werr) != fmt.Sprint(gerr) {
			return fmt.Sprintf("fragment %d %+v: error %v, want %v", i, s, gerr, werr)
		}
		var wp []byte
		if out != nil {
			wp = out.Payload
		}
		if (out == nil) != (payload == nil) || !bytes.Equal(wp, payload) {
			return fmt.Sprintf("fragment %d %+v: datagram of %d octets (nil %v), want %d (nil %v)", i, s, len(payload), payload == nil, len(wp), out == nil)
		}
		if i%7 == 6 {
			cut := t.Add(-3 * time.Second)
			want.DiscardOlderThan(cut)
			got.discardOlderThan(cut)
		}
	}
	return ""
}

var defragCounts struct{ datagrams, errs int }

// TestDefragEqualsIP4Defrag: the decoder's defragmenter gives ip4defrag's
// datagrams and errors over random fragment sequences: datagrams cut in
// order, out of order, with duplicates, overlaps, holes, short or lying
// lengths, interleaved flows and old fragments discarded.
func TestDefragEqualsIP4Defrag(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	defragCounts.datagrams, defragCounts.errs = 0, 0
	for round := range 3000 {
		var specs []fragSpec
		for range 1 + rng.IntN(4) {
			flow := rng.IntN(8)
			size := 8 + rng.IntN(3000)
			var pieces []fragSpec
			for off := 0; off < size; {
				n := min(8*(1+rng.IntN(200)), size-off)
				pieces = append(pieces, fragSpec{flow: flow, off: uint16(off / 8), more: off+n < size, n: n, length: n,
					fill: byte(rng.IntN(256)), dt: time.Duration(rng.IntN(1500)) * time.Millisecond})
				off += n
			}
			switch rng.IntN(6) {
			case 0:
				rng.Shuffle(len(pieces), func(i, j int) { pieces[i], pieces[j] = pieces[j], pieces[i] })
			case 1:
				pieces = append(pieces, pieces[rng.IntN(len(pieces))])
			case 2:
				p := &pieces[rng.IntN(len(pieces))]
				p.off += uint16(rng.IntN(3)) - 1
				p.more = rng.IntN(2) == 0
			case 3:
				p := &pieces[rng.IntN(len(pieces))]
				p.length = p.n + rng.IntN(20) - 10
				p.n = max(p.n-rng.IntN(3), 1)
			case 4:
				pieces = append(pieces[:0:0], pieces[rng.IntN(len(pieces)):]...)
			}
			specs = append(specs, pieces...)
		}
		rng.Shuffle(len(specs), func(i, j int) {
			if rng.IntN(4) == 0 {
				specs[i], specs[j] = specs[j], specs[i]
			}
		})
		if msg := defragDiff(specs); msg != "" {
			t.Fatalf("round %d: %s", round, msg)
		}
	}
	// Both the common case and the refusals were compared.
	if c := defragCounts; c.datagrams < 2000 || c.errs < 500 {
		t.Fatalf("%d datagrams and %d errors compared", c.datagrams, c.errs)
	}
	t.Logf("%d datagrams and %d errors compared", defragCounts.datagrams, defragCounts.errs)
}

// FuzzDefrag: any sequence of fragments (5 octets each: flow, offset,
// flags and length, payload length) gives ip4defrag's results.
func FuzzDefrag(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0x81, 100, 0, 0, 16, 0, 50})
	f.Add([]byte{1, 0, 5, 0x80, 40, 1, 0, 0, 0x81, 40, 1, 0, 5, 0x80, 40})
	f.Fuzz(func(t *testing.T, data []byte) {
		var specs []fragSpec
		for i := 0; i+5 <= len(data) && len(specs) < 200; i += 5 {
			b := data[i : i+5]
			n := int(b[4])<<(b[3]&3) + 1
			length := n
			if b[3]&0x40 != 0 {
				length = n + int(int8(b[0]))
			}
			specs = append(specs, fragSpec{flow: int(b[0] & 7), off: uint16(b[1])<<8 | uint16(b[2]), more: b[3]&0x80 != 0,
				n: n, length: max(length, 0), fill: b[4], dt: time.Duration(b[3]>>2&0xf) * time.Second})
		}
		if msg := defragDiff(specs); msg != "" {
			t.Fatal(msg)
		}
	})
}

// BenchmarkDefrag: a datagram in two fragments, reassembled (allocs/op
// must be 0).
func BenchmarkDefrag(b *testing.B) {
	d := newDefragmenter()
	a := fragSpec{more: true, n: 1480, length: 1480}.layer()
	c := fragSpec{off: 185, n: 60, length: 60}.layer()
	t := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if p, err := d.add(a, t); p != nil || err != nil {
			b.Fatal(p, err)
		}
		if p, err := d.add(c, t); len(p) != 1540 || err != nil {
			b.Fatal(len(p), err)
		}
	}
}
