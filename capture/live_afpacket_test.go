//go:build !cgo && linux

package capture

import "testing"

// TestRingGeometry: a block holds the snaplen, the buffer is cut into such
// blocks, at least two.
func TestRingGeometry(t *testing.T) {
	for _, tc := range []struct {
		snaplen, buffer, block, blocks int
	}{
		{DefaultSnaplen, DefaultBufferSize, 512 << 10, 4},
		{1500, DefaultBufferSize, 128 << 10, 16},
		{1500, 64 << 20, 128 << 10, 512},
		{DefaultSnaplen, 1 << 10, 512 << 10, 2},
	} {
		b, n := ringGeometry(tc.snaplen, tc.buffer)
		if b != tc.block || n != tc.blocks || b < tc.snaplen {
			t.Errorf("snaplen %d, buffer %d: %d blocks of %d, want %d of %d", tc.snaplen, tc.buffer, n, b, tc.blocks, tc.block)
		}
	}
}
