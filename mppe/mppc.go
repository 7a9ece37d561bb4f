package mppe

import (
	"errors"
	"fmt"
)

// MPPC (Microsoft Point-to-Point Compression, RFC 2118) as PPTP uses it: an
// LZ77 variant with an 8192-octet history per direction. The MPPE/MPPC
// header (Header) carries its bits: A (BitFlushed), B (BitRestart), C
// (BitCompressed); D (BitEncrypted) is MPPE's. With encryption, a frame is
// decrypted first and its plaintext decompressed (the sender compresses,
// then encrypts).
//
// Bit stream (RFC 2118 §4.1-4.2), most significant bit first, padded with
// zero bits to an octet boundary:
//
//	literal 0x00-0x7F      0 + 7 bits
//	literal 0x80-0xFF      10 + low 7 bits
//	copy offset 1-63       1111 + 6 bits
//	copy offset 64-319     1110 + 8 bits (offset-64)
//	copy offset 320-8191   110 + 13 bits (offset-320)
//	copy length 3          0
//	copy length 4-7        10 + 2 bits (length-4)
//	copy length 2^k..2^(k+1)-1 (k = 3..12)   k-1 ones, a zero, k bits
//
// A copy tuple is an offset followed by a length; the copy may overlap the
// octets it produces (offset < length repeats them).
//
// History rules. These were settled from the bit definitions of RFC 2118
// §3.1 (restated by [MS-RDPBCGR] 3.1.8.2.1 and 3.1.8.3, RDP 4.0 using the
// same 8 KB MPPC) and two implementations nobody here wrote, read for facts
// only: FreeBSD's kernel (sys/netgraph/ng_mppc.c, sys/net/mppcc.c,
// sys/net/mppcd.c) and FreeRDP (libfreerdp/codec/mppc.c). FreeRDP's codec
// is also run against this one (TestMPPCFreeRDP,
// scripts/mppc-freerdp-crosscheck.sh).
//
//   - A (flushed): the history is reinitialised before the frame is
//     handled, whether or not C is set. FreeBSD ng_mppc.c
//     (ng_mppc_decompress calls MPPC_InitDecompressionHistory for every
//     frame with the flushed bit, before looking at C); FreeRDP mppc.c
//     (mppc_decompress handles PACKET_FLUSHED before testing
//     PACKET_COMPRESSED); [MS-RDPBCGR] 3.1.8.3 ("PACKET_FLUSHED MUST be
//     processed first").
//   - B (at front): the frame's output starts at the front of the history
//     (position 0); B goes with C and is ignored without it (FreeBSD
//     looks at it only for compressed frames). The history behaves as a
//     ring: offsets from near the front reach back into the end of the
//     history left by earlier frames.
//     FreeRDP masks the copy source with 0x1FFF; FreeBSD mppcd.c copies the
//     old 8 KB window below the front on MPPC_RESTART_HISTORY, which is the
//     same for every offset up to 8191. A B frame is therefore not
//     self-contained and does not resynchronise a receiver; only A does.
//   - C clear (the frame is sent as is, typically because compressing it
//     would have expanded it): the payload is the frame, and the history is
//     left untouched - the frame is not appended to it. FreeBSD
//     ng_mppc_decompress skips MPPC_Decompress for such frames, FreeRDP
//     returns the source before touching the history, and [MS-RDPBCGR]
//     3.1.8.3 only appends data for PACKET_COMPRESSED. The sender, for its
//     part, throws its own history away when a frame expands: FreeBSD
//     mppcc.c clears it on MPPC_EXPANDED and ng_mppc_compress then sets the
//     flushed bit on the NEXT frame; FreeRDP (and RDP) sets PACKET_FLUSHED
//     on the uncompressed frame itself. Both orders work with the rule
//     above, and so does the Compressor here (A on the next frame, as
//     FreeBSD). TestMPPCUncompressedLeavesHistory checks the rule.
//   - The end of the history is a hard limit: a frame's output must fit
//     between its start position and 8192 (FreeRDP: "history buffer
//     overflow"; the senders move to the front with B instead).
//   - Offset 0, and offsets that reach octets never written since the last
//     A, are errors here. FreeBSD and FreeRDP would read zeros from their
//     cleared buffers there, but no conforming compressor refers to them,
//     so such a frame is corrupt (or decrypted with the wrong key).
//   - Synchronisation (RFC 2118 §4.3; ng_mppc_decompress fails every
//     frame after a coherency-count gap until one with the flushed bit, and
//     its node then sends the Reset-Request): in stateful mode a gap means
//     the histories differ; the receiver sends a CCP Reset-Request and
//     drops compressed frames until one with A arrives. In stateless mode (H bit) every frame is flushed and
//     decompressed on its own.

