package decode

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/ip4defrag"
	"github.com/gopacket/gopacket/layers"
)

// SupportedLinkTypes lists the capture link types the packet decoder reads.
var SupportedLinkTypes = []layers.LinkType{
	layers.LinkTypeNull, layers.LinkTypeEthernet, layers.LinkTypePPP, layers.LinkTypePPP_HDLC,
	layers.LinkTypeRaw, 12, 14, layers.LinkTypeIEEE802_11, layers.LinkTypeLoop,
	layers.LinkTypeLinuxSLL, layers.LinkTypeIEEE80211Radio, layers.LinkTypeIPv4,
	layers.LinkTypeIPv6, layers.LinkTypeLinuxSLL2,
}

// LinkTypeSupported reports whether the decoder reads frames of link type lt.
func LinkTypeSupported(lt layers.LinkType) bool { return firstLayer(lt, nil) != gopacket.LayerTypeZero }

// Kind says what a decoded frame holds, as far as pptpscope is concerned.
type Kind uint8

// Frame kinds.
const (
	KindOther    Kind = iota // not PPTP: neither TCP port 1723 nor GRE
	KindTCP                  // a TCP segment to or from port 1723 (control connection)
	KindGRE                  // an enhanced GRE packet (PPP inside, or ack-only)
	KindPlainGRE             // GRE that is not PPTP (version 0)
	KindPPPLink              // a PPP frame from a PPP link-layer capture that carries no PPTP
	KindFragment             // an IPv4 fragment held until its datagram is complete
)

// Frame is one captured frame decoded up to the PPP control message it
// carries. Its layers are owned by the Decoder and are overwritten by the
// next call to Decode.
type Frame struct {
	Kind     Kind
	Src, Dst netip.Addr // the innermost IP header before TCP/GRE
	IPv6     bool
	Net      gopacket.Flow // network flow of the IP header (for reassembly)
	TCP      *layers.TCP   // KindTCP
	GRE      *GRE          // KindGRE, KindPlainGRE
	PPP      *PPP          // PPP header, when GRE carries a payload or on a PPP link
	// Message is the PPP control message, or the MPPE header, or nil (ack-only
	// GRE, IP inside PPP, other PPP protocols).
	Message Message
	// Err is the first decoding problem met; what decoded before it is kept.
	Err error
	// Truncated is true when a layer found fewer bytes than it announces
	// (snap length, or a frame cut short).
	Truncated bool
	// Reassembled is true when the frame completed a fragmented IPv4 datagram.
	Reassembled bool
}

// Decoder decodes frames with gopacket's DecodingLayerParser fast path:
// every layer is preallocated and reused, and frames that are neither TCP
// port 1723 nor IP protocol 47 stop after the IP header.
type Decoder struct {
	parsers  map[gopacket.LayerType]*gopacket.DecodingLayerParser
	df       feedback
	ppp      *gopacket.DecodingLayerParser
	decoded  []gopacket.LayerType
	defrag   *ip4defrag.IPv4Defragmenter // NoFastPath
	frags    *defragmenter               // otherwise
	reasm    layers.IPv4                 // the last datagram frags completed
	lastGC   time.Time
	frame    Frame
	own      Early // greFast's flags and addresses (its layers are d's)
	eth      layers.Ethernet
	dot1q    layers.Dot1Q
	sll      layers.LinuxSLL
	sll2     layers.LinuxSLL2
	loop     layers.Loopback
	radiotap layers.RadioTap
	dot11    layers.Dot11
	dot11d   layers.Dot11Data // after a QoS data frame's sub-layer
	llc      layers.LLC
	snap     layers.SNAP
	ip4      layers.IPv4
	ip6      layers.IPv6
	tcp      layers.TCP
	gre      GRE
	pppL     PPP
	lcp      LCP
	pap      PAP
	chap     CHAP
	eap      EAP
	ipcp     IPCP
	ipv6cp   IPV6CP
	ccp      CCP
	cbcp     CBCP
	mppe     MPPE
	// radio is a copy of the last radiotap frame: gopacket's RadioTap
	// removes the padding some drivers put after the 802.11 header by
	// moving the rest of the frame in place, in the buffer it is given.
	radio []byte
	// greFrames counts the frames greFast decoded (tests).
	greFrames int
	// NoFastPath decodes every frame with the layer parsers, GRE data
	// frames too (greFast is not used): tests compare the two.
	NoFastPath bool
}

