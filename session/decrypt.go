package session

import (
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/mppe"
)

// Credentials are the secrets used to check captured MS-CHAP
// authentications and to decrypt MPPE. They are never printed.
type Credentials struct {
	// Default applies to every user, or only to User when User is set
	// (--password-file, PPTPSCOPE_PASSWORD, --nt-hash-file, the prompt).
	Default *mppe.Credential
	User    string
	// ByUser has one credential per user name (--credentials FILE).
	ByUser map[string]mppe.Credential
}

// For returns the credential for the user name a session authenticated
// with. Names match exactly, else ignoring case and any DOMAIN\ prefix.
func (c *Credentials) For(user string) (mppe.Credential, bool) {
	if c == nil {
		return mppe.Credential{}, false
	}
	if cr, ok := c.ByUser[user]; ok {
		return cr, true
	}
	names := make([]string, 0, len(c.ByUser))
	for name := range c.ByUser {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if SameUser(name, user) {
			return c.ByUser[name], true
		}
	}
	if c.Default != nil && (c.User == "" || SameUser(c.User, user)) {
		return *c.Default, true
	}
	return mppe.Credential{}, false
}

// SameUser compares user names as Windows does: ignoring case, and
// ignoring a DOMAIN\ prefix on either side.
func SameUser(a, b string) bool {
	return strings.EqualFold(a, b) || strings.EqualFold(mppe.StripDomain(a), mppe.StripDomain(b))
}

// MismatchError says that a credential does not match a captured MS-CHAP
// authentication. It wraps mppe.ErrPasswordMismatch (the client's
// NT-Response) or mppe.ErrAuthenticatorMismatch (the server's S=).
type MismatchError struct {
	User   string
	Method string // MS-CHAPv2, MS-CHAPv1, EAP-MSCHAPv2
	Secret string // "password" or "NT hash"
	// Frame is the frame of the client's response.
	Frame int
	// AuthenticatorFrame is set when the NT-Response matched but the
	// server's S= authenticator response (in this frame) did not.
	AuthenticatorFrame int
}

func (e *MismatchError) Error() string {
	if e.AuthenticatorFrame > 0 {
		return fmt.Sprintf("the %s matches user %s's %s response in frame %d but not the server's S= authenticator response in frame %d",
			e.Secret, e.User, e.Method, e.Frame, e.AuthenticatorFrame)
	}
	return fmt.Sprintf("the %s does not match user %s's %s response in frame %d", e.Secret, e.User, e.Method, e.Frame)
}

// Unwrap returns the mppe sentinel.
func (e *MismatchError) Unwrap() error {
	if e.AuthenticatorFrame > 0 {
		return mppe.ErrAuthenticatorMismatch
	}
	return mppe.ErrPasswordMismatch
}

// Decryption statuses (Decryption.Status).
const (
	DecryptOK         = "decrypted"         // keys derived; see the counts
	DecryptVerified   = "verified"          // password verified; no encrypted frames
	DecryptNotNeeded  = "not-encrypted"     // the session is not encrypted
	DecryptNoAuth     = "no-authentication" // the authentication is not in the capture
	DecryptUnsupAuth  = "unsupported-auth"  // not MS-CHAP: no keys from a password
	DecryptAuthFailed = "auth-failed"       // the authentication failed: no keys
	DecryptNoCreds    = "no-credentials"    // no password for this user
	DecryptIncomplete = "incomplete-auth"   // MS-CHAP values missing or malformed
	DecryptNoCCP      = "no-ccp"            // key length and mode unknown
)

