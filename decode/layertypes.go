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

func init() {
	layers.RegisterTCPPortLayerType(PPTPPort, LayerTypePPTP)
	// Enhanced GRE carries PPP (EtherType 0x880B); route it to our PPP layer,
	// which understands the optional FF 03 address/control field.
	layers.EthernetTypeMetadata[layers.EthernetTypePPP] = layers.EnumMetadata{
		DecodeWith: gopacket.DecodeFunc(decodePPP), Name: "PPP", LayerType: LayerTypePPP}
	layers.IPProtocolMetadata[layers.IPProtocolGRE] = layers.EnumMetadata{
		DecodeWith: gopacket.DecodeFunc(decodeGRE), Name: "GRE", LayerType: LayerTypeGRE}
	layers.LinkTypeMetadata[layers.LinkTypePPP] = layers.EnumMetadata{
		DecodeWith: gopacket.DecodeFunc(decodePPP), Name: "PPP", LayerType: LayerTypePPP}
	for _, p := range []struct {
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
	} {
		layers.PPPTypeMetadata[p.t] = layers.EnumMetadata{DecodeWith: p.lt, Name: p.name, LayerType: p.lt}
	}
	layers.PPPTypeMetadata[PPPTypeIPv4] = layers.EnumMetadata{DecodeWith: layers.LayerTypeIPv4, Name: "IPv4", LayerType: layers.LayerTypeIPv4}
	layers.PPPTypeMetadata[PPPTypeIPv6] = layers.EnumMetadata{DecodeWith: layers.LayerTypeIPv6, Name: "IPv6", LayerType: layers.LayerTypeIPv6}
}

// PPPProtocolName returns the name of a PPP protocol number, as registered in
// layers.PPPTypeMetadata, or its hex value.
func PPPProtocolName(p layers.PPPType) string {
	if m := layers.PPPTypeMetadata[p]; m.LayerType != 0 {
		return m.Name
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
