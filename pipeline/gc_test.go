package pipeline

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

// TestGCPercent: the default while the live heap is small, a goal of
// gcFloor in between, and never under gcMinPercent above it.
func TestGCPercent(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 100},
		{4 << 20, 100},
		{gcFloor / 2, 100},
		{gcFloor/2 + 1<<20, 88}, // (32-17)/17
		{24 << 20, 33},
		{gcFloor, gcMinPercent},
		{1 << 30, gcMinPercent},
	} {
		if got := gcPercent(c.live); got != c.want {
			t.Errorf("gcPercent(%d MB) = %d, want %d", c.live>>20, got, c.want)
		}
		if c.live > 0 {
			// The goal: at least live * (1 + gcMinPercent/100), at most
			// twice live, gcFloor when that is between.
			goal := c.live + c.live*uint64(gcPercent(c.live))/100
			if goal > 2*c.live || goal < c.live+c.live*gcMinPercent/100 || c.live > gcFloor/2 && c.live < gcFloor*4/5 && (goal > gcFloor || goal < gcFloor-gcFloor/50) {
				t.Errorf("live %d B: goal %d B", c.live, goal)
			}
		}
	}
}

// TestGCTuner: after a collection that leaves a large heap live the tuner
// lowers GOGC, and puts it back when the heap is small again.
func TestGCTuner(t *testing.T) {
	gogc := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	waitGOGC := func(want uint64) {
		t.Helper()
		for i := 0; i < 200; i++ {
			runtime.GC()
			metrics.Read(gogc)
			if gogc[0].Value.Uint64() == want {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatalf("GOGC %d, want %d", gogc[0].Value.Uint64(), want)
	}
	tu := startGCTuner()
	defer func() {
		tu.stopped.Store(true)
		waitGOGC(100)
	}()
	func() {
		live := make([][]byte, 64)
		for i := range live {
			live[i] = make([]byte, 1<<20)
		}
		waitGOGC(gcMinPercent)
		runtime.KeepAlive(live)
	}()
	waitGOGC(100)
}
