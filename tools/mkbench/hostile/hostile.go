// Package hostile writes hostile captures for pptpscope's robustness tests
// and benchmarks (issue 7, "Hostile input"): classic pcap files, Ethernet,
// built from the frames of a real PPTP session (by default the session of
// testdata/pcaps/pppd__mschapv2-mppe128.pcap) with gopacket's layers and
// pcapgo.
//
//   - GRECallIDs: n GRE packets, each of its own flow (address pair and
//     call ID), none with a call setup: more flows than the tracker follows.
//   - BadLengths: a control connection whose client sends PPTP messages
//     with a Length of 65535, 0 or 1 (with and without the magic cookie),
//     each followed by a good Echo-Request.
//   - BadOptions: LCP, IPCP and CCP Configure-Requests in the session's GRE
//     whose first option has a length of 0, 1 or 255 (past the end).
//   - GapStream: the session's control connection followed by n Echo-Request
//     / Echo-Reply pairs, with a segment missing after every segment in
//     both directions.
//   - SYNFlood: n SYNs to TCP port 1723, each from its own address and
//     port.
//
// Every generator streams: memory does not depend on n. Each returns a
// summary of what it wrote (frame numbers, sizes), from which a test derives
// what pptpscope must report.
package hostile

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// BasePath is the real capture the generators start from, relative to the
// module root.
const BasePath = "testdata/pcaps/pppd__mschapv2-mppe128.pcap"

// Frames of BasePath the generators use (1-based frame numbers).
const (
	frameSYN        = 5   // first frame of the control connection (SYN)
	frameSCCRQ      = 8   // client Start-Control-Connection-Request, 156 bytes
	frameSCCRP      = 10  // server Start-Control-Connection-Reply
	frameSetupLast  = 11  // client ACK of the SCCRP
	frameOCRQ       = 13  // client Outgoing-Call-Request
	frameOCRP       = 15  // server Outgoing-Call-Reply
	frameCallLast   = 16  // client ACK of the OCRP: the last TCP frame of call setup
	frameLCPReq     = 17  // client LCP Configure-Request (FF 03 C0 21)
	frameAckOnly    = 22  // client GRE acknowledgment without payload
	frameCCPReq     = 31  // client CCP Configure-Request
	frameIPCPReq    = 34  // client IPCP Configure-Request (ACFC: 80 21)
	frameEchoReq    = 66  // client PPTP Echo-Request, 16 bytes
	frameEchoReply  = 67  // server PPTP Echo-Reply, 20 bytes
	frameCallClear  = 114 // client Call-Clear-Request, 16 bytes
	frameClientFIN  = 115 // client FIN
	frameServerFIN  = 118 // server FIN
	frameClientLast = 119 // client ACK of the server's FIN
)

// PPTP control message sizes in the base session.
const (
	EchoRequestLen = 16
	EchoReplyLen   = 20
	SCCRQLen       = 156
	CallClearLen   = 16
)

// Base holds the frames of the real capture the generators copy.
type Base struct {
	frames [][]byte
	start  time.Time
}

// LoadBase reads a classic pcap (Ethernet) capture, normally BasePath.
func LoadBase(path string) (*Base, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if r.LinkType() != layers.LinkTypeEthernet {
		return nil, fmt.Errorf("%s: link type %v, want Ethernet", path, r.LinkType())
	}
	b := &Base{}
	for {
		data, ci, err := r.ReadPacketData()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if len(b.frames) == 0 {
			b.start = ci.Timestamp
		}
		b.frames = append(b.frames, data)
	}
	if len(b.frames) < frameClientLast {
		return nil, fmt.Errorf("%s: %d frames, not the expected base session", path, len(b.frames))
	}
	return b, nil
}

// frame returns the bytes of frame n (1-based).
func (b *Base) frame(n int) []byte { return b.frames[n-1] }

// parsed is one frame of the base decoded into the layers the generators
// rewrite. The structs are copies: changing them leaves the base alone.
type parsed struct {
	eth     layers.Ethernet
	ip      layers.IPv4
	tcp     layers.TCP
	gre     layers.GRE
	isTCP   bool
	payload []byte // TCP payload or GRE payload (the PPP frame), copied
}

