package simulate

import (
	"time"

	"github.com/gopacket/gopacket"
	"github.com/pptpscope/pptpscope/decode"
)

// pad returns s in a NUL-padded field of n octets.
func pad(s string, n int) []byte {
	b := make([]byte, n)
	copy(b, s)
	return b
}

// pptp sends one control message from dir in its own TCP segment; the peer
// acknowledges it with a bare ACK unless reply is true (its answer then
// carries the acknowledgment).
func (g *gen) pptp(dir int, m *decode.PPTP, reply bool) {
	m.PPTPMessageType = 1
	g.tcpSend(dir, serialize(m), false, false, false)
	if !reply {
		g.hop()
		g.tcpSend(1-dir, nil, false, false, false)
	}
}

// tcpConnect is the three-way handshake to port 1723.
func (g *gen) tcpConnect() {
	g.tcpSend(c2s, nil, true, false, false)
	g.hop()
	g.tcpSend(s2c, nil, true, false, false)
	g.hop()
	g.tcpSend(c2s, nil, false, false, false)
	g.think()
}

// startControl is SCCRQ / SCCRP (pptp-linux client, pptpd server); it
// reports whether the server accepted.
func (g *gen) startControl() bool {
	rq := &decode.PPTP{MessageType: decode.PPTPStartControlConnectionRequest, ProtocolVersion: 0x0100,
		FramingCapabilities: 3, BearerCapabilities: 3, MaxChannels: 0xffff, FirmwareRevision: 1,
		RawHostName: pad("local", 64), RawVendorName: pad("cananian", 64)}
	if g.win {
		rq.MaxChannels, rq.FirmwareRevision, rq.RawHostName, rq.RawVendorName = 0, 0, pad("", 64), pad("Microsoft", 64)
	}
	g.pptp(c2s, rq, true)
	g.hop()
	m := &decode.PPTP{MessageType: decode.PPTPStartControlConnectionReply, ProtocolVersion: 0x0100,
		ResultCode: 1, FirmwareRevision: 1, RawHostName: pad("local", 64), RawVendorName: pad("linux", 64)}
	ok := g.faults.terminal != "control-rejected"
	if !ok {
		m.ResultCode, m.ErrorCode = g.faults.result, g.faults.errorCode
	}
	g.pptp(s2c, m, false)
	return ok
}

// call is OCRQ / OCRP; it reports whether the call was connected.
func (g *gen) call() bool {
	g.wait(time.Duration(200+g.rng.IntN(800)) * time.Millisecond)
	rq := &decode.PPTP{MessageType: decode.PPTPOutgoingCallRequest, CallID: g.callID[c2s],
		CallSerialNumber: uint16(g.index), MinBPS: 2400, MaxBPS: 10000000, BearerType: 3, FramingType: 3,
		WindowSize: 3, RawPhoneNumber: pad("", 64), RawSubaddress: pad("", 64)}
	if g.win {
		rq.CallSerialNumber, rq.MinBPS, rq.MaxBPS, rq.WindowSize = uint16(g.index+1), 300, 100000000, 64
	}
	g.pptp(c2s, rq, true)
	g.hop()
	m := &decode.PPTP{MessageType: decode.PPTPOutgoingCallReply, CallID: g.callID[s2c], PeerCallID: g.callID[c2s],
		ResultCode: 1, ConnectSpeed: 10000000, WindowSize: 3}
	if g.win {
		m.ConnectSpeed, m.WindowSize = 100000000, 64
	}
	ok := g.faults.terminal != "call-rejected"
	if !ok {
		m.ResultCode, m.ErrorCode, m.ConnectSpeed, m.WindowSize = g.faults.result, g.faults.errorCode, 0, 0
	}
	g.pptp(s2c, m, false)
	if ok && g.win {
		// Windows sends Set-Link-Info with both ACCMs at once.
		g.think()
		g.pptp(c2s, &decode.PPTP{MessageType: decode.PPTPSetLinkInfo, PeerCallID: g.callID[s2c], SendACCM: 0xffffffff, ReceiveACCM: 0xffffffff}, false)
	}
	return ok
}

// setLinkInfo is the client's Set-Link-Info once LCP is open (the ACCMs
// both sides agreed: none).
func (g *gen) setLinkInfo() {
	g.pptp(c2s, &decode.PPTP{MessageType: decode.PPTPSetLinkInfo, PeerCallID: g.callID[s2c]}, false)
}

// pptpEcho is an Echo-Request of the client on the control connection.
func (g *gen) pptpEcho(id uint32) {
	g.pptp(c2s, &decode.PPTP{MessageType: decode.PPTPEchoRequest, EchoIdentifier: id}, true)
	g.hop()
	g.pptp(s2c, &decode.PPTP{MessageType: decode.PPTPEchoReply, EchoIdentifier: id, ResultCode: 1}, false)
}

// callClear is Call-Clear-Request / Call-Disconnect-Notify (result 4:
// Request, the normal end).
func (g *gen) callClear() {
	g.pptp(c2s, &decode.PPTP{MessageType: decode.PPTPCallClearRequest, CallID: g.callID[c2s]}, true)
	g.hop()
	g.pptp(s2c, &decode.PPTP{MessageType: decode.PPTPCallDisconnectNotify, CallID: g.callID[s2c], ResultCode: 4,
		RawCallStatistics: pad("", 128)}, false)
}

// stopControl is Stop-Control-Connection-Request / -Reply.
func (g *gen) stopControl() {
	g.wait(time.Duration(5+g.rng.IntN(40)) * time.Millisecond)
	g.pptp(c2s, &decode.PPTP{MessageType: decode.PPTPStopControlConnectionRequest, Reason: 1}, true)
	g.hop()
	g.pptp(s2c, &decode.PPTP{MessageType: decode.PPTPStopControlConnectionReply, ResultCode: 1}, false)
}

// tcpClose closes the control connection from side dir (FIN, FIN, ACK).
func (g *gen) tcpClose(dir int) {
	g.think()
	g.tcpSend(dir, nil, false, true, false)
	g.hop()
	g.tcpSend(1-dir, nil, false, true, false)
	g.hop()
	g.tcpSend(dir, nil, false, false, false)
}

// tcpReset ends the control connection with a reset from the server.
func (g *gen) tcpReset() {
	g.hop()
	g.tcpSend(s2c, nil, false, false, true)
}

var _ gopacket.SerializableLayer = (*decode.PPTP)(nil)
