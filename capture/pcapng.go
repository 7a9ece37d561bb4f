package capture

import (
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"time"

	"github.com/gopacket/gopacket/layers"
)

// pcapng file format: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/
const (
	blockSHB = 0x0a0d0d0a // section header
	blockIDB = 0x00000001 // interface description
	blockPB  = 0x00000002 // packet (obsolete)
	blockSPB = 0x00000003 // simple packet
	blockEPB = 0x00000006 // enhanced packet

	optEnd      = 0
	optComment  = 1
	optTSResol  = 9  // if_tsresol
	optTSOffset = 14 // if_tsoffset
)

type ngState struct {
	order  binary.ByteOrder
	ifaces []ngIface // interfaces of the current section
}

type ngIface struct {
	linkType layers.LinkType
	snaplen  uint32
	units    uint64 // timestamp units per second
	scale    uint64 // nanoseconds per unit, 0 if not a whole number
	offset   int64  // seconds added to every timestamp (if_tsoffset)
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

// openPcapng reads the section header block the file starts with.
func (f *File) openPcapng() error {
	_, _, err := f.nextBlock()
	return err
}

// nextPcapng reads blocks up to the next packet.
func (f *File) nextPcapng() (Packet, error) {
	for {
		typ, body, err := f.nextBlock()
		if err != nil {
			return Packet{}, err
		}
		switch typ {
		case blockEPB, blockPB, blockSPB:
			return f.packetBlock(typ, body)
		}
	}
}

// nextBlock reads one block and handles section headers and interface
// descriptions. For packet blocks it returns the body (without type and
// lengths), a slice of the buffer valid until the next read; other blocks
// are skipped. The block is consumed either way.
func (f *File) nextBlock() (typ uint32, body []byte, err error) {
	s := &f.ng
	f.rec = f.off
	h, err := f.peek(8)
	if err == io.EOF {
		return 0, nil, err
	}
	if err != nil {
		return 0, nil, f.readError(err, "block header")
	}
	if typ = binary.LittleEndian.Uint32(h); typ == blockSHB {
		// The byte-order magic after the length decides how to read it.
		if h, err = f.peek(12); err != nil {
			return 0, nil, f.readError(err, "section header block")
		}
		switch binary.BigEndian.Uint32(h[8:12]) {
		case 0x1a2b3c4d:
			s.order = binary.BigEndian
		case 0x4d3c2b1a:
			s.order = binary.LittleEndian
		default:
			return 0, nil, f.corrupt("section header block with byte-order magic % x", h[8:12])
		}
	} else if s.order == nil {
		return 0, nil, f.corrupt("%s before the section header block", blockName(typ))
	}
	typ = s.order.Uint32(h[0:4])
	total := s.order.Uint32(h[4:8])
	if total%4 != 0 || total < minBlockLen(typ) {
		return 0, nil, f.corrupt("%s has length %d", blockName(typ), total)
	}
	switch typ {
	case blockSHB, blockIDB, blockEPB, blockPB, blockSPB:
	default:
		if total > maxSkipBlock {
			return 0, nil, f.corrupt("%s has length %d, over the %d limit", blockName(typ), total, maxSkipBlock)
		}
		if err := f.skip(int(total)); err != nil {
			return 0, nil, f.readError(err, blockName(typ))
		}
		return typ, nil, nil
	}
	if total > maxBuf {
		return 0, nil, f.corrupt("%s has length %d, over the %d limit", blockName(typ), total, maxBuf)
	}
	b, err := f.peek(int(total))
	if err != nil {
		return 0, nil, f.readError(err, blockName(typ))
	}
	if t := s.order.Uint32(b[total-4:]); t != total {
		return 0, nil, f.corrupt("%s has length %d at its start and %d at its end", blockName(typ), total, t)
	}
	body = b[8 : total-4]
	switch typ {
	case blockSHB:
		err = f.sectionHeader(body)
	case blockIDB:
		err = f.interfaceDescription(body)
	}
	if err != nil {
		return 0, nil, err
	}
	f.consume(int(total))
	return typ, body, nil
}

func (f *File) sectionHeader(b []byte) error {
	s := &f.ng
	major, minor := s.order.Uint16(b[4:6]), s.order.Uint16(b[6:8])
	if major != 1 {
		return f.corrupt("pcapng version %d.%d is not supported", major, minor)
	}
	s.ifaces = s.ifaces[:0]
	return nil
}

func (f *File) interfaceDescription(b []byte) error {
	s := &f.ng
	ifc := ngIface{
		linkType: layers.LinkType(s.order.Uint16(b[0:2])),
		snaplen:  s.order.Uint32(b[4:8]),
	}
	resol := byte(6)
	s.options(b[8:], func(code uint16, v []byte) {
		switch {
		case code == optTSResol && len(v) >= 1:
			resol = v[0]
		case code == optTSOffset && len(v) >= 8:
			ifc.offset = int64(s.order.Uint64(v))
		}
	})
	var ok bool
	if ifc.units, ok = tsUnits(resol); !ok {
		return f.corrupt("interface %d has timestamp resolution %#x", len(s.ifaces), resol)
	}
	if ifc.units <= 1e9 && 1e9%ifc.units == 0 {
		ifc.scale = 1e9 / ifc.units
	}
	s.ifaces = append(s.ifaces, ifc)
	return nil
}

// tsUnits decodes if_tsresol: units per second, 10^-v or 2^-(v&0x7f).
func tsUnits(v byte) (uint64, bool) {
	e := v & 0x7f
	if v&0x80 != 0 {
		return 1 << e, e <= 63
	}
	if e > 19 {
		return 0, false
	}
	u := uint64(1)
	for range e {
		u *= 10
	}
	return u, true
}

func (ifc *ngIface) time(ts uint64) time.Time {
	sec, frac := ts/ifc.units, ts%ifc.units
	var ns uint64
	if ifc.scale != 0 {
		ns = frac * ifc.scale
	} else {
		// frac < units, so the quotient is below 1e9 and Div64 cannot panic.
		hi, lo := bits.Mul64(frac, 1e9)
		ns, _ = bits.Div64(hi, lo, ifc.units)
	}
	return time.Unix(int64(sec)+ifc.offset, int64(ns)).UTC()
}

// packetBlock decodes an enhanced, simple or obsolete packet block body.
func (f *File) packetBlock(typ uint32, b []byte) (Packet, error) {
	s := &f.ng
	var p Packet
	var ifid, caplen uint32
	var ts uint64
	switch typ {
	case blockSPB:
		orig := s.order.Uint32(b[0:4])
		caplen = min(orig, uint32(len(b)-4))
		if len(s.ifaces) > 0 && s.ifaces[0].snaplen != 0 {
			caplen = min(caplen, s.ifaces[0].snaplen)
		}
		p.CI.Length = int(orig)
		b = b[4:]
	case blockEPB:
		ifid = s.order.Uint32(b[0:4])
	case blockPB:
		ifid = uint32(s.order.Uint16(b[0:2]))
	}
	if typ != blockSPB {
		ts = uint64(s.order.Uint32(b[4:8]))<<32 | uint64(s.order.Uint32(b[8:12]))
		caplen = s.order.Uint32(b[12:16])
		p.CI.Length = int(s.order.Uint32(b[16:20]))
		b = b[20:]
		if caplen > uint32(len(b)) {
			return Packet{}, f.corrupt("%s has captured length %d but holds %d bytes", blockName(typ), caplen, len(b))
		}
	}
	if ifid >= uint32(len(s.ifaces)) {
		return Packet{}, f.corrupt("%s on interface %d, but the section describes %d", blockName(typ), ifid, len(s.ifaces))
	}
	ifc := &s.ifaces[ifid]
	p.Data = b[:caplen:caplen]
	p.CI.CaptureLength = int(caplen)
	p.CI.InterfaceIndex = int(ifid)
	p.LinkType = ifc.linkType
	if typ != blockSPB {
		p.CI.Timestamp = ifc.time(ts)
		if pad := (int(caplen) + 3) &^ 3; pad < len(b) {
			s.options(b[pad:], func(code uint16, v []byte) {
				if code == optComment {
					if p.Comment != "" {
						p.Comment += "\n"
					}
					p.Comment += string(v)
				}
			})
		}
	}
	return p, nil
}

// options calls fn for each option in b, up to opt_endofopt. A malformed
// list ends where it stops making sense: options are never worth failing
// a packet for.
func (s *ngState) options(b []byte, fn func(code uint16, v []byte)) {
	for len(b) >= 4 {
		code, n := s.order.Uint16(b[0:2]), int(s.order.Uint16(b[2:4]))
		b = b[4:]
		if code == optEnd || n > len(b) {
			return
		}
		fn(code, b[:n])
		b = b[min((n+3)&^3, len(b)):]
	}
}
