//go:build !cgo && linux

package capture

import "testing"

// TestRingGeometry: a block holds the snaplen, the buffer is cut into as
// many such blocks as it takes, at least two.
func TestRingGeometry(t *testing.T) {
	for _, tc := range []struct {
		snaplen, buffer, block, blocks int
	}{
		{DefaultSnaplen, DefaultBufferSize, 256 << 10, 8}, // libpcap 1.10's ring for tcpdump
		{DefaultSnaplen, 32 << 20, 256 << 10, 128},        // tcpdump -B 32768
		{DefaultSnaplen, 3 << 19, 256 << 10, 6},
		{1500, DefaultBufferSize, 128 << 10, 16},
		{1500, 64 << 20, 128 << 10, 512},
		{DefaultSnaplen, 1 << 10, 256 << 10, 2},
		{100000, DefaultBufferSize, 128 << 10, 16},
	} {
		b, n := ringGeometry(tc.snaplen, tc.buffer)
		if b != tc.block || n != tc.blocks || b < tc.snaplen {
			t.Errorf("snaplen %d, buffer %d: %d blocks of %d, want %d of %d", tc.snaplen, tc.buffer, n, b, tc.blocks, tc.block)
		}
	}
}
