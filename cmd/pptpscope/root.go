package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

// versionString is the -ldflags version, else the module version from
// the build info ("dev" for a build in a checkout), followed by the VCS
// revision, "+dirty" for uncommitted changes and the commit time when the
// build recorded them (go build in a git checkout does).
func versionString() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	return buildVersion(bi)
}

func buildVersion(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "dev"
	}
	var rev, when string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	var extra []string
	// A pseudo-version (v0.0.0-20261202003303-2bf90643ef99+dirty) names
	// the revision already.
	if rev != "" && !strings.Contains(v, rev) {
		if dirty {
			rev += "+dirty"
		}
		extra = append(extra, rev)
	}
	if when != "" {
		extra = append(extra, when)
	}
	if len(extra) == 0 {
		return v
	}
	return v + " (" + strings.Join(extra, ", ") + ")"
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
	finishRoot(root) // completion.go
	return root
}

// commands lists further subcommands; each command's file adds itself in
// an init function, so commands can be added without touching this file.
var commands []func() *cobra.Command
