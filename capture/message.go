package capture

import (
	"strings"

	"github.com/pptpscope/pptpscope/internal/errmsg"
)

// Msg is an error message as data (errmsg.Msg): the code is one of
// Messages, whose English format Error() fills with the arguments; render
// words the same codes in every language.
type Msg = errmsg.Msg

// List is a list of names in a message, written "a, b, c" in English.
type List = errmsg.List

// msg makes a *Msg of this package.
func msg(code string, args ...any) *Msg { return errmsg.New("capture", code, args...) }

func init() { errmsg.Register("capture", Messages) }

// Messages are the English formats of the package's messages, by code.
var Messages = map[string]string{
	// Sentinels (errors.go, live.go).
	"empty":                 "empty file",
	"not-capture":           "not a pcap or pcapng file",
	"truncated":             "capture cut short",
	"corrupt":               "corrupt capture",
	"unsupported-link-type": "unsupported link type",
	"no-interface":          "no such interface",
	"permission":            "no permission to capture: capture needs root or the CAP_NET_RAW and CAP_NET_ADMIN capabilities",
	"filter-unsupported":    "capture filters (-f) need libpcap: this pptpscope was built without cgo and only supports the default filter %q",
	"live-unsupported":      "live capture is not supported by this build (build with cgo and libpcap)",
	"realtime-permission":   "no permission for a real-time priority: it needs root or the CAP_SYS_NICE capability",
	"realtime-unsupported":  "no real-time priority on this system",

	// Opening (capture.go, merge.go).
	"empty-gzip":        "%s: %s (gzip-compressed)",
	"not-capture-is":    "%s: %s: %s",
	"gzip-content":      "gzip-compressed, and the content %s",
	"no-capture-in-dir": "%s: %s: no pcap or pcapng file in the directory",

	// What a file that is no capture looks like (sniff.go).
	"looks.zip":        "looks like a ZIP archive (unzip it first)",
	"looks.zip-empty":  "looks like an empty ZIP archive",
	"looks.gzip":       "looks like gzip-compressed data",
	"looks.bzip2":      "looks like bzip2-compressed data (decompress it first)",
	"looks.xz":         "looks like xz-compressed data (decompress it first)",
	"looks.zstd":       "looks like zstd-compressed data (decompress it first)",
	"looks.7z":         "looks like a 7-Zip archive",
	"looks.rar":        "looks like a RAR archive",
	"looks.png":        "looks like a PNG image",
	"looks.pdf":        "looks like a PDF document",
	"looks.elf":        "looks like an ELF executable",
	"looks.snoop":      "looks like a Sun snoop capture (convert it with editcap -F pcap)",
	"looks.kuznetzov":  "looks like a modified (Kuznetzov) pcap (convert it with editcap -F pcap)",
	"looks.netmon":     "looks like a Microsoft Network Monitor capture (convert it with editcap -F pcap)",
	"looks.observer":   "looks like a Network Instruments Observer capture (convert it with editcap -F pcap)",
	"looks.git-lfs":    "is a Git LFS pointer, not the file itself (run git lfs pull)",
	"looks.html":       "looks like an HTML page",
	"looks.text":       "looks like text",
	"looks.one-byte":   "has only 1 byte (%02x)",
	"looks.few-bytes":  "has only %d bytes (% x)",
	"looks.unknown":    "starts with unknown bytes % x",
	"unsupported-link": "%s %s (supported: %s)",

	// Where a bad record is, and what is wrong (errors.go).
	"after-frame":        "after frame %d (byte %d)",
	"before-first-frame": "before the first frame (byte %d)",
	"truncated-at":       "capture cut short %s: %s",
	"corrupt-at":         "corrupt record %s: %s",
	"read-error-at":      "read error %s: %s",
	"because":            "%s: %s",
	"truncated-part":     "truncated %s",
	"damaged-gzip":       "damaged gzip stream",
	"runs-past":          "%s runs past its length",

	// Parts of a capture, as the messages name them.
	"part.gzip-header":          "gzip header",
	"part.file-header":          "file header",
	"part.pcap-file-header":     "pcap file header",
	"part.packet-record-header": "packet record header",
	"part.packet-record":        "packet record",
	"part.block-header":         "block header",
	"part.shb":                  "section header block",
	"part.idb":                  "interface description block",
	"part.pb":                   "packet block",
	"part.spb":                  "simple packet block",
	"part.epb":                  "enhanced packet block",
	"part.block-type":           "block of type %#x",
	"part.other":                "%s",

	// pcap and pcapng records (capture.go, pcap.go, pcapng.go).
	"truncated-file-header": "truncated file header (%d bytes)",
	"pcap-version":          "pcap version %d.%d is not supported",
	"caplen-max":            "captured length %d exceeds the maximum %d",
	"pcapgo-read":           "%s: pcapgo read %d bytes of a %d-byte record",
	"shb-magic":             "section header block with byte-order magic % x",
	"block-length":          "%s has length %d",
	"block-length-limit":    "%s has length %d, over the %d limit",
	"block-caplen":          "%s has captured length %d but holds %d bytes",
	"block-interface":       "%s on interface %d, but the section describes %d",
	"ts-resolution":         "interface %d has timestamp resolution %#x",
	"pcapgo-left":           "%s: pcapgo left %d of its %d bytes unread",
	"block-length-ends":     "%s has length %d at its start and %d at its end",
	"pcapng-version":        "pcapng version %d.%d is not supported",

	// Live capture (live*.go) and rotating files (rotate.go).
	"no-interface-in":   "%s: %s (available: %s)",
	"permission-in":     "%s: %s (%s)",
	"bad-filter":        "%s: bad capture filter %q: %s",
	"invalid-size":      "invalid size %q (e.g. 10M, 500K, 1G, 100000)",
	"interface-failure": "%s: %s",
}

// blockPart names a pcapng block of type typ.
func blockPart(typ uint32) *Msg {
	switch typ {
	case blockSHB:
		return msg("part.shb")
	case blockIDB:
		return msg("part.idb")
	case blockPB:
		return msg("part.pb")
	case blockSPB:
		return msg("part.spb")
	case blockEPB:
		return msg("part.epb")
	}
	return msg("part.block-type", typ)
}

// partNamed is the part of a capture whose English name is name (the
// readers' hot paths name them as strings: blockName, consumed).
func partNamed(name string) *Msg {
	for code, format := range Messages {
		if strings.HasPrefix(code, "part.") && format == name {
			return msg(code)
		}
	}
	return msg("part.other", name)
}
