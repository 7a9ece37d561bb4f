package pipeline

import (
	"math"
	"math/rand"
	"testing"
	"time"
)

// TestRelTimeEqualsSub: relTime is Time.Sub for times as a file's records
// carry them (time.Unix, UTC), near each other or far apart (Sub's
// saturation).
func TestRelTimeEqualsSub(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	secs := []int64{0, 1, -1, 1 << 31, 1<<32 - 1, 1 << 32, 1<<32 + 1, -(1 << 32), 1 << 33, 1 << 40,
		math.MaxInt64 / int64(time.Second), math.MaxInt64/int64(time.Second) + 1, math.MinInt64 / int64(time.Second), 1e12}
	var times []time.Time
	for _, s := range secs {
		for _, ns := range []int64{0, 1, 999999999, 500000000} {
			times = append(times, time.Unix(s, ns).UTC(), time.Unix(-s, ns).UTC())
		}
	}
	for range 2000 {
		times = append(times, time.Unix(rng.Int63n(1<<33)-(1<<32), rng.Int63n(1e9)).UTC())
	}
	base := time.Unix(1700000000, 123456789).UTC()
	for range 2000 {
		times = append(times, base.Add(time.Duration(rng.Int63n(int64(200*time.Hour)))-100*time.Hour))
	}
	n := 0
	for _, a := range times {
		for _, b := range times[:60] {
			if got, want := relTime(a, b), a.Sub(b); got != want {
				t.Fatalf("relTime(%v, %v) = %d, Sub %d", a, b, got, want)
			}
			if got, want := relTime(b, a), b.Sub(a); got != want {
				t.Fatalf("relTime(%v, %v) = %d, Sub %d", b, a, got, want)
			}
			n++
		}
	}
	if n < 1000 {
		t.Fatal("too few cases")
	}
}
