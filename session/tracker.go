package session

import (
	"cmp"
	"encoding/binary"
	"math"
	"net/netip"
	"slices"
	"sort"
	"time"

	"github.com/pptpscope/pptpscope/decode"
)

// Session is one PPTP session: a control connection and one call on it,
// with the GRE flows of that call. A control connection without a call is
// a session too, and so is GRE whose control connection is not in the
// capture.
type Session struct {
	// The fields each GRE packet reads or counts come first, on as few
	// cache lines as they fit (with 500 sessions, each packet's session
	// is seldom in the core's cache): the flags, order, Traffic, conn,
	// Start, End, lastSeen and Client.Addr on the first two lines (a
	// Session is 64-byte aligned in its 1,152-byte size class), phases
	// and GRERTT on one, then Stats (DirStats has its per-packet
	// counters first).

	// ClientInferred is set when the capture does not show who opened the
	// control connection; InferredBy says how the client was chosen (an
	// Infer* code).
	ClientInferred bool
	// PPPLink marks the session of a PPP link capture (PPP on a serial
	// line, no PPTP): no TCP, control connection or call setup; Client is
	// the peer the link authenticates, Server the authenticator, and their
	// addresses are what IPCP gave them (or the IP addresses of the data
	// frames), when known.
	PPPLink bool
	// (The flags of the open session share the word of the two above.)
	mid        bool // no handshake: the capture starts inside the session
	roleKnown  bool // the client was inferred from the PPP authentication roles
	noMessages bool // keep no Messages (AnalyzeOptions.NoMessages)
	complete   bool // Finish ran
	order      int  // creation order, which breaks ties of Start
	// Traffic is the GRE traffic over time (nil without GRE or echoes, and
	// in analyses that keep no messages: only the report and the diagrams
	// draw it).
	Traffic    *Series
	conn       *controlConn
	Start, End time.Time
	lastSeen   time.Time
	Client     Side
	// ph are the session's phases while it is open (made with the first
	// frame of any), from call setup on (the TCP and control connection
	// phases are the connection's); finish builds Phases from them.
	ph     *openPhases
	GRERTT RTT
	Stats  [2]DirStats // 0: client -> server, 1: server -> client

	Index      int // 1-based, in order of first appearance
	Server     Side
	LCPEchoRTT RTT
	InferredBy string
	// CallID is the client's call ID (Outgoing-Call-Request), PeerCallID the
	// server's (Outgoing-Call-Reply); -1 when not seen.
	CallID, PeerCallID int
	Phases             map[string]*Phase
	Auth               *Auth
	Encryption         *Encryption
	Findings           []Finding
	// Messages are the handshake messages (not the data), for the verbose
	// timeline and the diagrams; at most maxMessages are kept.
	Messages        []Message
	MessagesDropped int
	// Decryption is set when Analyze was given credentials: the password
	// check, MPPE decryption counts and inner traffic (see decrypt.go).
	Decryption *Decryption

	pppSt *pppState // negotiations and LCP echoes, made with the first
	sccrp *sccResult
	ocrp  *sccResult
	rare  *sessionRare // what few sessions need, made on first use
	term  *lcpTerm     // the sides' LCP Terminate-Requests, made with the first
}

// sccResult is the result of a reply (Start-Control-Connection-Reply,
// Outgoing-Call-Reply, Call-Disconnect-Notify, Stop-Control-Connection-
// Reply); its names are the decoder's for its type and codes, looked up
// when asked (a session keeps two or more of these while it is open).
type sccResult struct {
	Code, Error int
	Frame       int
	msgType     uint16
}

func newSCCResult(p *decode.PPTP, frame int) *sccResult {
	return &sccResult{Code: int(p.ResultCode), Error: int(p.ErrorCode), Frame: frame, msgType: p.MessageType}
}

// Name is the result code's name (decode.PPTP.ResultName).
func (r *sccResult) Name() string {
	p := decode.PPTP{MessageType: r.msgType, ResultCode: uint8(r.Code)}
	return p.ResultName()
}

// ErrorName is the error code's name (decode.PPTP.ErrorName).
func (r *sccResult) ErrorName() string { return decode.PPTPErrorName(uint8(r.Error)) }

const maxMessages = 5000