// Errors of the MPPC decompressor; the returned errors wrap one of them.
var (
	// ErrMPPCDesync: a compressed frame on a direction whose history is not
	// known (no flushed frame seen yet, a coherency-count gap, or an earlier
	// frame that could not be decompressed): it is not decompressed, and
	// the direction stays out of sync until a frame with the A bit.
	ErrMPPCDesync = errors.New("MPPC history out of sync")
	// ErrMPPCCorrupt: the compressed data is invalid (offset 0 or before the
	// history start, output past the 8192-octet history, truncated or
	// invalid code); the direction is out of sync until a frame with A.
	ErrMPPCCorrupt = errors.New("corrupt MPPC data")
)

// MPPCReason says why a frame was not decompressed.
type MPPCReason uint8

const (
	// ReasonCorrupt: the frame's compressed data is invalid (ErrMPPCCorrupt).
	ReasonCorrupt MPPCReason = iota + 1
	// ReasonNotFlushed: no frame with A seen yet on this direction (the
	// capture starts after CCP), so the history is unknown (ErrMPPCDesync).
	ReasonNotFlushed
	// ReasonGap: out of sync since a coherency-count gap (lost frames)
	// (ErrMPPCDesync).
	ReasonGap
	// ReasonAfterCorrupt: out of sync since a frame that could not be
	// decompressed (ErrMPPCDesync).
	ReasonAfterCorrupt
)

// String is a stable code for logs and JSON (render has the sentences).
func (r MPPCReason) String() string {
	switch r {
	case ReasonCorrupt:
		return "corrupt"
	case ReasonNotFlushed:
		return "not-flushed"
	case ReasonGap:
		return "gap"
	case ReasonAfterCorrupt:
		return "after-corrupt"
	}
	return fmt.Sprintf("reason-%d", uint8(r))
}

// MPPCError is the error of a frame that was not decompressed. It wraps
// ErrMPPCCorrupt (Reason ReasonCorrupt) or ErrMPPCDesync (the others).
type MPPCError struct {
	Header Header     // the frame's header
	Reason MPPCReason // why
	// Since is the coherency count of the frame that put the direction
	// out of sync (ReasonGap: the first count after the gap;
	// ReasonAfterCorrupt: the corrupt frame; ReasonCorrupt: this frame).
	// Meaningless for ReasonNotFlushed.
	Since  uint16
	Detail string // ReasonCorrupt: what is wrong, in English, for logs
}

func (e *MPPCError) Error() string {
	switch e.Reason {
	case ReasonCorrupt:
		return fmt.Sprintf("%v: %v: %s", ErrMPPCCorrupt, e.Header, e.Detail)
	case ReasonGap:
		return fmt.Sprintf("%v (since the coherency-count gap before %d): %v", ErrMPPCDesync, e.Since, e.Header)
	case ReasonAfterCorrupt:
		return fmt.Sprintf("%v (since corrupt frame %d): %v", ErrMPPCDesync, e.Since, e.Header)
	}
	return fmt.Sprintf("%v (no flushed frame yet): %v", ErrMPPCDesync, e.Header)
}

// Unwrap returns ErrMPPCCorrupt or ErrMPPCDesync.
func (e *MPPCError) Unwrap() error {
	if e.Reason == ReasonCorrupt {
		return ErrMPPCCorrupt
	}
	return ErrMPPCDesync
}

// MPPCHistorySize is the size of the MPPC history (RFC 2118 §4: 8192
// octets), also the largest decompressed frame.
const MPPCHistorySize = 8192

const histMask = MPPCHistorySize - 1

// MPPCStats counts what a Decompressor has seen.
type MPPCStats struct {
	Frames       int // frames given to Decompress
	Decompressed int // C frames decompressed
	Uncompressed int // C-clear frames, passed through
	Flushed      int // frames with A (history reset)
	Restarts     int // decompressed frames with B (output at the front)
	Desync       int // C frames refused with ErrMPPCDesync
	Corrupt      int // C frames failing with ErrMPPCCorrupt
	Gaps         int // stateful: coherency-count gaps seen
	Resyncs      int // stateful: A frames that ended an out-of-sync period
	// Octets of the Decompressed frames: compressed payload in, output out
	// (the compression ratio of this direction is OutOctets/InOctets).
	InOctets, OutOctets int64
}

// Ratio is the compression ratio of the decompressed frames, data octets
// per compressed octet (3 means 3:1), or 0 before any.
func (s MPPCStats) Ratio() float64 {
	if s.InOctets == 0 {
		return 0
	}
	return float64(s.OutOctets) / float64(s.InOctets)
}

