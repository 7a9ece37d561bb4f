package render

import (
	"encoding/json"
	"io"
	"time"

	"github.com/pptpscope/pptpscope/session"
)

type jsonAnalysis struct {
	Sessions      []jsonSession `json:"sessions"`
	Frames        int           `json:"frames"`
	PPPLinkFrames int           `json:"ppp_link_frames,omitempty"`
	// StreamsDropped: control connections not followed (too many at once).
	StreamsDropped int `json:"control_streams_dropped,omitempty"`
	// BytesLost: control-stream bytes in no PPTP message (gaps, garbage,
	// a message cut off at the end).
	BytesLost int `json:"control_bytes_lost,omitempty"`
	// UntrackedGRE: GRE packets of flows not followed (too many at once).
	UntrackedGRE int `json:"untracked_gre_packets,omitempty"`
	// OutOfOrder: sessions listed before one that started earlier (a
	// streamed analysis, session.Analysis.HeldBack).
	OutOfOrder int `json:"sessions_out_of_order,omitempty"`
	// SessionsCapped: sessions finished early, more than the cap being
	// open at once (session.Analysis.SessionsCapped).
	SessionsCapped int `json:"sessions_finished_early,omitempty"`
	// Summary and Selection: the streamed document of analyze (NewAnalysisJSON).
	Summary   *jsonSummary   `json:"summary,omitempty"`
	Selection *jsonSelection `json:"selection,omitempty"`
}

type jsonSession struct {
	Index int `json:"index"`
	// PPPLink: the session of a PPP link capture (no PPTP; "pptp" is
	// left out).
	PPPLink        bool            `json:"ppp_link,omitempty"`
	Client         *string         `json:"client"`
	Server         *string         `json:"server"`
	ClientInferred bool            `json:"client_inferred"`
	InferredBy     string          `json:"inferred_by,omitempty"`
	InferredByCode string          `json:"inferred_by_code,omitempty"`
	Start          string          `json:"start"`
	End            string          `json:"end"`
	DurationS      float64         `json:"duration_s"`
	Verdict        string          `json:"verdict"`
	CallID         *int            `json:"call_id"`
	PeerCallID     *int            `json:"peer_call_id"`
	User           *string         `json:"user"`
	Auth           *string         `json:"auth"`
	AuthResult     string          `json:"auth_result"`
	AuthMessage    string          `json:"auth_message,omitempty"`
	AuthError      *int            `json:"auth_error,omitempty"`
	Encryption     *jsonEncryption `json:"encryption"`
	Addresses      jsonAddresses   `json:"addresses"`
	DNS            []string        `json:"dns"`
	NBNS           []string        `json:"nbns"`
	InterfaceIDs   jsonPair        `json:"ipv6_interface_ids"`
	PPTP           *jsonPPTPPair   `json:"pptp,omitempty"`
	LCP            jsonLCPPair     `json:"lcp"`
	Phases         []jsonPhase     `json:"phases"`
	Findings       []jsonFinding   `json:"findings"`
	Stats          jsonStats       `json:"stats"`
	Decryption     *jsonDecryption `json:"decryption,omitempty"` // with credentials (inner.go)
}

type jsonEncryption struct {
	MPPEBits  int  `json:"mppe_bits"`
	Stateless bool `json:"stateless"`
	MPPC      bool `json:"mppc"`
}

type jsonAddresses struct {
	Client *string `json:"client"`
	Server *string `json:"server"`
}

type jsonPair struct {
	Client *string `json:"client"`
	Server *string `json:"server"`
}

type jsonPPTP struct {
	HostName     string  `json:"host_name"`
	Vendor       string  `json:"vendor"`
	Firmware     int     `json:"firmware_revision"`
	Framing      uint32  `json:"framing_capabilities"`
	Bearer       uint32  `json:"bearer_capabilities"`
	CallID       *int    `json:"call_id"`
	WindowSize   int     `json:"window_size"`
	ConnectSpeed int     `json:"connect_speed,omitempty"`
	Port         *uint16 `json:"tcp_port"`
}

type jsonPPTPPair struct {
	Client jsonPPTP `json:"client"`
	Server jsonPPTP `json:"server"`
}

type jsonLCP struct {
	Acked     bool    `json:"acked"`
	MRU       *int    `json:"mru"`
	ACCM      *string `json:"accm"`
	Magic     *string `json:"magic_number"`
	PFC       bool    `json:"pfc"`
	ACFC      bool    `json:"acfc"`
	AuthProto *string `json:"auth_protocol"`
}

