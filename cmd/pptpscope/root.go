package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "pptpscope",
		Short: "Explain the PPTP VPN sessions in a packet capture",
		Long: `pptpscope reads packet captures and explains PPTP VPN sessions: the PPTP
control connection (TCP 1723, RFC 2637), enhanced GRE, and the PPP negotiation
inside it (LCP, PAP, CHAP, MS-CHAP, EAP, IPCP, IPV6CP, CCP, MPPE).

` + exitCodesHelp,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())}
	})
	root.AddCommand(newAnalyzeCmd(), newPacketsCmd())
	for _, f := range commands {
		root.AddCommand(f())
	}
	return root
}

// commands lists further subcommands; each command's file adds itself in
// an init function, so commands can be added without touching this file.
var commands []func() *cobra.Command
