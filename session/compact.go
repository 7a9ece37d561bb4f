package session

import (
	"encoding/binary"
	"net/netip"
	"time"
)

// The state a session keeps while it is open is compact (issue 16): tens
// of thousands of sessions may be open at once, most of them with only a
// few phases and no message list. The public model (Phases, ...) is
// built once, when the session is finished.

// Phase indexes: the position of each phase in PhaseOrder.
const (
	phTCPConnect = iota
	phControlConnection
	phCallSetup
	phLCP
	phAuthentication
	phNCP
	phCCP
	phData
	phTeardown
	numPhases
)

// phaseIndex returns the index of a phase name in PhaseOrder.
func phaseIndex(name string) int {
	switch name {
	case PhaseTCPConnect:
		return phTCPConnect
	case PhaseControlConnection:
		return phControlConnection
	case PhaseCallSetup:
		return phCallSetup
	case PhaseLCP:
		return phLCP
	case PhaseAuthentication:
		return phAuthentication
	case PhaseNCP:
		return phNCP
	case PhaseCCP:
		return phCCP
	case PhaseData:
		return phData
	}
	return phTeardown
}

// phaseAcc is a phase of an open control connection (its TCP, control
// connection and teardown phases): what Phase.add keeps, with the frame
// list delta-encoded (frameList). A session's own phases are openPhases.
type phaseAcc struct {
	start, end time.Time
	count      int
	frames     frameList
}

// add records a frame of the phase at time t, as Phase.add does.
func (p *phaseAcc) add(frame int, t time.Time) {
	if p.count == 0 || t.Before(p.start) {
		p.start = t
	}
	if t.After(p.end) || p.count == 0 {
		p.end = t
	}
	p.count++
	if p.frames.n < maxPhaseFrames {
		p.frames.add(frame)
	}
}

// phase returns the public Phase named name (with no frames when p is
// nil).
func (p *phaseAcc) phase(name string) Phase {
	if p == nil {
		return Phase{Name: name}
	}
	return Phase{Name: name, Start: p.start, End: p.end, Count: p.count, Frames: p.frames.ints()}
}

// frameInts returns the frames of the phase (nil when p is nil).
func (p *phaseAcc) frameInts() []int {
	if p == nil {
		return nil
	}
	return p.frames.ints()
}

// frameList is a list of frame numbers kept as zigzag varint deltas:
// frames of one phase are close to each other and mostly increasing, so
// each takes one to three bytes instead of eight.
type frameList struct {
	b    []byte
	last int
	n    int
}

func (l *frameList) add(f int) {
	l.b = binary.AppendVarint(l.b, int64(f-l.last))
	l.last = f
	l.n++
}

// ints returns the frames (nil when none).
func (l *frameList) ints() []int {
	if l.n == 0 {
		return nil
	}
	out := make([]int, 0, l.n)
	b, f := l.b, 0
	for len(b) > 0 {
		d, k := binary.Varint(b)
		if k <= 0 {
			break
		}
		b = b[k:]
		f += int(d)
		out = append(out, f)
	}
	return out
}

// addPhase records frame at time t in phase i (call setup or later).
func (s *Session) addPhase(i, frame int, t time.Time) {
	if s.ph == nil {
		s.ph = new(openPhases)
	}
	s.ph.add(i-phCallSetup, frame, t)
}

// buildPhases makes the public Phases from the open phases and drops them.
func (s *Session) buildPhases() {
	if s.Phases != nil {
		return
	}
	ps := make([]Phase, numPhases)
	s.Phases = make(map[string]*Phase, numPhases)
	for i, name := range PhaseOrder {
		if i >= phCallSetup {
			ps[i] = s.ph.phase(i-phCallSetup, name)
		} else {
			ps[i] = Phase{Name: name}
		}
		s.Phases[name] = &ps[i]
	}
	s.ph = nil
}

// nego returns the negotiation of a protocol, or nil when none was seen.
func (s *Session) nego(proto string) *negotiation {
	if s.pppSt == nil {
		return nil
	}
	for _, n := range s.pppSt.negos {
		if n.Proto == proto {
			return n
		}
	}
	return nil
}

// echoWaits are the LCP Echo-Requests of one side waiting for their reply
// (a small set keyed by identifier: usually none or one).
type echoWaits []echoWait

type echoWait struct {
	id int
	t  time.Time
}

// set records a request with identifier id sent at t (a repeated
// identifier replaces the earlier request).
func (w echoWaits) set(id int, t time.Time) echoWaits {
	for i := range w {
		if w[i].id == id {
			w[i].t = t
			return w
		}
	}
	return append(w, echoWait{id, t})
}

// take removes the request with identifier id and returns its time.
func (w echoWaits) take(id int) (echoWaits, time.Time, bool) {
	for i := range w {
		if w[i].id == id {
			t := w[i].t
			w[i] = w[len(w)-1]
			return w[:len(w)-1], t, true
		}
	}
	return w, time.Time{}, false
}

// pppState is what a session's PPP keeps while it is open: the
// configuration protocols seen (nego looks one up) and the LCP
// Echo-Requests not answered yet, by sender. Made with the first of either
// (a connection attempt has no PPP), apart from sessionRare, which most
// sessions then do not need.
type pppState struct {
	negos   []*negotiation
	lcpEcho [2]echoWaits
}

func (s *Session) pppState() *pppState {
	if s.pppSt == nil {
		s.pppSt = new(pppState)
	}
	return s.pppSt
}

// sessionRare is what a session needs only for terminations, PPP links,
// abnormal ends, early findings and sessions found through their GRE: made
// on first use (Session.more), so that the others do not carry it.
type sessionRare struct {
	termData   [2]string
	termFrames [2]int
	linkAddr   [2]netip.Addr // PPP link: source and destination of the first IPv4 data frame, by direction
	wen        []int         // frames of WAN-Error-Notify messages
	rst        []int         // frames of TCP resets before Stop-Control-Connection
	early      []string      // codes of the findings EarlyFindings reported
	greSrcs    []netip.Addr  // sources of the GRE flows joined to a session found through its GRE
	cdn        *sccResult    // Call-Disconnect-Notify
	stopcc     *sccResult    // Stop-Control-Connection-Reply
}

// callDisconnect returns the session's Call-Disconnect-Notify, or nil.
func (s *Session) callDisconnect() *sccResult {
	if s.rare == nil {
		return nil
	}
	return s.rare.cdn
}

func (s *Session) more() *sessionRare {
	if s.rare == nil {
		s.rare = new(sessionRare)
	}
	return s.rare
}
