package simulate

import (
	"bytes"
	"errors"
	"testing"
)

func gen1(t *testing.T, o Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDeterministic: the same options and seed give the same bytes; another
// seed gives others.
func TestDeterministic(t *testing.T) {
	o := Options{Password: "pw", Sessions: 3, Overlap: 1500e6, Faults: []Fault{{Name: "loss", Value: 5}}}
	a, b := gen1(t, o), gen1(t, o)
	if !bytes.Equal(a, b) {
		t.Fatal("same seed, different bytes")
	}
	o.Seed = 2
	if bytes.Equal(a, gen1(t, o)) {
		t.Fatal("another seed, same bytes")
	}
}

func TestParseFault(t *testing.T) {
	cases := []struct {
		in   string
		want Fault
		err  bool
	}{
		{"wrong-password", Fault{Name: "wrong-password"}, false},
		{"loss=2.5", Fault{Name: "loss", Value: 2.5}, false},
		{"mtu=1000", Fault{Name: "mtu", Value: 1000}, false},
		{"call-rejected", Fault{Name: "call-rejected", Value: 7}, false},
		{"call-rejected=4", Fault{Name: "call-rejected", Value: 4}, false},
		{"control-rejected=2/6", Fault{Name: "control-rejected", Value: 2, ErrorCode: 6}, false},
		{"control-rejected=6", Fault{}, true},
		{"call-rejected=2/7", Fault{}, true},
		{"loss", Fault{}, true},
		{"loss=0", Fault{}, true},
		{"mtu=100", Fault{}, true},
		{"wrong-password=1", Fault{}, true},
		{"nonsense", Fault{}, true},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseFault(c.in)
			if c.err {
				if !errors.Is(err, ErrOption) {
					t.Errorf("err %v, want ErrOption", err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Errorf("got %+v %v, want %+v", got, err, c.want)
			}
			if back, err := ParseFault(got.String()); err != nil || back != got {
				t.Errorf("String %q does not parse back: %+v %v", got.String(), back, err)
			}
		})
	}
}

func TestParseTraffic(t *testing.T) {
	tr, err := ParseTraffic("ping,bulk=2M,http")
	if err != nil || tr != (Traffic{Ping: true, HTTP: true, Bulk: 2 << 20}) {
		t.Errorf("%+v %v", tr, err)
	}
	for _, bad := range []string{"bulk=", "bulk=-1", "bulk=9999999999G", "smtp"} {
		if _, err := ParseTraffic(bad); !errors.Is(err, ErrOption) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// FuzzParseOptions: the option parsers never panic and either accept or
// return ErrOption.
func FuzzParseOptions(f *testing.F) {
	for _, s := range []string{"loss=3", "control-rejected=2/4", "mtu=1400", "ping,dns,bulk=1k", "bulk=5G"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := ParseFault(s); err != nil && !errors.Is(err, ErrOption) {
			t.Errorf("ParseFault(%q): %v", s, err)
		}
		if _, err := ParseTraffic(s); err != nil && !errors.Is(err, ErrOption) {
			t.Errorf("ParseTraffic(%q): %v", s, err)
		}
	})
}
