package pipeline

import (
	"encoding/binary"
	"errors"
	"net/netip"
	"runtime"
	"sort"
	"sync/atomic"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/session"
)

// The decryption stage: it follows the records of the loop for each
// session's MS-CHAP exchange, CCP resets and MPPE frames, checks the
// credentials, decrypts, decodes the inner packets once (decode.Inner) and
// fills the session's Decryption when the session ends. It finds sessions
// through the tracker's public lookup (Tracker.SessionOf).

// decrypter follows the records of a scan for the sessions' MS-CHAP
// exchanges, CCP resets and MPPE frames.
type decrypter struct {
	creds *mppe.Credentials
	find  Finder          // Options.Find
	asked map[string]bool // users find was asked for (true: and found)
	st    map[*session.Session]*sessionCrypto
	buf   []byte
	zbuf  []byte // decompressed output, reused
	inner decode.Inner
	idec  *decode.InnerDecoder
	ahead *mppe.Ahead // stateless key chains computed on the other cores, or nil
	// The session of the last record and its state: the next record is
	// most often of the same session.
	lastS *session.Session
	lastC *sessionCrypto
	// noMessages: the sessions keep no messages (Policy.NoMessages), so
	// the inner timeline keeps counts only.
	noMessages bool
	// headers: the sink reads no inner bytes (Policy.InnerHeadersOnly), so
	// a stateless packet is decrypted only as far as decode.Inner reads it
	// (innerNeed).
	headers bool
}

// Keys computed ahead: a stateless direction's session keys are a pure
// function of its start key, so mppe.Ahead computes them (a SHA-1 and two
// RC4 schedules per packet, most of the cost of decrypting) on the other
// cores while the loop goes on; the loop still decrypts, in packet order,
// and computes a key itself when the workers are behind, so the output does
// not depend on them. At most aheadChains directions are served at once
// (about 8.7 KB each); the others compute their keys in the loop.
const aheadChains = 1024

// aheadWorkers is the number of goroutines computing keys ahead: one per
// core besides the loop's; none (every key computed in the loop) on one
// core. Tests change it to run both paths.
var aheadWorkers = func() int { return runtime.GOMAXPROCS(0) - 1 }

type flowKey struct {
	proto      string
	a, b       netip.Addr
	aPort, bPt uint16
}

type flowCount struct {
	packets, bytes int
	nfirst         int               // packets in the timeline: the first timelinePacketsFlow
	firstFrame     int               // the frame of the first
	first          []session.Message // those packets, unless the sessions keep no messages
}

type pairKey struct{ a, b netip.Addr }

func makePairKey(x, y netip.Addr) pairKey {
	if y.Less(x) {
		x, y = y, x
	}
	return pairKey{x, y}
}

// Limits of what a session keeps of its inner traffic.
const (
	maxTimelineFlows    = 30
	timelinePacketsFlow = 3
	maxInnerFlows       = 4096
	maxInnerTalkers     = 4096
)

type sessionCrypto struct {
	d        *session.Decryption
	verified bool // verify ran (d.Verified holds its result)
	setup    bool
	dead     bool
	cred     mppe.Credential
	ver      mppe.Verification
	dec      [2]*mppe.Decryptor
	mppc     [2]*mppe.Decompressor // per direction, from the first compressed frame
	cand     [2][]*mppe.Decryptor  // MS-CHAPv1 40/56-bit: both start key variants until one works
	candName []string
	eapName  string
	flows    map[flowKey]*flowCount
	protos   map[string]*session.InnerCount // IP packets' protocols (and IPv4, IPv6)
	// The other PPP protocols (a garbage plaintext names one at random),
	// by number: their names follow from it (decode.PPPProtocolName) and
	// are none of the IP ones (TestPPPNamesNotIP). Together with protos,
	// at most session.MaxInnerProtocols.
	pppIndex *pppTable
	ppp      []pppCount
	talkers  map[pairKey]*session.Talker
	// The entries of the last packet counted: the next one is most often
	// of the same flow, and comparing keys costs less than hashing them.
	lastProto  *session.InnerCount
	lastTalker *session.Talker
	lastPair   pairKey
	lastFlow   *flowCount
	lastFlowK  flowKey
	noMessages bool // decrypter.noMessages
}

func newDecrypter(c *mppe.Credentials, headers bool) *decrypter {
	d := &decrypter{creds: c, st: map[*session.Session]*sessionCrypto{}, buf: make([]byte, 0, 2048), zbuf: make([]byte, 0, mppe.MPPCHistorySize), idec: decode.NewInnerDecoder(), headers: headers}
	if n := aheadWorkers(); n > 0 {
		var o mppe.AheadOptions
		if headers {
			// The headers of most packets, and no RC4 state: a packet
			// read further (DNS, an HTTP request) costs the loop a key
			// schedule.
			o = mppe.AheadOptions{Stream: headerStream, NoState: true}
		}
		d.ahead = mppe.NewAheadWith(n, aheadChains, o)
	}
	return d
}

