package decode

import (
	"fmt"
	"testing"
)

// TestHex16: hex16 writes every value as fmt's %04x does.
func TestHex16(t *testing.T) {
	for v := range 1 << 16 {
		if got, want := hex16(uint16(v)), fmt.Sprintf("0x%04x", v); got != want {
			t.Fatalf("hex16(%d) = %q, want %q", v, got, want)
		}
	}
}
