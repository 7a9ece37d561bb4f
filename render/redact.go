package render

import (
	"bytes"
	"fmt"
	"io"
	"net/netip"
	"regexp"
	"strings"

	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/session"
)

// RedactOptions say what --redact replaces.
type RedactOptions struct {
	// Addresses also replaces IP addresses, each by a stable address of
	// the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
	// 203.0.113.0/24, then 240.0.0.0/4; 2001:db8::/32).
	Addresses bool
}

// Redactor replaces what must not leave the capture by stable
// placeholders: user names (user-1), the authenticator's names
// (server-1), challenges (<challenge-1>), responses (<response-1>: an
// NT-Response can be cracked), authenticator responses
// (<authenticator-1>), passwords (<password>) and, optionally, addresses.
// The same value gets the same placeholder in every output of a run.
// Frames' bytes (but for MPPE frames' ciphertext, kept unless addresses
// are redacted) and decrypted payloads are dropped; the bytes a report
// shows of an authentication message have those fields overwritten.
type Redactor struct {
	opts  RedactOptions
	ph    map[string]string // kind \x00 value -> placeholder
	count map[string]int
	hexes map[string]string // lower-case hex secret -> placeholder
	names map[string]string // name -> placeholder
	addrs map[netip.Addr]netip.Addr
	n4    int
	n6    int
}

// NewRedactor returns a redactor.
func NewRedactor(opts RedactOptions) *Redactor {
	return &Redactor{opts: opts, ph: map[string]string{}, count: map[string]int{}, hexes: map[string]string{},
		names: map[string]string{}, addrs: map[netip.Addr]netip.Addr{}}
}

// Placeholder kinds.
const (
	redUser          = "user"
	redServer        = "server"
	redChallenge     = "challenge"
	redResponse      = "response"
	redAuthenticator = "authenticator"
	redPassword      = "password"
)

// placeholder returns the placeholder of value v of a kind, registering v
// so that Scrub replaces it in free text too.
func (x *Redactor) placeholder(kind, v string) string {
	if v == "" {
		return ""
	}
	if kind == redPassword {
		x.names[v] = "<password>"
		return "<password>"
	}
	key := kind + "\x00" + strings.ToLower(v)
	if p, ok := x.ph[key]; ok {
		return p
	}
	x.count[kind]++
	var p string
	switch kind {
	case redUser, redServer:
		p = fmt.Sprintf("%s-%d", kind, x.count[kind])
		x.names[v] = p
	default:
		p = fmt.Sprintf("<%s-%d>", kind, x.count[kind])
		x.hexes[strings.ToLower(v)] = p
	}
	x.ph[key] = p
	return p
}

// User returns a user name's placeholder.
func (x *Redactor) User(name string) string { return x.placeholder(redUser, name) }

// Addr returns the address that stands for a (a itself unless addresses
// are redacted).
func (x *Redactor) Addr(a netip.Addr) netip.Addr {
	if !x.opts.Addresses || !a.IsValid() {
		return a
	}
	if m, ok := x.addrs[a]; ok {
		return m
	}
	var m netip.Addr
	if a.Is4() || a.Is4In6() {
		x.n4++
		n := x.n4
		switch {
		case n <= 254:
			m = netip.AddrFrom4([4]byte{192, 0, 2, byte(n)})
		case n <= 508:
			m = netip.AddrFrom4([4]byte{198, 51, 100, byte(n - 254)})
		case n <= 762:
			m = netip.AddrFrom4([4]byte{203, 0, 113, byte(n - 508)})
		default:
			n -= 762
			m = netip.AddrFrom4([4]byte{240 | byte(n>>24&15), byte(n >> 16), byte(n >> 8), byte(n)})
		}
	} else {
		x.n6++
		n := x.n6
		m = netip.AddrFrom16([16]byte{0x20, 0x01, 0x0d, 0xb8, 12: byte(n >> 24), 13: byte(n >> 16), 14: byte(n >> 8), 15: byte(n)})
	}
	x.addrs[a] = m
	return m
}

var (
	hexRun   = regexp.MustCompile(`[0-9A-Fa-f]{8,}`)
	ipv4Text = regexp.MustCompile(`\b[0-9]{1,3}(?:\.[0-9]{1,3}){3}\b`)
	ipv6Text = regexp.MustCompile(`[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.[0-9]{1,3}){0,3}`)
)

