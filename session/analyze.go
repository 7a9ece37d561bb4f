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
	return AnalyzeWith(src, AnalyzeOptions{}, onRecord)
}

// AnalyzeWith is Analyze with options: with credentials, MPPE records are
// decrypted before onRecord sees them (Record.Inner) and sessions get a
// Decryption. A credential that does not match a session's MS-CHAP
// authentication stops the scan with a *MismatchError.
func AnalyzeWith(src capture.Source, opts AnalyzeOptions, onRecord func(*Record) error) (*Analysis, error) {
	t := NewTracker()
	var d *decrypter
	if opts.Credentials != nil {
		d = newDecrypter(opts.Credentials)
	}
	stats, err := Scan(src, ScanOptions{Data: true, TCP: t.TCP}, func(r *Record) error {
		t.Record(r)
		if d != nil {
			if err := d.record(t, r); err != nil {
				return err
			}
		}
		if onRecord != nil {
			return onRecord(r)
		}
		return nil
	})
	sessions := t.Sessions()
	if d != nil {
		d.finish(t)
	}
	return &Analysis{Sessions: sessions, Stats: stats, PPPLinkFrames: t.PPPLinkFrames}, err
}
