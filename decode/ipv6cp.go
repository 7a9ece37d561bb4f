package decode

import (
	"errors"

	"github.com/gopacket/gopacket"
)

// placeholder: replaced by the real decoder.
func decodeIPV6CP(data []byte, pb gopacket.PacketBuilder) error {
	return errors.New("IPV6CP decoder not written yet")
}
