package crack

// This file is the crack package's only contact with the packet loop: it
// turns the records of a capture into Auths.

import (
	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/session"
)

// Collected is what Collect found in a capture.
type Collected struct {
	Auths []Auth
	// Incomplete counts responses whose challenge is not in the capture
	// (and challenges never answered).
	Incomplete int
}

// Collector follows the authentication packets of each session. Feed it
// the records of an analysis (Record); Collect does that for a whole
// capture.
type Collector struct {
	session.NopSink
	out      Collected
	sessions map[int]int // session key -> ordinal
	pending  map[int]*pending
	last     map[int]int // session key -> index in out.Auths of its last Auth
	index    map[int]int // session key -> session.Session.Index
	onAuth   func(Auth)
}

// NewCollector returns a Collector; onAuth, when not nil, is called with
// each authentication as soon as its response is seen (Result is still
// "none" then: the server's verdict comes later, in Finish's list).
func NewCollector(onAuth func(Auth)) *Collector {
	return &Collector{sessions: map[int]int{}, pending: map[int]*pending{}, last: map[int]int{}, index: map[int]int{}, onAuth: onAuth}
}

// Session takes a session of the analysis (a sink's SessionEnd, or
// Analysis.Sessions): Finish then numbers that session's authentications
// with its Index, as analyze does.
func (c *Collector) Session(s *session.Session) { c.index[s.Key()] = s.Index }

// SessionEnd implements session.Sink (Session).
func (c *Collector) SessionEnd(s *session.Session) error {
	c.Session(s)
	return nil
}

// Record takes one record of the analysis (valid only during the call); it
// implements session.Sink.
func (c *Collector) Record(r *session.Record) error {
	c.record(r)
	return nil
}

// Finish returns what was collected, counting the challenges never
// answered as incomplete.
func (c *Collector) Finish() Collected {
	out := c.out
	for i := range out.Auths {
		if n, ok := c.index[out.Auths[i].SessionKey]; ok {
			out.Auths[i].Session = n
		}
	}
	for _, p := range c.pending {
		for _, m := range []map[byte]*challenge{p.chap, p.eap} {
			for _, ch := range m {
				if !ch.answered {
					out.Incomplete++
				}
			}
		}
	}
	return out
}

// pending holds a session's challenges by identifier (a response carries
// its challenge's identifier; on a plain PPP link both sides may challenge
// at once).
type pending struct {
	chap        map[byte]*challenge
	eap         map[byte]*challenge // EAP-MD5 or EAP-MSCHAPv2
	eapIdentity string
}

type challenge struct {
	value    []byte
	answered bool
}

// answer returns the challenge a response with identifier id answers; ok
// is false when there is none, dup when it was answered already (a
// retransmitted response).
func answer(m map[byte]*challenge, id byte) (c *challenge, ok, dup bool) {
	c = m[id]
	if c == nil {
		return nil, false, false
	}
	if c.answered {
		return c, true, true
	}
	c.answered = true
	return c, true, false
}

// Collect reads the capture and returns its authentications, in capture
// order. The scan error (a capture cut short...) is returned with what was
// found before it.
func Collect(src capture.Source) (Collected, error) {
	c := NewCollector(nil)
	// Streamed: finished sessions are dropped, so memory follows the
	// sessions open at once, not the capture.
	_, err := pipeline.Run(src, pipeline.Options{Policy: pipeline.Streamed(0, true)}, c)
	return c.Finish(), err
}

func (c *Collector) state(r *session.Record) (*pending, int) {
	key := r.SessionKey
	n, ok := c.sessions[key]
	if !ok {
		n = len(c.sessions) + 1
		c.sessions[key] = n
		c.pending[key] = &pending{chap: map[byte]*challenge{}, eap: map[byte]*challenge{}}
	}
	return c.pending[key], n
}

func (c *Collector) add(r *session.Record, a Auth) {
	a.SessionKey = r.SessionKey
	c.out.Auths = append(c.out.Auths, a)
	c.last[r.SessionKey] = len(c.out.Auths) - 1
	if c.onAuth != nil {
		c.onAuth(a)
	}
}

