// Package gen builds large PPTP captures for benchmarks from the real
// captures in testdata/pcaps: copies of their PPTP sessions with rewritten
// IPv4 addresses, client TCP ports, PPTP call IDs (in the control messages
// and the GRE keys alike, so a GRE key is still the peer's call ID) and
// shifted times, so they become distinct overlapping sessions, interleaved
// in time order with unrelated LAN traffic (the frames of
// pptpcrack__test.pcap that are neither TCP port 1723 nor GRE).
//
// The capture is written as it is made: memory holds the templates and one
// small cursor per session, whatever the number of packets.
package gen

import (
	"bufio"
	"cmp"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// Version changes whenever the output for the same options changes; cached
// captures are named after it.
const Version = 2

// DefaultTemplates are the real Ethernet captures of testdata/pcaps that
// hold PPTP sessions (complete, failed, or starting mid-session).
var DefaultTemplates = []string{
	"PPTP_VPN_Sniffer__connect.pcapng",
	"chapcrack__pptp.cap",
	"nDPI__pptp.pcap",
	"packetlife__PPTP_negotiation.cap",
	"pptpcrack__test.pcap",
	"pppd__auth-mismatch.pcap",
	"pppd__chap-md5-noenc.pcap",
	"pppd__eap-md5.pcap",
	"pppd__echo-timeout.pcap",
	"pppd__gre-blocked.pcap",
	"pppd__gre-loss.pcap",
	"pppd__mppe-mismatch.pcap",
	"pppd__mschapv1-mppe128.pcap",
	"pppd__mschapv2-mppe128.pcap",
	"pppd__mschapv2-mppe40.pcap",
	"pppd__mschapv2-wrong-password.pcap",
	"pppd__mtu-fragments.pcap",
	"pppd__pap-noenc.pcap",
}

// DefaultLAN is the capture whose non-PPTP frames are the LAN traffic.
const DefaultLAN = "pptpcrack__test.pcap"

// Options says what to generate.
type Options struct {
	// Dir holds the template captures (testdata/pcaps).
	Dir string
	// Templates are file names in Dir; nil means DefaultTemplates.
	Templates []string
	// LAN is the file in Dir whose non-PPTP frames fill the capture;
	// "" means DefaultLAN.
	LAN string
	// Sessions is the number of PPTP sessions (as pptpscope analyze counts
	// them: a template with two control connections makes two).
	Sessions int
	// Packets is the total number of packets wanted; LAN frames make up
	// what the sessions lack. Size, when set, wins: the file's size in bytes.
	Packets int
	Size    int64
	// Seed makes the capture reproducible.
	Seed uint64
	// Spread: sessions start at uniformly random times in [0, Spread].
	Spread time.Duration
	// Repeat repeats the GRE frames of each session's data phase (from its
	// first to its last PPP data frame) this many times, with GRE sequence
	// and acknowledgment numbers and MPPE coherency counts moved on, so a
	// session carries more data; 0 or 1: as captured.
	Repeat int
	// Servers is the number of distinct server addresses (a concentrator
	// has one); clients are all distinct. Default 1.
	Servers int
	// Start is the time of the capture's first frame; zero means
	// 2026-01-01 00:00:00 UTC.
	Start time.Time
}

// Summary describes a generated capture.
type Summary struct {
	Sessions       int // sessions, as Options.Sessions
	Copies         int // template copies (a copy can hold several sessions)
	SessionPackets int
	LANPackets     int
	Bytes          int64 // file size
	Duration       time.Duration
	// MaxConcurrent is the largest number of sessions (template copies)
	// whose first and last frames enclose a same instant.
	MaxConcurrent int
	PerTemplate   map[string]int // copies per template
}

func (s *Summary) String() string {
	return fmt.Sprintf("%d sessions (%d copies, at most %d at once), %d packets (%d PPTP, %d LAN), %d bytes, %.1f s",
		s.Sessions, s.Copies, s.MaxConcurrent, s.SessionPackets+s.LANPackets, s.SessionPackets, s.LANPackets, s.Bytes, s.Duration.Seconds())
}

const (
	pcapHeaderLen = 24
	pcapRecordLen = 16
	snapLen       = 262144
)

// instance is one copy of a template being written.
type instance struct {
	id      int
	tp      *template
	sched   []sched
	start   time.Duration
	pos     int
	next    time.Duration
	addrs   [][4]byte
	ports   []uint16
	callIDs []uint16
}

type instHeap []*instance

func (h instHeap) Len() int { return len(h) }
func (h instHeap) Less(i, j int) bool {
	if h[i].next != h[j].next {
		return h[i].next < h[j].next
	}
	return h[i].id < h[j].id
}
func (h instHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *instHeap) Push(x any)   { *h = append(*h, x.(*instance)) }
func (h *instHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Generate writes a pcap (Ethernet, microsecond timestamps) to w.
func Generate(w io.Writer, o Options) (*Summary, error) {
	if o.Sessions < 1 {
		return nil, errors.New("gen: at least one session")
	}
	if o.Templates == nil {
		o.Templates = DefaultTemplates
	}
	if o.LAN == "" {
		o.LAN = DefaultLAN
	}
	if o.Repeat < 1 {
		o.Repeat = 1
	}
	if o.Servers < 1 {
		o.Servers = 1
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var tps []*template
	var scheds [][]sched
	for _, name := range o.Templates {
		tp, err := loadTemplate(filepath.Join(o.Dir, name))
		if err != nil {
			return nil, err
		}
		tps = append(tps, tp)
		scheds = append(scheds, tp.schedule(o.Repeat))
	}
	lan, err := loadLAN(filepath.Join(o.Dir, o.LAN))
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x6d6b62656e6368))
	sum := &Summary{PerTemplate: map[string]int{}}

	// Choose the copies and their start times.
	var insts []*instance
	var sessBytes int64
	var end time.Duration
	for left := o.Sessions; left > 0; {
		ti := rng.IntN(len(tps))
		for tps[ti].sessions() > left {
			ti = rng.IntN(len(tps))
		}
		tp := tps[ti]
		left -= tp.sessions()
		in := &instance{id: len(insts), tp: tp, sched: scheds[ti]}
		if o.Spread > 0 {
			in.start = time.Duration(rng.Int64N(int64(o.Spread) + 1))
		}
		sum.PerTemplate[tp.name]++
		sum.SessionPackets += len(in.sched)
		for _, s := range in.sched {
			sessBytes += int64(pcapRecordLen + len(tp.frames[s.idx].data))
		}
		end = max(end, in.start+tp.at(in.sched[len(in.sched)-1]))
		insts = append(insts, in)
	}
	sum.Sessions, sum.Copies = o.Sessions, len(insts)
	sum.MaxConcurrent = maxConcurrent(insts)

	// Addresses, ports and call IDs of each copy.
	client := uint32(0)
	for _, in := range insts {
		tp := in.tp
		in.addrs = make([][4]byte, len(tp.addrs))
		srv := rng.IntN(o.Servers)
		for i := range tp.addrs {
			var a uint32
			if tp.server[i] {
				a = 10<<24 | 1<<16 | uint32(1+srv%65000)
				srv++
			} else {
				client++
				a = 10<<24 | (64<<16 + client)
			}
			binary.BigEndian.PutUint32(in.addrs[i][:], a)
		}
		in.ports = distinct(rng, len(tp.ports), 1024)
		in.callIDs = distinct(rng, len(tp.callIDs), 1)
	}

	// LAN frames: as many as the target needs, evenly spread.
	nLAN := 0
	switch {
	case o.Size > 0:
		// As many LAN frames, in the order they are written, as fit.
		left := o.Size - pcapHeaderLen - sessBytes
		for len(lan) > 0 {
			n := int64(pcapRecordLen + len(lan[nLAN%len(lan)].data))
			if n > left {
				break
			}
			left -= n
			nLAN++
		}
	case o.Packets > sum.SessionPackets:
		nLAN = o.Packets - sum.SessionPackets
	}
	if len(lan) == 0 {
		nLAN = 0
	}
	sum.LANPackets = nLAN
	if end <= 0 {
		end = time.Second
	}
	sum.Duration = end

	bw := bufio.NewWriterSize(w, 1<<20)
	pw := pcapgo.NewWriter(bw)
	if err := pw.WriteFileHeader(snapLen, layers.LinkTypeEthernet); err != nil {
		return nil, err
	}
	sum.Bytes = pcapHeaderLen
	write := func(t time.Duration, data []byte, origLen int) error {
		ci := gopacket.CaptureInfo{Timestamp: o.Start.Add(t), CaptureLength: len(data), Length: max(origLen, len(data))}
		sum.Bytes += int64(pcapRecordLen + len(data))
		return pw.WritePacket(ci, data)
	}

	h := make(instHeap, 0, len(insts))
	for _, in := range insts {
		in.next = in.start + in.tp.at(in.sched[0])
		h = append(h, in)
	}
	heap.Init(&h)
	var buf []byte
	lanStep := float64(end) / float64(max(nLAN, 1))
	lanAt := func(j int) time.Duration {
		return time.Duration((float64(j) + rng.Float64()) * lanStep)
	}
	j, nextLAN := 0, time.Duration(0)
	if nLAN > 0 {
		nextLAN = lanAt(0)
	}
	for h.Len() > 0 || j < nLAN {
		if j < nLAN && (h.Len() == 0 || nextLAN < h[0].next) {
			f := &lan[j%len(lan)]
			buf = f.rewrite(buf[:0], uint16(j/len(lan)))
			if err := write(nextLAN, buf, f.origLen); err != nil {
				return nil, err
			}
			j++
			if j < nLAN {
				nextLAN = max(nextLAN, lanAt(j))
			}
			continue
		}
		in := h[0]
		s := in.sched[in.pos]
		f := &in.tp.frames[s.idx]
		buf = in.rewrite(buf[:0], f, int(s.rep))
		if err := write(in.next, buf, f.origLen); err != nil {
			return nil, err
		}
		in.pos++
		if in.pos == len(in.sched) {
			heap.Pop(&h)
			continue
		}
		in.next = in.start + in.tp.at(in.sched[in.pos])
		heap.Fix(&h, 0)
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	return sum, nil
}

// sessions is how many sessions pptpscope finds in a copy of the template:
// one per control connection (client TCP port), at least one.
func (tp *template) sessions() int { return max(1, len(tp.ports)) }

// loadLAN returns the frames of the capture at path that are not PPTP.
func loadLAN(path string) ([]lanFrame, error) {
	pkts, _, err := readCapture(path)
	if err != nil {
		return nil, err
	}
	out := pkts[:0]
	for _, p := range pkts {
		if !isPPTP(p.data) {
			p.findWords()
			out = append(out, p)
		}
	}
	return out, nil
}

// findWords finds the last 16-bit word of each IP address of a LAN frame
// and the checksums that cover them.
func (f *lanFrame) findWords() {
	d := f.data
	f.csum = f.csum[:0]
	if ip := ipv4(d); ip >= 0 {
		f.words = []int{ip + 14, ip + 18}
		f.csum = append(f.csum, ip+10)
		if binary.BigEndian.Uint16(d[ip+6:])&0x1fff != 0 {
			return // a later fragment: no transport header
		}
		f.transport(d[ip+9], ip+int(d[ip]&0x0f)*4)
		return
	}
	off := 12
	for len(d) >= off+2 && (binary.BigEndian.Uint16(d[off:]) == 0x8100 || binary.BigEndian.Uint16(d[off:]) == 0x88a8) {
		off += 4
	}
	if len(d) < off+2+40 || binary.BigEndian.Uint16(d[off:]) != 0x86dd || d[off+2]>>4 != 6 {
		return
	}
	ip := off + 2
	f.words = []int{ip + 22, ip + 38}
	next, off := d[ip+6], ip+40
	for (next == 0 || next == 43 || next == 60) && len(d) >= off+2 { // hop-by-hop, routing, destination options
		next, off = d[off], off+(int(d[off+1])+1)*8
	}
	f.transport(next, off)
}

// transport notes the checksum of a TCP, UDP or ICMPv6 header at off
// (their checksums cover the IP addresses).
func (f *lanFrame) transport(proto byte, off int) {
	var at int
	switch proto {
	case 6:
		at = off + 16
	case 17:
		at = off + 6
		if len(f.data) >= at+2 && binary.BigEndian.Uint16(f.data[at:]) == 0 {
			return // no UDP checksum
		}
	case 58:
		at = off + 2
	default:
		return
	}
	if len(f.data) >= at+2 {
		f.csum = append(f.csum, at)
	}
}

// rewrite appends to buf the frame for LAN cycle c: from the second time
// the LAN capture is replayed on, the last 16 bits of every IP address are
// XORed with c (checksums updated), so each cycle is other hosts' traffic
// rather than a replay of the same TCP connections.
func (f *lanFrame) rewrite(buf []byte, c uint16) []byte {
	buf = append(buf, f.data...)
	if c == 0 {
		return buf
	}
	for _, w := range f.words {
		old := binary.BigEndian.Uint16(buf[w:])
		nw := old ^ c
		binary.BigEndian.PutUint16(buf[w:], nw)
		for _, at := range f.csum {
			ck := binary.BigEndian.Uint16(buf[at:])
			// RFC 1624: HC' = ~(~HC + ~m + m')
			ck = ^fold(uint32(^ck) + uint32(^old) + uint32(nw))
			binary.BigEndian.PutUint16(buf[at:], ck)
		}
	}
	return buf
}

// distinct returns n distinct random uint16 values >= lo.
func distinct(rng *rand.Rand, n int, lo int) []uint16 {
	out := make([]uint16, 0, n)
	for len(out) < n {
		v := uint16(lo + rng.IntN(65536-lo))
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func maxConcurrent(insts []*instance) int {
	type ev struct {
		t time.Duration
		d int
	}
	evs := make([]ev, 0, 2*len(insts))
	for _, in := range insts {
		evs = append(evs, ev{in.start, 1}, ev{in.start + in.tp.at(in.sched[len(in.sched)-1]), -1})
	}
	// At equal times, starts before ends: sessions that touch overlap.
	slices.SortFunc(evs, func(a, b ev) int {
		if c := cmp.Compare(a.t, b.t); c != 0 {
			return c
		}
		return cmp.Compare(b.d, a.d)
	})
	n, best := 0, 0
	for _, e := range evs {
		n += e.d
		best = max(best, n)
	}
	return best
}

// rewrite appends to buf the copy of frame f for repetition rep of the
// data phase, with the instance's addresses, ports and call IDs, and
// recomputes the IPv4 and TCP checksums.
func (in *instance) rewrite(buf []byte, f *frame, rep int) []byte {
	buf = append(buf, f.data...)
	tp := in.tp
	for _, p := range f.patches {
		b := buf[p.off:]
		switch p.kind {
		case patchAddr:
			copy(b, in.addrs[p.idx][:])
		case patchPort:
			binary.BigEndian.PutUint16(b, in.ports[p.idx])
		case patchCallID:
			binary.BigEndian.PutUint16(b, in.callIDs[p.idx])
		case patchSeq:
			binary.BigEndian.PutUint32(b, tp.seqs[p.idx].at(binary.BigEndian.Uint32(b), rep))
		case patchAck:
			binary.BigEndian.PutUint32(b, tp.seqs[p.peer].at(binary.BigEndian.Uint32(b), rep))
		case patchCC:
			v := binary.BigEndian.Uint16(b)
			cc := (v + uint16(rep)*tp.ccSpan[p.idx]) & 0x0fff
			binary.BigEndian.PutUint16(b, v&0xf000|cc)
		}
	}
	ip := f.ipOff
	ihl := int(buf[ip]&0x0f) * 4
	buf[ip+10], buf[ip+11] = 0, 0
	binary.BigEndian.PutUint16(buf[ip+10:], ^fold(sum16(0, buf[ip:ip+ihl])))
	if f.tcpOff > 0 {
		tl := int(binary.BigEndian.Uint16(buf[ip+2:]))
		if ip+tl <= len(buf) && tl >= ihl+20 {
			seg := buf[f.tcpOff : ip+tl]
			seg[16], seg[17] = 0, 0
			s := sum16(0, buf[ip+12:ip+20])
			s += 6 + uint32(len(seg))
			binary.BigEndian.PutUint16(seg[16:], ^fold(sum16(s, seg)))
		}
	}
	return buf
}

// sum16 adds b to s as big-endian 16-bit words (the Internet checksum).
func sum16(s uint32, b []byte) uint32 {
	for len(b) >= 2 {
		s += uint32(b[0])<<8 | uint32(b[1])
		b = b[2:]
	}
	if len(b) == 1 {
		s += uint32(b[0]) << 8
	}
	return s
}

func fold(s uint32) uint16 {
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	return uint16(s)
}
