package render

import (
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"

	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/session"
)

// The decrypted traffic of MPPE sessions: the "inner" object of a record in
// `packets --all` (JSON lines and table), the decryption block of `analyze`
// (text and JSON). Nothing here ever sees a password.

// InnerInfo is the table text of a decrypted MPPE record.
func InnerInfo(lang string, in *decode.Inner) string {
	return T(lang, "inner.prefix") + InnerSummary(lang, in)
}

// InnerSummary is one line: protocol, addresses and ports, info, length.
func InnerSummary(lang string, in *decode.Inner) string {
	return in.Name() + " " + InnerDescribe(lang, in)
}

// InnerDescribe is the packet without its protocol name: addresses, info,
// length.
func InnerDescribe(lang string, in *decode.Inner) string {
	if !in.Valid() {
		return T(lang, "inner.invalid", in.Network, InnerError(lang, in), in.Length)
	}
	if !in.IP() {
		return T(lang, "inner.len", in.Length)
	}
	s := hostPort(in.Src, in.SrcPort, in.HasPorts) + " → " + hostPort(in.Dst, in.DstPort, in.HasPorts)
	if info := innerInfoText(lang, in); info != "" {
		s += " " + info
	}
	if app := innerAppText(lang, in); app != "" {
		s += " " + app
	}
	return s + " " + T(lang, "inner.len", in.Length)
}

func hostPort(a netip.Addr, port uint16, has bool) string {
	if !has {
		return a.String()
	}
	return netip.AddrPortFrom(a, port).String()
}

// InnerError says why an inner packet is not well formed.
func InnerError(lang string, in *decode.Inner) string {
	a := in.ErrArgs
	switch in.Err {
	case decode.InnerTruncatedHeader:
		return T(lang, "inner.err.truncated", in.Network, a[0])
	case decode.InnerWrongVersion:
		return T(lang, "inner.err.version", a[0], in.Network)
	case decode.InnerBadHeaderLength:
		return T(lang, "inner.err.ihl", a[0])
	case decode.InnerBadTotalLength:
		return T(lang, "inner.err.total", a[0], a[1])
	case decode.InnerBadChecksum:
		return T(lang, "inner.err.checksum")
	case decode.InnerBadPayloadLength:
		return T(lang, "inner.err.payload", a[0], a[1])
	case decode.InnerNoProtocol:
		return T(lang, "inner.err.noproto")
	case decode.InnerNotNetwork:
		return T(lang, "inner.err.notnetwork", fmt.Sprintf("0x%04x", a[0]))
	}
	return ""
}

var tcpFlagNames = []struct {
	bit  uint8
	name string
}{{decode.TCPFlagSYN, "SYN"}, {decode.TCPFlagFIN, "FIN"}, {decode.TCPFlagRST, "RST"}, {decode.TCPFlagPSH, "PSH"}, {decode.TCPFlagACK, "ACK"}, {decode.TCPFlagURG, "URG"}}

var icmpNames = map[uint8]string{0: "Echo-Reply", 3: "Destination-Unreachable", 4: "Source-Quench", 5: "Redirect",
	8: "Echo-Request", 11: "Time-Exceeded", 12: "Parameter-Problem", 13: "Timestamp", 14: "Timestamp-Reply"}

var icmp6Names = map[uint8]string{1: "Destination-Unreachable", 2: "Packet-Too-Big", 3: "Time-Exceeded",
	4: "Parameter-Problem", 128: "Echo-Request", 129: "Echo-Reply", 130: "MLD-Query", 131: "MLD-Report",
	133: "Router-Solicitation", 134: "Router-Advertisement", 135: "Neighbor-Solicitation",
	136: "Neighbor-Advertisement", 137: "Redirect", 143: "MLDv2-Report"}

