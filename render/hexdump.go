package render

import (
	"fmt"
	"strings"

	"github.com/pptpscope/pptpscope/session"
)

// HexDump writes b as tshark -x does: per 16 octets the offset (4 hex
// digits), two spaces, the octets in hex separated by spaces, three spaces
// and the octets as ASCII ('.' for what is not printable).
func HexDump(b []byte) string {
	var sb strings.Builder
	const hexDigits = "0123456789abcdef"
	for off := 0; off < len(b); off += 16 {
		line := b[off:min(off+16, len(b))]
		sb.WriteString(hexOffset(off))
		sb.WriteString("  ")
		for i := 0; i < 16; i++ {
			if i > 0 {
				sb.WriteByte(' ')
			}
			if i < len(line) {
				sb.WriteByte(hexDigits[line[i]>>4])
				sb.WriteByte(hexDigits[line[i]&15])
			} else {
				sb.WriteString("  ")
			}
		}
		sb.WriteString("   ")
		for _, c := range line {
			if c >= 0x20 && c < 0x7f {
				sb.WriteByte(c)
			} else {
				sb.WriteByte('.')
			}
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

func hexOffset(off int) string { return fmt.Sprintf("%04x", off) }

// recordDump is the hex dump of a record's frame and, when decrypted, of
// its inner PPP frame, as tshark shows several data sources: each under a
// "Name (N bytes):" line when there are two; "" when the frame's bytes
// are not at hand (a PPTP message completed in a later frame).
func recordDump(lang string, r *session.Record) string {
	if r.Raw == nil {
		return ""
	}
	inner := innerPPP(r)
	if inner == nil {
		return HexDump(r.Raw) + "\n"
	}
	return T(lang, "hexdump.frame", len(r.Raw)) + "\n" + HexDump(r.Raw) + "\n" +
		T(lang, "hexdump.inner", len(inner)) + "\n" + HexDump(inner) + "\n"
}

// innerPPP is the decrypted PPP frame of r (nil: none).
func innerPPP(r *session.Record) []byte {
	if r.Inner == nil || len(r.Inner.PPP) == 0 {
		return nil
	}
	return r.Inner.PPP
}
