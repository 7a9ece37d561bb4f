package decode

import (
	"errors"

	"github.com/gopacket/gopacket"
)

// placeholder: replaced by the real decoder.
func decodeIPCP(data []byte, pb gopacket.PacketBuilder) error {
	return errors.New("IPCP decoder not written yet")
}
