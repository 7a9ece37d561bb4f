package reassembly

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// The synthetic cases rework the real control connection of
// nDPI__pptp.pcap (frames and messages, from tshark as in captureCases):
//
//	1-3 handshake; c2s 4 SCCRQ(156) 8 OCRQ(168) 16 CCR(16) 17/18 FIN
//	19 retransmission of 16 with FIN; s2c 6 SCCRP(156) 10 OCRP(32)
//	12 SLI(24) 14 SLI(24) 23 CDN(148); 24 RST from the client.
const base = "nDPI__pptp.pcap"

type want struct {
	frame int
	ctype uint16
	lost  int
	trunc bool
}

// baseWant is what the unchanged connection gives.
var baseWant = []want{{4, 1, 0, false}, {6, 2, 0, false}, {8, 7, 0, false}, {10, 8, 0, false},
	{12, 15, 0, false}, {14, 15, 0, false}, {16, 12, 0, false}, {23, 13, 0, false}}

func find(segs []segment, frame int) segment {
	for _, s := range segs {
		if s.frame == frame {
			return s
		}
	}
	panic("no frame")
}

func without(segs []segment, frames ...int) []segment {
	return slices.DeleteFunc(slices.Clone(segs), func(s segment) bool { return slices.Contains(frames, s.frame) })
}

// replace puts r in place of the segment of the same frame.
func replace(segs []segment, r segment) []segment {
	out := slices.Clone(segs)
	for i := range out {
		if out[i].frame == r.frame {
			out[i] = r
		}
	}
	return out
}

// withPayload returns s carrying p instead of its payload.
func withPayload(s segment, p []byte) segment {
	s.tcp.Payload = p
	return s
}

// pieces splits a data segment into 1-byte segments (FIN on the last one).
func pieces(s segment) []segment {
	p := s.tcp.Payload
	out := make([]segment, len(p))
	for i := range p {
		c := s
		c.tcp.Seq = s.tcp.Seq + uint32(i)
		c.tcp.Payload = p[i : i+1]
		c.tcp.FIN = s.tcp.FIN && i == len(p)-1
		out[i] = c
	}
	return out
}

// split1 splits every data segment into 1-byte segments.
func split1(segs []segment) []segment {
	var out []segment
	for _, s := range segs {
		if isData(s) {
			out = append(out, pieces(s)...)
		} else {
			out = append(out, s)
		}
	}
	return out
}

// cat concatenates the payloads of frames.
func cat(segs []segment, frames ...int) []byte {
	var b []byte
	for _, f := range frames {
		b = append(b, find(segs, f).tcp.Payload...)
	}
	return b
}

var bigPages = Options{MaxBufferedPagesPerConnection: 4096, MaxBufferedPagesTotal: 8192}