// Scrub replaces the secrets met so far (and, with addresses redacted,
// every address) in free text. strict, for the text of authentication
// messages, also replaces every hex run of 8 digits or more (a truncated
// S= or C= value).
func (x *Redactor) Scrub(s string, strict bool) string {
	if s == "" {
		return s
	}
	s = hexRun.ReplaceAllStringFunc(s, func(h string) string {
		if p, ok := x.hexes[strings.ToLower(h)]; ok {
			return p
		}
		if len(h) >= 16 { // a secret inside a longer run (secrets have 16 digits or more)
			lh, changed := strings.ToLower(h), false
			for k, p := range x.hexes {
				if len(k) >= 16 && strings.Contains(lh, k) {
					lh, changed = strings.ReplaceAll(lh, k, p), true
				}
			}
			if changed {
				return lh
			}
		}
		if strict {
			lh := strings.ToLower(h)
			for k, p := range x.hexes { // a truncated value (S=2B6D4FB1…)
				if strings.HasPrefix(k, lh) {
					return p
				}
			}
			return "<hex>"
		}
		return h
	})
	for name, p := range x.names {
		s = replaceWord(s, name, p)
	}
	if x.opts.Addresses {
		s = ipv4Text.ReplaceAllStringFunc(s, x.addrText)
		s = ipv6Text.ReplaceAllStringFunc(s, x.addrText)
	}
	return s
}

func (x *Redactor) addrText(t string) string {
	a, err := netip.ParseAddr(t)
	if err != nil {
		return t
	}
	return x.Addr(a).String()
}

// replaceWord replaces old in s where it is not part of a longer word.
func replaceWord(s, old, repl string) string {
	if old == "" || !strings.Contains(s, old) {
		return s
	}
	word := func(b byte) bool {
		return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
	}
	var b strings.Builder
	for {
		i := strings.Index(s, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := i + len(old)
		if (i > 0 && word(s[i-1]) && word(old[0])) || (j < len(s) && word(s[j]) && word(old[len(old)-1])) {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(repl)
		s = s[j:]
	}
}

// authProto reports whether records of proto carry credentials.
func authProto(proto string) bool {
	return proto == "PAP" || proto == "CHAP" || proto == "EAP"
}

// notSecret: fields that are never secret whatever their type, and values
// that say nothing (all zeros: a reserved field, an unused LM-Response).
func notSecret(key string, v any) bool {
	if key == "reserved" {
		return true
	}
	t := valueText(v)
	return t != "" && strings.Trim(t, "0") == ""
}

// secretKind is the placeholder kind of an authentication message's field
// (code: the message's code; 1 is a challenge or request), "" for a field
// that is not secret.
func secretKind(key string, code int, v any) string {
	if notSecret(key, v) {
		return ""
	}
	switch key {
	case "peer_id", "identity":
		return redUser
	case "name":
		if code == 1 {
			return redServer
		}
		return redUser
	case "password":
		return redPassword
	case "value":
		if code == 1 {
			return redChallenge
		}
		return redResponse
	case "peer_challenge", "challenge":
		return redChallenge
	case "nt_response", "lm_response", "response", "encrypted_hash", "encrypted_password", "data", "type_data", "extra":
		return redResponse
	case "authenticator_response":
		return redAuthenticator
	}
	switch v.(type) {
	case decode.Hex, []byte:
		return redResponse
	}
	return ""
}

func valueText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case decode.Hex:
		return t.String()
	case []byte:
		return decode.Hex(t).String()
	}
	return fmt.Sprint(v)
}

func fieldCode(f decode.Fields) int {
	for _, fl := range f {
		if fl.Name == "code" {
			if c, ok := fl.Value.(int); ok {
				return c
			}
			if c, ok := fl.Value.(uint8); ok {
				return int(c)
			}
		}
	}
	return 0
}

// Fields returns a redacted copy of a message's fields; auth says the
// message is an authentication message.
func (x *Redactor) Fields(f decode.Fields, auth bool) decode.Fields {
	if f == nil {
		return nil
	}
	out := make(decode.Fields, len(f))
	code := fieldCode(f)
	if auth { // register every secret first: the texts may repeat them
		for _, fl := range f {
			if k := secretKind(fl.Name, code, fl.Value); k != "" {
				x.placeholder(k, valueText(fl.Value))
			}
		}
	}
	for i, fl := range f {
		out[i] = fl
		if auth {
			if k := secretKind(fl.Name, code, fl.Value); k != "" {
				out[i].Value = x.placeholder(k, valueText(fl.Value))
				continue
			}
		}
		out[i].Value = x.value(fl.Value, auth)
	}
	return out
}

