package simulate

import (
	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/decode"
)

// greDir is the enhanced GRE state of one direction's sender.
type greDir struct {
	seq        uint32 // next sequence number to send
	rcvd       uint32 // highest sequence number received from the peer
	pendingAck bool   // received something not yet acknowledged
	held       []byte // a frame held back by the reorder fault (serialized GRE)
	heldOK     bool
}

// greFrame serializes an enhanced GRE packet (RFC 2637 section 4.1) of dir
// carrying ppp (nil: an acknowledgment only).
func (g *gen) greFrame(dir int, ppp []byte) []byte {
	st := &g.gre[dir]
	h := &layers.GRE{Version: 1, Protocol: layers.EthernetTypePPP, KeyPresent: true,
		Key: uint32(len(ppp))<<16 | uint32(g.callID[1-dir])}
	if ppp != nil {
		h.SeqPresent, h.Seq = true, st.seq
		st.seq++
	}
	if st.pendingAck {
		h.AckPresent, h.Ack = true, st.rcvd
		st.pendingAck = false
	}
	return serialize(h, gopacket.Payload(ppp))
}

// greSend sends one PPP frame of dir through the tunnel, applying the path
// faults: blocked GRE, loss, duplication, reordering. It reports whether the
// peer receives it.
func (g *gen) greSend(dir int, ppp []byte) bool {
	seq := g.gre[dir].seq
	frame := g.greFrame(dir, ppp)
	f := &g.faults
	if f.greBlocked[dir] {
		// The capture is taken on the client: the client's blocked GRE is
		// in it, the server's never arrives.
		if dir == c2s {
			g.ipPacket(dir, layers.IPProtocolGRE, frame)
		}
		return false
	}
	if g.inData && f.loss > 0 && g.rng.Float64()*100 < f.loss {
		g.lost[dir]++
		return false
	}
	st := &g.gre[dir]
	if g.inData && f.reorder > 0 && !st.heldOK && g.rng.Float64()*100 < f.reorder {
		st.held, st.heldOK = frame, true
		g.deliver(dir, seq)
		return true
	}
	g.ipPacket(dir, layers.IPProtocolGRE, frame)
	if st.heldOK {
		g.wait(micro(g.rng, 50, 400))
		g.ipPacket(dir, layers.IPProtocolGRE, st.held)
		st.held, st.heldOK = nil, false
	}
	if g.inData && f.duplicate > 0 && g.rng.Float64()*100 < f.duplicate {
		g.wait(micro(g.rng, 20, 200))
		g.ipPacket(dir, layers.IPProtocolGRE, frame)
	}
	g.deliver(dir, seq)
	return true
}

// flushHeld sends a frame still held back by the reorder fault.
func (g *gen) flushHeld(dir int) {
	if st := &g.gre[dir]; st.heldOK {
		g.ipPacket(dir, layers.IPProtocolGRE, st.held)
		st.held, st.heldOK = nil, false
	}
}

// deliver records that the peer of dir received sequence number seq.
func (g *gen) deliver(dir int, seq uint32) {
	r := &g.gre[1-dir]
	if !r.pendingAck || int32(seq-r.rcvd) > 0 {
		r.rcvd = seq
	}
	r.pendingAck = true
}

// ackOnly sends an acknowledgment-only GRE packet from dir when it has
// something to acknowledge (pptpd and pptp do so when no data goes back
// within their ack timeout).
func (g *gen) ackOnly(dir int) {
	if !g.gre[dir].pendingAck || g.faults.greBlocked[dir] {
		return
	}
	g.ipPacket(dir, layers.IPProtocolGRE, g.greFrame(dir, nil))
}

// pppFrame serializes a PPP frame: address/control and full protocol field
// until LCP is open (and always for LCP, RFC 1661 section 6.5/6.6), then
// without address/control and with a one-octet protocol when it fits, as
// ACFC and PFC were negotiated.
func (g *gen) pppFrame(proto layers.PPPType, body ...gopacket.SerializableLayer) []byte {
	h := &decode.PPP{Protocol: proto, AddressControl: true}
	if g.lcpOpen && proto != decode.PPPTypeLCP {
		h.AddressControl = false
		h.CompressedProtocol = proto < 0x100
	}
	return serialize(append([]gopacket.SerializableLayer{h}, body...)...)
}

// sendPPP sends a PPP packet from dir; it reports whether it arrived.
func (g *gen) sendPPP(dir int, proto layers.PPPType, body ...gopacket.SerializableLayer) bool {
	return g.greSend(dir, g.pppFrame(proto, body...))
}
