package session

import (
	"testing"
	"time"
)

// TestSeriesBounded: a session of ten hours, one packet a second each
// way, keeps at most MaxBuckets buckets, each as wide as needed, and
// loses no count.
func TestSeriesBounded(t *testing.T) {
	s := &Session{}
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 500e6, time.UTC)
	const n = 10 * 3600
	for i := 0; i < n; i++ {
		at := t0.Add(time.Duration(i) * time.Second)
		s.countGRE(at, 0, 100, 0, 0)
		s.countGRE(at, 1, 40, 0, 0)
		if i%60 == 0 {
			s.countEcho(at, 0, false)
			s.countRTT(at, 0, 25*time.Millisecond)
		}
	}
	tr := s.Traffic
	if len(tr.Buckets) > MaxBuckets || tr.Width != 512*time.Second || !tr.Start.Equal(t0.Truncate(time.Second)) {
		t.Fatalf("%d buckets of %v from %v", len(tr.Buckets), tr.Width, tr.Start)
	}
	var p0, b1, echo int
	for _, b := range tr.Buckets {
		p0 += int(b[0].Packets)
		b1 += int(b[1].Bytes)
		echo += int(b[0].EchoReq)
		if b[0].RTTMax != 250 {
			t.Fatalf("RTT max %d (100 µs), want 250", b[0].RTTMax)
		}
	}
	if p0 != n || b1 != 40*n || echo != n/60 {
		t.Errorf("%d packets, %d bytes, %d echoes; want %d, %d, %d", p0, b1, echo, n, 40*n, n/60)
	}
	if got := tr.Rate(tr.Buckets[1][0].Packets); got != 1 {
		t.Errorf("rate %v packets/s, want 1", got)
	}
	// A late packet takes back the loss counted when its gap opened.
	s2 := &Session{}
	s2.countGRE(t0, 0, 10, 2, 0)
	s2.countGRE(t0.Add(5*time.Second), 0, 10, -1, 1)
	if b := s2.Traffic.Buckets; b[0][0].Lost != 1 || b[5][0].Reordered != 1 || b[5][0].Lost != 0 {
		t.Errorf("lost/reordered %+v %+v", b[0][0], b[5][0])
	}
}
