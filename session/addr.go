package session

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
