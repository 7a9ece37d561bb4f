package decode

import (
	"bytes"
	"errors"
	"testing"

	"github.com/gopacket/gopacket"
)

// Real CBCP packets: the Windows RRAS server of pptpcrack__test.pcap asks
// for callback and the client declines. tshark 4.0.17 (tshark -r FILE
// -Y cbcp -V) shows Code, Identifier 1, Length 6 and one option
// "No callback" (type 1, length 2) in each.
var cbcpCases = []struct {
	name    string
	frame   int
	hex     string
	code    uint8
	msgName string
}{
	{"request", 293, "010100060102", 1, "Callback-Request"},   // 01 01 00 06 | 01 02
	{"response", 294, "020100060102", 2, "Callback-Response"}, // 02 01 00 06 | 01 02
	{"ack", 295, "030100060102", 3, "Callback-Ack"},           // 03 01 00 06 | 01 02
}

func TestCBCPRealPackets(t *testing.T) {
	for _, tc := range cbcpCases {
		t.Run(tc.name, func(t *testing.T) {
			data := authHex(t, tc.hex)
			if got := authCaptureLayer(t, "pptpcrack__test.pcap", tc.frame, LayerTypeCBCP); !bytes.Equal(got, data) {
				t.Fatalf("frame %d holds %x, table has %x", tc.frame, got, data)
			}
			var c CBCP
			if err := c.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
				t.Fatal(err)
			}
			if c.Proto() != "CBCP" || c.Code != tc.code || c.Name() != tc.msgName || c.Identifier() != 1 || c.Length != 6 || c.NumOptions != 1 {
				t.Errorf("header: %s code %d %s id %d len %d options %d", c.Proto(), c.Code, c.Name(), c.Identifier(), c.Length, c.NumOptions)
			}
			opts, err := c.Options()
			if err != nil || len(opts) != 1 || opts[0].Type != CBCPNoCallback || opts[0].Length != 2 || opts[0].Offset != 4 || opts[0].HasDelay {
				t.Fatalf("options %+v %v", opts, err)
			}
			if s := c.Summary(); s != "No callback" {
				t.Errorf("Summary %q", s)
			}
			if n := c.Notes(); len(n) != 0 {
				t.Errorf("Notes %q", n)
			}
			f := c.Fields()
			authCheckRanges(t, f, len(data))
			list := authGet(t, f, "options").([]Fields)
			if len(list) != 1 || authGet(t, list[0], "type_name") != "No callback" || authGet(t, list[0], "length") != 2 {
				t.Errorf("options field %v", list)
			}
			authRoundTrip(t, &c, data)
		})
	}
}

// No capture holds a callback number, so these are built by hand in the
// layout of Wireshark's packet-ppp.c (dissect_cbcp_callback_opt) and pppd's
// cbcp.c: type, length, delay, then address type + NUL-terminated address
// pairs. tshark 4.0.17 dissects them as asserted here (after text2pcap -l 9
// with an ff03c029 PPP header); it warns that option 3 of length 3 "should
// be 4", but pppd sends exactly that.
func TestCBCPCallbackOptions(t *testing.T) {
	cases := []struct {
		name    string
		hex     string
		summary string
		opts    []CBCPOption
		notes   int
	}{
		{
			// 01 02 00 13 | 02 0c 05 01 "5551234" 00 | 03 03 0a
			name: "user and admin", hex: "01020013020c0501353535313233340003030a",
			summary: "user number 5551234 delay=5, admin number delay=10",
			opts: []CBCPOption{
				{Type: 2, Length: 12, Offset: 4, HasDelay: true, Delay: 5,
					Addresses: []CBCPAddress{{Type: 1, Address: []byte("5551234"), Offset: 7}}},
				{Type: 3, Length: 3, Offset: 16, HasDelay: true, Delay: 10},
			},
		},
		{
			// 01 03 00 11 | 04 0d 00 01 "111" 00 01 "222" 00
			name: "list", hex: "01030011040d0001313131000132323200",
			summary: "number list 111,222 delay=0",
			opts: []CBCPOption{
				{Type: 4, Length: 13, Offset: 4, HasDelay: true, Delay: 0, Addresses: []CBCPAddress{
					{Type: 1, Address: []byte("111"), Offset: 7},
					{Type: 1, Address: []byte("222"), Offset: 12}}},
			},
		},
		{
			// 02 04 00 08 | 02 04 00 01: address type with no address (tshark: malformed)
			name: "address type only", hex: "0204000802040001",
			summary: "user number delay=0",
			opts: []CBCPOption{
				{Type: 2, Length: 4, Offset: 4, HasDelay: true, Delay: 0,
					Addresses: []CBCPAddress{{Type: 1, Address: []byte{}, Offset: 7, Unterminated: true}}},
			},
			notes: 1,
		},
		{
			// 02 05 00 09 | 02 02 | 09 03 aa
			name: "no delay and unknown option", hex: "0205000902020903aa",
			summary: "user number, option 9 delay=170",
			opts: []CBCPOption{
				{Type: 2, Length: 2, Offset: 4},
				{Type: 9, Length: 3, Offset: 6, HasDelay: true, Delay: 0xaa},
			},
			notes: 1,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := authHex(t, tc.hex)
			var c CBCP
			if err := c.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
				t.Fatal(err)
			}
			opts, err := c.Options()
			if err != nil || len(opts) != len(tc.opts) || c.NumOptions != len(tc.opts) {
				t.Fatalf("options %+v %v", opts, err)
			}
			for i, o := range opts {
				w := tc.opts[i]
				if o.Type != w.Type || o.Length != w.Length || o.Offset != w.Offset || o.HasDelay != w.HasDelay || o.Delay != w.Delay || len(o.Addresses) != len(w.Addresses) {
					t.Errorf("option %d: %+v, want %+v", i, o, w)
					continue
				}
				for j, a := range o.Addresses {
					wa := w.Addresses[j]
					if a.Type != wa.Type || !bytes.Equal(a.Address, wa.Address) || a.Offset != wa.Offset || a.Unterminated != wa.Unterminated {
						t.Errorf("option %d address %d: %+v, want %+v", i, j, a, wa)
					}
				}
			}
			if s := c.Summary(); s != tc.summary {
				t.Errorf("Summary %q, want %q", s, tc.summary)
			}
			if n := c.Notes(); len(n) != tc.notes {
				t.Errorf("Notes %q", n)
			}
			authCheckRanges(t, c.Fields(), len(data))
			authRoundTrip(t, &c, data)
		})
	}

	// Field ranges of the user-specified number.
	var c CBCP
	data := authHex(t, "01020013020c0501353535313233340003030a")
	if err := c.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
		t.Fatal(err)
	}
	o := authGet(t, c.Fields(), "options").([]Fields)[0]
	if d := authGet(t, o, "delay"); d != 5 {
		t.Errorf("delay %v", d)
	}
	a := authGet(t, o, "addresses").([]Fields)[0]
	for _, x := range a {
		switch x.Name {
		case "address":
			if x.Value != "5551234" || string(data[x.Start:x.End]) != "5551234\x00" {
				t.Errorf("address %v range holds %q", x.Value, data[x.Start:x.End])
			}
		case "address_type_name":
			if x.Value != "PSTN/ISDN" || x.Start != 7 {
				t.Errorf("address type %v at %d", x.Value, x.Start)
			}
		}
	}
}

