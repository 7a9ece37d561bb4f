package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/reassembly"
	"github.com/pptpscope/pptpscope/session"
	"github.com/pptpscope/pptpscope/tools/mkbench/hostile"
)

// Hostile captures (issue 7), made by tools/mkbench/hostile from the real
// session of pppd__mschapv2-mppe128.pcap, run through the CLI: it must
// exit 0 without a panic, keep its output well-formed, report the caps it
// hits and the malformed messages it meets, and find every message the
// construction put after a gap. Outputs can be hundreds of megabytes: they
// are read as they are written, never held whole.

// hostileGRECallIDs is the GRE capture of the tests: more flows than the
// tracker follows, in pairs of reverse flows (a session of two flows), so
// the cap is hit with half as many sessions to render.
var hostileGRECallIDs = hostile.GREOptions{N: 100000, Reverse: true}

func hostileCapture(t *testing.T, name string, write func(io.Writer, *hostile.Base) error) string {
	t.Helper()
	b, err := hostile.LoadBase(filepath.Join("../..", hostile.BasePath))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	err = write(f, b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func greCallIDsCapture(t *testing.T) string {
	return hostileCapture(t, "gre-callids.pcap", func(w io.Writer, b *hostile.Base) error {
		_, err := hostile.GRECallIDs(w, b, hostileGRECallIDs)
		return err
	})
}

// runStreamed runs pptpscope with its standard output given to consume as
// it is written. A consume that returns early has the rest drained.
func runStreamed(t *testing.T, consume func(io.Reader) error, args ...string) (code int, stderr string) {
	t.Helper()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := consume(pr)
		io.Copy(io.Discard, pr)
		done <- err
	}()
	var e bytes.Buffer
	code = run(args, nil, pw, &e)
	pw.Close()
	if err := <-done; err != nil {
		t.Errorf("pptpscope %s: output: %v", strings.Join(args, " "), err)
	}
	return code, e.String()
}

// runAll runs pptpscope on a small capture and returns its output.
func runAll(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := runCapture(t, nil, args...)
	if code != exitOK || stderr != "" {
		t.Fatalf("pptpscope %s: exit %d, stderr %q", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

type hostileDir struct {
	GREPackets  int `json:"gre_packets"`
	Control     int `json:"control"`
	PPTPEchoReq int `json:"pptp_echo_requests"`
	PPTPEchoRep int `json:"pptp_echo_replies"`
}

type hostileSession struct {
	Index   int     `json:"index"`
	Client  *string `json:"client"`
	Server  *string `json:"server"`
	Verdict string  `json:"verdict"`
	Phases  []struct {
		Name       string `json:"name"`
		Status     string `json:"status"`
		FrameCount int    `json:"frame_count"`
	} `json:"phases"`
	Findings []struct {
		Code string `json:"code"`
	} `json:"findings"`
	Stats struct {
		C2S hostileDir `json:"client_to_server"`
		S2C hostileDir `json:"server_to_client"`
	} `json:"stats"`
}

func (s *hostileSession) phase(name string) int {
	for _, p := range s.Phases {
		if p.Name == name {
			return p.FrameCount
		}
	}
	return -1
}

func (s *hostileSession) hasFinding(code string) bool {
	for _, f := range s.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// hostileAnalysis is what the tests read of `analyze --format json`.
type hostileAnalysis struct {
	Sessions       []hostileSession
	Frames         int
	StreamsDropped int
	BytesLost      int
	UntrackedGRE   int
	Keys           []string // top-level keys, in order
}

// decodeAnalysis reads the analyze JSON document token by token, one
// session at a time, and checks nothing follows it.
func decodeAnalysis(r io.Reader, a *hostileAnalysis) error {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<16))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fmt.Errorf("document starts with %v (%v)", tok, err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		a.Keys = append(a.Keys, key)
		switch key {
		case "sessions":
			if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
				return fmt.Errorf("sessions: %v (%v)", tok, err)
			}
			for dec.More() {
				var s hostileSession
				if err := dec.Decode(&s); err != nil {
					return fmt.Errorf("session %d: %w", len(a.Sessions)+1, err)
				}
				a.Sessions = append(a.Sessions, s)
			}
			if _, err := dec.Token(); err != nil {
				return err
			}
		case "frames":
			err = dec.Decode(&a.Frames)
		case "control_streams_dropped":
			err = dec.Decode(&a.StreamsDropped)
		case "untracked_gre_packets":
			err = dec.Decode(&a.UntrackedGRE)
		case "control_bytes_lost":
			err = dec.Decode(&a.BytesLost)
		default:
			var v json.RawMessage
			err = dec.Decode(&v)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return fmt.Errorf("document ends with %v (%v)", tok, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("something follows the document: %v", err)
	}
	return nil
}

func analyzeJSON(t *testing.T, path string) *hostileAnalysis {
	t.Helper()
	a := &hostileAnalysis{}
	code, stderr := runStreamed(t, func(r io.Reader) error { return decodeAnalysis(r, a) }, "analyze", "--format", "json", path)
	if code != exitOK || stderr != "" {
		t.Fatalf("analyze --format json: exit %d, stderr %q", code, stderr)
	}
	return a
}

// hostileRecord is one line of `packets --format json`.
type hostileRecord struct {
	Frame  int            `json:"frame"`
	Src    string         `json:"src"`
	Dst    string         `json:"dst"`
	Proto  string         `json:"proto"`
	Msg    string         `json:"msg"`
	CallID *int           `json:"call_id"`
	Lost   int            `json:"lost"`
	Fields map[string]any `json:"fields"`
	Notes  []string       `json:"notes"`
	Error  string         `json:"error"`
}

func (r *hostileRecord) identifier() int {
	v, ok := r.Fields["identifier"].(float64)
	if !ok {
		return -1
	}
	return int(v)
}

// packetsJSON runs `packets --format json` and gives each record to fn.
func packetsJSON(t *testing.T, path string, fn func(*hostileRecord) error) {
	t.Helper()
	code, stderr := runStreamed(t, func(r io.Reader) error {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var rec hostileRecord
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				return fmt.Errorf("bad JSON line %q: %w", sc.Text(), err)
			}
			if err := fn(&rec); err != nil {
				return err
			}
		}
		return sc.Err()
	}, "packets", "--format", "json", path)
	if code != exitOK || stderr != "" {
		t.Fatalf("packets --format json: exit %d, stderr %q", code, stderr)
	}
}

// packetsByFrame returns the records of a small capture by frame; a frame
// with two records fails the test.
func packetsByFrame(t *testing.T, path string) (map[int]*hostileRecord, int) {
	t.Helper()
	recs := map[int]*hostileRecord{}
	n := 0
	packetsJSON(t, path, func(r *hostileRecord) error {
		n++
		if recs[r.Frame] != nil {
			return fmt.Errorf("two records for frame %d", r.Frame)
		}
		recs[r.Frame] = r
		return nil
	})
	return recs, n
}

// untrackedGRE is the number of GRE packets the tracker must leave out:
// every packet from the first one of a flow beyond the cap is of a new
// flow (hostile.GREOptions.Flow), and only the first flows fit.
func untrackedGRE() int {
	return max(0, hostileGRECallIDs.N-session.DefaultMaxGREFlows)
}

// TestHostileGRECallIDsAnalyzeJSON: 100,000 GRE flows without call setup.
// Sessions stop at the cap (two flows each: half the cap), the packets
// left out are counted exactly, and every packet is either in a session
// or counted.
func TestHostileGRECallIDsAnalyzeJSON(t *testing.T) {
	o := hostileGRECallIDs
	a := analyzeJSON(t, greCallIDsCapture(t))
	if a.Frames != o.N {
		t.Errorf("frames %d, want %d", a.Frames, o.N)
	}
	want := untrackedGRE()
	if want == 0 || a.UntrackedGRE != want {
		t.Errorf("untracked_gre_packets %d, want %d (keys %v)", a.UntrackedGRE, want, a.Keys)
	}
	wantSessions := session.DefaultMaxGREFlows / 2
	if len(a.Sessions) != wantSessions || len(a.Sessions) > session.DefaultMaxGREFlows {
		t.Fatalf("%d sessions, want %d", len(a.Sessions), wantSessions)
	}
	// Session k is the pair of flows of packets 2k and 2k+1, with the
	// first packet's source as the client.
	tracked := 0
	for k, s := range a.Sessions {
		src, dst, _ := o.Flow(2 * k)
		if s.Index != k+1 || s.Client == nil || *s.Client != src.String() || s.Server == nil || *s.Server != dst.String() {
			t.Fatalf("session %d: index %d, %v -> %v, want %v -> %v", k+1, s.Index, s.Client, s.Server, src, dst)
		}
		if s.Stats.C2S.GREPackets != 1 || s.Stats.S2C.GREPackets != 1 || s.Stats.C2S.Control != 1 || s.Stats.S2C.Control != 1 {
			t.Fatalf("session %d: %+v", k+1, s.Stats)
		}
		if !s.hasFinding(session.FindingMidSession) {
			t.Fatalf("session %d: findings %v", k+1, s.Findings)
		}
		tracked += s.Stats.C2S.GREPackets + s.Stats.S2C.GREPackets
	}
	if tracked+a.UntrackedGRE != o.N {
		t.Errorf("%d packets in sessions + %d untracked, want %d", tracked, a.UntrackedGRE, o.N)
	}
}

// TestHostileGRECallIDsAnalyzeText: the text report has the sessions and
// says how many GRE packets were left out.
func TestHostileGRECallIDsAnalyzeText(t *testing.T) {
	var sessions int
	var warning []string
	code, stderr := runStreamed(t, func(r io.Reader) error {
		sc := bufio.NewScanner(r)
		in := false
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "Session "):
				sessions++
				want := fmt.Sprintf("Session %d: ", sessions)
				if !strings.HasPrefix(line, want) {
					return fmt.Errorf("%q after %d sessions", line, sessions-1)
				}
				in = false
			case strings.Contains(line, "GRE packets were not followed"):
				in = true
				warning = append(warning, line)
			case in && strings.TrimSpace(line) != "":
				warning = append(warning, line)
			default:
				in = false
			}
		}
		return sc.Err()
	}, "analyze", greCallIDsCapture(t))
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if sessions != session.DefaultMaxGREFlows/2 {
		t.Errorf("%d sessions, want %d", sessions, session.DefaultMaxGREFlows/2)
	}
	got := strings.Join(strings.Fields(strings.Join(warning, " ")), " ")
	want := fmt.Sprintf("warning %d GRE packets were not followed: too many GRE flows (%d)", untrackedGRE(), session.DefaultMaxGREFlows)
	if !strings.HasPrefix(got, want) {
		t.Errorf("warning %q, want it to start with %q", got, want)
	}
}