// innerInfoText is what the transport header says: TCP flags, the ICMP
// message (RFC names, untranslated), a fragment's offset.
func innerInfoText(lang string, in *decode.Inner) string {
	if in.FragOffset > 0 {
		return T(lang, "inner.fragment", in.FragOffset)
	}
	var s string
	switch {
	case in.TransportTruncated:
		s = T(lang, "inner.transport-truncated")
	case in.HasTCPFlags:
		var f []string
		for _, x := range tcpFlagNames {
			if in.TCPFlags&x.bit != 0 {
				f = append(f, x.name)
			}
		}
		s = "[" + strings.Join(f, ",") + "]"
	case in.HasICMP:
		names := icmpNames
		if in.Proto == "ICMPv6" {
			names = icmp6Names
		}
		if n, ok := names[in.ICMPType]; ok {
			s = n
		} else {
			s = fmt.Sprintf("type=%d", in.ICMPType)
		}
		if in.ICMPCode != 0 {
			s += fmt.Sprintf(" code=%d", in.ICMPCode)
		}
	}
	if in.FirstFragment {
		s = strings.TrimSpace(s + " " + T(lang, "inner.first-fragment"))
	}
	return s
}

// innerAppText is what gopacket's application layers say of the packet: a
// DNS question, an HTTP request line.
func innerAppText(lang string, in *decode.Inner) string {
	switch {
	case in.HasDNS:
		key := "inner.dns.query"
		if in.DNSResponse {
			key = "inner.dns.response"
		}
		s := T(lang, key, in.DNSType, in.DNSName)
		if in.DNSResponse {
			s += T(lang, "inner.dns.answers", in.DNSAnswers)
			if in.DNSRcode != 0 {
				s += fmt.Sprintf(" rcode=%d", in.DNSRcode)
			}
		}
		return s
	case in.HTTPRequest != "":
		return strconv.Quote(in.HTTPRequest)
	}
	return ""
}

// appendInnerJSON appends `,"inner":{...}` for a decrypted record (English
// texts: JSON is language-neutral).
func appendInnerJSON(b []byte, in *decode.Inner) []byte {
	if in == nil {
		return b
	}
	b = append(b, `,"inner":{"ppp_protocol":`...)
	b = decode.AppendJSONValue(b, fmt.Sprintf("0x%04x", in.PPPProtocol))
	b = append(b, `,"network":`...)
	b = decode.AppendJSONValue(b, in.Network)
	if !in.Valid() {
		b = append(b, `,"length":`...)
		b = strconv.AppendInt(b, int64(in.Length), 10)
		b = append(b, `,"error":`...)
		b = decode.AppendJSONValue(b, InnerError("en", in))
		return append(b, '}')
	}
	if in.IP() {
		b = append(b, `,"proto":`...)
		b = decode.AppendJSONValue(b, in.Proto)
		b = append(b, `,"src":`...)
		b = decode.AppendJSONValue(b, in.Src.String())
		b = append(b, `,"dst":`...)
		b = decode.AppendJSONValue(b, in.Dst.String())
		b = append(b, `,"src_port":`...)
		b = appendPort(b, in.SrcPort, in.HasPorts)
		b = append(b, `,"dst_port":`...)
		b = appendPort(b, in.DstPort, in.HasPorts)
	}
	b = append(b, `,"length":`...)
	b = strconv.AppendInt(b, int64(in.Length), 10)
	if info := innerInfoText("en", in); info != "" {
		b = append(b, `,"info":`...)
		b = decode.AppendJSONValue(b, info)
	}
	if in.HasDNS {
		b = append(b, `,"dns":{"response":`...)
		b = strconv.AppendBool(b, in.DNSResponse)
		b = append(b, `,"name":`...)
		b = decode.AppendJSONValue(b, in.DNSName)
		b = append(b, `,"type":`...)
		b = decode.AppendJSONValue(b, in.DNSType)
		b = append(b, `,"answers":`...)
		b = strconv.AppendInt(b, int64(in.DNSAnswers), 10)
		b = append(b, `,"rcode":`...)
		b = strconv.AppendInt(b, int64(in.DNSRcode), 10)
		b = append(b, '}')
	}
	if in.HTTPRequest != "" {
		b = append(b, `,"http_request":`...)
		b = decode.AppendJSONValue(b, in.HTTPRequest)
	}
	return append(b, '}')
}