// controlConn is a TCP control connection.
type controlConn struct {
	t                 *Tracker
	client, server    netip.Addr
	clientPort        uint16
	serverPort        uint16
	sessions          []*Session
	synSeen, synAck   bool
	ackSeen           bool
	closed            bool
	tcpPhase          phaseAcc
	ccPhase, teardown *phaseAcc // made on first use (a SYN alone has neither)
	sccrq, sccrp      bool
	// messages are the connection's messages, kept only when its sessions
	// keep messages; kept counts those that would be (at most
	// maxMessages), and firstT and lastT are the earliest and latest of
	// their times (finish extends each session's Start and End to them).
	messages      []Message
	kept          int
	firstT, lastT time.Time
	lastKept      int // frame of the last message kept
	// tdTimes are the times of the teardown frames (teardown.frames, in
	// order): the frame's time when a message of that frame was kept,
	// else zero (finish takes teardown.end, as it did from the message list).
	tdTimes  []time.Time
	finished int // sessions that took their copy of messages
	// sent holds, per side (0 client, 1 server), the tcpSYN, tcpSYNACK and
	// tcpFIN bits of the segments it sent, to mark retransmissions.
	sent [2]uint8
}

// Bits of controlConn.sent.
const (
	tcpSYN = 1 << iota
	tcpSYNACK
	tcpFIN
)

// tcpBits maps a TCP message of the timeline to its controlConn.sent bit
// (0: ACK and RST, which are not marked).
var tcpBits = map[string]uint8{"SYN": tcpSYN, "SYN-ACK": tcpSYNACK, "FIN": tcpFIN}

type connKey struct {
	a, b         netip.Addr
	aPort, bPort uint16
}

func makeConnKey(src, dst netip.Addr, sp, dp uint16) connKey {
	if src.Less(dst) || src == dst && sp < dp {
		return connKey{src, dst, sp, dp}
	}
	return connKey{dst, src, dp, sp}
}

type greKey struct {
	src, dst netip.Addr
	callID   uint16
}

type pairKey struct{ a, b netip.Addr }

// DefaultMaxGREFlows bounds the GRE flows (address pair and call ID) followed at
// once: GRE whose call setup is not in the capture makes a session of its
// own, and a capture of endless distinct flows (hostile, or a concentrator
// captured mid-way) must not grow memory without bound.
const DefaultMaxGREFlows = 65536

func makePairKey(x, y netip.Addr) pairKey {
	if x.Less(y) {
		return pairKey{x, y}
	}
	return pairKey{y, x}
}

// Tracker builds sessions from the records and TCP events of a scan. It is
// not safe for concurrent use.
type Tracker struct {
	conns    map[connKey]*controlConn
	gre      map[greKey]*Session
	midPairs map[pairKey]*Session
	sessions []*Session
	// PPPLinkFrames counts PPP frames of PPP link-layer captures (not PPTP).
	PPPLinkFrames int
	// link is the session of a PPP link capture's frames (pplink.go);
	// linkEnds tells its ends apart, linkClient is the end that is the
	// client.
	link       *Session
	linkEnds   *linkEnds
	linkClient int
	// UntrackedGRE counts GRE packets of new flows not followed because
	// MaxGREFlows flows were already tracked.
	UntrackedGRE int
	// MaxGREFlows bounds the GRE flows followed at once (DefaultMaxGREFlows).
	MaxGREFlows int
	// noMessages: sessions keep no message list (AnalyzeOptions.NoMessages).
	noMessages bool
	// MaxSessions, when positive, caps the sessions tracked at once:
	// FinishIdle finishes the least recently seen ones beyond it and counts
	// them in SessionsCapped.
	MaxSessions    int
	SessionsCapped int
	ended          int // sessions FinishIdle returned
	created        int // sessions made
	// closeOnly: a session with a control connection is over only when
	// the connection closed (a file's analysis: a later call on the same
	// connection must still find it), not on Call-Disconnect-Notify or
	// LCP Terminate.
	closeOnly bool
	lazy      bool // TrackerOptions.LazyFinish
	// greCache remembers recent lookups of t.gre (greLookup); an entry is
	// emptied when its flow's t.gre changes (greChanged).
	greCache [greCacheSize][2]greCacheEntry
	// Candidates (candidate.go): flows and connections not yet shown to
	// be sessions, by GRE flow, address pair (as midPairs) and connection
	// (as conns; a key is in at most one of each pair of maps), and in
	// order of creation (cands, with the promoted and finished ones
	// marked gone until compacted; ncands counts the others). replay is
	// the order a promoted candidate's session takes.
	candidates bool
	gcands     map[greKey]*candidate
	pcands     map[pairKey]*candidate
	ccands     map[connKey]*candidate
	cands      []*candidate
	ncands     int
	replay     int
}

// greCacheSize is the number of sets of Tracker.greCache, of two entries
// each: with 256 entries, a capture of 500 sessions at once missed 14% of
// its lookups, 12% on an entry of another flow; with 2,048 entries of one
// way, the PPTP-only bench capture (about 320 flows at once) still missed
// 2% on entries of another flow, 0.4% with two ways.
const (
	greCacheBits = 10
	greCacheSize = 1 << greCacheBits
)

