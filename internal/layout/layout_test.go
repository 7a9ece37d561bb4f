// Package layout holds the test of the pipeline's import rules.
package layout

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/pptpscope/pptpscope/"

// allowed lists, for each package of the pipeline, the project packages it
// may import (directly, outside its tests):
//
//	capture (files, live) -> decode -> reassembly -> session (model) -> render (sinks)
//	one loop (pipeline) drives them all; mppe holds the crypto
//
// decode imports no session, render, capture, reassembly or cmd package;
// session no render, cmd or capture package; render no capture or cmd
// package. internal/errmsg, the error type of the packages whose errors
// are data, imports no project package. simulate writes captures (the loop's inverse): it builds packets
// with decode's layers and mppe's crypto only. A new package must be added
// here, with its place.
var allowed = map[string][]string{
	"capture":          {"internal/errmsg"},
	"decode":           {},
	"mppe":             {},
	"reassembly":       {"decode"},
	"session":          {"decode", "mppe"},
	"pipeline":         {"capture", "decode", "reassembly", "session", "mppe"},
	"render":           {"decode", "session", "mppe", "internal/errmsg"},
	"simulate":         {"decode", "mppe", "internal/errmsg"},
	"crack/candidates": {"internal/errmsg"},
	"crack":            {"capture", "decode", "pipeline", "session", "mppe", "crack/candidates"},
	"cmd/pptpscope":    {"capture", "pipeline", "render", "session", "mppe", "decode", "simulate", "crack", "crack/candidates", "internal/errmsg"},
}

// forbiddenOutside are third-party packages a package may not import:
// commands do no decoding of their own.
var forbiddenOutside = map[string][]string{
	"cmd/pptpscope": {"github.com/gopacket/gopacket/layers"},
}

func TestImportRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", module+"...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := strings.TrimPrefix(f[0], module)
		if strings.HasPrefix(pkg, "tools/") || strings.HasPrefix(pkg, "internal/") {
			continue
		}
		ok, known := allowed[pkg]
		if !known {
			t.Errorf("package %s has no place in the import rules (internal/layout)", pkg)
			continue
		}
		seen++
		for _, imp := range f[1:] {
			if slices.Contains(forbiddenOutside[pkg], imp) {
				t.Errorf("%s imports %s", pkg, imp)
			}
			if !strings.HasPrefix(imp, module) {
				continue
			}
			dep := strings.TrimPrefix(imp, module)
			if !slices.Contains(ok, dep) {
				t.Errorf("%s imports %s: it may import only %v", pkg, dep, ok)
			}
		}
	}
	if seen != len(allowed) {
		t.Errorf("checked %d packages, the rules name %d", seen, len(allowed))
	}
}
