package session

import (
	"cmp"
	"math"
	"net/netip"
	"slices"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/pptpscope/pptpscope/decode"
)

// A candidate is a flow or connection not yet shown to be a PPTP session:
// the first packet of a GRE flow whose call ID matches no call (no session
// of its address pair to join), or the SYN of a control connection. A
// hostile capture of endless such flows (distinct call IDs, a SYN flood)
// would otherwise cost a whole Session each, with its control connection,
// negotiation and sequence state (about 2 KB); a candidate is the one
// event, about 200 bytes. It is promoted, and the session built by
// replaying that event through the tracker's usual code (same order, so
// the same Key, Index and output), when anything else touches it: a second
// packet of the flow or of its reverse, any other segment or message of
// the connection, a lookup (SessionOf), or its finish (FinishIdle,
// Sessions). Candidates are kept only by trackers that finish lazily
// (streamed analyses: TrackerOptions.LazyFinish), where they pay; they
// count as sessions for every cap (Tracked, MaxSessions, MaxGREFlows).
type candidate struct {
	order    int
	frame    int
	time     time.Time
	src, dst netip.Addr
	sport    uint16 // TCP: the SYN's ports
	dport    uint16
	callID   uint16 // GRE: the flow's call ID
	tcp      bool
	gone     bool // promoted or finished: no longer a candidate
	// noKey: the flow's key was taken by a call's flow (registerGRE), as
	// it would have been from the session it stands for.
	noKey bool
	// length is the GRE record's Length or the SYN's PayloadLen (a
	// frame's length: 32 bits).
	length int32
	// greRec is the rest of a GRE candidate's record (nil for a SYN: 112
	// bytes then, 208 with it).
	*greRec
}

// greRec is what a GRE candidate keeps of its record besides the common
// fields.
type greRec struct {
	pppProto   uint16
	cc         uint16 // an MPPE header's coherency count
	mppe       uint8  // an MPPE header's bits (mppe* below)
	seq, ack   uint32
	id         int
	proto, msg string
	// bytes is the LCP packet (Record.Message's contents), decoded again
	// on replay.
	bytes          []byte
	hasSeq, hasAck bool
	control        bool
}

// Bits of candidate.mppe.
const (
	mppeFlushed = 1 << iota
	mppeAtFront
	mppeCompressed
	mppeEncrypted
)

func bit(b bool, v uint8) uint8 {
	if b {
		return v
	}
	return 0
}

// admissible reports whether a GRE record may start a candidate: a record
// the replay can rebuild exactly and that gives its session nothing that a
// lookup before its promotion could need (no authentication, no
// Terminate): an LCP Configure-Request, an MPPE frame, a GRE ack-only or a
// PPP frame of another protocol, decoded without error or note.
func admissible(r *Record) bool {
	if r.Err != nil || len(r.Notes) > 0 || r.Length < 0 || r.Length > math.MaxInt32 {
		return false
	}
	switch m := r.Message.(type) {
	case *decode.LCP:
		return r.Proto == "LCP" && r.Control && m.Code == codeConfReq && len(m.LayerContents()) <= maxMessageBytes
	case *decode.MPPE:
		return r.Proto == "MPPE" && !r.Control
	case nil:
		return !r.Control && (r.Proto == "GRE" || r.Proto == "PPP")
	}
	return false
}