// greCacheEntry is a flow between IPv4 addresses (src<<32 | dst) and its
// session: 24 bytes, so that the cache takes 48 KB.
type greCacheEntry struct {
	ab     uint64
	s      *Session
	callID uint16
}

// greSet is k's set of greCache, or nil for a flow between IPv6
// addresses (not cached), and k's addresses as one word.
func (t *Tracker) greSet(k greKey) (*[2]greCacheEntry, uint64) {
	return t.greSetOf(k.src, k.dst, k.callID)
}

// greSetOf is greSet of the key's fields (a greKey, seven words, is kept
// in memory, not registers: built and passed on, it was copied through
// the stack, which stalled on store forwarding).
func (t *Tracker) greSetOf(src, dst netip.Addr, callID uint16) (*[2]greCacheEntry, uint64) {
	if !src.Is4() || !dst.Is4() {
		return nil, 0
	}
	a, b := src.As4(), dst.As4()
	ab := uint64(binary.BigEndian.Uint32(a[:]))<<32 | uint64(binary.BigEndian.Uint32(b[:]))
	// One multiplication mixes all the bits into the top ones.
	h := (ab ^ uint64(callID)<<16 ^ ab>>29) * 0x9e3779b97f4a7c15
	return &t.greCache[h>>(64-greCacheBits)], ab
}

// greLookup is t.gre[k] through a two-way set-associative cache of IPv4
// flows: a GRE data packet of a known flow costs no map lookup (hashing
// two netip.Addr was a third of the tracker's time on a capture of PPTP
// only).
func (t *Tracker) greLookup(k greKey) *Session {
	return t.greLookupOf(k.src, k.dst, k.callID)
}

// greLookupOf is greLookup of the key's fields (see greSetOf).
func (t *Tracker) greLookupOf(src, dst netip.Addr, callID uint16) *Session {
	set, ab := t.greSetOf(src, dst, callID)
	if set == nil {
		return t.gre[greKey{src, dst, callID}]
	}
	for i := range set {
		if e := &set[i]; e.ab == ab && e.callID == callID && e.s != nil {
			return e.s
		}
	}
	s := t.gre[greKey{src, dst, callID}]
	if s != nil {
		// The newest first; the other entry goes.
		set[1], set[0] = set[0], greCacheEntry{ab, s, callID}
	}
	return s
}

// greChanged empties k's entry of greCache: call it whenever t.gre[k]
// changes (set or deleted). Only k's flow is looked up in the map again;
// no entry holds a session the map no longer does.
func (t *Tracker) greChanged(k greKey) {
	set, ab := t.greSet(k)
	if set == nil {
		return
	}
	for i := range set {
		if e := &set[i]; e.ab == ab && e.callID == k.callID {
			*e = greCacheEntry{}
		}
	}
}

// NewTracker returns an empty tracker.
func NewTracker() *Tracker {
	t := &Tracker{conns: map[connKey]*controlConn{}, gre: map[greKey]*Session{}, midPairs: map[pairKey]*Session{},
		gcands: map[greKey]*candidate{}, pcands: map[pairKey]*candidate{}, ccands: map[connKey]*candidate{}}
	t.MaxGREFlows = DefaultMaxGREFlows
	return t
}

func (t *Tracker) newSession(c *controlConn) *Session {
	s := &Session{Index: len(t.sessions) + 1, CallID: -1, PeerCallID: -1, conn: c}
	s.Client.CallID, s.Server.CallID = -1, -1
	s.noMessages = t.noMessages
	if c != nil {
		s.Client.Addr, s.Server.Addr = c.client, c.server
		s.Client.Port, s.Server.Port = c.clientPort, c.serverPort
		c.sessions = append(c.sessions, s)
	}
	if t.replay > 0 {
		// A candidate promoted: the order it took when it was seen, and
		// its place in t.sessions, which is in order.
		s.order = t.replay
		i, _ := slices.BinarySearchFunc(t.sessions, s.order, func(e *Session, o int) int { return cmp.Compare(e.order, o) })
		t.sessions = slices.Insert(t.sessions, i, s)
		return s
	}
	t.created++
	s.order = t.created
	t.sessions = append(t.sessions, s)
	return s
}

// Key identifies the session while it is tracked (its order of first
// appearance in the capture; Index is given when it is finished):
// Record.SessionKey names it.
func (s *Session) Key() int { return s.order }

