// Package pipeline is the packet loop: it reads a capture source, decodes
// each frame, reassembles the control connections, feeds the session
// tracker and the decryption stage, and hands typed events (records, phase
// changes, findings, ended sessions, statistics) to a session.Sink. The
// same loop serves whole files, streamed files and live captures; a Policy
// says when a session is finished and what is kept.
package pipeline

import (
	"errors"
	"io"
	"net/netip"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/reassembly"
	"github.com/pptpscope/pptpscope/session"
)

// ScanOptions selects what Scan reports.
type ScanOptions struct {
	// Data adds MPPE datagrams, GRE ack-only packets and other PPP frames
	// to the control messages.
	Data bool
	// TCP, when set, receives every TCP segment of a control connection
	// (port 1723) before reassembly: the session tracker follows the TCP
	// handshake and teardown with it. The event is valid only during the
	// call (the scanner reuses it).
	TCP func(*session.TCPEvent)
}

// ErrStop may be returned by a Scan callback to end the scan early without error.
var ErrStop = errors.New("stop")

// Scan reads every packet of src, decodes the PPTP and PPP parts and calls fn
// with each record in capture order. The control connection's TCP stream is
// reassembled, so a PPTP message carries the frame where it starts.
//
// It returns the counts and the source's error, if reading stopped before
// the clean end of the capture (the records before it were delivered).
func Scan(src capture.Source, opts ScanOptions, fn func(*session.Record) error) (stats session.ScanStats, err error) {
	// Files skip records that cannot be PPTP in their read buffer.
	if pf, ok := src.(interface{ SetPrefilter(capture.Prefilter) }); ok {
		pf.SetPrefilter(decode.MaybePPTP)
	}
	defer func() {
		if fr, ok := src.(interface{ Frames() int }); ok && fr.Frames() > stats.Frames {
			stats.Frames = fr.Frames()
		}
	}()
	// A regular file is read ahead in a goroutine of its own (the
	// analysis and the reading each take a core), which also decodes the
	// GRE data frames (decode.Early); stopped before the deferred Frames
	// above asks the file.
	s := newScanner(opts, fn)
	if ra := capture.ReadAhead(src); ra != nil && !slowPaths {
		defer ra.Stop()
		data := opts.Data
		var start time.Time
		started := false
		ra.Prepare = func(pkts []capture.Packet, aux *any) {
			if !started && len(pkts) > 0 {
				// The first packet the scanner sees: its start.
				start, started = pkts[0].CI.Timestamp, true
			}
			decodeEarly(pkts, aux, data, start)
		}
		return s.batches(ra)
	}
	for {
		pkt, err := src.Next()
		if err != nil {
			return s.end(err)
		}
		s.packet(&pkt, nil)
		if s.cbErr != nil {
			return s.end(nil)
		}
	}
}

// batches is the packet loop over a file read ahead.
func (s *scanner) batches(ra *capture.Ahead) (session.ScanStats, error) {
	for {
		pkts, aux, err := ra.Batch()
		early, _ := aux.(*earlyBatch)
		for i := range pkts {
			if early != nil {
				if r := &early.recs[i]; r.ok {
					s.earlyPacket(r)
				} else {
					s.packet(&pkts[i], &early.frames[i])
				}
			} else {
				s.packet(&pkts[i], nil)
			}
			if s.cbErr != nil {
				return s.end(nil)
			}
		}
		if err != nil {
			return s.end(err)
		}
	}
}

// end ends the scan after the source's error err (io.EOF: the end of the
// capture; nil: the callback's error stopped it).
func (s *scanner) end(err error) (session.ScanStats, error) {
	s.finish()
	switch {
	case err == nil && errors.Is(s.cbErr, ErrStop):
		return s.stats, nil
	case err == nil || errors.Is(err, io.EOF) || s.cbErr != nil:
		return s.stats, s.cbErr
	}
	return s.stats, err
}

