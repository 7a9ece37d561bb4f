package simulate

import "time"

// run is the script of one session, from the TCP handshake to the FIN of
// the control connection, with the session's faults.
func (g *gen) run() {
	f := &g.faults
	g.tcpConnect()
	if !g.startControl() {
		// pptpd closes the connection after a refusal.
		g.tcpClose(s2c)
		return
	}
	if !g.call() {
		g.stopControl()
		g.tcpClose(c2s)
		return
	}
	g.innerAddrs()
	ok := g.lcp()
	var a authResult
	if ok {
		a = g.authenticate()
		ok = a.ok
	}
	switch {
	case ok && g.win && g.faults.terminal != "mppe-mismatch":
		ok = g.windowsNCP(a)
	case ok:
		if ok = g.ccp(a); ok {
			g.ipcp()
		}
	}
	if ok {
		g.data()
		if f.echoTimeout {
			g.echoTimeout()
		} else {
			g.wait(time.Duration(500+g.rng.IntN(1500)) * time.Millisecond)
			g.lcpTerminate(c2s, "User request")
		}
	}
	g.wait(time.Duration(50+g.rng.IntN(100)) * time.Millisecond)
	g.callClear()
	if f.controlReset {
		g.tcpReset()
		return
	}
	g.stopControl()
	g.tcpClose(c2s)
}

// data is the data phase: the chosen traffic, with keepalives.
func (g *gen) data() {
	g.wait(time.Duration(100+g.rng.IntN(400)) * time.Millisecond)
	g.inData, g.hidden = true, false
	g.dataStart = g.now
	g.inner.lastEcho = g.now
	if g.faults.endEarly {
		g.cutAt = 6 + g.rng.IntN(10)
	}
	t := g.o.Traffic
	if t.Ping {
		g.ping()
	}
	if t.DNS {
		g.dns()
	}
	if t.HTTP {
		g.http()
	}
	if t.Bulk > 0 {
		g.bulk(t.Bulk)
	}
	g.flushHeld(c2s)
	g.flushHeld(s2c)
	g.idleAcks()
	g.inData = false
}

// echoTimeout: the server's GRE stops reaching the client (a NAT timeout,
// the server gone): the client's LCP Echo-Requests go unanswered; after
// lcp-echo-failure (5) pppd ends the link ("No response to 5
// echo-requests").
func (g *gen) echoTimeout() {
	g.faults.greBlocked[s2c] = true
	for i := 0; i < 5; i++ {
		g.wait(10*time.Second + micro(g.rng, 0, 5000))
		g.lcpEcho(c2s)
	}
	g.wait(micro(g.rng, 100, 2000))
	g.lcpTerminate(c2s, "Peer not responding")
}
