package session

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"

	"github.com/pptpscope/pptpscope/decode"
)

// TestGRECacheEqualsMap: after every record of a long run of GRE flows
// made, joined (the reverse flow), registered by call setups, finished
// and made again, the cached lookup gives what the map holds, for every
// flow ever seen (present or not), between IPv4 and IPv6 hosts.
func TestGRECacheEqualsMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tr := NewTrackerWith(TrackerOptions{NoMessages: true, MaxSessions: 40})
	tr.MaxGREFlows = 100
	// IPv4 hosts, and a few IPv6 ones (not cached: the map's lookups).
	addr := func(i int) string {
		if i%7 == 5 {
			return fmt.Sprintf("2001:db8::%x", i)
		}
		return fmt.Sprintf("10.%d.%d.%d", i%3, i%256, i/3%256)
	}
	seen := map[greKey]bool{}
	check := func(step int) {
		for k := range seen {
			if got, want := tr.greLookup(k), tr.gre[k]; got != want {
				t.Fatalf("step %d: key %v: cache %p, map %p", step, k, got, want)
			}
		}
	}
	now := time.Unix(1000, 0)
	hits, finished := 0, 0
	for step := range 6000 {
		now = now.Add(time.Duration(rng.IntN(200)) * time.Millisecond)
		switch n := rng.IntN(100); {
		case n < 2:
			// A call setup on a new control connection: its flows are
			// registered for the GRE that follows (and may replace a
			// flow found mid-way between the same hosts).
			c, s := rng.IntN(20), 1000+rng.IntN(3)
			port := uint16(20000 + step)
			cid, pcid := rng.IntN(4), rng.IntN(4)
			for _, r := range []*Record{
				pptpRecord(t, step, addr(c), addr(s), port, 1723,
					decode.PPTP{MessageType: decode.PPTPOutgoingCallRequest, CallID: uint16(cid)}),
				pptpRecord(t, step, addr(s), addr(c), 1723, port,
					decode.PPTP{MessageType: decode.PPTPOutgoingCallReply, CallID: uint16(pcid), PeerCallID: uint16(cid), ResultCode: 1}),
			} {
				r.Time = now
				tr.Record(r)
			}
		case n < 4:
			// A finished session is in no entry: a stale one would keep
			// it from the garbage collector.
			for _, s := range tr.FinishIdle(now, 2*time.Second, time.Second) {
				for i := range tr.greCache {
					for j := range tr.greCache[i] {
						if tr.greCache[i][j].s == s {
							t.Fatalf("step %d: cache entry %d/%d holds a finished session", step, i, j)
						}
					}
				}
				finished++
			}
		default:
			c, s := rng.IntN(20), 1000+rng.IntN(3)
			src, dst := addr(c), addr(s)
			if rng.IntN(2) == 0 {
				src, dst = dst, src
			}
			r := greAck(step, src, dst, rng.IntN(4))
			r.Time = now
			k := greKey{r.Src, r.Dst, uint16(r.CallID)}
			seen[k] = true
			if tr.greLookup(k) != nil {
				hits++
			}
			tr.Record(r)
		}
		check(step)
	}
	if hits < 500 || finished < 50 {
		t.Errorf("only %d GRE records of a known flow, %d sessions finished", hits, finished)
	}
}

// TestGRECacheCollisions: many more flows than cache entries, differing in
// the call ID only, or in one address only, each with a session of its
// own: looked up in turns, every lookup gives the flow's own session (an
// entry of another flow in the same slot is not taken for it).
func TestGRECacheCollisions(t *testing.T) {
	tr := NewTracker()
	var keys []greKey
	hosts := []netip.Addr{netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2"),
		netip.MustParseAddr("10.1.0.1"), netip.MustParseAddr("192.168.7.1"), netip.MustParseAddr("11.0.0.1")}
	for _, src := range hosts {
		for _, dst := range hosts {
			if src == dst {
				continue
			}
			for id := range 1024 {
				k := greKey{src, dst, uint16(id * 61)}
				keys = append(keys, k)
				tr.gre[k] = &Session{}
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 4 * len(keys) {
		k := keys[rng.IntN(len(keys))]
		if got, want := tr.greLookup(k), tr.gre[k]; got != want {
			t.Fatalf("key %v: cache %p, map %p", k, got, want)
		}
	}
}
