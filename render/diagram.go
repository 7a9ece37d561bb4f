package render

import (
	"bytes"
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pptpscope/pptpscope/session"
)

// A sequence diagram of one session, in the article's order: a section per
// handshake phase (2.1 TCP connect ... 2.6 CCP, data, teardown) with the
// messages of that phase in capture order. The text, Mermaid, PlantUML, SVG
// and HTML renderers all draw this model, so they tell the same story.

// DiagramOptions selects what a diagram shows.
type DiagramOptions struct {
	// Phase limits the diagram to one phase (a session.Phase* name); "" is
	// every phase.
	Phase string
	// Data draws every data packet and keepalive one by one instead of a
	// summary per direction and collapsed repetitions.
	Data bool
	// Packets are the data packets of the capture (see DataPacket); used
	// only with Data.
	Packets []DataPacket
	// Origin is the time the margin counts from (zero: the earliest session
	// start, as `analyze` does).
	Origin time.Time
	// Lang is the language of titles, notes and labels ("" English).
	Lang string
	// Locate, when set (several captures merged), gives a frame's file
	// and its number there. A diagram whose frames all come from one file
	// numbers them as that file does and names the file in its title;
	// otherwise it numbers the files in its title and names each frame
	// file:frame with them ("2:15").
	Locate func(frame int) (file string, local int)
}

// DataPacket is one GRE packet that is not a handshake message (MPPE data,
// plain PPP data, ack-only GRE), kept for `diagram --data`.
type DataPacket struct {
	Frame    int
	Time     time.Time
	Src, Dst netip.Addr
	CallID   int
	Proto    string // MPPE, PPP, GRE
	Msg      string
	Length   int
	Summary  string
}

// DataPacketOf copies what a diagram needs of a data record, its summary
// in lang.
func DataPacketOf(lang string, r *session.Record) DataPacket {
	d := DataPacket{Frame: r.Frame, Time: r.Time, Src: r.Src, Dst: r.Dst, CallID: r.CallID,
		Proto: r.Proto, Msg: r.Msg, Length: r.Length}
	var parts []string
	if r.Message != nil {
		if s := r.Message.Summary(); s != "" {
			parts = append(parts, s)
		}
	}
	if r.HasSeq {
		parts = append(parts, fmt.Sprintf("seq=%d", r.Seq))
	}
	if r.HasAck {
		parts = append(parts, fmt.Sprintf("ack=%d", r.Ack))
	}
	if r.Length > 0 {
		parts = append(parts, TN(lang, "diagram.data-bytes", r.Length, r.Length))
	}
	if r.Inner != nil {
		parts = append(parts, InnerInfo(lang, r.Inner))
	}
	d.Summary = strings.Join(parts, " ")
	return d
}

// ItemKind says what a diagram item draws.
type ItemKind int

// Item kinds.
const (
	ItemMessage ItemKind = iota // one message: an arrow
	ItemRepeat                  // a repeated message or exchange, collapsed: one arrow "×N"
	ItemData                    // data traffic of one direction, summarized, or one data packet
	ItemNote                    // a remark across both lifelines (e.g. "not in the capture")
)

// Item is one row of a diagram.
type Item struct {
	Kind       ItemKind
	FromClient bool
	// Exchange marks a collapsed request/reply exchange (arrow heads at
	// both ends).
	Exchange bool
	Time     time.Time
	Last     time.Time // last message of a collapsed item
	Label    string    // "LCP Configure-Request id=1"
	Detail   string    // the key content: "MRU=1400 Auth=MS-CHAPv2 Magic=0x..."
	Frame    int       // frame of the (first) message, 0 for summaries
	// Msgs are the indexes in Session.Messages of the messages the item
	// stands for (one for a message, all of them for a collapsed item).
	Msgs []int
	// Retransmission: the same request was sent before.
	Retransmission bool
	// Unanswered: the request got no answer in the capture (for a
	// collapsed item: every request of it; Unanswered counts them).
	Unanswered bool
	NoAnswer   int
}

// Count is the number of messages the item stands for.
func (it *Item) Count() int {
	if len(it.Msgs) == 0 {
		return 1
	}
	return len(it.Msgs)
}

// Section is one phase of a diagram.
type Section struct {
	Phase  string // session.Phase* name
	Title  string // the article's heading, e.g. "2.3 LCP"
	Status string
	Note   string
	Items  []Item
}

