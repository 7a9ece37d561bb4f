package mppe

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"testing"
)

var mppcFrames = flag.Int("mppc.frames", 0, "frames per MPPC round-trip case (0: 25000, or 3000 with -short)")

// TestMPPCRoundTrip compresses and decompresses long streams of frames
// (text, random and repetitive data, 1..1500 octets, and 1..8192 octets in
// the large case) in both modes. The stateful history wraps (B) hundreds of
// times per case; expanded frames go uncompressed and the next one is
// flushed. Each case also checks the header bits the Compressor chose
// against the rules of mppc.go. Default: 5 cases, about 100,000 frames; more with
// -mppc.frames.
func TestMPPCRoundTrip(t *testing.T) {
	n := *mppcFrames
	if n == 0 {
		n = 25000
		if testing.Short() {
			n = 3000
		}
	}
	for _, tc := range []struct {
		name      string
		stateless bool
		maxLen    int
		randomPct int
	}{
		{"stateful", false, 1500, 1},
		{"stateful mixed", false, 1500, 20},
		{"stateless", true, 1500, 20},
		{"stateful large", false, 8192, 1},
		{"stateful small", false, 40, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			frames := n
			if tc.maxLen > 1500 {
				frames = n / 8
			}
			g := newMPPCGen(uint64(len(tc.name)))
			c, d := NewCompressor(tc.stateless), NewDecompressor(tc.stateless)
			var in, out, compressed, restarts int
			var payload, got []byte
			prevExpanded := true // the first frame is flushed
			for i := range frames {
				f := g.frame(tc.maxLen, tc.randomPct, uint16(i))
				var h Header
				h, payload = c.Compress(f, payload[:0])
				h |= Header(i) & CountMask
				switch {
				case (tc.stateless || prevExpanded) != h.Flushed():
					t.Fatalf("frame %d: %v, A expected %v", i, h, tc.stateless || prevExpanded)
				case h.Compressed() && len(payload) > len(f):
					t.Fatalf("frame %d: compressed %d octets into %d", i, len(f), len(payload))
				case !h.Compressed() && (!bytes.Equal(payload, f) || h.Restart()):
					t.Fatalf("frame %d: uncompressed frame %v not sent as is", i, h)
				}
				prevExpanded = !h.Compressed()
				var err error
				got, err = d.Decompress(h, payload, got[:0])
				if err != nil {
					t.Fatalf("frame %d (%v, %d octets): %v", i, h, len(f), err)
				}
				if !bytes.Equal(got, f) {
					t.Fatalf("frame %d (%v, %d octets): output differs", i, h, len(f))
				}
				in, out = in+len(f), out+len(payload)
				if h.Compressed() {
					compressed++
				}
				if h.Restart() {
					restarts++
				}
			}
			st := d.Stats()
			if st.Decompressed != compressed || st.Uncompressed != frames-compressed || st.Restarts != restarts {
				t.Fatalf("stats %+v; compressed %d restarts %d", st, compressed, restarts)
			}
			if tc.randomPct < 5 && tc.maxLen >= 1500 && frames >= 3000 && restarts < frames/100 {
				t.Fatalf("history wrapped only %d times", restarts)
			}
			if compressed < frames/2 {
				t.Fatalf("only %d of %d frames compressed", compressed, frames)
			}
			t.Logf("%d frames, %d compressed, %d restarts, %d -> %d octets (%.2f)", frames, compressed, restarts,
				in, out, float64(out)/float64(in))
		})
	}
}

// TestMPPCCompressorLimits: frames longer than the history are sent as
// they are without touching it; empty frames round-trip.
func TestMPPCCompressorLimits(t *testing.T) {
	c, d := NewCompressor(false), NewDecompressor(false)
	g := newMPPCGen(5)
	for i, f := range [][]byte{g.text(500, 0), bytes.Repeat([]byte("ab"), 5000), g.text(500, 1), {}, g.text(100, 3)} {
		h, p := c.Compress(f, nil)
		if len(f) > MPPCHistorySize && h.Compressed() {
			t.Fatalf("frame %d of %d octets compressed", i, len(f))
		}
		got, err := d.Decompress(h|Header(i), p, nil)
		if err != nil || !bytes.Equal(got, f) {
			t.Fatalf("frame %d (%v): %v", i, h, err)
		}
	}
	// Every frame of these (second one included) decompresses in order,
	// and the one after the 10000-octet frame needs no flush.
	if st := d.Stats(); st.Uncompressed != 1 || st.Flushed != 1 {
		t.Fatalf("stats %+v", st)
	}
	if _, err := d.Decompress(hC|5, []byte{0xFF}, nil); !errors.Is(err, ErrMPPCCorrupt) {
		t.Fatalf("%v", err)
	}
}

func ExampleDecompressor() {
	c := NewCompressor(false)
	d := NewDecompressor(false)
	for i, frame := range []string{"\x00\x21hello hello hello", "\x00\x21hello again"} {
		h, payload := c.Compress([]byte(frame), nil)
		h |= Header(i) // the coherency count, set by the MPPE stage
		out, err := d.Decompress(h, payload, nil)
		fmt.Printf("%v %d->%d octets %q %v\n", h, len(payload), len(out), out[2:], err)
	}
	// Output:
	// A-C- ccount=0 10->19 octets "hello hello hello" <nil>
	// --C- ccount=1 7->13 octets "hello again" <nil>
}
