package simulate

import (
	"bufio"
	"container/heap"
	"errors"
	"io"
	"iter"
	"os"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// running is a session being generated: its next frame and its coroutine.
type running struct {
	next func() (pkt, bool)
	stop func()
	head pkt
	n    int // session number, to break ties deterministically
}

type runHeap []*running

func (h runHeap) Len() int { return len(h) }
func (h runHeap) Less(i, j int) bool {
	if !h[i].head.t.Equal(h[j].head.t) {
		return h[i].head.t.Before(h[j].head.t)
	}
	return h[i].n < h[j].n
}
func (h runHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)   { *h = append(*h, x.(*running)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// LinkType is the capture link type of the options' link.
func (o *Options) LinkType() layers.LinkType {
	switch o.Link {
	case LinkSLL:
		return layers.LinkTypeLinuxSLL
	case LinkRaw:
		return layers.LinkTypeRaw
	}
	return layers.LinkTypeEthernet
}

// WriteFile writes the capture of o to the file path (created or
// truncated), as Write does.
func WriteFile(path string, o Options) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	err = Write(w, o)
	if err == nil {
		err = w.Flush()
	}
	return errors.Join(err, f.Close())
}

// Write validates the options and writes the capture to w. Sessions are
// generated one frame at a time and merged by time with a heap holding only
// the sessions open at once, so memory does not grow with the number of
// sessions or the size of the transfers.
func Write(w io.Writer, o Options) error {
	o.Defaults()
	if err := o.Validate(); err != nil {
		return err
	}
	var write func(ci gopacket.CaptureInfo, b []byte) error
	var flush func() error
	if o.PCAPNG {
		// Section and interface without the machine's OS and hardware, so
		// that every platform writes the same bytes.
		intf := pcapgo.NgInterface{Name: "sim0", Description: "pptpscope simulate", LinkType: o.LinkType(), TimestampResolution: 9}
		ng, err := pcapgo.NewNgWriterInterface(w, intf, pcapgo.NgWriterOptions{SectionInfo: pcapgo.NgSectionInfo{Application: "pptpscope simulate"}})
		if err != nil {
			return err
		}
		write, flush = ng.WritePacket, ng.Flush
	} else {
		pw := pcapgo.NewWriter(w)
		if err := pw.WriteFileHeader(65535, o.LinkType()); err != nil {
			return err
		}
		write, flush = pw.WritePacket, func() error { return nil }
	}
	h := &runHeap{}
	defer func() {
		for _, r := range *h {
			r.stop()
		}
	}()
	started := 0
	start := func(at time.Time) {
		g := newGen(&o, started, at)
		next, stop := iter.Pull(iter.Seq[pkt](g.seq))
		r := &running{next: next, stop: stop, n: started}
		started++
		if p, ok := next(); ok {
			r.head = p
			heap.Push(h, r)
		} else {
			stop()
		}
	}
	nextStart := o.Start
	start(nextStart)
	var last time.Time
	for h.Len() > 0 || started < o.Sessions {
		if started < o.Sessions && o.Overlap > 0 {
			nextStart = o.Start.Add(time.Duration(started) * o.Overlap)
			if h.Len() == 0 || !(*h)[0].head.t.Before(nextStart) {
				start(nextStart)
				continue
			}
		}
		if h.Len() == 0 {
			// Sessions one after the other: the next starts a second after
			// the previous one's last frame.
			start(last.Add(time.Second))
			continue
		}
		r := (*h)[0]
		p := r.head
		last = p.t
		if err := write(gopacket.CaptureInfo{Timestamp: p.t, CaptureLength: len(p.data), Length: len(p.data)}, p.data); err != nil {
			return msg("writing", err)
		}
		if q, ok := r.next(); ok {
			r.head = q
			heap.Fix(h, 0)
		} else {
			r.stop()
			heap.Pop(h)
		}
	}
	return flush()
}
