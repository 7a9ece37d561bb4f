package simulate

import (
	"time"

	"github.com/pptpscope/pptpscope/decode"
)

// The Windows client profile follows testdata/pcaps/PPTP_VPN_Sniffer__connect.pcapng
// (a Windows 7 client and pptpd): Set-Link-Info right after the call, LCP
// MRU 1400 and Callback (rejected by pppd), three LCP Identification
// packets, one identifier counter shared by LCP, IPV6CP, CCP and IPCP, an
// MPPE request without a key length that the server Naks, an early IPCP
// request the server answers with Terminate-Ack while CCP is not open, and
// IPCP with DNS and NBNS options (NBNS rejected by pppd).

// winNext is the next identifier of the Windows client's requests.
func (g *gen) winNext() uint8 {
	id := g.winID
	g.winID++
	return id
}

// windowsLCP negotiates LCP with a Windows client; it reports success.
func (g *gen) windowsLCP() bool {
	base := cat(opt(1, be16(1400)...), opt(5, be32(g.magic[c2s])...), opt(7), opt(8))
	callback := opt(13, 6)
	srvOpts := g.lcpOptions(s2c, true)
	first := g.winNext()
	g.cp(c2s, decode.PPPTypeLCP, decode.CodeConfigureRequest, first, cat(base, callback), nil)
	g.wait(time.Duration(20+g.rng.IntN(60)) * time.Millisecond)
	g.cp(s2c, decode.PPPTypeLCP, decode.CodeConfigureRequest, 1, srvOpts, nil)
	g.think()
	g.cp(c2s, decode.PPPTypeLCP, decode.CodeConfigureAck, 1, srvOpts, nil)
	g.think()
	g.cp(s2c, decode.PPPTypeLCP, decode.CodeConfigureReject, first, callback, nil)
	g.think()
	second := g.winNext()
	g.cp(c2s, decode.PPPTypeLCP, decode.CodeConfigureRequest, second, base, nil)
	g.hop()
	g.cp(s2c, decode.PPPTypeLCP, decode.CodeConfigureAck, second, base, nil)
	g.lcpOpen = true
	g.think()
	g.pptp(c2s, &decode.PPTP{MessageType: decode.PPTPSetLinkInfo, PeerCallID: g.callID[s2c], ReceiveACCM: 0xffffffff}, false)
	for _, text := range [][]byte{[]byte("MSRASV5.20"), []byte("MSRAS-0-CLASSROOM-PC"), g.random(16)} {
		g.cp(c2s, decode.PPPTypeLCP, decode.CodeIdentification, g.winNext(), nil, cat(be32(g.magic[c2s]), text))
	}
	g.lcpEcho(s2c)
	return true
}

