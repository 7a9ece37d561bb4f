package simulate

import (
	"math/rand/v2"
	"net"
	"net/netip"
	"time"

	"github.com/pptpscope/pptpscope/mppe"
)

// pkt is one captured frame.
type pkt struct {
	t    time.Time
	data []byte
}

// errStop unwinds a session's script when the writer stops pulling.
type stopSignal struct{}

// gen generates one session. Its script (run) is plain sequential code that
// calls push for every frame; push hands the frame to the writer through an
// iter.Pull coroutine, so a session holds no more than its state.
type gen struct {
	o      *Options
	index  int // 0-based session number
	rng    *rand.Rand
	now    time.Time
	yield  func(pkt) bool
	faults faultSet

	ep     [2]endpoint
	port   [2]uint16
	tcp    [2]struct{ seq uint32 }
	callID [2]uint16
	gre    [2]greDir
	lost   [2]int

	lcpOpen bool
	inData  bool
	hidden  bool // mid-session: frames before the data phase are not captured
	cutAt   int  // end-early: stop after this many data-phase frames
	frames  int

	magic  [2]uint32
	win    bool  // the client is Windows (else pppd)
	winID  uint8 // the Windows client's shared identifier counter
	lcpID  [2]uint8
	ccpID  [2]uint8
	echoID [2]uint8
	keys   [2]mppe.Key
	enc    [2]*mppe.Encryptor
	mppc   [2]*mppe.Compressor // with --mppc: compress, then encrypt
	// encFlush: the encryptor was reset (CCP Reset-Ack) and flushes its
	// next frame, so the compressor must flush its history with it.
	encFlush [2]bool
	// resetPending: the receiver of dir saw a gap in dir's coherency counts
	// (stateful MPPE) and will send a CCP Reset-Request.
	resetPending [2]bool

	inner     innerState
	onPush    func()
	dataStart time.Time
}

// push queues a frame at the current time.
func (g *gen) push(b []byte) {
	if g.hidden {
		return
	}
	if g.inData && g.cutAt > 0 {
		g.frames++
		if g.frames > g.cutAt {
			panic(stopSignal{})
		}
	}
	if g.onPush != nil {
		g.onPush()
	}
	if !g.yield(pkt{t: g.now, data: b}) {
		panic(stopSignal{})
	}
}

// wait advances the session's clock.
func (g *gen) wait(d time.Duration) { g.now = g.now.Add(d) }

// hop waits a one-way network delay (2-12 ms).
func (g *gen) hop() { g.wait(micro(g.rng, 2000, 12000)) }

// think waits a peer's processing time (0.05-1.5 ms).
func (g *gen) think() { g.wait(micro(g.rng, 50, 1500)) }

func micro(r *rand.Rand, lo, hi int) time.Duration {
	return time.Duration(lo+r.IntN(hi-lo+1)) * time.Microsecond
}

// newGen sets up session index starting at start. Its random stream
// depends only on the seed and the index, so sessions are reproducible
// whatever their interleaving.
func newGen(o *Options, index int, start time.Time) *gen {
	g := &gen{o: o, index: index, now: start,
		rng:    rand.New(rand.NewPCG(o.Seed, uint64(index)*0x9E3779B97F4A7C15+1)),
		faults: newFaultSet(o.Faults)}
	// Addresses: the server is fixed, each session has its own client.
	n := uint32(index) + 2
	if o.OuterIPv6 {
		g.ep[s2c].ip = netip.MustParseAddr("2001:db8:ffff::1")
		b := netip.MustParseAddr("2001:db8:1::").As16()
		b[12], b[13], b[14], b[15] = byte(n>>24), byte(n>>16), byte(n>>8), byte(n)
		g.ep[c2s].ip = netip.AddrFrom16(b)
	} else {
		g.ep[s2c].ip = netip.AddrFrom4([4]byte{10, 0, 0, 1})
		g.ep[c2s].ip = netip.AddrFrom4([4]byte{10, byte(1 + n>>16), byte(n >> 8), byte(n)})
	}
	g.ep[s2c].mac = net.HardwareAddr{0x02, 0x50, 0x50, 0x54, 0x50, 0x01}
	g.ep[c2s].mac = net.HardwareAddr{0x02, 0x00, byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}
	g.ep[c2s].ipID = uint16(g.rng.Uint32())
	g.ep[s2c].ipID = uint16(g.rng.Uint32())
	g.port = [2]uint16{uint16(32768 + g.rng.IntN(28232)), 1723}
	g.tcp[c2s].seq, g.tcp[s2c].seq = g.rng.Uint32(), g.rng.Uint32()
	g.callID = [2]uint16{uint16(1 + g.rng.IntN(65535)), uint16(index)}
	g.magic = [2]uint32{g.rng.Uint32() | 1, g.rng.Uint32() | 1}
	if g.faults.mid {
		g.hidden = true
	}
	g.win = o.Client == ClientWindows
	return g
}

// seq is the session as an iterator of frames (for iter.Pull).
func (g *gen) seq(yield func(pkt) bool) {
	g.yield = yield
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stopSignal); !ok {
				panic(r)
			}
		}
	}()
	g.run()
}