// headerStream is the key stream computed ahead per packet when only the
// inner headers are read: a PPP protocol field, an IPv4 header and a TCP
// header with options, and the first octets of its payload.
const headerStream = 64

// close stops the workers computing keys ahead.
func (d *decrypter) close() {
	if d.ahead != nil {
		d.ahead.Close()
		a, i := d.ahead.Steps()
		aheadSteps.Add(a)
		inlineSteps.Add(i)
		d.ahead = nil
	}
}

// aheadSteps and inlineSteps count, over every Run, the stateless key steps
// computed ahead and those the loop had to compute itself (BenchmarkDecrypt
// reports them).
var aheadSteps, inlineSteps atomic.Uint64

// use makes dec the decryptor of a direction: its stateless keys are
// computed ahead when there is room.
func (d *decrypter) use(dec *mppe.Decryptor) {
	if d.ahead != nil && dec.Mode() == mppe.Stateless {
		d.ahead.Attach(dec)
	}
}

func (d *decrypter) state(s *session.Session) *sessionCrypto {
	if s == d.lastS {
		return d.lastC
	}
	c := d.st[s]
	if c == nil {
		c = &sessionCrypto{noMessages: d.noMessages, d: &session.Decryption{}, flows: map[flowKey]*flowCount{}, protos: map[string]*session.InnerCount{}, talkers: map[pairKey]*session.Talker{}}
		d.st[s] = c
	}
	d.lastS, d.lastC = s, c
	return c
}

// record handles one record after the tracker has seen it.
func (d *decrypter) record(t *session.Tracker, r *session.Record) error {
	s := t.SessionOf(r)
	if s == nil {
		return nil
	}
	c := d.state(s)
	dir := 0
	if r.Src != s.Client.Addr {
		dir = 1
	}
	switch m := r.Message.(type) {
	case *decode.CHAP:
		switch m.Code {
		case 1:
			c.d.ChallengeFrame = r.Frame
		case 2:
			c.d.ResponseFrame = r.Frame
		case 3:
			c.d.SuccessFrame = r.Frame
			return d.verify(s, c)
		}
	case *decode.EAP:
		if m.Type == decode.EAPTypeMSCHAPv2 && (m.Code == 1 || m.Code == 2) {
			switch m.MSCHAPv2.OpCode {
			case decode.EAPMSCHAPv2Challenge:
				c.d.ChallengeFrame = r.Frame
			case decode.EAPMSCHAPv2Response:
				c.d.ResponseFrame = r.Frame
				c.eapName = string(m.MSCHAPv2.NameField)
			case decode.EAPMSCHAPv2Success:
				if m.Code == 1 {
					c.d.SuccessFrame = r.Frame
					return d.verify(s, c)
				}
			}
		}
	case *decode.CCP:
		switch m.Code {
		case decode.CodeResetRequest:
			// The sender of the Reset-Request lost the peer's stream: the
			// peer (the other direction's sender) flushes its next packet.
			if dec := c.dec[1-dir]; dec != nil {
				dec.Reset()
			}
		case decode.CodeResetAck:
			if dec := c.dec[dir]; dec != nil && !dec.ResetPending() {
				dec.Reset() // the Request was not captured
			}
		}
	case *decode.MPPE:
		return d.mppe(s, c, r, m, dir)
	}
	return nil
}

// userOf is the name the MS-CHAP hashes use.
func (c *sessionCrypto) userOf(a *session.Auth) string {
	if a.Method == "EAP-MSCHAPv2" && c.eapName != "" {
		return c.eapName
	}
	return a.User
}