// parseAll parses frames ns of the base, in order.
func (b *Base) parseAll(ns ...int) ([]*parsed, error) {
	out := make([]*parsed, len(ns))
	for i, n := range ns {
		p, err := b.parse(n)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

func (b *Base) parse(n int) (*parsed, error) {
	// Layer by layer, not through gopacket's registry of decoders: a
	// program may have registered its own for IP protocol 47.
	p := &parsed{}
	nf := gopacket.NilDecodeFeedback
	if err := p.eth.DecodeFromBytes(b.frame(n), nf); err != nil || p.eth.EthernetType != layers.EthernetTypeIPv4 {
		return nil, fmt.Errorf("hostile: base frame %d is not Ethernet/IPv4 (%v)", n, err)
	}
	if err := p.ip.DecodeFromBytes(p.eth.Payload, nf); err != nil {
		return nil, fmt.Errorf("hostile: base frame %d: %w", n, err)
	}
	p.ip.Options = nil
	switch p.ip.Protocol {
	case layers.IPProtocolTCP:
		if err := p.tcp.DecodeFromBytes(p.ip.Payload, nf); err != nil {
			return nil, fmt.Errorf("hostile: base frame %d: %w", n, err)
		}
		p.isTCP = true
		p.tcp.Options = append([]layers.TCPOption(nil), p.tcp.Options...)
		p.payload = append([]byte(nil), p.tcp.Payload...)
	case layers.IPProtocolGRE:
		if err := p.gre.DecodeFromBytes(p.ip.Payload, nf); err != nil {
			return nil, fmt.Errorf("hostile: base frame %d: %w", n, err)
		}
		if p.gre.Version != 1 || !p.gre.KeyPresent {
			return nil, fmt.Errorf("hostile: base frame %d is not enhanced GRE", n)
		}
		p.payload = append([]byte(nil), p.gre.Payload...)
	default:
		return nil, fmt.Errorf("hostile: base frame %d is neither TCP nor GRE", n)
	}
	return p, nil
}

// Writer writes a classic pcap (Ethernet, microsecond timestamps) frame by
// frame, through a buffer; frame i is stamped Start + i*Step.
type Writer struct {
	bw    *bufio.Writer
	pw    *pcapgo.Writer
	sb    gopacket.SerializeBuffer
	start time.Time
	step  time.Duration
	n     int
}

// NewWriter writes the file header to w.
func NewWriter(w io.Writer, start time.Time, step time.Duration) (*Writer, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	pw := pcapgo.NewWriter(bw)
	if err := pw.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		return nil, err
	}
	return &Writer{bw: bw, pw: pw, sb: gopacket.NewSerializeBuffer(), start: start, step: step}, nil
}

// Frames is the number of frames written: the number of the last one.
func (w *Writer) Frames() int { return w.n }

// Raw writes data as the next frame.
func (w *Writer) Raw(data []byte) error {
	ci := gopacket.CaptureInfo{Timestamp: w.start.Add(time.Duration(w.n) * w.step), CaptureLength: len(data), Length: len(data)}
	w.n++
	return w.pw.WritePacket(ci, data)
}

// Layers serializes ls (lengths and checksums computed) as the next frame.
func (w *Writer) Layers(ls ...gopacket.SerializableLayer) error {
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	if err := gopacket.SerializeLayers(w.sb, opts, ls...); err != nil {
		return err
	}
	return w.Raw(w.sb.Bytes())
}

// Flush writes out the buffer; call it once at the end.
func (w *Writer) Flush() error { return w.bw.Flush() }

// tcp writes p with another sequence, acknowledgment, flags and payload.
func (w *Writer) tcp(p *parsed, seq, ack uint32, fin bool, payload []byte) error {
	ip, t := p.ip, p.tcp
	t.Seq, t.Ack, t.FIN = seq, ack, fin
	t.PSH = len(payload) > 0
	t.SetNetworkLayerForChecksum(&ip)
	return w.Layers(&p.eth, &ip, &t, gopacket.Payload(payload))
}

// gre writes p with other addresses, call ID, sequence number and PPP frame.
func (w *Writer) gre(p *parsed, src, dst net.IP, ipID uint16, callID uint16, seq uint32, ppp []byte) error {
	ip, g := p.ip, p.gre
	ip.SrcIP, ip.DstIP, ip.Id = src, dst, ipID
	g.Key = uint32(len(ppp))<<16 | uint32(callID)
	g.Seq = seq
	return w.Layers(&p.eth, &ip, &g, gopacket.Payload(ppp))
}

// copyFrames writes the base's frames from..to (inclusive) unchanged.
func (w *Writer) copyFrames(b *Base, from, to int) error {
	for n := from; n <= to; n++ {
		if err := w.Raw(b.frame(n)); err != nil {
			return err
		}
	}
	return nil
}

var defaultStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// GRECallIDsSummary describes a GRECallIDs capture.
type GRECallIDsSummary struct {
	Packets int // GRE packets, frames 1 to Packets, each of its own flow
	// Pairs is the number of address pairs: one per 65,536 packets (as many
	// as sources), or one per two packets with Reverse.
	Pairs int
}

// GREOptions says what GRECallIDs writes.
type GREOptions struct {
	// N is the number of GRE packets, each of its own flow.
	N int
	// AckOnly writes the base's ack-only GRE packet (no PPP frame) instead
	// of its client LCP Configure-Request.
	AckOnly bool
	// Reverse makes every second packet the reverse flow of the one
	// before (the same address pair the other way, another call ID), so
	// that a session seen only through its GRE holds two flows.
	Reverse bool
}

// Flow returns the flow of packet i (0-based) of a GRECallIDs capture: the
// call ID (GRE key) is i mod 65536; the source is 10.128.x.y with x.y =
// i / 65536 and the destination the base's server 10.0.0.1. With Reverse,
// packet 2k goes from 10.128.x.y (x.y = 2k / 65536) to 10.129.z.w (z.w =
// k mod 65536) and packet 2k+1 the other way.
func (o GREOptions) Flow(i int) (src, dst netip.Addr, callID uint16) {
	callID = uint16(i)
	if !o.Reverse {
		return netip.AddrFrom4([4]byte{10, 128, byte(i >> 24), byte(i >> 16)}), netip.AddrFrom4([4]byte{10, 0, 0, 1}), callID
	}
	k := i / 2
	src = netip.AddrFrom4([4]byte{10, 128, byte(2 * k >> 24), byte(2 * k >> 16)})
	dst = netip.AddrFrom4([4]byte{10, 129, byte(k >> 8), byte(k)})
	if i%2 == 1 {
		src, dst = dst, src
	}
	return src, dst, callID
}

// GRECallIDs writes o.N GRE packets (see GREOptions.Flow), each with its
// own flow and no call setup: each is a session seen only through its GRE,
// until the tracker's cap on GRE flows is reached.
func GRECallIDs(out io.Writer, b *Base, o GREOptions) (*GRECallIDsSummary, error) {
	tmpl := frameLCPReq
	if o.AckOnly {
		tmpl = frameAckOnly
	}
	p, err := b.parse(tmpl)
	if err != nil {
		return nil, err
	}
	if p.ip.DstIP.String() != "10.0.0.1" {
		return nil, fmt.Errorf("hostile: base frame %d is not to the server 10.0.0.1", tmpl)
	}
	w, err := NewWriter(out, defaultStart, time.Microsecond)
	if err != nil {
		return nil, err
	}
	for i := range o.N {
		src, dst, id := o.Flow(i)
		s4, d4 := src.As4(), dst.As4()
		if err := w.gre(p, s4[:], d4[:], uint16(i), id, p.gre.Seq, p.payload); err != nil {
			return nil, err
		}
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	sum := &GRECallIDsSummary{Packets: o.N, Pairs: (o.N + 0xffff) >> 16}
	if o.Reverse {
		sum.Pairs = (o.N + 1) / 2
	}
	return sum, nil
}

// LengthCase is one hostile PPTP message of BadLengths: the first Size
// bytes of the base's Start-Control-Connection-Request with the Length
// field set to Length and the magic cookie kept or broken.
type LengthCase struct {
	Length uint16
	Cookie bool // a valid magic cookie (else 0xdeadbeef)
	Size   int  // bytes written
}

// LengthCases are the cases BadLengths writes, in order. Lengths of 0 and
// 1 are below the 12-byte general header and 65535 is above anything the
// framer buffers; the last case has a valid header (Length 12, the
// minimum) but is far shorter than a Start-Control-Connection-Request.
var LengthCases = []LengthCase{
	{65535, true, SCCRQLen},
	{65535, false, SCCRQLen},
	{0, true, SCCRQLen},
	{0, false, SCCRQLen},
	{1, true, SCCRQLen},
	{1, false, SCCRQLen},
	{SCCRQLen, false, SCCRQLen},
	{12, true, 12},
}

// BadLengthFrames locates one case in a BadLengths capture.
type BadLengthFrames struct {
	Case    LengthCase
	Bad     int    // frame of the hostile message (a segment of its own)
	Echo    int    // frame of the Echo-Request right after it
	EchoID  uint32 // that Echo-Request's identifier
	EchoLen int
}

// BadLengthsSummary describes a BadLengths capture.
type BadLengthsSummary struct {
	Frames int
	SCCRQ  int // frame of the client's (real) Start-Control-Connection-Request
	SCCRP  int // frame of the server's reply
	Cases  []BadLengthFrames
	// Cut is the frame of the last data segment: the first CutLen bytes
	// of the base's (valid) Start-Control-Connection-Request, then FIN.
	Cut int
}

// CutLen is how much of its last message a BadLengths stream holds.
const CutLen = 40

// BadLengths writes the base's control connection up to the Start-Control-
// Connection exchange, then, for each of LengthCases, a client segment
// holding only the hostile message and one holding a real Echo-Request
// (identifier 0x1000 + case index), then a segment holding the first
// CutLen bytes of a Start-Control-Connection-Request, then both sides' FIN.
func BadLengths(out io.Writer, b *Base) (*BadLengthsSummary, error) {
	ps, err := b.parseAll(frameOCRQ, frameServerFIN, frameSCCRQ, frameEchoReq)
	if err != nil {
		return nil, err
	}
	cli, srv, sccrq, echo := ps[0], ps[1], ps[2], ps[3]
	w, err := NewWriter(out, defaultStart, time.Millisecond)
	if err != nil {
		return nil, err
	}
	sum := &BadLengthsSummary{SCCRQ: frameSCCRQ - frameSYN + 1, SCCRP: frameSCCRP - frameSYN + 1}
	if err := w.copyFrames(b, frameSYN, frameSetupLast); err != nil {
		return nil, err
	}
	// The client's next sequence number is that of the OCRQ (the SCCRQ was
	// its only data so far); the server's, the OCRQ's acknowledgment.
	seq, ack := cli.tcp.Seq, cli.tcp.Ack
	msg := make([]byte, 0, SCCRQLen)
	for i, c := range LengthCases {
		msg = append(msg[:0], sccrq.payload[:c.Size]...)
		binary.BigEndian.PutUint16(msg[0:2], c.Length)
		if !c.Cookie {
			binary.BigEndian.PutUint32(msg[4:8], 0xdeadbeef)
		}
		if err := w.tcp(cli, seq, ack, false, msg); err != nil {
			return nil, err
		}
		seq += uint32(len(msg))
		bad := w.Frames()
		e := append([]byte(nil), echo.payload...)
		id := uint32(0x1000 + i)
		binary.BigEndian.PutUint32(e[12:16], id)
		if err := w.tcp(cli, seq, ack, false, e); err != nil {
			return nil, err
		}
		seq += uint32(len(e))
		sum.Cases = append(sum.Cases, BadLengthFrames{Case: c, Bad: bad, Echo: w.Frames(), EchoID: id, EchoLen: len(e)})
	}
	// A message cut by the end of the stream.
	if err := w.tcp(cli, seq, ack, false, sccrq.payload[:CutLen]); err != nil {
		return nil, err
	}
	seq += CutLen
	sum.Cut = w.Frames()
	if err := w.closeConn(cli, srv, seq, ack); err != nil {
		return nil, err
	}
	sum.Frames = w.Frames()
	return sum, w.Flush()
}

// closeConn writes the client's FIN, the server's FIN and the client's ACK.
func (w *Writer) closeConn(cli, srv *parsed, cseq, sseq uint32) error {
	if err := w.tcp(cli, cseq, sseq, true, nil); err != nil {
		return err
	}
	if err := w.tcp(srv, sseq, cseq+1, true, nil); err != nil {
		return err
	}
	return w.tcp(cli, cseq+1, sseq+1, false, nil)
}

// OptionCase is one hostile Configure-Request of BadOptions.
type OptionCase struct {
	Proto        string // "LCP", "IPCP" or "CCP"
	OptionLength byte   // the first option's length byte: 0, 1 or 255
	Frame        int
	OptionType   byte
	OptionsLen   int // bytes of options in the packet (after its 4-byte header)
}

// BadOptionsSummary describes a BadOptions capture.
type BadOptionsSummary struct {
	Frames int
	OCRQ   int // the client's Outgoing-Call-Request
	OCRP   int // the server's Outgoing-Call-Reply (server call ID 0)
	// CallClear is the client's Call-Clear-Request after the GRE.
	CallClear int
	Cases     []OptionCase
}

// BadOptionLengths are the first-option lengths BadOptions writes: below the
// 2-byte option header, and past the end of the packet.
var BadOptionLengths = []byte{0, 1, 255}

// BadOptions writes the base's control connection up to the call setup
// (SCCRQ/SCCRP, OCRQ/OCRP), then, in the call's GRE from the client, the
// client's LCP, IPCP and CCP Configure-Requests with the length of their
// first option set to each of BadOptionLengths (GRE sequence numbers 1,
// 2, ...), then the real Call-Clear-Request and both FINs.
func BadOptions(out io.Writer, b *Base) (*BadOptionsSummary, error) {
	w, err := NewWriter(out, defaultStart, time.Millisecond)
	if err != nil {
		return nil, err
	}
	sum := &BadOptionsSummary{OCRQ: frameOCRQ - frameSYN + 1, OCRP: frameOCRP - frameSYN + 1}
	if err := w.copyFrames(b, frameSYN, frameCallLast); err != nil {
		return nil, err
	}
	seq := uint32(1)
	for _, pc := range []struct {
		proto string
		frame int
	}{{"LCP", frameLCPReq}, {"IPCP", frameIPCPReq}, {"CCP", frameCCPReq}} {
		p, err := b.parse(pc.frame)
		if err != nil {
			return nil, err
		}
		hdr := pppHeaderLen(p.payload)
		if len(p.payload) < hdr+6 || p.payload[hdr] != 1 {
			return nil, fmt.Errorf("hostile: base frame %d is not a Configure-Request with options", pc.frame)
		}
		for _, l := range BadOptionLengths {
			ppp := append([]byte(nil), p.payload...)
			ppp[hdr+4+1] = l
			if err := w.gre(p, p.ip.SrcIP, p.ip.DstIP, p.ip.Id+uint16(seq), uint16(p.gre.Key), seq, ppp); err != nil {
				return nil, err
			}
			seq++
			sum.Cases = append(sum.Cases, OptionCase{Proto: pc.proto, OptionLength: l, Frame: w.Frames(),
				OptionType: ppp[hdr+4], OptionsLen: len(ppp) - hdr - 4})
		}
	}
	// The Call-Clear-Request where the client's stream stands after the
	// call setup (the base's echoes in between are left out).
	ps, err := b.parseAll(frameCallClear, frameCallLast, frameServerFIN)
	if err != nil {
		return nil, err
	}
	cli, at, srv := ps[0], ps[1], ps[2]
	if err := w.tcp(cli, at.tcp.Seq, at.tcp.Ack, false, cli.payload); err != nil {
		return nil, err
	}
	sum.CallClear = w.Frames()
	if err := w.closeConn(cli, srv, at.tcp.Seq+uint32(len(cli.payload)), at.tcp.Ack); err != nil {
		return nil, err
	}
	sum.Frames = w.Frames()
	return sum, w.Flush()
}

// pppHeaderLen is the length of the PPP header of a frame in GRE: the
// address and control bytes FF 03 when present, then a protocol of one
// byte (odd first byte, protocol field compression) or two.
func pppHeaderLen(ppp []byte) int {
	n := 0
	if len(ppp) >= 2 && ppp[0] == 0xff && ppp[1] == 0x03 {
		n = 2
	}
	if len(ppp) > n && ppp[n]&1 == 1 {
		return n + 1
	}
	return n + 2
}

// GapStreamSummary describes a GapStream capture. Frames of the setup are
// the base's: SCCRQ 4, SCCRP 6, OCRQ 9, OCRP 11.
type GapStreamSummary struct {
	Frames int
	Pairs  int // Echo-Request / Echo-Reply pairs written (as many are missing)
	// FirstEcho is the frame of the first Echo-Request; pair j (0-based)
	// is the Request at FirstEcho+2j and the Reply at FirstEcho+2j+1, both
	// with identifier 2j (2j+1 is the missing pair).
	FirstEcho int
	CallClear int // frame of the client's Call-Clear-Request
	// Setup lists the frames of the real messages before the echoes, in
	// order: SCCRQ, SCCRP, OCRQ, OCRP.
	Setup [4]int
	// Missing bytes before each kept message after the first echo: one
	// Echo-Request (client) or Echo-Reply (server).
	ClientGap, ServerGap int
}

// GapStream writes the base's control connection up to the call setup,
// then n pairs of a client Echo-Request (the real one, identifier 2j) and
// the server's Echo-Reply (identifier 2j), each direction missing one
// segment (pair 2j+1) after every segment it has, then the client's
// Call-Clear-Request (after one more missing Echo-Request), and both FINs
// (the server's after one more missing Echo-Reply).
func GapStream(out io.Writer, b *Base, n int) (*GapStreamSummary, error) {
	ps, err := b.parseAll(frameEchoReq, frameEchoReply, frameCallClear)
	if err != nil {
		return nil, err
	}
	cli, srv, ccr := ps[0], ps[1], ps[2]
	w, err := NewWriter(out, defaultStart, 100*time.Microsecond)
	if err != nil {
		return nil, err
	}
	sum := &GapStreamSummary{Pairs: n, ClientGap: EchoRequestLen, ServerGap: EchoReplyLen}
	for i, f := range []int{frameSCCRQ, frameSCCRP, frameOCRQ, frameOCRP} {
		sum.Setup[i] = f - frameSYN + 1
	}
	if err := w.copyFrames(b, frameSYN, frameCallLast); err != nil {
		return nil, err
	}
	// The base's first Echo-Request and Reply follow the call setup
	// directly: their sequence numbers are where the streams stand.
	cseq, sseq := cli.tcp.Seq, srv.tcp.Seq
	req := append([]byte(nil), cli.payload...)
	rep := append([]byte(nil), srv.payload...)
	if len(req) != EchoRequestLen || len(rep) != EchoReplyLen {
		return nil, errors.New("hostile: base echo sizes changed")
	}
	sum.FirstEcho = w.Frames() + 1
	for j := range n {
		id := uint32(2 * j)
		binary.BigEndian.PutUint32(req[12:16], id)
		binary.BigEndian.PutUint32(rep[12:16], id)
		if err := w.tcp(cli, cseq, sseq, false, req); err != nil {
			return nil, err
		}
		if err := w.tcp(srv, sseq, cseq+EchoRequestLen, false, rep); err != nil {
			return nil, err
		}
		// Pair 2j+1 is never captured.
		cseq += 2 * EchoRequestLen
		sseq += 2 * EchoReplyLen
	}
	if err := w.tcp(ccr, cseq, sseq, false, ccr.payload); err != nil {
		return nil, err
	}
	sum.CallClear = w.Frames()
	if err := w.closeConn(ccr, srv, cseq+CallClearLen, sseq); err != nil {
		return nil, err
	}
	sum.Frames = w.Frames()
	return sum, w.Flush()
}

// SYNFloodSummary describes a SYNFlood capture.
type SYNFloodSummary struct {
	Packets int // SYNs, frames 1 to Packets, each its own connection
}

// SYNFlood writes n copies of the base's client SYN to TCP port 1723, each
// from its own address and port (10.130.x.y port p, i = (x.y)*64512 + p -
// 1024): a port scan or SYN flood of a PPTP server, n connection attempts
// that are never answered.
func SYNFlood(out io.Writer, b *Base, n int) (*SYNFloodSummary, error) {
	p, err := b.parse(frameSYN)
	if err != nil {
		return nil, err
	}
	w, err := NewWriter(out, defaultStart, time.Microsecond)
	if err != nil {
		return nil, err
	}
	src := net.IPv4(10, 130, 0, 0).To4()
	const ports = 65536 - 1024
	for i := range n {
		hi := i / ports
		src[2], src[3] = byte(hi>>8), byte(hi)
		ip, t := p.ip, p.tcp
		ip.SrcIP, ip.Id = src, uint16(i)
		t.SrcPort = layers.TCPPort(1024 + i%ports)
		t.SetNetworkLayerForChecksum(&ip)
		if err := w.Layers(&p.eth, &ip, &t); err != nil {
			return nil, err
		}
	}
	return &SYNFloodSummary{Packets: n}, w.Flush()
}
