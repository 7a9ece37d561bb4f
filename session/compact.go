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
// list delta-encoded (a frameLog of one phase). A session's own phases are
// openPhases.
type phaseAcc struct {
	start, end time.Time
	count      int
	frames     frameLog
}

// add records a frame of the phase at time t, as Phase.add does.
func (p *phaseAcc) add(frame int, t time.Time) {
	if p.count == 0 || t.Before(p.start) {
		p.start = t
	}
	if t.After(p.end) || p.count == 0 {
		p.end = t
	}
	if p.count < maxPhaseFrames {
		p.frames.add(0, frame)
	}
	p.count++
}

// kept is the number of frames in the phase's list.
func (p *phaseAcc) kept() int { return min(p.count, maxPhaseFrames) }

// phase returns the public Phase named name (with no frames when p is
// nil).
func (p *phaseAcc) phase(name string) Phase {
	if p == nil {
		return Phase{Name: name}
	}
	return Phase{Name: name, Start: p.start, End: p.end, Count: p.count, Frames: p.frameInts()}
}

// frameInts returns the frames of the phase (nil when p is nil).
func (p *phaseAcc) frameInts() []int {
	if p == nil {
		return nil
	}
	return p.frames.frames(0, p.kept())
}

// frameLog is a list of frame numbers, each of a phase (an index from 0 to
// 6), in the order they came: per frame a varint of its distance from the
// frame before, zigzag-encoded, with the phase in its low three bits.
// Frames of a phase are close to each other and mostly increasing, so each
// takes one to three bytes instead of eight. A distance too large for the
// three bits (beyond 2^59) is written as an escape: escapePhase, the phase
// in a byte, the distance in a varint of its own.
type frameLog struct {
	b    []byte
	last int // the frame added last
}

// escapePhase marks a frameLog entry written as an escape.
const escapePhase = 7

func (l *frameLog) add(phase, frame int) {
	d := int64(frame - l.last)
	l.last = frame
	z := uint64(d<<1) ^ uint64(d>>63) // zigzag
	if z < 1<<60 {
		l.b = binary.AppendUvarint(l.b, z<<3|uint64(phase))
		return
	}
	l.b = binary.AppendUvarint(l.b, escapePhase)
	l.b = append(l.b, byte(phase))
	l.b = binary.AppendUvarint(l.b, z)
}

// frames returns the n frames of phase (nil when n is 0).
func (l *frameLog) frames(phase, n int) []int {
	if n == 0 {
		return nil
	}
	out := make([]int, 0, n)
	b, f := l.b, 0
	for len(b) > 0 {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			break
		}
		b = b[k:]
		ph, z := int(v&7), v>>3
		if ph == escapePhase {
			if len(b) == 0 {
				break
			}
			ph = int(b[0])
			if z, k = binary.Uvarint(b[1:]); k <= 0 {
				break
			}
			b = b[1+k:]
		}
		f += int(int64(z>>1) ^ -int64(z&1))
		if ph == phase {
			out = append(out, f)
		}
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
	linkAddr [2]netip.Addr // PPP link: source and destination of the first IPv4 data frame, by direction
	wen      []int         // frames of WAN-Error-Notify messages
	rst      []int         // frames of TCP resets before Stop-Control-Connection
	early    []string      // codes of the findings EarlyFindings reported
	greSrcs  []netip.Addr  // sources of the GRE flows joined to a session found through its GRE
	cdn      *sccResult    // Call-Disconnect-Notify
	stopcc   *sccResult    // Stop-Control-Connection-Reply
}

// lcpTerm is a session's first LCP Terminate-Request of each side (frame,
// text): made with the first, apart from sessionRare, since every session
// that ends well has one.
type lcpTerm struct {
	data   [2]string
	frames [2]int
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