// earlyBatch is the frames of a batch read ahead, decoded ahead in the
// reading goroutine when decode.Early can, and their records.
type earlyBatch struct {
	frames []decode.Early
	recs   []earlyRecord
}

// earlyRecord is the record of a frame decoded ahead (ok), made as
// pppRecord makes it; emit says whether the scan reports it.
type earlyRecord struct {
	rec      session.Record
	ok, emit bool
}

// decodeEarly is the Prepare of the read-ahead: it decodes the GRE data
// frames of a batch on the reading core, and makes their records (data:
// ScanOptions.Data; start: the capture time of its first frame, for
// Record.Rel).
func decodeEarly(pkts []capture.Packet, aux *any, data bool, start time.Time) {
	b, _ := (*aux).(*earlyBatch)
	if b == nil {
		b = &earlyBatch{}
		*aux = b
	}
	if cap(b.frames) < len(pkts) {
		b.frames = make([]decode.Early, len(pkts))
		b.recs = make([]earlyRecord, len(pkts))
	}
	b.frames, b.recs = b.frames[:len(pkts)], b.recs[:len(pkts)]
	for i := range pkts {
		e, r := &b.frames[i], &b.recs[i]
		r.ok = e.Decode(pkts[i].Data, pkts[i].LinkType)
		if r.ok {
			// The parts of the Frame e.Frame would make (no Frame built).
			var f frameParts
			f.src, f.dst, f.gre, f.ppp, f.mp = e.Parts()
			if f.mp != nil {
				f.msg = f.mp
			}
			r.emit = fillPPPRecord(&r.rec, &pkts[i], &f, data)
			r.rec.Rel = relTime(r.rec.Time, start)
		}
	}
}

// relTime is t.Sub(start) for the times of a file's records (made by
// time.Unix: no monotonic clock reading, which Sub would use): the difference of their seconds and nanoseconds, without
// Sub's overflow check (a tenth of the reading goroutine's time) when the
// seconds are far from overflowing a Duration; Sub otherwise.
func relTime(t, start time.Time) time.Duration {
	if d := t.Unix() - start.Unix(); d > -maxRelSec && d < maxRelSec {
		return time.Duration(d)*time.Second + time.Duration(t.Nanosecond()-start.Nanosecond())
	}
	return t.Sub(start)
}

// maxRelSec bounds the seconds relTime computes itself: well within a
// Duration's ±292 years.
const maxRelSec = 1 << 32

// scanner is the packet loop shared by file and live sources.
type scanner struct {
	opts  ScanOptions
	fn    func(*session.Record) error
	dec   *decode.Decoder
	asm   *reassembly.Assembler
	stats session.ScanStats
	rec   session.Record
	tcpEv session.TCPEvent // ScanOptions.TCP's, reused
	// cur is the packet being handled.
	cur   capture.Packet
	cbErr error
	pptp  decode.PPTP
	start time.Time
	// lastFlush is the capture time of the last idle-stream flush,
	// nextFlush a minute after it (zero before the first flush: every
	// capture time is after it).
	lastFlush, nextFlush time.Time
}

// Limits of the control-connection reassembly: connections followed at
// once, and how long an idle one is kept (PPTP peers send an Echo-Request
// every 60 s on an idle control connection).
const (
	maxControlStreams = 1 << 16
	streamIdle        = 5 * time.Minute
)

// slowPaths turns the fast paths off (tests compare the outputs with and
// without them): no reading ahead, every frame through the decoder's layer
// parsers.
var slowPaths bool

func newScanner(opts ScanOptions, fn func(*session.Record) error) *scanner {
	s := &scanner{opts: opts, fn: fn, dec: decode.NewDecoder()}
	s.dec.NoFastPath = slowPaths
	s.asm = reassembly.New(s.control, reassembly.Options{MaxStreams: maxControlStreams})
	return s
}

func (s *scanner) emit(r *session.Record) {
	if s.cbErr != nil {
		return
	}
	s.stats.Records++
	r.Rel = r.Time.Sub(s.start)
	if r.Err != nil {
		s.stats.DecodeErrs++
	}
	s.cbErr = s.fn(r)
}

