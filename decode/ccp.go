package decode

import (
	"errors"

	"github.com/gopacket/gopacket"
)

// placeholder: replaced by the real decoder.
func decodeCCP(data []byte, pb gopacket.PacketBuilder) error {
	return errors.New("CCP decoder not written yet")
}
