// Command pptpscope reads packet captures and explains the PPTP VPN sessions
// in them: every control message and PPP negotiation packet, decoded.
package main

import (
	"fmt"
	"github.com/pptpscope/pptpscope/pipeline"
	"io"
	"os"
)

func main() {
	pipeline.TuneGC()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command line and returns the process exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	errorLang = ""
	helpLang = cliLang(args) // help.go
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(wrapOutput(stdout)) // output.go: write errors exit 10
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	lang := errorLang
	if lang == "" {
		lang = helpLang
	}
	fmt.Fprintf(stderr, "pptpscope: %s\n", oneLine(errorText(lang, err)))
	return exitCode(err)
}