func (s *Session) touch(tm time.Time) {
	if s.Start.IsZero() || tm.Before(s.Start) {
		s.Start = tm
	}
	if tm.After(s.End) {
		s.End = tm
	}
	s.lastSeen = tm
}

func (s *Session) negotiation(proto string) *negotiation {
	n := s.nego(proto)
	if n == nil {
		n = &negotiation{Proto: proto}
		ps := s.pppState()
		ps.negos = append(ps.negos, n)
	}
	return n
}

// TCP follows the TCP handshake and teardown of control connections.
func (t *Tracker) TCP(ev *TCPEvent) {
	k := makeConnKey(ev.Src, ev.Dst, ev.SrcPort, ev.DstPort)
	c := t.connOf(k)
	if ev.SYN && !ev.ACK {
		if c != nil && (c.closed || c.sccrq) {
			c = nil // the same endpoints connect again: a new session
		}
		if c == nil {
			if t.candidates && ev.PayloadLen >= 0 && ev.PayloadLen <= math.MaxInt32 {
				t.admitSYN(k, ev)
				return
			}
			c = t.newConn(k, ev.Src, ev.SrcPort, ev.Dst, ev.DstPort)
		}
		c.syn(ev)
		return
	}
	if c == nil {
		if !ev.FIN && !ev.RST && ev.PayloadLen == 0 {
			return // a lone ACK of a connection we know nothing of
		}
		c = t.connFor(ev.Src, ev.SrcPort, ev.Dst, ev.DstPort)
	}
	c.touch(ev.Time)
	switch {
	case ev.SYN && ev.ACK:
		c.synAck = true
		c.tcpPhase.add(ev.Frame, ev.Time)
		c.message(ev, "SYN-ACK", PhaseTCPConnect)
	case ev.RST:
		c.closed = true
		c.teardownFrame(ev.Frame, ev.Time)
		for _, s := range c.sessions {
			// A reset after the Stop-Control-Connection exchange is how
			// Windows closes; before it, the end was abrupt.
			if s.rare == nil || s.rare.stopcc == nil {
				s.more().rst = append(s.more().rst, ev.Frame)
			}
		}
		c.message(ev, "RST", PhaseTeardown)
	case ev.FIN:
		c.closed = true
		c.teardownFrame(ev.Frame, ev.Time)
		c.message(ev, "FIN", PhaseTeardown)
	case ev.ACK && c.synAck && !c.ackSeen && ev.PayloadLen == 0 && ev.Src == c.client:
		c.ackSeen = true
		c.tcpPhase.add(ev.Frame, ev.Time)
		c.message(ev, "ACK", PhaseTCPConnect)
	}
}

// syn adds a SYN (not SYN-ACK) of the connection.
func (c *controlConn) syn(ev *TCPEvent) {
	c.synSeen = true
	c.tcpPhase.add(ev.Frame, ev.Time)
	c.message(ev, "SYN", PhaseTCPConnect)
	c.touch(ev.Time)
}

// connOf is t.conns[k], or the connection of k's candidate, promoted.
func (t *Tracker) connOf(k connKey) *controlConn {
	if c := t.conns[k]; c != nil {
		return c
	}
	if cd := t.ccands[k]; cd != nil {
		return t.promote(cd).conn
	}
	return nil
}

// midPair is t.midPairs[pk], or the session of pk's candidate, promoted.
func (t *Tracker) midPair(pk pairKey) *Session {
	if cd := t.pcands[pk]; cd != nil {
		return t.promote(cd)
	}
	return t.midPairs[pk]
}

func (c *controlConn) touch(tm time.Time) {
	for _, s := range c.sessions {
		s.touch(tm)
	}
}

// message keeps a TCP segment of the handshake (SYN, SYN-ACK, ACK) or of the
// teardown (FIN, RST) as a message of the session, for timelines and diagrams.
// A SYN, SYN-ACK or FIN its side already sent is marked as a
// retransmission.
func (c *controlConn) message(ev *TCPEvent, flag, phase string) {
	side := 0
	if ev.Src != c.client {
		side = 1
	}
	bit := tcpBits[flag]
	again := bit != 0 && c.sent[side]&bit != 0
	c.sent[side] |= bit
	c.addMessage(Message{Frame: ev.Frame, Time: ev.Time, Phase: phase,
		FromClient: ev.Src == c.client, Proto: "TCP", Msg: flag, ID: -1, Retransmission: again})
}

// cc returns the control-connection phase, made on first use.
func (c *controlConn) cc() *phaseAcc {
	if c.ccPhase == nil {
		c.ccPhase = new(phaseAcc)
	}
	return c.ccPhase
}

