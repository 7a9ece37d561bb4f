package session

import (
	"net/netip"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/pptpscope/pptpscope/decode"
)

// pptpRecord builds the record of a PPTP control message the way Scan does,
// from bytes serialized by decode.PPTP.
func pptpRecord(t *testing.T, frame int, src, dst string, sp, dp uint16, p decode.PPTP) *Record {
	t.Helper()
	p.PPTPMessageType, p.MagicCookie = 1, decode.PPTPMagicCookie
	buf := gopacket.NewSerializeBuffer()
	if err := p.SerializeTo(buf, gopacket.SerializeOptions{FixLengths: true}); err != nil {
		t.Fatal(err)
	}
	var d decode.PPTP
	if err := d.DecodeFromBytes(buf.Bytes(), gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	return &Record{Frame: frame, Time: time.Unix(1000, 0).Add(time.Duration(frame) * time.Millisecond),
		Src: netip.MustParseAddr(src), Dst: netip.MustParseAddr(dst), SrcPort: sp, DstPort: dp,
		Proto: "PPTP", Msg: d.Name(), ID: -1, CallID: -1, Control: true, Message: &d}
}

// greRecord builds an ack-only GRE record with the given key call ID.
func greAck(frame int, src, dst string, callID int) *Record {
	return &Record{Frame: frame, Time: time.Unix(1000, 0).Add(time.Duration(frame) * time.Millisecond),
		Src: netip.MustParseAddr(src), Dst: netip.MustParseAddr(dst), Proto: "GRE", Msg: "Ack", ID: -1,
		CallID: callID, HasAck: true, Ack: uint32(frame)}
}

// TestSeveralCallsOnOneConnection: two calls on one control connection are
// two sessions, each with its own GRE flows (matched by the call IDs the
// call setup announced), sharing the control connection's phases.
func TestSeveralCallsOnOneConnection(t *testing.T) {
	const c, s = "192.0.2.1", "198.51.100.1"
	tr := NewTracker()
	rec := func(r *Record) { tr.Record(r) }
	rec(pptpRecord(t, 1, c, s, 40000, 1723, decode.PPTP{MessageType: decode.PPTPStartControlConnectionRequest, ProtocolVersion: 0x100}))
	rec(pptpRecord(t, 2, s, c, 1723, 40000, decode.PPTP{MessageType: decode.PPTPStartControlConnectionReply, ProtocolVersion: 0x100, ResultCode: 1}))
	rec(pptpRecord(t, 3, c, s, 40000, 1723, decode.PPTP{MessageType: decode.PPTPOutgoingCallRequest, CallID: 1}))
	rec(pptpRecord(t, 4, s, c, 1723, 40000, decode.PPTP{MessageType: decode.PPTPOutgoingCallReply, CallID: 10, PeerCallID: 1, ResultCode: 1}))
	rec(pptpRecord(t, 5, c, s, 40000, 1723, decode.PPTP{MessageType: decode.PPTPOutgoingCallRequest, CallID: 2}))
	rec(pptpRecord(t, 6, s, c, 1723, 40000, decode.PPTP{MessageType: decode.PPTPOutgoingCallReply, CallID: 20, PeerCallID: 2, ResultCode: 1}))
	// GRE of call 2 (client -> server carries the server's call ID 20) ...
	rec(greAck(7, c, s, 20))
	rec(greAck(8, s, c, 2))
	// ... then of call 1.
	rec(greAck(9, c, s, 10))
	rec(greAck(10, c, s, 10))
	rec(greAck(11, s, c, 1))
	sessions := tr.Sessions()
	if len(sessions) != 2 {
		t.Fatalf("%d sessions, want 2", len(sessions))
	}
	want := []struct{ callID, peer, c2s, s2c int }{{1, 10, 2, 1}, {2, 20, 1, 1}}
	for i, w := range want {
		se := sessions[i]
		if se.CallID != w.callID || se.PeerCallID != w.peer {
			t.Errorf("session %d: call IDs %d/%d, want %d/%d", i+1, se.CallID, se.PeerCallID, w.callID, w.peer)
		}
		if se.Stats[0].AckOnly != w.c2s || se.Stats[1].AckOnly != w.s2c {
			t.Errorf("session %d: GRE %d/%d, want %d/%d", i+1, se.Stats[0].AckOnly, se.Stats[1].AckOnly, w.c2s, w.s2c)
		}
		if se.Phases[PhaseControlConnection].Status != StatusOK || se.Phases[PhaseCallSetup].Status != StatusOK {
			t.Errorf("session %d: control %s, call %s", i+1, se.Phases[PhaseControlConnection].Status, se.Phases[PhaseCallSetup].Status)
		}
		if se.Client.Addr.String() != c || se.ClientInferred {
			t.Errorf("session %d: client %s (inferred %v)", i+1, se.Client.Addr, se.ClientInferred)
		}
	}
}

// TestClientFromPort: a control connection seen without its TCP handshake
// or Start-Control-Connection-Request: the client is the side not on port
// 1723, and the report says that it was inferred.
func TestClientFromPort(t *testing.T) {
	tr := NewTracker()
	tr.Record(pptpRecord(t, 1, "198.51.100.1", "192.0.2.1", 1723, 40000, decode.PPTP{MessageType: decode.PPTPEchoRequest}))
	s := tr.Sessions()[0]
	if s.Client.Addr.String() != "192.0.2.1" || !s.ClientInferred || s.InferredBy == "" {
		t.Errorf("client %s inferred %v (%q)", s.Client.Addr, s.ClientInferred, s.InferredBy)
	}
}

// TestGREFlowCap: endless distinct GRE flows without a call setup (a hostile
// capture) stop making sessions at the cap, and the packets left out are
// counted; time stays linear (no scan of all flows per packet).
func TestGREFlowCap(t *testing.T) {
	tr := NewTracker()
	tr.MaxGREFlows = 1000
	for i := 0; i < 5000; i++ {
		tr.Record(greAck(i+1, "192.0.2.1", "198.51.100.1", i))
	}
	if n := len(tr.gre); n != 1000 {
		t.Errorf("%d GRE flows tracked, want the cap 1000", n)
	}
	if tr.UntrackedGRE != 4000 {
		t.Errorf("%d packets untracked, want 4000", tr.UntrackedGRE)
	}
	if n := len(tr.Sessions()); n > 1000 {
		t.Errorf("%d sessions", n)
	}
}

// TestRepeatedStartControlConnection: a second Start-Control-Connection-
// Request on a connection (retransmitted, or garbage that frames as one)
// does not overwrite what the first said of the client.
func TestRepeatedStartControlConnection(t *testing.T) {
	const c, s = "192.0.2.1", "198.51.100.1"
	tr := NewTracker()
	host := func(name string) []byte {
		b := make([]byte, 64)
		copy(b, name)
		return b
	}
	tr.Record(pptpRecord(t, 1, c, s, 40000, 1723, decode.PPTP{MessageType: decode.PPTPStartControlConnectionRequest, ProtocolVersion: 0x100, FirmwareRevision: 7, RawHostName: host("laptop"), RawVendorName: host("pppd")}))
	tr.Record(pptpRecord(t, 2, s, c, 1723, 40000, decode.PPTP{MessageType: decode.PPTPStartControlConnectionReply, ProtocolVersion: 0x100, ResultCode: 1, RawHostName: host("gateway")}))
	tr.Record(pptpRecord(t, 3, c, s, 40000, 1723, decode.PPTP{MessageType: decode.PPTPStartControlConnectionRequest, ProtocolVersion: 0x100}))
	tr.Record(pptpRecord(t, 4, s, c, 1723, 40000, decode.PPTP{MessageType: decode.PPTPStartControlConnectionReply, ProtocolVersion: 0x100, ResultCode: 2}))
	se := tr.Sessions()[0]
	if se.Client.HostName != "laptop" || se.Client.Vendor != "pppd" || se.Client.Firmware != 7 || se.Server.HostName != "gateway" {
		t.Errorf("client %q %q firmware %d, server %q; want the first messages' laptop, pppd, 7, gateway",
			se.Client.HostName, se.Client.Vendor, se.Client.Firmware, se.Server.HostName)
	}
}