// NewDecoder returns a decoder; it is not safe for concurrent use.
func NewDecoder() *Decoder {
	d := &Decoder{defrag: ip4defrag.NewIPv4Defragmenter(), frags: newDefragmenter()}
	d.parsers = make(map[gopacket.LayerType]*gopacket.DecodingLayerParser)
	d.ppp = newParser(LayerTypePPP,
		&d.pppL, &d.lcp, &d.pap, &d.chap, &d.eap, &d.ipcp, &d.ipv6cp, &d.ccp, &d.cbcp, &d.mppe)
	d.ppp.IgnoreUnsupported = true
	d.decoded = make([]gopacket.LayerType, 0, 16)
	return d
}

// newParser is gopacket.NewDecodingLayerParser with its layers in a
// DecodingLayerSparse (a slice indexed by layer type) instead of the
// default map: finding the next layer's decoder was 8% of the analysis of a
// capture of PPTP only.
func newParser(first gopacket.LayerType, ls ...gopacket.DecodingLayer) *gopacket.DecodingLayerParser {
	dlc := gopacket.DecodingLayerContainer(gopacket.DecodingLayerSparse(nil))
	for _, l := range ls {
		dlc = dlc.Put(l)
	}
	p := gopacket.NewDecodingLayerParser(first)
	p.SetDecodingLayerContainer(dlc)
	return p
}

// firstLayer picks the first layer of a frame of link type lt.
func firstLayer(lt layers.LinkType, data []byte) gopacket.LayerType {
	switch lt {
	case layers.LinkTypeEthernet:
		return layers.LayerTypeEthernet
	case layers.LinkTypeLinuxSLL:
		return layers.LayerTypeLinuxSLL
	case layers.LinkTypeLinuxSLL2:
		return layers.LayerTypeLinuxSLL2
	case layers.LinkTypeNull, layers.LinkTypeLoop:
		return layers.LayerTypeLoopback
	case layers.LinkTypeIEEE802_11:
		return layers.LayerTypeDot11
	case layers.LinkTypeIEEE80211Radio:
		return layers.LayerTypeRadioTap
	case layers.LinkTypePPP, layers.LinkTypePPP_HDLC:
		return LayerTypePPP
	case layers.LinkTypeIPv4:
		return layers.LayerTypeIPv4
	case layers.LinkTypeIPv6:
		return layers.LayerTypeIPv6
	case layers.LinkTypeRaw, 12, 14:
		if data == nil {
			return layers.LayerTypeIPv4 // supported; the version decides per packet
		}
		if len(data) > 0 && data[0]>>4 == 6 {
			return layers.LayerTypeIPv6
		}
		return layers.LayerTypeIPv4
	}
	return gopacket.LayerTypeZero
}

// ErrLinkType is returned for frames of a link type the decoder does not read.
var ErrLinkType = errors.New("unsupported link type")

// Decode decodes one frame of link type lt captured at t. The returned Frame
// and its layers stay valid until the next call.
func (d *Decoder) Decode(data []byte, lt layers.LinkType, t time.Time) *Frame {
	f := &d.frame
	*f = Frame{}
	d.df = false
	switch {
	case d.NoFastPath:
		if lt == layers.LinkTypeEthernet && notPPTPEthernet(data) {
			return f
		}
	case lt == layers.LinkTypeEthernet:
		if notPPTPEthernet(data) {
			return f // KindOther, decided from a few header bytes
		}
		if len(data) >= 14 && data[12] == 0x08 && data[13] == 0x00 && d.greFast(data[14:]) {
			return f
		}
	case lt == layers.LinkTypeRaw || lt == 12 || lt == 14 || lt == layers.LinkTypeIPv4:
		if d.greFast(data) {
			return f
		}
	}
	return d.decodeFull(data, lt, t)
}

