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
		el := EncapLayer{Name: layerName(l), Start: off, End: off + n, Fields: layerFields(lang, l)}
		if _, ok := l.(*gopacket.Payload); ok {
			el.Name = T(lang, "encap.payload")
		}
		if m, ok := l.(*decode.MPPE); ok && m.Encrypted {
			encrypted = true
			out = append(out, el)
			off += n
			rest := len(m.LayerPayload())
			what := T(lang, "encap.inner-what")
			if len(f.Inner) > 0 && f.Decompressed {
				// Decrypted, then decompressed: the inner packet's octets
				// are not those of the ciphertext, so its layers span the
				// compressed block.
				out = append(out, EncapLayer{Name: T(lang, "mppc.layer"), Start: off, End: off + rest, Decrypted: true,
					Fields: []string{T(lang, "mppc.layer.decompressed", f.MPPCIn, f.MPPCOut)}})
				for _, l := range innerLayers(lang, f, off, rest) {
					l.Start, l.End = off, off+rest
					out = append(out, l)
				}
			} else if len(f.Inner) > 0 {
				out = append(out, innerLayers(lang, f, off, rest)...)
			} else {
				out = append(out, EncapLayer{Name: T(lang, "encap.encrypted"), Start: off, End: off + rest, Encrypted: true,
					Fields: []string{what, T(lang, "encap.ciphertext", rest)}})
			}
			off += rest
			break
		}
		if _, ok := l.(*gopacket.DecodeFailure); ok {
			el.Name = T(lang, "encap.undecoded")
		}
		out = append(out, el)
		off += n
	}
	if !encrypted && off < len(f.Data) {
		out = append(out, EncapLayer{Name: T(lang, "encap.trailer"), Start: off, End: len(f.Data)})
	}
	return out
}

// innerLayers dissects a decrypted inner packet; its byte ranges are those
// of the ciphertext it came from.
func innerLayers(lang string, f RawFrame, base, n int) []EncapLayer {
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
		el := EncapLayer{Name: layerName(l), Start: base + off, End: base + off + k, Fields: append([]string{T(lang, "encap.decrypted")}, layerFields(lang, l)...), Decrypted: true}
		if _, ok := l.(*gopacket.Payload); ok {
			el.Name = T(lang, "encap.payload")
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
		out = append(out, EncapLayer{Name: T(lang, "encap.payload"), Start: base + off, End: base + n, Decrypted: true})
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
func layerFields(lang string, l gopacket.Layer) []string {
	switch v := l.(type) {
	case *layers.Ethernet:
		return []string{T(lang, "encap.src", v.SrcMAC), T(lang, "encap.dst", v.DstMAC), T(lang, "encap.type", v.EthernetType)}
	case *layers.IPv4:
		return []string{fmt.Sprintf("%s → %s", v.SrcIP, v.DstIP), T(lang, "encap.protocol", int(v.Protocol), v.Protocol),
			T(lang, "encap.ttl", v.TTL), T(lang, "encap.total-length", v.Length)}
	case *layers.IPv6:
		return []string{fmt.Sprintf("%s → %s", v.SrcIP, v.DstIP), T(lang, "encap.next-header", int(v.NextHeader), v.NextHeader),
			T(lang, "encap.hop-limit", v.HopLimit)}
	case *decode.GRE:
		out := []string{T(lang, "encap.gre-version"), T(lang, "encap.call-id", v.CallID()), T(lang, "encap.payload-length", v.PayloadLength())}
		if v.SeqPresent {
			out = append(out, T(lang, "encap.seq", v.Seq))
		}
		if v.AckPresent {
			out = append(out, T(lang, "encap.ack", v.Ack))
		}
		return out
	case *decode.PPP:
		out := []string{T(lang, "encap.ppp-protocol", fmt.Sprintf("0x%04x", uint16(v.Protocol)), decode.PPPProtocolName(v.Protocol))}
		if v.AddressControl {
			out = append(out, T(lang, "encap.address-control"))
		}
		return out
	case *decode.MPPE:
		flags := []string{}
		if v.Flushed {
			flags = append(flags, T(lang, "encap.flag-a"))
		}
		if v.Compressed {
			flags = append(flags, T(lang, "encap.flag-c"))
		}
		if v.Encrypted {
			flags = append(flags, T(lang, "encap.flag-d"))
		}
		return []string{T(lang, "encap.ccount", v.CoherencyCount), T(lang, "encap.flags", strings.Join(flags, T(lang, "list.sep")))}
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
		return []string{T(lang, "encap.ports", int(v.SrcPort), int(v.DstPort)), T(lang, "encap.flags", strings.Join(flags, ",")), T(lang, "encap.seq", v.Seq)}
	case *layers.UDP:
		return []string{T(lang, "encap.ports", int(v.SrcPort), int(v.DstPort)), T(lang, "encap.length", v.Length)}
	case *layers.ICMPv4:
		return []string{v.TypeCode.String(), T(lang, "encap.icmp-id", v.Id, v.Seq)}
	case *layers.ICMPv6:
		return []string{v.TypeCode.String()}
	case *gopacket.Payload:
		return []string{TN(lang, "encap.bytes", len(v.Payload()), len(v.Payload()))}
	}
	return []string{TN(lang, "encap.bytes", len(l.LayerContents()), len(l.LayerContents()))}
}
