package session

import "github.com/pptpscope/pptpscope/capture"

// Analysis is the result of analyzing a capture.
type Analysis struct {
	Sessions []*Session
	Stats    ScanStats
	// PPPLinkFrames counts PPP frames of a PPP link-layer capture: PPP, but
	// not PPTP.
	PPPLinkFrames int
}

// Analyze reads a whole capture and returns its sessions. onRecord, when
// set, also sees every record (the packets command prints them). The
// error is the source's, when reading stopped before the end of the
// capture; the analysis covers what was read.
func Analyze(src capture.Source, onRecord func(*Record) error) (*Analysis, error) {
	t := NewTracker()
	stats, err := Scan(src, ScanOptions{Data: true, TCP: t.TCP}, func(r *Record) error {
		t.Record(r)
		if onRecord != nil {
			return onRecord(r)
		}
		return nil
	})
	return &Analysis{Sessions: t.Sessions(), Stats: stats, PPPLinkFrames: t.PPPLinkFrames}, err
}
