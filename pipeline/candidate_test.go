package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
	"github.com/pptpscope/pptpscope/tools/mkbench/hostile"
)

// TestCandidatesEqualSessions: the tracker's candidates (GRE flows and
// connections kept as their first event until they prove to be sessions,
// session/candidate.go) change no output. Hostile captures made of them
// (GRE flows of distinct call IDs: LCP, ack-only, and each followed by its
// reverse flow, which promotes it; a SYN flood) are analyzed with
// candidates and without (slowPaths, as TestFastPathsEqualSlow does for
// the bundled and generated captures), streamed with the default cap and
// with a cap of 500 sessions (candidates finished early), and live: the
// records, packet JSON, analysis JSON and text must be the same.
func TestCandidatesEqualSessions(t *testing.T) {
	base, err := hostile.LoadBase(filepath.Join("..", hostile.BasePath))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cases := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"gre-lcp", func(w io.Writer) error {
			_, err := hostile.GRECallIDs(w, base, hostile.GREOptions{N: 3000})
			return err
		}},
		{"gre-ack", func(w io.Writer) error {
			_, err := hostile.GRECallIDs(w, base, hostile.GREOptions{N: 3000, AckOnly: true})
			return err
		}},
		{"gre-reverse", func(w io.Writer) error {
			_, err := hostile.GRECallIDs(w, base, hostile.GREOptions{N: 3000, Reverse: true})
			return err
		}},
		{"syn-flood", func(w io.Writer) error {
			_, err := hostile.SYNFlood(w, base, 3000)
			return err
		}},
	}
	defer func() { slowPaths = false }()
	for _, c := range cases {
		var buf bytes.Buffer
		if err := c.write(&buf); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, c.name+".pcap")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		slowPaths = true
		want := candidateForms(t, path)
		slowPaths = false
		got := candidateForms(t, path)
		for i := range want {
			if !bytes.Equal(got[i], want[i]) {
				at := diffAt(got[i], want[i])
				t.Errorf("%s: form %d differs at byte %d:\ncandidates: %.300q\nsessions:   %.300q", c.name, i, at,
					got[i][min(at, len(got[i])):], want[i][min(at, len(want[i])):])
			}
		}
		if !bytes.Contains(want[6], []byte(`"sessions_finished_early"`)) {
			t.Errorf("%s: the cap of 500 sessions finished none early", c.name)
		}
	}
}

// candidateForms runs path through the policies TestCandidatesEqualSessions
// compares and returns their outputs.
func candidateForms(t *testing.T, path string) [][]byte {
	t.Helper()
	var out [][]byte
	for _, pol := range []Policy{Streamed(0, true), Streamed(500, false), Live(time.Minute, time.Second, 500)} {
		var fields, jsonl, analysis, text bytes.Buffer
		lines := render.NewJSONLines(&jsonl)
		dump := RecordFunc(func(r *session.Record) error {
			fmt.Fprintf(&fields, "%d %v %s %s %d %v %s %d\n", r.Frame, r.Time, r.Proto, r.Msg, r.ID, r.Control, r.Phase, r.SessionKey)
			return nil
		})
		src, err := capture.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		a, err := Run(src, Options{Policy: pol}, session.Sinks{dump, render.NewPacketList(lines, render.PacketListOptions{All: true}),
			render.NewAnalysisJSON(&analysis, ""), render.NewAnalysisText(&text, render.TextOptions{Width: 120, Verbose: true})})
		src.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := lines.Close(); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&fields, "streamed %d capped %d untracked %d held back %d\n", a.Streamed, a.SessionsCapped, a.UntrackedGRE, a.HeldBack)
		out = append(out, fields.Bytes(), jsonl.Bytes(), analysis.Bytes(), text.Bytes())
	}
	return out
}