func appendPort(b []byte, p uint16, ok bool) []byte {
	if !ok {
		return append(b, "null"...)
	}
	return strconv.AppendUint(b, uint64(p), 10)
}

type jsonDecryptDir struct {
	Encrypted   int `json:"encrypted"`
	Decrypted   int `json:"decrypted"`
	Valid       int `json:"valid"`
	Undecodable int `json:"undecodable"`
	Compressed  int `json:"compressed"`
	// MPPC: frames decompressed, refused out of sync or corrupt, octets
	// before and after decompression.
	Decompressed int   `json:"decompressed"`
	MPPCDesync   int   `json:"mppc_desync"`
	MPPCCorrupt  int   `json:"mppc_corrupt"`
	MPPCIn       int64 `json:"mppc_in_bytes"`
	MPPCOut      int64 `json:"mppc_out_bytes"`
	Duplicates   int   `json:"duplicates"`
	Lost         int   `json:"lost"`
	Late         int   `json:"late"`
	Discarded    int   `json:"discarded"`
	Invalid      int   `json:"invalid"`
	Rekeys       int   `json:"rekeys"`
	Resets       int   `json:"resets"`
}

type jsonInnerCount struct {
	Name    string `json:"name"`
	Packets int    `json:"packets"`
	Bytes   int    `json:"bytes"`
}

type jsonTalker struct {
	A       string `json:"a"`
	B       string `json:"b"`
	Packets int    `json:"packets"`
	Bytes   int    `json:"bytes"`
}

type jsonInner struct {
	Packets   int              `json:"packets"`
	Bytes     int              `json:"bytes"`
	IPv4      int              `json:"ipv4"`
	IPv6      int              `json:"ipv6"`
	Other     int              `json:"other"`
	Flows     int              `json:"flows"`
	Protocols []jsonInnerCount `json:"protocols"`
	// ProtocolsUnlisted: packets of protocols past the session's cap of
	// named protocols.
	ProtocolsUnlisted int          `json:"protocols_unlisted,omitempty"`
	Talkers           []jsonTalker `json:"top_talkers"`
}

// jsonDecryption is the "decryption" object of a session in `analyze
// --format json`, present only when credentials were given.
type jsonDecryption struct {
	User           *string        `json:"user"`
	Method         *string        `json:"method"`
	Status         string         `json:"status"`
	Reason         *string        `json:"reason"`
	Verified       bool           `json:"verified"`
	Cracked        bool           `json:"cracked,omitempty"`
	NTResponse     string         `json:"nt_response"`
	Authenticator  string         `json:"authenticator_response"`
	ResponseFrame  *int           `json:"response_frame"`
	SuccessFrame   *int           `json:"success_frame"`
	MPPEBits       *int           `json:"mppe_bits"`
	Stateless      bool           `json:"stateless"`
	MPPC           bool           `json:"mppc"`
	KeyVariant     *string        `json:"key_variant,omitempty"`
	ClientToServer jsonDecryptDir `json:"client_to_server"`
	ServerToClient jsonDecryptDir `json:"server_to_client"`
	Inner          jsonInner      `json:"inner"`
}

func decryptDirJSON(d *session.DecryptStats) jsonDecryptDir {
	return jsonDecryptDir{Encrypted: d.Encrypted, Decrypted: d.Decrypted, Valid: d.Valid, Undecodable: d.Undecodable,
		Compressed: d.Compressed, Decompressed: d.Decompressed, MPPCDesync: d.MPPCDesync, MPPCCorrupt: d.MPPCCorrupt,
		MPPCIn: d.MPPCIn, MPPCOut: d.MPPCOut, Duplicates: d.Duplicates, Lost: d.Lost, Late: d.Late, Discarded: d.Discarded,
		Invalid: d.Invalid, Rekeys: d.Rekeys, Resets: d.Resets}
}

