package errmsg

import (
	"errors"
	"fmt"
	"testing"
)

func init() {
	Register("test", map[string]string{
		"sentinel": "something is wrong",
		"wrapped":  "%s: %s (%d)",
		"list":     "one of %s",
	})
}

// TestMsg: the English text from the registered format, errors among the
// arguments seen by errors.Is and errors.As, a code without a format named
// as such, lists joined with commas.
func TestMsg(t *testing.T) {
	sentinel := New("test", "sentinel")
	inner := fmt.Errorf("read: %w", errors.ErrUnsupported)
	for _, tc := range []struct {
		name string
		m    *Msg
		want string
		is   []error
	}{
		{"sentinel", sentinel, "something is wrong", nil},
		{"wrapped", New("test", "wrapped", sentinel, inner, 7), "something is wrong: read: unsupported operation (7)", []error{sentinel, errors.ErrUnsupported}},
		{"list", New("test", "list", List{"a", "b", "c"}), "one of a, b, c", nil},
		{"unknown code", New("test", "nope"), "test: message nope", nil},
		{"unknown domain", New("other", "sentinel"), "other: message sentinel", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.m.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
			for _, target := range tc.is {
				if !errors.Is(tc.m, target) {
					t.Errorf("errors.Is(%v, %v) = false", tc.m, target)
				}
			}
			var m *Msg
			if !errors.As(error(tc.m), &m) || m != tc.m {
				t.Errorf("errors.As did not find the message itself")
			}
		})
	}
	if errors.Is(New("test", "sentinel"), sentinel) {
		t.Errorf("two messages of the same code are one error: sentinels are compared by identity")
	}
}

// TestRegisterTwice: a domain registered twice is a programming error.
func TestRegisterTwice(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("no panic")
		}
	}()
	Register("test", map[string]string{})
}