// teardownFrame adds a frame to the connection's teardown phase; its
// message is added next.
func (c *controlConn) teardownFrame(frame int, t time.Time) {
	if c.teardown == nil {
		c.teardown = new(phaseAcc)
	}
	c.teardown.add(frame, t)
	if c.teardown.kept() > len(c.tdTimes) {
		var tm time.Time
		if c.kept < maxMessages || c.lastKept == frame {
			tm = t
		}
		c.tdTimes = append(c.tdTimes, tm)
	}
}

func (t *Tracker) newConn(k connKey, client netip.Addr, cport uint16, server netip.Addr, sport uint16) *controlConn {
	c := &controlConn{t: t, client: client, server: server, clientPort: cport, serverPort: sport}
	t.conns[k] = c
	t.newSession(c)
	return c
}

// connFor finds or creates the connection of a segment seen without its SYN:
// the client is the side that is not on port 1723.
func (t *Tracker) connFor(src netip.Addr, sp uint16, dst netip.Addr, dp uint16) *controlConn {
	k := makeConnKey(src, dst, sp, dp)
	if c := t.connOf(k); c != nil {
		return c
	}
	client, cport, server, sport := src, sp, dst, dp
	if sp == decode.PPTPPort && dp != decode.PPTPPort {
		client, cport, server, sport = dst, dp, src, sp
	}
	// A session seen only through its GRE so far joins this connection.
	if s := t.midPair(makePairKey(src, dst)); s != nil && s.conn == nil {
		c := &controlConn{t: t, client: client, server: server, clientPort: cport, serverPort: sport}
		t.conns[k] = c
		s.conn = c
		c.sessions = append(c.sessions, s)
		s.setClient(client, InferPort1723)
		return c
	}
	c := t.newConn(k, client, cport, server, sport)
	for _, s := range c.sessions {
		s.ClientInferred = true
		s.InferredBy = InferPort1723NoHandshake
	}
	return c
}

// setClient makes addr the client of a session found through its GRE.
func (s *Session) setClient(addr netip.Addr, why string) {
	if s.Client.Addr != addr && s.Server.Addr == addr {
		s.swapSides()
	}
	s.ClientInferred = true
	s.InferredBy = why
}

// swapSides makes the server the client, and the client the server, in
// everything the session holds so far.
func (s *Session) swapSides() {
	s.Client, s.Server = s.Server, s.Client
	s.Stats[0], s.Stats[1] = s.Stats[1], s.Stats[0]
	if s.Traffic != nil {
		for i := range s.Traffic.Buckets {
			b := &s.Traffic.Buckets[i]
			b[0], b[1] = b[1], b[0]
		}
	}
	for i := range s.Messages {
		s.Messages[i].FromClient = !s.Messages[i].FromClient
	}
	if ps := s.pppSt; ps != nil {
		for _, n := range ps.negos {
			n.Dir[0], n.Dir[1] = n.Dir[1], n.Dir[0]
			n.RejectedBy = 1 - n.RejectedBy
		}
		ps.lcpEcho[0], ps.lcpEcho[1] = ps.lcpEcho[1], ps.lcpEcho[0]
	}
	if t := s.term; t != nil {
		t.data[0], t.data[1] = t.data[1], t.data[0]
		t.frames[0], t.frames[1] = t.frames[1], t.frames[0]
	}
	if r := s.rare; r != nil {
		r.linkAddr[0], r.linkAddr[1] = r.linkAddr[1], r.linkAddr[0]
	}
}

// Record adds one record of the scan.
func (t *Tracker) Record(r *Record) {
	switch {
	case r.Proto == "PPTP":
		t.control(r)
	case r.CallID >= 0:
		t.greRecord(r, nil)
	case !r.Src.IsValid():
		t.pppLinkRecord(r)
	}
}