// greFast decodes the common frame of a PPTP tunnel, ip being an IPv4
// header without options, not a fragment, whose whole datagram was
// captured, carrying enhanced GRE with all its payload, and in it an MPPE
// datagram or nothing (an ack-only packet), without the layer parsers: the
// GRE, PPP and MPPE layers decode it as in decodeNet. It reports false,
// leaving d.frame to be rewritten, for anything else (PPP control
// messages, IP options, truncation, errors), which decodeFull decodes.
// TestGREFastEqualsFull checks that both give the same Frame.
func (d *Decoder) greFast(ip []byte) bool {
	e := &d.own
	if !e.greFast(ip, &d.gre, &d.pppL, &d.mppe) {
		return false
	}
	d.early(e, &d.gre, &d.pppL, &d.mppe)
	return true
}

// Early is a frame decoded ahead of the packet loop, maybe in another
// goroutine (capture.Ahead's), by Early.Decode: what greFast decodes, in
// layers of its own. Decoder.DecodeEarly makes the loop's Frame of it
// without decoding the frame again.
type Early struct {
	ok, ppp, mppe bool
	df            feedback
	src, dst      [4]byte
	gre           GRE
	pppL          PPP
	mppeL         MPPE
}

// Decode decodes data, a frame of link type lt, when greFast would
// (Ethernet or raw IPv4, enhanced GRE, MPPE or no control message); it
// reports whether it did. Its layers keep slices of data.
func (e *Early) Decode(data []byte, lt layers.LinkType) bool {
	e.ok = false
	switch lt {
	case layers.LinkTypeEthernet:
		if len(data) < 14 || data[12] != 0x08 || data[13] != 0x00 {
			return false
		}
		data = data[14:]
	case layers.LinkTypeRaw, 12, 14, layers.LinkTypeIPv4:
	default:
		return false
	}
	e.ok = e.greFast(data, &e.gre, &e.pppL, &e.mppeL)
	return e.ok
}

// greFast is Decoder.greFast into the layers given; it sets e's flags and
// addresses, not e.ok.
func (e *Early) greFast(ip []byte, g *GRE, p *PPP, mp *MPPE) bool {
	if len(ip) < 20 || ip[0] != 0x45 || ip[9] != byte(layers.IPProtocolGRE) || ip[6]&0x3f != 0 || ip[7] != 0 {
		return false
	}
	n := int(ip[2])<<8 | int(ip[3])
	if n < 20 || n > len(ip) {
		return false
	}
	if !g.decodePPTP(ip[20:n]) {
		return false
	}
	e.ppp, e.mppe = false, false
	if len(g.Payload) > 0 {
		df := &e.df
		*df = false
		if p.DecodeFromBytes(g.Payload, df) != nil || bool(*df) {
			return false
		}
		switch {
		case p.Protocol == PPPTypeMPPE:
			if mp.DecodeFromBytes(p.Payload, df) != nil || bool(*df) {
				return false
			}
			e.mppe = true
		case controlLayer(pppLayer(p.Protocol)):
			return false // a control protocol: decodeFull
		}
		// Any other protocol (IP sent in clear, ...): the PPP header only,
		// as the PPP parser, which has no layer for it, leaves it.
		e.ppp = true
	}
	e.src, e.dst = [4]byte(ip[12:16]), [4]byte(ip[16:20])
	return true
}

// DecodeEarly returns the Frame of a frame e decoded (e.Decode reported
// true), as Decode would decode it, its layers those of e; otherwise (e
// nil, or not decoded, or NoFastPath) it is Decode.
func (d *Decoder) DecodeEarly(e *Early, data []byte, lt layers.LinkType, t time.Time) *Frame {
	if e == nil || !e.ok || d.NoFastPath {
		return d.Decode(data, lt, t)
	}
	d.early(e, &e.gre, &e.pppL, &e.mppeL)
	return &d.frame
}

// early sets d.frame to the GRE frame e describes, in layers g, p, m.
func (d *Decoder) early(e *Early, g *GRE, p *PPP, m *MPPE) {
	d.greFrames++
	e.frame(&d.frame, g, p, m)
}

// Parts returns what the Frame of e holds (e.Decode reported true): its
// addresses and layers, p nil when the GRE packet carries nothing, mp nil
// when its PPP frame is not MPPE.
func (e *Early) Parts() (src, dst netip.Addr, g *GRE, p *PPP, mp *MPPE) {
	src, dst, g = netip.AddrFrom4(e.src), netip.AddrFrom4(e.dst), &e.gre
	if e.ppp {
		p = &e.pppL
		if e.mppe {
			mp = &e.mppeL
		}
	}
	return
}