type jsonLCPPair struct {
	Client jsonLCP `json:"client"`
	Server jsonLCP `json:"server"`
}

type jsonPhase struct {
	Name       string  `json:"name"`
	Title      string  `json:"title"`
	Status     string  `json:"status"`
	Start      *string `json:"start"`
	End        *string `json:"end"`
	DurationS  float64 `json:"duration_s"`
	Frames     []int   `json:"frames"`
	FrameCount int     `json:"frame_count"`
	Note       string  `json:"note,omitempty"`
	NoteCode   string  `json:"note_code,omitempty"`
}

type jsonFinding struct {
	Code     string              `json:"code"`
	Severity string              `json:"severity"`
	Message  string              `json:"message"`
	Frames   []int               `json:"frames"`
	Args     session.FindingArgs `json:"args"`
}

// findingJSON is a finding in JSON: code, severity, frames and arguments,
// and its text in lang (English when lang is "").
func findingJSON(lang string, f session.Finding) jsonFinding {
	fr := f.Frames
	if fr == nil {
		fr = []int{}
	}
	return jsonFinding{Code: f.Code, Severity: f.Severity, Message: FindingText(lang, f), Frames: fr, Args: f.Args}
}

type jsonDir struct {
	Packets     int `json:"gre_packets"`
	Bytes       int `json:"gre_bytes"`
	Encrypted   int `json:"encrypted"`
	Compressed  int `json:"compressed"`
	Plain       int `json:"plain"`
	Control     int `json:"control"`
	AckOnly     int `json:"ack_only"`
	Lost        int `json:"lost"`
	Duplicated  int `json:"duplicated"`
	Reordered   int `json:"reordered"`
	LCPEchoReq  int `json:"lcp_echo_requests"`
	LCPEchoRep  int `json:"lcp_echo_replies"`
	PPTPEchoReq int `json:"pptp_echo_requests"`
	PPTPEchoRep int `json:"pptp_echo_replies"`
}

type jsonRTT struct {
	Samples int     `json:"samples"`
	MinMS   float64 `json:"min_ms"`
	AvgMS   float64 `json:"avg_ms"`
	MaxMS   float64 `json:"max_ms"`
}

type jsonStats struct {
	ClientToServer jsonDir  `json:"client_to_server"`
	ServerToClient jsonDir  `json:"server_to_client"`
	GRERTT         *jsonRTT `json:"gre_rtt"`
	LCPEchoRTT     *jsonRTT `json:"lcp_echo_rtt"`
	DurationS      float64  `json:"duration_s"`
}

func strp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func intp(v int) *int {
	if v < 0 {
		return nil
	}
	return &v
}