func (t *Tracker) control(r *Record) {
	c := t.connOf(makeConnKey(r.Src, r.Dst, r.SrcPort, r.DstPort))
	if c == nil {
		c = t.connFor(r.Src, r.SrcPort, r.Dst, r.DstPort)
	}
	p, _ := r.Message.(*decode.PPTP)
	fromClient := r.Src == c.client
	c.touch(r.Time)
	var msg Message
	if t.noMessages {
		// Only what finishing the sessions needs of it (times, frames).
		msg = Message{Frame: r.Frame, Time: r.Time, FromClient: fromClient, Proto: r.Proto, Msg: r.Msg, ID: r.ID}
	} else {
		msg = messageOf(r, "", fromClient)
	}
	defer func() { r.Phase, r.SessionKey = msg.Phase, c.current().order }()
	if p == nil {
		msg.Phase = PhaseControlConnection
		c.cc().add(r.Frame, r.Time)
		c.addMessage(msg)
		return
	}
	side := func(s *Session) *Side {
		if fromClient {
			return &s.Client
		}
		return &s.Server
	}
	switch p.MessageType {
	case decode.PPTPStartControlConnectionRequest, decode.PPTPStartControlConnectionReply:
		msg.Phase = PhaseControlConnection
		c.cc().add(r.Frame, r.Time)
		// The first Start-Control-Connection message of each side says who
		// it is; a repeated one (retransmitted, or garbage) does not
		// overwrite it.
		first := !c.sccrq
		if p.MessageType == decode.PPTPStartControlConnectionReply {
			first = !c.sccrp
		}
		if p.MessageType == decode.PPTPStartControlConnectionRequest {
			c.sccrq = true
			// The client is the side that asks for the control connection.
			if !c.synSeen {
				if r.Src != c.client {
					c.client, c.server = c.server, c.client
					c.clientPort, c.serverPort = c.serverPort, c.clientPort
					fromClient = true
					msg.FromClient = true
				}
				for _, s := range c.sessions {
					if s.Client.Addr != r.Src {
						s.setClient(r.Src, "")
					}
					s.ClientInferred, s.InferredBy = false, ""
				}
			}
		} else {
			c.sccrp = true
		}
		for _, s := range c.sessions {
			if first {
				sd := side(s)
				sd.HostName, sd.Vendor = p.HostName(), p.VendorName()
				sd.Firmware = int(p.FirmwareRevision)
				sd.Framing, sd.Bearer = p.FramingCapabilities, p.BearerCapabilities
			}
			if p.MessageType == decode.PPTPStartControlConnectionReply {
				s.sccrp = newSCCResult(p, r.Frame)
			}
		}
		c.addMessage(msg)
	case decode.PPTPStopControlConnectionRequest, decode.PPTPStopControlConnectionReply:
		msg.Phase = PhaseTeardown
		c.teardownFrame(r.Frame, r.Time)
		if p.MessageType == decode.PPTPStopControlConnectionReply {
			for _, s := range c.sessions {
				s.more().stopcc = newSCCResult(p, r.Frame)
			}
		}
		c.addMessage(msg)
	case decode.PPTPEchoRequest, decode.PPTPEchoReply:
		msg.Phase = PhaseData
		s := c.current()
		dir := 0
		if !fromClient {
			dir = 1
		}
		if p.MessageType == decode.PPTPEchoRequest {
			s.Stats[dir].PPTPEchoReq++
		} else {
			s.Stats[dir].PPTPEchoRep++
		}
		s.countEcho(r.Time, dir, p.MessageType != decode.PPTPEchoRequest)
		s.addPhase(phData, r.Frame, r.Time)
		s.addMessage(msg)
	case decode.PPTPOutgoingCallRequest, decode.PPTPIncomingCallRequest:
		msg.Phase = PhaseCallSetup
		s := c.sessionForNewCall()
		if p.MessageType == decode.PPTPOutgoingCallRequest {
			s.CallID, s.Client.CallID = int(p.CallID), int(p.CallID)
			s.Client.WindowSize, s.Client.ProcessDelay = int(p.WindowSize), int(p.ProcessingDelay)
		} else {
			s.PeerCallID, s.Server.CallID = int(p.CallID), int(p.CallID)
		}
		s.addPhase(phCallSetup, r.Frame, r.Time)
		s.touch(r.Time)
		s.addMessage(msg)
	case decode.PPTPOutgoingCallReply, decode.PPTPIncomingCallReply, decode.PPTPIncomingCallConnected:
		msg.Phase = PhaseCallSetup
		s := c.callByID(int(p.PeerCallID))
		if s == nil {
			s = c.sessionForNewCall()
		}
		switch p.MessageType {
		case decode.PPTPOutgoingCallReply:
			s.PeerCallID, s.Server.CallID = int(p.CallID), int(p.CallID)
			s.CallID, s.Client.CallID = int(p.PeerCallID), int(p.PeerCallID)
			s.Server.WindowSize, s.Server.ProcessDelay = int(p.WindowSize), int(p.ProcessingDelay)
			s.Server.ConnectSpeed = int(p.ConnectSpeed)
			s.ocrp = newSCCResult(p, r.Frame)
		case decode.PPTPIncomingCallReply:
			s.CallID, s.Client.CallID = int(p.CallID), int(p.CallID)
			s.Client.WindowSize = int(p.WindowSize)
			s.ocrp = newSCCResult(p, r.Frame)
		case decode.PPTPIncomingCallConnected:
			s.Server.ConnectSpeed = int(p.ConnectSpeed)
		}
		t.registerGRE(s)
		s.addPhase(phCallSetup, r.Frame, r.Time)
		s.touch(r.Time)
		s.addMessage(msg)
	case decode.PPTPSetLinkInfo:
		msg.Phase = PhaseCallSetup
		s := c.callByID(int(p.PeerCallID))
		if s == nil {
			s = c.current()
		}
		s.addPhase(phCallSetup, r.Frame, r.Time)
		s.addMessage(msg)
	case decode.PPTPCallClearRequest, decode.PPTPCallDisconnectNotify:
		msg.Phase = PhaseTeardown
		s := c.callByID(int(p.CallID))
		if s == nil {
			s = c.current()
		}
		if p.MessageType == decode.PPTPCallDisconnectNotify {
			s.more().cdn = newSCCResult(p, r.Frame)
		}
		s.addPhase(phTeardown, r.Frame, r.Time)
		s.touch(r.Time)
		s.addMessage(msg)
	case decode.PPTPWANErrorNotify:
		msg.Phase = PhaseData
		s := c.callByID(int(p.PeerCallID))
		if s == nil {
			s = c.current()
		}
		s.more().wen = append(s.more().wen, r.Frame)
		s.addPhase(phData, r.Frame, r.Time)
		s.addMessage(msg)
	default:
		msg.Phase = PhaseControlConnection
		c.cc().add(r.Frame, r.Time)
		c.addMessage(msg)
	}
}