var syntheticCases = []struct {
	name  string
	build func(segs []segment) []segment
	opts  Options
	want  []want
	stats Stats // Gaps, BytesLost, Desyncs, Resyncs, Truncated are compared
	// lengthEdited: build rewrites Length fields, so a message is known
	// when the bytes after its Length are.
	lengthEdited bool
}{
	{
		name:  "unchanged",
		build: func(segs []segment) []segment { return segs },
		want:  baseWant,
	},
	{
		name:  "1-byte segments",
		build: split1,
		want:  baseWant,
	},
	{
		// 4+8 in one segment (frame 4), 10+12+14 in one segment (frame 10).
		name: "several messages per segment",
		build: func(segs []segment) []segment {
			segs = replace(segs, withPayload(find(segs, 4), cat(segs, 4, 8)))
			segs = replace(segs, withPayload(find(segs, 10), cat(segs, 10, 12, 14)))
			return without(segs, 8, 12, 14)
		},
		want: []want{{4, 1, 0, false}, {4, 7, 0, false}, {6, 2, 0, false}, {10, 8, 0, false},
			{10, 15, 0, false}, {10, 15, 0, false}, {16, 12, 0, false}, {23, 13, 0, false}},
	},
	{
		// Every data segment twice, then after frame 8 a retransmission of
		// client bytes [100,200) overlapping the end of SCCRQ and OCRQ.
		name: "duplicates and overlapping retransmission",
		build: func(segs []segment) []segment {
			var out []segment
			for _, s := range segs {
				out = append(out, s)
				if isData(s) {
					out = append(out, s)
				}
				if s.frame == 8 {
					r := withPayload(s, cat(segs, 4, 8)[100:200])
					r.tcp.Seq = find(segs, 4).tcp.Seq + 100
					out = append(out, r)
				}
			}
			return out
		},
		want: baseWant,
	},
	{
		// OCRQ (8) arrives before SCCRQ (4): held until 4 comes.
		name: "reordered segments",
		build: func(segs []segment) []segment {
			out := slices.Clone(segs)
			i, j := slices.IndexFunc(out, func(s segment) bool { return s.frame == 4 }),
				slices.IndexFunc(out, func(s segment) bool { return s.frame == 8 })
			out[i], out[j] = out[j], out[i]
			return out
		},
		want: []want{{6, 2, 0, false}, {4, 1, 0, false}, {8, 7, 0, false}, {10, 8, 0, false},
			{12, 15, 0, false}, {14, 15, 0, false}, {16, 12, 0, false}, {23, 13, 0, false}},
	},
	{
		// 1-byte segments shuffled within each original segment.
		name: "shuffled 1-byte segments",
		build: func(segs []segment) []segment {
			rng := rand.New(rand.NewPCG(1, 2))
			var out []segment
			for _, s := range segs {
				if !isData(s) {
					out = append(out, s)
					continue
				}
				p := pieces(s)
				rng.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
				out = append(out, p...)
			}
			return out
		},
		opts: bigPages,
		want: baseWant,
	},
	{
		// OCRQ (8) missing: CCR (16) waits for it until Close gives up.
		// Its retransmission (19) replaced it in gopacket's queue, which
		// keeps the newest copy of overlapping queued data.
		name:  "gap: segment dropped",
		build: func(segs []segment) []segment { return without(segs, 8) },
		want: []want{{4, 1, 0, false}, {6, 2, 0, false}, {10, 8, 0, false}, {12, 15, 0, false},
			{14, 15, 0, false}, {23, 13, 0, false}, {19, 12, 168, false}},
		stats: Stats{Gaps: 1, BytesLost: 168, Resyncs: 1},
	},
	{
		// Bytes [50,60) of SCCRQ missing in 1-byte segments: the page
		// limit (16 pages) gives up the hole; 50 bytes before it, 10 in it
		// and 96 after it are lost, OCRQ is found again.
		name: "gap inside a message, page limit",
		build: func(segs []segment) []segment {
			out := split1(segs)
			return slices.DeleteFunc(out, func(s segment) bool {
				off := int(s.tcp.Seq - find(segs, 4).tcp.Seq)
				return isData(s) && isC2S(s) && off >= 50 && off < 60
			})
		},
		want: []want{{6, 2, 0, false}, {8, 7, 156, false}, {10, 8, 0, false}, {12, 15, 0, false},
			{14, 15, 0, false}, {16, 12, 0, false}, {23, 13, 0, false}},
		stats: Stats{Gaps: 1, BytesLost: 156, Resyncs: 1},
	},
	{
		// Capture starting after the SCCRQ: no SYN, first segments
		// start messages.
		name:  "mid-stream start at a message boundary",
		build: func(segs []segment) []segment { return without(segs, 1, 2, 3, 4) },
		want:  baseWant[1:],
	},
	{
		// Capture starting 100 bytes into the SCCRQ: 56 bytes skipped.
		name: "mid-stream start inside a message",
		build: func(segs []segment) []segment {
			out := split1(without(segs, 1, 2, 3))
			first := find(segs, 4).tcp.Seq
			return slices.DeleteFunc(out, func(s segment) bool {
				return isData(s) && isC2S(s) && s.tcp.Seq-first < 100
			})
		},
		want:  []want{{6, 2, 0, false}, {8, 7, 56, false}, {10, 8, 0, false}, {12, 15, 0, false}, {14, 15, 0, false}, {16, 12, 0, false}, {23, 13, 0, false}},
		stats: Stats{BytesLost: 56, Resyncs: 1},
	},
	{
		// SCCRP's magic cookie corrupted: the server stream resyncs on OCRP.
		name: "bad magic cookie",
		build: func(segs []segment) []segment {
			p := cat(segs, 6)
			p[7] ^= 0xFF
			return replace(segs, withPayload(find(segs, 6), p))
		},
		want: []want{{4, 1, 0, false}, {8, 7, 0, false}, {10, 8, 156, false}, {12, 15, 0, false},
			{14, 15, 0, false}, {16, 12, 0, false}, {23, 13, 0, false}},
		stats: Stats{BytesLost: 156, Desyncs: 1, Resyncs: 1},
	},
	{
		// OCRP's Length is 0xFFFF (> MaxMessage): resync on the next SLI.
		name: "absurd length",
		build: func(segs []segment) []segment {
			p := cat(segs, 10)
			p[0], p[1] = 0xFF, 0xFF
			return replace(segs, withPayload(find(segs, 10), p))
		},
		want: []want{{4, 1, 0, false}, {6, 2, 0, false}, {8, 7, 0, false}, {12, 15, 32, false},
			{14, 15, 0, false}, {16, 12, 0, false}, {23, 13, 0, false}},
		stats: Stats{BytesLost: 32, Desyncs: 1, Resyncs: 1},
	},
	{
		// OCRP's Length is 148, not 32 (as scapy writes a wrong length
		// into Incoming-Call-Reply): cut at its 32 bytes, the SLIs that
		// follow are not swallowed.
		name: "length larger than the type's size",
		build: func(segs []segment) []segment {
			p := cat(segs, 10)
			p[0], p[1] = 0, 148
			return replace(segs, withPayload(find(segs, 10), p))
		},
		want:         baseWant,
		lengthEdited: true,
	},
	{
		// The same, in a capture that starts after the SCCRQ (no SYN):
		// the search for a message start accepts the OCRP too.
		name: "length larger than the type's size, mid-stream",
		build: func(segs []segment) []segment {
			p := cat(segs, 10)
			p[0], p[1] = 0, 148
			return replace(without(segs, 1, 2, 3, 4, 6), withPayload(find(segs, 10), p))
		},
		want:         baseWant[2:],
		lengthEdited: true,
	},
	{
		// The capture ends 100 bytes into CDN (148 bytes).
		name: "stream ends inside a message",
		build: func(segs []segment) []segment {
			return replace(segs, withPayload(find(segs, 23), cat(segs, 23)[:100]))
		},
		want:  append(slices.Clone(baseWant[:7]), want{23, 13, 0, true}),
		stats: Stats{Truncated: 1},
	},
	{
		name:  "other port",
		build: func(segs []segment) []segment { return segs },
		opts:  Options{Port: 1724},
	},
}

