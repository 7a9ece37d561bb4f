// Package capture is pptpscope's packet source: the only package that knows
// about capture files and, later, network interfaces. Everything downstream
// reads a [Source] and sees the same [Packet]s whether they come from a file
// or from live traffic.
//
// [Open] and [OpenReader] read pcap (either byte order, microsecond or
// nanosecond timestamps) and pcapng (any number of sections and interfaces,
// each packet with its own interface's link type and its packet comments),
// plain or gzip-compressed. The format is recognised by its magic number,
// never by the file name, so standard input ("-") works too.
//
// Reading is buffered and copies nothing: [Packet.Data] points into the
// reader's buffer and is valid only until the next call to Next. Copy it to
// keep it.
//
// Errors wrap one of the sentinel errors, so a caller can tell them apart
// with errors.Is: [ErrEmpty], [ErrNotCapture], [ErrTruncated], [ErrCorrupt]
// and [ErrUnsupportedLinkType]; failures to open or read a file keep their
// *fs.PathError. Open's errors name the source; Next's do not (the caller
// adds Source.Name). A capture cut short or corrupt after its header gives
// an [*Error] from Next that names the last complete frame and the byte
// offset of the bad record; the packets before it have been delivered
// normally. Lengths read from the file are checked before use: no input
// makes the reader hold more than 1 MiB of it, panic or loop.
//
// The package does not decide which link types the decoders support: every
// Packet carries its LinkType and [CheckLinkType] tests it against the
// caller's list.
package capture
