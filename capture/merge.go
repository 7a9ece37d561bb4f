package capture

import (
	"container/heap"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Merged is a Source that reads several sources as one capture, merged by
// timestamp as mergecap does (packets with the same timestamp in the order
// the sources were given). Frames are numbered 1, 2, ... across the merged
// capture, as in mergecap's output; Locate gives a frame's file and its
// number there. Sources may have different link types: each packet
// carries its own.
//
// A source that fails (a file cut short or corrupt) is left out from there
// on and the others are still read; the error, with the file's name, is
// returned once every source is exhausted.
type Merged struct {
	srcs  []Source
	heads mergeHeap
	last  int // index of the source whose packet Next returned last, -1 if none
	frame int
	runs  []mergeRun
	errs  []error
	err   error // sticky, once everything is read
	name  string
}

// mergeRun: frames from First on come from source Src, whose frame number
// for First is Local (until the next run).
type mergeRun struct{ First, Src, Local int }

type mergeHead struct {
	src int
	pkt Packet
}

type mergeHeap []mergeHead

func (h mergeHeap) Len() int { return len(h) }
func (h mergeHeap) Less(i, j int) bool {
	ti, tj := h[i].pkt.CI.Timestamp, h[j].pkt.CI.Timestamp
	if ti.Equal(tj) {
		return h[i].src < h[j].src
	}
	return ti.Before(tj)
}
func (h mergeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *mergeHeap) Push(x any)   { *h = append(*h, x.(mergeHead)) }
func (h *mergeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Merge reads srcs as one capture (see Merged). It reads the first packet of
// each; Close closes them all.
func Merge(srcs ...Source) *Merged {
	m := &Merged{srcs: srcs, last: -1}
	names := make([]string, len(srcs))
	for i, s := range srcs {
		names[i] = s.Name()
		m.fill(i)
	}
	m.name = strings.Join(names, " + ")
	return m
}

// fill reads the next packet of source i onto the heap.
func (m *Merged) fill(i int) {
	p, err := m.srcs[i].Next()
	switch {
	case err == nil:
		heap.Push(&m.heads, mergeHead{src: i, pkt: p})
	case !errors.Is(err, io.EOF):
		m.errs = append(m.errs, fmt.Errorf("%s: %w", m.srcs[i].Name(), err))
	}
}

// Next returns the earliest packet of all sources. A packet's Data stays
// valid until the next call, as for every Source: the source it came from
// is read again only then.
func (m *Merged) Next() (Packet, error) {
	if m.err != nil {
		return Packet{}, m.err
	}
	if m.last >= 0 {
		m.fill(m.last)
		m.last = -1
	}
	if m.heads.Len() == 0 {
		m.err = io.EOF
		if len(m.errs) > 0 {
			m.err = errors.Join(m.errs...)
		}
		return Packet{}, m.err
	}
	h := heap.Pop(&m.heads).(mergeHead)
	m.last = h.src
	m.frame++
	if n := len(m.runs); n == 0 || m.runs[n-1].Src != h.src {
		m.runs = append(m.runs, mergeRun{First: m.frame, Src: h.src, Local: h.pkt.Frame})
	}
	p := h.pkt
	p.Frame = m.frame
	return p, nil
}

// Locate returns the name of the source frame (a frame number of the
// merged capture) came from and its frame number there; "", 0 for a frame
// not delivered yet.
func (m *Merged) Locate(frame int) (string, int) {
	i := sort.Search(len(m.runs), func(i int) bool { return m.runs[i].First > frame }) - 1
	if i < 0 || frame > m.frame {
		return "", 0
	}
	r := m.runs[i]
	return m.srcs[r.Src].Name(), r.Local + frame - r.First
}

// Sources is the number of sources merged.
func (m *Merged) Sources() int { return len(m.srcs) }

// Frames is the number of frames delivered so far.
func (m *Merged) Frames() int { return m.frame }

// Name is the sources' names joined with " + ".
func (m *Merged) Name() string { return m.name }

// Close closes every source.
func (m *Merged) Close() error {
	var errs []error
	for _, s := range m.srcs {
		if err := s.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	if m.err == nil {
		m.err = errClosed
	}
	return errors.Join(errs...)
}

// OpenFiles opens the captures at paths as one: a single file is opened as
// Open does; several, or a directory (its capture files, in name order:
// files that are not pcap or pcapng are passed over), are merged by
// timestamp (see Merged). "-" reads standard input.
func OpenFiles(paths []string) (Source, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if p == "-" || err != nil || !st.IsDir() {
			files = append(files, p)
			continue
		}
		found, err := captureFilesIn(p)
		if err != nil {
			return nil, err
		}
		files = append(files, found...)
	}
	if len(files) == 1 {
		return Open(files[0])
	}
	// A file cut short before its first packet (the one a ring buffer was
	// writing) is reported at the end, like one cut short later; any other
	// file that cannot be opened stops here.
	var srcs []Source
	var cut []error
	for _, f := range files {
		src, err := Open(f)
		switch {
		case err == nil:
			srcs = append(srcs, src)
			continue
		case errors.Is(err, ErrTruncated) || errors.Is(err, ErrCorrupt) || errors.Is(err, ErrEmpty):
			cut = append(cut, err) // Open's errors name the file
			continue
		}
		for _, s := range srcs {
			s.Close()
		}
		return nil, err
	}
	if len(srcs) == 0 {
		return nil, errors.Join(cut...)
	}
	m := Merge(srcs...)
	m.errs = append(cut, m.errs...)
	return m, nil
}

// captureFilesIn lists the capture files of dir (not recursing), by name:
// regular files that start as pcap, pcapng or gzip does. Hidden files are
// passed over.
func captureFilesIn(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") || !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if looksLikeCapture(p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, msg("no-capture-in-dir", dir, ErrNotCapture)
	}
	return out, nil // os.ReadDir sorts by name
}

// looksLikeCapture reports whether the file starts with a pcap or pcapng
// magic number, or is gzip-compressed (whose content Open checks).
func looksLikeCapture(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return true // Open will say why it cannot be read
	}
	defer f.Close()
	b := make([]byte, 4)
	n, _ := io.ReadFull(f, b)
	b = b[:n]
	if len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b {
		return true
	}
	k := magicKind(b)
	return k == kindPcap || k == kindPcapng
}

// Names returns the names of the sources merged, in the order given.
func (m *Merged) Names() []string {
	out := make([]string, len(m.srcs))
	for i, s := range m.srcs {
		out[i] = s.Name()
	}
	return out
}