// OK reports whether the last Decode decoded the frame.
func (e *Early) OK() bool { return e.ok }

// frame sets f to the GRE frame e describes, in layers g, p, m.
func (e *Early) frame(f *Frame, g *GRE, p *PPP, m *MPPE) {
	*f = Frame{Kind: KindGRE, GRE: g}
	if e.ppp {
		f.PPP = p
		if e.mppe {
			f.Message = m
		}
	}
	f.Src, f.Dst = netip.AddrFrom4(e.src), netip.AddrFrom4(e.dst)
	f.Net = gopacket.NewFlow(layers.EndpointIPv4, e.src[:], e.dst[:])
}

// decodeFull decodes a frame with the layer decoders, without the early
// filter of Decode.
func (d *Decoder) decodeFull(data []byte, lt layers.LinkType, t time.Time) *Frame {
	f := &d.frame
	*f = Frame{}
	d.df = false
	first := firstLayer(lt, data)
	switch first {
	case gopacket.LayerTypeZero:
		f.Err = fmt.Errorf("%w %d (%s)", ErrLinkType, int(lt), lt)
		return f
	case LayerTypePPP:
		f.Kind = KindPPPLink
		d.decodePPP(data)
		if f.Err != nil || f.Message != nil || f.PPP == nil {
			return f
		}
		// IP on a PPP link (a PPTP tunnel over a dial-up or PPPoE uplink):
		// look for PPTP inside. Anything else stays a PPP link frame.
		switch f.PPP.Protocol {
		case PPPTypeIPv4:
			first = layers.LayerTypeIPv4
		case PPPTypeIPv6:
			first = layers.LayerTypeIPv6
		default:
			return f
		}
		link := *f
		*f = Frame{Truncated: link.Truncated}
		d.decodeNet(first, link.PPP.Payload, t)
		if f.Kind == KindOther {
			// Not PPTP: d.pppL was not reused, the link frame is intact.
			*f = link
		}
		return f
	case layers.LayerTypeRadioTap:
		// Decode a copy: with the Datapad flag, RadioTap.DecodeFromBytes
		// shifts the bytes after the 802.11 header two places left in
		// data itself. The caller's frame must stay as captured (the same
		// bytes decoded again would lose two more bytes).
		d.radio = append(d.radio[:0], data...)
		data = d.radio
	}
	d.decodeNet(first, data, t)
	return f
}

