package render

import (
	"bytes"
	"io"
)

// trimWriter removes the spaces a table pads its last column with at the
// end of each line, so output fits the width and diffs stay clean.
type trimWriter struct {
	w       io.Writer
	pending []byte // spaces not yet known to be trailing
	// color, when set, is the ANSI colour the text written is shown in.
	color string
}

func (t *trimWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		chunk := p
		if i >= 0 {
			chunk = p[:i]
		}
		trimmed := bytes.TrimRight(chunk, " ")
		if len(trimmed) > 0 {
			if _, err := t.w.Write(t.pending); err != nil {
				return 0, err
			}
			t.pending = t.pending[:0]
			if t.color != "" {
				trimmed = append(append([]byte(t.color), trimmed...), ansiReset...)
			}
			if _, err := t.w.Write(trimmed); err != nil {
				return 0, err
			}
		}
		if i < 0 {
			t.pending = append(t.pending, chunk[len(trimmed):]...)
			break
		}
		t.pending = t.pending[:0]
		if _, err := t.w.Write([]byte{'\n'}); err != nil {
			return 0, err
		}
		p = p[i+1:]
	}
	return n, nil
}
