package decode

import (
	"errors"

	"github.com/gopacket/gopacket"
)

// placeholder: replaced by the real decoder.
func decodeEAP(data []byte, pb gopacket.PacketBuilder) error {
	return errors.New("EAP decoder not written yet")
}