// verify checks the credential against the session's MS-CHAP exchange once
// the exchange is complete (at the Success, or at the first MPPE frame).
func (d *decrypter) verify(s *session.Session, c *sessionCrypto) error {
	a := s.Auth
	if c.verified || a == nil || !session.IsMSCHAP(a.Method) || a.Result == "failure" {
		return nil
	}
	user := c.userOf(a)
	cred, ok := d.creds.For(user)
	if ok && d.asked[user] {
		c.d.Cracked = true // found for an earlier session of the user
	}
	if _, askedBefore := d.asked[user]; !ok && d.find != nil && !askedBefore && len(a.NTResponse) > 0 && len(a.Challenge) > 0 {
		if d.asked == nil {
			d.asked = map[string]bool{}
		}
		d.asked[user] = false
		if cred, ok = d.find(a, user); ok {
			d.asked[user] = true
			if d.creds.ByUser == nil {
				d.creds.ByUser = map[string]mppe.Credential{}
			}
			d.creds.ByUser[user] = cred
			c.d.Cracked = true
		}
	}
	if !ok {
		return nil
	}
	c.verified = true
	c.d.User, c.d.Method = user, a.Method
	var v mppe.Verification
	var err error
	if a.Method == "MS-CHAPv1" {
		v, err = mppe.ExchangeV1{Challenge: a.Challenge, NTResponse: a.NTResponse}.Verify(cred)
	} else {
		ex := mppe.ExchangeV2{UserName: user, AuthChallenge: a.Challenge, PeerChallenge: a.PeerChallenge, NTResponse: a.NTResponse}
		if a.AuthenticatorResponse != "" {
			ex.Authenticator = "S=" + a.AuthenticatorResponse
		}
		v, err = ex.Verify(cred)
	}
	if err != nil {
		c.d.Status, c.d.Why, c.d.Detail = session.DecryptIncomplete, session.WhyBadValues, err.Error()
		return nil
	}
	c.d.NTResponse, c.d.Authenticator = v.NTResponse, v.Authenticator
	c.d.Secret = "password"
	if cred.NTHash != nil {
		c.d.Secret = "NT hash"
	}
	if v.Err() != nil {
		e := &mppe.MismatchError{User: user, Method: a.Method, NTHash: cred.NTHash != nil, Frame: a.ResponseFrame}
		if v.NTResponse == mppe.Match {
			e.AuthenticatorFrame = c.d.SuccessFrame
		}
		return e
	}
	c.d.Verified, c.cred, c.ver = true, cred, v
	return nil
}

// why says why the session cannot be decrypted ("" when it can).
func (c *sessionCrypto) why(s *session.Session, d *decrypter) (status string, why session.DecryptWhy) {
	if c.d.Status == session.DecryptIncomplete {
		return c.d.Status, c.d.Why
	}
	a := s.Auth
	switch {
	case a == nil:
		return session.DecryptNoAuth, session.WhyNoAuth
	case !session.IsMSCHAP(a.Method):
		c.d.Method = a.Method
		return session.DecryptUnsupAuth, session.WhyUnsupAuth
	case a.Result == "failure":
		return session.DecryptAuthFailed, session.WhyAuthFailed
	}
	if _, ok := d.creds.For(c.userOf(a)); !ok {
		c.d.User = c.userOf(a)
		return session.DecryptNoCreds, session.WhyNoCreds
	}
	if len(a.NTResponse) == 0 || len(a.Challenge) == 0 {
		return session.DecryptIncomplete, session.WhyNoChallenge
	}
	return "", session.WhyNone
}

// setupKeys derives the decryptors at the session's first MPPE frame.
func (d *decrypter) setupKeys(s *session.Session, c *sessionCrypto) error {
	c.setup = true
	if err := d.verify(s, c); err != nil {
		return err
	}
	if st, why := c.why(s, d); st != "" {
		c.dead, c.d.Status, c.d.Why = true, st, why
		return nil
	}
	if !c.d.Verified {
		c.dead = true
		return nil
	}
	var bits [2]uint32
	for dir := range 2 {
		b, ok := s.MPPEBits(dir)
		if !ok {
			c.dead, c.d.Status, c.d.Why = true, session.DecryptNoCCP, session.WhyNoCCP
			return nil
		}
		bits[dir] = b
	}
	c.d.Bits, c.d.Stateless, c.d.MPPC = int(session.MPPEKeyLength(bits[0])), session.MPPEStateless(bits[0]), session.MPPEMPPC(bits[0])
	a := s.Auth
	for dir := range 2 {
		l := session.MPPEKeyLength(bits[dir])
		mode := mppe.Stateful
		if session.MPPEStateless(bits[dir]) {
			mode = mppe.Stateless
		}
		var starts []mppe.Key
		var names []string
		if a.Method == "MS-CHAPv1" {
			var ch [8]byte
			copy(ch[:], a.Challenge)
			if l == mppe.Key128 {
				k, err := mppe.StartKeyV1(mppe.V1KeyRFC3079, l, c.ver.PasswordHashHash, ch, nil)
				if err != nil {
					return err
				}
				starts, names = append(starts, k), append(names, "")
			} else {
				// Windows follows RFC 3079 (LM hash), Linux pppd the NT hash:
				// keep both until a packet decrypts to a valid one.
				if c.cred.NTHash == nil {
					if lm, err := mppe.LmPasswordHash(c.cred.Password); err == nil {
						if k, err := mppe.StartKeyV1(mppe.V1KeyRFC3079, l, c.ver.PasswordHashHash, ch, lm[:]); err == nil {
							starts, names = append(starts, k), append(names, "RFC 3079 (LM hash)")
						}
					}
				}
				k, err := mppe.StartKeyV1(mppe.V1KeyPppd, l, c.ver.PasswordHashHash, ch, nil)
				if err != nil {
					return err
				}
				starts, names = append(starts, k), append(names, "pppd (NT hash)")
			}
		} else {
			c2s, s2c, err := mppe.StartKeysV2(c.ver.PasswordHashHash, [24]byte(a.NTResponse), l)
			if err != nil {
				return err
			}
			k := c2s
			if dir == 1 {
				k = s2c
			}
			starts, names = append(starts, k), append(names, "")
		}
		for _, k := range starts {
			dec, err := mppe.NewDecryptor(k.Bytes(), l, mode)
			if err != nil {
				return err
			}
			c.cand[dir] = append(c.cand[dir], dec)
		}
		c.candName = names
		if len(c.cand[dir]) == 1 {
			c.dec[dir] = c.cand[dir][0]
			c.d.KeyVariant = names[0]
			d.use(c.dec[dir])
		}
	}
	c.d.Status = session.DecryptOK
	return nil
}

