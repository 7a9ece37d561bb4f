package decode

import (
	"errors"

	"github.com/gopacket/gopacket"
)

// placeholder: replaced by the real decoder.
func decodePPTP(data []byte, pb gopacket.PacketBuilder) error {
	return errors.New("PPTP decoder not written yet")
}
