// Command mkbench builds a large PPTP capture for benchmarks from the real
// captures in testdata/pcaps (see package gen), and times a bare read loop
// over a capture (the capture package only, no decoding) as the baseline
// pptpscope is compared with.
//
//	mkbench -o bench.pcap                       500 sessions, 2.3 million packets
//	mkbench -o small.pcap -packets 200000       the same sessions, less LAN traffic
//	mkbench -o big.pcap -size 575M              a target size instead of a packet count
//	mkbench -o scale.pcap -sessions 10000 -spread 2s -packets 0   all live at once
//	mkbench -read bench.pcap                    bare read loop: packets, bytes, time
//	mkbench -read bench.pcap -raw               the same without the capture package
package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/tools/mkbench/gen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "mkbench:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mkbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		out       = fs.String("o", "", "output pcap file (- for standard output)")
		dir       = fs.String("dir", "testdata/pcaps", "directory of the template captures")
		templates = fs.String("templates", "", "comma-separated template files in -dir (default: every PPTP capture)")
		sessions  = fs.Int("sessions", 500, "number of PPTP sessions")
		packets   = fs.Int("packets", 2300000, "total packets: LAN traffic fills what the sessions lack (0: none)")
		size      = fs.String("size", "", "target file size instead of -packets, e.g. 575M or 2G")
		seed      = fs.Uint64("seed", 1, "random seed")
		spread    = fs.Duration("spread", 60*time.Second, "sessions start at random times within this span")
		repeat    = fs.Int("repeat", 1, "repeat each session's data phase this many times")
		servers   = fs.Int("servers", 1, "number of server addresses")
		read      = fs.String("read", "", "only time a bare read loop over this capture (the capture package)")
		raw       = fs.Bool("raw", false, "with -read: a minimal pcap loop instead (bufio, no copy, classic pcap only): the floor for any reader")
		version   = fs.Bool("version", false, "print the generator's version (it changes when its output does)")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *version {
		fmt.Fprintln(stdout, gen.Version)
		return nil
	}
	if *read != "" && *raw {
		return rawLoop(*read, stdout)
	}
	if *read != "" {
		return readLoop(*read, stdout)
	}
	if *out == "" {
		return errors.New("-o FILE is required")
	}
	o := gen.Options{Dir: *dir, Sessions: *sessions, Packets: *packets, Seed: *seed, Spread: *spread,
		Repeat: *repeat, Servers: *servers}
	if *templates != "" {
		o.Templates = strings.Split(*templates, ",")
	}
	if *size != "" {
		n, err := parseSize(*size)
		if err != nil {
			return err
		}
		o.Size = n
	}
	w := io.Writer(stdout)
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	start := time.Now()
	sum, err := gen.Generate(w, o)
	if err != nil {
		return err
	}
	if f, ok := w.(*os.File); ok && f != os.Stdout {
		if err := f.Close(); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "mkbench: %s: %s (made in %.1f s)\n", *out, sum, time.Since(start).Seconds())
	return nil
}

// readLoop reads every packet of a capture with the capture package and
// nothing else: the floor for any analysis of the file.
func readLoop(path string, stdout io.Writer) error {
	start := time.Now()
	src, err := capture.Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	var n, bytes int
	for {
		p, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		n++
		bytes += len(p.Data)
	}
	fmt.Fprintf(stdout, "read %d packets, %d bytes of packet data in %.3f s\n", n, bytes, time.Since(start).Seconds())
	return nil
}

// rawLoop walks the records of a classic pcap file with nothing but a
// bufio.Reader: peek at the record header, peek at the packet in the
// buffer, discard. It is what a reader costs at the least.
func rawLoop(path string, stdout io.Writer) error {
	start := time.Now()
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	h, err := r.Peek(24)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var order binary.ByteOrder = binary.LittleEndian
	switch binary.LittleEndian.Uint32(h) {
	case 0xa1b2c3d4, 0xa1b23c4d:
	case 0xd4c3b2a1, 0x4d3cb2a1:
		order = binary.BigEndian
	default:
		return fmt.Errorf("%s: not a classic pcap file", path)
	}
	r.Discard(24)
	var n, bytes int
	for {
		h, err := r.Peek(16)
		if len(h) < 16 {
			if err == io.EOF && len(h) == 0 {
				break
			}
			return fmt.Errorf("%s: truncated record header", path)
		}
		caplen := int(order.Uint32(h[8:]))
		if caplen > r.Size()-16 {
			return fmt.Errorf("%s: record of %d bytes", path, caplen)
		}
		rec, err := r.Peek(16 + caplen)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		bytes += len(rec) - 16
		n++
		r.Discard(16 + caplen)
	}
	fmt.Fprintf(stdout, "raw read %d packets, %d bytes of packet data in %.3f s\n", n, bytes, time.Since(start).Seconds())
	return nil
}

// parseSize reads a byte count with an optional K, M or G suffix (powers
// of 1000, as file sizes are quoted).
func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch strings.ToUpper(s[len(s)-1:]) {
	case "K":
		mult = 1e3
	case "M":
		mult = 1e6
	case "G":
		mult = 1e9
	}
	if mult > 1 {
		s = s[:len(s)-1]
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad -size %q", s)
	}
	return int64(n * float64(mult)), nil
}
