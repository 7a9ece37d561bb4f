package mppe

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The FreeRDP cross-check (scripts/mppc-freerdp-crosscheck.sh): FreeRDP's
// MPPC codec (libfreerdp2 mppc_compress/mppc_decompress, RDP 4.0 8 KB mode,
// the PPTP encoding; written by others, from the same RFC 2118 and
// MS-RDPBCGR) compressed mppcPeerFrames, and decompressed this package's
// Compressor output of the same frames. The committed results:
//
//   - testdata/mppc/freerdp-compressed.rec: FreeRDP's compressed frames,
//     which the Decompressor must read back to the frames;
//   - testdata/mppc/freerdp.txt: SHA-256 of this package's compressed
//     stream that FreeRDP was given, and of what FreeRDP decompressed it to
//     (which must be the frames).
//
// Records: flags (the high octet of the MPPE/MPPC header), length (2
// octets, big-endian), data.

var mppcFreeRDPWrite = flag.String("mppc.freerdp-write", "", "write the FreeRDP cross-check's input records to this directory")

// mppcPeerFrames: 400 frames of a stateful mix up to 1500 octets (a tenth
// random: FreeRDP and this Compressor send those uncompressed).
func mppcPeerFrames() [][]byte {
	g := newMPPCGen(2118)
	var frames [][]byte
	for i := range 400 {
		frames = append(frames, g.frame(1500, 10, uint16(i)))
	}
	return frames
}

type mppcRecord struct {
	flags byte
	data  []byte
}

func writeRecords(w io.Writer, recs []mppcRecord) {
	for _, r := range recs {
		w.Write([]byte{r.flags, byte(len(r.data) >> 8), byte(len(r.data))})
		w.Write(r.data)
	}
}

func readRecords(t *testing.T, path string) []mppcRecord {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var recs []mppcRecord
	for len(b) > 0 {
		if len(b) < 3 || len(b) < 3+int(b[1])<<8|int(b[2]) {
			t.Fatalf("%s: truncated record %d", path, len(recs))
		}
		n := int(b[1])<<8 | int(b[2])
		recs = append(recs, mppcRecord{b[0], b[3 : 3+n]})
		b = b[3+n:]
	}
	return recs
}

func recordsSHA(recs []mppcRecord) string {
	var buf bytes.Buffer
	writeRecords(&buf, recs)
	s := sha256.Sum256(buf.Bytes())
	return hex.EncodeToString(s[:])
}

// oursRecords: this package's compression of the frames.
func oursRecords(frames [][]byte) []mppcRecord {
	c := NewCompressor(false)
	var recs []mppcRecord
	for _, f := range frames {
		h, p := c.Compress(f, nil)
		recs = append(recs, mppcRecord{byte(h >> 8), p})
	}
	return recs
}

func TestMPPCFreeRDP(t *testing.T) {
	frames := mppcPeerFrames()
	var input []mppcRecord
	for _, f := range frames {
		input = append(input, mppcRecord{0, f})
	}
	ours := oursRecords(frames)
	if dir := *mppcFreeRDPWrite; dir != "" {
		for name, recs := range map[string][]mppcRecord{"input.rec": input, "ours.rec": ours} {
			var buf bytes.Buffer
			writeRecords(&buf, recs)
			if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("ours.rec %s, input.rec %s", recordsSHA(ours), recordsSHA(input))
		return
	}

	t.Run("FreeRDP compressed", func(t *testing.T) {
		recs := readRecords(t, "testdata/mppc/freerdp-compressed.rec")
		if len(recs) != len(frames) {
			t.Fatalf("%d records, want %d", len(recs), len(frames))
		}
		d := NewDecompressor(false)
		var restarts, plain int
		for i, r := range recs {
			h := Header(r.flags)<<8 | Header(i)&CountMask
			got, err := d.Decompress(h, r.data, nil)
			if err != nil {
				t.Fatalf("frame %d (%v): %v", i, h, err)
			}
			if !bytes.Equal(got, frames[i]) {
				t.Fatalf("frame %d (%v): output differs", i, h)
			}
			if h.Restart() {
				restarts++
			}
			if !h.Compressed() {
				plain++
			}
		}
		// The stream exercises the front (B) and uncompressed frames (sent
		// with A by FreeRDP, on the frame itself).
		if restarts < 10 || plain < 10 {
			t.Fatalf("only %d B frames and %d uncompressed frames", restarts, plain)
		}
	})
	t.Run("FreeRDP decompressed ours", func(t *testing.T) {
		want := map[string]string{}
		b, err := os.ReadFile("testdata/mppc/freerdp.txt")
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), " "); ok && !strings.HasPrefix(k, "#") {
				want[k] = v
			}
		}
		if got := recordsSHA(ours); got != want["ours.rec"] {
			t.Fatalf("the Compressor's output changed (sha256 %s, FreeRDP checked %s): rerun scripts/mppc-freerdp-crosscheck.sh", got, want["ours.rec"])
		}
		if got := recordsSHA(input); got != want["ours-decompressed-by-freerdp.rec"] {
			t.Fatalf("FreeRDP decompressed the Compressor's output to %s, the frames are %s", want["ours-decompressed-by-freerdp.rec"], got)
		}
	})
}
