package reassembly

import (
	"bytes"
	"encoding/binary"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/decode"
)

// meta says where a byte of a stream was captured.
type meta struct {
	frame int
	time  time.Time
}

// locator gives the meta of the byte at offset off of the data being fed.
type locator interface {
	locate(off int) meta
}

var cookieBytes = binary.BigEndian.AppendUint32(nil, decode.PPTPMagicCookie)

// framer cuts one direction of a control connection into PPTP messages.
//
// In sync, the next byte starts a message: its header is checked with
// messageLength and the message is cut by its Length field, or at its type's
// fixed size when the Length is larger (cutLength). Out of sync
// (capture started without the SYN, after a gap, after an absurd header) it
// looks for the first offset where plausible holds, counting the bytes it
// skips. The output does not depend on how the stream is split into pieces.
//
// Memory: buf holds either a partial message (in sync, at most maxLen bytes,
// allocated once to the announced length) or fewer than 2*headerLen bytes
// not yet searched.
type framer struct {
	env *framerEnv
	dir uint8 // 0: the direction of the connection's first segment, 1: the other

	synced bool
	ended  bool
	buf    []byte
	// bm is the meta of buf[i] for the first bytes of buf, made when buf
	// is first used: a connection that never carries a byte (a SYN
	// flood) does not hold it.
	bm   *[2 * headerLen]meta
	lost int // bytes lost since the last message
}

// framerEnv is what a connection's two framers share: one per connection
// (issue 16: tens of thousands of control connections may be open at once;
// each direction's flows are rebuilt from the key for each message, not
// kept).
type framerEnv struct {
	maxLen  int
	stats   *Stats
	out     func(Message)
	key     connKey               // the connection in direction 0
	netType gopacket.EndpointType // of key's addresses; 0: no flows (tests)
}

// flows returns the network and transport flows of direction dir.
func (e *framerEnv) flows(dir uint8) (net, transport gopacket.Flow) {
	if e.netType == 0 {
		return
	}
	k := e.key
	if dir == 1 {
		k = k.reverse()
	}
	var sp, dp [2]byte
	binary.BigEndian.PutUint16(sp[:], k.sport)
	binary.BigEndian.PutUint16(dp[:], k.dport)
	return gopacket.NewFlow(e.netType, k.src[:k.alen], k.dst[:k.alen]), gopacket.NewFlow(layers.EndpointTCPPort, sp[:], dp[:])
}

func newFramer(maxLen int, stats *Stats, out func(Message)) *framer {
	return &framer{env: &framerEnv{maxLen: maxLen, stats: stats, out: out}}
}

// feed cuts data, the next bytes of the stream in order.
func (f *framer) feed(data []byte, loc locator) {
	if f.ended {
		return
	}
	off := 0
	for off < len(data) {
		if len(f.buf) > 0 {
			if f.synced {
				off = f.fillSynced(data, off, loc)
			} else {
				off = f.searchCarry(data, off, loc)
			}
			continue
		}
		rest := data[off:]
		if !f.synced {
			p := search(rest, f.env.maxLen)
			if p < 0 {
				keep := min(len(rest), headerLen-1)
				f.discard(len(rest) - keep)
				f.carry(rest[len(rest)-keep:], off+len(rest)-keep, loc)
				return
			}
			f.discard(p)
			f.resynced()
			off += p
			rest = rest[p:]
		}
		if len(rest) < headerLen {
			f.carry(rest, off, loc)
			return
		}
		n := cutLength(rest, f.env.maxLen)
		if n == 0 {
			f.desync()
			continue
		}
		if len(rest) < n {
			f.carry(rest, off, loc)
			return
		}
		f.send(rest[:n], loc.locate(off), false)
		off += n
	}
}

// search returns the first offset of b where a plausible header starts, or
// -1. Offsets closer than headerLen to the end are not tested.
func search(b []byte, maxLen int) int {
	for p := 0; p+headerLen <= len(b); {
		i := bytes.Index(b[p+4:], cookieBytes)
		if i < 0 {
			return -1
		}
		q := p + i
		if q+headerLen > len(b) {
			return -1
		}
		if plausible(b[q:], maxLen) {
			return q
		}
		p = q + 1
	}
	return -1
}

// carry keeps rest (data[off:]) in buf: a partial message when in sync, or
// bytes too few to search.
func (f *framer) carry(rest []byte, off int, loc locator) {
	need := 2 * headerLen
	if f.synced && len(rest) >= headerLen {
		need = max(need, cutLength(rest, f.env.maxLen))
	}
	if cap(f.buf) < need {
		f.buf = make([]byte, 0, need)
	}
	f.buf = append(f.buf[:0], rest...)
	bm := f.metas()
	for i := range min(len(rest), headerLen) {
		bm[i] = loc.locate(off + i)
	}
}

