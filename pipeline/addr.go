package pipeline

import (
	"net/netip"

	"github.com/gopacket/gopacket"
)

// flowAddrs returns the source and destination addresses of a network flow.
func flowAddrs(f gopacket.Flow) (netip.Addr, netip.Addr) {
	src, _ := netip.AddrFromSlice(f.Src().Raw())
	dst, _ := netip.AddrFromSlice(f.Dst().Raw())
	return src.Unmap(), dst.Unmap()
}

// flowPorts returns the source and destination ports of a transport flow.
func flowPorts(f gopacket.Flow) (uint16, uint16) {
	port := func(b []byte) uint16 {
		if len(b) != 2 {
			return 0
		}
		return uint16(b[0])<<8 | uint16(b[1])
	}
	return port(f.Src().Raw()), port(f.Dst().Raw())
}
