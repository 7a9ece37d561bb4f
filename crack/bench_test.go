package crack

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/crack/candidates"
)

// limited yields the first n candidates of src.
type limited struct {
	src  candidates.Source
	left int
}

func (l *limited) Total() int64 { return int64(l.left) }

func (l *limited) Fill(b *candidates.Batch, max int) (bool, error) {
	max = min(max, l.left)
	before := b.Len()
	more, err := l.src.Fill(b, max)
	l.left -= b.Len() - before
	return more && l.left > 0, err
}

// BenchmarkCrack reports ns per candidate (one op = one candidate) for an
// MS-CHAPv2, an MS-CHAPv1 and a CHAP-MD5 authentication of the bundled
// captures, on one core and on all of them; the candidates (8-character
// masks) never match, so every one is tried.
func BenchmarkCrack(b *testing.B) {
	for _, c := range []struct{ name, file string }{
		{"MS-CHAPv2", "pppd__mschapv2-mppe128.pcap"},
		{"MS-CHAPv1", "pppd__mschapv1-mppe128.pcap"},
		{"CHAP-MD5", "pppd__chap-md5-noenc.pcap"},
	} {
		plan := Prepare(collectFile(b, c.file).Auths) // the third keys: set-up, not per candidate
		for _, workers := range []int{1, 0} {
			name := fmt.Sprintf("%s/workers=%d", c.name, workers)
			if workers == 0 {
				name = c.name + "/all-cores"
			}
			b.Run(name, func(b *testing.B) {
				m, err := candidates.NewMask("?l?l?l?l?d?d?d?d", candidates.MaskOptions{})
				if err != nil {
					b.Fatal(err)
				}
				src := &limited{src: m, left: b.N}
				b.ResetTimer()
				out, err := plan.Attack(context.Background(), src, Options{Workers: workers})
				if err != nil || out.Done != int64(b.N) || out.Results[0].Found {
					b.Fatalf("%+v %v", out, err)
				}
			})
		}
	}
}

// BenchmarkThirdKeys is the set-up of one MS-CHAP authentication: the
// 65,536 DES operations that recover the last two NT-hash octets.
func BenchmarkThirdKeys(b *testing.B) {
	a := collectFile(b, "pppd__mschapv2-mppe128.pcap").Auths[0]
	ch := ChallengeOf(&a)
	for b.Loop() {
		if len(ThirdKeys(ch, a.NTResponse)) != 1 {
			b.Fatal("no key")
		}
	}
}

// BenchmarkCrackRules is MS-CHAPv2 with best64.rule on a word list: the
// workers apply the rules (candidates.Job), one op per candidate.
func BenchmarkCrackRules(b *testing.B) {
	plan := Prepare(collectFile(b, "pppd__mschapv2-mppe128.pcap").Auths)
	rf, err := os.Open("candidates/testdata/best64.rule")
	if err != nil {
		b.Fatal(err)
	}
	rules, err := candidates.ParseRules("best64.rule", rf)
	rf.Close()
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 0} {
		name := "workers=1"
		if workers == 0 {
			name = "all-cores"
		}
		b.Run(name, func(b *testing.B) {
			var list strings.Builder
			for i := range b.N/len(rules) + 1 {
				fmt.Fprintf(&list, "w%08d\n", i)
			}
			w, _ := candidates.NewWordlist("list", strings.NewReader(list.String()))
			b.ResetTimer()
			out, err := plan.Attack(context.Background(), candidates.NewStraight(w, rules), Options{Workers: workers})
			if err != nil || out.Results[0].Found {
				b.Fatalf("%+v %v", out, err)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(out.Done), "ns/candidate")
		})
	}
}
