package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/capture"
	"github.com/pptpscope/pptpscope/pipeline"
	"github.com/pptpscope/pptpscope/render"
	"github.com/pptpscope/pptpscope/session"
)

// TestReportInBrowser opens the report of a real capture in headless
// Chromium and checks, as a student would use it: the page renders without
// console errors or exceptions; every diagram arrow stands for its messages
// (one arrow per drawn item, and the arrows cover every handshake message);
// clicking an arrow shows the message's explanation, decoded fields and
// bytes; clicking a field highlights exactly its bytes; the arrow keys step
// to the next message. Screenshots go to the test's temporary directory
// (kept with PPTPSCOPE_SCREENSHOTS=DIR).
func TestReportInBrowser(t *testing.T) {
	c := startBrowser(t)
	dir := t.TempDir()
	const pcap = "../../testdata/pcaps/pptpcrack__test.pcap"
	page := filepath.Join(dir, "report.html")
	runOK(t, "report", "--lang", "en", pcap, "-o", page)

	// What the page must show, from the analysis itself.
	src, err := capture.Open(pcap)
	if err != nil {
		t.Fatal(err)
	}
	a, err := pipeline.Run(src, pipeline.Options{Policy: pipeline.Whole(false)}, session.NopSink{})
	src.Close()
	if err != nil {
		t.Fatal(err)
	}
	wantArrows, wantMsgs := 0, 0
	for _, s := range a.Sessions {
		wantArrows += render.NewDiagram(s, render.DiagramOptions{}).Arrows()
		wantMsgs += len(s.Messages)
	}

	c.open(fileURL(t, page), 1400, 900)
	var ready string
	c.eval(`document.body.dataset.ready || ""`, &ready)
	if ready != "1" {
		t.Fatalf("the report's script did not finish (body data-ready=%q); errors: %v", ready, c.errors())
	}
	var counts struct{ Arrows, Covered, Rows, Svgs int }
	c.eval(`(() => {
		const arrows = document.querySelectorAll("svg.seq g.msg");
		let covered = 0;
		arrows.forEach(g => { if (!g.classList.contains("data")) covered += +g.dataset.n; });
		return {arrows: arrows.length, covered: covered, rows: document.querySelectorAll("tr.msgrow").length,
			svgs: document.querySelectorAll("svg.seq").length};
	})()`, &counts)
	if counts.Arrows != wantArrows {
		t.Errorf("%d arrows in the diagrams, want %d (one per message or collapsed repetition)", counts.Arrows, wantArrows)
	}
	if counts.Covered != wantMsgs || counts.Rows != wantMsgs {
		t.Errorf("arrows stand for %d messages and tables list %d, want %d handshake messages", counts.Covered, counts.Rows, wantMsgs)
	}
	if counts.Svgs < 9 {
		t.Errorf("%d diagrams, want one per phase of each session", counts.Svgs)
	}

	// Click the arrow of session 2's first LCP Configure-Request.
	first := firstMessage(t, a, 2, "LCP", "Configure-Request")
	c.click(`g.msg[data-s="2"][data-m="` + strconv.Itoa(first) + `"] text.label`)
	var detail struct {
		Title, Text string
		Fields      int
		HexBytes    int
		Selected    int
	}
	read := `(() => ({title: document.querySelector("#detail h2").textContent,
		text: document.querySelector("#detail").textContent,
		fields: document.querySelectorAll("#detail table.fields tr").length,
		hexBytes: document.querySelectorAll("#detail pre.hex span[data-o]").length,
		selected: document.querySelectorAll("tr.msgrow.sel").length}))()`
	c.eval(read, &detail)
	if detail.Title != "LCP Configure-Request id=0" {
		t.Errorf("after clicking the arrow the panel shows %q, want LCP Configure-Request id=0", detail.Title)
	}
	for _, want := range []string{"What it does", "RFC 1661 §5.1", "magic_number", "mru", "RFC 1661"} {
		if !strings.Contains(detail.Text, want) {
			t.Errorf("the message panel lacks %q", want)
		}
	}
	m := &a.Sessions[1].Messages[first]
	if detail.HexBytes != len(m.Bytes) || detail.Fields < 5 || detail.Selected != 1 {
		t.Errorf("panel: %d hex bytes (want %d), %d field rows, %d selected table rows", detail.HexBytes, len(m.Bytes), detail.Fields, detail.Selected)
	}
	if os.Getenv("PPTPSCOPE_SCREENSHOTS") != "" {
		dir = os.Getenv("PPTPSCOPE_SCREENSHOTS")
	}
	c.screenshot(filepath.Join(dir, "report-lcp.png"))

	// Clicking a field highlights its bytes (Wireshark style).
	var hl struct{ Want, Got int }
	c.click(`#detail table.fields tr:nth-child(2)`)
	c.eval(`(() => { const tr = document.querySelector("#detail table.fields tr.on");
		return {want: tr ? tr.dataset.e - tr.dataset.s : -1, got: document.querySelectorAll("#detail pre.hex span.hl").length}; })()`, &hl)
	if hl.Want <= 0 || hl.Got != hl.Want {
		t.Errorf("selected field covers %d bytes, %d highlighted", hl.Want, hl.Got)
	}

	// The down arrow steps to the next message in document order.
	c.key("ArrowDown", 40)
	c.eval(read, &detail)
	if detail.Title != "LCP Configure-Request id=0" || !strings.Contains(detail.Text, "Frame 276") {
		t.Errorf("after ↓ the panel shows %q (%.60s…), want the server's Configure-Request, frame 276", detail.Title, detail.Text)
	}
	c.key("ArrowUp", 38)
	c.eval(read, &detail)
	if !strings.Contains(detail.Text, "Frame 275") {
		t.Errorf("after ↑ the panel shows %.60s…, want frame 275", detail.Text)
	}
	c.screenshot(filepath.Join(dir, "report-step.png"))
	if errs := c.errors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
	t.Logf("screenshots in %s", dir)
}

func firstMessage(t *testing.T, a *session.Analysis, index int, proto, msg string) int {
	t.Helper()
	for _, s := range a.Sessions {
		if s.Index != index {
			continue
		}
		for i, m := range s.Messages {
			if m.Proto == proto && m.Msg == msg {
				return i
			}
		}
	}
	t.Fatalf("session %d has no %s %s", index, proto, msg)
	return -1
}
