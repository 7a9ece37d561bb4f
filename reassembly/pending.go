package reassembly

import (
	"encoding/binary"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// A connection's opening SYN (no payload, FIN or RST) is not given to
// gopacket's reassembler at once: gopacket's pool of connections grows by
// doubling and holds a kilobyte and more per connection, and a SYN alone (a
// port scan, a SYN flood, a server that never answered) carries no stream.
// The SYN is kept as a pending entry, counted as a stream as gopacket's
// connection would have been (Streams, ActiveStreams and MaxStreams, its
// stream number), and taken as gopacket would have taken it, before the
// segment, when any other segment of the connection arrives: it starts a
// fast connection (fast.go), or is given to gopacket when the fast path is
// off. A pending SYN that is flushed or closed is dropped: a connection that
// had only a SYN emits nothing and loses no bytes when gopacket closes it.
type pendingSYN struct {
	seq, ack uint32
	window   uint16
	ackFlag  bool
	id       int // stream number reserved for it
	netType  gopacket.EndpointType
	time     time.Time
	frame    int
}

// connKey is a connection in one direction: its addresses (the first
// alen bytes of src and dst) and ports. It is a compact map key: pending
// SYNs are many in a flood.
type connKey struct {
	src, dst     [16]byte
	sport, dport uint16
	alen         uint8
}

func makeConnKey(netFlow, tcpFlow gopacket.Flow) connKey {
	var k connKey
	s, d := netFlow.Endpoints()
	k.alen = uint8(copy(k.src[:], s.Raw()))
	copy(k.dst[:], d.Raw())
	ps, pd := tcpFlow.Endpoints()
	k.sport, k.dport = port(ps.Raw()), port(pd.Raw())
	return k
}

func (k connKey) reverse() connKey {
	k.src, k.dst = k.dst, k.src
	k.sport, k.dport = k.dport, k.sport
	return k
}

func port(b []byte) uint16 {
	if len(b) != 2 {
		return 0
	}
	return uint16(b[0])<<8 | uint16(b[1])
}

// pendingOf returns the key of k's pending SYN, in either direction.
func (a *Assembler) pendingOf(k connKey) (connKey, *pendingSYN) {
	if p := a.pending[k]; p != nil {
		return k, p
	}
	r := k.reverse()
	if p := a.pending[r]; p != nil {
		return r, p
	}
	return k, nil
}

// deferSYN keeps tcp, the first segment of a connection (neither live nor
// pending), as pending when it is a lone SYN; it reports whether it did (or
// refused the connection because MaxStreams are open, as the stream factory
// would have).
func (a *Assembler) deferSYN(netFlow gopacket.Flow, tcp *layers.TCP, ci gopacket.CaptureInfo, frame int, k connKey) bool {
	if a.noDefer || !tcp.SYN || tcp.FIN || tcp.RST || len(tcp.Payload) != 0 {
		return false
	}
	id, ok := a.admit(k)
	if !ok {
		return true
	}
	if a.pending == nil {
		a.pending = make(map[connKey]*pendingSYN)
	}
	a.pending[k] = &pendingSYN{seq: tcp.Seq, ack: tcp.Ack, window: tcp.Window, ackFlag: tcp.ACK,
		id: id, netType: netFlow.EndpointType(), time: ci.Timestamp, frame: frame}
	return true
}

// resume makes the connection k of a pending SYN live, as if the SYN had
// been given to gopacket when it came, and returns its stream: a fast one
// (fast.go), or gopacket's when the fast path is off.
func (a *Assembler) resume(k connKey, p *pendingSYN) *stream {
	delete(a.pending, k)
	if !a.noFast {
		return a.fastResume(k, p)
	}
	flags := byte(synFlag)
	if p.ackFlag {
		flags |= ackFlag
	}
	a.resumed = p
	a.assembleSeg(k, p.netType, p.seq, p.ack, p.window, flags, p.time, p.frame)
	a.resumed = nil
	return a.live[k]
}

// TCP flags of the segments rebuilt for gopacket.
const (
	finFlag = 0x01
	synFlag = 0x02
	ackFlag = 0x10
)

// assembleSeg gives gopacket a segment of connection k without payload: a
// TCP header rebuilt in the Assembler's scratch space (gopacket keeps
// nothing of the layer once AssembleWithContext returns).
func (a *Assembler) assembleSeg(k connKey, netType gopacket.EndpointType, seq, ack uint32, window uint16, flags byte, t time.Time, frame int) {
	h := a.synBuf[:]
	binary.BigEndian.PutUint16(h[0:], k.sport)
	binary.BigEndian.PutUint16(h[2:], k.dport)
	binary.BigEndian.PutUint32(h[4:], seq)
	binary.BigEndian.PutUint32(h[8:], ack)
	h[12] = 5 << 4 // data offset: 20 bytes, no options
	h[13] = flags
	binary.BigEndian.PutUint16(h[14:], window)
	clear(h[16:])
	tcp := &a.synTCP
	if err := tcp.DecodeFromBytes(h, gopacket.NilDecodeFeedback); err != nil {
		panic("reassembly: rebuilt TCP header does not decode: " + err.Error()) // a 20-byte header always does
	}
	netFlow := gopacket.NewFlow(netType, k.src[:k.alen], k.dst[:k.alen])
	a.asm.AssembleWithContext(netFlow, tcp, newPacketContext(gopacket.CaptureInfo{Timestamp: t}, frame))
}

// dropPending forgets the pending SYNs seen before t (all of them when all
// is set), as gopacket closes an idle connection.
func (a *Assembler) dropPending(t time.Time, all bool) {
	for k, p := range a.pending {
		if all || p.time.Before(t) {
			delete(a.pending, k)
			a.stats.ActiveStreams--
		}
	}
}
