package capture

import (
	"errors"
	"strings"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"golang.org/x/net/bpf"
)

// TestDefaultFilterProgram runs the assembled filter over every frame of
// real captures and compares with gopacket's decoding: kept exactly when
// TCP port 1723 or IP protocol 47.
func TestDefaultFilterProgram(t *testing.T) {
	vm, err := bpf.NewVM(DefaultFilterProgram(100))
	if err != nil {
		t.Fatal(err)
	}
	kept, dropped := 0, 0
	for _, name := range []string{"pppd__mschapv2-mppe128.pcap", "pppd__gre-blocked.pcap", "nDPI__pptp.pcap"} {
		src, err := Open("../testdata/pcaps/" + name)
		if err != nil {
			t.Fatal(err)
		}
		for {
			p, err := src.Next()
			if err != nil {
				break
			}
			pkt := gopacket.NewPacket(p.Data, layers.LayerTypeEthernet, gopacket.Default)
			want := pkt.Layer(layers.LayerTypeGRE) != nil
			if tcp, ok := pkt.Layer(layers.LayerTypeTCP).(*layers.TCP); ok && (tcp.SrcPort == 1723 || tcp.DstPort == 1723) {
				want = true
			}
			n, err := vm.Run(p.Data)
			if err != nil {
				t.Fatal(err)
			}
			if got := n > 0; got != want {
				t.Errorf("%s frame %d: filter keeps=%v, want %v", name, p.Frame, got, want)
			}
			if n > 0 {
				kept++
			} else {
				dropped++
			}
		}
		src.Close()
	}
	if kept == 0 || dropped == 0 {
		t.Errorf("kept %d, dropped %d: the captures should have both", kept, dropped)
	}
}

func TestOpenLiveUnknownInterface(t *testing.T) {
	_, err := OpenLive("no-such-if0", LiveOptions{})
	if !errors.Is(err, ErrNoInterface) || !strings.Contains(err.Error(), "lo") {
		t.Fatalf("got %v, want ErrNoInterface listing lo", err)
	}
}
