package candidates

// Golden tests: the candidates must be exactly those Debian's hashcat
// 6.2.6 prints with --stdout, in the same order. testdata/gen.sh made the
// files; testdata/README.md says how and why.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"testing"
)

func readGolden(t *testing.T, name string) []byte {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		if r, err = gzip.NewReader(f); err != nil {
			t.Fatal(err)
		}
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readWords returns the lines of testdata/words.txt.
func readWords(t *testing.T) []string {
	t.Helper()
	return strings.Split(strings.TrimSuffix(string(readGolden(t, "words.txt")), "\n"), "\n")
}

// oneWord runs the rules on a single word.
func oneWord(t *testing.T, word string, rules []Rule) []byte {
	t.Helper()
	w, err := NewWordlist(word, strings.NewReader(word+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	return stdout(t, NewStraight(w, rules))
}

func sum(b []byte) string {
	return fmt.Sprintf("%d %x", bytes.Count(b, []byte("\n")), sha256.Sum256(b))
}

func TestBest64MatchesHashcat(t *testing.T) {
	rules := loadRules(t, "testdata/best64.rule")
	var got bytes.Buffer
	for _, w := range readWords(t) {
		got.Write(oneWord(t, w, rules))
	}
	firstDiff(t, "best64.rule", got.Bytes(), readGolden(t, "best64.out"))
}

// Every function (functions.rule), with positions past the end, the
// empty word and words at hashcat's 255-octet limit.
func TestEveryFunctionMatchesHashcat(t *testing.T) {
	rules := loadRules(t, "testdata/functions.rule")
	words := append(readWords(t), strings.Split(strings.TrimSuffix(string(readGolden(t, "functions-words.txt")), "\n"), "\n")...)
	var got bytes.Buffer
	for _, w := range words {
		got.Write(oneWord(t, w, rules))
	}
	firstDiff(t, "functions.rule", got.Bytes(), readGolden(t, "functions.out"))
}

func TestDiveMatchesHashcat(t *testing.T) {
	rules := loadRules(t, "testdata/dive.rule")
	words := readWords(t)
	sums := strings.Split(strings.TrimSpace(string(readGolden(t, "dive.sum"))), "\n")
	if len(sums) != len(words) {
		t.Fatalf("dive.sum has %d lines for %d words", len(sums), len(words))
	}
	for i, w := range words {
		got := oneWord(t, w, rules)
		if i == 0 {
			firstDiff(t, "dive.rule on "+w, got, readGolden(t, "dive-first-word.out.gz"))
		}
		if s := sum(got); s != sums[i] {
			t.Errorf("dive.rule on %q: %s, hashcat %s", w, s, sums[i])
		}
	}
}

func TestBlockOrderMatchesHashcat(t *testing.T) {
	got := stdout(t, NewStraight(openWords(t, "testdata/numbers.txt"), loadRules(t, "testdata/order.rule")))
	if s, want := sum(got), strings.TrimSpace(string(readGolden(t, "order.sum"))); s != want {
		t.Fatalf("1,030 words x 260 rules: %s, hashcat %s", s, want)
	}
}

func TestCombinedRuleFilesMatchHashcat(t *testing.T) {
	rules, err := Combine(loadRules(t, "testdata/best64.rule"), loadRules(t, "testdata/combine.rule"))
	if err != nil {
		t.Fatal(err)
	}
	w, _ := NewWordlist("words", strings.NewReader("w\nab\n"))
	firstDiff(t, "-r best64.rule -r combine.rule", stdout(t, NewStraight(w, rules)), readGolden(t, "combine.out"))
}

func TestWordlistLinesMatchHashcat(t *testing.T) {
	w := openWords(t, "testdata/lines.txt")
	firstDiff(t, "lines.txt", stdout(t, NewStraight(w, nil)), readGolden(t, "lines.out"))
	want := WordStats{Lines: 13, TooLong: 1, Hex: 2}
	if got := w.Stats(); got != want {
		t.Errorf("stats %+v, want %+v", got, want)
	}
}

func TestMasksMatchHashcat(t *testing.T) {
	for _, c := range []struct {
		golden, mask string
		opts         MaskOptions
	}{
		{"mask-ld.out", "?l?d", MaskOptions{}},
		{"mask-a.out", "?a", MaskOptions{}},
		{"mask-b.out", "?b", MaskOptions{}},
		{"mask-hH.out", "?h?H", MaskOptions{}},
		{"mask-s-lit.out", "a?s??", MaskOptions{}},
		{"mask-custom.out", "?1?2?3?4", MaskOptions{Custom: [4]string{"a?d?da", "xy?1", "?H", "b?2"}}},
		{"mask-incr.out", "?d?u?l", MaskOptions{Increment: true}},
		{"mask-incr-min.out", "?1?1x?1", MaskOptions{Custom: [4]string{"?dz"}, Increment: true, IncrementMin: 2}},
	} {
		t.Run(c.golden, func(t *testing.T) {
			m, err := NewMask(c.mask, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			want := readGolden(t, c.golden)
			if n := int64(bytes.Count(want, []byte("\n"))); m.Total() != n && c.golden != "mask-b.out" {
				t.Errorf("Total %d, hashcat printed %d", m.Total(), n)
			}
			firstDiff(t, c.mask, stdout(t, m), want)
		})
	}
}

// hashcat's default order follows its Markov statistics; the candidates
// are the same set.
func TestMaskMarkovSetMatchesHashcat(t *testing.T) {
	m, err := NewMask("?l?d?d", MaskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(stdout(t, m)))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	sort.Strings(lines)
	firstDiff(t, "?l?d?d sorted", []byte(strings.Join(lines, "\n")+"\n"), readGolden(t, "mask-markov-sorted.out"))
}
