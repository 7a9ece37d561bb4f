package crack

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/session"
)

func collectFile(t testing.TB, name string) Collected {
	t.Helper()
	src, err := capture.Open("../testdata/pcaps/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	c, err := Collect(src)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// describe lists the authentications compactly.
func describe(c Collected) string {
	var s []string
	for _, a := range c.Auths {
		s = append(s, fmt.Sprintf("%d:%s:%s:%s:frame%d", a.Session, a.Method, a.User, a.Result, a.Frame))
	}
	return fmt.Sprintf("%s incomplete=%d", strings.Join(s, " "), c.Incomplete)
}

func TestCollectBundledCaptures(t *testing.T) {
	for _, c := range []struct{ file, want string }{
		// Session 2, as analyze numbers it: session 1 is the tail of an
		// earlier one, without authentication.
		{"pptpcrack__test.pcap", "2:MS-CHAPv2:vpnuser:success:frame291 incomplete=0"},
		{"chapcrack__pptp.cap", "1:MS-CHAPv2:moxie:success:frame2 incomplete=0"},
		{"PPTP_VPN_Sniffer__connect.pcapng", "1:MS-CHAPv2:jm:success:frame25 incomplete=0"},
		{"pppd__mschapv2-mppe128.pcap", "1:MS-CHAPv2:student:success:frame27 incomplete=0"},
		{"pppd__mschapv1-mppe128.pcap", "1:MS-CHAPv1:student:success:frame27 incomplete=0"},
		{"pppd__chap-md5-noenc.pcap", "1:CHAP-MD5:student:success:frame28 incomplete=0"},
		{"pppd__eap-md5.pcap", "1:EAP-MD5:student:success:frame29 incomplete=0"},
		{"pppd__pap-noenc.pcap", "1:PAP:student:success:frame23 incomplete=0"},
		{"pppd__mschapv2-wrong-password.pcap", "1:MS-CHAPv2:student:failure:frame24 incomplete=0"},
		{"packetlife__PPTP_negotiation.cap", "1:PAP:ixia:success:frame17 incomplete=0"},
		{"packetlife__PPP_EAP.cap", "1:EAP-MD5:R2:none:frame11 1:EAP-MD5:R1:success:frame12 incomplete=0"},
		// Not PPTP: two routers on a serial link challenge each other with
		// the same identifier; without addresses the directions cannot be
		// told apart, so only the first exchange is taken.
		{"packetlife__PPP_negotiation.cap", "1:CHAP-MD5:R0:success:frame8 incomplete=0"},
		{"nDPI__pptp.pcap", " incomplete=0"},
	} {
		t.Run(c.file, func(t *testing.T) {
			got := describe(collectFile(t, c.file))
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// The Collector hands each authentication over as soon as its response is
// seen, for an analysis that cracks as it goes.
func TestCollectorStreams(t *testing.T) {
	src, err := capture.Open("../testdata/pcaps/pptpcrack__test.pcap")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var seen []string
	var frame int
	c := NewCollector(func(a Auth) {
		seen = append(seen, fmt.Sprintf("%s %s %s at frame %d", a.Method, a.User, a.Result, frame))
	})
	a, err := pipeline.Run(src, pipeline.Options{Policy: pipeline.Whole(true)}, pipeline.RecordFunc(func(r *session.Record) error { frame = r.Frame; return c.Record(r) }))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range a.Sessions {
		c.Session(s)
	}
	if got := strings.Join(seen, ";"); got != "MS-CHAPv2 vpnuser none at frame 291" {
		t.Fatalf("streamed %q", got)
	}
	if got := describe(c.Finish()); got != "2:MS-CHAPv2:vpnuser:success:frame291 incomplete=0" {
		t.Fatalf("finished %s", got)
	}
}
