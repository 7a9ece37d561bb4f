package capture

import "golang.org/x/net/bpf"

// PPTP's TCP port and GRE's IP protocol number, for the default filter.
const (
	pptpPort  = 1723
	protoGRE  = 47
	protoTCP  = 6
	etherIPv4 = 0x0800
	etherIPv6 = 0x86dd
)

// DefaultFilterProgram returns DefaultFilter as a classic BPF program for
// Ethernet frames, assembled in Go (the build without libpcap cannot
// compile expressions): IPv4 or IPv6 with protocol 47, or TCP with source
// or destination port 1723 (IPv4: first fragment only, as libpcap; IPv6:
// TCP as the first next header, as libpcap's "tcp port"). Accepted packets
// are kept up to snaplen bytes.
func DefaultFilterProgram(snaplen int) []bpf.Instruction {
	// jumps name their targets; resolved below into skip counts.
	type jump struct {
		cond      bpf.JumpTest
		val       uint32
		yes, no   string
		label     string
		ins       bpf.Instruction
		isJump    bool
		isLabeled bool
	}
	j := func(cond bpf.JumpTest, val uint32, yes, no string) jump {
		return jump{cond: cond, val: val, yes: yes, no: no, isJump: true}
	}
	i := func(ins bpf.Instruction) jump { return jump{ins: ins} }
	at := func(label string, x jump) jump { x.label = label; x.isLabeled = true; return x }
	prog := []jump{
		i(bpf.LoadAbsolute{Off: 12, Size: 2}), // EtherType
		j(bpf.JumpEqual, etherIPv4, "ip4", ""),
		j(bpf.JumpEqual, etherIPv6, "ip6", "reject"),
		at("ip4", i(bpf.LoadAbsolute{Off: 14 + 9, Size: 1})), // protocol
		j(bpf.JumpEqual, protoGRE, "accept", ""),
		j(bpf.JumpEqual, protoTCP, "", "reject"),
		i(bpf.LoadAbsolute{Off: 14 + 6, Size: 2}), // flags, fragment offset
		j(bpf.JumpBitsSet, 0x1fff, "reject", ""),
		i(bpf.LoadMemShift{Off: 14}), // X = IPv4 header length
		i(bpf.LoadIndirect{Off: 14, Size: 2}),
		j(bpf.JumpEqual, pptpPort, "accept", ""),
		i(bpf.LoadIndirect{Off: 16, Size: 2}),
		j(bpf.JumpEqual, pptpPort, "accept", "reject"),
		at("ip6", i(bpf.LoadAbsolute{Off: 14 + 6, Size: 1})), // next header
		j(bpf.JumpEqual, protoGRE, "accept", ""),
		j(bpf.JumpEqual, protoTCP, "", "reject"),
		i(bpf.LoadAbsolute{Off: 14 + 40, Size: 2}),
		j(bpf.JumpEqual, pptpPort, "accept", ""),
		i(bpf.LoadAbsolute{Off: 14 + 42, Size: 2}),
		j(bpf.JumpEqual, pptpPort, "accept", "reject"),
		at("accept", i(bpf.RetConstant{Val: uint32(snaplen)})),
		at("reject", i(bpf.RetConstant{Val: 0})),
	}
	labels := map[string]int{}
	for n, x := range prog {
		if x.isLabeled {
			labels[x.label] = n
		}
	}
	skip := func(from int, label string) uint8 {
		if label == "" {
			return 0
		}
		return uint8(labels[label] - from - 1)
	}
	out := make([]bpf.Instruction, len(prog))
	for n, x := range prog {
		if x.isJump {
			out[n] = bpf.JumpIf{Cond: x.cond, Val: x.val, SkipTrue: skip(n, x.yes), SkipFalse: skip(n, x.no)}
		} else {
			out[n] = x.ins
		}
	}
	return out
}
