package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe
// (the browser reads commands on fd 3 and writes replies and events on
// fd 4, each a JSON message ending in a NUL byte): enough to open the
// report in a real headless Chromium, run script, click, type and take a
// screenshot, with no dependency beyond the standard library.

type cdp struct {
	t       *testing.T
	cmd     *exec.Cmd
	in      *os.File // our end of fd 3
	out     *os.File // our end of fd 4
	mu      sync.Mutex
	nextID  int
	waiting map[int]chan cdpMsg
	events  chan cdpMsg
	errs    []string // console errors and uncaught exceptions
	session string
	done    chan struct{}
}

type cdpMsg struct {
	ID        int                       `json:"id,omitempty"`
	Method    string                    `json:"method,omitempty"`
	Params    json.RawMessage           `json:"params,omitempty"`
	Result    json.RawMessage           `json:"result,omitempty"`
	Error     *struct{ Message string } `json:"error,omitempty"`
	SessionID string                    `json:"sessionId,omitempty"`
}

// findChromium returns the browser to test with: $PPTPSCOPE_CHROMIUM, or
// Debian's chromium on the PATH.
func findChromium() string {
	if p := os.Getenv("PPTPSCOPE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startBrowser starts headless Chromium. Without a browser the test fails:
// `make test` installs Debian's chromium when it is missing.
func startBrowser(t *testing.T) *cdp {
	t.Helper()
	bin := findChromium()
	if bin == "" {
		t.Fatal("chromium not found: the report's browser test needs it (make test installs Debian's chromium as root; or apt-get install chromium)")
	}
	r3, w3, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r4, w4, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
		"--user-data-dir="+t.TempDir(), "--remote-debugging-pipe", "--hide-scrollbars", "about:blank")
	cmd.ExtraFiles = []*os.File{r3, w4}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	r3.Close()
	w4.Close()
	c := &cdp{t: t, cmd: cmd, in: w3, out: r4, waiting: map[int]chan cdpMsg{}, events: make(chan cdpMsg, 256), done: make(chan struct{})}
	go c.read()
	t.Cleanup(c.close)
	return c
}

func (c *cdp) read() {
	defer close(c.done)
	br := bufio.NewReaderSize(c.out, 1<<20)
	for {
		b, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMsg
		if json.Unmarshal(b[:len(b)-1], &m) != nil {
			continue
		}
		if m.ID != 0 {
			c.mu.Lock()
			ch := c.waiting[m.ID]
			delete(c.waiting, m.ID)
			c.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		c.event(m)
	}
}

// event records console errors and exceptions, and queues the rest.
func (c *cdp) event(m cdpMsg) {
	switch m.Method {
	case "Runtime.consoleAPICalled":
		var p struct {
			Type string
			Args []struct {
				Value       any
				Description string
			}
		}
		_ = json.Unmarshal(m.Params, &p)
		if p.Type == "error" || p.Type == "assert" {
			var parts []string
			for _, a := range p.Args {
				parts = append(parts, fmt.Sprint(a.Value, a.Description))
			}
			c.addErr("console." + p.Type + ": " + strings.Join(parts, " "))
		}
	case "Runtime.exceptionThrown":
		c.addErr("exception: " + string(m.Params))
	case "Log.entryAdded":
		var p struct {
			Entry struct{ Level, Text, URL string }
		}
		_ = json.Unmarshal(m.Params, &p)
		if p.Entry.Level == "error" {
			c.addErr("log: " + p.Entry.Text + " " + p.Entry.URL)
		}
	}
	select {
	case c.events <- m:
	default:
	}
}

func (c *cdp) addErr(s string) {
	c.mu.Lock()
	c.errs = append(c.errs, s)
	c.mu.Unlock()
}

func (c *cdp) errors() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.errs...)
}