// admitGRE makes a candidate of r, the first packet of the GRE flow k,
// and says in r what the session would have: its key and phase.
func (t *Tracker) admitGRE(r *Record, k greKey, pk pairKey) {
	t.created++
	c := &candidate{order: t.created, frame: r.Frame, time: r.Time, src: r.Src, dst: r.Dst, callID: k.callID, length: int32(r.Length),
		greRec: &greRec{pppProto: r.PPPProtocol, seq: r.Seq, ack: r.Ack, id: r.ID, proto: r.Proto, msg: r.Msg,
			hasSeq: r.HasSeq, hasAck: r.HasAck, control: r.Control}}
	switch m := r.Message.(type) {
	case *decode.LCP:
		c.bytes = slices.Clone(m.LayerContents())
	case *decode.MPPE:
		c.mppe = bit(m.Flushed, mppeFlushed) | bit(m.AtFront, mppeAtFront) | bit(m.Compressed, mppeCompressed) | bit(m.Encrypted, mppeEncrypted)
		c.cc = m.CoherencyCount
	}
	t.gcands[k] = c
	// The newest session of the pair is this one (as midSession makes it).
	delete(t.midPairs, pk)
	t.pcands[pk] = c
	t.addCand(c)
	r.SessionKey = c.order
	r.Phase = phaseOf(r)
}

// admitSYN makes a candidate of the SYN that opens connection k.
func (t *Tracker) admitSYN(k connKey, ev *TCPEvent) {
	t.created++
	c := &candidate{order: t.created, frame: ev.Frame, time: ev.Time, src: ev.Src, dst: ev.Dst,
		sport: ev.SrcPort, dport: ev.DstPort, length: int32(ev.PayloadLen), tcp: true}
	// The new connection replaces the old one of the same endpoints (as
	// newConn does).
	delete(t.conns, k)
	t.ccands[k] = c
	t.addCand(c)
}

func (t *Tracker) addCand(c *candidate) {
	t.cands = append(t.cands, c)
	t.ncands++
}

// dropCand takes c out of the tracker's candidates (promoted or finished).
func (t *Tracker) dropCand(c *candidate) {
	c.gone = true
	t.ncands--
	if c.tcp {
		k := makeConnKey(c.src, c.dst, c.sport, c.dport)
		if t.ccands[k] == c {
			delete(t.ccands, k)
		}
	} else {
		if k := (greKey{c.src, c.dst, c.callID}); t.gcands[k] == c {
			delete(t.gcands, k)
		}
		if pk := makePairKey(c.src, c.dst); t.pcands[pk] == c {
			delete(t.pcands, pk)
		}
	}
	// Compact the list when most of it is gone (it stays in order).
	if t.ncands < len(t.cands)/2 {
		t.cands = slices.DeleteFunc(t.cands, func(c *candidate) bool { return c.gone })
		if cap(t.cands) > 64 && len(t.cands) < cap(t.cands)/4 {
			t.cands = slices.Clip(t.cands)
		}
	}
}

// promote makes c the session it stands for, by replaying its event, and
// returns it.
func (t *Tracker) promote(c *candidate) *Session {
	pk := makePairKey(c.src, c.dst)
	newest := !c.tcp && t.pcands[pk] == c
	t.dropCand(c)
	t.replay = c.order
	defer func() { t.replay = 0 }()
	if c.tcp {
		ev := TCPEvent{Frame: c.frame, Time: c.time, Src: c.src, Dst: c.dst, SrcPort: c.sport, DstPort: c.dport, SYN: true, PayloadLen: int(c.length)}
		conn := t.newConn(makeConnKey(c.src, c.dst, c.sport, c.dport), c.src, c.sport, c.dst, c.dport)
		t.replay = 0
		conn.syn(&ev)
		return conn.current()
	}
	s := t.newSession(nil)
	t.replay = 0
	s.more().greSrcs = append(s.more().greSrcs, c.src)
	s.mid = true
	s.Client.Addr, s.Server.Addr = c.src, c.dst
	s.ClientInferred = true
	s.InferredBy = InferFirstGRE
	if newest {
		t.midPairs[pk] = s
	}
	if !c.noKey {
		k := greKey{c.src, c.dst, c.callID}
		t.greChanged(k)
		t.gre[k] = s
	}
	r := Record{Frame: c.frame, Time: c.time, Src: c.src, Dst: c.dst, Proto: c.proto, Msg: c.msg, ID: c.id,
		CallID: int(c.callID), Seq: c.seq, Ack: c.ack, HasSeq: c.hasSeq, HasAck: c.hasAck, PPPProtocol: c.pppProto,
		Length: int(c.length), Control: c.control}
	switch c.proto {
	case "LCP":
		l := &decode.LCP{}
		_ = l.DecodeFromBytes(c.bytes, gopacket.NilDecodeFeedback) // decoded without error the first time
		r.Message = l
	case "MPPE":
		r.Message = &decode.MPPE{Flushed: c.mppe&mppeFlushed != 0, AtFront: c.mppe&mppeAtFront != 0,
			Compressed: c.mppe&mppeCompressed != 0, Encrypted: c.mppe&mppeEncrypted != 0, CoherencyCount: c.cc}
		r.Encrypted, r.Compressed = c.mppe&mppeEncrypted != 0, c.mppe&mppeCompressed != 0
	}
	t.greRecord(&r, s)
	return s
}