// decodeNet decodes data, starting with layer first (a link layer or IP),
// into d.frame, down to the PPP control message of PPTP frames.
func (d *Decoder) decodeNet(first gopacket.LayerType, data []byte, t time.Time) {
	f := &d.frame
	d.decoded = d.decoded[:0]
	if err := d.decodeFrom(first, data); err != nil {
		// Only IP-in-IP has a layer after an IP header: a broken inner
		// header leaves the outer one, whose protocol is not TCP or GRE.
		f.Err = err
	}
	var lastIP gopacket.LayerType
	for _, l := range d.decoded {
		if l == layers.LayerTypeIPv4 || l == layers.LayerTypeIPv6 {
			lastIP = l
		}
	}
	if lastIP == gopacket.LayerTypeZero {
		return
	}
	var proto layers.IPProtocol
	var payload []byte
	if lastIP == layers.LayerTypeIPv4 {
		ip := &d.ip4
		proto = ip.Protocol
		if proto != layers.IPProtocolTCP && proto != layers.IPProtocolGRE {
			return
		}
		if ip.Flags&layers.IPv4MoreFragments != 0 || ip.FragOffset != 0 {
			out, derr := d.defragment(ip, t)
			if derr != nil {
				if f.Truncated {
					// A fragment cut by the snap length is refused.
					f.Err = fmt.Errorf("IPv4 fragment: %w: %v", ErrTruncated, derr)
				} else {
					f.Err = fmt.Errorf("IPv4 fragment: %w", derr)
				}
				return
			}
			if out == nil {
				f.Kind = KindFragment
				return
			}
			f.Reassembled = true
			ip = out
		}
		f.Src, _ = netip.AddrFromSlice(ip.SrcIP.To4())
		f.Dst, _ = netip.AddrFromSlice(ip.DstIP.To4())
		f.Net = ip.NetworkFlow()
		payload = ip.Payload
	} else {
		ip := &d.ip6
		proto = ip.NextHeader
		if ip.HopByHop != nil {
			// gopacket's IPv6 layer decodes hop-by-hop options itself
			// and leaves the header after them in Payload.
			proto = ip.HopByHop.NextHeader
		}
		if proto != layers.IPProtocolTCP && proto != layers.IPProtocolGRE {
			return
		}
		f.IPv6 = true
		f.Src, _ = netip.AddrFromSlice(ip.SrcIP)
		f.Dst, _ = netip.AddrFromSlice(ip.DstIP)
		f.Net = ip.NetworkFlow()
		payload = ip.Payload
	}
	switch proto {
	case layers.IPProtocolTCP:
		if err := d.tcp.DecodeFromBytes(payload, &d.df); err != nil {
			f.Err = fmt.Errorf("TCP: %w: %v", sentinel(bool(d.df)), err)
			f.Truncated = f.Truncated || bool(d.df)
			return
		}
		if d.tcp.SrcPort != PPTPPort && d.tcp.DstPort != PPTPPort {
			return
		}
		f.Kind, f.TCP = KindTCP, &d.tcp
	case layers.IPProtocolGRE:
		f.GRE = &d.gre
		if err := d.gre.DecodeFromBytes(payload, &d.df); err != nil {
			f.Kind, f.Err = KindGRE, fmt.Errorf("GRE: %w", err)
			return
		}
		if !d.gre.IsPPTP() {
			f.Kind = KindPlainGRE
			return
		}
		f.Kind = KindGRE
		if len(d.gre.Payload) > 0 {
			d.decodePPP(d.gre.Payload)
		}
	}
	if d.df {
		f.Truncated = true
	}
}

// feedback records a layer's SetTruncated call.
type feedback bool

func (f *feedback) SetTruncated() { *f = true }

func (d *Decoder) decodeFrom(first gopacket.LayerType, data []byte) error {
	// A DecodingLayerParser has a fixed first layer: keep one per link
	// layer, all sharing the same preallocated layers.
	p := d.parsers[first]
	if p == nil {
		p = newParser(first,
			&d.eth, &d.dot1q, &d.sll, &d.sll2, &d.loop, &d.radiotap, &d.dot11, &d.dot11d, &d.llc, &d.snap,
			&d.ip4, &d.ip6)
		p.IgnoreUnsupported = true
		d.parsers[first] = p
	}
	err := p.DecodeLayers(data, &d.decoded)
	if p.Truncated {
		d.frame.Truncated = true
	}
	if err == nil {
		if n := len(d.decoded); n > 0 && d.decoded[n-1] != layers.LayerTypeIPv4 && d.decoded[n-1] != layers.LayerTypeIPv6 {
			// The parser stops at an empty payload: a link layer that
			// announces IP but carries no byte of it is a cut frame.
			if l := d.linkLayer(d.decoded[n-1]); l != nil && len(l.LayerPayload()) == 0 {
				if next := l.NextLayerType(); next == layers.LayerTypeIPv4 || next == layers.LayerTypeIPv6 {
					d.frame.Truncated = true
					return fmt.Errorf("%s: %w: no bytes", next, ErrTruncated)
				}
			}
		}
		return nil
	}
	// gopacket's link and IP layers return plain errors: wrap ErrTruncated
	// when the failing layer had fewer bytes than its header needs (or said
	// so with SetTruncated), ErrMalformed otherwise.
	failed, in := first, data
	if n := len(d.decoded); n > 0 {
		if l := d.linkLayer(d.decoded[n-1]); l != nil {
			failed, in = l.NextLayerType(), l.LayerPayload()
		}
	}
	short := p.Truncated || len(in) < minHeaderLen(failed)
	if short {
		d.frame.Truncated = true
	}
	return fmt.Errorf("%s: %w: %v", failed, sentinel(short), err)
}

// sentinel is ErrTruncated when the data was short, else ErrMalformed.
func sentinel(short bool) error {
	if short {
		return ErrTruncated
	}
	return ErrMalformed
}