// Decryption is what the credentials gave for one session: the password
// check, the keys' parameters, the decryption counts and the inner traffic.
type Decryption struct {
	User   string // the user name of the authentication
	Method string // MS-CHAPv2, MS-CHAPv1, EAP-MSCHAPv2, or the session's method
	Secret string // what was checked: "password" or "NT hash"
	Status string
	Reason string // why nothing was decrypted, for statuses other than decrypted/verified
	// Verified is true when the credential matched the NT-Response (and the
	// S= authenticator response, when captured).
	Verified                                    bool
	NTResponse, Authenticator                   mppe.Outcome
	ChallengeFrame, ResponseFrame, SuccessFrame int
	// Key parameters, from the acknowledged CCP exchange.
	Bits      int
	Stateless bool
	MPPC      bool
	// KeyVariant names the MS-CHAPv1 40/56-bit start key that worked:
	// "RFC 3079 (LM hash)" or "pppd (NT hash)".
	KeyVariant string
	Dir        [2]DecryptStats // 0: client -> server, 1: server -> client
	Inner      InnerStats
}

// DecryptStats counts the MPPE frames of one direction.
type DecryptStats struct {
	Encrypted   int // frames with the D bit
	Decrypted   int // decrypted
	Valid       int // decrypted to a well-formed IPv4/IPv6 packet (or another PPP protocol)
	Undecodable int // decrypted, but not a well-formed packet
	Compressed  int // MPPC compressed: not decompressed
	Duplicates  int // a coherency count already decrypted (retransmitted frame)
	Lost        int // coherency counts skipped: lost before the capture point (stateful: and discarded)
	Late        int // too old to decrypt
	Discarded   int // stateful: waiting for a flushed packet after a loss
	Invalid     int // flushed bit missing where required, empty
	Rekeys      int
	Resets      int // CCP Reset-Requests for this direction's sender
}

// NotDecrypted is the number of encrypted frames not decrypted.
func (d *DecryptStats) NotDecrypted() int { return d.Encrypted - d.Decrypted }

// InnerStats summarises the decrypted traffic of a session.
type InnerStats struct {
	Packets, Bytes    int
	IPv4, IPv6        int
	Other             int // other PPP protocols
	Protocols         []InnerCount
	Talkers           []Talker // host pairs by bytes, at most MaxTalkers
	Flows             int
	FlowsInTimeline   int // flows whose first packets are in the timeline
	PacketsInTimeline int
}

// InnerCount counts the inner packets of one protocol.
type InnerCount struct {
	Name           string
	Packets, Bytes int
}

// Talker is a pair of inner hosts and the traffic between them (both ways).
type Talker struct {
	A, B           netip.Addr
	Packets, Bytes int
}

// Limits of what a session keeps of its inner traffic.
const (
	MaxTalkers          = 5
	maxTimelineFlows    = 30
	timelinePacketsFlow = 3
	maxInnerFlows       = 4096
	maxInnerTalkers     = 4096
)

// Inner describes the decrypted packet of an MPPE record.
type Inner struct {
	PPPProtocol uint16
	// Network is IPv4, IPv6 or the name of another PPP protocol.
	Network string
	// Proto is the transport: TCP, UDP, ICMP, ICMPv6, ... ("" when not IP).
	Proto            string
	Src, Dst         netip.Addr
	SrcPort, DstPort uint16
	HasPorts         bool
	Length           int    // bytes of the inner packet
	Info             string // e.g. Echo-Request, [SYN,ACK], fragment offset=1480
	// Err says why the packet is not well formed ("" when it is).
	Err string
	// Data is the inner packet (the IP datagram), valid only during the
	// callback that receives the record.
	Data []byte
}

// Valid reports a well-formed inner packet.
func (in *Inner) Valid() bool { return in.Err == "" }

// IP reports an IPv4 or IPv6 packet.
func (in *Inner) IP() bool { return in.Network == "IPv4" || in.Network == "IPv6" }

func hostPort(a netip.Addr, port uint16, has bool) string {
	if !has {
		return a.String()
	}
	return netip.AddrPortFrom(a, port).String()
}

