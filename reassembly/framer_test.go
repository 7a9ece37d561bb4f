package reassembly

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"sort"
	"testing"

	"github.com/pptpscope/pptpscope/decode"
)

// feedLoc locates the bytes of one feed call: chunk i of the feed starts at
// offset starts[i] and has frame frames[i].
type feedLoc struct {
	starts, frames []int
}

func (l *feedLoc) locate(off int) meta {
	i := sort.SearchInts(l.starts, off+1) - 1
	return meta{frame: l.frames[i]}
}

type framed struct {
	Data      []byte
	Frame     int
	Lost      int
	Truncated bool
}

// framerRun cuts data with a framer. Each byte of cuts makes a chunk (a
// segment, numbered from 1 as its frame): size c&0x1f+1; bit 0x20 ends the
// feed call after the chunk (else the next chunk joins it, as segments do
// in one ScatterGather); bits 0xc0 both set make the chunk a gap: its bytes
// are dropped and reported missing. Without cuts, data is one chunk. check
// is called after every call to the framer.
func framerRun(data, cuts []byte, start bool, maxLen int, check func(f *framer)) ([]framed, Stats, []int) {
	var st Stats
	var out []framed
	f := newFramer(maxLen, &st, func(m Message) {
		out = append(out, framed{bytes.Clone(m.Data), m.Frame, m.Lost, m.Truncated})
	})
	if start {
		f.start()
	}
	var chunkStarts []int // offset in data of every chunk, by frame-1
	var loc feedLoc
	feedStart := 0
	flush := func(end int) {
		if end > feedStart {
			f.feed(data[feedStart:end], &loc)
			check(f)
		}
		loc = feedLoc{}
		feedStart = end
	}
	off := 0
	for i := 0; off < len(data); i++ {
		size, last, gap := len(data), true, false
		if len(cuts) > 0 {
			c := cuts[i%len(cuts)]
			size, last, gap = int(c&0x1f)+1, c&0x20 != 0, c&0xc0 == 0xc0
		}
		size = min(size, len(data)-off)
		chunkStarts = append(chunkStarts, off)
		if gap {
			flush(off)
			f.gap(size)
			check(f)
			off += size
			feedStart = off
			continue
		}
		loc.starts = append(loc.starts, off-feedStart)
		loc.frames = append(loc.frames, len(chunkStarts))
		off += size
		if last {
			flush(off)
		}
	}
	flush(off)
	f.end()
	check(f)
	return out, st, chunkStarts
}

// checkFramed asserts what holds for any input: each message has the magic
// cookie and its announced length (its type's fixed size when the length is
// larger; or is Truncated, shorter), is the bytes
// of data where it is said to start (after Lost bytes), carries the frame
// of the chunk holding its first byte, and messages plus lost bytes account
// for every byte.
func checkFramed(t *testing.T, data []byte, maxLen int, out []framed, st Stats, chunkStarts []int) {
	t.Helper()
	cursor, sumLost := 0, 0
	for i, m := range out {
		if len(m.Data) < headerLen || binary.BigEndian.Uint32(m.Data[4:8]) != decode.PPTPMagicCookie {
			t.Fatalf("message %d: no header/cookie: %x", i, m.Data)
		}
		n := int(binary.BigEndian.Uint16(m.Data))
		cut := n // a control message whose Length exceeds its type's size is cut at the size
		if fixed := decode.PPTPFixedLength(binary.BigEndian.Uint16(m.Data[8:10])); binary.BigEndian.Uint16(m.Data[2:4]) == 1 && fixed != 0 && n > fixed {
			cut = fixed
		}
		if n < minMessageLen || n > maxLen || (!m.Truncated && len(m.Data) != cut) || (m.Truncated && len(m.Data) >= cut) {
			t.Fatalf("message %d: length field %d, %d bytes, truncated %v, max %d", i, n, len(m.Data), m.Truncated, maxLen)
		}
		start := cursor + m.Lost
		if start+len(m.Data) > len(data) || !bytes.Equal(data[start:start+len(m.Data)], m.Data) {
			t.Fatalf("message %d is not the data at %d", i, start)
		}
		if frame := sort.SearchInts(chunkStarts, start+1); m.Frame != frame {
			t.Fatalf("message %d at %d: frame %d, want %d", i, start, m.Frame, frame)
		}
		cursor = start + len(m.Data)
		sumLost += m.Lost
	}
	if int64(cursor-sumLost)+st.BytesLost != int64(len(data)) {
		t.Fatalf("%d bytes in messages + %d lost != %d", cursor-sumLost, st.BytesLost, len(data))
	}
	if st.Messages != len(out) {
		t.Fatalf("stats count %d messages, %d emitted", st.Messages, len(out))
	}
}

func boundedBuf(t *testing.T, maxLen int) func(f *framer) {
	return func(f *framer) {
		if c := cap(f.buf); c > max(maxLen, 2*headerLen) {
			t.Fatalf("buffer capacity %d, max message %d", c, maxLen)
		}
	}
}