// minHeaderLen is the shortest header of a link or IP layer, below which
// gopacket's decoder fails without calling SetTruncated.
func minHeaderLen(t gopacket.LayerType) int {
	switch t {
	case layers.LayerTypeEthernet:
		return 14
	case layers.LayerTypeLinuxSLL:
		return 16
	case layers.LayerTypeLinuxSLL2:
		return 20
	case layers.LayerTypeRadioTap:
		return 8
	case layers.LayerTypeDot11:
		return 14 // frame control, duration, one address, FCS
	case layers.LayerTypeDot1Q, layers.LayerTypeLoopback:
		return 4
	case layers.LayerTypeLLC:
		return 3
	case layers.LayerTypeSNAP:
		return 5
	case layers.LayerTypeIPv4:
		return 20
	case layers.LayerTypeIPv6:
		return 40
	}
	return 0
}

// linkLayer returns the preallocated layer of type t used by decodeFrom.
func (d *Decoder) linkLayer(t gopacket.LayerType) gopacket.DecodingLayer {
	switch t {
	case layers.LayerTypeEthernet:
		return &d.eth
	case layers.LayerTypeDot1Q:
		return &d.dot1q
	case layers.LayerTypeLinuxSLL:
		return &d.sll
	case layers.LayerTypeLinuxSLL2:
		return &d.sll2
	case layers.LayerTypeLoopback:
		return &d.loop
	case layers.LayerTypeRadioTap:
		return &d.radiotap
	case layers.LayerTypeDot11:
		return &d.dot11
	case layers.LayerTypeDot11Data:
		return &d.dot11d
	case layers.LayerTypeLLC:
		return &d.llc
	case layers.LayerTypeSNAP:
		return &d.snap
	case layers.LayerTypeIPv4:
		return &d.ip4
	case layers.LayerTypeIPv6:
		return &d.ip6
	}
	return nil
}

// defragment adds the IPv4 fragment ip, received at t, to the datagrams
// being reassembled, and returns the datagram it completes, or nil: with
// NoFastPath through gopacket's ip4defrag, otherwise through the
// defragmenter that does the same without allocating. The datagram is
// valid until the next call.
func (d *Decoder) defragment(ip *layers.IPv4, t time.Time) (*layers.IPv4, error) {
	if d.NoFastPath {
		// ip4defrag keeps the fragment: give it a copy, as our layer
		// and the capture buffer are reused for the next frame.
		frag := *ip
		frag.Payload = append([]byte(nil), ip.Payload...)
		frag.Contents = nil
		frag.SrcIP = append(net.IP(nil), ip.SrcIP...)
		frag.DstIP = append(net.IP(nil), ip.DstIP...)
		frag.Options = nil
		out, err := d.defrag.DefragIPv4WithTimestamp(&frag, t)
		d.gcFragments(t)
		return out, err
	}
	payload, err := d.frags.add(ip, t)
	d.gcFragments(t)
	if payload == nil || err != nil {
		return nil, err
	}
	// What decodeNet reads of ip4defrag's datagram: the addresses (those
	// of the last fragment), the protocol and the payload.
	out := &d.reasm
	out.SrcIP, out.DstIP = append(out.SrcIP[:0], ip.SrcIP...), append(out.DstIP[:0], ip.DstIP...)
	out.Protocol = ip.Protocol
	out.Payload = payload
	return out, nil
}

// gcFragments forgets fragments older than 30 s of capture time, so a
// capture of unmatched fragments cannot grow memory without bound.
func (d *Decoder) gcFragments(t time.Time) {
	if t.Sub(d.lastGC) < 10*time.Second {
		return
	}
	d.lastGC = t
	if d.NoFastPath {
		d.defrag.DiscardOlderThan(t.Add(-30 * time.Second))
	} else {
		d.frags.discardOlderThan(t.Add(-30 * time.Second))
	}
}

