package candidates

import (
	"bytes"
	"os"
	"testing"
)

// stdout renders a source as hashcat --stdout prints it: each candidate
// and a newline.
func stdout(t testing.TB, src Source) []byte {
	t.Helper()
	var out bytes.Buffer
	var b Batch
	for {
		b.Reset()
		more, err := src.Fill(&b, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for i := range b.Len() {
			out.Write(b.At(i))
			out.WriteByte('\n')
		}
		if !more {
			return out.Bytes()
		}
	}
}

func openWords(t testing.TB, path string) *Wordlist {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	w, err := NewWordlist(path, f)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func loadRules(t testing.TB, path string) []Rule {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := ParseRules(path, f)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// firstDiff reports the first line where got and want differ.
func firstDiff(t *testing.T, name string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(g) && i < len(w); i++ {
		if !bytes.Equal(g[i], w[i]) {
			t.Fatalf("%s: line %d: got %q, hashcat %q (%d lines vs %d)", name, i+1, g[i], w[i], len(g), len(w))
		}
	}
	t.Fatalf("%s: %d lines, hashcat %d", name, len(g), len(w))
}