// value redacts a field value that is not secret by itself: texts are
// scrubbed, nested fields redacted.
func (x *Redactor) value(v any, auth bool) any {
	switch t := v.(type) {
	case string:
		return x.Scrub(t, auth)
	case decode.Fields:
		return x.Fields(t, auth)
	case []decode.Fields:
		out := make([]decode.Fields, len(t))
		for i, f := range t {
			out[i] = x.Fields(f, auth)
		}
		return out
	case []string:
		out := make([]string, len(t))
		for i, s := range t {
			out[i] = x.Scrub(s, auth)
		}
		return out
	case fmt.Stringer:
		if s := t.String(); x.Scrub(s, auth) != s {
			return x.Scrub(s, auth)
		}
	}
	return v
}

// redactBytes returns a copy of a message's bytes with its secret fields
// overwritten ('x') and, with addresses redacted, its address fields
// replaced by their stand-ins.
func (x *Redactor) redactBytes(b []byte, f decode.Fields, auth bool) []byte {
	if b == nil {
		return nil
	}
	out := append([]byte(nil), b...)
	x.overwrite(out, f, auth)
	return out
}

// overwrite does redactBytes' work for the fields f (and those nested).
func (x *Redactor) overwrite(out []byte, f decode.Fields, auth bool) {
	code := fieldCode(f)
	for _, fl := range f {
		switch t := fl.Value.(type) {
		case decode.Fields:
			x.overwrite(out, t, auth)
			continue
		case []decode.Fields:
			for _, n := range t {
				x.overwrite(out, n, auth)
			}
			continue
		}
		if fl.Start < 0 || fl.End > len(out) || fl.Start >= fl.End {
			continue
		}
		if auth && (secretKind(fl.Name, code, fl.Value) != "" || fl.Name == "message" || strings.HasSuffix(fl.Name, "_message")) {
			for i := fl.Start; i < fl.End; i++ {
				out[i] = 'x'
			}
			continue
		}
		if s, ok := fl.Value.(string); ok && x.opts.Addresses {
			if a, err := netip.ParseAddr(s); err == nil && a.Is4() && fl.End-fl.Start == 4 {
				m := x.Addr(a).As4()
				copy(out[fl.Start:fl.End], m[:])
			}
		}
	}
}

// overwriteNames overwrites ('x') every user name and password met so far
// (of 3 characters or more) in a message's bytes, wherever it is (a PPTP
// host name equal to the user's).
func (x *Redactor) overwriteNames(b []byte) {
	for name := range x.names {
		if len(name) < 3 {
			continue
		}
		for i := 0; ; {
			j := bytes.Index(b[i:], []byte(name))
			if j < 0 {
				break
			}
			for k := i + j; k < i+j+len(name); k++ {
				b[k] = 'x'
			}
			i += j + len(name)
		}
	}
}

// Writer returns w with every line scrubbed (Scrub) when it is complete:
// a list held until its session ended is written after the session's
// authentication made its names known. Close writes an unfinished last
// line.
func (x *Redactor) Writer(w io.Writer) *ScrubWriter { return &ScrubWriter{x: x, w: w} }

// ScrubWriter is the writer of Redactor.Writer.
type ScrubWriter struct {
	x    *Redactor
	w    io.Writer
	line []byte
}

func (s *ScrubWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			s.line = append(s.line, p...)
			break
		}
		s.line = append(s.line, p[:i+1]...)
		p = p[i+1:]
		if _, err := io.WriteString(s.w, s.x.Scrub(string(s.line), false)); err != nil {
			return 0, err
		}
		s.line = s.line[:0]
	}
	return n, nil
}

// Close writes what is left of the last line.
func (s *ScrubWriter) Close() error {
	if len(s.line) == 0 {
		return nil
	}
	_, err := io.WriteString(s.w, s.x.Scrub(string(s.line), false))
	s.line = nil
	return err
}

// redactedMessage is a record's message as a redacted output shows it.
type redactedMessage struct {
	decode.Message
	fields  decode.Fields
	summary string
	notes   []decode.Note
}