// Participant is one lifeline.
type Participant struct {
	Role   string // client or server
	Addr   string
	Host   string // host name from the control connection, if any
	Vendor string
}

// Lines are the participant's label lines: role, address, host/vendor.
func (p Participant) Lines() []string {
	out := []string{p.Role, p.Addr}
	var extra []string
	if p.Host != "" {
		extra = append(extra, p.Host)
	}
	if p.Vendor != "" && p.Vendor != p.Host {
		extra = append(extra, p.Vendor)
	}
	if len(extra) > 0 {
		out = append(out, strings.Join(extra, ", "))
	}
	return out
}

// Diagram is the sequence diagram of one session.
type Diagram struct {
	Session        *session.Session
	Title          string
	Verdict        string
	Client, Server Participant
	Origin         time.Time
	Sections       []Section
	// Lang is the language of the diagram's words ("" English).
	Lang string
	// ID tells the diagram's SVG ids from another diagram's in one page.
	ID     string
	frames frameNamer
}

// FrameName names frame n: its number; when several captures are merged,
// its number in its file, with the file's number in the diagram's title
// ("2:15") when the session's frames come from more than one.
func (d *Diagram) FrameName(n int) string { return d.frames.name(n) }

// frameNamer names frames when several captures are merged (locate set).
type frameNamer struct {
	locate func(frame int) (file string, local int)
	files  []string // the files of the session's frames, in order of appearance
}

// newFrameNamer notes the files the frames come from.
func newFrameNamer(locate func(int) (string, int), frames []int) frameNamer {
	f := frameNamer{locate: locate}
	if locate == nil {
		return f
	}
	for _, n := range frames {
		file, _ := locate(n)
		if !slices.Contains(f.files, file) {
			f.files = append(f.files, file)
		}
	}
	return f
}

func (f frameNamer) name(n int) string {
	if f.locate == nil {
		return strconv.Itoa(n)
	}
	file, local := f.locate(n)
	i := slices.Index(f.files, file)
	switch {
	case i < 0: // not among the session's frames: named in full
		return file + ":" + strconv.Itoa(local)
	case len(f.files) == 1:
		return strconv.Itoa(local)
	}
	return strconv.Itoa(i+1) + ":" + strconv.Itoa(local)
}

// titleNote is what the title says of the frames' files: "" for one
// capture.
func (f frameNamer) titleNote(lang string) string {
	switch len(f.files) {
	case 0:
		return ""
	case 1:
		return T(lang, "diagram.title-file", f.files[0])
	}
	list := make([]string, len(f.files))
	for i, file := range f.files {
		list[i] = T(lang, "diagram.title-file-n", i+1, file)
	}
	return T(lang, "diagram.title-files", ListText(lang, list))
}

// sessionFrames lists the frames a session's diagram names: its messages',
// its findings' and those of its data packets.
func sessionFrames(s *session.Session, pkts []DataPacket) []int {
	var out []int
	for i := range s.Messages {
		out = append(out, s.Messages[i].Frame)
	}
	for _, f := range s.Findings {
		out = append(out, f.Frames...)
	}
	for _, p := range pkts {
		out = append(out, p.Frame)
	}
	return out
}

// T is the catalogue text of key in the diagram's language.
func (d *Diagram) T(key string, args ...any) string { return T(d.Lang, key, args...) }

// VerdictText is the verdict for the diagram's title: OK, FAILED ...
func (d *Diagram) VerdictText() string { return VerdictWord(d.Lang, d.Verdict) }

// Rel is t relative to the diagram's origin, in seconds.
func (d *Diagram) Rel(t time.Time) float64 { return t.Sub(d.Origin).Seconds() }

// Arrows counts the items drawn as arrows (messages, repetitions, data).
func (d *Diagram) Arrows() int {
	n := 0
	for _, s := range d.Sections {
		for _, it := range s.Items {
			if it.Kind != ItemNote {
				n++
			}
		}
	}
	return n
}

// Origin returns the earliest session start of an analysis: the zero of
// the time margin, as in `analyze`.
func Origin(a *session.Analysis) time.Time {
	var first time.Time
	for _, s := range a.Sessions {
		if first.IsZero() || s.Start.Before(first) {
			first = s.Start
		}
	}
	return first
}

