package pipeline

import (
	"path/filepath"
	"testing"
)

// TestSeriesTotals: each session's traffic series adds up to its
// direction totals (packets, bytes, lost, reordered, echoes) on every
// bundled capture, and stays within session.MaxBuckets.
func TestSeriesTotals(t *testing.T) {
	files, _ := filepath.Glob("../testdata/pcaps/*.*")
	withTraffic := 0
	for _, f := range files {
		if filepath.Ext(f) == ".md" {
			continue
		}
		a := analyzeFile(t, f)
		for _, s := range a.Sessions {
			if s.Traffic == nil {
				if s.Stats[0].Packets+s.Stats[1].Packets > 0 {
					t.Errorf("%s session %d: GRE packets but no series", filepath.Base(f), s.Index)
				}
				continue
			}
			withTraffic++
			if len(s.Traffic.Buckets) > 120 {
				t.Errorf("%s session %d: %d buckets", filepath.Base(f), s.Index, len(s.Traffic.Buckets))
			}
			for d := 0; d < 2; d++ {
				var p, b, l, r, eq, ep int
				for _, bk := range s.Traffic.Buckets {
					p += int(bk[d].Packets)
					b += int(bk[d].Bytes)
					l += int(bk[d].Lost)
					r += int(bk[d].Reordered)
					eq += int(bk[d].EchoReq)
					ep += int(bk[d].EchoRep)
				}
				st := s.Stats[d]
				if p != st.Packets || b != st.Bytes || l != st.Lost || r != st.Reordered ||
					eq != st.LCPEchoReq+st.PPTPEchoReq || ep != st.LCPEchoRep+st.PPTPEchoRep {
					t.Errorf("%s session %d dir %d: series %d packets %d bytes %d lost %d reordered %d/%d echoes; totals %+v",
						filepath.Base(f), s.Index, d, p, b, l, r, eq, ep, st)
				}
			}
		}
	}
	if withTraffic < 15 {
		t.Errorf("only %d sessions with a series", withTraffic)
	}
}
