package pipeline

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// The garbage collector's policy for an analysis (issue 16: 10,000 sessions
// open at once in 64 MB). Go's default (GOGC=100) lets the heap grow to
// twice what is live before collecting: peak memory is twice the open
// sessions. The packet loop allocates little per packet (a whole analysis of
// the 10,000-session capture runs about ten collections), so collecting more
// often costs little: TuneGC keeps the heap's goal at
//
//	max(gcFloor, live + live*gcMinPercent/100)
//
// — the default's goal while the live heap is under gcFloor/2 (small
// captures and the PPTP-dense path run as before), never more than the
// default's, and never a goal so close to the live heap that the collector
// runs without end (a memory limit would: past it, it collects again and
// again).
const (
	gcFloor      = 32 << 20
	gcMinPercent = 25
)

var gcTuneOnce sync.Once

// TuneGC sets the policy above for the rest of the process, unless GOGC or
// GOMEMLIMIT is set in the environment (the user's choice then stands).
// The commands call it once, in main.
func TuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	gcTuneOnce.Do(func() { startGCTuner() })
}

func startGCTuner() *gcTuner {
	t := &gcTuner{percent: 100, live: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.arm()
	return t
}

// gcTuner sets GOGC after each collection from the heap it left live.
type gcTuner struct {
	percent int
	live    []metrics.Sample
	stopped atomic.Bool // (tests) no more tuning, GOGC back to 100
}

// gcSentinel is an object made unreachable on purpose: its cleanup runs
// after the collection that finds it, which is the tuner's hook into each
// cycle.
type gcSentinel struct{ _ [16]byte }

func (t *gcTuner) arm() {
	runtime.AddCleanup(new(gcSentinel), func(t *gcTuner) {
		if t.stopped.Load() {
			debug.SetGCPercent(100)
			return
		}
		t.tune()
		t.arm()
	}, t)
}

func (t *gcTuner) tune() {
	metrics.Read(t.live)
	if t.live[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	if p := gcPercent(t.live[0].Value.Uint64()); p != t.percent {
		t.percent = p
		debug.SetGCPercent(p)
	}
}

// gcPercent is the GOGC that puts the heap's goal at max(gcFloor, live *
// (1 + gcMinPercent/100)), capped at the default's 100.
func gcPercent(live uint64) int {
	if live == 0 || live <= gcFloor/2 {
		return 100
	}
	p := int((gcFloor - min(live, gcFloor)) * 100 / live)
	return min(max(p, gcMinPercent), 100)
}
