package session

import "net/netip"

type netipAddr = netip.Addr
