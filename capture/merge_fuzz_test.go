package capture_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
)

// FuzzMerge merges two arbitrary inputs read as captures. Besides not
// panicking: the merge delivers every packet each input delivers alone
// (in timestamp order when each input is), numbered 1, 2, ..., each located in its input under
// the number it has there; an input that fails alone makes the merge fail
// with its name and sentinel, after the other input was read whole.
func FuzzMerge(f *testing.F) {
	a, b := readCapture(f, "chapcrack__pptp.cap"), readCapture(f, "nDPI__dlt_ppp.pcap")
	f.Add(a, b)
	f.Add(a[:len(a)-7], gzipBytes(f, b))
	f.Add(b, b)
	f.Fuzz(func(t *testing.T, x, y []byte) {
		alone := make([][]pkt, 2)
		errs := make([]error, 2)
		var srcs []capture.Source
		for i, in := range [][]byte{x, y} {
			pkts, err := readBytes(in)
			alone[i], errs[i] = pkts, err
			src, err := capture.OpenReader(bytes.NewReader(in), []string{"x", "y"}[i])
			if err != nil {
				return // Open's errors are FuzzOpen's
			}
			srcs = append(srcs, src)
		}
		m := capture.Merge(srcs...)
		defer m.Close()
		got, err := readAll(m)
		if (err == nil) != (errs[0] == nil && errs[1] == nil) {
			t.Fatalf("merge error %v, alone %v, %v", err, errs[0], errs[1])
		}
		for i, e := range errs {
			var ce *capture.Error
			if e != nil && (!errors.As(err, &ce) || !bytes.Contains([]byte(err.Error()), []byte([]string{"x", "y"}[i]+": "))) {
				t.Fatalf("merge error %v does not report %s's %v", err, []string{"x", "y"}[i], e)
			}
		}
		if len(got) != len(alone[0])+len(alone[1]) {
			t.Fatalf("%d packets merged, %d + %d alone", len(got), len(alone[0]), len(alone[1]))
		}
		inOrder := func(pkts []pkt) bool {
			for n := 1; n < len(pkts); n++ {
				if pkts[n].Time.Before(pkts[n-1].Time) {
					return false
				}
			}
			return true
		}
		sorted := inOrder(alone[0]) && inOrder(alone[1]) // a merge keeps, not makes, the order
		next := []int{0, 0}
		for n, p := range got {
			if p.Frame != n+1 {
				t.Fatalf("packet %d numbered %d", n+1, p.Frame)
			}
			if sorted && n > 0 && p.Time.Before(got[n-1].Time) {
				t.Fatalf("frame %d goes back in time", n+1)
			}
			name, local := m.Locate(p.Frame)
			i := map[string]int{"x": 0, "y": 1}[name]
			want := alone[i][next[i]]
			next[i]++
			if local != want.Frame || p.Data != want.Data || !p.Time.Equal(want.Time) || p.LinkType != want.LinkType {
				t.Fatalf("frame %d is %s:%d, not %s's packet %d", n+1, name, local, name, want.Frame)
			}
		}
		if _, err := m.Next(); err == nil {
			t.Fatal("Next after the end returned a packet")
		} else if errs[0] == nil && errs[1] == nil && err != io.EOF {
			t.Fatalf("Next after a clean end: %v", err)
		}
	})
}
