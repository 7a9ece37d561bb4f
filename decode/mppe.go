package decode

import (
	"errors"

	"github.com/gopacket/gopacket"
)

// placeholder: replaced by the real decoder.
func decodeMPPE(data []byte, pb gopacket.PacketBuilder) error {
	return errors.New("MPPE decoder not written yet")
}