// mppe decrypts one MPPE frame and attaches the inner packet to the record.
func (d *decrypter) mppe(s *session.Session, c *sessionCrypto, r *session.Record, m *decode.MPPE, dir int) error {
	if len(m.Contents) < 2 {
		return nil
	}
	st := &c.d.Dir[dir]
	if m.Compressed {
		st.Compressed++
		if !m.Encrypted {
			// MPPC without MPPE: no keys are needed, but the
			// decryption stage runs only with credentials.
			r.Crypt = session.CryptNote{Kind: session.CryptCompressed}
			return nil
		}
	}
	if !m.Encrypted {
		return nil
	}
	st.Encrypted++
	if !c.setup {
		if err := d.setupKeys(s, c); err != nil {
			return err
		}
	}
	if c.dead {
		if c.d.Why != session.WhyNone {
			r.Crypt = session.CryptNote{Kind: session.CryptNotDecrypted, Why: c.d.Why}
		}
		return nil
	}
	h := uint16(m.Contents[0])<<8 | uint16(m.Contents[1])
	// RC4 runs over the MPPC output exactly as over plain data (RFC 3078
	// section 3): an MPPC frame decrypts as the same frame without the C
	// bit; the decompressor then reads the original header.
	hc := h
	h &^= uint16(mppe.BitCompressed)
	dec := c.dec[dir]
	var pt []byte
	var err error
	if dec == nil { // several candidate keys: keep the first that gives a valid packet
		for i, cd := range c.cand[dir] {
			out, e := cd.Decrypt(h, m.Payload, nil)
			if e == nil {
				plain := out
				if mppe.Header(hc).Compressed() {
					// A trial decompression: the right key gives a
					// valid packet (the frame starts a history: A bit,
					// or stateless).
					z := mppe.NewDecompressor(c.d.Stateless)
					z.Negotiated()
					var zerr error
					if plain, zerr = z.Decompress(mppe.Header(hc), out, nil); zerr != nil {
						pt, err = nil, zerr
						continue
					}
				}
				proto, payload, perr := mppe.SplitProtocol(plain)
				var in decode.Inner
				if perr == nil && d.idec.Decode(proto, payload, &in) && in.IP() {
					dec, c.dec[dir] = cd, cd
					c.d.KeyVariant = c.candName[i]
					d.use(cd)
					pt, err = append(d.buf[:0], out...), nil
					break
				}
			}
			pt, err = nil, e
		}
		if dec == nil {
			st.Undecodable++
			r.Crypt = session.CryptNote{Kind: session.CryptNotDecrypted, Why: session.WhyNoKeyVariant, Err: err}
			return nil
		}
	} else if d.headers && !mppe.Header(hc).Compressed() {
		// Only what decode.Inner reads: the rest of pt is ciphertext.
		var done int
		pt, done, err = dec.DecryptHeaders(h, m.Payload, d.buf[:0], 1)
		if err == nil {
			for need := innerNeed(pt, done); need > done; need = innerNeed(pt, done) {
				dec.DecryptMore(pt, m.Payload, done, need)
				done = need
			}
		}
	} else {
		pt, err = dec.Decrypt(h, m.Payload, d.buf[:0])
	}
	if err != nil {
		switch {
		case errors.Is(err, mppe.ErrCompressed):
			r.Crypt = session.CryptNote{Kind: session.CryptCompressed}
		case errors.Is(err, mppe.ErrDuplicate):
			r.Crypt = session.CryptNote{Kind: session.CryptDuplicate}
		default:
			r.Crypt = session.CryptNote{Kind: session.CryptNotDecrypted, Err: err}
		}
		return nil
	}
	d.buf = pt[:0]
	st.Decrypted++
	if mppe.Header(hc).Compressed() {
		var ok bool
		if pt, ok = d.decompress(s, c, r, mppe.Header(hc), pt, st, dir); !ok {
			return nil
		}
	}
	in := &d.inner
	proto, payload, err := mppe.SplitProtocol(pt)
	if err != nil {
		in.MarkNoProtocol(len(pt))
	} else {
		d.idec.Decode(proto, payload, in)
	}
	in.PPP = pt
	r.Inner = in
	if !in.Valid() {
		st.Undecodable++
		return nil
	}
	st.Valid++
	c.count(r, in, dir)
	return nil
}