// call sends a command (to the attached page once there is one) and
// returns its result.
func (c *cdp) call(method string, params any, result any) {
	c.t.Helper()
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan cdpMsg, 1)
	c.waiting[id] = ch
	c.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if c.session != "" && !strings.HasPrefix(method, "Target.") && !strings.HasPrefix(method, "Browser.") {
		msg["sessionId"] = c.session
	}
	b, _ := json.Marshal(msg)
	if _, err := c.in.Write(append(b, 0)); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			c.t.Fatalf("%s: %s", method, m.Error.Message)
		}
		if result != nil {
			if err := json.Unmarshal(m.Result, result); err != nil {
				c.t.Fatalf("%s: %v", method, err)
			}
		}
	case <-time.After(30 * time.Second):
		c.t.Fatalf("%s: no answer from the browser in 30 s", method)
	}
}

// open attaches to a new page and loads url, waiting for its load event.
func (c *cdp) open(url string, width, height int) {
	c.t.Helper()
	var target struct{ TargetID string }
	c.call("Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var att struct{ SessionID string }
	c.call("Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att)
	c.session = att.SessionID
	for _, m := range []string{"Page.enable", "Runtime.enable", "Log.enable"} {
		c.call(m, nil, nil)
	}
	c.call("Emulation.setDeviceMetricsOverride", map[string]any{"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}, nil)
	c.call("Page.navigate", map[string]any{"url": url}, nil)
	deadline := time.After(30 * time.Second)
	for {
		select {
		case m := <-c.events:
			if m.Method == "Page.loadEventFired" && m.SessionID == c.session {
				return
			}
		case <-deadline:
			c.t.Fatalf("%s did not load in 30 s", url)
		}
	}
}

// eval runs a JavaScript expression in the page and decodes its value.
func (c *cdp) eval(expr string, v any) {
	c.t.Helper()
	var res struct {
		Result struct {
			Value json.RawMessage
		}
		ExceptionDetails *struct {
			Text      string
			Exception struct{ Description string }
		}
	}
	c.call("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &res)
	if res.ExceptionDetails != nil {
		c.t.Fatalf("evaluating %s: %s %s", expr, res.ExceptionDetails.Text, res.ExceptionDetails.Exception.Description)
	}
	if v != nil {
		if err := json.Unmarshal(res.Result.Value, v); err != nil {
			c.t.Fatalf("evaluating %s: %v (value %s)", expr, err, res.Result.Value)
		}
	}
}

// click scrolls the element matched by selector into view and clicks its
// centre with a real mouse event.
func (c *cdp) click(selector string) {
	c.t.Helper()
	var pt struct{ X, Y float64 }
	c.eval(fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.scrollIntoView({block: "center"});
		const r = e.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()`, selector), &pt)
	for _, typ := range []string{"mousePressed", "mouseReleased"} {
		c.call("Input.dispatchMouseEvent", map[string]any{"type": typ, "x": pt.X, "y": pt.Y, "button": "left", "clickCount": 1}, nil)
	}
}

// key presses and releases a key (e.g. "ArrowDown").
func (c *cdp) key(key string, code int) {
	c.t.Helper()
	for _, typ := range []string{"keyDown", "keyUp"} {
		c.call("Input.dispatchKeyEvent", map[string]any{"type": typ, "key": key, "code": key, "windowsVirtualKeyCode": code}, nil)
	}
}

// screenshot writes a PNG of the viewport.
func (c *cdp) screenshot(path string) {
	c.t.Helper()
	var res struct{ Data string }
	c.call("Page.captureScreenshot", map[string]any{"format": "png"}, &res)
	b, err := base64.StdEncoding.DecodeString(res.Data)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		c.t.Fatal(err)
	}
}

func (c *cdp) close() {
	c.session = ""
	c.mu.Lock()
	c.nextID++
	b, _ := json.Marshal(map[string]any{"id": c.nextID, "method": "Browser.close"})
	c.mu.Unlock()
	_, _ = c.in.Write(append(b, 0))
	c.in.Close()
	exited := make(chan struct{})
	go func() { _ = c.cmd.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		_ = c.cmd.Process.Kill()
		<-exited
	}
	c.out.Close()
}

func fileURL(t *testing.T, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return "file://" + abs
}
