package reassembly

import (
	"testing"

	"github.com/pptpscope/pptpscope/decode"
)

type wantMsg struct {
	frame int
	ctype uint16 // control message type (PPTP message type is 1 in all)
}

// Expected messages of real captures, from
//
//	tshark -r F -Y pptp -T fields -e frame.number -e pptp.type -e pptp.control_message_type
//
// (pptp.type is 1, control, for every message of these captures).
var captureCases = []struct {
	name    string
	streams int
	want    []wantMsg
}{
	{
		// One connection with SYN, a retransmitted FIN+data (frame 19),
		// then Call-Disconnect-Notify after the client's FIN.
		name: "nDPI__pptp.pcap", streams: 1,
		want: []wantMsg{{4, 1}, {6, 2}, {8, 7}, {10, 8}, {12, 15}, {14, 15}, {16, 12}, {23, 13}},
	},
	{
		name: "packetlife__PPTP_negotiation.cap", streams: 1,
		want: []wantMsg{{6, 1}, {7, 2}, {9, 7}, {10, 8}},
	},
	{
		// Two connections: the first (frames 100-132) starts without its
		// SYN, the second (from frame 267) with it.
		name: "pptpcrack__test.pcap", streams: 2,
		want: []wantMsg{{100, 15}, {102, 15}, {112, 12}, {113, 13}, {126, 3}, {127, 4},
			{270, 1}, {271, 2}, {272, 7}, {273, 8}, {274, 15}, {287, 15}, {288, 15}},
	},
	{
		name: "PPTP_VPN_Sniffer__connect.pcapng", streams: 1,
		want: []wantMsg{{4, 1}, {6, 2}, {7, 7}, {8, 8}, {9, 15}, {19, 15}},
	},
	{
		name: "pppd__mschapv2-mppe128.pcap", streams: 1,
		want: []wantMsg{{8, 1}, {10, 2}, {13, 7}, {15, 8}, {66, 5}, {67, 6}, {96, 5}, {97, 6}, {114, 12}},
	},
}

func TestCaptures(t *testing.T) {
	for _, tc := range captureCases {
		t.Run(tc.name, func(t *testing.T) {
			segs := loadSegments(t, tc.name)
			byFrame := map[int]segment{}
			for _, s := range segs {
				byFrame[s.frame] = s
			}
			var got []Message
			a := New(func(m Message) {
				m.Data = append([]byte(nil), m.Data...)
				got = append(got, m)
			}, Options{})
			for i := range segs {
				s := &segs[i]
				a.Packet(s.net, &s.tcp, s.ci, s.frame)
			}
			a.Close()
			if len(got) != len(tc.want) {
				for _, m := range got {
					t.Logf("got frame %d %+v", m.Frame, toResult(m))
				}
				t.Fatalf("got %d messages, want %d", len(got), len(tc.want))
			}
			for i, m := range got {
				r := toResult(m)
				w := tc.want[i]
				if r.Frame != w.frame || r.Type != w.ctype {
					t.Errorf("message %d: frame %d type %d, want frame %d type %d", i, r.Frame, r.Type, w.frame, w.ctype)
				}
				if r.Lost != 0 || r.Truncated {
					t.Errorf("message %d (frame %d): lost %d truncated %v", i, r.Frame, r.Lost, r.Truncated)
				}
				s := byFrame[m.Frame]
				if m.Net != s.net || m.Transport != s.tcp.TransportFlow() {
					t.Errorf("message %d: flows %v %v, frame %d has %v %v", i, m.Net, m.Transport, m.Frame, s.net, s.tcp.TransportFlow())
				}
				if !m.Time.Equal(s.ci.Timestamp) {
					t.Errorf("message %d: time %v, frame %d has %v", i, m.Time, m.Frame, s.ci.Timestamp)
				}
				if want := decode.PPTPFixedLength(r.Type); r.Len != want {
					t.Errorf("message %d: %d bytes, want %d", i, r.Len, want)
				}
			}
			st := a.Stats()
			if st.Messages != len(tc.want) || st.BytesLost != 0 || st.Gaps != 0 || st.Desyncs != 0 ||
				st.Streams != tc.streams || st.ActiveStreams != 0 || st.StreamsDropped != 0 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

// BenchmarkAssembler runs pptpcrack__test.pcap's control connections (two,
// 13 messages) through one Assembler per iteration batch: Close ends every
// stream, so the Assembler is reused as a long capture would use it.
func BenchmarkAssembler(b *testing.B) {
	segs := loadSegments(b, "pptpcrack__test.pcap")
	var n int64
	for _, s := range segs {
		n += int64(len(s.tcp.Payload))
	}
	msgs := 0
	a := New(func(Message) { msgs++ }, Options{})
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		msgs = 0
		for i := range segs {
			s := &segs[i]
			a.Packet(s.net, &s.tcp, s.ci, s.frame)
		}
		a.Close()
		if msgs != 13 {
			b.Fatalf("%d messages", msgs)
		}
	}
}
