package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestReadmeExamples runs every `$ pptpscope ...` command shown in a
// ```console block of README.md, from the repository root, and checks that
// it exits 0 and prints exactly the output shown (a last line "..." means
// the rest of the output is left out).
func TestReadmeExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir("../..")
	type example struct {
		cmd  string
		want []string
	}
	var examples []example
	in := false
	for _, line := range strings.Split(string(readme), "\n") {
		switch {
		case line == "```console":
			in = true
		case in && line == "```":
			in = false
		case in && strings.HasPrefix(line, "$ pptpscope "):
			examples = append(examples, example{cmd: strings.TrimPrefix(line, "$ pptpscope ")})
		case in && len(examples) > 0:
			e := &examples[len(examples)-1]
			e.want = append(e.want, line)
		}
	}
	if len(examples) < 3 {
		t.Fatalf("found %d examples in README.md, expected at least 3", len(examples))
	}
	for _, e := range examples {
		t.Run(e.cmd, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(strings.Fields(e.cmd), nil, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			got := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
			want := e.want
			prefix := len(want) > 0 && want[len(want)-1] == "..."
			if prefix {
				want = want[:len(want)-1]
				if len(got) > len(want) {
					got = got[:len(want)]
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("output differs from README.md\n got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
