package session

import "time"

// Series is a session's GRE traffic over time, both directions on one time
// axis (so the two can be drawn together): per bucket the packets, bytes,
// lost and reordered packets, the largest GRE round-trip time and the
// echo (keepalive) requests and replies. Buckets are one second wide; when
// a session outlasts MaxBuckets of them, neighbours are merged and the
// width doubles, so a session's series never holds more than MaxBuckets
// buckets (MaxBuckets × 32 bytes, allocated as the session goes).
type Series struct {
	Start   time.Time
	Width   time.Duration
	Buckets [][2]Bucket // [i][0]: client -> server, [i][1]: server -> client
}

// Bucket counts one direction's traffic in one bucket. Counts saturate.
type Bucket struct {
	Packets, Bytes  uint32
	Lost, Reordered uint16
	// RTTMax is the largest GRE round-trip time of the direction's packets
	// acknowledged in the bucket, in units of 100 µs (0: no sample).
	RTTMax uint16
	// EchoReq and EchoRep count the LCP and PPTP echo requests and replies
	// the direction sent.
	EchoReq, EchoRep uint8
}

// MaxBuckets bounds a series.
const MaxBuckets = 120

// Rate returns per-second rates of a count over a bucket.
func (s *Series) Rate(n uint32) float64 { return float64(n) / s.Width.Seconds() }

// At is the start of bucket i.
func (s *Series) At(i int) time.Time { return s.Start.Add(time.Duration(i) * s.Width) }

// bucket returns the buckets of time t, making room.
func (s *Series) bucket(t time.Time) *[2]Bucket {
	if s.Width == 0 {
		s.Start, s.Width = t.Truncate(time.Second), time.Second
	}
	if t.Before(s.Start) {
		t = s.Start // a timestamp out of order: counted in the first bucket
	}
	i := int(t.Sub(s.Start) / s.Width)
	for i >= MaxBuckets {
		s.halve()
		i = int(t.Sub(s.Start) / s.Width)
	}
	for len(s.Buckets) <= i {
		s.Buckets = append(s.Buckets, [2]Bucket{})
	}
	return &s.Buckets[i]
}

// halve merges neighbouring buckets and doubles the width.
func (s *Series) halve() {
	n := (len(s.Buckets) + 1) / 2
	for i := 0; i < n; i++ {
		m := s.Buckets[2*i]
		if 2*i+1 < len(s.Buckets) {
			for d := 0; d < 2; d++ {
				m[d].merge(s.Buckets[2*i+1][d])
			}
		}
		s.Buckets[i] = m
	}
	s.Buckets = s.Buckets[:n]
	s.Width *= 2
}

func (b *Bucket) merge(o Bucket) {
	b.Packets = sat32(uint64(b.Packets) + uint64(o.Packets))
	b.Bytes = sat32(uint64(b.Bytes) + uint64(o.Bytes))
	b.Lost = sat16(int(b.Lost) + int(o.Lost))
	b.Reordered = sat16(int(b.Reordered) + int(o.Reordered))
	b.RTTMax = max(b.RTTMax, o.RTTMax)
	b.EchoReq = sat8(int(b.EchoReq) + int(o.EchoReq))
	b.EchoRep = sat8(int(b.EchoRep) + int(o.EchoRep))
}

func sat32(v uint64) uint32 { return uint32(min(v, 1<<32-1)) }
func sat16(v int) uint16    { return uint16(min(max(v, 0), 1<<16-1)) }
func sat8(v int) uint8      { return uint8(min(max(v, 0), 255)) }

// series returns the session's series, made on first use.
func (s *Session) series() *Series {
	if s.Traffic == nil {
		s.Traffic = new(Series)
	}
	return s.Traffic
}

// countGRE adds a GRE packet of direction dir, with the change it made to
// the direction's lost and reordered counts.
func (s *Session) countGRE(t time.Time, dir, length, lost, reordered int) {
	if s.noMessages {
		return // only the report and the diagrams, which keep messages, draw it
	}
	b := &s.series().bucket(t)[dir]
	b.Packets = sat32(uint64(b.Packets) + 1)
	b.Bytes = sat32(uint64(b.Bytes) + uint64(max(length, 0)))
	b.Reordered = sat16(int(b.Reordered) + reordered)
	switch {
	case lost > 0:
		b.Lost = sat16(int(b.Lost) + lost)
	case lost < 0: // a late packet fills a gap counted lost before: take it back where it was counted
		bs := s.Traffic.Buckets
		for i := len(bs) - 1; i >= 0 && lost < 0; i-- {
			for bs[i][dir].Lost > 0 && lost < 0 {
				bs[i][dir].Lost--
				lost++
			}
		}
	}
}

// countRTT adds a GRE round-trip sample for packets of direction dir.
func (s *Session) countRTT(t time.Time, dir int, d time.Duration) {
	if s.noMessages {
		return
	}
	b := &s.series().bucket(t)[dir]
	b.RTTMax = max(b.RTTMax, sat16(int(d/(100*time.Microsecond))))
}

// countEcho adds an echo request (or reply) sent by direction dir.
func (s *Session) countEcho(t time.Time, dir int, reply bool) {
	if s.noMessages {
		return
	}
	b := &s.series().bucket(t)[dir]
	if reply {
		b.EchoRep = sat8(int(b.EchoRep) + 1)
	} else {
		b.EchoReq = sat8(int(b.EchoReq) + 1)
	}
}