// liveCands returns the candidates, in order of creation.
func (t *Tracker) liveCands() []*candidate {
	if t.ncands == len(t.cands) {
		return t.cands
	}
	t.cands = slices.DeleteFunc(t.cands, func(c *candidate) bool { return c.gone })
	return t.cands
}

// promoteAll promotes every candidate (a whole analysis, the end).
func (t *Tracker) promoteAll() {
	for _, c := range slices.Clone(t.liveCands()) {
		t.promote(c)
	}
}

// Unproven is the candidates a tracker still held at the end of a capture,
// taken from it (TakeUnproven) so that each session is built only when its
// turn to be handed over comes: the end of a hostile capture would
// otherwise build every one of them at once. They are in the order
// Sessions lists sessions (start, then first appearance).
type Unproven struct {
	t     *Tracker
	cands []*candidate
}

// TakeUnproven takes the candidates from the tracker, before Sessions (a
// streamed analysis's end): Sessions then lists the other sessions only.
// It returns nil when there are none.
func (t *Tracker) TakeUnproven() *Unproven {
	cs := slices.Clone(t.liveCands())
	if len(cs) == 0 {
		return nil
	}
	for _, c := range cs {
		t.dropCand(c)
	}
	t.cands, t.ncands = nil, 0
	slices.SortStableFunc(cs, func(a, b *candidate) int {
		if c := a.time.Compare(b.time); c != 0 {
			return c
		}
		return cmp.Compare(a.order, b.order)
	})
	return &Unproven{t: t, cands: cs}
}

// Len is the number of sessions left.
func (u *Unproven) Len() int {
	if u == nil {
		return 0
	}
	return len(u.cands)
}

// Start and Key are the next session's Start and Key.
func (u *Unproven) Start() time.Time { return u.cands[0].time }

// Key is the next session's Key.
func (u *Unproven) Key() int { return u.cands[0].order }

// Next builds the next session, finished as Sessions finishes them, and
// drops it from the list. Call it after Sessions.
func (u *Unproven) Next() *Session {
	c := u.cands[0]
	u.cands[0] = nil
	u.cands = u.cands[1:]
	t := u.t
	c.gone = false
	t.ncands++ // promote drops it again
	s := t.promote(c)
	s.finish(t.lazy)
	// Forget it (the maps hold nothing else once Sessions ran: no need to
	// go through them).
	if c.tcp {
		if k := makeConnKey(c.src, c.dst, c.sport, c.dport); t.conns[k] == s.conn {
			delete(t.conns, k)
		}
	} else {
		if k := (greKey{c.src, c.dst, c.callID}); t.gre[k] == s {
			t.greChanged(k)
			delete(t.gre, k)
		}
		if pk := makePairKey(c.src, c.dst); t.midPairs[pk] == s {
			delete(t.midPairs, pk)
		}
	}
	t.sessions = slices.DeleteFunc(t.sessions, func(e *Session) bool { return e == s })
	return s
}