func timeStr(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func rttJSON(r session.RTT) *jsonRTT {
	if r.Samples == 0 {
		return nil
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	return &jsonRTT{Samples: r.Samples, MinMS: ms(r.Min), AvgMS: ms(r.Avg), MaxMS: ms(r.Max)}
}

func dirJSON(d *session.DirStats) jsonDir {
	return jsonDir{Packets: d.Packets, Bytes: d.Bytes, Encrypted: d.Encrypted, Compressed: d.Compressed,
		Plain: d.Plain, Control: d.Control, AckOnly: d.AckOnly, Lost: d.Lost, Duplicated: d.Duplicated,
		Reordered: d.Reordered, LCPEchoReq: d.LCPEchoReq, LCPEchoRep: d.LCPEchoRep,
		PPTPEchoReq: d.PPTPEchoReq, PPTPEchoRep: d.PPTPEchoRep}
}

func pptpJSON(s *session.Side) jsonPPTP {
	j := jsonPPTP{HostName: s.HostName, Vendor: s.Vendor, Firmware: s.Firmware, Framing: s.Framing,
		Bearer: s.Bearer, CallID: intp(s.CallID), WindowSize: s.WindowSize, ConnectSpeed: s.ConnectSpeed}
	if s.Port != 0 {
		p := s.Port
		j.Port = &p
	}
	return j
}

func lcpJSON(s *session.Side) jsonLCP {
	j := jsonLCP{Acked: s.LCPAcked, PFC: s.PFC, ACFC: s.ACFC, AuthProto: strp(s.AuthProto)}
	if s.MRU > 0 {
		j.MRU = &s.MRU
	}
	if s.ACCM != nil {
		j.ACCM = strp(hex32(*s.ACCM))
	}
	if s.Magic != nil {
		j.Magic = strp(hex32(*s.Magic))
	}
	return j
}

func addrList(list []netipAddr) []string {
	out := []string{}
	for _, a := range list {
		out = append(out, a.String())
	}
	return out
}

func addrStr(a netipAddr) *string {
	if !a.IsValid() {
		return nil
	}
	return strp(a.String())
}

// AnalysisJSON is the JSON document of `analyze --format json`. Its texts
// (messages, titles, notes) are in lang, English when lang is "": JSON
// follows --lang, never the locale.
func AnalysisJSON(a *session.Analysis, lang string) any {
	doc := jsonAnalysis{Sessions: []jsonSession{}, Frames: a.Stats.Frames, PPPLinkFrames: a.PPPLinkFrames, StreamsDropped: a.Stats.StreamsDropped, BytesLost: a.Stats.BytesLost, UntrackedGRE: a.UntrackedGRE, OutOfOrder: a.HeldBack, SessionsCapped: a.SessionsCapped}
	var sum SessionSummary
	for _, s := range a.Sessions {
		doc.Sessions = append(doc.Sessions, sessionJSON(s, lang))
		sum.Add(s)
	}
	doc.Summary = sum.json()
	return doc
}

func sessionJSON(s *session.Session, lang string) jsonSession {
	j := jsonSession{
		Index: s.Index, Client: addrStr(s.Client.Addr), Server: addrStr(s.Server.Addr),
		ClientInferred: s.ClientInferred, InferredBy: InferenceText(lang, s.InferredBy), InferredByCode: s.InferredBy,
		Start: timeStr(s.Start), End: timeStr(s.End), DurationS: s.End.Sub(s.Start).Seconds(),
		Verdict: s.Verdict(), CallID: intp(s.CallID), PeerCallID: intp(s.PeerCallID), AuthResult: "none",
		Addresses:    jsonAddresses{Client: addrStr(s.Client.TunnelAddr), Server: addrStr(s.Server.TunnelAddr)},
		DNS:          addrList(s.Client.DNS),
		NBNS:         addrList(s.Client.NBNS),
		InterfaceIDs: jsonPair{Client: strp(s.Client.InterfaceID), Server: strp(s.Server.InterfaceID)},
		PPPLink:      s.PPPLink,
		LCP:          jsonLCPPair{Client: lcpJSON(&s.Client), Server: lcpJSON(&s.Server)},
		Findings:     []jsonFinding{},
		Stats: jsonStats{ClientToServer: dirJSON(&s.Stats[0]), ServerToClient: dirJSON(&s.Stats[1]),
			GRERTT: rttJSON(s.GRERTT), LCPEchoRTT: rttJSON(s.LCPEchoRTT), DurationS: s.End.Sub(s.Start).Seconds()},
	}
	if !s.PPPLink {
		j.PPTP = &jsonPPTPPair{Client: pptpJSON(&s.Client), Server: pptpJSON(&s.Server)}
	}
	if a := s.Auth; a != nil {
		j.User, j.Auth, j.AuthResult, j.AuthMessage = strp(a.User), strp(a.Method), a.Result, a.Message
		if a.FailureCode != 0 {
			j.AuthError = &a.FailureCode
		}
	}
	if e := s.Encryption; e != nil {
		j.Encryption = &jsonEncryption{MPPEBits: e.Bits, Stateless: e.Stateless, MPPC: e.MPPC}
	}
	j.Decryption = decryptionJSON(s.Decryption)
	for _, name := range s.PhaseNames() {
		p := s.Phases[name]
		jp := jsonPhase{Name: name, Title: PhaseTitle(lang, name), Status: p.Status, Frames: p.Frames,
			FrameCount: p.Count, Note: PhaseNote(lang, p.NoteCode), NoteCode: p.NoteCode, DurationS: p.Duration().Seconds()}
		if jp.Frames == nil {
			jp.Frames = []int{}
		}
		if p.Count > 0 {
			jp.Start, jp.End = strp(timeStr(p.Start)), strp(timeStr(p.End))
		}
		j.Phases = append(j.Phases, jp)
	}
	for _, f := range s.Findings {
		j.Findings = append(j.Findings, findingJSON(lang, f))
	}
	return j
}

// WriteAnalysisJSON writes the analysis as one indented JSON document.
func WriteAnalysisJSON(w io.Writer, a *session.Analysis, lang string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(AnalysisJSON(a, lang))
}
