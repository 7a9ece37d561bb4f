package capture

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// pcapng file format: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/
const (
	blockSHB = 0x0a0d0d0a // section header
	blockIDB = 0x00000001 // interface description
	blockPB  = 0x00000002 // packet (obsolete)
	blockSPB = 0x00000003 // simple packet
	blockEPB = 0x00000006 // enhanced packet
)

// ngState is a pcapng file read by pcapgo.NgReader through a gate that lets
// one block through at a time. Before opening the gate for a block, its
// header is peeked at in File.in and its lengths checked.
type ngState struct {
	r            *pcapgo.NgReader
	gate         gate
	br           *bufio.Reader    // between the gate and pcapgo, which reads it directly
	order        binary.ByteOrder // of the current section
	major, minor uint16           // its version, for messages
}

func blockName(typ uint32) string {
	switch typ {
	case blockSHB:
		return "section header block"
	case blockIDB:
		return "interface description block"
	case blockPB:
		return "packet block"
	case blockSPB:
		return "simple packet block"
	case blockEPB:
		return "enhanced packet block"
	}
	return fmt.Sprintf("block of type %#x", typ)
}

// minBlockLen is the shortest valid total length of a block of type typ.
func minBlockLen(typ uint32) uint32 {
	switch typ {
	case blockSHB:
		return 28
	case blockIDB:
		return 20
	case blockPB, blockEPB:
		return 32
	case blockSPB:
		return 16
	}
	return 12
}

// forPcapgo reports whether blocks of type typ are given to pcapgo. The
// others (name resolution, statistics, decryption secrets, custom blocks)
// are skipped unread: pcapgo would keep name records and secrets in memory
// until the end of the section, and nothing here uses them.
func forPcapgo(typ uint32) bool {
	switch typ {
	case blockSHB, blockIDB, blockPB, blockSPB, blockEPB:
		return true
	}
	return false
}

func isPacketBlock(typ uint32) bool {
	return typ == blockEPB || typ == blockPB || typ == blockSPB
}

// openPcapng has pcapgo read the section header block the file starts with.
func (f *File) openPcapng() error {
	s := &ngState{}
	s.gate.r = f.in
	// At least 4096 bytes, so that pcapgo uses it as it is and no bytes
	// hide in a buffer of pcapgo's own.
	s.br = bufio.NewReaderSize(&s.gate, 4096)
	f.ng = s
	typ, total, err := f.blockHeader()
	if err != nil {
		return err
	}
	s.gate.open(total)
	// WantMixedLinkType: each interface keeps its own link type, and
	// pcapgo does not read ahead to the first interface.
	if s.r, err = pcapgo.NewNgReader(s.br, pcapgo.NgReaderOptions{WantMixedLinkType: true}); err != nil {
		return f.ngError(err, typ)
	}
	return f.endBlock(typ, total)
}

// nextPcapng hands blocks to pcapgo up to the next packet.
func (f *File) nextPcapng() (Packet, error) {
	s := f.ng
	for {
		f.rec = f.off
		typ, total, err := f.blockHeader()
		if err != nil {
			return Packet{}, err
		}
		if !forPcapgo(typ) {
			if _, err := f.in.Discard(int(total)); err != nil {
				return Packet{}, f.readError(err, blockPart(typ))
			}
			f.off += int64(total)
			continue
		}
		s.gate.open(total)
		data, ci, opts, err := s.r.ZeroCopyReadPacketDataWithOptions()
		if err == io.EOF && !isPacketBlock(typ) {
			// pcapgo read the section header or interface description and
			// met the closed gate looking for a packet.
			if err := f.endBlock(typ, total); err != nil {
				return Packet{}, err
			}
			if typ == blockIDB {
				if err := f.checkInterface(); err != nil {
					return Packet{}, err
				}
			}
			continue
		}
		if err != nil {
			return Packet{}, f.ngError(err, typ)
		}
		if err := f.endBlock(typ, total); err != nil {
			return Packet{}, err
		}
		// With WantMixedLinkType pcapgo gives the link type of the
		// packet's interface as AncillaryData[0], which is cheaper than
		// copying the whole NgInterface out with Interface.
		lt, ok := layers.LinkType(0), false
		if len(ci.AncillaryData) > 0 {
			lt, ok = ci.AncillaryData[0].(layers.LinkType)
		}
		if !ok {
			ifc, err := s.r.Interface(ci.InterfaceIndex)
			if err != nil { // blockHeader checked the index
				return Packet{}, f.corrupt("because", blockPart(typ), err.Error())
			}
			lt = ifc.LinkType
		}
		ci.AncillaryData = nil // pcapgo's, reused; the link type is in Packet
		n := len(data)
		p := Packet{Data: data[:n:n], CI: ci, LinkType: lt}
		switch len(opts.Comments) {
		case 0:
		case 1:
			p.Comment = opts.Comments[0]
		default:
			p.Comment = strings.Join(opts.Comments, "\n")
		}
		return p, nil
	}
}