// windowsNCP: IPV6CP (pppd without IPv6 rejects it), CCP with the server's
// Nak of the key length, the early IPCP request, then IPCP with DNS.
func (g *gen) windowsNCP(a authResult) bool {
	in := &g.inner
	g.think()
	cliV6 := opt(1, in.ifid[c2s][:]...)
	v6id := g.winNext()
	g.cp(c2s, decode.PPPTypeIPV6CP, decode.CodeConfigureRequest, v6id, cliV6, nil)
	var ccpID uint8
	want := opt(18, be32(mppeStateless)...)
	if g.o.MPPE != 0 {
		ccpID = g.winNext()
		g.cp(c2s, decode.PPPTypeCCP, decode.CodeConfigureRequest, ccpID, want, nil)
	}
	zero := []byte{0, 0, 0, 0}
	all := cat(opt(3, zero...), opt(129, zero...), opt(130, zero...), opt(131, zero...), opt(132, zero...))
	early := g.winNext()
	g.cp(c2s, decode.PPPTypeIPCP, decode.CodeConfigureRequest, early, all, nil)
	g.hop()
	mo := opt(18, be32(g.mppeBits())...)
	if g.o.MPPE != 0 {
		g.cp(s2c, decode.PPPTypeCCP, decode.CodeConfigureRequest, 1, mo, nil)
	}
	if !g.o.IPv6 || g.faults.ipv6cpRejected {
		rejected := cat(be16(uint16(decode.PPPTypeIPV6CP)), []byte{decode.CodeConfigureRequest, v6id}, be16(uint16(4+len(cliV6))), cliV6)
		g.lcpID[s2c]++
		g.cp(s2c, decode.PPPTypeLCP, decode.CodeProtocolReject, g.lcpID[s2c]+1, nil, rejected)
		in.v6 = false
	} else {
		srv := opt(1, in.ifid[s2c][:]...)
		g.cp(s2c, decode.PPPTypeIPV6CP, decode.CodeConfigureRequest, 1, srv, nil)
		g.cp(s2c, decode.PPPTypeIPV6CP, decode.CodeConfigureAck, v6id, cliV6, nil)
		g.think()
		g.cp(c2s, decode.PPPTypeIPV6CP, decode.CodeConfigureAck, 1, srv, nil)
	}
	if g.o.MPPE != 0 {
		g.cp(s2c, decode.PPPTypeCCP, decode.CodeConfigureNak, ccpID, mo, nil)
		// pppd with require-mppe does not run IPCP before CCP is open.
		g.cp(s2c, decode.PPPTypeIPCP, decode.CodeTerminateAck, early, nil, nil)
		g.think()
		g.cp(c2s, decode.PPPTypeCCP, decode.CodeConfigureAck, 1, mo, nil)
		again := g.winNext()
		g.cp(c2s, decode.PPPTypeCCP, decode.CodeConfigureRequest, again, mo, nil)
		g.hop()
		g.cp(s2c, decode.PPPTypeCCP, decode.CodeConfigureAck, again, mo, nil)
		g.ccpID = [2]uint8{again, 1}
		g.setKeys(a)
		srv := opt(3, in.srv4.AsSlice()...)
		g.cp(s2c, decode.PPPTypeIPCP, decode.CodeConfigureRequest, 1, srv, nil)
		g.think()
		g.cp(c2s, decode.PPPTypeIPCP, decode.CodeConfigureAck, 1, srv, nil)
		// Windows repeats its IPCP request after its 2-second timer.
		g.wait(2*time.Second + micro(g.rng, 0, 50000))
		early = g.winNext()
		g.cp(c2s, decode.PPPTypeIPCP, decode.CodeConfigureRequest, early, all, nil)
		g.hop()
	} else {
		srv := opt(3, in.srv4.AsSlice()...)
		g.cp(s2c, decode.PPPTypeIPCP, decode.CodeConfigureRequest, 1, srv, nil)
		g.think()
		g.cp(c2s, decode.PPPTypeIPCP, decode.CodeConfigureAck, 1, srv, nil)
	}
	g.cp(s2c, decode.PPPTypeIPCP, decode.CodeConfigureReject, early, cat(opt(130, zero...), opt(132, zero...)), nil)
	g.think()
	id := g.winNext()
	g.cp(c2s, decode.PPPTypeIPCP, decode.CodeConfigureRequest, id, cat(opt(3, zero...), opt(129, zero...), opt(131, zero...)), nil)
	g.hop()
	dns := dns4.AsSlice()
	assigned := cat(opt(3, in.cli4.AsSlice()...), opt(129, dns...), opt(131, dns...))
	g.cp(s2c, decode.PPPTypeIPCP, decode.CodeConfigureNak, id, assigned, nil)
	g.think()
	id = g.winNext()
	g.cp(c2s, decode.PPPTypeIPCP, decode.CodeConfigureRequest, id, assigned, nil)
	g.hop()
	g.cp(s2c, decode.PPPTypeIPCP, decode.CodeConfigureAck, id, assigned, nil)
	return true
}
