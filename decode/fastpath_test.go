package decode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket/layers"
	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/tools/mkbench/gen"
)

// TestFastPathAgrees: every frame of every bundled Ethernet capture that the
// early filter calls "not PPTP" is KindOther for the full decoders too, and
// the filter does skip most of the unrelated LAN traffic.
func TestFastPathAgrees(t *testing.T) {
	files, _ := filepath.Glob("../testdata/pcaps/*")
	d := NewDecoder()
	skipped, total := 0, 0
	for _, name := range files {
		if filepath.Ext(name) == ".md" {
			continue
		}
		src, err := capture.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		for {
			p, err := src.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.LinkType != layers.LinkTypeEthernet {
				continue
			}
			total++
			if !notPPTPEthernet(p.Data) {
				continue
			}
			skipped++
			if f := d.decodeFull(p.Data, p.LinkType, p.CI.Timestamp); f.Kind != KindOther {
				t.Errorf("%s frame %d: the filter skips a frame the decoders call kind %d", filepath.Base(name), p.Frame, f.Kind)
			}
		}
		src.Close()
	}
	t.Logf("filter skipped %d of %d Ethernet frames", skipped, total)
	if skipped < total/2 {
		t.Errorf("the filter skipped only %d of %d frames", skipped, total)
	}
}

// TestGREFastEqualsFull: Decode (with greFast, the path of MPPE and
// ack-only GRE frames, and the decoder's own defragmenter), DecodeEarly of
// a frame Early decoded, and decodeFull (the layer parsers, gopacket's
// ip4defrag) give the same
// Frame for every frame of every bundled capture and of generated ones,
// and greFast does decode most GRE frames of the generated captures.
func TestGREFastEqualsFull(t *testing.T) {
	files, _ := filepath.Glob("../testdata/pcaps/*")
	type input struct {
		name string
		open func() (capture.Source, error)
	}
	var inputs []input
	for _, name := range files {
		if filepath.Ext(name) == ".md" {
			continue
		}
		inputs = append(inputs, input{filepath.Base(name), func() (capture.Source, error) { return capture.Open(name) }})
	}
	for _, o := range []gen.Options{
		{Sessions: 40, Spread: 20 * time.Second, Seed: 3, Repeat: 2},
		{Sessions: 20, Packets: 20000, Spread: 10 * time.Second, Seed: 4, Servers: 2},
	} {
		o.Dir = "../testdata/pcaps"
		var buf bytes.Buffer
		if _, err := gen.Generate(&buf, o); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{fmt.Sprintf("generated seed %d", o.Seed), func() (capture.Source, error) {
			return capture.OpenReader(bytes.NewReader(buf.Bytes()), "generated")
		}})
	}
	total := 0
	for _, in := range inputs {
		src, err := in.open()
		if err != nil {
			t.Fatal(err)
		}
		fast, full := NewDecoder(), NewDecoder()
		full.NoFastPath = true // gopacket's ip4defrag for the fragments
		ahead := NewDecoder()
		gre, fastGRE, early := 0, fast.greFrames, 0
		for {
			p, err := src.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", in.name, err)
			}
			if p.LinkType == layers.LinkTypeEthernet && notPPTPEthernet(p.Data) {
				// The early filter of Decode (TestFastPathAgrees): neither
				// decoder sees the frame, so both keep the same state.
				continue
			}
			// The decoders may change the frame (RadioTap): each gets a copy.
			a := fast.Decode(bytes.Clone(p.Data), p.LinkType, p.CI.Timestamp)
			b := full.decodeFull(bytes.Clone(p.Data), p.LinkType, p.CI.Timestamp)
			if b.Kind == KindGRE {
				gre++
			}
			if msg := frameDiff(a, b); msg != "" {
				t.Errorf("%s frame %d: %s", in.name, p.Frame, msg)
			}
			// Decoded ahead by Early (in another goroutine in the
			// pipeline), the Frame made of it by a third decoder.
			var e Early
			c := bytes.Clone(p.Data)
			ok := e.Decode(c, p.LinkType)
			if ok {
				early++
			}
			f := ahead.DecodeEarly(&e, c, p.LinkType, p.CI.Timestamp)
			if msg := frameDiff(f, b); msg != "" {
				t.Errorf("%s frame %d: decoded early: %s", in.name, p.Frame, msg)
			}
			if ok {
				// Its parts, as the pipeline reads them without a Frame.
				src, dst, g, pp, mp := e.Parts()
				var m Message
				if mp != nil {
					m = mp
				}
				if src != f.Src || dst != f.Dst || g != f.GRE || pp != f.PPP || m != f.Message || f.Err != nil || f.Truncated {
					t.Errorf("%s frame %d: Early.Parts %v %v %p %p %p, frame %v %v %p %p %p", in.name, p.Frame,
						src, dst, g, pp, m, f.Src, f.Dst, f.GRE, f.PPP, f.Message)
				}
			}
		}
		src.Close()
		n := fast.greFrames - fastGRE
		total += n
		if strings.HasPrefix(in.name, "generated") && n < gre*3/4 {
			t.Errorf("%s: greFast decoded %d of %d GRE frames", in.name, n, gre)
		}
		if early != n {
			t.Errorf("%s: Early decoded %d frames, greFast %d", in.name, early, n)
		}
	}
	if total == 0 {
		t.Error("greFast decoded no frame")
	}
	t.Logf("greFast decoded %d frames", total)
}

// frameDiff describes how two decoded frames differ ("" when they do not):
// every field, the layers pointed to compared by value.
func frameDiff(a, b *Frame) string {
	errText := func(err error) string {
		if err == nil {
			return ""
		}
		return err.Error()
	}
	if ea, eb := errText(a.Err), errText(b.Err); ea != eb {
		return fmt.Sprintf("error %q, want %q", ea, eb)
	}
	x, y := *a, *b
	x.Err, y.Err = nil, nil
	if !reflect.DeepEqual(x, y) {
		return fmt.Sprintf("frame\n%#v\nwant\n%#v\nGRE %#v\nwant %#v\nPPP %#v\nwant %#v\nmessage %#v\nwant %#v",
			x, y, x.GRE, y.GRE, x.PPP, y.PPP, x.Message, y.Message)
	}
	return ""
}

// BenchmarkDecodeGREData decodes the MPPE and ack-only GRE frames of
// pptpcrack__test.pcap one per iteration (ns/op is ns per frame): "fast"
// as Decode does (greFast), "parsers" through the layer parsers as before
// it (decodeFull).
func BenchmarkDecodeGREData(b *testing.B) {
	frames, lt := pktCapture(b, "pptpcrack__test.pcap")
	d := NewDecoder()
	var data [][]byte
	for _, f := range frames {
		n := d.greFrames
		if d.Decode(f, lt, time.Time{}); d.greFrames > n {
			data = append(data, f)
		}
	}
	if len(data) == 0 {
		b.Fatal("no GRE data frame")
	}
	for _, c := range []struct {
		name string
		dec  func([]byte) *Frame
	}{
		{"fast", func(f []byte) *Frame { return d.Decode(f, lt, time.Time{}) }},
		{"parsers", func(f []byte) *Frame { return d.decodeFull(f, lt, time.Time{}) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if c.dec(data[i%len(data)]).Kind != KindGRE {
					b.Fatal("not GRE")
				}
				i++
			}
		})
	}
}