// blockHeader peeks at the header of the block at f.rec and checks what
// pcapgo would trust: the block's length and, for packet blocks, the
// captured length and the interface. It returns io.EOF at the clean end of
// the input. A section header sets the byte order.
func (f *File) blockHeader() (typ, total uint32, err error) {
	s := f.ng
	h, err := f.peek(8)
	if err == io.EOF {
		return 0, 0, err
	}
	if err != nil {
		return 0, 0, f.readError(err, msg("part.block-header"))
	}
	if binary.LittleEndian.Uint32(h) == blockSHB {
		if h, err = f.peek(16); err != nil {
			return 0, 0, f.readError(err, msg("part.shb"))
		}
		switch binary.BigEndian.Uint32(h[8:12]) {
		case 0x1a2b3c4d:
			s.order = binary.BigEndian
		case 0x4d3c2b1a:
			s.order = binary.LittleEndian
		default:
			return 0, 0, f.corrupt("shb-magic", append([]byte(nil), h[8:12]...))
		}
		s.major, s.minor = s.order.Uint16(h[12:14]), s.order.Uint16(h[14:16])
	}
	// The file starts with a section header (magicKind), so order is set.
	typ, total = s.order.Uint32(h[0:4]), s.order.Uint32(h[4:8])
	name := blockName(typ)
	if total%4 != 0 || total < minBlockLen(typ) {
		return 0, 0, f.corrupt("block-length", blockPart(typ), total)
	}
	limit := uint32(maxRecord)
	if !forPcapgo(typ) {
		limit = maxSkipBlock
	}
	if total > limit {
		return 0, 0, f.corrupt("block-length-limit", blockPart(typ), total, limit)
	}
	switch typ {
	case blockEPB, blockPB:
		if h, err = f.peek(28); err != nil {
			return 0, 0, f.readError(err, blockPart(typ))
		}
		if caplen := s.order.Uint32(h[20:24]); caplen > total-32 {
			return 0, 0, f.corrupt("block-caplen", blockPart(typ), caplen, total-32)
		}
		iface := s.order.Uint32(h[8:12])
		if typ == blockPB {
			iface = uint32(s.order.Uint16(h[8:10]))
		}
		if err := f.checkIndex(name, iface); err != nil {
			return 0, 0, err
		}
	case blockSPB:
		if h, err = f.peek(12); err != nil {
			return 0, 0, f.readError(err, blockPart(typ))
		}
		if err := f.checkIndex(name, 0); err != nil {
			return 0, 0, err
		}
		// pcapgo takes the original length, cut to the snap length.
		caplen := s.order.Uint32(h[8:12])
		if ifc, _ := s.r.Interface(0); ifc.SnapLength != 0 {
			caplen = min(caplen, ifc.SnapLength)
		}
		if caplen > total-16 {
			return 0, 0, f.corrupt("block-caplen", blockPart(typ), caplen, total-16)
		}
	}
	return typ, total, nil
}

func (f *File) checkIndex(name string, iface uint32) error {
	if n := f.ng.r.NInterfaces(); iface >= uint32(n) {
		return f.corrupt("block-interface", partNamed(name), iface, n)
	}
	return nil
}

// checkInterface refuses the interface pcapgo just read if its timestamps
// cannot be converted: pcapgo takes decimal resolutions up to 10^-63,
// though units of 10^-20 s and finer overflow its 64-bit arithmetic.
func (f *File) checkInterface() error {
	n := f.ng.r.NInterfaces()
	ifc, err := f.ng.r.Interface(n - 1)
	if err != nil {
		return f.corrupt("because", msg("part.idb"), err.Error())
	}
	if res := ifc.TimestampResolution; !res.Binary() && res.Exponent() > 19 {
		return f.corrupt("ts-resolution", n-1, uint8(res))
	}
	return nil
}

// endBlock checks that pcapgo read exactly the block at f.rec and that
// its trailing length matches, and moves f.off past it.
func (f *File) endBlock(typ, total uint32) error {
	s := f.ng
	if left := s.gate.n + int64(s.br.Buffered()); left != 0 {
		return f.corrupt("pcapgo-left", blockPart(typ), left, total)
	}
	if end := s.order.Uint32(s.gate.tail[:]); end != total {
		return f.corrupt("block-length-ends", blockPart(typ), total, end)
	}
	f.off += int64(total)
	return nil
}

// ngError maps an error from pcapgo reading the block at f.rec.
func (f *File) ngError(err error, typ uint32) error {
	s := f.ng
	if errors.Is(err, pcapgo.ErrNgVersionMismatch) {
		return f.corrupt("pcapng-version", s.major, s.minor)
	}
	return f.libError(err, s.gate.err, s.br.Buffered(), s.gate.limited, blockPart(typ))
}

// gate lets pcapgo read one block at a time: after open(n), n bytes of r
// go through, then Read returns io.EOF. pcapgo so stops at the end of each
// block rather than reading on to the next packet, which lets every block
// be checked before it is read, and it cannot read past a block whose
// contents claim more bytes than its length.
type gate struct {
	r       io.Reader
	n       int64   // bytes still let through
	limited bool    // a read met the end of the block
	err     error   // the first error r returned
	tail    [4]byte // the last 4 bytes let through: the block's trailing length
}

func (g *gate) open(n uint32) {
	g.n = int64(n)
	g.limited = false
}

func (g *gate) Read(p []byte) (int, error) {
	if g.n <= 0 {
		g.limited = true
		return 0, io.EOF
	}
	if int64(len(p)) > g.n {
		p = p[:g.n]
	}
	n, err := g.r.Read(p)
	g.n -= int64(n)
	if n >= len(g.tail) {
		copy(g.tail[:], p[n-len(g.tail):n])
	} else if n > 0 {
		copy(g.tail[:], g.tail[n:])
		copy(g.tail[len(g.tail)-n:], p[:n])
	}
	if err != nil && g.err == nil {
		g.err = err
	}
	return n, err
}
