// Package reassembly turns the TCP segments of PPTP control connections
// (port 1723) into PPTP control messages.
//
// An Assembler wraps gopacket's reassembly: the caller's packet loop gives
// it every TCP segment with Packet, and it calls back with each Message,
// synchronously and in a deterministic order (no goroutine per stream).
// gopacket puts each direction's bytes in order, dropping retransmitted and
// overlapping data and holding reordered segments until the hole is filled;
// a framer then cuts the byte stream by the Length field of each message,
// checking the magic cookie. A Length larger than the fixed size of a
// message type RFC 2637 defines (scapy's Incoming-Call-Reply says 148 for
// 24 bytes) is not trusted: the message is cut at its type's size, so the
// messages after it are not swallowed. A segment may hold several messages and a
// message may span segments: each message carries the frame number and
// timestamp of the segment where it starts.
//
// A capture may begin in the middle of a connection: a direction whose SYN
// was not seen starts at its first segment with data, and the framer looks
// for a plausible header (magic cookie, PPTP message type 1, a length of 12
// to Options.MaxMessage and at least the control message type's fixed size). It does the
// same after a gap (a segment never captured, given up at Close,
// FlushOlderThan or when the buffered pages reach their limit) and after an
// absurd header. Message.Lost says how many bytes were skipped before a
// message; a stream that ends inside a message gives it as Truncated.
//
// Memory: gopacket holds about a kilobyte per connection (a pool that grows
// by doubling and never shrinks, and its map), too much for the tens of
// thousands of control connections a busy concentrator keeps open. So
// gopacket sees a connection only once it needs more than in-order
// following: a connection whose segments all came in order is followed by a
// few fields of its own stream (next sequence number per direction,
// last-seen time) and its payload goes to the framers directly (fast.go),
// FIN and RST closing its directions; data or a FIN after a hole promotes it
// into gopacket, which is first given the state it would have had (synthetic
// segments). A lone SYN does not reach gopacket either until the connection
// carries more (pending.go). Both give exactly gopacket's output, flushes
// and statistics included.
//
// Memory is bounded: a direction buffers at most one partial message (at
// most Options.MaxMessage bytes), gopacket's out-of-order buffers are capped
// by Options.MaxBufferedPagesPerConnection and MaxBufferedPagesTotal, and
// at most Options.MaxStreams connections are followed at once (further ones
// are counted in Stats.StreamsDropped). Stats has the totals, including the
// bytes lost at the end of a stream, which no message reports.
package reassembly
