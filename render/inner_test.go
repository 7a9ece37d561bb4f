package render

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/session"
)

func TestHexGroups(t *testing.T) {
	b := make([]byte, 24)
	for i := range b {
		b[i] = byte(i * 11)
	}
	want := "000B1621 2C37424D 58636E79 848F9AA5\n    B0BBC6D1 DCE7F2FD"
	if got := HexGroups(b, 4); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := HexGroups([]byte{1, 2, 3, 4, 5}, 0); got != "01020304 05" {
		t.Errorf("odd length: %q", got)
	}
}

// TestInnerJSON: the "inner" object of a decrypted record is valid JSON
// with the documented keys, for a TCP packet, a packet without ports and
// one that is not well formed.
func TestInnerJSON(t *testing.T) {
	for _, tc := range []struct {
		in   decode.Inner
		want string
	}{
		{decode.Inner{PPPProtocol: 0x21, Network: "IPv4", Proto: "TCP", Src: netip.MustParseAddr("172.16.77.10"), Dst: netip.MustParseAddr("172.16.77.1"),
			SrcPort: 37494, DstPort: 80, HasPorts: true, Length: 60, TCPFlags: decode.TCPFlagSYN, HasTCPFlags: true},
			`{"ppp_protocol":"0x0021","network":"IPv4","proto":"TCP","src":"172.16.77.10","dst":"172.16.77.1","src_port":37494,"dst_port":80,"length":60,"info":"[SYN]"}`},
		{decode.Inner{PPPProtocol: 0x57, Network: "IPv6", Proto: "ICMPv6", Src: netip.MustParseAddr("fe80::1"), Dst: netip.MustParseAddr("ff02::2"), Length: 48},
			`{"ppp_protocol":"0x0057","network":"IPv6","proto":"ICMPv6","src":"fe80::1","dst":"ff02::2","src_port":null,"dst_port":null,"length":48}`},
		{decode.Inner{PPPProtocol: 0x21, Network: "IPv4", Length: 40, Err: decode.InnerBadChecksum},
			`{"ppp_protocol":"0x0021","network":"IPv4","length":40,"error":"bad IPv4 header checksum"}`},
	} {
		b := appendInnerJSON([]byte("{\"x\":1"), &tc.in)
		b = append(b, '}')
		var v map[string]json.RawMessage
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if got := string(v["inner"]); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
	if got := appendInnerJSON(nil, nil); len(got) != 0 {
		t.Errorf("nil inner: %q", got)
	}
}

// TestProtocolsUnlisted: packets of protocols past a session's cap of named
// protocols are said in the text, in every language, and in JSON.
func TestProtocolsUnlisted(t *testing.T) {
	d := &session.Decryption{Status: session.DecryptOK}
	d.Inner = session.InnerStats{Packets: 12, Bytes: 120, Other: 12, ProtocolsUnlisted: 7,
		Protocols: []session.InnerCount{{Name: "PPP 0x1234", Packets: 5, Bytes: 50}}}
	for _, lang := range Languages {
		var b strings.Builder
		tw := &textWriter{w: &b, opts: TextOptions{Lang: lang, Width: 100}}
		tw.decryption(&session.Session{Decryption: d})
		want := TN(lang, "dec.protocols-unlisted", 7, 7, session.MaxInnerProtocols)
		if !strings.Contains(b.String(), want) {
			t.Errorf("%s: %q is not in\n%s", lang, want, b.String())
		}
	}
	j, err := json.Marshal(decryptionJSON(d))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(j), `"protocols_unlisted":7`) {
		t.Errorf("JSON without protocols_unlisted: %s", j)
	}
	d.Inner.ProtocolsUnlisted = 0
	if j, _ := json.Marshal(decryptionJSON(d)); strings.Contains(string(j), "protocols_unlisted") {
		t.Errorf("protocols_unlisted without any: %s", j)
	}
}
