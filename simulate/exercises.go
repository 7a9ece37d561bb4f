package simulate

import (
	"fmt"
	"math/rand/v2"
)

// Exercise is one capture of an exercise set.
type Exercise struct {
	File    string
	Options Options
}

// exerciseFaults are the faults exercises draw from (with their values).
var exerciseFaults = []string{
	"", "gre-blocked-to-server", "gre-blocked-to-client", "control-rejected", "call-rejected",
	"lcp-no-agreement", "auth-mismatch", "wrong-password", "mppe-mismatch", "echo-timeout",
	"loss=4", "reorder=4", "mid-session", "control-reset", "mtu=1000",
}

// PlanExercises draws n exercises from base (password, user, link, seed):
// each has its own authentication, MPPE strength and fault (or none),
// drawn with the seed.
func PlanExercises(base Options, n int) ([]Exercise, error) {
	base.Defaults()
	r := rand.New(rand.NewPCG(base.Seed, 0xE8E8))
	var out []Exercise
	for i := 0; i < n; i++ {
		o := base
		o.Faults = nil
		o.Seed = base.Seed*1000 + uint64(i)
		o.Stateful = false
		switch r.IntN(6) {
		case 0:
			o.Auth, o.MPPE = AuthPAP, 0
		case 1:
			o.Auth, o.MPPE = AuthCHAPMD5, 0
		case 2:
			o.Auth, o.MPPE = AuthMSCHAPv1, 128
		case 3:
			o.Auth, o.MPPE = AuthEAPMSCHAPv2, 128
		default:
			o.Auth, o.MPPE = AuthMSCHAPv2, []int{40, 56, 128, 128}[r.IntN(4)]
			o.Stateful = r.IntN(4) == 0
		}
		o.Client = ClientPPPd
		if r.IntN(3) == 0 {
			o.Client = ClientWindows
		}
		name := exerciseFaults[r.IntN(len(exerciseFaults))]
		if name == "mppe-mismatch" && o.MPPE == 0 {
			o.Auth, o.MPPE = AuthMSCHAPv2, 128
		}
		if name == "mtu=1000" && o.OuterIPv6 {
			name = ""
		}
		if name == "loss=4" || name == "reorder=4" {
			o.Traffic.Bulk = 300 << 10 // enough packets for the loss to show
		}
		if name != "" {
			f, err := ParseFault(name)
			if err != nil {
				return nil, err
			}
			o.Faults = []Fault{f}
		}
		if err := o.Validate(); err != nil {
			return nil, err
		}
		ext := ".pcap"
		if o.PCAPNG {
			ext = ".pcapng"
		}
		out = append(out, Exercise{File: fmt.Sprintf("exercise-%02d%s", i+1, ext), Options: o})
	}
	return out, nil
}
