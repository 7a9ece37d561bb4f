package simulate

import (
	"encoding/binary"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/decode"
)

// opt is one configuration option (RFC 1661 section 6).
func opt(t uint8, data ...byte) []byte { return append([]byte{t, byte(2 + len(data))}, data...) }

func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func be16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// config builds a configuration packet of one of the four protocols.
func config(proto layers.PPPType, code, id uint8, options, data []byte) gopacket.SerializableLayer {
	c := decode.ConfigPacket{ControlHeader: decode.ControlHeader{Code: code, Identifier: id}}
	if code >= decode.CodeConfigureRequest && code <= decode.CodeConfigureReject {
		c.Options = options
	} else {
		c.Data = data
	}
	switch proto {
	case decode.PPPTypeLCP:
		return &decode.LCP{ConfigPacket: c}
	case decode.PPPTypeIPCP:
		return &decode.IPCP{ConfigPacket: c}
	case decode.PPPTypeIPV6CP:
		return &decode.IPV6CP{ConfigPacket: c}
	}
	return &decode.CCP{ConfigPacket: c}
}

// cp sends a configuration-protocol packet from dir and reports whether it
// arrived.
func (g *gen) cp(dir int, proto layers.PPPType, code, id uint8, options, data []byte) bool {
	return g.sendPPP(dir, proto, config(proto, code, id, options, data))
}

// authOption is the LCP Authentication-Protocol option the server asks for.
func (g *gen) authOption() []byte {
	switch g.o.Auth {
	case AuthPAP:
		return opt(3, 0xc0, 0x23)
	case AuthCHAPMD5:
		return opt(3, 0xc2, 0x23, 5)
	case AuthMSCHAPv1:
		return opt(3, 0xc2, 0x23, 0x80)
	case AuthMSCHAPv2:
		return opt(3, 0xc2, 0x23, 0x81)
	}
	return opt(3, 0xc2, 0x27) // EAP
}

// lcpOptions are the Configure-Request options of pppd on each side
// (testdata/pcaps/pppd__*.pcap): ACCM 0, (server: authentication), magic
// number, PFC, ACFC.
func (g *gen) lcpOptions(dir int, auth bool) []byte {
	o := opt(2, 0, 0, 0, 0)
	if auth {
		o = append(o, g.authOption()...)
	}
	return cat(o, opt(5, be32(g.magic[dir])...), opt(7), opt(8))
}

// restart is pppd's restart timer (3 s, RFC 1661 section 4.6) with a
// little jitter; maxConfigure its max-configure (10).
const maxConfigure = 10

func (g *gen) restart() { g.wait(3*time.Second + micro(g.rng, 0, 20000)) }