// decodePPP decodes a PPP frame into d.frame.PPP and d.frame.Message.
func (d *Decoder) decodePPP(data []byte) {
	f := &d.frame
	d.decoded = d.decoded[:0]
	err := d.ppp.DecodeLayers(data, &d.decoded)
	if d.ppp.Truncated {
		f.Truncated = true
	}
	if len(d.decoded) == 0 {
		if err != nil {
			f.Err = fmt.Errorf("PPP: %w", err)
		}
		return
	}
	f.PPP = &d.pppL
	last := d.decoded[len(d.decoded)-1]
	if err != nil {
		var unsup gopacket.UnsupportedLayerType
		if errors.As(err, &unsup) {
			err = nil
		}
	}
	if err != nil && last == LayerTypePPP {
		// The control message failed to decode: keep what it decoded.
		if m := d.message(d.pppL.NextLayerType()); m != nil && len(m.LayerContents()) > 0 {
			f.Message = m
		}
		f.Err = err
		return
	}
	f.Err = err
	f.Message = d.message(last)
}

// controlLayer reports whether the decoder has a layer for t, a PPP
// protocol's layer type (d.message(t) is not nil).
func controlLayer(t gopacket.LayerType) bool {
	switch t {
	case LayerTypeLCP, LayerTypePAP, LayerTypeCHAP, LayerTypeEAP, LayerTypeIPCP, LayerTypeIPV6CP, LayerTypeCCP,
		LayerTypeCBCP, LayerTypeMPPE:
		return true
	}
	return false
}

func (d *Decoder) message(t gopacket.LayerType) Message {
	switch t {
	case LayerTypeLCP:
		return &d.lcp
	case LayerTypePAP:
		return &d.pap
	case LayerTypeCHAP:
		return &d.chap
	case LayerTypeEAP:
		return &d.eap
	case LayerTypeIPCP:
		return &d.ipcp
	case LayerTypeIPV6CP:
		return &d.ipv6cp
	case LayerTypeCCP:
		return &d.ccp
	case LayerTypeCBCP:
		return &d.cbcp
	case LayerTypeMPPE:
		return &d.mppe
	}
	return nil
}

// notPPTPEthernet looks at the fixed offsets of an untagged Ethernet frame
// with an IPv4 or IPv6 header and reports frames that are certainly not
// PPTP: neither TCP port 1723, nor GRE, nor an IP tunnel that could carry
// them. Anything it is not sure of (VLAN tags, IPv6 extension headers, IP
// fragments of TCP, short or odd headers) goes through the full decoders.
func notPPTPEthernet(data []byte) bool {
	if len(data) < 14+40 {
		return false
	}
	switch uint16(data[12])<<8 | uint16(data[13]) {
	case 0x0800: // IPv4
		ip := data[14:]
		ihl := int(ip[0]&0x0f) * 4
		if ip[0]>>4 != 4 || ihl < 20 {
			return false
		}
		fragment := ip[6]&0x3f != 0 || ip[7] != 0 // MF set or an offset
		switch ip[9] {
		case 6: // TCP
			if fragment || len(ip) < ihl+4 {
				return false
			}
			return !isPPTPPorts(ip[ihl:])
		case 47, 4, 41: // GRE, IPv4-in-IP, IPv6-in-IP
			return false
		}
		return !fragment || ip[6]&0x1f == 0 && ip[7] == 0 && ip[9] != 6
	case 0x86dd: // IPv6
		ip := data[14:]
		if ip[0]>>4 != 6 {
			return false
		}
		switch ip[6] {
		case 6:
			return !isPPTPPorts(ip[40:])
		case 17, 58: // UDP, ICMPv6: never PPTP
			return true
		}
		return false // GRE, tunnels, extension headers: decode fully
	case 0x0806, 0x88cc, 0x888e: // ARP, LLDP, EAPOL
		return true
	}
	return false
}

// isPPTPPorts reports whether a TCP header starts with port 1723 on either side.
func isPPTPPorts(tcp []byte) bool {
	if len(tcp) < 4 {
		return true // let the full decoder report it
	}
	sp := uint16(tcp[0])<<8 | uint16(tcp[1])
	dp := uint16(tcp[2])<<8 | uint16(tcp[3])
	return sp == PPTPPort || dp == PPTPPort
}

// MaybePPTP reports whether a frame of link type lt, of which head holds
// the first bytes, may be PPTP: false only for frames the decoder would
// certainly classify as KindOther. It is the capture reader's prefilter.
func MaybePPTP(head []byte, lt layers.LinkType) bool {
	return lt != layers.LinkTypeEthernet || !notPPTPEthernet(head)
}
