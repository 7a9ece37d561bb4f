package session

// Sink receives the typed events of an analysis, in this order for each
// packet: Phase (a record enters a new phase of its session), Record (the
// record itself), Finding (a finding certain before its session ends:
// live analyses); SessionEnd when a session is over (each session exactly
// once, numbered, in the order the loop's policy hands them over); End
// once, with the capture's statistics. Every renderer implements it: the
// packet table and JSON lines, the analysis text and JSON, the live
// writer, the decrypted-traffic writer, diagrams and the report.
//
// A Record, its Message and its Raw bytes are valid only during the call.
// An error stops the analysis and is returned by the loop.
type Sink interface {
	Phase(r *Record) error
	Record(r *Record) error
	Finding(s *Session, f Finding) error
	SessionEnd(s *Session) error
	End(a *Analysis) error
}

// NopSink implements Sink doing nothing: embed it to implement only the
// events a renderer needs.
type NopSink struct{}

func (NopSink) Phase(*Record) error             { return nil }
func (NopSink) Record(*Record) error            { return nil }
func (NopSink) Finding(*Session, Finding) error { return nil }
func (NopSink) SessionEnd(*Session) error       { return nil }
func (NopSink) End(*Analysis) error             { return nil }

// Sinks hands every event to each sink in turn, stopping at the first
// error.
type Sinks []Sink

func (m Sinks) Phase(r *Record) error {
	for _, s := range m {
		if err := s.Phase(r); err != nil {
			return err
		}
	}
	return nil
}

func (m Sinks) Record(r *Record) error {
	for _, s := range m {
		if err := s.Record(r); err != nil {
			return err
		}
	}
	return nil
}

func (m Sinks) Finding(se *Session, f Finding) error {
	for _, s := range m {
		if err := s.Finding(se, f); err != nil {
			return err
		}
	}
	return nil
}

func (m Sinks) SessionEnd(se *Session) error {
	for _, s := range m {
		if err := s.SessionEnd(se); err != nil {
			return err
		}
	}
	return nil
}

func (m Sinks) End(a *Analysis) error {
	for _, s := range m {
		if err := s.End(a); err != nil {
			return err
		}
	}
	return nil
}