// decompress decompresses the decrypted payload of a compressed frame; a
// frame that cannot be (the direction out of sync, a corrupt bit stream) is
// counted and named, never shown as garbage.
func (d *decrypter) decompress(s *session.Session, c *sessionCrypto, r *session.Record, h mppe.Header, pt []byte, st *session.DecryptStats, dir int) ([]byte, bool) {
	z := c.mppc[dir]
	if z == nil {
		stateless := c.d.Stateless
		if b, ok := s.MPPEBits(dir); ok {
			stateless = session.MPPEStateless(b)
		}
		z = mppe.NewDecompressor(stateless)
		if c.d.MPPC {
			z.Negotiated() // the CCP exchange is in the capture: the history starts empty and in sync
		}
		c.mppc[dir] = z
	}
	out, err := z.Decompress(h, pt, d.zbuf[:0])
	if err != nil {
		if errors.Is(err, mppe.ErrMPPCCorrupt) {
			st.MPPCCorrupt++
			r.Crypt = session.CryptNote{Kind: session.CryptMPPCCorrupt, Err: err}
		} else {
			st.MPPCDesync++
			r.Crypt = session.CryptNote{Kind: session.CryptMPPCDesync, Err: err}
		}
		if len(st.MPPCFrames) < session.MaxMPPCFrames {
			st.MPPCFrames = append(st.MPPCFrames, r.Frame)
		}
		return nil, false
	}
	d.zbuf = out[:0]
	st.Decompressed++
	st.MPPCIn += int64(len(pt))
	st.MPPCOut += int64(len(out))
	r.Decompressed, r.MPPCIn, r.MPPCOut = true, len(pt), len(out)
	return out, true
}

// count adds a decrypted packet to the session's inner statistics and, for
// the first packets of each flow, to the timeline.
func (c *sessionCrypto) count(r *session.Record, in *decode.Inner, dir int) {
	is := &c.d.Inner
	is.Packets++
	is.Bytes += in.Length
	switch in.Network {
	case "IPv4":
		is.IPv4++
	case "IPv6":
		is.IPv6++
	default:
		is.Other++
	}
	if !in.IP() {
		c.countPPP(in)
		return
	}
	name := in.Name()
	pc := c.lastProto
	if pc == nil || pc.Name != name {
		if pc = c.protos[name]; pc == nil && c.named() < session.MaxInnerProtocols {
			pc = &session.InnerCount{Name: name}
			c.protos[name] = pc
		}
		c.lastProto = pc
	}
	if pc != nil {
		pc.Packets++
		pc.Bytes += in.Length
	} else {
		is.ProtocolsUnlisted++
	}
	pk := makePairKey(in.Src, in.Dst)
	tk := c.lastTalker
	if tk == nil || pk != c.lastPair {
		tk = c.talkers[pk]
		if tk == nil && len(c.talkers) < maxInnerTalkers {
			tk = &session.Talker{A: pk.a, B: pk.b}
			c.talkers[pk] = tk
		}
		c.lastTalker, c.lastPair = tk, pk
	}
	if tk != nil {
		tk.Packets++
		tk.Bytes += in.Length
	}
	fk := flowKey{proto: in.Proto, a: in.Src, b: in.Dst, aPort: in.SrcPort, bPt: in.DstPort}
	if in.Dst.Less(in.Src) || in.Dst == in.Src && in.DstPort < in.SrcPort {
		fk.a, fk.b, fk.aPort, fk.bPt = in.Dst, in.Src, in.DstPort, in.SrcPort
	}
	f := c.lastFlow
	if f == nil || fk != c.lastFlowK {
		if f = c.flows[fk]; f == nil {
			is.Flows++
			if len(c.flows) >= maxInnerFlows {
				return
			}
			f = &flowCount{}
			c.flows[fk] = f
		}
		c.lastFlow, c.lastFlowK = f, fk
	}
	f.packets++
	f.bytes += in.Length
	if f.nfirst < timelinePacketsFlow {
		if f.nfirst == 0 {
			f.firstFrame = r.Frame
		}
		f.nfirst++
		if c.noMessages {
			return
		}
		m := session.Message{Frame: r.Frame, Time: r.Time, Phase: session.PhaseData, FromClient: dir == 0,
			Proto: "inner", Msg: in.Proto, ID: -1}
		m.Inner = innerCopy(in)
		f.first = append(f.first, m)
	}
}

