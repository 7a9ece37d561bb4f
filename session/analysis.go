package session

import (
	"net/netip"
	"time"
)

// Analysis is what the packet loop found in a capture besides the
// sessions handed to the sink: the counts of the whole capture.
type Analysis struct {
	// Sessions are the sessions the loop's policy kept to the end: every
	// session of a whole analysis (diagrams and reports need them all at
	// once), none of a streamed one (each was handed over as it ended).
	Sessions []*Session
	Stats    ScanStats
	// PPPLinkFrames counts PPP frames of a PPP link-layer capture: PPP, but
	// not PPTP.
	PPPLinkFrames int
	// SessionsCapped counts sessions finished early because MaxSessions
	// were tracked at once.
	SessionsCapped int
	// UntrackedGRE counts GRE packets of flows not followed because too
	// many flows were tracked at once.
	UntrackedGRE int
	// Streamed counts the sessions handed over as they ended; HeldBack
	// counts those handed over out of order because a session that started
	// before them was still open while more than the loop's limit of later
	// ones had ended.
	Streamed, HeldBack int
	// MaxSessions is the cap on sessions tracked at once that applied (0:
	// none).
	MaxSessions int
}

// ScanStats counts what the packet loop read.
type ScanStats struct {
	Frames      int // frames read from the source
	LastFrame   int // number of the last frame read
	PPTPFrames  int // frames on TCP port 1723 or enhanced GRE
	Records     int // records handed over
	DecodeErrs  int // frames with a decoding problem
	BytesLost   int // control-stream bytes lost to gaps or resynchronization
	UnknownLink int // frames of an unsupported link type
	// StreamsDropped counts control connections not followed because too
	// many were open at once.
	StreamsDropped int
}

// TCPEvent is one TCP segment to or from port 1723.
type TCPEvent struct {
	Frame            int
	Time             time.Time
	Src, Dst         netip.Addr
	SrcPort, DstPort uint16
	SYN, ACK, FIN    bool
	RST              bool
	PayloadLen       int
}