func posInt(v int) *int {
	if v <= 0 {
		return nil
	}
	return &v
}

// decryptionJSON is the JSON of a session's decryption, nil without one.
func decryptionJSON(d *session.Decryption) *jsonDecryption {
	if d == nil {
		return nil
	}
	j := &jsonDecryption{User: strp(d.User), Method: strp(d.Method), Status: d.Status, Reason: strp(decryptReason("en", d)), Cracked: d.Cracked,
		Verified: d.Verified, NTResponse: d.NTResponse.String(), Authenticator: d.Authenticator.String(),
		ResponseFrame: posInt(d.ResponseFrame), SuccessFrame: posInt(d.SuccessFrame), MPPEBits: posInt(d.Bits),
		Stateless: d.Stateless, MPPC: d.MPPC, KeyVariant: strp(d.KeyVariant),
		ClientToServer: decryptDirJSON(&d.Dir[0]), ServerToClient: decryptDirJSON(&d.Dir[1]),
		Inner: jsonInner{Packets: d.Inner.Packets, Bytes: d.Inner.Bytes, IPv4: d.Inner.IPv4, IPv6: d.Inner.IPv6,
			Other: d.Inner.Other, Flows: d.Inner.Flows, Protocols: []jsonInnerCount{}, ProtocolsUnlisted: d.Inner.ProtocolsUnlisted, Talkers: []jsonTalker{}},
	}
	for _, p := range d.Inner.Protocols {
		j.Inner.Protocols = append(j.Inner.Protocols, jsonInnerCount(p))
	}
	for _, tk := range d.Inner.Talkers {
		j.Inner.Talkers = append(j.Inner.Talkers, jsonTalker{A: tk.A.String(), B: tk.B.String(), Packets: tk.Packets, Bytes: tk.Bytes})
	}
	return j
}

// decryptionSummary is the short form for the session summary of `packets`.
func decryptionSummary(lang string, d *session.Decryption) string {
	if d == nil {
		return ""
	}
	switch d.Status {
	case session.DecryptOK:
		dec := d.Dir[0].Decrypted + d.Dir[1].Decrypted
		return T(lang, "dec.short.ok", dec, d.Dir[0].Distinct()+d.Dir[1].Distinct())
	case session.DecryptVerified:
		return T(lang, "dec.short.verified")
	case session.DecryptNotNeeded:
		return ""
	}
	return T(lang, "dec.short.not")
}

