package capture

import (
	"errors"
	"io"
)

// Buffer sizes. The buffer starts small and grows only when a record needs
// it; every length is checked against maxBuf before it is asked for, so no
// input makes it larger.
const (
	initialBuf = 64 << 10
	maxBuf     = 1 << 20
)

// buffer is a read buffer with peeking, like bufio.Reader, that grows up
// to maxBuf so a whole record can be looked at in place. Bytes returned by
// peek stay valid until the next peek, read or skip.
type buffer struct {
	r          io.Reader
	buf        []byte
	start, end int   // buffered bytes are buf[start:end]
	err        error // read error, returned once the buffered bytes are used
}

func newBuffer(r io.Reader) *buffer {
	return &buffer{r: r, buf: make([]byte, initialBuf)}
}

var errTooLarge = errors.New("capture: peek beyond the buffer limit")

// peek returns the next n bytes without consuming them. If the input ends
// or fails first it returns the bytes there are and the read error (io.EOF
// at the end of the input).
func (b *buffer) peek(n int) ([]byte, error) {
	if n > maxBuf {
		return nil, errTooLarge
	}
	for b.end-b.start < n && b.err == nil {
		b.fill(n)
	}
	if b.end-b.start >= n {
		return b.buf[b.start : b.start+n], nil
	}
	return b.buf[b.start:b.end], b.err
}

// fill reads once, after making room for n bytes from start.
func (b *buffer) fill(n int) {
	if b.start+n > len(b.buf) {
		buf := b.buf
		if n > len(b.buf) {
			buf = make([]byte, min(max(n, 2*len(b.buf)), maxBuf))
		}
		b.end = copy(buf, b.buf[b.start:b.end])
		b.start, b.buf = 0, buf
	}
	// Readers may return 0, nil now and then; only a run of them is an error.
	for range 100 {
		m, err := b.r.Read(b.buf[b.end:])
		if m < 0 || m > len(b.buf)-b.end {
			b.err = errors.New("capture: reader returned an invalid count")
			return
		}
		b.end += m
		if err != nil {
			b.err = err
			return
		}
		if m > 0 {
			return
		}
	}
	b.err = io.ErrNoProgress
}

// discard consumes n bytes that peek returned.
func (b *buffer) discard(n int) { b.start += n }

// skip consumes n bytes, buffered or not, and returns how many it did.
func (b *buffer) skip(n int64) (int64, error) {
	k := min(n, int64(b.end-b.start))
	b.start += int(k)
	for k < n && b.err == nil {
		b.start, b.end = 0, 0
		b.fill(int(min(n-k, int64(len(b.buf)))))
		m := min(n-k, int64(b.end))
		b.start = int(m)
		k += m
	}
	if k < n {
		return k, b.err
	}
	return k, nil
}

// Read and ReadByte let gzip read through the buffer, taking the bytes
// that were peeked at first.
func (b *buffer) Read(p []byte) (int, error) {
	if b.start == b.end {
		if b.err != nil {
			return 0, b.err
		}
		if len(p) >= len(b.buf) {
			return b.r.Read(p)
		}
		b.start, b.end = 0, 0
		b.fill(1)
		if b.start == b.end {
			return 0, b.err
		}
	}
	n := copy(p, b.buf[b.start:b.end])
	b.start += n
	return n, nil
}

func (b *buffer) ReadByte() (byte, error) {
	if b.start == b.end {
		if _, err := b.peek(1); b.start == b.end {
			return 0, err
		}
	}
	c := b.buf[b.start]
	b.start++
	return c, nil
}