// packet handles one packet; e, when not nil, is the packet decoded ahead.
func (s *scanner) packet(pkt *capture.Packet, e *decode.Early) {
	s.stats.Frames++
	if s.stats.Frames == 1 {
		s.start = pkt.CI.Timestamp
	}
	s.stats.LastFrame = pkt.Frame
	s.cur = *pkt
	s.flushIdle(pkt.CI.Timestamp)
	f := s.dec.DecodeEarly(e, pkt.Data, pkt.LinkType, pkt.CI.Timestamp)
	if errors.Is(f.Err, decode.ErrLinkType) {
		s.stats.UnknownLink++
		return
	}
	switch f.Kind {
	case decode.KindTCP:
		s.stats.PPTPFrames++
		if s.opts.TCP != nil {
			t := f.TCP
			s.tcpEv = session.TCPEvent{Frame: pkt.Frame, Time: pkt.CI.Timestamp, Src: f.Src, Dst: f.Dst,
				SrcPort: uint16(t.SrcPort), DstPort: uint16(t.DstPort), SYN: t.SYN, ACK: t.ACK, FIN: t.FIN, RST: t.RST,
				PayloadLen: len(t.Payload)}
			s.opts.TCP(&s.tcpEv)
		}
		s.asm.Packet(f.Net, f.TCP, pkt.CI, pkt.Frame)
	case decode.KindGRE, decode.KindPPPLink:
		if f.Kind == decode.KindGRE {
			s.stats.PPTPFrames++
		}
		s.pppRecord(f, pkt)
	}
}

// flushIdle flushes, at capture time t, the control connections idle for
// streamIdle, so connections that never close do not hold the
// reassembler's slots forever.
func (s *scanner) flushIdle(t time.Time) {
	if t.After(s.nextFlush) {
		if !s.lastFlush.IsZero() {
			s.asm.FlushOlderThan(t.Add(-streamIdle))
		}
		s.lastFlush, s.nextFlush = t, t.Add(time.Minute)
	}
}

// earlyPacket is packet for a GRE frame decoded ahead, whose record r
// decodeEarly made (whether the scan reports it or not: r.emit).
func (s *scanner) earlyPacket(r *earlyRecord) {
	// The packet's frame number and time are the record's (the packet
	// itself is not read here).
	frame, t := r.rec.Frame, r.rec.Time
	s.stats.Frames++
	if s.stats.Frames == 1 {
		s.start = t
	}
	s.stats.LastFrame = frame
	// Only the frame number: no PPTP message starts in a GRE frame, so
	// control (flushed messages) takes nothing else of it.
	s.cur.Frame = frame
	s.flushIdle(t)
	s.stats.PPTPFrames++
	if r.emit && s.cbErr == nil {
		// emit, with the record's Rel set already.
		s.stats.Records++
		s.cbErr = s.fn(&r.rec)
	}
}

// pppRecord reports a GRE packet or a PPP link frame.
func (s *scanner) pppRecord(f *decode.Frame, pkt *capture.Packet) {
	if makePPPRecord(&s.rec, f, pkt, s.opts.Data) {
		s.emit(&s.rec)
	}
}

// makePPPRecord makes r the record of a GRE packet or a PPP link frame f
// (pkt), and reports whether the scan reports it (data:
// ScanOptions.Data).
func makePPPRecord(r *session.Record, f *decode.Frame, pkt *capture.Packet, data bool) bool {
	mp, _ := f.Message.(*decode.MPPE)
	return fillPPPRecord(r, pkt, &frameParts{f.Src, f.Dst, f.Err, f.Truncated, f.GRE, f.PPP, f.Message, mp}, data)
}

// frameParts is what makePPPRecord reads of a Frame (mp: Message, when it
// is MPPE).
type frameParts struct {
	src, dst  netip.Addr
	err       error
	truncated bool
	gre       *decode.GRE
	ppp       *decode.PPP
	msg       decode.Message
	mp        *decode.MPPE
}