func TestCBCPErrors(t *testing.T) {
	cases := []struct {
		name    string
		hex     string
		wantErr error
		options int
	}{
		// pptpcrack__test.pcap frame 293 cut inside the option.
		{"truncated", "0101000601", ErrTruncated, 0},
		{"option past end", "0101000801020105", ErrMalformed, 1},
		{"option length 1", "010100060101", ErrMalformed, 0},
		{"length below header", "01010001", ErrMalformed, 0},
		{"short header", "01", ErrTruncated, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c CBCP
			err := c.DecodeFromBytes(authHex(t, tc.hex), gopacket.NilDecodeFeedback)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			}
			if c.NumOptions != tc.options {
				t.Errorf("NumOptions %d", c.NumOptions)
			}
			if len(c.Contents) > 0 {
				authCheckRanges(t, c.Fields(), len(c.Contents))
				_ = c.Summary()
			}
		})
	}
	var c CBCP
	_ = c.DecodeFromBytes(authHex(t, "0101000801020105"), gopacket.NilDecodeFeedback)
	if n := c.Notes(); len(n) != 1 || n[0].Code != "cbcp-options" {
		t.Errorf("Notes %q", n)
	}
	if _, ok := c.Fields().Get("bad_options"); !ok {
		t.Errorf("no bad_options field: %v", c.Fields())
	}
	if c.Name() != "Callback-Request" {
		t.Errorf("Name %q", c.Name())
	}
	_ = c.DecodeFromBytes(authHex(t, "07010004"), gopacket.NilDecodeFeedback)
	if c.Name() != "Unknown-7" {
		t.Errorf("Name %q", c.Name())
	}
}

func FuzzCBCP(f *testing.F) {
	for _, tc := range cbcpCases {
		f.Add(authHex(f, tc.hex))
	}
	f.Add(authHex(f, "01020013020c0501353535313233340003030a"))
	f.Add(authHex(f, "01030011040d0001313131000132323200"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c CBCP
		err := authFuzzOne(t, &c, data)
		opts, oerr := c.Options()
		if err == nil && (oerr != nil || len(opts) != c.NumOptions) {
			t.Fatalf("decoded cleanly but Options gives %d, %v (NumOptions %d)", len(opts), oerr, c.NumOptions)
		}
		for _, o := range opts {
			for _, a := range o.Addresses {
				if a.Offset < o.Offset+3 || a.Offset+1+len(a.Address) > o.Offset+o.Length {
					t.Fatalf("address %+v outside option %+v", a, o)
				}
			}
		}
	})
}

func BenchmarkCBCP(b *testing.B) {
	// pptpcrack__test.pcap frame 293.
	data := authHex(b, "010100060102")
	var c CBCP
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := c.DecodeFromBytes(data, gopacket.NilDecodeFeedback); err != nil {
			b.Fatal(err)
		}
	}
}
