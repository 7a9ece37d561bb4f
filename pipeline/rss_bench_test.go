package pipeline

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/session"
)

// memTargetMB is issue 16's target for the memory of 10,000 sessions open
// at once (peak RSS) and of the hostile captures (live heap).
const memTargetMB = 64

// rssChildEnv names the capture a child process of the test binary
// analyzes, streamed, for peakRSS (see TestMain).
const rssChildEnv = "PPTPSCOPE_RSS_CHILD"

func TestMain(m *testing.M) {
	if path := os.Getenv(rssChildEnv); path != "" {
		TuneGC() // as the command does
		os.Exit(rssChild(path))
	}
	os.Exit(m.Run())
}

// rssChild analyzes path streamed, as `pptpscope analyze` does (without
// rendering), and returns the exit status.
func rssChild(path string) int {
	src, err := capture.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer src.Close()
	_, err = AnalyzeWith(src, AnalyzeOptions{NoMessages: true, OnSession: func(*session.Session) error { return nil }}, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// peakRSS runs the streamed analysis of path in a fresh process (this
// test binary, see TestMain) and returns its peak resident set size in MB:
// what the process needs, garbage and runtime included, free of the
// benchmark's own history.
func peakRSS(b *testing.B, path string) float64 {
	b.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), rssChildEnv+"="+path)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("analysis in a child process: %v", err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		b.Fatal("no resource usage for the child process")
	}
	return float64(ru.Maxrss) * 1024 / 1e6 // Linux: KiB
}

// reportTarget says how a memory figure compares with memTargetMB.
func reportTarget(b *testing.B, what string, mb float64) {
	b.Helper()
	verdict := "met"
	if mb > memTargetMB {
		verdict = "NOT met"
	}
	b.Logf("%s %.1f MB (issue 16 target <= %d MB: %s)", what, mb, memTargetMB, verdict)
}
