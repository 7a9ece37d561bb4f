package decode

import (
	"errors"

	"github.com/gopacket/gopacket"
)

// placeholder: replaced by the real decoder.
func decodeLCP(data []byte, pb gopacket.PacketBuilder) error {
	return errors.New("LCP decoder not written yet")
}
