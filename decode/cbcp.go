package decode

import (
	"errors"

	"github.com/gopacket/gopacket"
)

// placeholder: replaced by the real decoder.
func decodeCBCP(data []byte, pb gopacket.PacketBuilder) error {
	return errors.New("CBCP decoder not written yet")
}