// phaseAliases maps what a user may type for --phase to a phase name.
var phaseAliases = map[string]string{
	"2.1": session.PhaseTCPConnect, "tcp": session.PhaseTCPConnect,
	"2.2": session.PhaseControlConnection, "control": session.PhaseControlConnection,
	"call": session.PhaseCallSetup, "gre": session.PhaseCallSetup,
	"2.3": session.PhaseLCP,
	"2.4": session.PhaseAuthentication, "auth": session.PhaseAuthentication,
	"2.5": session.PhaseNCP, "ipcp": session.PhaseNCP,
	"2.6": session.PhaseCCP, "mppe": session.PhaseCCP,
	"3": session.PhaseData,
}

// PhaseByName resolves a --phase argument: a phase name (lcp, ncp, ...),
// the article's section number (2.3) or a short alias (tcp, auth).
func PhaseByName(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if slices.Contains(session.PhaseOrder, s) {
		return s, nil
	}
	if p, ok := phaseAliases[s]; ok {
		return p, nil
	}
	return "", &Error{"err.render.unknown-phase", []any{s, List(session.PhaseOrder)}}
}

// NewDiagram builds the diagram of one session.
func NewDiagram(s *session.Session, opts DiagramOptions) *Diagram {
	d := &Diagram{Session: s, Origin: opts.Origin, Verdict: s.Verdict(), Lang: opts.Lang, ID: fmt.Sprintf("s%d", s.Index)}
	if d.Origin.IsZero() {
		d.Origin = s.Start
	}
	d.Title = SessionTitle(opts.Lang, s)
	var data []DataPacket
	if opts.Data {
		data = sessionPackets(s, opts.Packets)
	}
	d.frames = newFrameNamer(opts.Locate, sessionFrames(s, data))
	d.Title += d.frames.titleNote(opts.Lang)
	d.Client = Participant{Role: d.T("common.client"), Addr: addrOr(s.Client.Addr), Host: s.Client.HostName, Vendor: s.Client.Vendor}
	d.Server = Participant{Role: d.T("common.server"), Addr: addrOr(s.Server.Addr), Host: s.Server.HostName, Vendor: s.Server.Vendor}
	if s.ClientInferred {
		d.Client.Role = d.T("diagram.client-inferred")
	}
	flags := markMessages(s.Messages)
	for _, name := range s.PhaseNames() {
		if opts.Phase != "" && name != opts.Phase {
			continue
		}
		p := s.Phases[name]
		sec := Section{Phase: name, Title: PhaseTitle(opts.Lang, name), Status: p.Status, Note: PhaseNote(opts.Lang, p.NoteCode)}
		for i := range s.Messages {
			m := &s.Messages[i]
			if m.Phase != name {
				continue
			}
			sec.Items = append(sec.Items, messageItem(opts.Lang, m, i, flags[i]))
		}
		if name == session.PhaseData {
			if opts.Data {
				sec.Items = mergeData(sec.Items, data, s)
			} else {
				sec.Items = append(dataSummary(s, opts.Lang), collapseKeepalives(sec.Items, s.Messages)...)
			}
		}
		if !opts.Data {
			sec.Items = collapseRuns(sec.Items)
		}
		if len(sec.Items) == 0 {
			note := d.T("diagram.not-in-capture")
			switch {
			case p.NoteCode != "":
				note = PhaseNote(opts.Lang, p.NoteCode)
			case p.Status == session.StatusOK || p.Count > 0:
				note = TN(opts.Lang, "diagram.frames-no-message", p.Count, p.Count)
			}
			sec.Items = append(sec.Items, Item{Kind: ItemNote, Label: note, Time: p.Start})
			sec.Note = ""
		}
		d.Sections = append(d.Sections, sec)
	}
	return d
}

// NewDiagrams builds the diagrams of the selected sessions (index 0: all).
func NewDiagrams(a *session.Analysis, sessionIndex int, opts DiagramOptions) ([]*Diagram, error) {
	if opts.Origin.IsZero() {
		opts.Origin = Origin(a)
	}
	var out []*Diagram
	for _, s := range a.Sessions {
		if sessionIndex > 0 && s.Index != sessionIndex {
			continue
		}
		out = append(out, NewDiagram(s, opts))
	}
	if sessionIndex > 0 && len(out) == 0 {
		return nil, &Error{"err.render.no-session", []any{sessionIndex, len(a.Sessions)}}
	}
	return out, nil
}

// MessageLabelOf is the label of a message: protocol, RFC name and identifier.
func MessageLabelOf(m *session.Message) string {
	l := m.Proto + " " + m.Msg
	if m.ID >= 0 {
		l += fmt.Sprintf(" id=%d", m.ID)
	}
	return l
}