// current is the connection's latest session.
func (c *controlConn) current() *Session { return c.sessions[len(c.sessions)-1] }

// sessionForNewCall returns the session a new call request belongs to: the
// connection's session while it has no call yet, else a new one.
func (c *controlConn) sessionForNewCall() *Session {
	s := c.current()
	if s.CallID < 0 && s.PeerCallID < 0 {
		return s
	}
	n := c.t.newSession(c)
	// The new call shares the control connection: its PPTP identity and
	// the Start-Control-Connection result.
	first := c.sessions[0]
	n.Client, n.Server = first.Client, first.Server
	n.Client.CallID, n.Server.CallID = -1, -1
	n.Client.WindowSize, n.Server.WindowSize = 0, 0
	n.Server.ConnectSpeed = 0
	n.sccrp, n.ClientInferred, n.InferredBy = first.sccrp, first.ClientInferred, first.InferredBy
	return n
}

func (c *controlConn) callByID(id int) *Session {
	for i := len(c.sessions) - 1; i >= 0; i-- {
		s := c.sessions[i]
		if s.CallID == id || s.PeerCallID == id {
			return s
		}
	}
	return nil
}

func (c *controlConn) addMessage(m Message) {
	if c.kept >= maxMessages {
		return
	}
	if c.kept == 0 || m.Time.Before(c.firstT) {
		c.firstT = m.Time
	}
	if c.kept == 0 || m.Time.After(c.lastT) {
		c.lastT = m.Time
	}
	c.kept++
	c.lastKept = m.Frame
	if !c.t.noMessages {
		c.messages = append(c.messages, m)
	}
}

func (s *Session) addMessage(m Message) {
	if s.noMessages {
		return
	}
	if len(s.Messages) >= maxMessages {
		s.MessagesDropped++
		return
	}
	s.Messages = append(s.Messages, m)
}

// registerGRE maps the call's GRE flows to the session: GRE carries the
// receiver's call ID, so client -> server packets carry the server's.
func (t *Tracker) registerGRE(s *Session) {
	if s.PeerCallID >= 0 {
		t.setGRE(greKey{s.Client.Addr, s.Server.Addr, uint16(s.PeerCallID)}, s)
	}
	if s.CallID >= 0 {
		t.setGRE(greKey{s.Server.Addr, s.Client.Addr, uint16(s.CallID)}, s)
	}
}

// setGRE maps a call's flow to its session; a candidate of that flow
// loses it, as the session it stands for would have.
func (t *Tracker) setGRE(k greKey, s *Session) {
	if c := t.gcands[k]; c != nil {
		delete(t.gcands, k)
		c.noKey = true
	}
	t.greChanged(k)
	t.gre[k] = s
}

