package reassembly

import (
	"bytes"
	"reflect"
	"testing"
)

// FuzzAssembler sends arbitrary pieces of the real client stream of
// nDPI__pptp.pcap (SCCRQ, OCRQ, CCR), in any order, overlapping, repeated
// or missing, with or without the SYN: every message emitted is one of the
// three (or a prefix of one when Truncated), Close ends every stream, and
// keeping the SYN pending changes nothing.
// Each 3 bytes of ops make a segment: offset ops[0]|(ops[1]&1)<<8 (modulo
// the stream length), length ops[2]&0x3f+1.
func FuzzAssembler(f *testing.F) {
	segs := loadSegments(f, base)
	stream := streamOf(f, base, true)
	msgs := [][]byte{stream[:156], stream[156:324], stream[324:]}
	syn, data := find(segs, 1), find(segs, 4)
	f.Add([]byte{0, 0, 63, 64, 0, 63, 128, 0, 63, 192, 0, 63, 0, 1, 63, 64, 1, 63}, true)
	f.Add([]byte{64, 0, 63, 0, 0, 63, 0, 0, 10, 200, 1, 5, 128, 0, 63}, false)
	f.Add([]byte{1, 0, 0, 0, 0, 0, 2, 0, 0}, true)
	f.Fuzz(func(t *testing.T, ops []byte, start bool) {
		// Once with the SYN kept pending (pending.go), once given to
		// gopacket at once: the same messages and counts.
		var outs [2][]result
		var sts [2]Stats
		for mode := range 2 {
			a := New(func(m Message) {
				outs[mode] = append(outs[mode], toResult(m))
				for _, w := range msgs {
					if bytes.Equal(m.Data, w) && !m.Truncated || m.Truncated && len(m.Data) < len(w) && bytes.HasPrefix(w, m.Data) {
						return
					}
				}
				t.Fatalf("frame %d: %x (truncated %v) is none of the stream's messages", m.Frame, m.Data, m.Truncated)
			}, Options{MaxBufferedPagesPerConnection: 4})
			a.noDefer = mode == 1
			if start {
				a.Packet(syn.net, &syn.tcp, syn.ci, syn.frame)
			}
			for i := 0; i+3 <= len(ops); i += 3 {
				off := (int(ops[i]) | int(ops[i+1]&1)<<8) % len(stream)
				end := min(off+int(ops[i+2]&0x3f)+1, len(stream))
				s := data
				s.tcp.Seq = data.tcp.Seq + uint32(off)
				s.tcp.Payload = stream[off:end]
				a.Packet(s.net, &s.tcp, s.ci, i/3+2)
			}
			a.Close()
			sts[mode] = a.Stats()
			if st := sts[mode]; st.ActiveStreams != 0 || st.Bytes > int64(len(stream)) {
				t.Fatalf("stats after Close: %+v", st)
			}
		}
		if !reflect.DeepEqual(outs[0], outs[1]) || sts[0] != sts[1] {
			t.Fatalf("with the SYN pending: %v %+v\nwithout: %v %+v", outs[0], sts[0], outs[1], sts[1])
		}
	})
}
