package main

import (
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
		Use:           "pptpscope",
		Short:         tr("cli.root.short"),
		Long:          tr("cli.root.long", tr("cli.exit-status")),
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	setFlagErrors(root) // errtext.go
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
