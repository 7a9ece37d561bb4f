package simulate

import (
	"net/netip"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/mppe"
)

// innerState is the traffic inside the tunnel.
type innerState struct {
	cli4, srv4, cli6, srv6 netip.Addr
	ifid                   [2][8]byte
	v6                     bool // the traffic runs over IPv6
	ipID                   [2]uint16
	icmpSeq                uint16
	lastEcho               time.Time
	pptpEchoes             uint32
}

// Addresses of the hosts the client talks to through the tunnel.
var (
	dns4 = netip.MustParseAddr("172.16.0.1")
	web4 = netip.MustParseAddr("203.0.113.80")
	web6 = netip.MustParseAddr("2001:db8:80::80")
)

// pattern is the content of HTTP bodies and bulk transfers.
var pattern = func() []byte {
	b := make([]byte, 8192+1460)
	const text = "PPTP simulated payload, pptpscope simulate. "
	for i := range b {
		b[i] = text[i%len(text)]
	}
	return b
}()

// innerIP serializes an inner IP packet from dir to or from peer (the
// client's end is always the client's tunnel address).
func (g *gen) innerIP(dir int, peer netip.Addr, proto layers.IPProtocol, l4 gopacket.SerializableLayer, payload []byte) []byte {
	in := &g.inner
	src, dst := in.cli4, peer
	if peer.Is6() {
		src = in.cli6
	}
	if dir == s2c {
		src, dst = dst, src
	}
	var nl gopacket.NetworkLayer
	var ip gopacket.SerializableLayer
	if peer.Is6() {
		v := &layers.IPv6{Version: 6, NextHeader: proto, HopLimit: 64, SrcIP: src.AsSlice(), DstIP: dst.AsSlice()}
		nl, ip = v, v
	} else {
		in.ipID[dir]++
		v := &layers.IPv4{Version: 4, IHL: 5, TTL: 64, Id: in.ipID[dir], Flags: layers.IPv4DontFragment, Protocol: proto, SrcIP: src.AsSlice(), DstIP: dst.AsSlice()}
		nl, ip = v, v
	}
	if c, ok := l4.(interface {
		SetNetworkLayerForChecksum(gopacket.NetworkLayer) error
	}); ok {
		if err := c.SetNetworkLayerForChecksum(nl); err != nil {
			panic("simulate: " + err.Error())
		}
	}
	return serialize(ip, l4, gopacket.Payload(payload))
}

// sendIP sends an inner packet through the tunnel: encrypted with MPPE when
// negotiated. It reports whether the peer received it.
func (g *gen) sendIP(dir int, ip []byte) bool {
	proto := decode.PPPTypeIPv4
	if ip[0]>>4 == 6 {
		proto = decode.PPPTypeIPv6
	}
	captured := false
	g.onPush = func() { captured = true }
	var ok bool
	if g.enc[dir] == nil {
		ok = g.sendPPP(dir, proto, gopacket.Payload(ip))
	} else {
		e := g.enc[dir]
		plain := append(be16(uint16(proto)), ip...)
		var zh mppe.Header
		if z := g.mppc[dir]; z != nil {
			// The A bit is shared: a frame the encryptor flushes (a
			// stateful flag packet, or after a CCP reset) also restarts
			// the history, and a frame the compressor flushes gets a
			// flushed encryption (RFC 3078 section 2.1, RFC 2118).
			next := (e.Count() + 1) & uint16(mppe.CountMask)
			if g.encFlush[dir] || next&0xFF == 0xFF {
				z.Reset()
			}
			zh, plain = z.Compress(plain, nil)
			if zh.Flushed() {
				e.Reset()
			}
		}
		g.encFlush[dir] = false
		h, ct := e.Encrypt(plain, nil)
		ok = g.sendPPP(dir, decode.PPPTypeMPPE, &decode.MPPE{Flushed: h.Flushed(), AtFront: zh.Restart(), Compressed: zh.Compressed(),
			Encrypted: true, CoherencyCount: h.Count()}, gopacket.Payload(ct))
		if !ok && g.o.Stateful {
			g.resetPending[dir] = true
		}
	}
	g.onPush = nil
	if captured && g.o.OnInner != nil {
		g.o.OnInner(g.index, ip)
	}
	if ok && g.resetPending[dir] {
		g.resetPending[dir] = false
		g.resetCCP(dir)
	}
	return ok
}