func (m *redactedMessage) Fields() decode.Fields { return m.fields }
func (m *redactedMessage) Summary() string       { return m.summary }
func (m *redactedMessage) Notes() []decode.Note  { return m.notes }
func (m *redactedMessage) LayerContents() []byte { return nil }
func (m *redactedMessage) LayerPayload() []byte  { return nil }

type redactedErr struct {
	msg string
	err error
}

func (e redactedErr) Error() string { return e.msg }
func (e redactedErr) Unwrap() error { return e.err }

// Record returns a redacted copy of r: no frame bytes, no decrypted
// payload, secrets replaced in the message's fields and texts.
func (x *Redactor) Record(r *session.Record) *session.Record {
	c := *r
	auth := authProto(r.Proto)
	if r.Proto != "MPPE" || x.opts.Addresses {
		// An MPPE frame's bytes are ciphertext (the report's
		// encapsulation view shows them); any other frame may carry
		// credentials or a payload in clear, and every one addresses.
		c.Raw = nil
	}
	c.Src, c.Dst = x.Addr(r.Src), x.Addr(r.Dst)
	if r.Inner != nil {
		in := *r.Inner
		in.Data, in.PPP = nil, nil
		in.Src, in.Dst = x.Addr(in.Src), x.Addr(in.Dst)
		c.Inner = &in
	}
	if r.Message != nil {
		m := &redactedMessage{Message: r.Message, fields: x.Fields(r.Message.Fields(), auth)}
		m.summary = x.Scrub(r.Message.Summary(), auth)
		for _, n := range r.Message.Notes() {
			m.notes = append(m.notes, x.note(n, auth))
		}
		c.Message = m
	}
	if len(r.Notes) > 0 {
		c.Notes = make([]decode.Note, len(r.Notes))
		for i, n := range r.Notes {
			c.Notes[i] = x.note(n, auth)
		}
	}
	if r.Err != nil {
		if s := x.Scrub(r.Err.Error(), auth); s != r.Err.Error() {
			c.Err = redactedErr{s, r.Err}
		}
	}
	return &c
}

func (x *Redactor) side(s session.Side) session.Side {
	s.Addr, s.TunnelAddr = x.Addr(s.Addr), x.Addr(s.TunnelAddr)
	s.HostName, s.Vendor = x.Scrub(s.HostName, false), x.Scrub(s.Vendor, false)
	if x.opts.Addresses {
		s.DNS, s.NBNS = x.addrList(s.DNS), x.addrList(s.NBNS)
		if s.InterfaceID != "" {
			s.InterfaceID = "<interface-id>"
		}
	}
	return s
}

func (x *Redactor) addrList(l []netip.Addr) []netip.Addr {
	if l == nil {
		return nil
	}
	out := make([]netip.Addr, len(l))
	for i, a := range l {
		out[i] = x.Addr(a)
	}
	return out
}

// Session returns a redacted copy of s.
func (x *Redactor) Session(s *session.Session) *session.Session {
	c := *s
	if a := s.Auth; a != nil {
		au := *a
		au.User = x.User(a.User)
		for _, v := range []struct {
			kind string
			b    []byte
		}{{redChallenge, a.Challenge}, {redChallenge, a.PeerChallenge}, {redResponse, a.NTResponse}, {redResponse, a.LMResponse}} {
			if len(v.b) > 0 {
				x.placeholder(v.kind, decode.Hex(v.b).String())
			}
		}
		x.placeholder(redAuthenticator, a.AuthenticatorResponse)
		au.Challenge, au.PeerChallenge, au.NTResponse, au.LMResponse = nil, nil, nil, nil
		au.AuthenticatorResponse = x.placeholder(redAuthenticator, a.AuthenticatorResponse)
		au.Message = x.Scrub(a.Message, true)
		c.Auth = &au
	}
	c.Client, c.Server = x.side(s.Client), x.side(s.Server)
	if len(s.Findings) > 0 {
		c.Findings = make([]session.Finding, len(s.Findings))
		for i, f := range s.Findings {
			c.Findings[i] = x.finding(f)
		}
	}
	if len(s.Messages) > 0 {
		c.Messages = make([]session.Message, len(s.Messages))
		for i, m := range s.Messages {
			auth := authProto(m.Proto)
			if m.Bytes != nil {
				m.Bytes = x.redactBytes(m.Bytes, s.Messages[i].DecodedFields(), auth)
				x.overwriteNames(m.Bytes)
			}
			m.Summary = x.Scrub(m.Summary, auth)
			if m.Inner != nil {
				in := *m.Inner
				in.Data, in.PPP = nil, nil
				in.Src, in.Dst = x.Addr(in.Src), x.Addr(in.Dst)
				m.Inner = &in
			}
			c.Messages[i] = m
		}
	}
	if d := s.Decryption; d != nil {
		dd := *d
		dd.User = x.User(d.User)
		dd.Detail = x.Scrub(d.Detail, true)
		if x.opts.Addresses && len(d.Inner.Talkers) > 0 {
			dd.Inner.Talkers = make([]session.Talker, len(d.Inner.Talkers))
			for i, t := range d.Inner.Talkers {
				t.A, t.B = x.Addr(t.A), x.Addr(t.B)
				dd.Inner.Talkers[i] = t
			}
		}
		c.Decryption = &dd
	}
	return &c
}

