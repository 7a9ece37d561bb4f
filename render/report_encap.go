package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/decode"
)

// RawFrame is a captured frame kept for the encapsulation view (the report
// re-dissects it layer by layer).
type RawFrame struct {
	Frame    int
	Time     time.Time
	LinkType layers.LinkType
	Data     []byte
	// Inner is the decrypted inner packet of an MPPE frame, when the
	// analysis had the credentials to decrypt it (nil otherwise).
	Inner []byte
	// InnerProtocol is the PPP protocol of Inner (0x0021 IPv4, 0x0057 IPv6).
	InnerProtocol uint16
	// Decompressed: the frame was MPPC compressed; MPPCIn octets of it
	// decompressed to MPPCOut.
	Decompressed    bool
	MPPCIn, MPPCOut int
}

// EncapLayer is one layer of a dissected frame.
type EncapLayer struct {
	Name       string
	Start, End int // byte range in the frame
	Fields     []string
	Encrypted  bool // the layer is still encrypted: its contents are unknown
	Decrypted  bool // the layer was recovered by decryption
}

// Encapsulation dissects a data frame into its layers: link, IP, GRE, PPP,
// MPPE and what is inside (the inner IP packet and its transport when the
// data is not encrypted or was decrypted, else one "encrypted" block).
func Encapsulation(lang string, f RawFrame) []EncapLayer {
	p := gopacket.NewPacket(f.Data, f.LinkType, gopacket.Default)
	var out []EncapLayer
	off := 0
	encrypted := false
	for _, l := range p.Layers() {
		n := len(l.LayerContents())
		el := EncapLayer{Name: layerName(l), Start: off, End: off + n, Fields: layerFields(l)}
		if _, ok := l.(*gopacket.Payload); ok {
			el.Name = "payload"
		}
		if m, ok := l.(*decode.MPPE); ok && m.Encrypted {
			encrypted = true
			out = append(out, el)
			off += n
			rest := len(m.LayerPayload())
			what := "inner IP | TCP/UDP/ICMP | data"
			if len(f.Inner) > 0 && f.Decompressed {
				// Decrypted, then decompressed: the inner packet's octets
				// are not those of the ciphertext, so its layers span the
				// compressed block.
				out = append(out, EncapLayer{Name: T(lang, "mppc.layer"), Start: off, End: off + rest, Decrypted: true,
					Fields: []string{T(lang, "mppc.layer.decompressed", f.MPPCIn, f.MPPCOut)}})
				for _, l := range innerLayers(f, off, rest) {
					l.Start, l.End = off, off+rest
					out = append(out, l)
				}
			} else if len(f.Inner) > 0 {
				out = append(out, innerLayers(f, off, rest)...)
			} else {
				out = append(out, EncapLayer{Name: "encrypted", Start: off, End: off + rest, Encrypted: true,
					Fields: []string{what, fmt.Sprintf("%d bytes of RC4 ciphertext", rest)}})
			}
			off += rest
			break
		}
		if _, ok := l.(*gopacket.DecodeFailure); ok {
			el.Name = "undecoded"
		}
		out = append(out, el)
		off += n
	}
	if !encrypted && off < len(f.Data) {
		out = append(out, EncapLayer{Name: "trailer", Start: off, End: len(f.Data)})
	}
	return out
}

// innerLayers dissects a decrypted inner packet; its byte ranges are those
// of the ciphertext it came from.
func innerLayers(f RawFrame, base, n int) []EncapLayer {
	first := layers.LayerTypeIPv4
	if f.InnerProtocol == 0x0057 {
		first = layers.LayerTypeIPv6
	}
	p := gopacket.NewPacket(f.Inner, first, gopacket.Default)
	var out []EncapLayer
	off := 0
	for _, l := range p.Layers() {
		k := len(l.LayerContents())
		last := false
		if k == 0 && len(l.LayerPayload()) > 0 { // a layer that keeps its bytes as payload
			k, last = len(l.LayerPayload()), true
		}
		el := EncapLayer{Name: layerName(l), Start: base + off, End: base + off + k, Fields: append([]string{"decrypted"}, layerFields(l)...), Decrypted: true}
		if _, ok := l.(*gopacket.Payload); ok {
			el.Name = "payload"
		}
		if k > 0 {
			out = append(out, el)
		}
		off += k
		if last {
			break
		}
	}
	if off < n {
		out = append(out, EncapLayer{Name: "payload", Start: base + off, End: base + n, Decrypted: true})
	}
	return out
}

