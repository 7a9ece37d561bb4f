// Package session is the model: the records of a capture (every PPTP
// control message and PPP packet, in capture order), the tracker that
// builds PPTP sessions from them, and the sessions with their handshake
// phases, negotiated values, statistics and findings, as data. It knows no
// language, no screen and no file: the packet loop (package pipeline) feeds
// it and render writes it.
package session

import (
	"net/netip"
	"time"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/decode"
)

// Record is one PPTP control message, PPP control packet, MPPE datagram,
// GRE ack-only packet or other PPP frame seen in the capture.
//
// Message (and the byte slices inside it) is only valid during the callback
// that receives the Record: decoders reuse their buffers.
type Record struct {
	Frame    int           // 1-based frame number, as Wireshark numbers it
	Time     time.Time     // capture time of the frame (for PPTP: where the message starts)
	Rel      time.Duration // Time relative to the first frame of the capture
	Src, Dst netip.Addr
	// SrcPort and DstPort are the TCP ports of PPTP control messages.
	SrcPort, DstPort uint16
	// Proto is PPTP, LCP, PAP, CHAP, EAP, IPCP, IPV6CP, CCP, CBCP, MPPE, GRE
	// (ack-only) or PPP (another PPP protocol).
	Proto string
	Msg   string // RFC name of the message
	ID    int    // PPP identifier, -1 when none
	// CallID is the GRE key's call ID for GRE-carried packets, -1 otherwise.
	CallID int
	// GRE header values for GRE-carried records.
	Seq, Ack       uint32
	HasSeq, HasAck bool
	// PPPProtocol is the PPP protocol number for PPP records (0 for PPTP).
	PPPProtocol uint16
	Length      int // bytes of the message (PPTP message, PPP packet after the protocol field)
	Message     decode.Message
	// Lost is the number of control-stream bytes skipped just before this
	// PPTP message (a gap in the capture or garbage).
	Lost int
	// Notes are non-fatal decoding remarks; Err a decoding failure (what
	// decoded before it is in Message, if anything).
	Notes []decode.Note
	Err   error
	// Control is true for control messages (everything but MPPE data, GRE
	// ack-only and other PPP protocols).
	Control bool
	// Encrypted and Compressed are bits D and C of an MPPE record's header,
	// as its Message has them: the tracker counts them from here, the cache
	// line of the record's fields it reads anyway, not from the Message
	// (decoded on the reading goroutine, on a line of its own).
	Encrypted, Compressed bool
	// Phase is the handshake phase (PhaseLCP, ...) the session tracker put
	// the record in; set by Tracker.Record, so Analyze's callback sees it.
	Phase string
	// SessionKey is the Key of the session the tracker put the record in
	// (0: none), set with Phase: a live display groups records by it.
	SessionKey int
	// Inner is the decrypted packet of an MPPE record, when the analysis
	// was given credentials that decrypt it (the decryption stage sets it);
	// nil otherwise.
	Inner *decode.Inner
	// Crypt is what the decryption stage says of an MPPE record it did not
	// decrypt (Kind CryptNone otherwise).
	Crypt CryptNote
	// Decompressed is set when the frame was MPPC compressed and Inner
	// comes from its decompression (MPPCIn octets became MPPCOut).
	Decompressed    bool
	MPPCIn, MPPCOut int
	// Raw is the frame the record was read from, with its link type, when
	// the record is reported while that frame is handled (GRE-carried
	// records and PPP link frames; a PPTP message when the frame it starts
	// in is the one that completes it): renderers that show bytes (the
	// report's encapsulation view, hex dumps) take them from here and never
	// read the capture again. Valid only during the call.
	Raw      []byte
	LinkType layers.LinkType
}

// Fields returns the record's decoded fields (nil when none).
func (r *Record) Fields() decode.Fields {
	if r.Message != nil {
		return r.Message.Fields()
	}
	return nil
}

// CryptNote is what the decryption stage says of an MPPE record it did not
// decrypt, as data (render writes it among the record's notes).
type CryptNote struct {
	Kind CryptKind
	Why  DecryptWhy // CryptNotDecrypted: the session's reason, or
	Err  error      // the decryptor's error
}

// CryptKind is the kind of a CryptNote.
type CryptKind uint8

// Kinds of CryptNote.
const (
	CryptNone         CryptKind = iota
	CryptCompressed             // MPPC compressed: not decompressed
	CryptNotDecrypted           // not decrypted (Why or Err)
	CryptDuplicate              // a coherency count decrypted before
	CryptMPPCDesync             // decrypted, but the MPPC history is out of sync: not decompressed
	CryptMPPCCorrupt            // decrypted, but the MPPC bit stream is corrupt
)