// Redact wraps a sink so that it sees redacted records and sessions (see
// Redactor). Wrap it inside a selection (Select), which must see the real
// names and addresses.
func Redact(inner session.Sink, opts RedactOptions) session.Sink {
	return RedactWith(NewRedactor(opts), inner)
}

// RedactWith is Redact with a given redactor (whose Writer the sink's
// output goes through).
func RedactWith(x *Redactor, inner session.Sink) session.Sink {
	return &redactor{inner: inner, x: x}
}

// redactor is the sink of Redact. Sessions are redacted again for End
// (placeholders are stable): keeping the copies would cost a streamed
// analysis memory for every session.
type redactor struct {
	inner session.Sink
	x     *Redactor
}

func (r *redactor) Phase(rec *session.Record) error  { return r.inner.Phase(r.x.Record(rec)) }
func (r *redactor) Record(rec *session.Record) error { return r.inner.Record(r.x.Record(rec)) }
func (r *redactor) Finding(s *session.Session, f session.Finding) error {
	return r.inner.Finding(r.x.Session(s), r.x.finding(f))
}

func (r *redactor) SessionEnd(s *session.Session) error { return r.inner.SessionEnd(r.x.Session(s)) }

func (r *redactor) End(a *session.Analysis) error {
	if a != nil && a.Sessions != nil {
		b := *a
		b.Sessions = make([]*session.Session, len(a.Sessions))
		for i, s := range a.Sessions {
			b.Sessions[i] = r.x.Session(s)
		}
		a = &b
	}
	return r.inner.End(a)
}

// holding and reporting tell Select whether the wrapped sink is a Holder
// and a SelectionReporter.
func (r *redactor) holding() bool { _, ok := r.inner.(Holder); return ok }
func (r *redactor) reporting() bool {
	_, ok := r.inner.(SelectionReporter)
	return ok
}

// Hold implements Holder for a wrapped Holder.
func (r *redactor) Hold(rec *session.Record) (func() error, int) {
	if h, ok := r.inner.(Holder); ok {
		return h.Hold(r.x.Record(rec))
	}
	return nil, 0
}

// SetSelection implements SelectionReporter for a wrapped one.
func (r *redactor) SetSelection(res SelectionResult) {
	if sr, ok := r.inner.(SelectionReporter); ok {
		sr.SetSelection(res)
	}
}

// note is a decoder note with its text arguments scrubbed and its
// addresses replaced.
func (x *Redactor) note(n decode.Note, auth bool) decode.Note {
	if len(n.Args) == 0 {
		return n
	}
	args := make([]any, len(n.Args))
	for i, a := range n.Args {
		switch v := a.(type) {
		case string:
			args[i] = x.Scrub(v, auth)
		case []byte:
			args[i] = x.Scrub(string(v), auth)
		case netip.Addr:
			args[i] = x.Addr(v)
		default:
			args[i] = a
		}
	}
	n.Args = args
	return n
}

// finding is a finding with its user names, server messages and
// addresses replaced (the text render writes from its arguments then names
// no secret).
func (x *Redactor) finding(f session.Finding) session.Finding {
	a := &f.Args
	if a.User != "" {
		a.User = x.User(a.User)
	}
	a.ServerMessage = x.Scrub(a.ServerMessage, true)
	a.From, a.To = x.Addr(a.From), x.Addr(a.To)
	if len(a.TermReasons) > 0 {
		rs := make([]session.TermReason, len(a.TermReasons))
		for i, r := range a.TermReasons {
			r.Text = x.Scrub(r.Text, true)
			rs[i] = r
		}
		a.TermReasons = rs
	}
	return f
}