// greRecord adds a GRE-carried record (PPP control, data or ack-only) to
// its flow's session, or to s when given (a candidate's replayed record).
func (t *Tracker) greRecord(r *Record, s *Session) {
	if s == nil {
		// The flow is looked up by its fields: a greKey built here and
		// passed on was copied through the stack, a stall that was a
		// sixth of this function's time (greSetOf).
		if s = t.greLookupOf(r.Src, r.Dst, uint16(r.CallID)); s == nil {
			k := greKey{r.Src, r.Dst, uint16(r.CallID)}
			if c := t.gcands[k]; c != nil {
				s = t.promote(c)
			} else if s = t.midSession(r, k); s == nil {
				return
			}
		}
	}
	if s.mid && !s.roleKnown && (s.conn == nil || !s.conn.sccrq) {
		if client, ok := authClient(r); ok {
			s.roleKnown = true
			s.setClient(client, InferAuthenticator)
		}
	}
	r.SessionKey = s.order
	dir := 0
	if r.Src != s.Client.Addr {
		dir = 1
	}
	s.touch(r.Time)
	st := &s.Stats[dir]
	st.Packets++
	st.Bytes += r.Length
	dup := false
	lost, reordered := st.Lost, st.Reordered
	if r.HasSeq {
		before := st.Duplicated
		st.tracker().add(r.Seq, r.Time, st)
		dup = st.Duplicated != before
	}
	s.countGRE(r.Time, dir, r.Length, st.Lost-lost, st.Reordered-reordered)
	if r.HasAck {
		if d, ok := s.Stats[1-dir].tracker().ack(r.Ack, r.Time); ok {
			s.GRERTT.add(d)
			s.countRTT(r.Time, 1-dir, d)
		}
	}
	if dup {
		// A second copy of a GRE packet (a capture on both sides of a
		// bridge, 802.11 retransmissions): counted as a duplicate only.
		r.Phase = phaseOf(r)
		return
	}
	s.ppp(r, dir)
}

// midSession creates a session for GRE whose call setup is not in the
// capture, or joins the reverse flow of one.
func (t *Tracker) midSession(r *Record, k greKey) *Session {
	pk := makePairKey(r.Src, r.Dst)
	if c := t.pcands[pk]; c != nil && c.src != r.Src {
		t.promote(c) // the reverse flow: it joins the candidate's session
	}
	if s := t.midPairs[pk]; s != nil && !s.hasFlow(r.Src) {
		t.greChanged(k)
		t.gre[k] = s
		s.more().greSrcs = append(s.more().greSrcs, r.Src)
		return s
	}
	if len(t.gre)+len(t.gcands) >= t.MaxGREFlows {
		// A capture with endless distinct GRE flows and no call setup
		// (hostile, or a huge concentrator): stop making sessions of them.
		t.UntrackedGRE++
		return nil
	}
	if t.candidates && admissible(r) {
		t.admitGRE(r, k, pk)
		return nil
	}
	delete(t.pcands, pk) // the pair's newest session is this one
	s := t.newSession(nil)
	s.more().greSrcs = append(s.more().greSrcs, r.Src)
	s.mid = true
	s.Client.Addr, s.Server.Addr = r.Src, r.Dst
	s.ClientInferred = true
	s.InferredBy = InferFirstGRE
	t.midPairs[pk] = s
	t.greChanged(k)
	t.gre[k] = s
	return s
}

func (s *Session) hasFlow(src netip.Addr) bool {
	if s.rare == nil {
		return false
	}
	for _, a := range s.rare.greSrcs {
		if a == src {
			return true
		}
	}
	return false
}

// Sessions returns the sessions in order of first appearance, with their
// phases' statuses and findings computed (with LazyFinish: ended, to be
// completed by Session.Finish, and forgotten by the tracker, so that each
// can be dropped once handed over). Call it once, at the end.
func (t *Tracker) Sessions() []*Session {
	t.promoteAll()
	out := make([]*Session, 0, len(t.sessions))
	for _, s := range t.sessions {
		s.finish(t.lazy)
		out = append(out, s)
	}
	if t.lazy {
		t.sessions = nil
		clear(t.conns)
		clear(t.gre)
		t.greCache = [greCacheSize][2]greCacheEntry{}
		clear(t.midPairs)
		t.cands = nil
		t.link, t.linkEnds, t.linkClient = nil, nil, 0
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	for i, s := range out {
		s.Index = t.ended + i + 1
	}
	return out
}

// authClient tells the client from a PPP authentication packet: the peer
// that is authenticated sends CHAP Responses, PAP Authenticate-Requests and
// EAP Responses; the authenticator (the server) sends the rest.
func authClient(r *Record) (netip.Addr, bool) {
	fromClient := false
	switch m := r.Message.(type) {
	case *decode.CHAP:
		fromClient = m.Code == 2
	case *decode.PAP:
		fromClient = m.Code == 1
	case *decode.EAP:
		fromClient = m.Code == 2
	default:
		return netip.Addr{}, false
	}
	if fromClient {
		return r.Src, true
	}
	return r.Dst, true
}
