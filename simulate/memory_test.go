package simulate

import (
	"io"
	"runtime"
	"testing"
	"time"
)

// peakWhileWriting generates n sessions starting every 50 ms (about 150
// open at once) and samples the goroutines (one coroutine per open
// session) and the heap as the inner packets go by.
func peakWhileWriting(t *testing.T, n int) (goroutines int, heap uint64) {
	t.Helper()
	var ms runtime.MemStats
	count := 0
	o := Options{Password: "pw", Sessions: n, Overlap: 50 * time.Millisecond, Traffic: Traffic{Ping: true},
		OnInner: func(int, []byte) {
			count++
			if count%500 != 0 {
				return
			}
			goroutines = max(goroutines, runtime.NumGoroutine())
			runtime.ReadMemStats(&ms)
			heap = max(heap, ms.HeapInuse)
		}}
	if err := Write(io.Discard, o); err != nil {
		t.Fatal(err)
	}
	return goroutines, heap
}

// TestBoundedMemory: ten times the sessions, with as many open at once,
// need neither more coroutines nor much more heap: finished sessions are
// not kept.
func TestBoundedMemory(t *testing.T) {
	g1, h1 := peakWhileWriting(t, 300)
	g2, h2 := peakWhileWriting(t, 3000)
	t.Logf("300 sessions: %d goroutines, %d KB heap; 3000: %d, %d KB", g1, h1>>10, g2, h2>>10)
	if g2 > 400 || g2 > 2*g1+20 {
		t.Errorf("%d goroutines for 3000 sessions (%d for 300): sessions are kept", g2, g1)
	}
	if h2 > 2*h1+(8<<20) {
		t.Errorf("heap %d KB for 3000 sessions, %d KB for 300: it grows with the sessions", h2>>10, h1>>10)
	}
}

// BenchmarkWrite: sessions with ping, DNS and HTTP, MPPE-128.
func BenchmarkWrite(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if err := Write(io.Discard, Options{Password: "pw", Sessions: 10, Overlap: time.Second, Seed: uint64(i)}); err != nil {
			b.Fatal(err)
		}
	}
}
