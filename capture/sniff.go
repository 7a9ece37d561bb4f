package capture

import (
	"bytes"
	"unicode/utf8"
)

// Magic numbers, as the first four bytes of the file.
var (
	pcapMagics = [][]byte{
		{0xd4, 0xc3, 0xb2, 0xa1}, // microseconds, little-endian
		{0xa1, 0xb2, 0xc3, 0xd4}, // microseconds, big-endian
		{0x4d, 0x3c, 0xb2, 0xa1}, // nanoseconds, little-endian
		{0xa1, 0xb2, 0x3c, 0x4d}, // nanoseconds, big-endian
	}
	pcapngMagic = []byte{0x0a, 0x0d, 0x0d, 0x0a} // section header block type
)

type kind int

const (
	kindOther  kind = iota
	kindPcap        // a pcap magic number
	kindPcapng      // a pcapng section header
	kindShort       // fewer than 4 bytes, the start of a magic number
)

func magicKind(b []byte) kind {
	if len(b) >= 4 {
		switch {
		case bytes.Equal(b[:4], pcapngMagic):
			return kindPcapng
		case isPcapMagic(b[:4]):
			return kindPcap
		}
		return kindOther
	}
	if bytes.HasPrefix(pcapngMagic, b) || bytes.HasPrefix([]byte{0x1f, 0x8b}, b) {
		return kindShort
	}
	for _, m := range pcapMagics {
		if bytes.HasPrefix(m, b) {
			return kindShort
		}
	}
	return kindOther
}

func isPcapMagic(b []byte) bool {
	for _, m := range pcapMagics {
		if bytes.Equal(b, m) {
			return true
		}
	}
	return false
}

// sniffLen is how many bytes describe looks at.
const sniffLen = 512

// signatures of files that are often mistaken for captures, and what to
// say about them.
var signatures = []struct {
	magic string
	code  string // in Messages
}{
	{"PK\x03\x04", "looks.zip"},
	{"PK\x05\x06", "looks.zip-empty"},
	{"\x1f\x8b", "looks.gzip"},
	{"BZh", "looks.bzip2"},
	{"\xfd7zXZ\x00", "looks.xz"},
	{"\x28\xb5\x2f\xfd", "looks.zstd"},
	{"7z\xbc\xaf\x27\x1c", "looks.7z"},
	{"Rar!\x1a\x07", "looks.rar"},
	{"\x89PNG\r\n\x1a\n", "looks.png"},
	{"%PDF-", "looks.pdf"},
	{"\x7fELF", "looks.elf"},
	{"snoop\x00\x00\x00", "looks.snoop"},
	{"\x34\xcd\xb2\xa1", "looks.kuznetzov"},
	{"\xa1\xb2\xcd\x34", "looks.kuznetzov"},
	{"GMBU", "looks.netmon"},
	{"XCP\x00", "looks.observer"},
	{"version https://git-lfs", "looks.git-lfs"},
}

// describe says what b, the start of something that is not a capture,
// looks like, as a verb phrase: "looks like text".
func describe(b []byte) *Msg {
	for _, s := range signatures {
		if bytes.HasPrefix(b, []byte(s.magic)) {
			return msg(s.code)
		}
	}
	if isText(b) {
		t := bytes.ToLower(bytes.TrimLeft(b, " \t\r\n\ufeff"))
		if bytes.HasPrefix(t, []byte("<!doctype html")) || bytes.HasPrefix(t, []byte("<html")) {
			return msg("looks.html")
		}
		return msg("looks.text")
	}
	switch len(b) {
	case 1:
		return msg("looks.one-byte", b[0])
	case 2, 3:
		return msg("looks.few-bytes", len(b), bytes.Clone(b))
	}
	return msg("looks.unknown", bytes.Clone(b[:min(len(b), 8)]))
}

// isText reports whether b is printable UTF-8 with ordinary white space. The
// last rune may be cut off by the sniffing window.
func isText(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n <= 1:
			if !utf8.FullRune(b) {
				return true
			}
			return false
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f':
			return false
		case r == 0x7f:
			return false
		}
		b = b[n:]
	}
	return true
}
