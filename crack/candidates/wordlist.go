package candidates

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/hex"
	"errors"
	"io"
	"unicode/utf8"
)

// WordStats counts what a word list held.
type WordStats struct {
	Lines   int64 // lines read
	TooLong int64 // lines longer than MaxChars characters, skipped
	NotUTF8 int64 // lines that are not valid UTF-8 (tried as Latin-1)
	Hex     int64 // $HEX[...] lines decoded
}

// Wordlist reads candidates from a word list as hashcat does: one per
// line, a final CR removed (CRLF files), empty lines kept (the empty
// password), $HEX[hex digits] lines decoded. gzip input is recognized by
// its magic number.
type Wordlist struct {
	name  string
	r     *bufio.Reader
	gz    *gzip.Reader
	stats WordStats
	done  bool
}

const wordlistBuffer = 64 << 10

// NewWordlist reads the word list from r; name is used in errors.
func NewWordlist(name string, r io.Reader) (*Wordlist, error) {
	br := bufio.NewReaderSize(r, wordlistBuffer)
	head, err := br.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, msg("wordlist.read", ErrWordlist, name, err)
	}
	if len(head) == 0 {
		return nil, msg("wordlist.empty", ErrWordlist, name)
	}
	w := &Wordlist{name: name, r: br}
	if bytes.Equal(head, []byte{0x1f, 0x8b}) {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, msg("wordlist.gzip", ErrWordlist, name, err)
		}
		w.gz = gz
		w.r = bufio.NewReaderSize(gz, wordlistBuffer)
	}
	return w, nil
}

// Stats returns the counts so far.
func (w *Wordlist) Stats() WordStats { return w.stats }

// Total is -1: a word list is not counted in advance.
func (w *Wordlist) Total() int64 { return -1 }

// Fill implements Source.
func (w *Wordlist) Fill(b *Batch, max int) (bool, error) {
	for n := 0; n < max; {
		line, ok, err := w.next()
		if err != nil {
			return false, err
		}
		if !ok {
			return false, nil
		}
		if line == nil {
			continue
		}
		b.Add(line)
		n++
	}
	return !w.done, nil
}

// next returns the next usable line (nil when the line was skipped), or
// ok false at the end.
func (w *Wordlist) next() (line []byte, ok bool, err error) {
	if w.done {
		return nil, false, nil
	}
	line, err = w.r.ReadSlice('\n')
	switch {
	case errors.Is(err, bufio.ErrBufferFull):
		// Far longer than any password: skip to the end of the line.
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = w.r.ReadSlice('\n')
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, false, w.readErr(err)
		}
		w.stats.Lines++
		w.stats.TooLong++
		if err != nil {
			w.done = true
		}
		return nil, true, nil
	case errors.Is(err, io.EOF):
		w.done = true
		if len(line) == 0 {
			return nil, false, nil
		}
	case err != nil:
		return nil, false, w.readErr(err)
	}
	w.stats.Lines++
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if d, ok := unhex(line); ok {
		w.stats.Hex++
		line = d
	}
	if !utf8.Valid(line) {
		w.stats.NotUTF8++
	}
	if charLen(line) > MaxChars {
		w.stats.TooLong++
		return nil, true, nil
	}
	if line == nil {
		line = []byte{}
	}
	return line, true, nil
}

func (w *Wordlist) readErr(err error) error {
	return msg("wordlist.read", ErrWordlist, w.name, err)
}

// unhex decodes hashcat's $HEX[...] notation in place.
func unhex(line []byte) ([]byte, bool) {
	if len(line) < 6 || !bytes.HasPrefix(line, []byte("$HEX[")) || line[len(line)-1] != ']' {
		return nil, false
	}
	h := line[5 : len(line)-1]
	if len(h)%2 != 0 {
		return nil, false
	}
	for _, c := range h {
		if !isHex(c) {
			return nil, false
		}
	}
	n, err := hex.Decode(h, h)
	if err != nil {
		return nil, false
	}
	return h[:n], true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