// TestHostileGRECallIDsPackets: `packets` lists every GRE packet, those
// of the flows beyond the cap too, each with its own call ID.
func TestHostileGRECallIDsPackets(t *testing.T) {
	o := hostileGRECallIDs
	i := 0
	packetsJSON(t, greCallIDsCapture(t), func(r *hostileRecord) error {
		src, dst, id := o.Flow(i)
		if r.Frame != i+1 || r.Src != src.String() || r.Dst != dst.String() || r.CallID == nil || *r.CallID != int(id) ||
			r.Proto != "LCP" || r.Msg != "Configure-Request" || r.Error != "" {
			return fmt.Errorf("record %d: %+v, want frame %d %v -> %v call ID %d", i+1, r, i+1, src, dst, id)
		}
		i++
		return nil
	})
	if i != o.N {
		t.Errorf("%d records, want %d", i, o.N)
	}
}

// TestHostileBadLengths: PPTP messages with a Length of 65535, 0 or 1
// (with and without the magic cookie) or a wrong cookie are skipped, and
// the Echo-Request after each is still found, saying how many bytes were
// lost before it; a Length of 12 is cut as a message and its disagreement
// with the type is noted; the message cut by the end of the stream is an
// error.
func TestHostileBadLengths(t *testing.T) {
	var sum *hostile.BadLengthsSummary
	path := hostileCapture(t, "bad-lengths.pcap", func(w io.Writer, b *hostile.Base) (err error) {
		sum, err = hostile.BadLengths(w, b)
		return err
	})
	recs, n := packetsByFrame(t, path)
	// A header the framer accepts: the magic cookie and a Length from the
	// 12-byte general header (RFC 2637 2.1) to the largest it buffers.
	framed := func(c hostile.LengthCase) bool {
		return c.Cookie && c.Length >= 12 && int(c.Length) <= reassembly.DefaultMaxMessage
	}
	want := 3 // SCCRQ, SCCRP, the cut message
	lostTotal := 0
	for _, c := range sum.Cases {
		want++
		lost := c.Case.Size
		if !framed(c.Case) {
			lostTotal += lost
		}
		if framed(c.Case) {
			want++
			lost = 0
			r := recs[c.Bad]
			note := fmt.Sprintf("length %d disagrees with Start-Control-Connection-Request's %d bytes", c.Case.Length, hostile.SCCRQLen)
			if r == nil || r.Msg != "Start-Control-Connection-Request" || !slicesContain(r.Notes, note) {
				t.Errorf("%+v: frame %d: %+v, want the message with note %q", c.Case, c.Bad, r, note)
			}
		} else if r := recs[c.Bad]; r != nil {
			t.Errorf("%+v: frame %d: %+v, want no message", c.Case, c.Bad, r)
		}
		r := recs[c.Echo]
		if r == nil || r.Msg != "Echo-Request" || r.identifier() != int(c.EchoID) || r.Lost != lost || r.Error != "" {
			t.Errorf("%+v: frame %d: %+v, want Echo-Request %d with %d bytes lost", c.Case, c.Echo, r, c.EchoID, lost)
			continue
		}
		if note := fmt.Sprintf("%d bytes of the control stream lost before this message", lost); lost > 0 && !slicesContain(r.Notes, note) {
			t.Errorf("%+v: frame %d: notes %q, want %q", c.Case, c.Echo, r.Notes, note)
		}
	}
	if r := recs[sum.Cut]; r == nil || r.Msg != "Start-Control-Connection-Request" || r.Error == "" ||
		!slicesContain(r.Notes, "the control stream ends inside this message") {
		t.Errorf("frame %d: %+v, want a truncated Start-Control-Connection-Request with an error", sum.Cut, r)
	}
	for _, f := range []int{sum.SCCRQ, sum.SCCRP} {
		if r := recs[f]; r == nil || r.Lost != 0 || r.Error != "" {
			t.Errorf("frame %d: %+v", f, r)
		}
	}
	if n != want {
		t.Errorf("%d records, want %d", n, want)
	}

	a := analyzeJSON(t, path)
	if len(a.Sessions) != 1 || a.Frames != sum.Frames {
		t.Fatalf("%d sessions, %d frames", len(a.Sessions), a.Frames)
	}
	if a.BytesLost != lostTotal {
		t.Errorf("control_bytes_lost %d, want %d (the bytes before each Echo-Request)", a.BytesLost, lostTotal)
	}
	if s := a.Sessions[0]; s.Stats.C2S.PPTPEchoReq != len(sum.Cases) {
		t.Errorf("%d Echo-Requests counted, want %d", s.Stats.C2S.PPTPEchoReq, len(sum.Cases))
	}
	if out := runAll(t, "analyze", "-v", path); !strings.HasPrefix(out, "Session 1: 10.0.0.2 → 10.0.0.1") {
		t.Errorf("analyze -v: %q", out)
	}
}

