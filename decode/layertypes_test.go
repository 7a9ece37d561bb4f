package decode

import (
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// TestRegistrationKeepsGopacket: pptpscope's layers are added to gopacket's
// tables without replacing gopacket's own entries (IPv4 and IPv6 in PPP
// keep gopacket's decoders), except the three replaceGopacketDecoders
// names; PPP still routes IPv4 and IPv6 to gopacket's layers.
func TestRegistrationKeepsGopacket(t *testing.T) {
	for _, p := range []layers.PPPType{PPPTypeIPv4, PPPTypeIPv6} {
		m := layers.PPPTypeMetadata[p]
		if m.LayerType != 0 || m.DecodeWith == nil {
			t.Errorf("PPP type %#04x: gopacket's entry was replaced: %+v", uint16(p), m)
		}
	}
	for _, p := range pppLayers[:len(pppLayers)-2] {
		if lt := layers.PPPTypeMetadata[p.t].LayerType; lt != p.lt {
			t.Errorf("PPP type %#04x: layer %v, want %v", uint16(p.t), lt, p.lt)
		}
	}
	if layers.TCPPort(PPTPPort).LayerType() != LayerTypePPTP {
		t.Error("TCP port 1723 is not PPTP")
	}
	for p, want := range map[layers.PPPType]gopacket.LayerType{PPPTypeIPv4: layers.LayerTypeIPv4, PPPTypeIPv6: layers.LayerTypeIPv6, PPPTypeLCP: LayerTypeLCP, 0x1234: gopacket.LayerTypePayload} {
		if got := (&PPP{Protocol: p}).NextLayerType(); got != want {
			t.Errorf("PPP %#04x: next layer %v, want %v", uint16(p), got, want)
		}
	}
	// Through gopacket.NewPacket: an IPv4 packet in PPP in enhanced GRE.
	pkt := gopacket.NewPacket([]byte{0xff, 0x03, 0x00, 0x21, 0x45, 0, 0, 20, 0, 0, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2}, LayerTypePPP, gopacket.Default)
	if pkt.Layer(layers.LayerTypeIPv4) == nil {
		t.Errorf("no IPv4 layer after PPP: %v", pkt)
	}
}
