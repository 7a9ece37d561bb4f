package reassembly

import (
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// capturePath finds a real capture: ../testdata/pcaps/<name>, else
// ../../shared/captures/<name>.
func capturePath(tb testing.TB, name string) string {
	tb.Helper()
	for _, dir := range []string{"../testdata/pcaps", "../../shared/captures"} {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	tb.Fatalf("capture %s not found in ../testdata/pcaps nor ../../shared/captures", name)
	return ""
}

// segment is one TCP segment of a capture, as the caller's packet loop
// gives it to Packet.
type segment struct {
	frame int
	ci    gopacket.CaptureInfo
	net   gopacket.Flow
	tcp   layers.TCP // a copy: its unexported ports make TransportFlow work
}

// readCapture returns the link type and frames of a pcap or pcapng file.
// gopacket's pcapgo would need golang.org/x/net, which go.mod lacks; this
// reader knows just what the test captures use: pcap in either byte order
// (microsecond or nanosecond), pcapng with one link type and enhanced,
// simple or obsolete packet blocks (timestamps in microseconds).
func readCapture(tb testing.TB, raw []byte) (layers.LinkType, [][]byte, []gopacket.CaptureInfo) {
	tb.Helper()
	if len(raw) < 24 {
		tb.Fatal("capture too short")
	}
	var frames [][]byte
	var cis []gopacket.CaptureInfo
	add := func(data []byte, ts time.Time, orig int) {
		frames = append(frames, data)
		cis = append(cis, gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(data), Length: orig})
	}
	if binary.LittleEndian.Uint32(raw) == 0x0A0D0D0A { // pcapng
		var bo binary.ByteOrder = binary.LittleEndian
		if binary.BigEndian.Uint32(raw[8:]) == 0x1A2B3C4D {
			bo = binary.BigEndian
		}
		var lt layers.LinkType
		for o := 0; o+12 <= len(raw); {
			typ, n := bo.Uint32(raw[o:]), int(bo.Uint32(raw[o+4:]))
			if n < 12 || o+n > len(raw) {
				tb.Fatalf("pcapng: bad block length %d at %d", n, o)
			}
			b := raw[o+8 : o+n-4]
			switch typ {
			case 1: // interface description
				lt = layers.LinkType(bo.Uint16(b))
			case 6: // enhanced packet
				us := int64(bo.Uint32(b[4:]))<<32 | int64(bo.Uint32(b[8:]))
				add(b[20:20+bo.Uint32(b[12:])], time.UnixMicro(us).UTC(), int(bo.Uint32(b[16:])))
			case 3: // simple packet
				orig := int(bo.Uint32(b))
				add(b[4:4+min(orig, len(b)-4)], time.Time{}, orig)
			case 2: // obsolete packet
				us := int64(bo.Uint32(b[4:]))<<32 | int64(bo.Uint32(b[8:]))
				add(b[20:20+bo.Uint32(b[12:])], time.UnixMicro(us).UTC(), int(bo.Uint32(b[16:])))
			}
			o += n
		}
		return lt, frames, cis
	}
	var bo binary.ByteOrder
	nano := false
	switch binary.LittleEndian.Uint32(raw) {
	case 0xA1B2C3D4:
		bo = binary.LittleEndian
	case 0xA1B23C4D:
		bo, nano = binary.LittleEndian, true
	case 0xD4C3B2A1:
		bo = binary.BigEndian
	case 0x4D3CB2A1:
		bo, nano = binary.BigEndian, true
	default:
		tb.Fatal("not a pcap or pcapng file")
	}
	lt := layers.LinkType(bo.Uint32(raw[20:]) & 0xFFFF)
	for o := 24; o+16 <= len(raw); {
		sec, frac := int64(bo.Uint32(raw[o:])), int64(bo.Uint32(raw[o+4:]))
		incl, orig := int(bo.Uint32(raw[o+8:])), int(bo.Uint32(raw[o+12:]))
		if o+16+incl > len(raw) {
			tb.Fatalf("pcap: record at %d overruns the file", o)
		}
		if !nano {
			frac *= 1000
		}
		add(raw[o+16:o+16+incl], time.Unix(sec, frac).UTC(), orig)
		o += 16 + incl
	}
	return lt, frames, cis
}

// loadSegments reads the TCP segments to or from port 1723 of a capture,
// numbering frames from 1 as tshark does.
func loadSegments(tb testing.TB, name string) []segment {
	tb.Helper()
	raw, err := os.ReadFile(capturePath(tb, name))
	if err != nil {
		tb.Fatal(err)
	}
	lt, frames, cis := readCapture(tb, raw)
	var segs []segment
	for i, data := range frames {
		frame, ci := i+1, cis[i]
		pkt := gopacket.NewPacket(data, lt, gopacket.Default)
		var net gopacket.Flow
		for _, l := range pkt.Layers() {
			if nl, ok := l.(gopacket.NetworkLayer); ok {
				net = nl.NetworkFlow()
			}
			if l.LayerType() == layers.LayerTypeGRE {
				break // a tunnelled TCP is not the control connection
			}
			if tcp, ok := l.(*layers.TCP); ok {
				if tcp.SrcPort == PPTPPort || tcp.DstPort == PPTPPort {
					segs = append(segs, segment{frame: frame, ci: ci, net: net, tcp: *tcp})
				}
				break
			}
		}
	}
	return segs
}

// result is an emitted message, with Data copied.
type result struct {
	Frame     int
	Dir       string // "src:port>dst:port"
	Type      uint16 // control message type
	Len       int
	Lost      int
	Truncated bool
	Data      string // hex
}

func toResult(m Message) result {
	r := result{Frame: m.Frame, Dir: m.Net.Src().String() + ":" + m.Transport.Src().String() + ">" +
		m.Net.Dst().String() + ":" + m.Transport.Dst().String(),
		Len: len(m.Data), Lost: m.Lost, Truncated: m.Truncated, Data: hex.EncodeToString(m.Data)}
	if len(m.Data) >= 10 {
		r.Type = binary.BigEndian.Uint16(m.Data[8:10])
	}
	return r
}

// run gives segs to a new Assembler, closes it and returns what it emitted.
func run(segs []segment, opts Options) ([]result, Stats) {
	var out []result
	a := New(func(m Message) { out = append(out, toResult(m)) }, opts)
	for i := range segs {
		s := &segs[i]
		a.Packet(s.net, &s.tcp, s.ci, s.frame)
	}
	a.Close()
	return out, a.Stats()
}

func isData(s segment) bool { return len(s.tcp.Payload) > 0 }

// isC2S tells the client's segments (to port 1723).
func isC2S(s segment) bool { return s.tcp.DstPort == PPTPPort }