func TestSynthetic(t *testing.T) {
	segs := loadSegments(t, base)
	baseOut, _ := run(segs, Options{})
	// Every message must be one of the connection's (or a prefix when
	// Truncated).
	var known []string
	for _, r := range baseOut {
		known = append(known, r.Data)
	}
	isKnown := func(r result, lengthEdited bool) bool {
		return slices.ContainsFunc(known, func(d string) bool {
			if lengthEdited && len(d) == len(r.Data) && len(d) > 4 && d[4:] == r.Data[4:] { // hex: 4 digits of Length
				return true
			}
			return d == r.Data || (r.Truncated && len(r.Data) < len(d) && strings.HasPrefix(d, r.Data))
		})
	}
	for _, tc := range syntheticCases {
		t.Run(tc.name, func(t *testing.T) {
			got, st := run(tc.build(segs), tc.opts)
			var gw []want
			for _, r := range got {
				gw = append(gw, want{r.Frame, r.Type, r.Lost, r.Truncated})
				if !isKnown(r, tc.lengthEdited) {
					t.Errorf("frame %d: data %s is none of the connection's messages", r.Frame, r.Data)
				}
			}
			if !reflect.DeepEqual(gw, tc.want) {
				t.Errorf("got  %v\nwant %v", gw, tc.want)
			}
			sub := Stats{Gaps: st.Gaps, BytesLost: st.BytesLost, Desyncs: st.Desyncs, Resyncs: st.Resyncs, Truncated: st.Truncated}
			if sub != tc.stats {
				t.Errorf("stats %+v, want %+v", sub, tc.stats)
			}
			if st.ActiveStreams != 0 || st.Messages != len(tc.want) {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

// TestFlushOlderThan: the held segment after a gap is given up only once
// it is older than the flush time.
func TestFlushOlderThan(t *testing.T) {
	segs := without(loadSegments(t, base), 8)
	var got []want
	a := New(func(m Message) { r := toResult(m); got = append(got, want{r.Frame, r.Type, r.Lost, r.Truncated}) }, Options{})
	for i := range segs {
		s := &segs[i]
		a.Packet(s.net, &s.tcp, s.ci, s.frame)
	}
	if len(got) != 6 {
		t.Fatalf("before flush: %v", got)
	}
	a.FlushOlderThan(find(segs, 19).ci.Timestamp) // 19 (holding 16's bytes) is not older than itself
	if len(got) != 6 || a.Stats().ActiveStreams != 1 {
		t.Fatalf("early flush: %v %+v", got, a.Stats())
	}
	a.FlushOlderThan(segs[len(segs)-1].ci.Timestamp.Add(time.Second))
	if !reflect.DeepEqual(got[6:], []want{{19, 12, 168, false}}) || a.Stats().ActiveStreams != 0 {
		t.Fatalf("after flush: %v %+v", got, a.Stats())
	}
	a.Close()
	if len(got) != 7 {
		t.Fatalf("after close: %v", got)
	}
}

// TestMaxStreams: with one stream allowed, a second connection open at
// the same time is dropped and counted once.
func TestMaxStreams(t *testing.T) {
	segs := append(loadSegments(t, base), loadSegments(t, "packetlife__PPTP_negotiation.cap")...)
	got, st := run(segs, Options{MaxStreams: 1})
	if len(got) != len(baseWant) || st.StreamsDropped != 1 || st.Streams != 1 {
		t.Errorf("%d messages, stats %+v", len(got), st)
	}
	got, st = run(segs, Options{})
	if len(got) != len(baseWant)+4 || st.StreamsDropped != 0 || st.Streams != 2 {
		t.Errorf("%d messages, stats %+v", len(got), st)
	}
}

// TestCloseOrder: messages given up by Close come stream by stream in the
// order the streams were opened, whatever gopacket's map order.
func TestCloseOrder(t *testing.T) {
	a := without(loadSegments(t, base), 8)
	b := without(loadSegments(t, "packetlife__PPTP_negotiation.cap"), 7)
	segs := append(a, b...)
	first, _ := run(segs, Options{})
	var frames []string
	for _, r := range first {
		frames = append(frames, r.Dir)
	}
	if len(first) != 10 || first[8].Frame != 19 || first[len(first)-1].Frame != 10 {
		t.Fatalf("got %v", first)
	}
	for range 20 {
		again, _ := run(segs, Options{})
		if !reflect.DeepEqual(again, first) {
			t.Fatalf("output changed between runs:\n%v\n%v", strings.Join(frames, " "), again)
		}
	}
}
