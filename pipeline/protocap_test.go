package pipeline

import (
	"fmt"
	"testing"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/session"
)

// TestInnerProtocolsCapped: a session's inner traffic is counted by name
// for at most session.MaxInnerProtocols protocols (garbage decrypted with a
// wrong key names a new one in almost every packet); the packets of the
// rest are counted in ProtocolsUnlisted, and every packet in the totals.
func TestInnerProtocolsCapped(t *testing.T) {
	c := &sessionCrypto{d: &session.Decryption{}, flows: map[flowKey]*flowCount{}, protos: map[string]*session.InnerCount{},
		talkers: map[pairKey]*session.Talker{}}
	extra := 100
	n := session.MaxInnerProtocols + extra
	for i := range n {
		// Twice each: the second packet of a protocol not listed is not
		// listed either. A few IPv4 ones (counted by name) among the
		// other PPP protocols (counted by number) share the cap.
		for range 2 {
			in := &decode.Inner{Network: "IPv4", Proto: fmt.Sprintf("IP-proto-%d", i), Length: 10}
			if i%10 != 0 {
				p := layers.PPPType(0x0101 + 2*i)
				in = &decode.Inner{PPPProtocol: uint16(p), Network: decode.PPPProtocolName(p), Length: 10}
			}
			c.count(&session.Record{}, in, 0)
		}
	}
	is := &c.d.Inner
	if c.named() != session.MaxInnerProtocols || len(c.protos) == 0 || len(c.ppp) == 0 {
		t.Errorf("%d protocols named (%d by name, %d by number), want %d", c.named(), len(c.protos), len(c.ppp), session.MaxInnerProtocols)
	}
	if is.ProtocolsUnlisted != 2*extra {
		t.Errorf("ProtocolsUnlisted = %d, want %d", is.ProtocolsUnlisted, 2*extra)
	}
	listed := 0
	for _, p := range c.protos {
		listed += p.Packets
	}
	for _, p := range c.ppp {
		listed += p.packets
	}
	if is.Packets != 2*n || listed+is.ProtocolsUnlisted != is.Packets {
		t.Errorf("packets %d, listed %d + unlisted %d: want %d in all", is.Packets, listed, is.ProtocolsUnlisted, 2*n)
	}
}