// resetCCP: the receiver of dir saw the coherency count jump (stateful
// MPPE) and asks for a reset (RFC 3078 section 8.2, RFC 1962 section 2.2);
// the sender acknowledges and, as Linux does when it sends the Reset-Ack,
// flushes its next packet. Lost on the way, the Reset-Request is sent again
// after pppd's 1-second timer, as it is when the Reset-Ack is lost.
func (g *gen) resetCCP(dir int) {
	g.ccpID[1-dir]++
	id := g.ccpID[1-dir]
	for try := 0; try < 3; try++ {
		g.think()
		if g.cp(1-dir, decode.PPPTypeCCP, decode.CodeResetRequest, id, nil, nil) {
			g.hop()
			acked := g.cp(dir, decode.PPPTypeCCP, decode.CodeResetAck, id, nil, nil)
			g.enc[dir].Reset()
			g.encFlush[dir] = true
			if acked {
				return
			}
		}
		g.wait(time.Second)
	}
}

// keepalive sends the periodic echoes: LCP (pppd lcp-echo-interval 10) on
// the tunnel, PPTP on the control connection (pptp, every 60 s).
func (g *gen) keepalive() {
	in := &g.inner
	if g.now.Sub(g.dataStart) > time.Duration(in.pptpEchoes)*60*time.Second+3*time.Second {
		in.pptpEchoes++
		g.pptpEcho(in.pptpEchoes)
	}
	if g.now.Sub(in.lastEcho) < 10*time.Second {
		return
	}
	in.lastEcho = g.now
	g.lcpEcho(s2c)
	g.lcpEcho(c2s)
}

// idleAcks: after an exchange each side acknowledges what it got with an
// ack-only GRE packet if no data went back (pptp's ack timeout).
func (g *gen) idleAcks() {
	g.wait(time.Duration(100+g.rng.IntN(300)) * time.Millisecond)
	g.ackOnly(s2c)
	g.think()
	g.ackOnly(c2s)
}

func (g *gen) target(v4, v6 netip.Addr) netip.Addr {
	if g.inner.v6 {
		return v6
	}
	return v4
}

// ping: four ICMP echoes to the server's tunnel address.
func (g *gen) ping() {
	in := &g.inner
	peer := g.target(in.srv4, in.srv6)
	data := make([]byte, 56)
	for i := range data {
		data[i] = byte(i)
	}
	for i := 0; i < 4; i++ {
		in.icmpSeq++
		var req, rep gopacket.SerializableLayer
		if peer.Is6() {
			req = &layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(layers.ICMPv6TypeEchoRequest, 0)}
			rep = &layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(layers.ICMPv6TypeEchoReply, 0)}
			echo := cat(be16(0x4242), be16(in.icmpSeq), data)
			if g.sendIP(c2s, g.innerIP(c2s, peer, layers.IPProtocolICMPv6, req, echo)) {
				g.hop()
				g.sendIP(s2c, g.innerIP(s2c, peer, layers.IPProtocolICMPv6, rep, echo))
			}
		} else {
			req = &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(layers.ICMPv4TypeEchoRequest, 0), Id: 0x4242, Seq: in.icmpSeq}
			rep = &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(layers.ICMPv4TypeEchoReply, 0), Id: 0x4242, Seq: in.icmpSeq}
			if g.sendIP(c2s, g.innerIP(c2s, peer, layers.IPProtocolICMPv4, req, data)) {
				g.hop()
				g.sendIP(s2c, g.innerIP(s2c, peer, layers.IPProtocolICMPv4, rep, data))
			}
		}
		g.idleAcks()
		g.wait(time.Second - 400*time.Millisecond)
		g.keepalive()
	}
}

// dns: A (or AAAA) lookups of two names at the server's DNS proxy.
func (g *gen) dns() {
	in := &g.inner
	server := g.target(dns4, in.srv6)
	for i, name := range []string{"www.example.com", "mail.example.org"} {
		qt := layers.DNSTypeA
		if g.inner.v6 {
			qt = layers.DNSTypeAAAA
		}
		id := uint16(g.rng.Uint32())
		q := layers.DNSQuestion{Name: []byte(name), Type: qt, Class: layers.DNSClassIN}
		port := layers.UDPPort(40000 + g.rng.IntN(20000))
		query := &layers.DNS{ID: id, RD: true, Questions: []layers.DNSQuestion{q}}
		if !g.sendIP(c2s, g.innerIP(c2s, server, layers.IPProtocolUDP, &layers.UDP{SrcPort: port, DstPort: 53}, serializeDNS(query))) {
			continue
		}
		g.wait(micro(g.rng, 8000, 30000))
		ans := layers.DNSResourceRecord{Name: []byte(name), Type: qt, Class: layers.DNSClassIN, TTL: 300}
		if qt == layers.DNSTypeA {
			ans.IP = []byte{203, 0, 113, byte(10 + i)}
		} else {
			ans.IP = netip.MustParseAddr("2001:db8:80::10").AsSlice()
			ans.IP[15] += byte(i)
		}
		reply := &layers.DNS{ID: id, QR: true, RD: true, RA: true, Questions: []layers.DNSQuestion{q}, Answers: []layers.DNSResourceRecord{ans}}
		g.sendIP(s2c, g.innerIP(s2c, server, layers.IPProtocolUDP, &layers.UDP{SrcPort: 53, DstPort: port}, serializeDNS(reply)))
		g.idleAcks()
		g.keepalive()
	}
}

