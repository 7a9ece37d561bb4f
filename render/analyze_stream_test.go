package render

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/mppe"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/session"
	"github.com/pptpscope/pptpscope/tools/mkbench/gen"
)

// streamCase is a capture to analyze whole and streamed.
type streamCase struct {
	name string
	data []byte
}

func streamCases(t *testing.T) []streamCase {
	t.Helper()
	var cases []streamCase
	files, _ := filepath.Glob("../testdata/pcaps/*")
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, streamCase{filepath.Base(f), data})
	}
	n := 400
	if testing.Short() {
		n = 150
	}
	// Generated: many sessions one after the other (most are handed over
	// long before the end) and many at once.
	for _, g := range []struct {
		name string
		o    gen.Options
	}{
		{"sequential", gen.Options{Sessions: n, Spread: time.Duration(n) * 25 * time.Second, Seed: 5}},
		{"concurrent", gen.Options{Sessions: n, Spread: 2 * time.Second, Seed: 6}},
		{"concurrent-lan", gen.Options{Sessions: n / 4, Packets: 40000, Spread: 30 * time.Second, Seed: 7, Servers: 3}},
	} {
		g.o.Dir = "../testdata/pcaps"
		var buf bytes.Buffer
		if _, err := gen.Generate(&buf, g.o); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, streamCase{"generated-" + g.name, buf.Bytes()})
		if g.name == "sequential" {
			// One corrupt timestamp a year ahead, halfway: it must not
			// finish the sessions open then (the clock that finishes
			// sessions ignores a lone jump).
			cases = append(cases, streamCase{"generated-sequential-bad-time", bumpTimestamp(t, buf.Bytes(), 0.5, 365*24*time.Hour)})
		}
	}
	return cases
}

// bumpTimestamp returns a copy of a classic pcap capture (microsecond
// timestamps, little endian, as gen writes) with the record at fraction at
// of the records moved d later.
func bumpTimestamp(t *testing.T, data []byte, at float64, d time.Duration) []byte {
	t.Helper()
	out := bytes.Clone(data)
	if binary.LittleEndian.Uint32(out) != 0xa1b2c3d4 {
		t.Fatal("bumpTimestamp: not a little-endian microsecond pcap")
	}
	var offs []int
	for off := 24; off+16 <= len(out); off += 16 + int(binary.LittleEndian.Uint32(out[off+8:])) {
		offs = append(offs, off)
	}
	off := offs[int(float64(len(offs))*at)]
	sec := binary.LittleEndian.Uint32(out[off:])
	binary.LittleEndian.PutUint32(out[off:], sec+uint32(d/time.Second))
	return out
}

