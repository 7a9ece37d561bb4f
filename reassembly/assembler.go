package reassembly

import (
	"slices"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	gpreassembly "github.com/gopacket/gopacket/reassembly"
)

// PPTPPort is the TCP port of PPTP control connections.
const PPTPPort = 1723

// Message is one PPTP control message cut from a control connection.
type Message struct {
	// Data is the whole message, Length field included. It is valid only
	// during the callback: copy it to keep it.
	Data []byte
	// Frame and Time locate the segment where the message starts.
	Frame int
	Time  time.Time
	// Net and Transport are the flows of the message's direction.
	Net, Transport gopacket.Flow
	// Lost is the number of stream bytes skipped just before the message:
	// missing segments, a partial message cut by them, or bytes that did
	// not parse as PPTP while looking for a message start.
	Lost int
	// Truncated is true when the stream ended inside the message: Data is
	// what there was (at least its first ten bytes, which were checked).
	Truncated bool
}

// Options tune an Assembler. The zero value gives the defaults.
type Options struct {
	// Port is the TCP port of the control connections; segments from and
	// to other ports are ignored. 0 means PPTPPort.
	Port uint16
	// MaxMessage is the largest Length field accepted (default
	// DefaultMaxMessage, at least 220, at most 65535); a larger one is taken
	// as a loss of sync.
	MaxMessage int
	// MaxStreams bounds the connections followed at once (default 1024);
	// segments of further connections are dropped and counted in
	// Stats.StreamsDropped.
	MaxStreams int
	// MaxBufferedPagesPerConnection and MaxBufferedPagesTotal bound the
	// out-of-order data kept by the TCP reassembler, in pages of 1900 bytes
	// (defaults 16 and 1024). When a limit is hit, the oldest hole is given
	// up as a gap.
	MaxBufferedPagesPerConnection int
	MaxBufferedPagesTotal         int
}

// Defaults of Options.
const (
	DefaultMaxStreams                    = 1024
	DefaultMaxBufferedPagesPerConnection = 16
	DefaultMaxBufferedPagesTotal         = 1024
)

func (o Options) withDefaults() Options {
	if o.Port == 0 {
		o.Port = PPTPPort
	}
	if o.MaxMessage == 0 {
		o.MaxMessage = DefaultMaxMessage
	}
	o.MaxMessage = min(max(o.MaxMessage, minMaxMessage), maxMessageLen)
	if o.MaxStreams <= 0 {
		o.MaxStreams = DefaultMaxStreams
	}
	if o.MaxBufferedPagesPerConnection <= 0 {
		o.MaxBufferedPagesPerConnection = DefaultMaxBufferedPagesPerConnection
	}
	if o.MaxBufferedPagesTotal <= 0 {
		o.MaxBufferedPagesTotal = DefaultMaxBufferedPagesTotal
	}
	return o
}

// Stats counts what an Assembler did.
type Stats struct {
	Packets        int   // TCP segments to or from the port given to Packet
	Streams        int   // connections followed
	ActiveStreams  int   // connections followed and not yet closed
	StreamsDropped int   // connections not followed because MaxStreams were open
	Messages       int   // messages emitted, Truncated ones included
	Truncated      int   // messages cut by the end of their stream
	Bytes          int64 // stream bytes received in order
	BytesLost      int64 // stream bytes in no message: gaps, garbage, partial messages
	Gaps           int   // holes in a stream (missing segments)
	Desyncs        int   // absurd headers met in sync (bad cookie or length)
	Resyncs        int   // message starts found after bytes were lost
}

// Assembler reassembles the TCP streams of PPTP control connections and
// cuts them into messages. It is driven by the caller's packet loop and
// calls emit synchronously, so its output order is deterministic. It is not
// safe for concurrent use, and emit must not call back into it.
type Assembler struct {
	opts  Options
	emit  func(Message)
	asm   *gpreassembly.Assembler
	stats Stats
	ids   int // streams created, to number them

	// Connections refused because of MaxStreams, so each is counted once.
	refused map[connKey]struct{}

	// While flushing, gopacket visits connections in map order: messages
	// are held and sent by stream number so the output stays deterministic.
	flushing bool
	held     []heldMessage

	// pending are the connections seen only through their opening SYN
	// (pending.go); live are those followed, by the in-order fast path
	// (fast.go) or by gopacket (made by the stream factory), not yet
	// complete, each under its first segment's direction; resumed is the
	// pending SYN being given to gopacket, promoted the fast connection.
	pending  map[connKey]*pendingSYN
	live     map[connKey]*stream
	resumed  *pendingSYN
	promoted *stream
	synBuf   [20]byte   // resume's and promote's TCP header
	synTCP   layers.TCP // and its decoding
	loc      meta       // the fast path's segment, for the framer
	noDefer  bool       // tests: every SYN straight to gopacket
	noFast   bool       // tests: every connection followed by gopacket
}

