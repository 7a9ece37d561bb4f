package capture

import "sync"

// Ahead is a Source that reads a File in a goroutine of its own, a few
// batches of packets ahead of its caller, so that reading (and gunzipping)
// a capture and handling its packets use two cores. It delivers the same
// packets, frame numbers and errors, in the same order, as the File read
// directly; each packet's Data is a copy in a batch buffer, valid until the
// next call, as for every Source.
//
// The File must not be used while the Ahead reads it: Stop ends the
// goroutine, after which the File can be asked for its Frames and closed.
type Ahead struct {
	src        *File
	full, free chan *aheadBatch
	done       chan struct{}
	exited     chan struct{}
	stopOnce   sync.Once
	started    bool
	cur        *aheadBatch
	i          int
	err        error
	bufCap     int // the capacity each batch's buffer starts with

	// Prepare, when set before the first Next or Batch, is called in the
	// reading goroutine with each batch of packets before it is handed
	// over, and with the batch's own value aux: nil for a new batch, then
	// what Prepare left there (the batches are reused). Work done there
	// on the packets (decoding them ahead) is done on the reading core;
	// Batch hands aux over with the packets.
	Prepare func(pkts []Packet, aux *any)
}

// aheadBatch is packets read ahead, their data in buf; err ends the
// capture after them.
type aheadBatch struct {
	pkts []Packet
	buf  []byte
	err  error
	aux  any // Prepare's
}

// Batches in flight and the size of each: a batch is handed over when it
// holds aheadPackets packets or aheadBytes bytes of packet data.
const (
	aheadBatches = 4
	aheadPackets = 1024
	aheadBytes   = 256 << 10
)

// ReadAhead returns an Ahead reading src when src is a File that reads a
// regular file (Open of a path); otherwise, nil: a pipe or a terminal may
// block the reading goroutine, which Stop could then not end.
func ReadAhead(src Source) *Ahead {
	f, ok := src.(*File)
	if !ok || !f.regular {
		return nil
	}
	a := &Ahead{src: f, full: make(chan *aheadBatch, aheadBatches), free: make(chan *aheadBatch, aheadBatches),
		done: make(chan struct{}), exited: make(chan struct{}), bufCap: aheadBytes + MaxPacketLen}
	// A small file needs no more than its size (a gzip one may: the buffer
	// then grows as a long packet makes it).
	if f.size > 0 && f.size < int64(a.bufCap) {
		a.bufCap = int(f.size)
	}
	for range aheadBatches {
		a.free <- &aheadBatch{} // its buffer is made when first filled
	}
	return a
}

// Next returns the next packet.
func (a *Ahead) Next() (Packet, error) {
	for {
		if a.cur != nil && a.i < len(a.cur.pkts) {
			a.i++
			return a.cur.pkts[a.i-1], nil
		}
		if a.err != nil {
			return Packet{}, a.err
		}
		if b := a.cur; b != nil {
			// The last packet of b was valid until this call.
			a.cur = nil
			err := b.err
			a.free <- b // never blocks: there are aheadBatches batches
			if err != nil {
				a.err = err
				continue
			}
		}
		if !a.started {
			a.started = true
			go a.run()
		}
		a.cur, a.i = <-a.full, 0
	}
}

// Batch returns the packets of the next batch, in order, with the value
// Prepare left with them (nil without Prepare), and the error that ends
// the capture after them (io.EOF at its end), if any: no batch follows it.
// The packets and their Data are valid until the next call. Next and
// Batch must not both be used.
func (a *Ahead) Batch() ([]Packet, any, error) {
	if b := a.cur; b != nil {
		a.cur = nil
		a.free <- b // never blocks: there are aheadBatches batches
	}
	if a.err != nil {
		return nil, nil, a.err
	}
	if !a.started {
		a.started = true
		go a.run()
	}
	b := <-a.full
	a.cur, a.i = b, len(b.pkts)
	a.err = b.err
	return b.pkts, b.aux, b.err
}

// run reads batches of packets until the capture ends or Stop.
func (a *Ahead) run() {
	defer close(a.exited)
	for {
		var b *aheadBatch
		select {
		case b = <-a.free:
		case <-a.done:
			return
		}
		if b.buf == nil {
			b.buf = make([]byte, 0, a.bufCap)
		}
		b.pkts, b.buf, b.err = b.pkts[:0], b.buf[:0], nil
		for len(b.pkts) < aheadPackets && len(b.buf) < aheadBytes {
			// Read into its place in the batch (a Packet is 128 bytes).
			if len(b.pkts) < cap(b.pkts) {
				b.pkts = b.pkts[:len(b.pkts)+1]
			} else {
				b.pkts = append(b.pkts, Packet{})
			}
			p := &b.pkts[len(b.pkts)-1]
			if err := a.src.nextTo(p); err != nil {
				b.pkts = b.pkts[:len(b.pkts)-1]
				b.err = err
				break
			}
			// A packet longer than the room left moves buf: the packets
			// before keep the old array, which still holds their bytes.
			off := len(b.buf)
			b.buf = append(b.buf, p.Data...)
			p.Data = b.buf[off:len(b.buf):len(b.buf)]
		}
		if a.Prepare != nil {
			a.Prepare(b.pkts, &b.aux)
		}
		a.full <- b // never blocks: there are aheadBatches batches
		if b.err != nil {
			return
		}
	}
}

// Stop ends the reading goroutine and waits for it; the File may then be
// used again. Next must not be called after Stop.
func (a *Ahead) Stop() {
	a.stopOnce.Do(func() {
		close(a.done)
		if a.started {
			<-a.exited
		}
	})
}

// Close stops the goroutine; it does not close the File.
func (a *Ahead) Close() error {
	a.Stop()
	return nil
}

// Name is the File's name.
func (a *Ahead) Name() string { return a.src.Name() }
