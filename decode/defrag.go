package decode

import (
	"errors"
	"fmt"
	"time"

	"github.com/gopacket/gopacket/ip4defrag"
	"github.com/gopacket/gopacket/layers"
)

// defragmenter reassembles IPv4 datagrams exactly as gopacket's ip4defrag
// does — the same checks, in the same order, the same errors, the same
// datagrams — but keeps the fragments' bytes in buffers it reuses, so a
// fragment costs no allocation (ip4defrag copies each fragment's layer,
// addresses and payload, and allocates its lists and each datagram).
// TestDefragEqualsIP4Defrag and FuzzDefrag compare the two. The Decoder
// uses ip4defrag itself with NoFastPath.
type defragmenter struct {
	flows map[fragKey]*fragList
	free  []*fragList
	out   []byte // the last datagram built, valid until the next one
}

// fragKey identifies a datagram as ip4defrag does: addresses, ID, protocol.
type fragKey struct {
	src, dst [4]byte
	id       uint16
	proto    layers.IPProtocol
}

// fragList is the fragments of one datagram, as ip4defrag's fragmentList.
type fragList struct {
	frags            []fragPiece // ordered by start, not overlapping
	buf              []byte      // the fragments' bytes
	highest, current int
	final            bool
	lastSeen         time.Time
}

// fragPiece is one fragment: its bytes are buf[off:off+end-start].
type fragPiece struct{ start, end, off int }

// Bounds of what a defragmenter keeps for reuse.
const (
	defragFreeLists = 64
	defragKeepBuf   = 16 << 10
)

func newDefragmenter() *defragmenter {
	return &defragmenter{flows: make(map[fragKey]*fragList)}
}

// add adds the fragment ip (a fragment: MF set or an offset; an IPv4 layer
// decoded from 4-octet addresses) received at t. It returns the payload of
// the datagram it completes (valid until the next datagram is completed),
// or nil; err is ip4defrag's for the same fragment.
func (d *defragmenter) add(ip *layers.IPv4, t time.Time) (payload []byte, err error) {
	var k fragKey
	copy(k.src[:], ip.SrcIP)
	copy(k.dst[:], ip.DstIP)
	k.id, k.proto = ip.Id, ip.Protocol
	if err := securityChecks(ip); err != nil {
		d.flush(k)
		return nil, err
	}
	fl := d.flows[k]
	if fl == nil {
		if n := len(d.free); n > 0 {
			fl = d.free[n-1]
			d.free = d.free[:n-1]
		} else {
			fl = &fragList{}
		}
		d.flows[k] = fl
	}
	done, err := fl.insert(ip, t)
	if err != nil {
		d.flush(k)
		return nil, err
	}
	if !done && len(fl.frags)+1 > ip4defrag.IPv4MaximumFragmentListLen {
		d.flush(k)
		return nil, fmt.Errorf("defrag: Fragment List hits its maximum"+
			"size(%d), without success. Flushing the list",
			ip4defrag.IPv4MaximumFragmentListLen)
	}
	if done {
		payload, err = fl.build(d.out[:0])
		if payload != nil {
			d.out = payload
		}
		d.flush(k)
		return payload, err
	}
	return nil, nil
}

// securityChecks are ip4defrag's checks of a fragment before it is added.
func securityChecks(ip *layers.IPv4) error {
	fragSize := ip.Length - uint16(ip.IHL)*4
	if ip.Flags&layers.IPv4MoreFragments != 0 && fragSize < ip4defrag.IPv4MinimumFragmentSize {
		return fmt.Errorf("defrag: fragment too small "+
			"(handcrafted? %d < %d)", fragSize, ip4defrag.IPv4MinimumFragmentSize)
	}
	if len(ip.Payload) < int(fragSize) {
		return fmt.Errorf("defrag: fragment truncated "+
			"(%d < %d)", len(ip.Payload), fragSize)
	}
	if ip.FragOffset > ip4defrag.IPv4MaximumFragmentOffset {
		return fmt.Errorf("defrag: fragment offset too big "+
			"(handcrafted? %d > %d)", ip.FragOffset, ip4defrag.IPv4MaximumFragmentOffset)
	}
	if fragEnd := int(ip.FragOffset)*8 + int(ip.Length); fragEnd > ip4defrag.IPv4MaximumSize {
		return fmt.Errorf("defrag: fragment will overrun "+
			"(handcrafted? %d > %d)", fragEnd, ip4defrag.IPv4MaximumSize)
	}
	return nil
}

