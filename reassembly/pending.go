package reassembly

import (
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// A connection's opening SYN (no payload, FIN or RST) is not given to
// gopacket's reassembler at once: gopacket's pool of connections grows by
// doubling and holds a kilobyte and more per connection, and a SYN alone
// (a port scan, a SYN flood, a server that never answered) carries no
// stream. The SYN is kept as a pending entry, counted as a stream as
// gopacket's connection would have been (Streams, ActiveStreams and
// MaxStreams, its stream number), and given to gopacket, before the
// segment, when any other segment of the connection arrives. A pending
// SYN that is flushed or closed is dropped: a connection that had only a
// SYN emits nothing and loses no bytes when gopacket closes it.
type pendingSYN struct {
	seq, ack uint32
	window   uint16
	ackFlag  bool
	ci       gopacket.CaptureInfo
	frame    int
	id       int // stream number reserved for it
}

// flowKey is gopacket's key of a connection, in the direction of its first
// segment.
type flowKey = [2]gopacket.Flow

func reverseKey(k flowKey) flowKey { return flowKey{k[0].Reverse(), k[1].Reverse()} }

// pendingKey returns the key of k's pending SYN, in either direction.
func (a *Assembler) pendingKey(k flowKey) (flowKey, *pendingSYN) {
	if p := a.pending[k]; p != nil {
		return k, p
	}
	r := reverseKey(k)
	if p := a.pending[r]; p != nil {
		return r, p
	}
	return k, nil
}

// isLive tells whether gopacket follows the connection of k.
func (a *Assembler) isLive(k flowKey) bool {
	if _, ok := a.live[k]; ok {
		return true
	}
	_, ok := a.live[reverseKey(k)]
	return ok
}

// deferSYN keeps tcp, the first segment of a connection, as pending when it
// is a lone SYN; it reports whether it did (or refused the connection
// because MaxStreams are open, as the stream factory would have).
func (a *Assembler) deferSYN(netFlow gopacket.Flow, tcp *layers.TCP, ci gopacket.CaptureInfo, frame int) bool {
	if a.noDefer || !tcp.SYN || tcp.FIN || tcp.RST || len(tcp.Payload) != 0 {
		return false
	}
	k := flowKey{netFlow, tcp.TransportFlow()}
	if a.isLive(k) {
		return false
	}
	if a.stats.ActiveStreams >= a.opts.MaxStreams {
		a.refuse(k)
		return true
	}
	a.stats.Streams++
	a.stats.ActiveStreams++
	a.ids++
	if a.pending == nil {
		a.pending = make(map[flowKey]*pendingSYN)
	}
	a.pending[k] = &pendingSYN{seq: tcp.Seq, ack: tcp.Ack, window: tcp.Window, ackFlag: tcp.ACK, ci: ci, frame: frame, id: a.ids}
	return true
}

// resume gives gopacket the pending SYN of connection k.
func (a *Assembler) resume(k flowKey, p *pendingSYN) {
	delete(a.pending, k)
	tcp := &layers.TCP{SrcPort: layers.TCPPort(portOf(k[1].Src())), DstPort: layers.TCPPort(portOf(k[1].Dst())),
		Seq: p.seq, Ack: p.ack, Window: p.window, SYN: true, ACK: p.ackFlag}
	tcp.SetInternalPortsForTesting()
	a.resumed = p
	a.asm.AssembleWithContext(k[0], tcp, newPacketContext(p.ci, p.frame))
	a.resumed = nil
}

func portOf(e gopacket.Endpoint) uint16 {
	b := e.Raw()
	if len(b) != 2 {
		return 0
	}
	return uint16(b[0])<<8 | uint16(b[1])
}

// dropPending forgets the pending SYNs seen before t (all when t is zero),
// as gopacket closes an idle connection.
func (a *Assembler) dropPending(t time.Time) {
	for k, p := range a.pending {
		if t.IsZero() || p.ci.Timestamp.Before(t) {
			delete(a.pending, k)
			a.stats.ActiveStreams--
		}
	}
}