// decryption writes a session's decryption block of the text report.
func (t *textWriter) decryption(s *session.Session) {
	d := s.Decryption
	if d == nil {
		return
	}
	lang := t.opts.Lang
	row := func(label, value string) {
		t.printf("  %s %s\n", padRight(label, 11), wrapIndent(value, t.opts.Width, 14))
	}
	t.printf("\n")
	frame := func(n int) string {
		if n > 0 {
			return T(lang, "dec.frame", n)
		}
		return ""
	}
	secret := T(lang, "secret.password")
	if d.Secret == "NT hash" {
		secret = T(lang, "secret.nt-hash")
	}
	switch d.Status {
	case session.DecryptOK, session.DecryptVerified, session.DecryptNoCCP:
		v := T(lang, "dec.verified", secret, d.User, d.Method, frame(d.ResponseFrame))
		if d.Cracked {
			v = T(lang, "dec.cracked") + v
		}
		if d.Authenticator == mppe.Match {
			v += T(lang, "dec.verified.s", frame(d.SuccessFrame))
		} else {
			v += T(lang, "dec.verified.no-s")
		}
		row(T(lang, "dec.label"), v)
	default:
		enc := d.Dir[0].Encrypted + d.Dir[1].Encrypted
		v := T(lang, "note.not-decrypted", decryptReason(lang, d))
		if enc > 0 {
			v += TN(lang, "dec.encrypted-frames", enc, enc)
		}
		row(T(lang, "dec.label"), v)
		return
	}
	switch d.Status {
	case session.DecryptVerified:
		row("", T(lang, "dec.none-to-decrypt"))
		return
	case session.DecryptNoCCP:
		row("", decryptReason(lang, d))
		return
	}
	mode := T(lang, "dec.stateful")
	if d.Stateless {
		mode = T(lang, "dec.stateless")
	}
	v := T(lang, "dec.keys", d.Bits, mode)
	if d.KeyVariant != "" {
		v += T(lang, "dec.v1-variant", d.KeyVariant)
	}
	row(T(lang, "dec.keys.label"), v)
	c, sv := &d.Dir[0], &d.Dir[1]
	t.printf("\n  %s %s %s\n", padRight(T(lang, "dec.frames"), 22), padLeft(T(lang, "analyze.c2s"), 16), padLeft(T(lang, "analyze.s2c"), 16))
	stat := func(key string, a, b int, always bool) {
		if always || a+b > 0 {
			t.printf("  %s %16d %16d\n", padRight(T(lang, key), 22), a, b)
		}
	}
	// Encrypted packets are counted once: the copies of one (the same
	// coherency count again) are in the duplicates row.
	encRow := "dec.row.encrypted"
	if c.Duplicates+sv.Duplicates > 0 {
		encRow = "dec.row.encrypted.distinct"
	}
	stat(encRow, c.Distinct(), sv.Distinct(), true)
	stat("dec.row.decrypted", c.Decrypted, sv.Decrypted, true)
	stat("dec.row.invalid", c.Undecodable, sv.Undecodable, false)
	stat("mppc.row.compressed", c.Compressed, sv.Compressed, false)
	stat("mppc.row.decompressed", c.Decompressed, sv.Decompressed, false)
	stat("mppc.row.desync", c.MPPCDesync, sv.MPPCDesync, false)
	stat("mppc.row.corrupt", c.MPPCCorrupt, sv.MPPCCorrupt, false)
	stat("dec.row.duplicates", c.Duplicates, sv.Duplicates, false)
	stat("dec.row.lost", c.Lost, sv.Lost, false)
	stat("dec.row.late", c.Late, sv.Late, false)
	stat("dec.row.discarded", c.Discarded, sv.Discarded, false)
	stat("dec.row.not-flushed", c.Invalid, sv.Invalid, false)
	stat("dec.row.resets", c.Resets, sv.Resets, false)
	stat("dec.row.rekeys", c.Rekeys, sv.Rekeys, true)
	if comp := c.Compressed + sv.Compressed; d.MPPC || comp > 0 {
		for dir, ds := range []*session.DecryptStats{c, sv} {
			name := T(lang, "analyze.c2s")
			if dir == 1 {
				name = T(lang, "analyze.s2c")
			}
			line := T(lang, "mppc.ratio.none", name)
			if ds.MPPCIn > 0 {
				line = T(lang, "mppc.ratio", name, ds.MPPCOut, ds.MPPCIn, float64(ds.MPPCOut)/float64(ds.MPPCIn))
			}
			t.printf("  %s\n", wrapIndent(line, t.opts.Width-2, 2))
		}
	}
	in := &d.Inner
	if in.Packets == 0 {
		return
	}
	t.printf("\n  %s %s %s\n", padRight(T(lang, "dec.inner"), 22), padLeft(T(lang, "dec.packets"), 16), padLeft(T(lang, "dec.bytes"), 16))
	for _, p := range in.Protocols {
		t.printf("  %s %16d %16d\n", padRight(p.Name, 22), p.Packets, p.Bytes)
	}
	if in.ProtocolsUnlisted > 0 {
		t.printf("  %s\n", wrapIndent(TN(lang, "dec.protocols-unlisted", in.ProtocolsUnlisted, in.ProtocolsUnlisted, session.MaxInnerProtocols), t.opts.Width-2, 2))
	}
	t.printf("  %s %16d %16d\n", padRight(T(lang, "dec.total"), 22), in.Packets, in.Bytes)
	t.printf("  %s\n", TN(lang, "dec.ip-counts", in.Flows, in.IPv4, in.IPv6, in.Other, in.Flows))
	if len(in.Talkers) > 0 {
		t.printf("\n  %s %s %s\n", padRight(T(lang, "dec.talkers"), 33), padLeft(T(lang, "dec.packets"), 7), padLeft(T(lang, "dec.bytes"), 14))
		for _, tk := range in.Talkers {
			pair := tk.A.String() + " ↔ " + tk.B.String()
			if len([]rune(pair)) > 33 {
				t.printf("  %s\n  %-33s", pair, "")
			} else {
				t.printf("  %-33s", pair)
			}
			t.printf(" %7d %14d\n", tk.Packets, tk.Bytes)
		}
	}
	if in.Flows > in.FlowsInTimeline && t.opts.Verbose {
		t.printf("  %s\n", t.paint(ansiDim, wrapIndent(T(lang, "dec.timeline-flows", in.FlowsInTimeline, in.Flows), t.opts.Width-2, 2)))
	}
}