func analyzeBytes(t *testing.T, c streamCase, pol pipeline.Policy, sink session.Sink) *session.Analysis {
	t.Helper()
	src, err := capture.OpenReader(bytes.NewReader(c.data), c.name)
	if err != nil {
		t.Fatal(err)
	}
	a, err := pipeline.Run(src, pipeline.Options{Policy: pol}, sink)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestStreamedEqualsWhole: `analyze` writes sessions as they end
// (AnalyzeOptions.OnSession + NewAnalysisText/NewAnalysisJSON); its output
// must be byte for byte what the whole analysis gives, for every bundled
// capture and for generated ones with hundreds of sessions, in every text
// form and in JSON.
func TestStreamedEqualsWhole(t *testing.T) {
	forms := []struct {
		name     string
		verbose  bool
		whole    func(*bytes.Buffer, *session.Analysis) error
		streamed func(*bytes.Buffer) AnalysisStream
	}{
		{"json", false,
			func(w *bytes.Buffer, a *session.Analysis) error { return WriteAnalysisJSON(w, a, "") },
			func(w *bytes.Buffer) AnalysisStream { return NewAnalysisJSON(w, "") }},
		{"text", false,
			func(w *bytes.Buffer, a *session.Analysis) error { return WriteAnalysisText(w, a, TextOptions{}) },
			func(w *bytes.Buffer) AnalysisStream { return NewAnalysisText(w, TextOptions{}) }},
		{"text-zh", false,
			func(w *bytes.Buffer, a *session.Analysis) error {
				return WriteAnalysisText(w, a, TextOptions{Lang: "zh"})
			},
			func(w *bytes.Buffer) AnalysisStream { return NewAnalysisText(w, TextOptions{Lang: "zh"}) }},
		{"json-zh", false,
			func(w *bytes.Buffer, a *session.Analysis) error { return WriteAnalysisJSON(w, a, "zh") },
			func(w *bytes.Buffer) AnalysisStream { return NewAnalysisJSON(w, "zh") }},
		{"text-verbose-color", true,
			func(w *bytes.Buffer, a *session.Analysis) error {
				return WriteAnalysisText(w, a, TextOptions{Width: 120, Color: true, Verbose: true})
			},
			func(w *bytes.Buffer) AnalysisStream {
				return NewAnalysisText(w, TextOptions{Width: 120, Color: true, Verbose: true})
			}},
	}
	for _, c := range streamCases(t) {
		for _, f := range forms {
			t.Run(c.name+"/"+f.name, func(t *testing.T) {
				var want, got bytes.Buffer
				whole := analyzeBytes(t, c, pipeline.Whole(!f.verbose), session.NopSink{})
				if err := f.whole(&want, whole); err != nil {
					t.Fatal(err)
				}
				st := f.streamed(&got)
				frames, early := 0, 0
				a := analyzeBytes(t, c, pipeline.Streamed(0, !f.verbose), &watchSink{Sink: st,
					record: func(r *session.Record) { frames = r.Frame },
					end: func(*session.Session) {
						if frames < whole.Stats.Frames*3/4 {
							early++
						}
					}})
				if len(a.Sessions) != 0 || a.Streamed != len(whole.Sessions) || a.HeldBack != 0 {
					t.Fatalf("streamed analysis: %d sessions listed, %d streamed, %d held back; want 0, %d, 0",
						len(a.Sessions), a.Streamed, a.HeldBack, len(whole.Sessions))
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Fatalf("streamed output differs from the whole analysis's at byte %d:\nstreamed: %.300q\nwhole:    %.300q",
						firstDiff(got.Bytes(), want.Bytes()), got.Bytes()[min(firstDiff(got.Bytes(), want.Bytes()), got.Len()):],
						want.Bytes()[min(firstDiff(got.Bytes(), want.Bytes()), want.Len()):])
				}
				// Sequential sessions must really be handed over as the
				// capture goes, not all at its end.
				if c.name == "generated-sequential" && early < a.Streamed/2 {
					t.Errorf("only %d of %d sessions were handed over before the last quarter of the capture", early, a.Streamed)
				}
			})
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestStreamWarningsAtEnd: the capture-wide warnings, known only at the
// end, close the text report; a report without sessions says why.
func TestStreamWarningsAtEnd(t *testing.T) {
	a := &session.Analysis{UntrackedGRE: 7, HeldBack: 2}
	a.Stats.Frames = 12
	a.Stats.StreamsDropped = 3
	a.Stats.BytesLost = 40
	var b bytes.Buffer
	st := NewAnalysisText(&b, TextOptions{Width: 200})
	if err := st.End(a); err != nil {
		t.Fatal(err)
	}
	want := "No PPTP session in 12 frames: no TCP port 1723 and no enhanced GRE (IP protocol 47, version 1).\n" +
		"\nwarning 3 control connections were not followed: more than 65536 were open at once; their sessions are incomplete above\n" +
		"\nwarning 40 bytes of PPTP control streams are in no message: segments missing from the capture, data that is not PPTP, or a message cut off at the end\n" +
		"\nwarning 7 GRE packets were not followed: too many GRE flows (65536) were tracked at once\n" +
		"\nwarning 2 sessions are listed before a session that started earlier: it was still open while more than 1024 later sessions had ended\n"
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	js := NewAnalysisJSON(&b, "")
	if err := js.End(a); err != nil {
		t.Fatal(err)
	}
	const wantJSON = "{\n  \"sessions\": [],\n  \"frames\": 12,\n  \"control_streams_dropped\": 3,\n  \"control_bytes_lost\": 40,\n  \"untracked_gre_packets\": 7,\n  \"sessions_out_of_order\": 2,\n  \"summary\": {\n    \"sessions\": 0,\n    \"ok\": 0,\n    \"failed\": 0,\n    \"incomplete\": 0,\n    \"top_findings\": []\n  }\n}\n"
	if b.String() != wantJSON {
		t.Fatalf("got %q, want %q", b.String(), wantJSON)
	}
}

// watchSink passes events on to Sink, watching records and ended sessions.
type watchSink struct {
	session.Sink
	record func(*session.Record)
	end    func(*session.Session)
}

func (w *watchSink) Record(r *session.Record) error {
	w.record(r)
	return w.Sink.Record(r)
}

func (w *watchSink) SessionEnd(s *session.Session) error {
	w.end(s)
	return w.Sink.SessionEnd(s)
}

// TestJSONAbort: an analysis stopped by a password that does not match,
// after sessions were written, still ends in a valid JSON document with the
// sessions written and the error; with none written, nothing is.
func TestJSONAbort(t *testing.T) {
	mismatch := &mppe.MismatchError{User: "alice", Method: "MS-CHAPv2", Frame: 12}
	var b bytes.Buffer
	js := NewAnalysisJSON(&b, "")
	if err := js.Abort(mismatch); err != nil || b.Len() != 0 {
		t.Fatalf("nothing written yet: %q, %v", b.String(), err)
	}
	src, err := capture.Open(filepath.Join("..", "testdata", "pcaps", "pppd__mschapv2-mppe128.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	a, err := pipeline.Run(src, pipeline.Options{Policy: pipeline.Whole(true)}, session.NopSink{})
	if err != nil || len(a.Sessions) != 1 {
		t.Fatalf("%d sessions, %v", len(a.Sessions), err)
	}
	if err := js.SessionEnd(a.Sessions[0]); err != nil {
		t.Fatal(err)
	}
	if err := js.Abort(mismatch); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Sessions []map[string]any `json:"sessions"`
		Error    string           `json:"error"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("%v:\n%s", err, b.String())
	}
	if len(doc.Sessions) != 1 || doc.Error != "the password does not match user alice's MS-CHAPv2 response in frame 12" {
		t.Fatalf("document: %+v", doc)
	}
}