func layerName(l gopacket.Layer) string {
	switch l.LayerType() {
	case layers.LayerTypeIPv4:
		return "IPv4"
	case layers.LayerTypeIPv6:
		return "IPv6"
	case decode.LayerTypeGRE:
		return "GRE"
	case layers.LayerTypeLinuxSLL, layers.LayerTypeLinuxSLL2:
		return "Linux cooked"
	}
	return l.LayerType().String()
}

// layerFields lists a layer's main fields.
func layerFields(l gopacket.Layer) []string {
	switch v := l.(type) {
	case *layers.Ethernet:
		return []string{"src " + v.SrcMAC.String(), "dst " + v.DstMAC.String(), "type " + v.EthernetType.String()}
	case *layers.IPv4:
		return []string{fmt.Sprintf("%s → %s", v.SrcIP, v.DstIP), fmt.Sprintf("protocol %d (%s)", v.Protocol, v.Protocol),
			fmt.Sprintf("ttl %d", v.TTL), fmt.Sprintf("total length %d", v.Length)}
	case *layers.IPv6:
		return []string{fmt.Sprintf("%s → %s", v.SrcIP, v.DstIP), fmt.Sprintf("next header %d (%s)", v.NextHeader, v.NextHeader),
			fmt.Sprintf("hop limit %d", v.HopLimit)}
	case *decode.GRE:
		out := []string{"version 1 (enhanced GRE)", fmt.Sprintf("call ID %d", v.CallID()), fmt.Sprintf("payload length %d", v.PayloadLength())}
		if v.SeqPresent {
			out = append(out, fmt.Sprintf("seq %d", v.Seq))
		}
		if v.AckPresent {
			out = append(out, fmt.Sprintf("ack %d", v.Ack))
		}
		return out
	case *decode.PPP:
		out := []string{fmt.Sprintf("protocol 0x%04x (%s)", uint16(v.Protocol), decode.PPPProtocolName(v.Protocol))}
		if v.AddressControl {
			out = append(out, "address/control ff 03")
		}
		return out
	case *decode.MPPE:
		flags := []string{}
		if v.Flushed {
			flags = append(flags, "A flushed")
		}
		if v.Compressed {
			flags = append(flags, "C compressed")
		}
		if v.Encrypted {
			flags = append(flags, "D encrypted")
		}
		return []string{fmt.Sprintf("coherency count %d", v.CoherencyCount), "flags " + strings.Join(flags, ", ")}
	case *layers.TCP:
		var flags []string
		for _, f := range []struct {
			on   bool
			name string
		}{{v.SYN, "SYN"}, {v.ACK, "ACK"}, {v.PSH, "PSH"}, {v.FIN, "FIN"}, {v.RST, "RST"}} {
			if f.on {
				flags = append(flags, f.name)
			}
		}
		return []string{fmt.Sprintf("port %d → %d", v.SrcPort, v.DstPort), "flags " + strings.Join(flags, ","), fmt.Sprintf("seq %d", v.Seq)}
	case *layers.UDP:
		return []string{fmt.Sprintf("port %d → %d", v.SrcPort, v.DstPort), fmt.Sprintf("length %d", v.Length)}
	case *layers.ICMPv4:
		return []string{v.TypeCode.String(), fmt.Sprintf("id %d seq %d", v.Id, v.Seq)}
	case *layers.ICMPv6:
		return []string{v.TypeCode.String()}
	case *gopacket.Payload:
		return []string{fmt.Sprintf("%d bytes", len(v.Payload()))}
	}
	return []string{fmt.Sprintf("%d bytes", len(l.LayerContents()))}
}
