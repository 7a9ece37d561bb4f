package simulate

import (
	"fmt"
	"strconv"
	"strings"
)

// Fault is one fault injected into every session.
type Fault struct {
	Name string
	// Value: the percentage of loss, reorder and duplicate; the bytes of
	// mtu; the result code of control-rejected and call-rejected.
	Value float64
	// ErrorCode is the PPTP error code of control-rejected and
	// call-rejected (RFC 2637 section 2.16).
	ErrorCode uint8
}

func (f Fault) String() string {
	info, _ := faultInfo(f.Name)
	switch info.Arg {
	case "":
		return f.Name
	case "RESULT[/ERROR]":
		return fmt.Sprintf("%s=%d/%d", f.Name, int(f.Value), f.ErrorCode)
	}
	return f.Name + "=" + strconv.FormatFloat(f.Value, 'g', -1, 64)
}

// FaultInfo describes a fault for --list-faults and the exercises.
type FaultInfo struct {
	Name string
	Arg  string // what follows "=", if anything
	// Finding is the analyze finding code the fault produces ("" for none:
	// the fault shows in the statistics, not as a finding).
	Finding string
	// Terminal faults end the session before its data phase; at most one
	// may be given.
	Terminal bool
	// Key is the render catalogue key of its description.
	Key string
}

// FaultInfos lists every fault, in the order of --list-faults.
var FaultInfos = []FaultInfo{
	{Name: "gre-blocked-to-server", Finding: "gre-missing", Terminal: true},
	{Name: "gre-blocked-to-client", Finding: "gre-missing", Terminal: true},
	{Name: "control-rejected", Arg: "RESULT[/ERROR]", Finding: "control-rejected", Terminal: true},
	{Name: "call-rejected", Arg: "RESULT[/ERROR]", Finding: "call-rejected", Terminal: true},
	{Name: "lcp-no-agreement", Finding: "lcp-no-agreement", Terminal: true},
	{Name: "auth-mismatch", Finding: "auth-failed", Terminal: true},
	{Name: "wrong-password", Finding: "auth-failed", Terminal: true},
	{Name: "mppe-mismatch", Finding: "mppe-mismatch", Terminal: true},
	{Name: "echo-timeout", Finding: "echo-unanswered"},
	{Name: "ipv6cp-rejected", Finding: "protocol-rejected"},
	{Name: "control-reset", Finding: "abnormal-teardown"},
	{Name: "loss", Arg: "PERCENT", Finding: "gre-loss"},
	{Name: "reorder", Arg: "PERCENT", Finding: "gre-loss"},
	{Name: "duplicate", Arg: "PERCENT"},
	{Name: "mtu", Arg: "BYTES"},
	{Name: "mid-session", Finding: "mid-session"},
	{Name: "end-early"},
}

func init() {
	for i := range FaultInfos {
		FaultInfos[i].Key = "simulate.fault." + FaultInfos[i].Name
	}
}

func faultInfo(name string) (FaultInfo, bool) {
	for _, f := range FaultInfos {
		if f.Name == name {
			return f, true
		}
	}
	return FaultInfo{}, false
}

// Info returns the description of f's kind.
func (f Fault) Info() FaultInfo { i, _ := faultInfo(f.Name); return i }

// ParseFault reads one --fault value: NAME, NAME=PERCENT, mtu=BYTES,
// control-rejected=RESULT[/ERROR] or call-rejected=RESULT[/ERROR].
func ParseFault(s string) (Fault, error) {
	name, arg, hasArg := strings.Cut(strings.TrimSpace(s), "=")
	info, ok := faultInfo(name)
	if !ok {
		return Fault{}, msg("fault.unknown", ErrOption, name)
	}
	f := Fault{Name: name}
	switch info.Arg {
	case "":
		if hasArg {
			return f, msg("fault.no-value", ErrOption, name)
		}
	case "PERCENT":
		v, err := strconv.ParseFloat(arg, 64)
		if !hasArg || err != nil || v <= 0 || v > 50 {
			return f, msg("fault.rate", ErrOption, name)
		}
		f.Value = v
	case "BYTES":
		v, err := strconv.Atoi(arg)
		if !hasArg || err != nil || v < 576 || v > 9000 {
			return f, msg("fault.mtu", ErrOption)
		}
		f.Value = float64(v)
	case "RESULT[/ERROR]":
		// Defaults: General error, no general error (RFC 2637 2.2 / 2.8).
		f.Value = 2
		if name == "call-rejected" {
			f.Value = 7 // Do Not Accept
		}
		if hasArg {
			r, e, hasE := strings.Cut(arg, "/")
			rv, err := strconv.Atoi(r)
			max := 5
			if name == "call-rejected" {
				max = 7
			}
			if err != nil || rv < 2 || rv > max {
				return f, msg("fault.result", ErrOption, name, max)
			}
			f.Value = float64(rv)
			if hasE {
				ev, err := strconv.Atoi(e)
				if err != nil || ev < 0 || ev > 6 {
					return f, msg("fault.error-code", ErrOption, name)
				}
				f.ErrorCode = uint8(ev)
			}
		}
	}
	return f, nil
}

// faultSet is the faults of a session, as the generator reads them.
type faultSet struct {
	terminal                     string
	result, errorCode            uint8
	greBlocked                   [2]bool
	loss, reorder, duplicate     float64
	mtu                          int
	mid, endEarly, echoTimeout   bool
	ipv6cpRejected, controlReset bool
}

func newFaultSet(fs []Fault) faultSet {
	var s faultSet
	for _, f := range fs {
		if f.Info().Terminal {
			s.terminal = f.Name
		}
		switch f.Name {
		case "gre-blocked-to-server":
			s.greBlocked[c2s] = true
		case "gre-blocked-to-client":
			s.greBlocked[s2c] = true
		case "control-rejected", "call-rejected":
			s.result, s.errorCode = uint8(f.Value), f.ErrorCode
		case "loss":
			s.loss = f.Value
		case "reorder":
			s.reorder = f.Value
		case "duplicate":
			s.duplicate = f.Value
		case "mtu":
			s.mtu = int(f.Value)
		case "mid-session":
			s.mid = true
		case "end-early":
			s.endEarly = true
		case "echo-timeout":
			s.echoTimeout = true
		case "ipv6cp-rejected":
			s.ipv6cpRejected = true
		case "control-reset":
			s.controlReset = true
		}
	}
	return s
}

// checkFaults refuses combinations that cannot happen together.
func checkFaults(o *Options) error {
	seen := map[string]bool{}
	terminal := ""
	for _, f := range o.Faults {
		if seen[f.Name] {
			return msg("fault.twice", ErrOption, f.Name)
		}
		seen[f.Name] = true
		if f.Info().Terminal {
			if terminal != "" {
				return msg("fault.two-terminal", ErrOption, terminal, f.Name)
			}
			terminal = f.Name
		}
	}
	if terminal != "" && (seen["mid-session"] || seen["end-early"] || seen["echo-timeout"] || seen["control-reset"]) {
		return msg("fault.needs-data", ErrOption, terminal)
	}
	if seen["mid-session"] && seen["end-early"] {
		return msg("fault.mid-and-early", ErrOption)
	}
	if seen["mtu"] && o.OuterIPv6 {
		return msg("fault.mtu-ipv6", ErrOption)
	}
	if terminal == "mppe-mismatch" && o.MPPE == 0 {
		return msg("fault.mppe-mismatch", ErrOption)
	}
	if seen["ipv6cp-rejected"] && !o.IPv6 {
		return msg("fault.ipv6cp", ErrOption)
	}
	return nil
}