// Describe is the packet without its protocol name: addresses, info, length.
func (in *Inner) Describe() string {
	if !in.Valid() {
		return fmt.Sprintf("%s: %s (len=%d)", in.Network, in.Err, in.Length)
	}
	if !in.IP() {
		return fmt.Sprintf("len=%d", in.Length)
	}
	s := hostPort(in.Src, in.SrcPort, in.HasPorts) + " → " + hostPort(in.Dst, in.DstPort, in.HasPorts)
	if in.Info != "" {
		s += " " + in.Info
	}
	return s + fmt.Sprintf(" len=%d", in.Length)
}

// Name is the inner protocol's name: the transport for IP, else the
// network protocol.
func (in *Inner) Name() string {
	if in.Proto != "" && in.Valid() {
		return in.Proto
	}
	return in.Network
}

// Summary is one line: protocol, addresses and ports, info, length.
func (in *Inner) Summary() string { return in.Name() + " " + in.Describe() }

// AnalyzeOptions configure AnalyzeWith.
type AnalyzeOptions struct {
	// Credentials, when set, are checked against each session's MS-CHAP
	// authentication and used to decrypt its MPPE traffic: records of
	// decrypted frames get Inner, sessions get Decryption. A credential
	// that does not match stops the analysis with a *MismatchError.
	Credentials *Credentials
	// NoMessages keeps no list of each session's messages: the summary,
	// phases, findings and JSON of `analyze` do not need it, the verbose
	// timeline, diagrams and reports do. It saves about half the memory a
	// session keeps.
	NoMessages bool
	// OnSession, when set, streams a file's analysis: each session is
	// finished as soon as it is over (its control connection closed and
	// FileGrace passed, or FileIdle without a packet, in packet time),
	// handed to OnSession in the order Analysis.Sessions would list it,
	// numbered, and forgotten; the Analysis returned lists no sessions
	// (Streamed counts them). Memory then follows the sessions open at
	// once, not the capture. Ignored by AnalyzeLive.
	OnSession func(*Session) error
	// MaxSessions caps the sessions a streamed analysis tracks at once
	// (DefaultFileMaxSessions when zero, no cap when negative): beyond it
	// the least recently seen are finished early, as in live mode, and
	// counted in Analysis.SessionsCapped. A flood of connection attempts
	// must not grow memory without bound.
	MaxSessions int
}

// decrypter follows the records of a scan for the sessions' MS-CHAP
// exchanges, CCP resets and MPPE frames.
type decrypter struct {
	creds *Credentials
	st    map[*Session]*sessionCrypto
	buf   []byte
	inner Inner
}

type flowKey struct {
	proto      string
	a, b       netip.Addr
	aPort, bPt uint16
}

type flowCount struct {
	packets, bytes int
	first          []Message // the first timelinePacketsFlow packets
}

type sessionCrypto struct {
	d        *Decryption
	verified bool // verify ran (d.Verified holds its result)
	setup    bool
	dead     bool
	cred     mppe.Credential
	ver      mppe.Verification
	dec      [2]*mppe.Decryptor
	cand     [2][]*mppe.Decryptor // MS-CHAPv1 40/56-bit: both start key variants until one works
	candName []string
	eapName  string
	flows    map[flowKey]*flowCount
	protos   map[string]*InnerCount
	talkers  map[pairKey]*Talker
}

func newDecrypter(c *Credentials) *decrypter {
	return &decrypter{creds: c, st: map[*Session]*sessionCrypto{}, buf: make([]byte, 0, 2048)}
}

func (d *decrypter) state(s *Session) *sessionCrypto {
	c := d.st[s]
	if c == nil {
		c = &sessionCrypto{d: &Decryption{}, flows: map[flowKey]*flowCount{}, protos: map[string]*InnerCount{}, talkers: map[pairKey]*Talker{}}
		d.st[s] = c
	}
	return c
}

