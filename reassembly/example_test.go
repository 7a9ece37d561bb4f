package reassembly_test

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/reassembly"
)

// A capture that starts in the middle of a control connection, with the
// messages of pppd__mschapv2-mppe128.pcap (frames 66, 67 and 114): the
// client's Echo-Request spans two segments, after 4 bytes left from an
// earlier message; the second segment also holds a Call-Clear-Request.
func Example() {
	echoRequest, _ := hex.DecodeString("001000011a2b3c4d0005000000000001")
	echoReply, _ := hex.DecodeString("001400011a2b3c4d000600000000000101000000")
	callClear, _ := hex.DecodeString("001000011a2b3c4d000c0000ff970000")
	client, server := net.IP{10, 0, 0, 2}, net.IP{10, 0, 0, 1}

	a := reassembly.New(func(m reassembly.Message) {
		fmt.Printf("frame %d %v:%v -> %v:%v: type %d, %d bytes, %d lost before\n", m.Frame,
			m.Net.Src(), m.Transport.Src(), m.Net.Dst(), m.Transport.Dst(),
			binary.BigEndian.Uint16(m.Data[8:10]), len(m.Data), m.Lost)
	}, reassembly.Options{})

	segments := []struct {
		src, dst     net.IP
		sport, dport layers.TCPPort
		seq          uint32
		payload      []byte
	}{
		{client, server, 40679, 1723, 2368221258, append([]byte{0, 0, 0, 1}, echoRequest[:7]...)},
		{server, client, 1723, 40679, 2795056037, echoReply},
		{client, server, 40679, 1723, 2368221269, append(echoRequest[7:], callClear...)},
	}
	for i, s := range segments {
		// In a real loop the packet comes from a capture.
		ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolTCP, SrcIP: s.src, DstIP: s.dst}
		tcp := &layers.TCP{SrcPort: s.sport, DstPort: s.dport, Seq: s.seq, ACK: true, PSH: true, Window: 502}
		_ = tcp.SetNetworkLayerForChecksum(ip)
		buf := gopacket.NewSerializeBuffer()
		opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
		if err := gopacket.SerializeLayers(buf, opts, ip, tcp, gopacket.Payload(s.payload)); err != nil {
			panic(err)
		}
		pkt := gopacket.NewPacket(buf.Bytes(), layers.LayerTypeIPv4, gopacket.Default)
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(1700000000+int64(i), 0), CaptureLength: len(buf.Bytes()), Length: len(buf.Bytes())}
		a.Packet(pkt.NetworkLayer().NetworkFlow(), pkt.Layer(layers.LayerTypeTCP).(*layers.TCP), ci, i+1)
	}
	a.Close()
	st := a.Stats()
	fmt.Printf("%d messages, %d bytes lost\n", st.Messages, st.BytesLost)
	// Output:
	// frame 2 10.0.0.1:1723 -> 10.0.0.2:40679: type 6, 20 bytes, 0 lost before
	// frame 1 10.0.0.2:40679 -> 10.0.0.1:1723: type 5, 16 bytes, 4 lost before
	// frame 3 10.0.0.2:40679 -> 10.0.0.1:1723: type 12, 16 bytes, 0 lost before
	// 3 messages, 4 bytes lost
}