// pppCount counts the packets of a PPP protocol other than IPv4 and IPv6.
type pppCount struct {
	proto          uint16
	packets, bytes int
}

// pppTable indexes sessionCrypto.ppp by protocol number: open addressing
// in twice as many slots as protocols can be named, 2 KB (a map of 256
// entries took several times that, and a garbage plaintext looks up a
// protocol not named in almost every packet: the lookup was a cache miss).
type pppTable [2 * session.MaxInnerProtocols]pppSlot

// pppSlot is a protocol number and its index in ppp plus one (0: empty).
type pppSlot struct{ proto, idx uint16 }

// find returns the slot of p, or the empty slot where it goes.
func (t *pppTable) find(p uint16) *pppSlot {
	const n = uint32(len(t))
	h := uint32(p) * 0x9E3779B1 >> 16 % n
	for {
		e := &t[h]
		if e.idx == 0 || e.proto == p {
			return e
		}
		h = (h + 1) % n
	}
}

// named is the number of inner protocols named so far.
func (c *sessionCrypto) named() int { return len(c.protos) + len(c.ppp) }

// countPPP counts a packet of a PPP protocol other than IPv4 and IPv6.
func (c *sessionCrypto) countPPP(in *decode.Inner) {
	if c.pppIndex == nil {
		c.pppIndex = new(pppTable)
	}
	e := c.pppIndex.find(in.PPPProtocol)
	if e.idx == 0 {
		if c.named() >= session.MaxInnerProtocols {
			c.d.Inner.ProtocolsUnlisted++
			return
		}
		c.ppp = append(c.ppp, pppCount{proto: in.PPPProtocol})
		*e = pppSlot{proto: in.PPPProtocol, idx: uint16(len(c.ppp))}
	}
	pc := &c.ppp[e.idx-1]
	pc.packets++
	pc.bytes += in.Length
}

// timeline adds the first packets of the inner flows to the session's
// messages: every flow, or the maxTimelineFlows with the most bytes.
func (c *sessionCrypto) timeline(s *session.Session) {
	flows := make([]*flowCount, 0, len(c.flows))
	for _, f := range c.flows {
		flows = append(flows, f)
	}
	sort.Slice(flows, func(i, j int) bool {
		if flows[i].bytes != flows[j].bytes {
			return flows[i].bytes > flows[j].bytes
		}
		return flows[i].firstFrame < flows[j].firstFrame
	})
	if len(flows) > maxTimelineFlows {
		flows = flows[:maxTimelineFlows]
	}
	is := &c.d.Inner
	var ms []session.Message
	for _, f := range flows {
		is.FlowsInTimeline++
		is.PacketsInTimeline += f.nfirst
		ms = append(ms, f.first...)
	}
	s.AddInnerTimeline(ms)
}

