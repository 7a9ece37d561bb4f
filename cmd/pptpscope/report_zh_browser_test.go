package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// markerCheck is script that, for every visible inline SVG of the page,
// checks that each arrowhead a line refers to (marker-start/marker-end) is
// defined once in the page and inside that same <svg>: a figure never
// borrows another figure's markers, which a collapsed section would hide.
const markerCheck = `(() => {
	let refs = 0, bad = [];
	document.querySelectorAll("svg.seq").forEach(svg => {
		if (!svg.getClientRects().length) return; // collapsed
		svg.querySelectorAll("[marker-end],[marker-start]").forEach(el => {
			["marker-end", "marker-start"].forEach(a => {
				const v = el.getAttribute(a);
				if (!v) return;
				refs++;
				const id = v.slice(5, -1);
				const all = document.querySelectorAll('[id="' + id + '"]');
				if (all.length !== 1 || all[0].closest("svg") !== svg) bad.push(id + " x" + all.length);
			});
		});
	});
	return {refs: refs, bad: bad.slice(0, 5)};
})()`

// TestReportChineseInBrowser opens the Chinese report of a capture with two
// sessions in headless Chromium: the diagnosis, phase titles and statuses
// are Chinese; table headers (序号, 时间（秒）...) stay on one line even in a
// narrow window; the index lists each session with its verdict and user;
// after collapsing the first figure every remaining figure still resolves
// its own arrowheads (ids unique per diagram), in the report and in
// diagram --format html with several sessions.
func TestReportChineseInBrowser(t *testing.T) {
	c := startBrowser(t)
	dir := t.TempDir()
	const pcap = "../../testdata/pcaps/pptpcrack__test.pcap"
	page := filepath.Join(dir, "report-zh.html")
	runOK(t, "report", "--lang", "zh", pcap, "-o", page)

	c.open(fileURL(t, page), 640, 900)
	var ready string
	c.eval(`document.body.dataset.ready || ""`, &ready)
	if ready != "1" {
		t.Fatalf("the report's script did not finish; errors: %v", c.errors())
	}
	var text string
	c.eval(`document.body.innerText`, &text)
	for _, want := range []string{"诊断", "2.3 LCP 协商", "2.4 身份验证", "成功", "安全 mschap-crackable：", "用户 \"vpnuser\" 的 MS-CHAPv2 交换可被离线破解",
		"会话 2：", "用户 vpnuser", "序号", "帧数"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Chinese report lacks %q", want)
		}
	}
	for _, bad := range []string{"Session 1", "FAILED", "Diagnosis", "!("} {
		if strings.Contains(text, bad) {
			t.Errorf("the Chinese report shows %q", bad)
		}
	}
	// Headers on one line: the text of each header cell makes one line box,
	// and no header is taller than the row's shortest.
	var hdr struct {
		Headers int
		Broken  []string
	}
	c.eval(`(() => {
		let n = 0, broken = [];
		document.querySelectorAll("table.packets thead tr, table.timeline thead tr").forEach(tr => {
			const ths = [...tr.querySelectorAll("th")].filter(th => th.getClientRects().length);
			if (!ths.length) return;
			const minH = Math.min(...ths.map(th => th.getBoundingClientRect().height));
			ths.forEach(th => {
				n++;
				const r = document.createRange(); r.selectNodeContents(th);
				const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;
				if (lines > 1 || th.getBoundingClientRect().height > minH + 1) broken.push(th.textContent);
			});
		});
		return {headers: n, broken: [...new Set(broken)]};
	})()`, &hdr)
	if hdr.Headers < 20 || len(hdr.Broken) > 0 {
		t.Errorf("%d table headers measured; broken across lines: %q", hdr.Headers, hdr.Broken)
	}
	// The index: one entry per session with verdict and user.
	var index []string
	c.eval(`[...document.querySelectorAll("nav.index li")].map(li => li.textContent)`, &index)
	if len(index) != 2 || !strings.Contains(index[1], "会话 2") || !strings.Contains(index[1], "成功") || !strings.Contains(index[1], "vpnuser") {
		t.Errorf("index entries %q", index)
	}

	// Arrowheads: collapse the first figure, then every visible figure must
	// still resolve its markers in itself.
	var m struct {
		Refs int
		Bad  []string
	}
	c.eval(`(() => { const d = document.querySelector("details.figure"); d.open = false; return document.querySelectorAll("details.figure:not([open])").length; })()`, new(int))
	c.eval(markerCheck, &m)
	if m.Refs < 20 || len(m.Bad) > 0 {
		t.Errorf("after collapsing a figure: %d marker references, unresolved or shared: %v", m.Refs, m.Bad)
	}
	if os.Getenv("PPTPSCOPE_SCREENSHOTS") != "" {
		dir = os.Getenv("PPTPSCOPE_SCREENSHOTS")
	}
	c.screenshot(filepath.Join(dir, "report-zh.png"))
	if errs := c.errors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}

	// diagram --format html with both sessions: one figure per session.
	html := filepath.Join(dir, "diagram.html")
	runOK(t, "diagram", "--format", "html", "--lang", "zh", pcap, "-o", html)
	c.open(fileURL(t, html), 1200, 900)
	m.Refs, m.Bad = 0, nil
	c.eval(markerCheck, &m)
	if m.Refs < 20 || len(m.Bad) > 0 {
		t.Errorf("diagram --format html: %d marker references, unresolved or shared: %v", m.Refs, m.Bad)
	}
}
