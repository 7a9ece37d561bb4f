package render

import (
	"fmt"
	"net/netip"
)

type netipAddr = netip.Addr

func hex32(v uint32) string { return fmt.Sprintf("0x%08x", v) }