type heldMessage struct {
	stream int
	msg    Message
}

// New returns an Assembler that calls emit with each message.
func New(emit func(Message), opts Options) *Assembler {
	a := &Assembler{opts: opts.withDefaults(), emit: emit}
	a.asm = gpreassembly.NewAssembler(gpreassembly.NewStreamPool(&streamFactory{a: a}))
	a.asm.MaxBufferedPagesPerConnection = a.opts.MaxBufferedPagesPerConnection
	a.asm.MaxBufferedPagesTotal = a.opts.MaxBufferedPagesTotal
	return a
}

// Packet gives the assembler one TCP segment: netFlow is its network flow,
// ci and frame (the capture's frame number) are attached to the messages
// that start in it. Segments not on Options.Port are ignored. tcp and its
// payload may be reused once Packet returns.
func (a *Assembler) Packet(netFlow gopacket.Flow, tcp *layers.TCP, ci gopacket.CaptureInfo, frame int) {
	if tcp == nil || (uint16(tcp.SrcPort) != a.opts.Port && uint16(tcp.DstPort) != a.opts.Port) {
		return
	}
	a.stats.Packets++
	k := makeConnKey(netFlow, tcp.TransportFlow())
	s, dir := a.liveOf(k)
	if s == nil && len(a.pending) > 0 {
		if pk, p := a.pendingOf(k); p != nil {
			s, dir = a.resume(pk, p), 0
			if pk != k {
				dir = 1
			}
		}
	}
	switch {
	case s == nil:
		if a.deferSYN(netFlow, tcp, ci, frame, k) || a.fastOpen(netFlow, tcp, ci, frame, k) {
			return
		}
	case s.fast:
		if a.fastPacket(s, dir, tcp, ci, frame) {
			return
		}
	}
	a.asm.AssembleWithContext(netFlow, tcp, newPacketContext(ci, frame))
}

// liveOf returns the live connection of k, in either direction, and the
// direction of k in it (0: the connection's first segment's).
func (a *Assembler) liveOf(k connKey) (*stream, int) {
	if s := a.live[k]; s != nil {
		return s, 0
	}
	if s := a.live[k.reverse()]; s != nil {
		return s, 1
	}
	return nil, 0
}

// FlushOlderThan gives up waiting for missing segments of connections idle
// since before t, closes them and emits what they held (partial messages as
// Truncated).
func (a *Assembler) FlushOlderThan(t time.Time) {
	a.dropPending(t, false)
	a.hold()
	a.closeFast(t, false)
	a.asm.FlushCloseOlderThan(t)
	a.release()
}

// Close flushes and closes every connection, at the end of a capture.
func (a *Assembler) Close() {
	a.dropPending(time.Time{}, true)
	a.hold()
	a.closeFast(time.Time{}, true)
	a.asm.FlushAll()
	a.release()
}

// Stats returns the counts so far.
func (a *Assembler) Stats() Stats { return a.stats }

func (a *Assembler) hold() { a.flushing = true }

func (a *Assembler) release() {
	a.flushing = false
	held := a.held
	a.held = nil
	slices.SortStableFunc(held, func(x, y heldMessage) int { return x.stream - y.stream })
	for _, h := range held {
		a.emit(h.msg)
	}
}

// deliver emits msg, or holds a copy while flushing.
func (a *Assembler) deliver(stream int, msg Message) {
	if !a.flushing {
		a.emit(msg)
		return
	}
	msg.Data = slices.Clone(msg.Data)
	a.held = append(a.held, heldMessage{stream: stream, msg: msg})
}

// refuse counts a connection refused because MaxStreams are open. The set
// remembering them is bounded: past MaxStreams entries it starts again, and
// a connection may then be counted twice.
func (a *Assembler) refuse(k connKey) {
	if _, ok := a.refused[k]; ok {
		return
	}
	if _, ok := a.refused[k.reverse()]; ok {
		return
	}
	if a.refused == nil || len(a.refused) >= a.opts.MaxStreams {
		a.refused = make(map[connKey]struct{})
	}
	a.refused[k] = struct{}{}
	a.stats.StreamsDropped++
}
