package hostile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net/netip"
	"path/filepath"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

func loadBase(t testing.TB) *Base {
	t.Helper()
	b, err := LoadBase(filepath.Join("../../..", BasePath))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// frameOf is one frame read back, decoded, its checksums verified.
type frameOf struct {
	ip      *layers.IPv4
	tcp     *layers.TCP
	gre     *layers.GRE
	payload []byte
}

// readBack decodes every frame of a generated capture and fails on a bad
// IPv4 or TCP checksum.
func readBack(t *testing.T, data []byte) []frameOf {
	t.Helper()
	r, err := pcapgo.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if r.LinkType() != layers.LinkTypeEthernet {
		t.Fatalf("link type %v", r.LinkType())
	}
	var out []frameOf
	for n := 1; ; n++ {
		d, ci, err := r.ReadPacketData()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if ci.CaptureLength != len(d) || ci.Length != len(d) {
			t.Fatalf("frame %d: capture info %+v for %d bytes", n, ci, len(d))
		}
		pkt := gopacket.NewPacket(d, layers.LayerTypeEthernet, gopacket.Default)
		var f frameOf
		f.ip, _ = pkt.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
		if f.ip == nil {
			out = append(out, f) // the base's IPv6 router solicitation
			continue
		}
		if _, v := f.ip.VerifyChecksum(); !v.Valid {
			t.Fatalf("frame %d: bad IPv4 checksum %+v", n, v)
		}
		if f.tcp, _ = pkt.Layer(layers.LayerTypeTCP).(*layers.TCP); f.tcp != nil {
			f.tcp.SetNetworkLayerForChecksum(f.ip)
			if _, v := f.tcp.VerifyChecksum(); !v.Valid {
				t.Fatalf("frame %d: bad TCP checksum %+v", n, v)
			}
			f.payload = f.tcp.Payload
		}
		if f.gre, _ = pkt.Layer(layers.LayerTypeGRE).(*layers.GRE); f.gre != nil {
			f.payload = f.gre.Payload
			if int(f.gre.Key>>16) != len(f.payload) {
				t.Fatalf("frame %d: GRE payload length %d in the key, %d bytes", n, f.gre.Key>>16, len(f.payload))
			}
		}
		out = append(out, f)
	}
	return out
}

// TestGRECallIDs: every packet is of its own flow, as Flow says, and with
// Reverse every second one is the reverse of the one before.
func TestGRECallIDs(t *testing.T) {
	b := loadBase(t)
	for _, o := range []GREOptions{{N: 70000}, {N: 70001, Reverse: true}, {N: 1000, AckOnly: true}} {
		var buf bytes.Buffer
		sum, err := GRECallIDs(&buf, b, o)
		if err != nil {
			t.Fatal(err)
		}
		frames := readBack(t, buf.Bytes())
		if len(frames) != o.N || sum.Packets != o.N {
			t.Fatalf("%+v: %d frames, summary %+v", o, len(frames), sum)
		}
		type flow struct {
			src, dst netip.Addr
			id       uint16
		}
		flows := map[flow]bool{}
		pairs := map[[2]netip.Addr]bool{}
		for i, f := range frames {
			src, dst, id := o.Flow(i)
			gs, _ := netip.AddrFromSlice(f.ip.SrcIP)
			gd, _ := netip.AddrFromSlice(f.ip.DstIP)
			if f.gre == nil || f.gre.Version != 1 || gs != src || gd != dst || uint16(f.gre.Key) != id {
				t.Fatalf("%+v: frame %d is not GRE %v -> %v call ID %d", o, i+1, src, dst, id)
			}
			if (len(f.payload) == 0) != o.AckOnly {
				t.Fatalf("%+v: frame %d has %d bytes of PPP", o, i+1, len(f.payload))
			}
			flows[flow{src, dst, id}] = true
			if dst.Less(src) {
				src, dst = dst, src
			}
			pairs[[2]netip.Addr{src, dst}] = true
			if o.Reverse && i%2 == 1 {
				p, _, _ := o.Flow(i - 1)
				if p != gd {
					t.Fatalf("frame %d is not the reverse of frame %d", i+1, i)
				}
			}
		}
		if len(flows) != o.N || len(pairs) != sum.Pairs {
			t.Errorf("%+v: %d flows, %d address pairs; summary %+v", o, len(flows), len(pairs), sum)
		}
	}
}

// TestBadLengths: each hostile message is alone in its segment with the
// Length and cookie of its case, followed by the Echo-Request; the
// client's stream has no hole.
func TestBadLengths(t *testing.T) {
	var buf bytes.Buffer
	sum, err := BadLengths(&buf, loadBase(t))
	if err != nil {
		t.Fatal(err)
	}
	frames := readBack(t, buf.Bytes())
	if len(frames) != sum.Frames || len(sum.Cases) != len(LengthCases) {
		t.Fatalf("%d frames, summary %+v", len(frames), sum)
	}
	for i, c := range sum.Cases {
		bad, echo := frames[c.Bad-1].payload, frames[c.Echo-1].payload
		if len(bad) != c.Case.Size || binary.BigEndian.Uint16(bad) != c.Case.Length ||
			(binary.BigEndian.Uint32(bad[4:]) == 0x1a2b3c4d) != c.Case.Cookie {
			t.Errorf("case %d: frame %d holds % x", i, c.Bad, bad)
		}
		if len(echo) != EchoRequestLen || binary.BigEndian.Uint16(echo[8:]) != 5 || binary.BigEndian.Uint32(echo[12:]) != c.EchoID {
			t.Errorf("case %d: frame %d holds % x", i, c.Echo, echo)
		}
	}
	if cut := frames[sum.Cut-1].payload; len(cut) != CutLen || binary.BigEndian.Uint16(cut) != SCCRQLen {
		t.Errorf("frame %d holds % x", sum.Cut, cut)
	}
	checkStreams(t, frames)
}

// checkStreams: in each direction of the control connection, every
// segment starts where the one before ended (ignoring the handshake).
func checkStreams(t *testing.T, frames []frameOf) {
	t.Helper()
	next := map[layers.TCPPort]uint32{}
	for i, f := range frames {
		if f.tcp == nil || f.tcp.SYN {
			continue
		}
		if n, ok := next[f.tcp.SrcPort]; ok && n != f.tcp.Seq {
			t.Errorf("frame %d: seq %d, the stream stood at %d", i+1, f.tcp.Seq, n)
		}
		next[f.tcp.SrcPort] = f.tcp.Seq + uint32(len(f.payload))
		if f.tcp.FIN {
			next[f.tcp.SrcPort]++
		}
	}
}

// TestBadOptions: the first option of each Configure-Request has the
// case's length; nothing else changes.
func TestBadOptions(t *testing.T) {
	var buf bytes.Buffer
	sum, err := BadOptions(&buf, loadBase(t))
	if err != nil {
		t.Fatal(err)
	}
	frames := readBack(t, buf.Bytes())
	if len(frames) != sum.Frames || len(sum.Cases) != 3*len(BadOptionLengths) {
		t.Fatalf("%d frames, summary %+v", len(frames), sum)
	}
	protos := map[string]uint16{"LCP": 0xc021, "IPCP": 0x8021, "CCP": 0x80fd}
	for i, c := range sum.Cases {
		f := frames[c.Frame-1]
		if f.gre == nil || f.gre.Seq != uint32(i+1) || uint16(f.gre.Key) != 0 {
			t.Fatalf("case %d: frame %d is not GRE seq %d to call ID 0", i, c.Frame, i+1)
		}
		ppp := f.payload
		h := pppHeaderLen(ppp)
		proto := binary.BigEndian.Uint16(ppp[h-2:])
		body := ppp[h:]
		if proto != protos[c.Proto] || body[0] != 1 || int(binary.BigEndian.Uint16(body[2:])) != len(body) ||
			len(body)-4 != c.OptionsLen || body[4] != c.OptionType || body[5] != c.OptionLength {
			t.Errorf("case %+v: frame %d holds % x", c, c.Frame, ppp)
		}
	}
	// The TCP frames after the GRE are the Call-Clear-Request and the close.
	if p := frames[sum.CallClear-1].payload; len(p) != CallClearLen || binary.BigEndian.Uint16(p[8:]) != 12 {
		t.Errorf("frame %d holds % x", sum.CallClear, p)
	}
	checkStreams(t, frames)
}

// TestGapStream: pair j holds identifier 2j in both directions, and each
// direction skips exactly one message after every segment.
func TestGapStream(t *testing.T) {
	const n = 1000
	var buf bytes.Buffer
	sum, err := GapStream(&buf, loadBase(t), n)
	if err != nil {
		t.Fatal(err)
	}
	frames := readBack(t, buf.Bytes())
	if len(frames) != sum.Frames || sum.Frames != sum.FirstEcho+2*n+3 || sum.CallClear != sum.FirstEcho+2*n {
		t.Fatalf("%d frames, summary %+v", len(frames), sum)
	}
	var lastReq, lastRep *layers.TCP
	for j := range n {
		req, rep := frames[sum.FirstEcho-1+2*j], frames[sum.FirstEcho+2*j]
		if len(req.payload) != EchoRequestLen || binary.BigEndian.Uint32(req.payload[12:]) != uint32(2*j) ||
			len(rep.payload) != EchoReplyLen || binary.BigEndian.Uint32(rep.payload[12:]) != uint32(2*j) {
			t.Fatalf("pair %d: % x / % x", j, req.payload, rep.payload)
		}
		if lastReq != nil && (req.tcp.Seq-lastReq.Seq != 2*EchoRequestLen || rep.tcp.Seq-lastRep.Seq != 2*EchoReplyLen) {
			t.Fatalf("pair %d: seq %d and %d after %d and %d", j, req.tcp.Seq, rep.tcp.Seq, lastReq.Seq, lastRep.Seq)
		}
		lastReq, lastRep = req.tcp, rep.tcp
	}
	if ccr := frames[sum.CallClear-1].tcp; ccr.Seq-lastReq.Seq != 2*EchoRequestLen {
		t.Errorf("Call-Clear-Request at seq %d, the last Echo-Request at %d", ccr.Seq, lastReq.Seq)
	}
	if fin := frames[sum.CallClear+1].tcp; !fin.FIN || fin.Seq-lastRep.Seq != 2*EchoReplyLen {
		t.Errorf("server FIN at seq %d, the last Echo-Reply at %d", fin.Seq, lastRep.Seq)
	}
}

// TestSYNFlood: n SYNs to port 1723, each from its own address and port.
func TestSYNFlood(t *testing.T) {
	const n = 70000
	var buf bytes.Buffer
	if _, err := SYNFlood(&buf, loadBase(t), n); err != nil {
		t.Fatal(err)
	}
	frames := readBack(t, buf.Bytes())
	seen := map[netip.AddrPort]bool{}
	for _, f := range frames {
		if f.tcp == nil || !f.tcp.SYN || f.tcp.ACK || f.tcp.DstPort != 1723 {
			t.Fatalf("not a SYN to 1723: %+v", f.tcp)
		}
		a, _ := netip.AddrFromSlice(f.ip.SrcIP)
		seen[netip.AddrPortFrom(a, uint16(f.tcp.SrcPort))] = true
	}
	if len(frames) != n || len(seen) != n {
		t.Errorf("%d frames, %d distinct sources", len(frames), len(seen))
	}
}
