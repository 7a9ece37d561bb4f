package main

import (
	"path/filepath"
	"strconv"

	"github.com/pptpscope/pptpscope/capture"
)

// frameLabels returns, for several captures read as one, how packets
// names a frame: file:frame in the table (the file's base name; width is
// the column that needs) and the file and its frame number for JSON. For
// one capture all are zero: frames are numbered as before.
func frameLabels(src capture.Source) (label func(int) string, width int, locate func(int) (string, int)) {
	for {
		u, ok := src.(interface{ Unwrap() capture.Source })
		if !ok {
			break
		}
		src = u.Unwrap()
	}
	m, ok := src.(*capture.Merged)
	if !ok || m.Sources() < 2 {
		return nil, 0, nil
	}
	locate = m.Locate
	label = func(frame int) string {
		file, local := m.Locate(frame)
		return filepath.Base(file) + ":" + strconv.Itoa(local)
	}
	for _, name := range m.Names() {
		width = max(width, len(filepath.Base(name))+8) // ":" and up to 6 digits, a space
	}
	return label, width, locate
}

// frameFiles is frameLabels' locate with each file's base name, as the
// diagrams and the report name a file; nil for one capture.
func frameFiles(src capture.Source) func(int) (string, int) {
	_, _, locate := frameLabels(src)
	if locate == nil {
		return nil
	}
	return func(frame int) (string, int) {
		file, local := locate(frame)
		return filepath.Base(file), local
	}
}
