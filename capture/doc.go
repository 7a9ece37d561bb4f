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
// The files are read by gopacket's pcapgo (Reader and NgReader); this
// package adds the format sniffing, gzip, frame numbers, the checks below
// and its own errors. [Packet.Data] is in a buffer that is reused: it is
// valid only until the next call to Next. Copy it to keep it.
//
// What pcapgo decides: pcap files must be version 2.4 and pcapng sections
// version 1.0; a pcap record longer than its original length is refused;
// packet comments come from enhanced packet blocks only; an if_tsresol of
// 0 is taken as absent (microseconds); binary resolutions (2^-n s) are
// scaled by a whole number of nanoseconds per unit, exact only down to
// 2^-9 s (with 2^-10 s units, 1.5 s reads as 1.499999744 s).
//
// Errors wrap one of the sentinel errors, so a caller can tell them apart
// with errors.Is: [ErrEmpty], [ErrNotCapture], [ErrTruncated], [ErrCorrupt]
// and [ErrUnsupportedLinkType]; failures to open or read a file keep their
// *fs.PathError. Open's errors name the source; Next's do not (the caller
// adds Source.Name). A capture cut short or corrupt after its header gives
// an [*Error] from Next that names the last complete frame and the byte
// offset of the bad record; the packets before it have been delivered
// normally. Every record's header is looked at before pcapgo reads the
// record, and pcapng blocks are handed to it one at a time: no record over
// 1 MiB is read, pcapgo cannot read past the block it is in, and no input
// makes the reader panic or loop.
//
// The package does not decide which link types the decoders support: every
// Packet carries its LinkType and [CheckLinkType] tests it against the
// caller's list.
package capture