func messageItem(lang string, m *session.Message, i int, f msgFlags) Item {
	return Item{Kind: ItemMessage, FromClient: m.FromClient, Time: m.Time, Last: m.Time,
		Label: MessageLabelOf(m), Detail: messageSummary(lang, m), Frame: m.Frame, Msgs: []int{i},
		Retransmission: f.retransmission, Unanswered: f.unanswered, NoAnswer: b2i(f.unanswered)}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// msgFlags marks a message as a retransmission or as an unanswered request.
type msgFlags struct {
	request        bool
	retransmission bool
	unanswered     bool
	answeredBy     int // index of the answer, -1 none
}

// replies lists, for each request, the messages that answer it.
var replies = map[string][]string{
	"Configure-Request":                {"Configure-Ack", "Configure-Nak", "Configure-Reject"},
	"Terminate-Request":                {"Terminate-Ack"},
	"Echo-Request":                     {"Echo-Reply"},
	"Reset-Request":                    {"Reset-Ack"},
	"Authenticate-Request":             {"Authenticate-Ack", "Authenticate-Nak"},
	"Callback-Request":                 {"Callback-Response"},
	"Callback-Response":                {"Callback-Ack"},
	"Start-Control-Connection-Request": {"Start-Control-Connection-Reply"},
	"Stop-Control-Connection-Request":  {"Stop-Control-Connection-Reply"},
	"Outgoing-Call-Request":            {"Outgoing-Call-Reply"},
	"Incoming-Call-Request":            {"Incoming-Call-Reply"},
	"Call-Clear-Request":               {"Call-Disconnect-Notify"},
	"SYN":                              {"SYN-ACK"},
	"SYN-ACK":                          {"ACK"},
}

// requestReplies returns what answers m, or nil when m is no request.
func requestReplies(m *session.Message) []string {
	switch m.Proto {
	case "CHAP":
		switch m.Msg {
		case "Challenge":
			return []string{"Response"}
		case "Response":
			return []string{"Success", "Failure"}
		}
		return nil
	case "EAP":
		switch m.Msg {
		case "Request":
			return []string{"Response"}
		case "Response":
			return []string{"Request", "Success", "Failure"}
		}
		return nil
	}
	return replies[m.Msg]
}

// answers reports whether r (sent by the other side after m) answers m.
func answers(m, r *session.Message, want []string) bool {
	if r.FromClient == m.FromClient {
		return false
	}
	if r.Proto == "LCP" && (r.Msg == "Protocol-Reject" && strings.Contains(r.Summary, "proto="+m.Proto) ||
		r.Msg == "Code-Reject" && m.Proto == "LCP") {
		return true
	}
	if r.Proto != m.Proto {
		return false
	}
	ok := false
	for _, w := range want {
		if r.Msg == w {
			ok = true
		}
	}
	if !ok {
		return false
	}
	// EAP answers a Response with a Request of a new identifier.
	if m.Proto == "EAP" && m.Msg == "Response" && r.Msg == "Request" {
		return true
	}
	if m.ID >= 0 && r.ID >= 0 {
		return m.ID == r.ID
	}
	return true
}

// markMessages finds retransmitted and unanswered requests. An answer
// goes to the latest open request it matches; a request repeated with the
// same content (and the same identifier, or while the first was open) is a
// retransmission.
func markMessages(msgs []session.Message) []msgFlags {
	flags := make([]msgFlags, len(msgs))
	type open struct {
		i    int
		want []string
	}
	var pending []open
	for i := range msgs {
		m := &msgs[i]
		flags[i].answeredBy = -1
		// TCP: the model marks a repeated SYN, SYN-ACK or FIN.
		flags[i].retransmission = m.Retransmission
		// Does m answer an open request? Take the latest one.
		for j := len(pending) - 1; j >= 0; j-- {
			p := pending[j]
			if answers(&msgs[p.i], m, p.want) {
				flags[p.i].answeredBy = i
				// Older identical requests stay unanswered.
				pending = append(pending[:j], pending[j+1:]...)
				break
			}
		}
		want := requestReplies(m)
		if want == nil {
			continue
		}
		flags[i].request = true
		if isKeepalive(m) {
			pending = append(pending, open{i, want})
			continue // periodic: a new echo is no retransmission
		}
		for j := i - 1; j >= 0; j-- {
			o := &msgs[j]
			if o.FromClient != m.FromClient || o.Proto != m.Proto || o.Msg != m.Msg || !flags[j].request {
				continue
			}
			if sameContent(o, m) && (o.ID == m.ID && o.ID >= 0 || flags[j].answeredBy < 0) {
				flags[i].retransmission = true
			}
			break
		}
		pending = append(pending, open{i, want})
	}
	for i := range flags {
		if flags[i].request && flags[i].answeredBy < 0 {
			flags[i].unanswered = true
		}
	}
	return flags
}

// sameContent compares two messages without their PPP identifier.
func sameContent(a, b *session.Message) bool {
	if len(a.Bytes) == 0 || len(b.Bytes) == 0 {
		return a.Summary == b.Summary
	}
	if a.Proto == "PPTP" || len(a.Bytes) < 2 || len(b.Bytes) < 2 {
		return bytes.Equal(a.Bytes, b.Bytes)
	}
	return a.Bytes[0] == b.Bytes[0] && bytes.Equal(a.Bytes[2:], b.Bytes[2:])
}

// dataSummary is one arrow per direction with the session's data traffic.
func dataSummary(s *session.Session, lang string) []Item {
	var out []Item
	p := s.Phases[session.PhaseData]
	for dir := 0; dir < 2; dir++ {
		st := &s.Stats[dir]
		n := st.Encrypted + st.Plain + st.AckOnly
		if st.Compressed > st.Encrypted {
			n = st.Compressed + st.Plain + st.AckOnly
		}
		if n == 0 {
			continue
		}
		var parts []string
		if st.Encrypted > 0 {
			parts = append(parts, T(lang, "diagram.data.encrypted", st.Encrypted))
		}
		if st.Compressed > 0 && st.Compressed != st.Encrypted {
			parts = append(parts, T(lang, "diagram.data.compressed", st.Compressed))
		}
		if st.Plain > 0 {
			parts = append(parts, T(lang, "diagram.data.plain", st.Plain))
		}
		if st.AckOnly > 0 {
			parts = append(parts, T(lang, "diagram.data.ack-only", st.AckOnly))
		}
		if st.Lost > 0 {
			parts = append(parts, T(lang, "diagram.data.lost", st.Lost))
		}
		key := "diagram.data"
		if s.PPPLink {
			key = "diagram.data.ppp-link" // PPP frames, no GRE
		}
		out = append(out, Item{Kind: ItemData, FromClient: dir == 0, Time: p.Start, Last: p.End,
			Label:  TN(lang, key, st.Packets-st.Control, st.Packets-st.Control, dataBytes(s, dir)),
			Detail: strings.Join(parts, T(lang, "diagram.sep"))})
	}
	return out
}

// dataBytes are the GRE payload bytes of a direction; Stats count control
// packets too, which the summary leaves to the handshake arrows.
func dataBytes(s *session.Session, dir int) int {
	b := s.Stats[dir].Bytes
	for i := range s.Messages {
		m := &s.Messages[i]
		if m.FromClient == (dir == 0) && m.Proto != "PPTP" && m.Proto != "TCP" {
			b -= len(m.Bytes)
		}
	}
	if b < 0 {
		return 0
	}
	return b
}

// isKeepalive: the messages a long session repeats.
func isKeepalive(m *session.Message) bool {
	return m.Msg == "Echo-Request" || m.Msg == "Echo-Reply"
}

// collapseKeepalives replaces each kind of echo exchange (LCP or PPTP,
// asked by the client or by the server) by one arrow "×N" when there are
// three or more, drawn where the first one was. Requests left unanswered
// stay separate arrows: they are what a student should see.
func collapseKeepalives(items []Item, msgs []session.Message) []Item {
	type kind struct {
		proto      string
		fromClient bool
	}
	count := map[kind]int{}
	for _, it := range items {
		m := &msgs[it.Msgs[0]]
		if m.Msg == "Echo-Request" && !it.Unanswered {
			count[kind{m.Proto, m.FromClient}]++
		}
	}
	group := map[kind]int{} // index in out
	var out []Item
	for _, it := range items {
		m := &msgs[it.Msgs[0]]
		if !isKeepalive(m) || it.Unanswered {
			out = append(out, it)
			continue
		}
		k := kind{m.Proto, m.FromClient}
		if m.Msg == "Echo-Reply" {
			k.fromClient = !m.FromClient
		}
		if count[k] < 3 {
			out = append(out, it)
			continue
		}
		gi, ok := group[k]
		if !ok {
			group[k] = len(out)
			out = append(out, Item{Kind: ItemRepeat, Exchange: true, FromClient: k.fromClient, Time: it.Time,
				Frame: it.Frame, Label: fmt.Sprintf("%s Echo-Request/Reply ×%d", k.proto, count[k])})
			gi = len(out) - 1
		}
		g := &out[gi]
		g.Msgs = append(g.Msgs, it.Msgs...)
		g.Last = it.Time
	}
	return out
}

// collapseRuns collapses six or more consecutive identical arrows (same
// direction, protocol and message) into one "×N" arrow.
func collapseRuns(items []Item) []Item {
	var out []Item
	for i := 0; i < len(items); {
		j := i + 1
		for j < len(items) && sameArrow(&items[i], &items[j]) {
			j++
		}
		if j-i < 6 {
			out = append(out, items[i:j]...)
			i = j
			continue
		}
		g := items[i]
		g.Kind = ItemRepeat
		g.Msgs = nil
		g.NoAnswer = 0
		g.Retransmission = false
		for _, it := range items[i:j] {
			g.Msgs = append(g.Msgs, it.Msgs...)
			g.NoAnswer += it.NoAnswer
			g.Retransmission = g.Retransmission || it.Retransmission
			g.Last = it.Time
		}
		g.Unanswered = g.NoAnswer == j-i
		g.Label = strings.TrimSpace(strings.SplitN(g.Label, " id=", 2)[0]) + fmt.Sprintf(" ×%d", j-i)
		g.Detail = items[j-1].Detail
		out = append(out, g)
		i = j
	}
	return out
}

func sameArrow(a, b *Item) bool {
	if a.Kind != ItemMessage || b.Kind != ItemMessage || a.FromClient != b.FromClient {
		return false
	}
	la := strings.SplitN(a.Label, " id=", 2)[0]
	lb := strings.SplitN(b.Label, " id=", 2)[0]
	return la == lb
}

// sessionPackets picks the capture's data packets that belong to s: its
// address pair, its call IDs when known, within its time span.
func sessionPackets(s *session.Session, pkts []DataPacket) []DataPacket {
	var out []DataPacket
	for _, p := range pkts {
		var want int
		switch {
		case p.Src == s.Client.Addr && p.Dst == s.Server.Addr:
			want = s.PeerCallID
		case p.Src == s.Server.Addr && p.Dst == s.Client.Addr:
			want = s.CallID
		default:
			continue
		}
		if want >= 0 && p.CallID != want {
			continue
		}
		if p.Time.Before(s.Start) || p.Time.After(s.End) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// mergeData adds one arrow per data packet to the data phase's messages,
// in capture order.
func mergeData(items []Item, pkts []DataPacket, s *session.Session) []Item {
	for _, p := range pkts {
		items = append(items, Item{Kind: ItemData, FromClient: p.Src == s.Client.Addr, Time: p.Time, Last: p.Time,
			Frame: p.Frame, Label: p.Proto + " " + p.Msg, Detail: p.Summary})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].Frame < items[j].Frame })
	return items
}

// repeatText describes a collapsed item's time span for the margin-less
// formats: "10.3 s … 69.6 s".
func (d *Diagram) spanText(it *Item) string {
	if it.Kind != ItemRepeat && !(it.Kind == ItemData && it.Frame == 0) {
		return ""
	}
	return fmt.Sprintf("%.3f–%.3f s", d.Rel(it.Time), d.Rel(it.Last))
}

// ItemDetail is the item's second line: the key content, and for
// collapsed items and summaries their time span.
func (d *Diagram) ItemDetail(it *Item) string {
	detail := it.Detail
	if it.Kind == ItemRepeat && it.Exchange {
		detail = d.T("diagram.keepalive")
	}
	if sp := d.spanText(it); sp != "" {
		if detail != "" {
			detail += d.T("diagram.sep")
		}
		detail += sp
	}
	if it.Kind == ItemRepeat && it.NoAnswer > 0 && !it.Unanswered {
		detail += d.T("diagram.without-answer", it.NoAnswer)
	}
	return detail
}

// ItemMarks are the words that follow an item's label: retransmission,
// no answer.
func (d *Diagram) ItemMarks(it *Item) string {
	var m []string
	if it.Retransmission {
		m = append(m, d.T("diagram.retransmission"))
	}
	if it.Unanswered {
		m = append(m, d.T("diagram.no-answer"))
	}
	if len(m) == 0 {
		return ""
	}
	return d.T("diagram.marks", strings.Join(m, d.T("diagram.sep")))
}
