package session

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/decode"
)

// TestTCPRetransmission: a SYN, SYN-ACK or FIN that its side already sent
// is marked as a retransmission; the other side's FIN, ACKs and RSTs are
// not (nDPI__pptp.pcap frames 17-19 are a FIN sent three times).
func TestTCPRetransmission(t *testing.T) {
	const c, s = "192.0.2.1", "198.51.100.1"
	tr := NewTracker()
	frame := 0
	seg := func(fromClient bool, syn, ack, fin, rst bool) {
		frame++
		ev := &TCPEvent{Frame: frame, Time: time.Unix(1000, int64(frame)*1e6), Src: netip.MustParseAddr(c), Dst: netip.MustParseAddr(s),
			SrcPort: 40000, DstPort: 1723, SYN: syn, ACK: ack, FIN: fin, RST: rst}
		if !fromClient {
			ev.Src, ev.Dst, ev.SrcPort, ev.DstPort = ev.Dst, ev.Src, ev.DstPort, ev.SrcPort
		}
		tr.TCP(ev)
	}
	seg(true, true, false, false, false) // 1 SYN
	seg(true, true, false, false, false) // 2 SYN again
	seg(false, true, true, false, false) // 3 SYN-ACK
	seg(false, true, true, false, false) // 4 SYN-ACK again
	seg(true, false, true, false, false) // 5 ACK
	frame++                              // 6 SCCRQ
	tr.Record(pptpRecord(t, frame, c, s, 40000, 1723, decode.PPTP{MessageType: decode.PPTPStartControlConnectionRequest, ProtocolVersion: 0x100}))
	seg(true, false, true, true, false)  // 7 FIN
	seg(true, false, true, true, false)  // 8 FIN again
	seg(false, false, true, true, false) // 9 the server's FIN
	seg(true, false, false, false, true) // 10 RST
	seg(true, false, false, false, true) // 11 RST
	ss := tr.Sessions()
	if len(ss) != 1 {
		t.Fatalf("%d sessions", len(ss))
	}
	var got []string
	for _, m := range ss[0].Messages {
		if m.Proto == "TCP" {
			got = append(got, fmt.Sprintf("%d %s %v", m.Frame, m.Msg, m.Retransmission))
		}
	}
	want := "1 SYN false; 2 SYN true; 3 SYN-ACK false; 4 SYN-ACK true; 5 ACK false; 7 FIN false; 8 FIN true; 9 FIN false; 10 RST false; 11 RST false"
	if strings.Join(got, "; ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "; "), want)
	}
}