// record handles one record after the tracker has seen it.
func (d *decrypter) record(t *Tracker, r *Record) error {
	if r.CallID < 0 || r.Proto == "PPTP" || !r.Src.IsValid() {
		return nil
	}
	s := t.gre[greKey{r.Src, r.Dst, uint16(r.CallID)}]
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

func isMSCHAP(method string) bool {
	return method == "MS-CHAPv2" || method == "MS-CHAPv1" || method == "EAP-MSCHAPv2"
}

// userOf is the name the MS-CHAP hashes use.
func (c *sessionCrypto) userOf(a *Auth) string {
	if a.Method == "EAP-MSCHAPv2" && c.eapName != "" {
		return c.eapName
	}
	return a.User
}

// verify checks the credential against the session's MS-CHAP exchange once
// the exchange is complete (at the Success, or at the first MPPE frame).
func (d *decrypter) verify(s *Session, c *sessionCrypto) error {
	a := s.Auth
	if c.verified || a == nil || !isMSCHAP(a.Method) || a.Result == "failure" {
		return nil
	}
	user := c.userOf(a)
	cred, ok := d.creds.For(user)
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
		c.d.Status, c.d.Reason = DecryptIncomplete, "the captured MS-CHAP values cannot be checked: "+err.Error()
		return nil
	}
	c.d.NTResponse, c.d.Authenticator = v.NTResponse, v.Authenticator
	c.d.Secret = "password"
	if cred.NTHash != nil {
		c.d.Secret = "NT hash"
	}
	if v.Err() != nil {
		e := &MismatchError{User: user, Method: a.Method, Secret: c.d.Secret, Frame: a.ResponseFrame}
		if v.NTResponse == mppe.Match {
			e.AuthenticatorFrame = c.d.SuccessFrame
		}
		return e
	}
	c.d.Verified, c.cred, c.ver = true, cred, v
	return nil
}

// mppeBits returns the acknowledged CCP MPPE bits for traffic in direction
// dir: the options the receiver asked for and the sender acknowledged
// (falling back on the other direction's).
func (s *Session) mppeBits(dir int) (uint32, bool) {
	recv, send := s.Server.MPPEBits, s.Client.MPPEBits
	if dir == 1 {
		recv, send = send, recv
	}
	for _, b := range []*uint32{recv, send} {
		if b != nil && b2len(*b) != 0 {
			return *b, true
		}
	}
	return 0, false
}

func b2len(b uint32) mppe.KeyLength {
	switch {
	case b&0x40 != 0:
		return mppe.Key128
	case b&0x80 != 0:
		return mppe.Key56
	case b&0x20 != 0:
		return mppe.Key40
	}
	return 0
}