func serializeDNS(d *layers.DNS) []byte { return serialize(d) }

// tcpFlow is one inner TCP connection of the client.
type tcpFlow struct {
	peer         netip.Addr
	cport, sport layers.TCPPort
	seq          [2]uint32
}

func (g *gen) tcpSeg(f *tcpFlow, dir int, payload []byte, syn, fin bool) bool {
	t := &layers.TCP{SrcPort: f.cport, DstPort: f.sport, Seq: f.seq[dir], Ack: f.seq[1-dir], ACK: !(syn && dir == c2s),
		SYN: syn, FIN: fin, PSH: len(payload) > 0, Window: 64240}
	if dir == s2c {
		t.SrcPort, t.DstPort = f.sport, f.cport
	}
	if !t.ACK {
		t.Ack = 0
	}
	if syn {
		t.Options = []layers.TCPOption{{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: be16(mss)}}
	}
	f.seq[dir] += uint32(len(payload))
	if syn || fin {
		f.seq[dir]++
	}
	return g.sendIP(dir, g.innerIP(dir, f.peer, layers.IPProtocolTCP, t, payload))
}

// mss fits an inner TCP segment in the tunnel's 1400-byte MTU (pptp's
// default) with an IPv6 header.
const mss = 1340

// download opens a connection, sends request, receives size bytes of
// response (headers first), and closes it.
func (g *gen) download(peer netip.Addr, port layers.TCPPort, request []byte, header []byte, size int64) {
	f := &tcpFlow{peer: peer, cport: layers.TCPPort(40000 + g.rng.IntN(20000)), sport: port}
	f.seq = [2]uint32{g.rng.Uint32(), g.rng.Uint32()}
	g.tcpSeg(f, c2s, nil, true, false)
	g.hop()
	g.tcpSeg(f, s2c, nil, true, false)
	g.hop()
	g.tcpSeg(f, c2s, nil, false, false)
	if len(request) > 0 {
		g.think()
		g.tcpSeg(f, c2s, request, false, false)
	}
	g.hop()
	total := int64(len(header)) + size
	var sent int64
	n := 0
	for sent < total {
		seg := mss
		if rem := total - sent; rem < int64(seg) {
			seg = int(rem)
		}
		var payload []byte
		if sent < int64(len(header)) {
			payload = append(payload, header[sent:min(int64(len(header)), sent+int64(seg))]...)
		}
		if len(payload) < seg {
			off := int((sent + int64(len(payload))) % 8192)
			payload = append(payload, pattern[off:off+seg-len(payload)]...)
		}
		g.tcpSeg(f, s2c, payload, false, false)
		sent += int64(seg)
		n++
		g.wait(micro(g.rng, 900, 1300)) // about 10 Mbit/s
		if n%2 == 0 || sent >= total {
			g.tcpSeg(f, c2s, nil, false, false)
			g.wait(micro(g.rng, 20, 200))
		}
		g.keepalive()
	}
	g.think()
	g.tcpSeg(f, s2c, nil, false, true)
	g.hop()
	g.tcpSeg(f, c2s, nil, false, true)
	g.hop()
	g.tcpSeg(f, s2c, nil, false, false)
	g.idleAcks()
}

func (g *gen) http() {
	body := int64(24 * 1024)
	host := "www.example.com"
	req := []byte("GET /index.html HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: pptpscope-simulate\r\nAccept: */*\r\n\r\n")
	hdr := []byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 24576\r\nConnection: close\r\n\r\n")
	g.download(g.target(web4, web6), 80, req, hdr, body)
}

func (g *gen) bulk(n int64) {
	g.download(g.target(web4, web6), 5001, []byte("SEND\r\n"), nil, n)
}
