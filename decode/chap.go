package decode

import (
	"errors"

	"github.com/gopacket/gopacket"
)

// placeholder: replaced by the real decoder.
func decodeCHAP(data []byte, pb gopacket.PacketBuilder) error {
	return errors.New("CHAP decoder not written yet")
}