// fillSynced adds data[off:] to the partial message in buf and sends it when
// complete. It returns the new offset.
func (f *framer) fillSynced(data []byte, off int, loc locator) int {
	for len(f.buf) < headerLen && off < len(data) {
		f.metas()[len(f.buf)] = loc.locate(off)
		f.buf = append(f.buf, data[off])
		off++
	}
	if len(f.buf) < headerLen {
		return off
	}
	n := cutLength(f.buf, f.env.maxLen)
	if n == 0 {
		f.desync()
		return off
	}
	if cap(f.buf) < n {
		f.buf = append(make([]byte, 0, n), f.buf...)
	}
	k := min(n-len(f.buf), len(data)-off)
	f.buf = append(f.buf, data[off:off+k]...)
	off += k
	if len(f.buf) == n {
		f.send(f.buf, f.bm[0], false)
		f.buf = f.buf[:0]
	}
	return off
}

// searchCarry looks for a message start at the bytes carried in buf (at most
// headerLen), borrowing up to headerLen-1 bytes of data[off:] to test them.
// It returns the new offset: once every carried byte is tested and dropped,
// the borrowed bytes are given back and the search goes on in data.
func (f *framer) searchCarry(data []byte, off int, loc locator) int {
	c := len(f.buf)
	k := min(headerLen-1, len(data)-off)
	bm := f.metas()
	for i := range k {
		bm[c+i] = loc.locate(off + i)
	}
	f.buf = append(f.buf, data[off:off+k]...)
	tested := 0
	for p := 0; p < c && p+headerLen <= len(f.buf); p++ {
		if plausible(f.buf[p:], f.env.maxLen) {
			// Keep the carried bytes from p and just enough borrowed
			// ones to complete the header; fillSynced takes the rest.
			used := max(0, p+headerLen-c)
			f.buf = f.buf[:c+used]
			f.drop(p)
			f.resynced()
			return off + used
		}
		tested++
	}
	if tested == c {
		f.buf = f.buf[:c]
		f.drop(c)
		return off
	}
	// Data ran out before every carried byte could be tested.
	f.drop(tested)
	return off + k
}

// drop discards the first n bytes of buf as lost.
func (f *framer) drop(n int) {
	if n == 0 {
		return
	}
	f.discard(n)
	copy(f.buf, f.buf[n:])
	f.buf = f.buf[:len(f.buf)-n]
	copy(f.bm[:], f.bm[n:])
}

func (f *framer) metas() *[2 * headerLen]meta {
	if f.bm == nil {
		f.bm = new([2 * headerLen]meta)
	}
	return f.bm
}

func (f *framer) discard(n int) {
	f.lost += n
	f.env.stats.BytesLost += int64(n)
}

// desync leaves sync after an absurd header: the search starts again at the
// next byte.
func (f *framer) desync() {
	f.synced = false
	f.env.stats.Desyncs++
}

// resynced enters sync at a plausible header.
func (f *framer) resynced() {
	f.synced = true
	if f.lost > 0 {
		f.env.stats.Resyncs++
	}
}

// gap is called when n bytes of the stream are missing before the next
// data: the partial message is discarded and the search starts again.
func (f *framer) gap(n int) {
	if f.ended {
		return
	}
	f.env.stats.Gaps++
	f.discard(len(f.buf) + n)
	f.buf = f.buf[:0]
	f.synced = false
}

// start says the stream begins here (its SYN was seen): the first byte
// starts a message.
func (f *framer) start() {
	if !f.ended && len(f.buf) == 0 && f.lost == 0 {
		f.synced = true
	}
}

// end closes the stream: a partial message whose header was checked is
// sent as Truncated, other carried bytes are lost.
func (f *framer) end() {
	if f.ended {
		return
	}
	f.ended = true
	if f.synced && len(f.buf) >= headerLen {
		f.send(f.buf, f.bm[0], true)
	} else {
		f.discard(len(f.buf))
	}
	f.buf = nil
}

func (f *framer) send(data []byte, m meta, truncated bool) {
	msg := Message{Data: data, Frame: m.frame, Time: m.time, Lost: f.lost, Truncated: truncated}
	msg.Net, msg.Transport = f.env.flows(f.dir)
	f.lost = 0
	f.env.stats.Messages++
	if truncated {
		f.env.stats.Truncated++
	}
	f.env.out(msg)
}
