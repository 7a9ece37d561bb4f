package capture

import "io"

// Limit returns a source that ends (io.EOF) after frame n of src, as
// tshark -c: frames are counted as numbered, including those a prefilter
// skips. n <= 0 returns src.
func Limit(src Source, n int) Source {
	if n <= 0 {
		return src
	}
	return &limited{Source: src, n: n}
}

type limited struct {
	Source
	n    int
	done bool
}

func (l *limited) Next() (Packet, error) {
	if l.done {
		return Packet{}, io.EOF
	}
	p, err := l.Source.Next()
	if err == nil && p.Frame > l.n {
		l.done = true
		return Packet{}, io.EOF
	}
	if err == nil && p.Frame == l.n {
		l.done = true
	}
	return p, err
}

// SetPrefilter passes a prefilter on to the source.
func (l *limited) SetPrefilter(p Prefilter) {
	if pf, ok := l.Source.(interface{ SetPrefilter(Prefilter) }); ok {
		pf.SetPrefilter(p)
	}
}

// Frames is the source's count of frames read, at most n.
func (l *limited) Frames() int {
	if fr, ok := l.Source.(interface{ Frames() int }); ok {
		return min(fr.Frames(), l.n)
	}
	return 0
}

// Unwrap returns the limited source.
func (l *limited) Unwrap() Source { return l.Source }