// finish computes each session's decryption status and sorted statistics.
func (d *decrypter) finish(sessions []*session.Session) {
	for _, s := range sessions {
		c := d.state(s)
		dd := c.d
		for dir := range 2 {
			if dec := c.dec[dir]; dec != nil {
				if d.ahead != nil {
					d.ahead.Release(dec)
				}
				ds := dec.Stats()
				st := &dd.Dir[dir]
				st.Duplicates, st.Lost = ds.Duplicates, ds.Skipped
				st.Late, st.Discarded, st.Invalid = ds.Late, ds.Discarded, ds.Invalid
				st.Rekeys, st.Resets = ds.Rekeys, ds.Resets
			}
		}
		if a := s.Auth; a != nil {
			if dd.User == "" {
				dd.User = c.userOf(a)
			}
			if dd.Method == "" {
				dd.Method = a.Method
			}
		}
		encrypted := dd.Dir[0].Encrypted + dd.Dir[1].Encrypted
		switch {
		case dd.Status == session.DecryptOK || dd.Status == session.DecryptNoCCP || dd.Status == session.DecryptIncomplete:
		case dd.Verified && encrypted == 0:
			dd.Status = session.DecryptVerified
		case dd.Status == "":
			st, why := c.why(s, d)
			if encrypted == 0 && (st == "" || st != session.DecryptAuthFailed && s.Encryption == nil) {
				st, why = session.DecryptNotNeeded, session.WhyNoEncrypted
			}
			dd.Status, dd.Why = st, why
		}
		for _, p := range c.protos {
			dd.Inner.Protocols = append(dd.Inner.Protocols, *p)
		}
		for _, p := range c.ppp {
			dd.Inner.Protocols = append(dd.Inner.Protocols, session.InnerCount{Name: decode.PPPProtocolName(layers.PPPType(p.proto)), Packets: p.packets, Bytes: p.bytes})
		}
		sort.Slice(dd.Inner.Protocols, func(i, j int) bool {
			a, b := dd.Inner.Protocols[i], dd.Inner.Protocols[j]
			if a.Packets != b.Packets {
				return a.Packets > b.Packets
			}
			return a.Name < b.Name
		})
		for _, tk := range c.talkers {
			dd.Inner.Talkers = append(dd.Inner.Talkers, *tk)
		}
		sort.Slice(dd.Inner.Talkers, func(i, j int) bool {
			a, b := dd.Inner.Talkers[i], dd.Inner.Talkers[j]
			if a.Bytes != b.Bytes {
				return a.Bytes > b.Bytes
			}
			if a.A != b.A {
				return a.A.Less(b.A)
			}
			return a.B.Less(b.B)
		})
		if len(dd.Inner.Talkers) > session.MaxTalkers {
			dd.Inner.Talkers = dd.Inner.Talkers[:session.MaxTalkers]
		}
		c.timeline(s)
		s.Decryption = dd
		for dir, st := range dd.Dir {
			if n := st.MPPCDesync + st.MPPCCorrupt; n > 0 {
				from, to := s.Client.Addr, s.Server.Addr
				side := session.PeerClient
				if dir == 1 {
					from, to, side = to, from, session.PeerServer
				}
				s.AddFinding(session.FindingMPPCDesync, session.SeverityWarning, st.MPPCFrames,
					session.FindingArgs{Side: side, From: from, To: to, Count: n})
			}
		}
		delete(d.st, s)
		if s == d.lastS {
			d.lastS, d.lastC = nil, nil
		}
	}
}

// KeyDerivation explains, step by step, how the MPPE keys of a session
// follow from its user's credential (for `pptpscope keys`). The session must
// come from AnalyzeWith with the same credentials and its password must have
// been verified. When the CCP exchange is not in the capture, 128-bit
// stateless keys are shown and assumed says so.
func KeyDerivation(s *session.Session, creds *mppe.Credentials) (d *mppe.Derivation, assumed bool, err error) {
	dd := s.Decryption
	if dd == nil || !dd.Verified || s.Auth == nil {
		e := &session.NoKeysError{Why: session.WhyNotVerified}
		switch a := s.Auth; {
		case a == nil:
			e.Why = session.WhyNoAuth
		case !session.IsMSCHAP(a.Method):
			e.Why, e.Method = session.WhyUnsupAuth, a.Method
		case a.Result == "failure":
			e.Why = session.WhyAuthFailed
		case dd != nil && dd.Why != session.WhyNone:
			e.Why, e.Method, e.User, e.Detail = dd.Why, dd.Method, dd.User, dd.Detail
		}
		return nil, false, e
	}
	cred, ok := creds.For(dd.User)
	if !ok {
		return nil, false, &session.NoKeysError{Why: session.WhyNoCreds, User: dd.User}
	}
	l, mode := mppe.KeyLength(dd.Bits), mppe.Stateful
	if dd.Stateless {
		mode = mppe.Stateless
	}
	if !l.Valid() {
		if b, ok := s.MPPEBits(0); ok {
			l = session.MPPEKeyLength(b)
			if session.MPPEStateless(b) {
				mode = mppe.Stateless
			}
		} else {
			l, mode, assumed = mppe.Key128, mppe.Stateless, true
		}
	}
	a := s.Auth
	if a.Method == "MS-CHAPv1" {
		v := mppe.V1KeyRFC3079
		if dd.KeyVariant == "pppd (NT hash)" {
			v = mppe.V1KeyPppd
		}
		d, err = mppe.ExplainV1(mppe.ExchangeV1{Challenge: a.Challenge, NTResponse: a.NTResponse}, cred, l, mode, v)
		return d, assumed, err
	}
	ex := mppe.ExchangeV2{UserName: dd.User, AuthChallenge: a.Challenge, PeerChallenge: a.PeerChallenge, NTResponse: a.NTResponse}
	if a.AuthenticatorResponse != "" {
		ex.Authenticator = "S=" + a.AuthenticatorResponse
	}
	d, err = mppe.ExplainV2(ex, cred, l, mode)
	return d, assumed, err
}