func slicesContain(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestHostileBadOptions: LCP, IPCP and CCP Configure-Requests whose first
// option has a length of 0, 1 or 255 are listed with an error naming the
// option, their options undecoded; the session still counts them.
func TestHostileBadOptions(t *testing.T) {
	var sum *hostile.BadOptionsSummary
	path := hostileCapture(t, "bad-options.pcap", func(w io.Writer, b *hostile.Base) (err error) {
		sum, err = hostile.BadOptions(w, b)
		return err
	})
	recs, n := packetsByFrame(t, path)
	for _, c := range sum.Cases {
		r := recs[c.Frame]
		var want string
		if c.OptionLength < 2 {
			want = fmt.Sprintf("%s options: malformed: option %d has length %d (minimum 2)", c.Proto, c.OptionType, c.OptionLength)
		} else {
			want = fmt.Sprintf("%s options: truncated: option needs %d bytes, have %d", c.Proto, c.OptionLength, c.OptionsLen)
		}
		if r == nil || r.Proto != c.Proto || r.Msg != "Configure-Request" || r.Error != want {
			t.Errorf("%+v: %+v, want error %q", c, r, want)
			continue
		}
		if opts, ok := r.Fields["options"].([]any); !ok || len(opts) != 0 {
			t.Errorf("%+v: options %v, want none decoded", c, r.Fields["options"])
		}
		if u, _ := r.Fields["undecoded_options"].(string); len(u) != 2*c.OptionsLen {
			t.Errorf("%+v: undecoded_options %q, want %d bytes", c, u, c.OptionsLen)
		}
	}
	// SCCRQ, SCCRP, OCRQ, OCRP, the Configure-Requests, Call-Clear-Request.
	if want := 5 + len(sum.Cases); n != want {
		t.Errorf("%d records, want %d", n, want)
	}
	if r := recs[sum.CallClear]; r == nil || r.Msg != "Call-Clear-Request" {
		t.Errorf("frame %d: %+v", sum.CallClear, r)
	}

	a := analyzeJSON(t, path)
	if len(a.Sessions) != 1 {
		t.Fatalf("%d sessions", len(a.Sessions))
	}
	s := a.Sessions[0]
	per := len(hostile.BadOptionLengths)
	if s.Stats.C2S.GREPackets != len(sum.Cases) || s.Stats.C2S.Control != len(sum.Cases) ||
		s.phase(session.PhaseLCP) != per || s.phase(session.PhaseNCP) != per || s.phase(session.PhaseCCP) != per {
		t.Errorf("stats %+v, phases %+v", s.Stats, s.Phases)
	}
	runAll(t, "analyze", "-v", path)
}

// TestHostileGapStream: a control connection missing a segment after
// every segment, both ways: every message captured is still found, each
// after a gap saying how many bytes were lost, and the session counts
// every echo.
func TestHostileGapStream(t *testing.T) {
	pairs := 20000
	if testing.Short() {
		pairs = 2000
	}
	var sum *hostile.GapStreamSummary
	path := hostileCapture(t, "gap-stream.pcap", func(w io.Writer, b *hostile.Base) (err error) {
		sum, err = hostile.GapStream(w, b, pairs)
		return err
	})
	recs, n := packetsByFrame(t, path)
	if want := len(sum.Setup) + 2*pairs + 1; n != want {
		t.Errorf("%d records, want %d", n, want)
	}
	check := func(frame int, msg string, id, lost int) {
		t.Helper()
		r := recs[frame]
		if r == nil || r.Msg != msg || r.Lost != lost || r.Error != "" || (id >= 0 && r.identifier() != id) {
			t.Fatalf("frame %d: %+v, want %s id %d with %d bytes lost", frame, r, msg, id, lost)
		}
	}
	for i, msg := range []string{"Start-Control-Connection-Request", "Start-Control-Connection-Reply", "Outgoing-Call-Request", "Outgoing-Call-Reply"} {
		check(sum.Setup[i], msg, -1, 0)
	}
	for j := range pairs {
		lreq, lrep := sum.ClientGap, sum.ServerGap
		if j == 0 {
			lreq, lrep = 0, 0 // right after the call setup
		}
		check(sum.FirstEcho+2*j, "Echo-Request", 2*j, lreq)
		check(sum.FirstEcho+2*j+1, "Echo-Reply", 2*j, lrep)
	}
	check(sum.CallClear, "Call-Clear-Request", -1, sum.ClientGap)

	a := analyzeJSON(t, path)
	if len(a.Sessions) != 1 || a.Frames != sum.Frames {
		t.Fatalf("%d sessions, %d frames", len(a.Sessions), a.Frames)
	}
	// Every byte lost is before a message found again: the report's total
	// is the sum of what the messages say.
	if want := (pairs-1)*(sum.ClientGap+sum.ServerGap) + sum.ClientGap; a.BytesLost != want {
		t.Errorf("control_bytes_lost %d, want %d", a.BytesLost, want)
	}
	s := a.Sessions[0]
	if s.Stats.C2S.PPTPEchoReq != pairs || s.Stats.S2C.PPTPEchoRep != pairs || s.phase(session.PhaseData) != 2*pairs {
		t.Errorf("stats %+v, data phase %d frames; want %d echoes each way", s.Stats, s.phase(session.PhaseData), pairs)
	}
	// Call-Clear-Request and both FINs.
	if got := s.phase(session.PhaseTeardown); got != 3 {
		t.Errorf("teardown: %d frames, want 3", got)
	}
	if out := runAll(t, "analyze", path); !strings.HasPrefix(out, "Session 1: 10.0.0.2 → 10.0.0.1") {
		t.Errorf("analyze: %q", out)
	}
}

// TestHostileSYNFlood: SYNs to TCP port 1723 from more distinct sources
// than the reassembler follows (a port scan, a SYN flood): each is a
// connection attempt, so a session of its own. A streamed analysis (what
// analyze, packets and decrypt run) tracks at most MaxSessions at once:
// beyond, the least recently seen are finished early (down to nine tenths
// of the cap) and counted, so memory stays bounded (BenchmarkHostile
// measures it) while every attempt is still reported.
func TestHostileSYNFlood(t *testing.T) {
	const n = 70000 // beyond the reassembler's 65,536 streams
	path := hostileCapture(t, "syn-flood.pcap", func(w io.Writer, b *hostile.Base) error {
		_, err := hostile.SYNFlood(w, b, n)
		return err
	})
	src, err := capture.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	handed := 0
	a, err := pipeline.Run(src, pipeline.Options{Policy: pipeline.Streamed(0, true)}, &endFunc{end: func(s *session.Session) error {
		handed++
		if tc := s.Phases[session.PhaseTCPConnect]; s.Index != handed || tc.Count != 1 || tc.Status == session.StatusOK {
			t.Fatalf("session %d (handed over %d): TCP connect %d frames, %s; want the SYN alone, not ok",
				s.Index, handed, tc.Count, tc.Status)
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if a.Stats.Frames != n || handed != n || a.Streamed != n {
		t.Errorf("frames %d, sessions handed over %d (Streamed %d); want %d each", a.Stats.Frames, handed, a.Streamed, n)
	}
	if want := n - 65536; a.Stats.StreamsDropped != want {
		t.Errorf("control_streams_dropped %d, want %d", a.Stats.StreamsDropped, want)
	}
	if want := cappedAfter(n, pipeline.DefaultFileMaxSessions); a.SessionsCapped != want || want == 0 {
		t.Errorf("%d sessions finished early by the cap of %d, want %d", a.SessionsCapped, pipeline.DefaultFileMaxSessions, want)
	}

	// The same through the CLI with a small cap: the JSON and the text say
	// how many sessions the cap finished early.
	const small, cap = 3000, 1000
	path = hostileCapture(t, "syn-flood-small.pcap", func(w io.Writer, b *hostile.Base) error {
		_, err := hostile.SYNFlood(w, b, small)
		return err
	})
	want := cappedAfter(small, cap)
	out := runAll(t, "analyze", "--format", "json", "--max-sessions", fmt.Sprint(cap), path)
	var doc struct {
		Sessions []struct {
			Index int `json:"index"`
		} `json:"sessions"`
		Capped int `json:"sessions_finished_early"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Sessions) != small || doc.Capped != want {
		t.Errorf("--max-sessions %d: %d sessions, %d finished early; want %d and %d", cap, len(doc.Sessions), doc.Capped, small, want)
	}
	text := runAll(t, "analyze", "--width", "200", "--max-sessions", fmt.Sprint(cap), path)
	if line := fmt.Sprintf("warning %d sessions were finished early: more than %d were open at once", want, cap); !strings.Contains(text, line) {
		t.Errorf("analyze: no %q in the report's end: %q", line, text[max(0, len(text)-400):])
	}
}

// cappedAfter is how many of n sessions, all open at once and arriving one
// by one, a cap of max finishes early: whenever more than max are open, the
// least recently seen are finished down to nine tenths of max.
func cappedAfter(n, max int) int {
	capped, open := 0, 0
	for range n {
		if open++; open > max {
			k := open - max*9/10
			capped += k
			open -= k
		}
	}
	return capped
}

// endFunc is a sink that sees the ended sessions.
type endFunc struct {
	session.NopSink
	end func(*session.Session) error
}

func (e *endFunc) SessionEnd(s *session.Session) error { return e.end(s) }
