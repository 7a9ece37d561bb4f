package simulate

import (
	"net/netip"

	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/mppe"
)

// MPPE option bits (RFC 3078 section 2.1; CCP option 18).
const (
	mppeStateless = 0x01000000 // H
	mppe40        = 0x20       // L
	mppe128       = 0x40       // S
	mppe56        = 0x80       // M
)

func (g *gen) mppeBits() uint32 {
	var b uint32
	switch g.o.MPPE {
	case 40:
		b = mppe40
	case 56:
		b = mppe56
	case 128:
		b = mppe128
	}
	if !g.o.Stateful {
		b |= mppeStateless
	}
	if g.o.MPPC {
		b |= decode.MPPEBitC
	}
	return b
}

func (g *gen) keyLength() mppe.KeyLength {
	switch g.o.MPPE {
	case 40:
		return mppe.Key40
	case 56:
		return mppe.Key56
	}
	return mppe.Key128
}

// ccp negotiates MPPE as pppd does on both ends (the server asks first);
// it reports whether it was agreed (otherwise the client ends the link).
func (g *gen) ccp(a authResult) bool {
	if g.o.MPPE == 0 {
		return true
	}
	g.think()
	mo := opt(18, be32(g.mppeBits())...)
	if g.faults.terminal == "mppe-mismatch" {
		// The server offers no encryption and rejects the client's MPPE.
		g.cp(s2c, decode.PPPTypeCCP, decode.CodeConfigureRequest, 1, nil, nil)
		g.hop()
		g.cp(c2s, decode.PPPTypeCCP, decode.CodeConfigureRequest, 1, mo, nil)
		g.think()
		g.cp(c2s, decode.PPPTypeCCP, decode.CodeConfigureAck, 1, nil, nil)
		g.hop()
		g.cp(s2c, decode.PPPTypeCCP, decode.CodeConfigureReject, 1, mo, nil)
		g.hop()
		g.lcpTerminate(c2s, "MPPE required but peer refused")
		return false
	}
	g.cp(s2c, decode.PPPTypeCCP, decode.CodeConfigureRequest, 1, mo, nil)
	g.hop()
	g.cp(c2s, decode.PPPTypeCCP, decode.CodeConfigureRequest, 1, mo, nil)
	g.think()
	g.cp(c2s, decode.PPPTypeCCP, decode.CodeConfigureAck, 1, mo, nil)
	g.hop()
	g.cp(s2c, decode.PPPTypeCCP, decode.CodeConfigureAck, 1, mo, nil)
	g.ccpID = [2]uint8{1, 1}
	g.setKeys(a)
	return true
}

// setKeys derives the start keys from the password and the captured
// authentication (RFC 3079) and makes the two encryptors. MS-CHAPv1 128-bit
// keys are the same in RFC 3079 and pppd; 56-bit ones, which pppd does not
// negotiate, come from the LM hash as RFC 3079 section 2.1 (and Windows)
// derive them.
func (g *gen) setKeys(a authResult) {
	l := g.keyLength()
	hh := mppe.HashNtPasswordHash(mppe.NtPasswordHash(g.o.Password))
	var err error
	if g.o.Auth == AuthMSCHAPv1 {
		var k mppe.Key
		if l == mppe.Key56 {
			var lm [16]byte
			if lm, err = mppe.LmPasswordHash(g.o.Password); err == nil {
				k, err = mppe.StartKeyV1(mppe.V1KeyRFC3079, l, hh, [8]byte(a.challenge[:8]), lm[:])
			}
		} else {
			k, err = mppe.StartKeyV1(mppe.V1KeyPppd, l, hh, [8]byte(a.challenge[:8]), nil)
		}
		g.keys = [2]mppe.Key{k, k}
	} else {
		g.keys[c2s], g.keys[s2c], err = mppe.StartKeysV2(hh, a.ntResponse, l)
	}
	if err != nil {
		panic("simulate: keys: " + err.Error())
	}
	mode := mppe.Stateless
	if g.o.Stateful {
		mode = mppe.Stateful
	}
	for d := range 2 {
		if g.enc[d], err = mppe.NewEncryptor(g.keys[d].Bytes(), l, mode); err != nil {
			panic("simulate: encryptor: " + err.Error())
		}
		if g.o.MPPC {
			// MPPC shares the MPPE option's H bit: stateless MPPE
			// resets the history of every frame too (RFC 3078 section 2.1).
			g.mppc[d] = mppe.NewCompressor(!g.o.Stateful)
		}
	}
}

