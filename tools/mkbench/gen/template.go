package gen

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/capture"
)

// pptpPort is the PPTP control connection's TCP port.
const pptpPort = 1723

// pptpMagic is the PPTP magic cookie.
const pptpMagic = 0x1a2b3c4d

// patch kinds: what a patch rewrites in a copy of a frame.
const (
	patchAddr   = iota // 4 bytes: an IPv4 address; idx indexes template.addrs
	patchPort          // 2 bytes: a client TCP port; idx indexes template.ports
	patchCallID        // 2 bytes: a PPTP call ID (control message or GRE key); idx indexes template.callIDs
	patchSeq           // 4 bytes: GRE sequence number sent by address idx
	patchAck           // 4 bytes: GRE acknowledgment sent by address idx (acknowledges the peer's numbers)
	patchCC            // 12 bits: MPPE coherency count sent by address idx
)

type patch struct {
	off  int32
	kind uint8
	idx  uint8
	peer uint8 // patchAck: index of the address whose sequence numbers are acknowledged
}

// frame is one frame of a template with the places a copy rewrites.
type frame struct {
	t       time.Duration // from the template's first frame
	data    []byte
	origLen int
	patches []patch
	ipOff   int // offset of the IPv4 header
	tcpOff  int // offset of the TCP header, 0 when the frame is not TCP
	gre     bool
	data2   bool // carries PPP data (MPPE or IP): part of the data phase
	// repeatable: PPP data, a GRE ack-only packet or a later fragment of
	// a PPP data datagram; Repeat repeats these in the data phase.
	repeatable bool
}

// template is the PPTP traffic of one real capture: the frames on TCP port
// 1723 and of IP protocol 47, with the addresses, client ports and call IDs
// a copy renames.
type template struct {
	name     string
	frames   []frame
	addrs    [][4]byte
	server   []bool // addrs[i] is on the TCP port 1723 side
	ports    []uint16
	callIDs  []uint16
	duration time.Duration
	// The data phase [blockA, blockB): from the first to the last frame
	// carrying PPP data; Repeat repeats its GRE frames.
	blockA, blockB int
	seqs           []seqBlock // per address: its GRE sequence numbers in the block
	ccSpan         []uint16   // per address: MPPE coherency counts used in the block
	period         time.Duration
}

// sched is one entry of a template's schedule: frame idx in repetition rep.
type sched struct {
	idx, rep int32
}

func (tp *template) addrIndex(a []byte) uint8 {
	var k [4]byte
	copy(k[:], a)
	for i, x := range tp.addrs {
		if x == k {
			return uint8(i)
		}
	}
	tp.addrs = append(tp.addrs, k)
	tp.server = append(tp.server, false)
	return uint8(len(tp.addrs) - 1)
}

func (tp *template) portIndex(p uint16) uint8 {
	for i, x := range tp.ports {
		if x == p {
			return uint8(i)
		}
	}
	tp.ports = append(tp.ports, p)
	return uint8(len(tp.ports) - 1)
}

func (tp *template) callIDIndex(id uint16) uint8 {
	for i, x := range tp.callIDs {
		if x == id {
			return uint8(i)
		}
	}
	tp.callIDs = append(tp.callIDs, id)
	return uint8(len(tp.callIDs) - 1)
}

// lanFrame is one frame of unrelated traffic.
type lanFrame struct {
	data    []byte
	origLen int
	words   []int // offsets of the last 16 bits of its IP addresses
	csum    []int // offsets of the checksums that cover them
}

