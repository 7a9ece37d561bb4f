package candidates

import (
	"bytes"
	"testing"
)

// Jobs expand to exactly the candidates Fill gives, in the same order,
// whatever their size, across blocks of words and of rules.
func TestJobsEqualFill(t *testing.T) {
	rules := loadRules(t, "testdata/order.rule")
	want := stdout(t, NewStraight(openWords(t, "testdata/numbers.txt"), rules))
	for _, max := range []int{1, 7, 255, 256, 1000, 100000} {
		s := NewStraight(openWords(t, "testdata/numbers.txt"), rules)
		var got bytes.Buffer
		var j Job
		var scratch []byte
		for {
			more, err := s.FillJob(&j, max)
			if err != nil {
				t.Fatal(err)
			}
			if j.Len() > max {
				t.Fatalf("job of %d > %d", j.Len(), max)
			}
			n := 0
			scratch = j.Each(scratch, func(c []byte) { got.Write(c); got.WriteByte('\n'); n++ })
			if n != j.Len() {
				t.Fatalf("Each gave %d, Len %d", n, j.Len())
			}
			if !more {
				break
			}
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("max %d: jobs differ from Fill", max)
		}
	}
}

func TestMaskJobsEqualFill(t *testing.T) {
	opts := MaskOptions{Custom: [4]string{"?dz"}, Increment: true, IncrementMin: 1}
	m, _ := NewMask("?1?l?1", opts)
	want := stdout(t, m)
	for _, max := range []int{1, 7, 11, 256, 100000} {
		m, _ := NewMask("?1?l?1", opts)
		if max == 7 {
			Skip(m, 5) // a job may start anywhere
		}
		var got bytes.Buffer
		var j Job
		var scratch []byte
		for {
			more, err := m.FillJob(&j, max)
			if err != nil {
				t.Fatal(err)
			}
			scratch = j.Each(scratch, func(c []byte) { got.Write(c); got.WriteByte('\n') })
			if !more {
				break
			}
		}
		w := want
		if max == 7 {
			w = bytes.Join(bytes.SplitAfter(want, []byte("\n"))[5:], nil)
		}
		if !bytes.Equal(got.Bytes(), w) {
			t.Fatalf("max %d: jobs differ from Fill", max)
		}
	}
}
