package simulate

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFile: the file holds what Write writes, and a path that cannot
// be created is an error.
func TestWriteFile(t *testing.T) {
	var want bytes.Buffer
	if err := Write(&want, Options{Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "s.pcap")
	if err := WriteFile(path, Options{Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("the file has %d bytes, Write wrote %d", len(got), want.Len())
	}
	if err := WriteFile(filepath.Join(t.TempDir(), "no", "such", "dir.pcap"), Options{Password: "pw"}); err == nil {
		t.Error("no error for a path in a missing directory")
	}
}