// WriteDecryptLines writes the summary of `decrypt`, one line per session
// with encrypted frames or a verified password (what was decrypted, or why
// not), from lines made by DecryptSummaryLine.
func WriteDecryptLines(w io.Writer, lines []string, lang string) error {
	t := &textWriter{w: w, opts: TextOptions{Width: 80, Lang: lang}}
	for _, l := range lines {
		t.printf("%s\n", l)
	}
	if len(lines) == 0 {
		t.printf("%s\n", T(lang, "dec.no-session"))
	}
	return t.err
}

// DecryptSummaryLine is a session's line of the decryption summary; ""
// for a session that needed no decryption.
func DecryptSummaryLine(lang string, s *session.Session) string {
	d := s.Decryption
	if d == nil || d.Status == session.DecryptNotNeeded {
		return ""
	}
	head := T(lang, "dec.line.head", s.Index, addrOr(s.Client.Addr), addrOr(s.Server.Addr))
	if d.User != "" {
		head += T(lang, "dec.line.user", d.User)
	}
	enc := d.Dir[0].Encrypted + d.Dir[1].Encrypted
	var v string
	switch d.Status {
	case session.DecryptOK:
		// Distinct packets: a frame captured twice (an 802.11
		// retransmission) is one packet, decrypted once.
		c, sv := &d.Dir[0], &d.Dir[1]
		distinct := c.Distinct() + sv.Distinct()
		v = TN(lang, "dec.line.ok", distinct, c.Decrypted+sv.Decrypted, distinct, c.Decrypted, c.Distinct(), sv.Decrypted, sv.Distinct())
		if dups := c.Duplicates + sv.Duplicates; dups > 0 {
			v += TN(lang, "dec.line.dups", dups, dups)
		}
		if comp := d.Dir[0].Decompressed + d.Dir[1].Decompressed; comp > 0 {
			v += T(lang, "mppc.summary.decompressed", comp)
		}
		if lost := d.Dir[0].MPPCDesync + d.Dir[1].MPPCDesync + d.Dir[0].MPPCCorrupt + d.Dir[1].MPPCCorrupt; lost > 0 {
			v += T(lang, "mppc.summary.lost", lost)
		}
		if bad := d.Dir[0].Undecodable + d.Dir[1].Undecodable; bad > 0 {
			v += TN(lang, "dec.line.invalid", bad, bad)
		}
	case session.DecryptVerified:
		v = T(lang, "dec.line.verified")
	default:
		v = T(lang, "note.not-decrypted", decryptReason(lang, d))
		if enc > 0 {
			v += TN(lang, "dec.encrypted-frames", enc, enc)
		}
	}
	return wrapIndent(head+T(lang, "dec.line.sep")+v, 80, 4)
}

// messageSummary is a timeline message's key content: the decoder's
// summary, or the description of a decrypted inner packet.
func messageSummary(lang string, m *session.Message) string {
	if m.Inner != nil {
		return InnerDescribe(lang, m.Inner)
	}
	return m.Summary
}
