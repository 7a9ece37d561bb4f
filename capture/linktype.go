package capture

import (
	"fmt"
	"slices"

	"github.com/gopacket/gopacket/layers"
)

// CheckLinkType returns nil if lt is one of supported, else an error
// wrapping ErrUnsupportedLinkType that names lt and the supported ones.
// The decoders decide what they support; this package only reports it.
func CheckLinkType(lt layers.LinkType, supported []layers.LinkType) error {
	if slices.Contains(supported, lt) {
		return nil
	}
	names := make([]string, len(supported))
	for i, s := range supported {
		names[i] = LinkTypeName(s)
	}
	return msg("unsupported-link", ErrUnsupportedLinkType, LinkTypeName(lt), List(names))
}

// LinkTypeName returns the link type's number and name, e.g. "1 (Ethernet)".
func LinkTypeName(lt layers.LinkType) string {
	name, ok := linkTypeNames[lt]
	if !ok {
		name = lt.String()
	}
	if name == "UnknownLinkType" {
		name = "unknown"
	}
	return fmt.Sprintf("%d (%s)", uint16(lt), name)
}

// linkTypeNames names link types that gopacket has no name for, from
// https://www.tcpdump.org/linktypes.html.
var linkTypeNames = map[layers.LinkType]string{
	50:  "PPP in HDLC framing",
	51:  "PPPoE",
	104: "Cisco HDLC",
	204: "PPP with direction",
	228: "raw IPv4",
	229: "raw IPv6",
}
