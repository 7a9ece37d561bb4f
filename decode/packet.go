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
	KindPPPLink              // a PPP frame from a PPP link-layer capture (no IP)
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
	defrag   *ip4defrag.IPv4Defragmenter
	lastGC   time.Time
	frame    Frame
	eth      layers.Ethernet
	dot1q    layers.Dot1Q
	sll      layers.LinuxSLL
	sll2     layers.LinuxSLL2
	loop     layers.Loopback
	radiotap layers.RadioTap
	dot11    layers.Dot11
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
}

// NewDecoder returns a decoder; it is not safe for concurrent use.
func NewDecoder() *Decoder {
	d := &Decoder{defrag: ip4defrag.NewIPv4Defragmenter()}
	d.parsers = make(map[gopacket.LayerType]*gopacket.DecodingLayerParser)
	d.ppp = gopacket.NewDecodingLayerParser(LayerTypePPP,
		&d.pppL, &d.lcp, &d.pap, &d.chap, &d.eap, &d.ipcp, &d.ipv6cp, &d.ccp, &d.cbcp, &d.mppe)
	d.ppp.IgnoreUnsupported = true
	d.decoded = make([]gopacket.LayerType, 0, 16)
	return d
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
	first := firstLayer(lt, data)
	switch first {
	case gopacket.LayerTypeZero:
		f.Err = fmt.Errorf("%w %d (%s)", ErrLinkType, int(lt), lt)
		return f
	case LayerTypePPP:
		f.Kind = KindPPPLink
		d.decodePPP(data)
		return f
	}
	d.decoded = d.decoded[:0]
	err := d.decodeFrom(first, data)
	var lastIP gopacket.LayerType
	for _, l := range d.decoded {
		if l == layers.LayerTypeIPv4 || l == layers.LayerTypeIPv6 {
			lastIP = l
		}
	}
	if lastIP == gopacket.LayerTypeZero {
		if err != nil {
			f.Err = err
		}
		return f
	}
	var proto layers.IPProtocol
	var payload []byte
	if lastIP == layers.LayerTypeIPv4 {
		ip := &d.ip4
		proto = ip.Protocol
		if proto != layers.IPProtocolTCP && proto != layers.IPProtocolGRE {
			return f
		}
		if ip.Flags&layers.IPv4MoreFragments != 0 || ip.FragOffset != 0 {
			// The defragmenter keeps the fragment: give it a copy, as our
			// layer and the capture buffer are reused for the next frame.
			frag := *ip
			frag.Payload = append([]byte(nil), ip.Payload...)
			frag.Contents = nil
			frag.SrcIP = append(net.IP(nil), ip.SrcIP...)
			frag.DstIP = append(net.IP(nil), ip.DstIP...)
			frag.Options = nil
			out, derr := d.defrag.DefragIPv4WithTimestamp(&frag, t)
			d.gcFragments(t)
			if derr != nil {
				f.Err = fmt.Errorf("IPv4 fragment: %w", derr)
				return f
			}
			if out == nil {
				f.Kind = KindFragment
				return f
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
		if proto != layers.IPProtocolTCP && proto != layers.IPProtocolGRE {
			return f
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
			f.Err = fmt.Errorf("TCP: %w", err)
			return f
		}
		if d.tcp.SrcPort != PPTPPort && d.tcp.DstPort != PPTPPort {
			return f
		}
		f.Kind, f.TCP = KindTCP, &d.tcp
	case layers.IPProtocolGRE:
		f.GRE = &d.gre
		if err := d.gre.DecodeFromBytes(payload, &d.df); err != nil {
			f.Kind, f.Err = KindGRE, fmt.Errorf("GRE: %w", err)
			return f
		}
		if !d.gre.IsPPTP() {
			f.Kind = KindPlainGRE
			return f
		}
		f.Kind = KindGRE
		if len(d.gre.Payload) > 0 {
			d.decodePPP(d.gre.Payload)
		}
	}
	if d.df {
		f.Truncated = true
	}
	return f
}

// feedback records a layer's SetTruncated call.
type feedback bool

func (f *feedback) SetTruncated() { *f = true }

func (d *Decoder) decodeFrom(first gopacket.LayerType, data []byte) error {
	// A DecodingLayerParser has a fixed first layer: keep one per link
	// layer, all sharing the same preallocated layers.
	p := d.parsers[first]
	if p == nil {
		p = gopacket.NewDecodingLayerParser(first,
			&d.eth, &d.dot1q, &d.sll, &d.sll2, &d.loop, &d.radiotap, &d.dot11, &d.llc, &d.snap,
			&d.ip4, &d.ip6)
		p.IgnoreUnsupported = true
		d.parsers[first] = p
	}
	err := p.DecodeLayers(data, &d.decoded)
	if p.Truncated {
		d.frame.Truncated = true
	}
	return err
}

// gcFragments forgets fragments older than 30 s of capture time, so a
// capture of unmatched fragments cannot grow memory without bound.
func (d *Decoder) gcFragments(t time.Time) {
	if t.Sub(d.lastGC) < 10*time.Second {
		return
	}
	d.lastGC = t
	d.defrag.DiscardOlderThan(t.Add(-30 * time.Second))
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