// why says why the session cannot be decrypted ("" when it can).
func (c *sessionCrypto) why(s *Session, d *decrypter) (status, reason string) {
	if c.d.Status == DecryptIncomplete {
		return c.d.Status, c.d.Reason
	}
	a := s.Auth
	switch {
	case a == nil:
		return DecryptNoAuth, "the authentication of this session is not in the capture"
	case !isMSCHAP(a.Method):
		return DecryptUnsupAuth, fmt.Sprintf("MPPE keys come from MS-CHAP; this session used %s", a.Method)
	case a.Result == "failure":
		return DecryptAuthFailed, "the authentication failed"
	}
	if _, ok := d.creds.For(c.userOf(a)); !ok {
		return DecryptNoCreds, fmt.Sprintf("no password given for user %s", orUnknown(c.userOf(a)))
	}
	if len(a.NTResponse) == 0 || len(a.Challenge) == 0 {
		return DecryptIncomplete, "the MS-CHAP challenge or response is not in the capture"
	}
	return "", ""
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

// setupKeys derives the decryptors at the session's first MPPE frame.
func (d *decrypter) setupKeys(s *Session, c *sessionCrypto) error {
	c.setup = true
	if err := d.verify(s, c); err != nil {
		return err
	}
	if st, why := c.why(s, d); st != "" {
		c.dead, c.d.Status, c.d.Reason = true, st, why
		return nil
	}
	if !c.d.Verified {
		c.dead = true
		return nil
	}
	var bits [2]uint32
	for dir := range 2 {
		b, ok := s.mppeBits(dir)
		if !ok {
			c.dead, c.d.Status = true, DecryptNoCCP
			c.d.Reason = "the key length and mode are unknown: the acknowledged CCP exchange is not in the capture"
			return nil
		}
		bits[dir] = b
	}
	c.d.Bits, c.d.Stateless, c.d.MPPC = int(b2len(bits[0])), bits[0]&0x01000000 != 0, bits[0]&0x01 != 0
	a := s.Auth
	for dir := range 2 {
		l := b2len(bits[dir])
		mode := mppe.Stateful
		if bits[dir]&0x01000000 != 0 {
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
		}
	}
	c.d.Status = DecryptOK
	return nil
}

func (r *Record) addNote(n decode.Note) {
	r.Notes = append(r.Notes[:len(r.Notes):len(r.Notes)], n)
}

// mppe decrypts one MPPE frame and attaches the inner packet to the record.
func (d *decrypter) mppe(s *Session, c *sessionCrypto, r *Record, m *decode.MPPE, dir int) error {
	if len(m.Contents) < 2 {
		return nil
	}
	st := &c.d.Dir[dir]
	if m.Compressed {
		st.Compressed++
		if !m.Encrypted {
			r.addNote(decode.Note{Code: "mppc-unsupported"})
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
		if c.d.Reason != "" {
			r.addNote(decode.Note{Code: "not-decrypted", Args: []any{c.d.Reason}})
		}
		return nil
	}
	h := uint16(m.Contents[0])<<8 | uint16(m.Contents[1])
	dec := c.dec[dir]
	var pt []byte
	var err error
	if dec == nil { // several candidate keys: keep the first that gives a valid packet
		for i, cd := range c.cand[dir] {
			out, e := cd.Decrypt(h, m.Payload, nil)
			if e == nil {
				proto, payload, perr := mppe.SplitProtocol(out)
				var in Inner
				if perr == nil && decodeInner(proto, payload, &in) && in.IP() {
					dec, c.dec[dir] = cd, cd
					c.d.KeyVariant = c.candName[i]
					pt, err = append(d.buf[:0], out...), nil
					break
				}
			}
			pt, err = nil, e
		}
		if dec == nil {
			if err == nil {
				err = errors.New("no start key variant gives a valid packet")
			}
			st.Undecodable++
			r.addNote(decode.Note{Code: "not-decrypted", Args: []any{err.Error()}})
			return nil
		}
	} else {
		pt, err = dec.Decrypt(h, m.Payload, d.buf[:0])
	}
	if err != nil {
		switch {
		case errors.Is(err, mppe.ErrCompressed):
			r.addNote(decode.Note{Code: "mppc-unsupported"})
		case errors.Is(err, mppe.ErrDuplicate):
			r.addNote(decode.Note{Code: "duplicate-coherency"})
		default:
			r.addNote(decode.Note{Code: "not-decrypted", Args: []any{err.Error()}})
		}
		return nil
	}
	d.buf = pt[:0]
	st.Decrypted++
	in := &d.inner
	proto, payload, err := mppe.SplitProtocol(pt)
	if err != nil {
		*in = Inner{Network: "PPP", Err: "no inner protocol field", Length: len(pt)}
	} else {
		decodeInner(proto, payload, in)
	}
	r.Inner = in
	if !in.Valid() {
		st.Undecodable++
		return nil
	}
	st.Valid++
	c.count(s, r, in, dir)
	return nil
}

// count adds a decrypted packet to the session's inner statistics and, for
// the first packets of each flow, to the timeline.
func (c *sessionCrypto) count(s *Session, r *Record, in *Inner, dir int) {
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
	name := in.Name()
	pc := c.protos[name]
	if pc == nil {
		pc = &InnerCount{Name: name}
		c.protos[name] = pc
	}
	pc.Packets++
	pc.Bytes += in.Length
	if !in.IP() {
		return
	}
	pk := makePairKey(in.Src, in.Dst)
	tk := c.talkers[pk]
	if tk == nil && len(c.talkers) < maxInnerTalkers {
		tk = &Talker{A: pk.a, B: pk.b}
		c.talkers[pk] = tk
	}
	if tk != nil {
		tk.Packets++
		tk.Bytes += in.Length
	}
	fk := flowKey{proto: in.Proto, a: in.Src, b: in.Dst, aPort: in.SrcPort, bPt: in.DstPort}
	if in.Dst.Less(in.Src) || in.Dst == in.Src && in.DstPort < in.SrcPort {
		fk.a, fk.b, fk.aPort, fk.bPt = in.Dst, in.Src, in.DstPort, in.SrcPort
	}
	f := c.flows[fk]
	if f == nil {
		is.Flows++
		if len(c.flows) >= maxInnerFlows {
			return
		}
		f = &flowCount{}
		c.flows[fk] = f
	}
	f.packets++
	f.bytes += in.Length
	if len(f.first) < timelinePacketsFlow {
		f.first = append(f.first, Message{Frame: r.Frame, Time: r.Time, Phase: PhaseData, FromClient: dir == 0,
			Proto: "inner", Msg: in.Proto, ID: -1, Summary: in.Describe()})
	}
}

// timeline adds the first packets of the inner flows to the session's
// messages: every flow, or the maxTimelineFlows with the most bytes.
func (c *sessionCrypto) timeline(s *Session) {
	flows := make([]*flowCount, 0, len(c.flows))
	for _, f := range c.flows {
		flows = append(flows, f)
	}
	sort.Slice(flows, func(i, j int) bool {
		if flows[i].bytes != flows[j].bytes {
			return flows[i].bytes > flows[j].bytes
		}
		return flows[i].first[0].Frame < flows[j].first[0].Frame
	})
	if len(flows) > maxTimelineFlows {
		flows = flows[:maxTimelineFlows]
	}
	is := &c.d.Inner
	for _, f := range flows {
		is.FlowsInTimeline++
		for _, m := range f.first {
			is.PacketsInTimeline++
			s.addMessage(m)
		}
	}
	sort.SliceStable(s.Messages, func(i, j int) bool { return s.Messages[i].Frame < s.Messages[j].Frame })
}

// finish computes each session's decryption status and sorted statistics.
func (d *decrypter) finish(t *Tracker) {
	for _, s := range t.sessions {
		c := d.state(s)
		dd := c.d
		for dir := range 2 {
			if dec := c.dec[dir]; dec != nil {
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
		case dd.Status == DecryptOK || dd.Status == DecryptNoCCP || dd.Status == DecryptIncomplete:
		case dd.Verified && encrypted == 0:
			dd.Status = DecryptVerified
		case dd.Status == "":
			st, why := c.why(s, d)
			if encrypted == 0 && (st == "" || st != DecryptAuthFailed && s.Encryption == nil) {
				st, why = DecryptNotNeeded, "the session carries no encrypted frames"
			}
			dd.Status, dd.Reason = st, why
		}
		for _, p := range c.protos {
			dd.Inner.Protocols = append(dd.Inner.Protocols, *p)
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
		if len(dd.Inner.Talkers) > MaxTalkers {
			dd.Inner.Talkers = dd.Inner.Talkers[:MaxTalkers]
		}
		c.timeline(s)
		s.Decryption = dd
	}
}

// decodeInner decodes a decrypted PPP payload: IPv4 or IPv6 with its
// transport header; other PPP protocols by name. It reports whether the
// packet is well formed (in.Err empty).
func decodeInner(proto uint16, b []byte, in *Inner) bool {
	*in = Inner{PPPProtocol: proto, Length: len(b), Data: b}
	switch layers.PPPType(proto) {
	case decode.PPPTypeIPv4:
		in.Network = "IPv4"
		decodeIPv4(b, in)
	case decode.PPPTypeIPv6:
		in.Network = "IPv6"
		decodeIPv6(b, in)
	default:
		in.Network = decode.PPPProtocolName(layers.PPPType(proto))
		if proto&0x0001 == 0 || proto >= 0x4000 {
			// Not a network-layer protocol number (RFC 1661 section 2):
			// decryption gave garbage, or the peer sent something odd.
			in.Err = fmt.Sprintf("not a network protocol (0x%04x)", proto)
		}
	}
	return in.Err == ""
}

func be16(b []byte) uint16 { return uint16(b[0])<<8 | uint16(b[1]) }

// ipChecksumOK verifies an IPv4 header checksum.
func ipChecksumOK(h []byte) bool {
	var s uint32
	for i := 0; i+1 < len(h); i += 2 {
		s += uint32(be16(h[i:]))
	}
	for s > 0xffff {
		s = s>>16 + s&0xffff
	}
	return s == 0xffff
}

func decodeIPv4(b []byte, in *Inner) {
	if len(b) < 20 {
		in.Err = fmt.Sprintf("IPv4 header truncated (%d bytes)", len(b))
		return
	}
	if v := b[0] >> 4; v != 4 {
		in.Err = fmt.Sprintf("IP version %d in an IPv4 frame", v)
		return
	}
	ihl := int(b[0]&0x0f) * 4
	total := int(be16(b[2:]))
	switch {
	case ihl < 20 || ihl > len(b):
		in.Err = fmt.Sprintf("bad IPv4 header length %d", ihl)
		return
	case total < ihl || total > len(b):
		in.Err = fmt.Sprintf("IPv4 total length %d, %d bytes present", total, len(b))
		return
	case !ipChecksumOK(b[:ihl]):
		in.Err = "bad IPv4 header checksum"
		return
	}
	in.Length, in.Data = total, b[:total]
	in.Src = netip.AddrFrom4([4]byte(b[12:16]))
	in.Dst = netip.AddrFrom4([4]byte(b[16:20]))
	p := b[9]
	in.Proto = ipProtoName(p)
	fragOff := int(be16(b[6:])&0x1fff) * 8
	more := be16(b[6:])&0x2000 != 0
	if fragOff > 0 {
		in.Info = fmt.Sprintf("fragment offset=%d", fragOff)
		return
	}
	transport(p, b[ihl:total], in)
	if more {
		in.Info = strings.TrimSpace(in.Info + " first fragment")
	}
}

func decodeIPv6(b []byte, in *Inner) {
	if len(b) < 40 {
		in.Err = fmt.Sprintf("IPv6 header truncated (%d bytes)", len(b))
		return
	}
	if v := b[0] >> 4; v != 6 {
		in.Err = fmt.Sprintf("IP version %d in an IPv6 frame", v)
		return
	}
	total := 40 + int(be16(b[4:]))
	if total > len(b) {
		in.Err = fmt.Sprintf("IPv6 payload length %d, %d bytes present", total-40, len(b)-40)
		return
	}
	in.Length, in.Data = total, b[:total]
	in.Src = netip.AddrFrom16([16]byte(b[8:24]))
	in.Dst = netip.AddrFrom16([16]byte(b[24:40]))
	next, rest := b[6], b[40:total]
	for range 8 { // extension headers
		switch next {
		case 0, 43, 60: // hop-by-hop, routing, destination options
			if len(rest) < 8 || len(rest) < (int(rest[1])+1)*8 {
				in.Proto = ipProtoName(next)
				return
			}
			next, rest = rest[0], rest[(int(rest[1])+1)*8:]
			continue
		case 44: // fragment
			if len(rest) < 8 {
				in.Proto = "IPv6-Frag"
				return
			}
			off := int(be16(rest[2:]) & 0xfff8)
			next, rest = rest[0], rest[8:]
			if off > 0 {
				in.Proto = ipProtoName(next)
				in.Info = fmt.Sprintf("fragment offset=%d", off)
				return
			}
			continue
		}
		break
	}
	in.Proto = ipProtoName(next)
	transport(next, rest, in)
}

func ipProtoName(p uint8) string {
	switch p {
	case 1:
		return "ICMP"
	case 2:
		return "IGMP"
	case 6:
		return "TCP"
	case 17:
		return "UDP"
	case 41:
		return "IPv6-in-IP"
	case 47:
		return "GRE"
	case 50:
		return "ESP"
	case 51:
		return "AH"
	case 58:
		return "ICMPv6"
	case 89:
		return "OSPF"
	case 132:
		return "SCTP"
	}
	return fmt.Sprintf("IP-proto-%d", p)
}

var icmpNames = map[uint8]string{0: "Echo-Reply", 3: "Destination-Unreachable", 4: "Source-Quench", 5: "Redirect",
	8: "Echo-Request", 11: "Time-Exceeded", 12: "Parameter-Problem", 13: "Timestamp", 14: "Timestamp-Reply"}

var icmp6Names = map[uint8]string{1: "Destination-Unreachable", 2: "Packet-Too-Big", 3: "Time-Exceeded",
	4: "Parameter-Problem", 128: "Echo-Request", 129: "Echo-Reply", 130: "MLD-Query", 131: "MLD-Report",
	133: "Router-Solicitation", 134: "Router-Advertisement", 135: "Neighbor-Solicitation",
	136: "Neighbor-Advertisement", 137: "Redirect", 143: "MLDv2-Report"}

// transport fills ports and a short description from the transport header.
func transport(p uint8, b []byte, in *Inner) {
	switch p {
	case 6, 17, 132:
		if len(b) < 4 {
			in.Info = "transport header truncated"
			return
		}
		in.SrcPort, in.DstPort, in.HasPorts = be16(b), be16(b[2:]), true
		if p == 6 && len(b) >= 14 {
			var f []string
			for _, x := range []struct {
				bit  byte
				name string
			}{{0x02, "SYN"}, {0x01, "FIN"}, {0x04, "RST"}, {0x08, "PSH"}, {0x10, "ACK"}, {0x20, "URG"}} {
				if b[13]&x.bit != 0 {
					f = append(f, x.name)
				}
			}
			in.Info = "[" + strings.Join(f, ",") + "]"
		}
	case 1, 58:
		if len(b) < 2 {
			return
		}
		names := icmpNames
		if p == 58 {
			names = icmp6Names
		}
		if n, ok := names[b[0]]; ok {
			in.Info = n
		} else {
			in.Info = fmt.Sprintf("type=%d", b[0])
		}
		if b[1] != 0 {
			in.Info += fmt.Sprintf(" code=%d", b[1])
		}
	}
}

// KeyDerivation explains, step by step, how the MPPE keys of a session
// follow from its user's credential (for `pptpscope keys`). The session must
// come from AnalyzeWith with the same credentials and its password must have
// been verified. When the CCP exchange is not in the capture, 128-bit
// stateless keys are shown and assumed says so.
func KeyDerivation(s *Session, creds *Credentials) (d *mppe.Derivation, assumed bool, err error) {
	dd := s.Decryption
	if dd == nil || !dd.Verified || s.Auth == nil {
		why := "the password was not verified"
		switch a := s.Auth; {
		case a == nil:
			why = "the authentication of this session is not in the capture"
		case !isMSCHAP(a.Method):
			why = fmt.Sprintf("MPPE keys come from MS-CHAP; this session used %s", a.Method)
		case a.Result == "failure":
			why = "the authentication failed"
		case dd != nil && dd.Reason != "":
			why = dd.Reason
		}
		return nil, false, errors.New(why)
	}
	cred, ok := creds.For(dd.User)
	if !ok {
		return nil, false, fmt.Errorf("no password given for user %s", dd.User)
	}
	l, mode := mppe.KeyLength(dd.Bits), mppe.Stateful
	if dd.Stateless {
		mode = mppe.Stateless
	}
	if !l.Valid() {
		if b, ok := s.mppeBits(0); ok {
			l = b2len(b)
			if b&0x01000000 != 0 {
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