// Decompressor decompresses the MPPC frames of one direction in capture
// order, following the history rules at the top of mppc.go. Its memory is
// fixed (one 8 KB history). It is not safe for concurrent use.
type Decompressor struct {
	stateless bool
	synced    bool       // stateful: the history is known
	lost      bool       // stateful: out of sync after a gap or a failed frame
	counted   bool       // next is valid
	next      uint16     // expected coherency count
	why       MPPCReason // why the direction is out of sync
	whyCount  uint16     // the coherency count that caused it
	pos       int        // write position in hist, 0..MPPCHistorySize
	filled    int        // octets [0, filled) written since the last A
	stats     MPPCStats
	hist      [MPPCHistorySize]byte
}

// NewDecompressor returns a Decompressor for one direction. stateless is
// the H bit of the CCP MPPE/MPPC option: every frame then starts with an
// empty history. A stateful Decompressor starts out of sync (the capture may
// begin in the middle of the stream): compressed frames are decompressed
// from the first one with the A bit on, or from the start if Negotiated is
// called.
func NewDecompressor(stateless bool) *Decompressor {
	return &Decompressor{stateless: stateless, why: ReasonNotFlushed}
}

// Negotiated records that CCP has just been negotiated (Configure-Ack) for
// this direction: both ends start with an empty history, so frames are
// decompressed from the first one even without the A bit.
func (d *Decompressor) Negotiated() {
	d.flush()
	d.synced, d.lost, d.counted = true, false, false
}

// Stateless reports the mode given to NewDecompressor.
func (d *Decompressor) Stateless() bool { return d.stateless }

// InSync reports whether compressed frames can be decompressed now (always
// true in stateless mode).
func (d *Decompressor) InSync() bool { return d.stateless || d.synced }

// Stats returns the counters.
func (d *Decompressor) Stats() MPPCStats { return d.stats }

func (d *Decompressor) flush() { d.pos, d.filled = 0, 0 }

// desync marks the direction out of sync; the first cause is kept.
func (d *Decompressor) desync(why MPPCReason, count uint16) {
	if d.synced || !d.lost {
		d.why, d.whyCount = why, count
	}
	d.synced, d.lost = false, true
}

// Decompress handles one frame of this direction. h is its MPPE/MPPC
// header and payload what follows it, already decrypted when h has the D
// bit (decryption comes first). The frame's data - the inner PPP frame,
// starting with its protocol field (see SplitProtocol) - is appended to dst
// and the extended slice returned; a frame without the C bit is returned as
// it is. At most MPPCHistorySize octets are appended.
//
// Errors (dst returned unchanged) are *MPPCError, wrapping ErrMPPCDesync or
// ErrMPPCCorrupt.
// Frames without C are returned even while the direction is out of sync:
// their data does not depend on the history.
func (d *Decompressor) Decompress(h Header, payload, dst []byte) ([]byte, error) {
	d.stats.Frames++
	if h.Flushed() {
		d.stats.Flushed++
	}
	if d.stateless {
		d.flush()
	} else {
		c := h.Count()
		gap := d.counted && c != d.next
		d.counted, d.next = true, (c+1)&uint16(CountMask)
		switch {
		case h.Flushed():
			d.flush()
			if d.lost {
				d.stats.Resyncs++
			}
			d.synced, d.lost = true, false
		case gap:
			d.stats.Gaps++
			d.desync(ReasonGap, c)
		}
	}
	if !h.Compressed() {
		d.stats.Uncompressed++
		return append(dst, payload...), nil
	}
	if !d.stateless && !d.synced {
		d.stats.Desync++
		return dst, &MPPCError{Header: h, Reason: d.why, Since: d.whyCount}
	}
	if h.Restart() {
		d.stats.Restarts++
		d.pos = 0
	}
	start := d.pos
	end, err := d.decode(payload)
	if err != nil {
		d.stats.Corrupt++
		if !d.stateless {
			d.desync(ReasonAfterCorrupt, h.Count())
		}
		// The history keeps whatever was written: the direction is out of
		// sync (stateful) or the next frame flushes it (stateless).
		d.pos = end
		d.filled = max(d.filled, end)
		return dst, &MPPCError{Header: h, Reason: ReasonCorrupt, Since: h.Count(), Detail: err.Error()}
	}
	d.pos = end
	d.filled = max(d.filled, end)
	d.stats.Decompressed++
	d.stats.InOctets += int64(len(payload))
	d.stats.OutOctets += int64(end - start)
	return append(dst, d.hist[start:end]...), nil
}