// flush forgets the datagram k, keeping its list for reuse.
func (d *defragmenter) flush(k fragKey) {
	fl := d.flows[k]
	if fl == nil {
		return
	}
	delete(d.flows, k)
	d.recycle(fl)
}

func (d *defragmenter) recycle(fl *fragList) {
	if len(d.free) >= defragFreeLists || cap(fl.buf) > defragKeepBuf || cap(fl.frags) > 64 {
		return
	}
	*fl = fragList{frags: fl.frags[:0], buf: fl.buf[:0]}
	d.free = append(d.free, fl)
}

// discardOlderThan forgets the datagrams whose last fragment was added
// before t, as ip4defrag's DiscardOlderThan.
func (d *defragmenter) discardOlderThan(t time.Time) {
	for k, fl := range d.flows {
		if fl.lastSeen.Before(t) {
			delete(d.flows, k)
			d.recycle(fl)
		}
	}
}

// insert is ip4defrag's fragmentList.insert; done says the datagram is
// complete.
func (f *fragList) insert(in *layers.IPv4, t time.Time) (done bool, err error) {
	start := int(in.FragOffset) * 8
	length := int(in.Length) - int(in.IHL)*4
	more := in.Flags&layers.IPv4MoreFragments != 0
	if more {
		length &^= 8 - 1
	}
	end := start + length
	if length <= 0 {
		return false, errors.New("defrag: empty fragment")
	}
	// The first fragment ending after start (the list is short: a linear
	// search from the end, where fragments in order go).
	i := len(f.frags)
	for i > 0 && f.frags[i-1].end > start {
		i--
	}
	j := i
	for j < len(f.frags) && f.frags[j].start < end {
		j++
	}
	if i < j {
		if f.covered(i, j, start, end) {
			return false, nil
		}
		return false, errors.New("defrag: fragment overlaps another one")
	}
	switch {
	case !more:
		if end < f.highest || (f.final && end != f.highest) {
			return false, errors.New("defrag: final fragment does not end the datagram")
		}
		f.final = true
		f.highest = end
	case end > f.highest:
		if f.final {
			return false, errors.New("defrag: fragment beyond the final fragment")
		}
		f.highest = end
	}
	off := len(f.buf)
	f.buf = append(f.buf, in.Payload[:min(length, len(in.Payload))]...)
	f.frags = append(f.frags, fragPiece{})
	copy(f.frags[i+1:], f.frags[i:])
	f.frags[i] = fragPiece{start: start, end: end, off: off}
	f.lastSeen = t
	f.current += length
	return f.final && f.highest == f.current, nil
}

func (f *fragList) covered(i, j, start, end int) bool {
	if f.frags[i].start > start || f.frags[j-1].end < end {
		return false
	}
	for k := i; k < j-1; k++ {
		if f.frags[k].end != f.frags[k+1].start {
			return false
		}
	}
	return true
}

// build appends the datagram's payload to out, as ip4defrag's build.
func (f *fragList) build(out []byte) ([]byte, error) {
	cur := 0
	for _, p := range f.frags {
		if p.start != cur {
			return nil, errors.New("defrag: building - hole found")
		}
		out = append(out, f.buf[p.off:p.off+p.end-p.start]...)
		cur = p.end
	}
	return out, nil
}
