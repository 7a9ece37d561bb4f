package pipeline

import (
	"fmt"
	"math/rand/v2"
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

// TestPPPTableEqualsMap: the protocols counted by number (pppTable) are
// those a plain map gives, in the same order with the same counts, for
// garbage-like protocol numbers (random, some repeated, colliding in the
// table), below and past the cap.
func TestPPPTableEqualsMap(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		r := rand.New(rand.NewPCG(seed, 16))
		c := &sessionCrypto{d: &session.Decryption{}}
		type count struct{ packets, bytes int }
		index := map[uint16]int{}
		var order []uint16
		var counts []count
		unlisted := 0
		n := []int{50, 400, 5000}[seed-1]
		for range n {
			p := uint16(r.Uint32())
			switch r.IntN(4) {
			case 0:
				p = uint16(r.IntN(8)) * 512 // collide in the table
			case 1:
				p = uint16(r.IntN(30))
			}
			l := r.IntN(1500)
			c.countPPP(&decode.Inner{PPPProtocol: p, Length: l})
			i, ok := index[p]
			if !ok {
				if len(order) >= session.MaxInnerProtocols {
					unlisted++
					continue
				}
				i = len(order)
				index[p] = i
				order = append(order, p)
				counts = append(counts, count{})
			}
			counts[i].packets++
			counts[i].bytes += l
		}
		if len(c.ppp) != len(order) || c.d.Inner.ProtocolsUnlisted != unlisted {
			t.Fatalf("seed %d: %d protocols, %d unlisted; want %d, %d", seed, len(c.ppp), c.d.Inner.ProtocolsUnlisted, len(order), unlisted)
		}
		for i, p := range c.ppp {
			if p.proto != order[i] || p.packets != counts[i].packets || p.bytes != counts[i].bytes {
				t.Fatalf("seed %d: protocol %d is %+v, want %04x %+v", seed, i, p, order[i], counts[i])
			}
		}
	}
}