// fillPPPRecord is makePPPRecord of the parts of a frame (by pointer: a
// copy of the parts just stored was half of decodeEarly's own time).
func fillPPPRecord(r *session.Record, pkt *capture.Packet, f *frameParts, data bool) bool {
	// Cleared, then set field by field: a composite literal is built
	// aside and copied (a third of this function's time).
	*r = session.Record{}
	r.Frame, r.Time, r.Src, r.Dst, r.ID, r.CallID, r.Err = pkt.Frame, pkt.CI.Timestamp, f.src, f.dst, -1, -1, f.err
	r.Raw, r.LinkType = pkt.Data, pkt.LinkType
	if g := f.gre; g != nil {
		r.CallID = int(g.CallID())
		r.Seq, r.HasSeq = g.Seq, g.SeqPresent
		r.Ack, r.HasAck = g.Ack, g.AckPresent
	}
	switch mp := f.mp; {
	case mp != nil:
		// The common case, without the interface calls of the next.
		r.Message = mp
		r.Encrypted, r.Compressed = mp.Encrypted, mp.Compressed
		r.Proto, r.Msg, r.ID = mp.Proto(), mp.Name(), mp.Identifier()
		r.Notes = mp.Notes()
		r.Length = len(mp.Contents) + len(mp.Payload)
	case f.msg != nil:
		m := f.msg
		r.Message = m
		r.Proto, r.Msg, r.ID = m.Proto(), m.Name(), m.Identifier()
		r.Notes = m.Notes()
		r.Control = r.Proto != "MPPE"
		r.Length = len(m.LayerContents()) + len(m.LayerPayload())
	case f.ppp != nil:
		r.Proto, r.Msg = "PPP", decode.PPPProtocolName(f.ppp.Protocol)
		r.Length = len(f.ppp.Payload)
	case f.gre != nil && f.err == nil && f.gre.AckOnly():
		r.Proto, r.Msg = "GRE", "Ack"
	case f.gre != nil:
		r.Proto, r.Msg = "GRE", "Malformed"
	default:
		if f.err == nil {
			return false
		}
		r.Proto, r.Msg = "PPP", "Malformed"
	}
	if f.ppp != nil {
		r.PPPProtocol = uint16(f.ppp.Protocol)
	}
	if f.truncated && r.Err == nil {
		r.Notes = append(r.Notes, decode.Note{Code: "frame-truncated"})
	}
	return r.Control || data
}

// control reports one PPTP message cut from a control connection's stream.
func (s *scanner) control(m reassembly.Message) {
	r := &s.rec
	*r = session.Record{Frame: m.Frame, Time: m.Time, ID: -1, CallID: -1, Proto: "PPTP", Control: true,
		Lost: m.Lost, Length: len(m.Data)}
	if m.Frame == s.cur.Frame {
		r.Raw, r.LinkType = s.cur.Data, s.cur.LinkType
	}
	r.Src, r.Dst = flowAddrs(m.Net)
	r.SrcPort, r.DstPort = flowPorts(m.Transport)
	err := s.pptp.DecodeFromBytes(m.Data, gopacket.NilDecodeFeedback)
	if err != nil && len(s.pptp.LayerContents()) == 0 {
		r.Msg, r.Err = "Malformed", err
	} else {
		r.Message, r.Msg, r.Err = &s.pptp, s.pptp.Name(), err
		r.Notes = s.pptp.Notes()
	}
	if m.Lost > 0 {
		r.Notes = append(r.Notes, decode.Note{Code: "control-bytes-lost", Args: []any{m.Lost}})
	}
	if m.Truncated {
		r.Notes = append(r.Notes, decode.Note{Code: "control-stream-ends"})
	}
	s.emit(r)
}

func (s *scanner) finish() {
	s.asm.Close()
	st := s.asm.Stats()
	s.stats.StreamsDropped = st.StreamsDropped
	s.stats.BytesLost = int(st.BytesLost)
}