func (c *Collector) result(r *session.Record, res string) {
	if i, ok := c.last[r.SessionKey]; ok && c.out.Auths[i].Result == "none" {
		c.out.Auths[i].Result = res
	}
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

func (c *Collector) record(r *session.Record) {
	switch m := r.Message.(type) {
	case *decode.CHAP:
		c.chap(r, m)
	case *decode.EAP:
		c.eap(r, m)
	case *decode.PAP:
		_, n := c.state(r)
		switch m.Code {
		case 1:
			c.add(r, Auth{Session: n, Frame: r.Frame, Method: PAP, User: string(m.PeerID), Result: "none", Password: clone(m.Password)})
		case 2:
			c.result(r, "success")
		case 3:
			c.result(r, "failure")
		}
	}
}

func (c *Collector) chap(r *session.Record, m *decode.CHAP) {
	p, n := c.state(r)
	id := m.ControlHeader.Identifier
	switch m.Code {
	case decode.CHAPChallenge:
		p.chap[id] = &challenge{value: clone(m.Value)}
	case decode.CHAPResponse:
		ch, ok, dup := answer(p.chap, id)
		if dup {
			return
		}
		if !ok {
			c.out.Incomplete++
			return
		}
		a := Auth{Session: n, Frame: r.Frame, User: string(m.NameField), Result: "none"}
		switch m.EffectiveAlgorithm() {
		case decode.CHAPAlgorithmMSCHAPv2:
			v2, ok := m.MSCHAPv2()
			if !ok || len(ch.value) != 16 {
				c.out.Incomplete++
				return
			}
			a.Method, a.AuthChallenge, a.PeerChallenge, a.NTResponse = MSCHAPv2, ch.value, clone(v2.PeerChallenge), clone(v2.NTResponse)
		case decode.CHAPAlgorithmMSCHAPv1:
			v1, ok := m.MSCHAPv1()
			if !ok || len(ch.value) != 8 {
				c.out.Incomplete++
				return
			}
			a.Method, a.Challenge, a.NTResponse, a.LMResponse = MSCHAPv1, ch.value, clone(v1.NTResponse), clone(v1.LMResponse)
		default:
			if len(m.Value) != 16 {
				c.out.Incomplete++
				return
			}
			a.Method, a.Challenge, a.ID, a.Response = CHAPMD5, ch.value, id, clone(m.Value)
		}
		c.add(r, a)
	case decode.CHAPSuccess:
		c.result(r, "success")
	case decode.CHAPFailure:
		c.result(r, "failure")
	}
}

func (c *Collector) eap(r *session.Record, m *decode.EAP) {
	p, n := c.state(r)
	id := m.ControlHeader.Identifier
	switch m.Code {
	case decode.EAPRequest:
		switch {
		case m.Type == decode.EAPTypeMD5Challenge:
			p.eap[id] = &challenge{value: clone(m.MD5.Value)}
		case m.MSCHAPv2Challenge() != nil:
			p.eap[id] = &challenge{value: clone(m.MSCHAPv2Challenge())}
		}
	case decode.EAPResponse:
		switch {
		case m.Type == decode.EAPTypeIdentity:
			p.eapIdentity = string(m.TypeData)
		case m.Type == decode.EAPTypeMD5Challenge:
			ch, ok, dup := answer(p.eap, id)
			if dup {
				return
			}
			if !ok || len(m.MD5.Value) != 16 {
				c.out.Incomplete++
				return
			}
			user := p.eapIdentity
			if len(m.MD5.NameField) > 0 {
				user = string(m.MD5.NameField)
			}
			c.add(r, Auth{Session: n, Frame: r.Frame, Method: EAPMD5, User: user, Result: "none", Challenge: ch.value, ID: id, Response: clone(m.MD5.Value)})
		default:
			v2, isV2 := m.MSCHAPv2Response()
			if !isV2 {
				return
			}
			ch, ok, dup := answer(p.eap, id)
			if dup {
				return
			}
			if !ok || len(ch.value) != 16 {
				c.out.Incomplete++
				return
			}
			c.add(r, Auth{Session: n, Frame: r.Frame, Method: EAPMSCHAPv2, User: string(m.MSCHAPv2.NameField), Result: "none",
				AuthChallenge: ch.value, PeerChallenge: clone(v2.PeerChallenge), NTResponse: clone(v2.NTResponse)})
		}
	case decode.EAPSuccess:
		c.result(r, "success")
	case decode.EAPFailure:
		c.result(r, "failure")
	}
}

// FromSession is the Auth of a session's MS-CHAP authentication as the
// tracker keeps it (the decryption stage asks for its password as soon as
// it is seen); user is the name the hashes use. ok is false for methods
// that give no MPPE keys.
func FromSession(a *session.Auth, user string) (Auth, bool) {
	out := Auth{Method: a.Method, User: user, Result: a.Result, Frame: a.ResponseFrame,
		NTResponse: clone(a.NTResponse), LMResponse: clone(a.LMResponse)}
	switch a.Method {
	case MSCHAPv2, EAPMSCHAPv2:
		out.AuthChallenge, out.PeerChallenge = clone(a.Challenge), clone(a.PeerChallenge)
	case MSCHAPv1:
		out.Challenge = clone(a.Challenge)
	default:
		return Auth{}, false
	}
	if out.LMResponse == nil {
		out.LMResponse = make([]byte, 24)
	}
	return out, len(out.NTResponse) == 24
}