// ipcp: the client asks for 0.0.0.0, the server Naks with the address it
// assigns (pppd/pptpd, testdata/pcaps/pppd__mschapv2-mppe128.pcap).
func (g *gen) ipcp() {
	in := &g.inner
	g.think()
	g.cp(c2s, decode.PPPTypeIPCP, decode.CodeConfigureRequest, 1, opt(3, 0, 0, 0, 0), nil)
	g.think()
	srv := opt(3, in.srv4.AsSlice()...)
	g.cp(s2c, decode.PPPTypeIPCP, decode.CodeConfigureRequest, 1, srv, nil)
	if g.o.IPv6 {
		g.ipv6cp()
	}
	g.hop()
	g.cp(c2s, decode.PPPTypeIPCP, decode.CodeConfigureAck, 1, srv, nil)
	g.think()
	cli := opt(3, in.cli4.AsSlice()...)
	g.cp(s2c, decode.PPPTypeIPCP, decode.CodeConfigureNak, 1, cli, nil)
	g.hop()
	g.cp(c2s, decode.PPPTypeIPCP, decode.CodeConfigureRequest, 2, cli, nil)
	g.hop()
	g.cp(s2c, decode.PPPTypeIPCP, decode.CodeConfigureAck, 2, cli, nil)
}

// ipv6cp exchanges interface identifiers; with the ipv6cp-rejected fault
// the server does not run IPV6CP and answers with an LCP Protocol-Reject.
func (g *gen) ipv6cp() {
	in := &g.inner
	g.think()
	cli := opt(1, in.ifid[c2s][:]...)
	g.cp(c2s, decode.PPPTypeIPV6CP, decode.CodeConfigureRequest, 1, cli, nil)
	g.hop()
	if g.faults.ipv6cpRejected {
		rejected := cat(be16(uint16(decode.PPPTypeIPV6CP)), []byte{decode.CodeConfigureRequest, 1}, be16(uint16(4+len(cli))), cli)
		g.lcpID[s2c]++
		g.cp(s2c, decode.PPPTypeLCP, decode.CodeProtocolReject, g.lcpID[s2c]+1, nil, rejected)
		in.v6 = false
		return
	}
	srv := opt(1, in.ifid[s2c][:]...)
	g.cp(s2c, decode.PPPTypeIPV6CP, decode.CodeConfigureRequest, 1, srv, nil)
	g.think()
	g.cp(c2s, decode.PPPTypeIPV6CP, decode.CodeConfigureAck, 1, srv, nil)
	g.think()
	g.cp(s2c, decode.PPPTypeIPV6CP, decode.CodeConfigureAck, 1, cli, nil)
}

// innerAddrs sets up the addresses inside the tunnel.
func (g *gen) innerAddrs() {
	in := &g.inner
	n := uint32(g.index) + 10
	in.srv4 = netip.AddrFrom4([4]byte{172, 16, 0, 1})
	in.cli4 = netip.AddrFrom4([4]byte{172, 16 + byte(n>>16&15), byte(n >> 8), byte(n)})
	copy(in.ifid[c2s][:], g.random(8))
	copy(in.ifid[s2c][:], g.random(8))
	mk := func(prefix string, id [8]byte) netip.Addr {
		b := netip.MustParseAddr(prefix).As16()
		copy(b[8:], id[:])
		return netip.AddrFrom16(b)
	}
	in.cli6 = mk("2001:db8:77::", in.ifid[c2s])
	in.srv6 = mk("2001:db8:77::", in.ifid[s2c])
	in.v6 = g.o.IPv6
}