// lcp negotiates the link; it reports whether LCP opened with the server's
// authentication protocol (otherwise the link is already terminated).
func (g *gen) lcp() bool {
	g.wait(micro(g.rng, 5000, 40000))
	cliOpts := g.lcpOptions(c2s, false)
	srvOpts := g.lcpOptions(s2c, true)
	switch {
	case g.faults.greBlocked[c2s] || g.faults.greBlocked[s2c]:
		// Neither side hears the other's answers: each repeats its
		// Configure-Request max-configure times and gives up.
		for i := 0; i < maxConfigure; i++ {
			g.cp(c2s, decode.PPPTypeLCP, decode.CodeConfigureRequest, 1, cliOpts, nil)
			g.hop()
			if g.cp(s2c, decode.PPPTypeLCP, decode.CodeConfigureRequest, 1, srvOpts, nil) {
				g.think()
				g.cp(c2s, decode.PPPTypeLCP, decode.CodeConfigureAck, 1, srvOpts, nil)
			}
			g.restart()
		}
		return false
	case g.faults.terminal == "lcp-no-agreement":
		// The client insists on an MRU of 296 that the server Naks with
		// 1400, Configure-Request after Configure-Request.
		cliOpts = cat(opt(1, be16(296)...), cliOpts)
		g.cp(s2c, decode.PPPTypeLCP, decode.CodeConfigureRequest, 1, srvOpts, nil)
		g.hop()
		g.cp(c2s, decode.PPPTypeLCP, decode.CodeConfigureAck, 1, srvOpts, nil)
		for i := 1; i <= maxConfigure; i++ {
			g.hop()
			g.cp(c2s, decode.PPPTypeLCP, decode.CodeConfigureRequest, uint8(i), cliOpts, nil)
			g.hop()
			g.cp(s2c, decode.PPPTypeLCP, decode.CodeConfigureNak, uint8(i), opt(1, be16(1400)...), nil)
		}
		g.hop()
		g.lcpTerminate(c2s, "peer refused to agree on LCP options")
		return false
	}
	if g.win && g.faults.terminal != "auth-mismatch" {
		return g.windowsLCP()
	}
	g.cp(c2s, decode.PPPTypeLCP, decode.CodeConfigureRequest, 1, cliOpts, nil)
	g.wait(time.Duration(50+g.rng.IntN(200)) * time.Millisecond)
	g.cp(s2c, decode.PPPTypeLCP, decode.CodeConfigureRequest, 1, srvOpts, nil)
	g.hop()
	if g.faults.terminal == "auth-mismatch" {
		// The client refuses the server's method (pppd refuse-*): it rejects
		// the option; the server asks again without it, LCP opens, and the
		// server ends the link because the peer will not authenticate.
		g.cp(c2s, decode.PPPTypeLCP, decode.CodeConfigureReject, 1, g.authOption(), nil)
		g.hop()
		g.cp(s2c, decode.PPPTypeLCP, decode.CodeConfigureAck, 1, cliOpts, nil)
		g.think()
		srvOpts = g.lcpOptions(s2c, false)
		g.cp(s2c, decode.PPPTypeLCP, decode.CodeConfigureRequest, 2, srvOpts, nil)
		g.hop()
		g.cp(c2s, decode.PPPTypeLCP, decode.CodeConfigureAck, 2, srvOpts, nil)
		g.lcpOpen = true
		g.hop()
		g.lcpTerminate(s2c, "peer refused to authenticate")
		return false
	}
	g.cp(c2s, decode.PPPTypeLCP, decode.CodeConfigureAck, 1, srvOpts, nil)
	g.think()
	g.cp(s2c, decode.PPPTypeLCP, decode.CodeConfigureAck, 1, cliOpts, nil)
	g.lcpOpen = true
	g.think()
	g.setLinkInfo()
	// pppd sends its first LCP Echo-Request as soon as LCP is open.
	g.lcpEcho(s2c)
	g.lcpEcho(c2s)
	return true
}

// lcpEcho is an Echo-Request of dir and its reply; it reports whether the
// reply came.
func (g *gen) lcpEcho(dir int) bool {
	id := g.echoID[dir]
	g.echoID[dir]++
	ok := g.cp(dir, decode.PPPTypeLCP, decode.CodeEchoRequest, id, nil, be32(g.magic[dir]))
	g.hop()
	if !ok {
		return false
	}
	return g.cp(1-dir, decode.PPPTypeLCP, decode.CodeEchoReply, id, nil, be32(g.magic[1-dir]))
}

// lcpTerminate is a Terminate-Request of dir with its reason and the ack.
func (g *gen) lcpTerminate(dir int, reason string) {
	g.lcpID[dir]++
	id := g.lcpID[dir] + 1
	ok := g.cp(dir, decode.PPPTypeLCP, decode.CodeTerminateRequest, id, nil, []byte(reason))
	g.hop()
	if ok {
		g.cp(1-dir, decode.PPPTypeLCP, decode.CodeTerminateAck, id, nil, nil)
	} else {
		// Unanswered: pppd repeats it once after the restart timer.
		g.restart()
		g.cp(dir, decode.PPPTypeLCP, decode.CodeTerminateRequest, id, nil, []byte(reason))
		g.restart()
	}
	g.lcpOpen = false
	g.think()
}
