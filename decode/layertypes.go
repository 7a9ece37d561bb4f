// Package decode holds pptpscope's protocol decoders: PPTP control messages,
// enhanced GRE, PPP and the PPP protocols that run inside a PPTP tunnel.
//
// Every decoder is a gopacket.DecodingLayer registered with gopacket, so the
// layers work both with gopacket.NewPacket and with the zero-allocation
// gopacket.DecodingLayerParser fast path. All layer types are defined in this
// file; PPP protocol numbers are registered in layers.PPPTypeMetadata and the
// PPTP control port in the TCP port table.
package decode

import (
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// PPTPPort is the TCP port of the PPTP control connection (RFC 2637 section 1.3).
const PPTPPort = 1723

// PPP protocol numbers (RFC 1700 / IANA "PPP DLL Protocol Numbers").
const (
	PPPTypeIPv4   layers.PPPType = 0x0021
	PPPTypeIPv6   layers.PPPType = 0x0057
	PPPTypeMPPE   layers.PPPType = 0x00FD // compressed/encrypted datagram (RFC 1962, 3078)
	PPPTypeIPCP   layers.PPPType = 0x8021
	PPPTypeIPV6CP layers.PPPType = 0x8057
	PPPTypeCCP    layers.PPPType = 0x80FD
	PPPTypeLCP    layers.PPPType = 0xC021
	PPPTypePAP    layers.PPPType = 0xC023
	PPPTypeLQR    layers.PPPType = 0xC025
	PPPTypeCBCP   layers.PPPType = 0xC029
	PPPTypeCHAP   layers.PPPType = 0xC223
	PPPTypeEAP    layers.PPPType = 0xC227
)

// Layer type numbers: gopacket reserves values below 2000 for itself.
var (
	LayerTypePPTP   = gopacket.RegisterLayerType(2301, gopacket.LayerTypeMetadata{Name: "PPTP", Decoder: gopacket.DecodeFunc(decodePPTP)})
	LayerTypeGRE    = gopacket.RegisterLayerType(2302, gopacket.LayerTypeMetadata{Name: "EnhancedGRE", Decoder: gopacket.DecodeFunc(decodeGRE)})
	LayerTypePPP    = gopacket.RegisterLayerType(2303, gopacket.LayerTypeMetadata{Name: "PPP", Decoder: gopacket.DecodeFunc(decodePPP)})
	LayerTypeLCP    = gopacket.RegisterLayerType(2304, gopacket.LayerTypeMetadata{Name: "LCP", Decoder: gopacket.DecodeFunc(decodeLCP)})
	LayerTypePAP    = gopacket.RegisterLayerType(2305, gopacket.LayerTypeMetadata{Name: "PAP", Decoder: gopacket.DecodeFunc(decodePAP)})
	LayerTypeCHAP   = gopacket.RegisterLayerType(2306, gopacket.LayerTypeMetadata{Name: "CHAP", Decoder: gopacket.DecodeFunc(decodeCHAP)})
	LayerTypeEAP    = gopacket.RegisterLayerType(2307, gopacket.LayerTypeMetadata{Name: "EAP", Decoder: gopacket.DecodeFunc(decodeEAP)})
	LayerTypeIPCP   = gopacket.RegisterLayerType(2308, gopacket.LayerTypeMetadata{Name: "IPCP", Decoder: gopacket.DecodeFunc(decodeIPCP)})
	LayerTypeIPV6CP = gopacket.RegisterLayerType(2309, gopacket.LayerTypeMetadata{Name: "IPV6CP", Decoder: gopacket.DecodeFunc(decodeIPV6CP)})
	LayerTypeCCP    = gopacket.RegisterLayerType(2310, gopacket.LayerTypeMetadata{Name: "CCP", Decoder: gopacket.DecodeFunc(decodeCCP)})
	LayerTypeCBCP   = gopacket.RegisterLayerType(2311, gopacket.LayerTypeMetadata{Name: "CBCP", Decoder: gopacket.DecodeFunc(decodeCBCP)})
	LayerTypeMPPE   = gopacket.RegisterLayerType(2312, gopacket.LayerTypeMetadata{Name: "MPPE", Decoder: gopacket.DecodeFunc(decodeMPPE)})
)

// pppLayers are the PPP protocols pptpscope decodes, with their names and
// layers.
var pppLayers = []struct {
	t    layers.PPPType
	name string
	lt   gopacket.LayerType
}{
	{PPPTypeLCP, "LCP", LayerTypeLCP},
	{PPPTypePAP, "PAP", LayerTypePAP},
	{PPPTypeCHAP, "CHAP", LayerTypeCHAP},
	{PPPTypeEAP, "EAP", LayerTypeEAP},
	{PPPTypeIPCP, "IPCP", LayerTypeIPCP},
	{PPPTypeIPV6CP, "IPV6CP", LayerTypeIPV6CP},
	{PPPTypeCCP, "CCP", LayerTypeCCP},
	{PPPTypeCBCP, "CBCP", LayerTypeCBCP},
	{PPPTypeMPPE, "MPPE", LayerTypeMPPE},
	// Decoded by gopacket's own layers (its table entries are left as
	// they are): named and routed here for PPP.NextLayerType.
	{PPPTypeIPv4, "IPv4", layers.LayerTypeIPv4},
	{PPPTypeIPv6, "IPv6", layers.LayerTypeIPv6},
}

func init() { register() }

// register adds pptpscope's layers to gopacket's tables: the PPTP port and
// the PPP protocol numbers gopacket does not know. It never overwrites an
// entry of gopacket's, except the three of replaceGopacketDecoders.
func register() {
	// gopacket maps no layer to TCP port 1723 (TCPPort.LayerType gives
	// Payload there): this adds a mapping, it replaces none.
	layers.RegisterTCPPortLayerType(PPTPPort, LayerTypePPTP)
	for _, p := range pppLayers {
		if layers.PPPTypeMetadata[p.t].DecodeWith != nil {
			continue // gopacket's own (IPv4, IPv6)
		}
		layers.PPPTypeMetadata[p.t] = layers.EnumMetadata{DecodeWith: p.lt, Name: p.name, LayerType: p.lt}
	}
	replaceGopacketDecoders()
}

// replaceGopacketDecoders is the one place where pptpscope changes entries
// gopacket defines, and why:
//   - IP protocol 47: gopacket's GRE layer decodes enhanced GRE (version 1,
//     RFC 2637 section 4.1) but hands its payload to gopacket's PPP layer;
//     pptpscope's GRE wraps gopacket's and continues with its own PPP.
//   - EtherType 0x880B (PPP, what enhanced GRE carries) and link type PPP:
//     gopacket's PPP layer requires the FF 03 address and control field
//     and knows none of the PPP control protocols; pptpscope's PPP accepts
//     the field's absence (ACFC, RFC 1661 section 6.6) and one-octet
//     protocol fields (PFC, section 6.5), and continues with LCP, PAP, CHAP,
//     EAP, IPCP, IPV6CP, CCP, CBCP and MPPE.
func replaceGopacketDecoders() {
	layers.IPProtocolMetadata[layers.IPProtocolGRE] = layers.EnumMetadata{
		DecodeWith: gopacket.DecodeFunc(decodeGRE), Name: "GRE", LayerType: LayerTypeGRE}
	layers.EthernetTypeMetadata[layers.EthernetTypePPP] = layers.EnumMetadata{
		DecodeWith: gopacket.DecodeFunc(decodePPP), Name: "PPP", LayerType: LayerTypePPP}
	layers.LinkTypeMetadata[layers.LinkTypePPP] = layers.EnumMetadata{
		DecodeWith: gopacket.DecodeFunc(decodePPP), Name: "PPP", LayerType: LayerTypePPP}
}

// pppLayer is the layer of a PPP protocol number pptpscope decodes (0: none).
func pppLayer(p layers.PPPType) gopacket.LayerType {
	for _, l := range pppLayers {
		if l.t == p {
			return l.lt
		}
	}
	return 0
}

// PPPProtocolName returns the name of a PPP protocol number, or its hex
// value.
func PPPProtocolName(p layers.PPPType) string {
	for _, l := range pppLayers {
		if l.t == p {
			return l.name
		}
	}
	switch p {
	case PPPTypeLQR:
		return "LQR"
	case 0x8207:
		return "CDPCP"
	case 0x0207:
		return "CDP"
	case 0x80FB:
		return "ECP-link"
	case 0x8053:
		return "ECP"
	}
	return hex16(uint16(p))
}
