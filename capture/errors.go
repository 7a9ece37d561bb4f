package capture

import (
	"compress/flate"
	"compress/gzip"
	"errors"
	"io"
)

// Sentinel errors: every error from Open and Next that is about the input's
// content wraps one of them (test with errors.Is).
var (
	// ErrEmpty: the input has no bytes at all.
	ErrEmpty error = msg("empty")
	// ErrNotCapture: the input is neither pcap nor pcapng. The message says
	// what it looks like instead ("looks like text", "ZIP archive", ...).
	ErrNotCapture error = msg("not-capture")
	// ErrTruncated: the input ends inside a header or record.
	ErrTruncated error = msg("truncated")
	// ErrCorrupt: a header or record holds impossible values (a length
	// beyond any packet, an unknown interface, a damaged gzip stream).
	ErrCorrupt error = msg("corrupt")
	// ErrUnsupportedLinkType: see CheckLinkType.
	ErrUnsupportedLinkType error = msg("unsupported-link-type")
)

// Error reports a truncated or corrupt capture, or a read error, at a
// position in the input. The frames up to Frame were delivered.
type Error struct {
	Kind   error // ErrTruncated or ErrCorrupt; nil for a read error
	Frame  int   // the last complete frame, 0 if none
	Offset int64 // byte offset of the bad record (of the decompressed data for gzip)
	Detail *Msg  // what is wrong, e.g. "truncated packet record"
	Err    error // the underlying read or gzip error, if any
}

func (e *Error) Error() string { return e.Message().Error() }

// Message is the error's message as data (render words it).
func (e *Error) Message() *Msg {
	where := msg("after-frame", e.Frame, e.Offset)
	if e.Frame == 0 {
		where = msg("before-first-frame", e.Offset)
	}
	var m *Msg
	switch e.Kind {
	case ErrTruncated:
		m = msg("truncated-at", where, e.Detail)
	case ErrCorrupt:
		m = msg("corrupt-at", where, e.Detail)
	default:
		m = msg("read-error-at", where, e.Detail)
	}
	if e.Err != nil {
		m = msg("because", m, e.Err)
	}
	return m
}

// Unwrap returns the sentinel and the underlying error.
func (e *Error) Unwrap() []error {
	var errs []error
	for _, err := range []error{e.Kind, e.Err} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

func (f *File) errorf(kind, cause error, detail *Msg) *Error {
	return &Error{Kind: kind, Frame: f.frame, Offset: f.rec, Detail: detail, Err: cause}
}

func (f *File) truncated(code string, args ...any) error {
	return f.errorf(ErrTruncated, nil, msg(code, args...))
}

func (f *File) corrupt(code string, args ...any) error {
	return f.errorf(ErrCorrupt, nil, msg(code, args...))
}

// readError classifies an error from peek or skip while reading what:
// io.EOF inside a record and io.ErrUnexpectedEOF mean truncation, gzip
// damage is corruption, anything else is an I/O error kept as it is.
func (f *File) readError(err error, what *Msg) error {
	var ce flate.CorruptInputError
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return f.truncated("truncated-part", what)
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader), errors.As(err, &ce):
		return f.errorf(ErrCorrupt, err, msg("damaged-gzip"))
	}
	return f.errorf(nil, err, what)
}

// libError maps an error from pcapgo, met reading the record at f.rec
// (what names it), onto the package's errors. srcErr is the error of the
// reader pcapgo reads from, buffered how many of its bytes pcapgo has not
// consumed, and limited whether pcapgo asked for more than the record
// holds (pcapng's gate).
func (f *File) libError(err, srcErr error, buffered int, limited bool, what *Msg) error {
	switch {
	case srcErr != nil && buffered == 0:
		// pcapgo used up the input: the record is cut short, or the
		// reader failed.
		return f.readError(srcErr, what)
	case limited:
		return f.corrupt("runs-past", what)
	}
	return f.corrupt("because", what, err.Error())
}