// readCapture returns every packet of an Ethernet capture file.
func readCapture(path string) (pkts []lanFrame, times []time.Time, err error) {
	src, err := capture.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer src.Close()
	for {
		p, err := src.Next()
		if errors.Is(err, io.EOF) {
			return pkts, times, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		if p.LinkType != layers.LinkTypeEthernet {
			return nil, nil, fmt.Errorf("%s: frame %d: link type %v, only Ethernet captures can be templates", path, p.Frame, p.LinkType)
		}
		pkts = append(pkts, lanFrame{data: append([]byte(nil), p.Data...), origLen: p.CI.Length})
		times = append(times, p.CI.Timestamp)
	}
}

// ipv4 returns the offset of the IPv4 header of an Ethernet frame (after
// any VLAN tags), or -1.
func ipv4(d []byte) int {
	off := 12
	for {
		if len(d) < off+2 {
			return -1
		}
		switch binary.BigEndian.Uint16(d[off:]) {
		case 0x8100, 0x88a8:
			off += 4
			continue
		case 0x0800:
			off += 2
			if len(d) < off+20 || d[off]>>4 != 4 || int(d[off]&0x0f)*4 < 20 || len(d) < off+int(d[off]&0x0f)*4 {
				return -1
			}
			return off
		}
		return -1
	}
}

// isPPTP tells whether a frame is PPTP traffic: IPv4 TCP to or from port
// 1723, or IPv4 protocol 47 (GRE, fragments included).
func isPPTP(d []byte) bool {
	ip := ipv4(d)
	if ip < 0 {
		return false
	}
	switch d[ip+9] {
	case 47:
		return true
	case 6:
		if binary.BigEndian.Uint16(d[ip+6:])&0x1fff != 0 {
			return false
		}
		tcp := ip + int(d[ip]&0x0f)*4
		if len(d) < tcp+20 {
			return false
		}
		sp, dp := binary.BigEndian.Uint16(d[tcp:]), binary.BigEndian.Uint16(d[tcp+2:])
		return sp == pptpPort || dp == pptpPort
	}
	return false
}

// loadTemplate makes a template of the PPTP frames of the capture at path.
func loadTemplate(path string) (*template, error) {
	pkts, times, err := readCapture(path)
	if err != nil {
		return nil, err
	}
	tp := &template{name: filepath.Base(path)}
	var t0 time.Time
	// IPv4 datagrams (source, ID) whose first fragment carries PPP data.
	dataFrags := map[[6]byte]bool{}
	for i, p := range pkts {
		if !isPPTP(p.data) {
			continue
		}
		if len(tp.frames) == 0 {
			t0 = times[i]
		}
		f := frame{t: times[i].Sub(t0), data: p.data, origLen: p.origLen}
		tp.parse(&f)
		var dg [6]byte
		copy(dg[:], f.data[f.ipOff+12:f.ipOff+16])
		copy(dg[4:], f.data[f.ipOff+4:f.ipOff+6])
		if f.gre {
			fragOff := binary.BigEndian.Uint16(f.data[f.ipOff+6:]) & 0x1fff
			switch {
			case fragOff == 0 && f.data2:
				f.repeatable = true
				dataFrags[dg] = true
			case fragOff != 0:
				f.repeatable = dataFrags[dg]
			}
		}
		tp.frames = append(tp.frames, f)
	}
	if len(tp.frames) == 0 {
		return nil, fmt.Errorf("%s: no PPTP frames", path)
	}
	if len(tp.addrs) > 250 || len(tp.ports) > 250 || len(tp.callIDs) > 250 {
		return nil, fmt.Errorf("%s: too many addresses, ports or call IDs for a template", path)
	}
	tp.duration = tp.frames[len(tp.frames)-1].t
	tp.findBlock()
	return tp, nil
}

// parse finds what a copy must rewrite in f.
func (tp *template) parse(f *frame) {
	d := f.data
	ip := ipv4(d)
	ihl := int(d[ip]&0x0f) * 4
	f.ipOff = ip
	src, dst := tp.addrIndex(d[ip+12:ip+16]), tp.addrIndex(d[ip+16:ip+20])
	f.patches = append(f.patches, patch{off: int32(ip + 12), kind: patchAddr, idx: src}, patch{off: int32(ip + 16), kind: patchAddr, idx: dst})
	end := len(d)
	if tl := ip + int(binary.BigEndian.Uint16(d[ip+2:])); tl < end && tl >= ip+ihl {
		end = tl // Ethernet padding after the IP datagram
	}
	l4 := ip + ihl
	fragOff := binary.BigEndian.Uint16(d[ip+6:]) & 0x1fff
	switch d[ip+9] {
	case 6:
		f.tcpOff = l4
		sp, dp := binary.BigEndian.Uint16(d[l4:]), binary.BigEndian.Uint16(d[l4+2:])
		if sp == pptpPort {
			tp.server[src] = true
		}
		if dp == pptpPort {
			tp.server[dst] = true
		}
		if sp != pptpPort {
			f.patches = append(f.patches, patch{off: int32(l4), kind: patchPort, idx: tp.portIndex(sp)})
		}
		if dp != pptpPort {
			f.patches = append(f.patches, patch{off: int32(l4 + 2), kind: patchPort, idx: tp.portIndex(dp)})
		}
		doff := int(d[l4+12]>>4) * 4
		if l4+doff < end {
			tp.parseControl(f, l4+doff, end)
		}
	case 47:
		f.gre = true
		if fragOff != 0 {
			return // a later fragment: no GRE header
		}
		tp.parseGRE(f, l4, end, src, dst)
	}
}

// parseControl finds the call IDs of the PPTP control messages in the TCP
// payload d[start:end]. Messages are found by their magic cookie; a call ID
// field that is not in this segment is not rewritten (none of the real
// captures splits a message's first 16 bytes).
func (tp *template) parseControl(f *frame, start, end int) {
	d := f.data
	for i := start; i+12 <= end; {
		if binary.BigEndian.Uint32(d[i+4:]) != pptpMagic || binary.BigEndian.Uint16(d[i+2:]) != 1 {
			i++
			continue
		}
		length := int(binary.BigEndian.Uint16(d[i:]))
		typ := binary.BigEndian.Uint16(d[i+8:])
		var offs []int
		switch typ {
		case 7, 9, 11, 12, 13, 14, 15:
			// OCRQ, ICRQ: call ID; ICCN, WEN, SLI: peer call ID; CCRQ,
			// CDN: call ID. All at offset 12.
			offs = []int{12}
		case 8, 10: // OCRP, ICRP: call ID, peer call ID
			offs = []int{12, 14}
		}
		for _, o := range offs {
			if i+o+2 <= end {
				id := binary.BigEndian.Uint16(d[i+o:])
				f.patches = append(f.patches, patch{off: int32(i + o), kind: patchCallID, idx: tp.callIDIndex(id)})
			}
		}
		if length < 12 {
			length = 12
		}
		i += length
	}
}

// parseGRE finds the call ID, sequence and acknowledgment numbers of an
// enhanced GRE header at d[g:end] and the MPPE coherency count after it.
func (tp *template) parseGRE(f *frame, g, end int, src, dst uint8) {
	d := f.data
	if end < g+8 || d[g+1]&0x07 != 1 || binary.BigEndian.Uint16(d[g+2:]) != 0x880b || d[g]&0x20 == 0 {
		return
	}
	f.patches = append(f.patches, patch{off: int32(g + 6), kind: patchCallID, idx: tp.callIDIndex(binary.BigEndian.Uint16(d[g+6:]))})
	off := g + 8
	if d[g]&0x10 != 0 {
		if end < off+4 {
			return
		}
		f.patches = append(f.patches, patch{off: int32(off), kind: patchSeq, idx: src})
		off += 4
	}
	if d[g+1]&0x80 != 0 {
		if end < off+4 {
			return
		}
		f.patches = append(f.patches, patch{off: int32(off), kind: patchAck, idx: src, peer: dst})
		off += 4
	}
	if binary.BigEndian.Uint16(d[g+4:]) == 0 {
		f.repeatable = true // ack-only
		return
	}
	if end < off+2 {
		return
	}
	if d[off] == 0xff && d[off+1] == 0x03 {
		off += 2
	}
	var proto uint16
	switch {
	case end < off+1:
		return
	case d[off]&1 == 1: // protocol field compressed to one byte
		proto = uint16(d[off])
		off++
	case end < off+2:
		return
	default:
		proto = binary.BigEndian.Uint16(d[off:])
		off += 2
	}
	switch proto {
	case 0x00fd: // MPPE
		f.data2 = true
		if end >= off+2 {
			f.patches = append(f.patches, patch{off: int32(off), kind: patchCC, idx: src})
		}
	case 0x0021, 0x0057, 0x002d, 0x002f: // IPv4, IPv6, Van Jacobson
		f.data2 = true
	}
}

// findBlock finds the data phase and how far one repetition of it moves
// sequence numbers, coherency counts and time.
func (tp *template) findBlock() {
	tp.blockA, tp.blockB = -1, -1
	for i, f := range tp.frames {
		if f.data2 {
			if tp.blockA < 0 {
				tp.blockA = i
			}
			tp.blockB = i + 1
		}
	}
	n := len(tp.addrs)
	tp.seqs, tp.ccSpan = make([]seqBlock, n), make([]uint16, n)
	if tp.blockA < 0 {
		return
	}
	type rng struct {
		set      bool
		first    uint32
		min, max int64
	}
	seq, cc := make([]rng, n), make([]rng, n)
	for _, f := range tp.frames[tp.blockA:tp.blockB] {
		for _, p := range f.patches {
			var r *rng
			var v uint32
			var dist func(a, b uint32) int64
			switch p.kind {
			case patchSeq:
				r, v = &seq[p.idx], binary.BigEndian.Uint32(f.data[p.off:])
				dist = func(a, b uint32) int64 { return int64(int32(a - b)) }
			case patchCC:
				r, v = &cc[p.idx], uint32(binary.BigEndian.Uint16(f.data[p.off:])&0x0fff)
				dist = func(a, b uint32) int64 {
					x := int64((a - b) & 0x0fff)
					if x >= 0x800 {
						x -= 0x1000
					}
					return x
				}
			default:
				continue
			}
			if !r.set {
				r.set, r.first = true, v
			}
			x := dist(v, r.first)
			r.min, r.max = min(r.min, x), max(r.max, x)
		}
	}
	for i := range n {
		if seq[i].set {
			b := &tp.seqs[i]
			b.min = seq[i].first + uint32(seq[i].min)
			b.max = seq[i].first + uint32(seq[i].max)
			for _, f := range tp.frames[tp.blockA:tp.blockB] {
				for _, p := range f.patches {
					if p.kind == patchSeq && int(p.idx) == i && !f.repeatable {
						b.ctrl = append(b.ctrl, binary.BigEndian.Uint32(f.data[p.off:])-b.min)
					}
				}
			}
			slices.Sort(b.ctrl)
			b.ctrl = slices.Compact(b.ctrl)
			b.per = b.max - b.min + 1 - uint32(len(b.ctrl))
		}
		if cc[i].set {
			tp.ccSpan[i] = uint16((cc[i].max - cc[i].min + 1) & 0x0fff)
		}
	}
	span := tp.frames[tp.blockB-1].t - tp.frames[tp.blockA].t
	gap := 10 * time.Millisecond
	if k := tp.blockB - tp.blockA - 1; k > 0 {
		gap = span / time.Duration(k)
	}
	tp.period = span + gap
}

// schedule lists the frames of one copy in time order, the data phase's
// repeatable frames (PPP data, GRE acks) repeated rep times; control
// packets inside it (LCP echoes, late NCP packets, PPTP messages) are sent
// once.
func (tp *template) schedule(rep int) []sched {
	if rep <= 1 || tp.blockA < 0 {
		out := make([]sched, len(tp.frames))
		for i := range out {
			out[i] = sched{idx: int32(i)}
		}
		return out
	}
	var out []sched
	for i, f := range tp.frames {
		switch {
		case i < tp.blockA:
			out = append(out, sched{idx: int32(i)})
		case i < tp.blockB && f.repeatable:
			for k := range rep {
				out = append(out, sched{idx: int32(i), rep: int32(k)})
			}
		case i < tp.blockB:
			out = append(out, sched{idx: int32(i)})
		default:
			out = append(out, sched{idx: int32(i), rep: int32(rep - 1)})
		}
	}
	// Stable: frames with the same time keep their capture order.
	slices.SortStableFunc(out, func(a, b sched) int { return cmp.Compare(tp.at(a), tp.at(b)) })
	return out
}

// at is the time of a schedule entry from the template's start.
func (tp *template) at(s sched) time.Duration {
	return tp.frames[s.idx].t + time.Duration(s.rep)*tp.period
}

// seqBlock describes one direction's GRE sequence numbers in the data
// phase, to number the repetitions: repetition k >= 1 carries only the
// repeatable frames, numbered on from where repetition k-1 ended (the
// numbers the control packets took in the original are not skipped again;
// the original's gaps are, so its losses repeat too).
type seqBlock struct {
	min, max uint32   // lowest and highest number in the block
	ctrl     []uint32 // numbers (from min) of the block's frames sent once
	per      uint32   // numbers one repetition uses
}

// at maps sequence number v, as captured, to its number in repetition k;
// numbers after the block move on by k repetitions.
func (b *seqBlock) at(v uint32, k int) uint32 {
	if k == 0 || b.per == 0 {
		return v
	}
	off := int64(int32(v - b.min))
	if off > int64(b.max-b.min) {
		return v + uint32(k)*b.per
	}
	cnt := 0
	if off > 0 {
		cnt, _ = slices.BinarySearch(b.ctrl, uint32(off))
	}
	return b.max + 1 + uint32(k-1)*b.per + uint32(off) - uint32(cnt)
}