// streamOf is the byte stream of one direction of a capture's connection.
func streamOf(tb testing.TB, name string, c2s bool) []byte {
	var b []byte
	for _, s := range loadSegments(tb, name) {
		if isC2S(s) == c2s && s.frame != 19 { // nDPI's 19 retransmits 16
			b = append(b, s.tcp.Payload...)
		}
	}
	return b
}

// TestFramer cuts streams made of real messages (nDPI__pptp.pcap's client
// stream: SCCRQ 156, OCRQ 168, CCR 16 bytes, frames 4, 8 and 16) and junk,
// split at every position into two feeds: the output never depends on
// where the stream is split.
func TestFramer(t *testing.T) {
	c2s := streamOf(t, base, true)
	sccrq, ocrq, ccr := c2s[:156], c2s[156:324], c2s[324:340]
	junk := []byte{0x00, 0x9c, 0x00, 0x01, 0x1a, 0x2b, 0x3c} // a header's first 7 bytes
	fakeLen := bytes.Clone(ocrq[:16])                        // an OCRQ header announcing 100 bytes
	fakeLen[1] = 100
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	type msg struct {
		len, lost int
		trunc     bool
	}
	cases := []struct {
		name  string
		data  []byte
		start bool
		want  []msg
		lost  int64
	}{
		{"in sync", cat(sccrq, ocrq, ccr), true, []msg{{156, 0, false}, {168, 0, false}, {16, 0, false}}, 0},
		{"mid-stream", cat(sccrq[100:], ocrq, ccr), false, []msg{{168, 56, false}, {16, 0, false}}, 56},
		{"junk then message", cat(junk, junk, ccr), false, []msg{{16, 14, false}}, 14},
		{"bad header in sync", cat(junk, ocrq, ccr), true, []msg{{168, 7, false}, {16, 0, false}}, 7},
		{"length not the type's", cat(fakeLen, ccr), false, []msg{{16, 16, false}}, 16},
		{"truncated at end", cat(sccrq, ocrq[:50]), true, []msg{{156, 0, false}, {50, 0, true}}, 0},
		{"end inside a header", cat(sccrq, ocrq[:9]), true, []msg{{156, 0, false}}, 9},
		{"only junk", cat(junk, junk), false, nil, 14},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for cut := 0; cut <= len(tc.data); cut++ {
				var got []msg
				var st Stats
				f := newFramer(DefaultMaxMessage, &st, func(m Message) { got = append(got, msg{len(m.Data), m.Lost, m.Truncated}) })
				if tc.start {
					f.start()
				}
				f.feed(tc.data[:cut], &feedLoc{starts: []int{0}, frames: []int{1}})
				f.feed(tc.data[cut:], &feedLoc{starts: []int{0}, frames: []int{2}})
				f.end()
				if !reflect.DeepEqual(got, tc.want) || st.BytesLost != tc.lost {
					t.Fatalf("cut at %d: got %v lost %d, want %v lost %d", cut, got, st.BytesLost, tc.want, tc.lost)
				}
			}
		})
	}
}

// FuzzFramer: an arbitrary byte stream cut at arbitrary points, with gaps.
func FuzzFramer(f *testing.F) {
	for _, name := range []string{base, "pptpcrack__test.pcap", "pppd__mschapv2-mppe128.pcap"} {
		for _, c2s := range []bool{true, false} {
			s := streamOf(f, name, c2s)
			f.Add(s, []byte{}, true, uint16(0))
			f.Add(s, []byte{0x20}, true, uint16(0)) // 1-byte segments
			f.Add(s, []byte{0x07, 0x3f, 0x1f}, false, uint16(300))
			f.Add(s[13:], []byte{0x2f, 0xc3, 0x3f}, false, uint16(0)) // mid-stream, gaps
		}
	}
	f.Add([]byte("\x00\x10\x00\x01\x1a\x2b\x3c\x4d\x00\x0c\x1a\x2b\x3c\x4d"), []byte{0x01}, false, uint16(7))
	f.Fuzz(func(t *testing.T, data, cuts []byte, start bool, maxSel uint16) {
		maxLen := minMaxMessage + int(maxSel)%(DefaultMaxMessage-minMaxMessage+1)
		out, st, chunks := framerRun(data, cuts, start, maxLen, boundedBuf(t, maxLen))
		checkFramed(t, data, maxLen, out, st, chunks)
		gaps := false
		for _, c := range cuts {
			gaps = gaps || c&0xc0 == 0xc0
		}
		if gaps || len(cuts) == 0 {
			return
		}
		whole, st1, _ := framerRun(data, nil, start, maxLen, func(*framer) {})
		if len(whole) != len(out) || st1.BytesLost != st.BytesLost {
			t.Fatalf("split: %d messages %d lost, whole: %d messages %d lost", len(out), st.BytesLost, len(whole), st1.BytesLost)
		}
		for i := range whole {
			w, o := whole[i], out[i]
			if !bytes.Equal(w.Data, o.Data) || w.Lost != o.Lost || w.Truncated != o.Truncated {
				t.Fatalf("message %d differs when split: %+v vs %+v", i, o, w)
			}
		}
	})
}
