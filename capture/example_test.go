package capture_test

import (
	"errors"
	"fmt"
	"io"
	"log"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/capture"
)

func ExampleOpen() {
	// A pcapng file with an Ethernet and a PPP interface ("-" would read
	// standard input). The format is found from the content, gzip too.
	src, err := capture.Open("testdata/mergecap-ether-ppp.pcapng")
	if err != nil {
		log.Fatal(err) // e.g. "x.txt: not a pcap or pcapng file: looks like text"
	}
	defer src.Close()
	supported := []layers.LinkType{layers.LinkTypeEthernet}
	for {
		pkt, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// e.g. "capture cut short after frame 17 (byte 2345): truncated packet record"
			log.Fatalf("%s: %v", src.Name(), err)
		}
		// pkt.Data is only valid until the next call to Next.
		if err := capture.CheckLinkType(pkt.LinkType, supported); err != nil {
			fmt.Printf("frame %d: %v\n", pkt.Frame, err)
			continue
		}
		fmt.Printf("frame %d: %d bytes at %s\n", pkt.Frame, len(pkt.Data), pkt.CI.Timestamp.Format("2006-01-02 15:04:05.000000"))
	}
	// Output:
	// frame 1: unsupported link type 9 (PPP) (supported: 1 (Ethernet))
	// frame 2: 74 bytes at 2012-06-05 20:43:04.387487
	// frame 3: 111 bytes at 2012-06-05 20:43:04.389909
	// frame 4: 115 bytes at 2012-06-05 20:43:04.474098
}
