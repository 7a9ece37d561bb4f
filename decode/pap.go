package decode

import (
	"errors"

	"github.com/gopacket/gopacket"
)

// placeholder: replaced by the real decoder.
func decodePAP(data []byte, pb gopacket.PacketBuilder) error {
	return errors.New("PAP decoder not written yet")
}