// innerCopy keeps an inner packet's description for the timeline, without
// its bytes.
func innerCopy(in *decode.Inner) *decode.Inner {
	c := *in
	c.Data, c.PPP = nil, nil
	return &c
}

// innerNeed is the number of octets of the plaintext p (a PPP frame, its
// protocol field first) that decode.InnerDecoder reads when its first done
// octets are decrypted: done or fewer when they are enough, else more (the
// caller decrypts them and asks again). It follows InnerDecoder and
// gopacket's layers, erring on the side of more: the protocol field; for
// IPv4 the header, for IPv6 the fixed header (the whole packet when an
// extension header follows); then the transport header (gopacket's TCP,
// UDP, SCTP, ICMP), the first octets of a TCP payload (an HTTP request
// line: the whole packet when it may start with a method) and the whole of
// a DNS message. Lengths come from len(p). TestInnerNeed and FuzzInnerNeed
// check that decoding the first innerNeed octets and garbage after them
// gives what decoding the whole gives.
func innerNeed(p []byte, done int) int {
	n := len(p)
	switch {
	case n == 0:
		return 0
	case done < 1:
		return 1
	}
	off := 1
	proto := uint16(p[0])
	if p[0]&1 == 0 {
		if n < 2 {
			return n
		}
		if done < 2 {
			return 2
		}
		proto, off = binary.BigEndian.Uint16(p), 2
	}
	b := n - off
	switch layers.PPPType(proto) {
	case decode.PPPTypeIPv4:
		if b < 20 {
			return off
		}
		if done < off+4 {
			return off + 4
		}
		q := p[off:]
		ihl, total := int(q[0]&0x0f)*4, int(binary.BigEndian.Uint16(q[2:]))
		if q[0]>>4 != 4 || ihl < 20 || ihl > b || total < ihl || total > b {
			return off + 4
		}
		h := off + ihl
		if done < h {
			return h
		}
		if binary.BigEndian.Uint16(q[6:])&0x1fff != 0 { // not the first fragment
			return h
		}
		return transportNeed(p, done, h, off+total, layers.IPProtocol(q[9]))
	case decode.PPPTypeIPv6:
		if b < 40 {
			return off
		}
		if done < off+40 {
			return off + 40
		}
		q := p[off:]
		total := 40 + int(binary.BigEndian.Uint16(q[4:]))
		if q[0]>>4 != 6 || total > b {
			return off + 40
		}
		switch next := layers.IPProtocol(q[6]); next {
		case layers.IPProtocolIPv6HopByHop, layers.IPProtocolIPv6Routing, layers.IPProtocolIPv6Destination, layers.IPProtocolIPv6Fragment:
			return n
		default:
			if total == 40 { // no payload, or a jumbogram without its hop-by-hop header
				return off + 40
			}
			return transportNeed(p, done, off+40, off+total, next)
		}
	}
	return off
}

// transportNeed is innerNeed for the transport header of protocol proto at
// p[h:end].
func transportNeed(p []byte, done, h, end int, proto layers.IPProtocol) int {
	l := end - h
	switch proto {
	case layers.IPProtocolTCP:
		if l < 20 {
			return h + min(l, 14)
		}
		if done < h+13 {
			return h + 13
		}
		off := int(p[h+12]>>4) * 4
		if off < 20 || off > l {
			return h + 14
		}
		need := h + off + min(l-off, 8) // the start of an HTTP request line
		if done < need {
			return need
		}
		if need > h+off {
			switch p[h+off] {
			case 'G', 'P', 'H', 'D', 'O', 'C', 'T': // a method's first letter: read the line
				return end
			}
		}
		return need
	case layers.IPProtocolUDP:
		if l < 8 {
			return h + min(l, 4)
		}
		if done < h+4 {
			return h + 4
		}
		if dnsPort(binary.BigEndian.Uint16(p[h:])) || dnsPort(binary.BigEndian.Uint16(p[h+2:])) {
			return end
		}
		return h + 8
	case layers.IPProtocolSCTP:
		return h + min(l, 12)
	case layers.IPProtocolICMPv4, layers.IPProtocolICMPv6:
		return h + min(l, 8)
	}
	return h
}

// dnsPort: the inner decoder reads a DNS message to or from it.
func dnsPort(p uint16) bool { return p == 53 || p == 5353 || p == 5355 }
