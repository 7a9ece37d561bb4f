package render

import (
	"bytes"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/pptpscope/pptpscope/decode"
	"github.com/pptpscope/pptpscope/session"
)

//go:embed assets/report.css
var reportCSS string

//go:embed assets/report.js
var reportJS string

// ReportOptions configures the HTML report.
type ReportOptions struct {
	Lang    string // en or zh
	Source  string // the capture's name
	Version string // pptpscope's version
	// Frames holds, per session index, a data frame to dissect in the
	// encapsulation view (sessions without one get no view).
	Frames map[int]RawFrame
	// Static leaves out the script and the explanations: `diagram --format
	// html` (figures and tables only).
	Static bool
	// Locate, when set (several captures merged), gives a frame's file
	// and its number there (see DiagramOptions.Locate).
	Locate func(frame int) (file string, local int)
}

func phaseTitle(lang, phase string) string { return PhaseTitle(lang, phase) }

// reportField is a decoded field for the script: name, value, byte range
// and children (nested options).
type reportField struct {
	N string        `json:"n"`
	V string        `json:"v,omitempty"`
	S int           `json:"s"`
	E int           `json:"e"`
	C []reportField `json:"c,omitempty"`
}

// reportMsg is one message for the script.
type reportMsg struct {
	Frame   int           `json:"f"`
	Name    string        `json:"fn,omitempty"` // file:frame when several captures are merged
	Time    string        `json:"t"`
	Client  bool          `json:"c"`
	Phase   string        `json:"p"`
	Label   string        `json:"l"`
	Summary string        `json:"sum,omitempty"`
	Fields  []reportField `json:"fl,omitempty"`
	Hex     string        `json:"x,omitempty"`
	Explain string        `json:"ex,omitempty"` // key into the explanations
}

type reportData struct {
	Lang     string                 `json:"lang"`
	UI       map[string]string      `json:"ui"`
	Sessions map[int][]reportMsg    `json:"sessions"`
	Explain  map[string]Explanation `json:"explain"`
	Phases   map[string]string      `json:"phases"`
	Arrows   int                    `json:"arrows"`
	Messages int                    `json:"messages"`
}

func fieldsOf(f decode.Fields) []reportField {
	out := make([]reportField, 0, len(f))
	for _, x := range f {
		rf := reportField{N: x.Name, S: x.Start, E: x.End}
		switch v := x.Value.(type) {
		case decode.Fields:
			rf.C = fieldsOf(v)
			rf.S, rf.E = span(rf.C, x.Start, x.End)
		case []decode.Fields:
			for i, o := range v {
				c := reportField{N: fmt.Sprintf("[%d]", i), C: fieldsOf(o)}
				c.S, c.E = span(c.C, 0, 0)
				rf.C = append(rf.C, c)
			}
			rf.S, rf.E = span(rf.C, x.Start, x.End)
			rf.V = fmt.Sprintf("%d", len(v))
		default:
			rf.V = decode.Text(v)
		}
		out = append(out, rf)
	}
	return out
}

// span is the byte range covering a field's children (or start, end when
// the field has its own range).
func span(c []reportField, start, end int) (int, int) {
	if end > start {
		return start, end
	}
	s, e := -1, 0
	for _, x := range c {
		if x.E > x.S {
			if s < 0 || x.S < s {
				s = x.S
			}
			e = max(e, x.E)
		}
	}
	if s < 0 {
		return 0, 0
	}
	return s, e
}

// WriteDiagramHTML writes the diagrams as a standalone HTML page: per
// session the SVG figure, then the packet table of each phase.
func WriteDiagramHTML(w io.Writer, ds []*Diagram, lang string) error {
	lang = NormLang(lang)
	r := &reportWriter{opts: ReportOptions{Lang: lang, Static: true}}
	r.words = reportWords(lang)
	r.head("pptpscope diagram")
	if len(ds) == 0 {
		r.printf("<p>%s</p>\n", r.words["nosession"])
	}
	for _, d := range ds {
		s := d.Session
		r.printf("<section class=\"session\" id=\"s%d\">\n<h2>%s <span class=\"verdict %s\">%s</span></h2>\n", s.Index, esc(d.Title), d.Verdict, esc(d.VerdictText()))
		var b bytes.Buffer
		writeSVGInline(&b, d, SVGOptions{IDPrefix: fmt.Sprintf("s%d-", s.Index), Session: s.Index, NoTitle: true})
		r.printf("<div class=\"figure\">%s</div>\n", b.String())
		for _, sec := range d.Sections {
			r.printf("<h3 class=\"phase-title\" style=\"border-color:%s\">%s <span class=\"status %s\">%s</span></h3>\n", phaseStrokes[sec.Phase], esc(sec.Title), sec.Status, esc(StatusWord(lang, sec.Status)))
			r.packetTable(s, sec.Phase, d)
		}
		r.printf("</section>\n")
	}
	r.printf("</main>\n</body>\n</html>\n")
	_, err := w.Write(r.b.Bytes())
	return err
}

// WriteReport writes the teaching report: one self-contained HTML page
// (inline CSS, script and SVG; nothing loaded from the network).
func WriteReport(w io.Writer, a *session.Analysis, opts ReportOptions) error {
	if opts.Lang != "zh" {
		opts.Lang = "en"
	}
	r := &reportWriter{opts: opts, words: reportWords(opts.Lang)}
	data := reportData{Lang: opts.Lang, UI: r.words, Sessions: map[int][]reportMsg{}, Explain: map[string]Explanation{}, Phases: map[string]string{}}
	for _, p := range session.PhaseOrder {
		data.Phases[p] = phaseTitle(opts.Lang, p)
	}
	r.head(r.words["title"] + " — " + opts.Source)
	r.printf("<header>\n<h1>%s</h1>\n<p class=\"meta\">%s: <code>%s</code> · %s · %s %s</p>\n", esc(r.words["title"]),
		r.words["capture"], esc(opts.Source), esc(TN(opts.Lang, "report.sessions", len(a.Sessions), len(a.Sessions))), r.words["generated"], esc(opts.Version))
	if len(a.Sessions) > 1 {
		r.index(a)
	}
	r.printf("<p class=\"help\">%s</p>\n</header>\n", esc(r.words["keys"]))
	if len(a.Sessions) == 0 {
		r.printf("<p>%s</p>\n", esc(r.words["nosession"]))
	}
	origin := Origin(a)
	for _, s := range a.Sessions {
		d := NewDiagram(s, DiagramOptions{Origin: origin, Lang: opts.Lang, Locate: opts.Locate})
		data.Arrows += d.Arrows()
		data.Messages += len(s.Messages)
		msgs := make([]reportMsg, len(s.Messages))
		for i := range s.Messages {
			m := &s.Messages[i]
			rm := reportMsg{Frame: m.Frame, Time: fmt.Sprintf("%.6f", m.Time.Sub(origin).Seconds()), Client: m.FromClient,
				Phase: m.Phase, Label: MessageLabelOf(m), Summary: messageSummary(opts.Lang, m), Fields: fieldsOf(m.DecodedFields()), Hex: hex.EncodeToString(m.Bytes)}
			if opts.Locate != nil {
				rm.Name = d.FrameName(m.Frame)
			}
			if e, ok := Explain(opts.Lang, m.Proto, m.Msg); ok {
				key := m.Proto + " " + m.Msg
				data.Explain[key] = e
				rm.Explain = key
			}
			msgs[i] = rm
		}
		data.Sessions[s.Index] = msgs
		r.session(s, d, origin)
	}
	r.printf("</main>\n")
	r.printf("<aside id=\"detail\" aria-live=\"polite\"><h2>%s</h2><p>%s</p></aside>\n", esc(r.words["select"]), esc(r.words["selecthelp"]))
	js, err := json.Marshal(data)
	if err != nil {
		return err
	}
	r.printf("<script type=\"application/json\" id=\"pptpscope-data\">%s</script>\n", js)
	r.printf("<script>\n%s</script>\n", reportJS)
	r.printf("</body>\n</html>\n")
	_, err = w.Write(r.b.Bytes())
	return err
}

type reportWriter struct {
	b     bytes.Buffer
	opts  ReportOptions
	words map[string]string
}

func (r *reportWriter) printf(format string, args ...any) { fmt.Fprintf(&r.b, format, args...) }

func (r *reportWriter) head(title string) {
	lang := r.opts.Lang
	if lang == "" {
		lang = "en"
	}
	cls := "report"
	if r.opts.Static {
		cls = "static"
	}
	r.printf("<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", lang)
	r.printf("<title>%s</title>\n<style>\n%s</style>\n</head>\n<body class=\"%s\">\n<main>\n", esc(title), reportCSS, cls)
}

func (r *reportWriter) session(s *session.Session, d *Diagram, origin time.Time) {
	w := r.words
	r.printf("<section class=\"session\" id=\"s%d\">\n", s.Index)
	lang := r.opts.Lang
	r.printf("<h2>%s <span class=\"verdict %s\">%s</span></h2>\n", esc(d.Title), d.Verdict, esc(d.VerdictText()))
	// Summary.
	r.printf("<h3>%s</h3>\n<dl class=\"summary\">\n", w["summary"])
	row := func(k, v string) {
		if v != "" {
			r.printf("<dt>%s</dt><dd>%s</dd>\n", esc(k), esc(v))
		}
	}
	client := sideLabel(&s.Client)
	if s.ClientInferred {
		client += T(lang, "report.inferred-by", w["inferred"], InferenceText(lang, s.InferredBy))
	}
	row(w["endpoints"], T(lang, "analyze.endpoints", client, sideLabel(&s.Server)))
	if s.CallID >= 0 || s.PeerCallID >= 0 {
		row(w["callids"], T(lang, "analyze.pair", optInt(s.CallID), optInt(s.PeerCallID)))
	}
	if au := s.Auth; au != nil {
		v := au.Method
		if au.User != "" {
			v = au.User + " — " + au.Method
		}
		v = T(lang, "analyze.user.result", v, AuthResultWord(lang, au.Result))
		if au.FailureCode != 0 {
			v += T(lang, "analyze.user.failure-code", au.FailureCode, au.FailureName)
		}
		if au.Message != "" {
			v += fmt.Sprintf(" %q", au.Message)
		}
		row(w["user"], v)
	} else {
		row(w["user"], w["noauth"])
	}
	row(w["encryption"], EncryptionText(lang, s))
	if s.Client.TunnelAddr.IsValid() || s.Server.TunnelAddr.IsValid() {
		v := T(lang, "analyze.pair", addrOr(s.Client.TunnelAddr), addrOr(s.Server.TunnelAddr))
		if len(s.Client.DNS) > 0 {
			v += T(lang, "analyze.dns", strings.Join(addrList(s.Client.DNS), " "))
		}
		row(w["addresses"], v)
	}
	row(w["durationrow"], T(lang, "analyze.duration", seconds(s.End.Sub(s.Start)), s.Start.UTC().Format("2006-01-02 15:04:05"), s.End.UTC().Format("15:04:05")))
	r.printf("</dl>\n")
	// Diagnosis.
	r.printf("<h3>%s</h3>\n<ul class=\"findings\">\n", w["diagnosis"])
	if len(s.Findings) == 0 {
		r.printf("<li class=\"none\">%s</li>\n", w["nofindings"])
	}
	for _, f := range s.Findings {
		r.printf("<li class=\"%s\"><b>%s %s</b>%s%s%s</li>\n", f.Severity, esc(SeverityWord(lang, f.Severity)), esc(f.Code),
			esc(T(lang, "analyze.finding.colon")), esc(FindingText(lang, f)), esc(findingFrames(lang, d.FrameName, f.Frames)))
	}
	r.printf("</ul>\n")
	r.timeline(s)
	r.traffic(s)
	r.encapsulation(s, d, origin)
	// Phases: explanation, packet table, diagram.
	for _, sec := range d.Sections {
		r.printf("<section class=\"phase\" id=\"s%d-%s\">\n", s.Index, sec.Phase)
		f := phaseFills[sec.Phase]
		r.printf("<h3 class=\"phase-title\" style=\"border-color:%s;background:rgb(%d,%d,%d)\">%s <span class=\"status %s\">%s</span></h3>\n",
			phaseStrokes[sec.Phase], f[0], f[1], f[2], esc(phaseTitle(r.opts.Lang, sec.Phase)), sec.Status, esc(StatusWord(lang, sec.Status)))
		if intro := SessionPhaseIntro(r.opts.Lang, s, sec.Phase); intro != "" {
			r.printf("<p class=\"intro\">%s</p>\n", esc(intro))
		}
		if e := s.Encryption; sec.Phase == session.PhaseCCP && (e != nil && e.MPPC || s.Decryption != nil && s.Decryption.Dir[0].Compressed+s.Decryption.Dir[1].Compressed > 0) {
			r.printf("<p class=\"intro\">%s</p>\n", esc(T(lang, "mppc.explain")))
		}
		r.packetTable(s, sec.Phase, d)
		if len(sec.Items) == 1 && sec.Items[0].Kind == ItemNote {
			r.printf("</section>\n")
			continue
		}
		sub := *d
		sub.Sections = []Section{sec}
		var b bytes.Buffer
		writeSVGInline(&b, &sub, SVGOptions{IDPrefix: fmt.Sprintf("s%d-%s-", s.Index, sec.Phase), Session: s.Index, NoTitle: true, NoLegend: sec.Phase != session.PhaseTeardown})
		r.printf("<details class=\"figure\" open><summary>%s</summary>\n%s</details>\n", w["diagram"], b.String())
		r.printf("</section>\n")
	}
	r.printf("</section>\n")
}

// packetTable lists the messages of one phase like the article's capture
// figures.
func (r *reportWriter) packetTable(s *session.Session, phase string, d *Diagram) {
	w := r.words
	n := 0
	for i := range s.Messages {
		if s.Messages[i].Phase == phase {
			n++
		}
	}
	if n == 0 {
		r.printf("<p class=\"empty\">%s</p>\n", esc(w["nomsgs"]))
		return
	}
	r.printf("<div class=\"tablewrap\"><table class=\"packets\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		w["no"], w["time"], w["direction"], w["message"], w["info"])
	for i := range s.Messages {
		m := &s.Messages[i]
		if m.Phase != phase {
			continue
		}
		dir := esc(d.Client.Addr) + " → " + esc(d.Server.Addr)
		if !m.FromClient {
			dir = esc(d.Server.Addr) + " → " + esc(d.Client.Addr)
		}
		attrs := ""
		if !r.opts.Static {
			attrs = fmt.Sprintf(` class="msgrow" data-s="%d" data-m="%d" tabindex="-1"`, s.Index, i)
		}
		r.printf("<tr%s><td class=\"num\">%s</td><td class=\"num\">%.6f</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			attrs, esc(d.FrameName(m.Frame)), d.Rel(m.Time), dir, esc(MessageLabelOf(m)), esc(messageSummary(r.opts.Lang, m)))
	}
	r.printf("</tbody></table></div>\n")
}

// timeline draws the phases on a logarithmic time axis: the handshake
// takes milliseconds, the data phase minutes.
// traffic draws the session's GRE traffic over time (TrafficChart).
func (r *reportWriter) traffic(s *session.Session) {
	body, h := TrafficChart(s, r.opts.Lang)
	if body == "" {
		return
	}
	r.printf("<h3>%s</h3>\n<figure class=\"traffic\">%s%s</svg></figure>\n", esc(T(r.opts.Lang, "chart.heading")), svgOpen(h, "chart", fmt.Sprintf("chart%d-", s.Index)), body)
}

func (r *reportWriter) timeline(s *session.Session) {
	w := r.words
	total := s.End.Sub(s.Start)
	scale := func(d time.Duration) float64 {
		if total <= 0 {
			return 0
		}
		const unit = float64(time.Millisecond)
		return 100 * math.Log10(1+float64(d)/unit) / math.Log10(1+float64(total)/unit)
	}
	r.printf("<h3>%s</h3>\n<table class=\"timeline\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th class=\"axis\">%s</th></tr></thead>\n<tbody>\n",
		w["timeline"], w["phase"], w["status"], w["start"], w["duration"], w["frames"], esc(w["logaxis"]))
	for _, name := range s.PhaseNames() {
		p := s.Phases[name]
		start, dur, bar := "-", "-", ""
		if p.Count > 0 {
			start = fmt.Sprintf("%.3f", p.Start.Sub(s.Start).Seconds())
			dur = seconds(p.Duration())
			x0, x1 := scale(p.Start.Sub(s.Start)), scale(p.End.Sub(s.Start))
			bar = fmt.Sprintf(`<div class="bar %s" style="left:%.2f%%;width:max(3px,%.2f%%);background:%s"></div>`, p.Status, x0, x1-x0, phaseStrokes[name])
		}
		r.printf("<tr><td><a href=\"#s%d-%s\">%s</a></td><td><span class=\"status %s\">%s</span></td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%d</td><td class=\"axis\"><div class=\"track\">%s</div></td></tr>\n",
			s.Index, name, esc(phaseTitle(r.opts.Lang, name)), p.Status, esc(StatusWord(r.opts.Lang, p.Status)), start, dur, p.Count, bar)
	}
	r.printf("</tbody></table>\n")
}

// encapsulation shows the layers of one data frame of the session.
func (r *reportWriter) encapsulation(s *session.Session, d *Diagram, origin time.Time) {
	w := r.words
	r.printf("<h3>%s</h3>\n", w["encap"])
	f, ok := r.opts.Frames[s.Index]
	if !ok {
		r.printf("<p class=\"empty\">%s</p>\n", esc(w["nodata"]))
		return
	}
	ls := Encapsulation(r.opts.Lang, f)
	r.printf("<p class=\"intro\">%s %s %s, %.6f s, %d %s.</p>\n", esc(w["encapintro"]), w["frame"], esc(d.FrameName(f.Frame)), f.Time.Sub(origin).Seconds(), len(f.Data), w["bytesword"])
	r.printf("<div class=\"encap\">")
	for _, l := range ls {
		cls := "layer"
		if l.Encrypted {
			cls += " encrypted"
		}
		if l.Decrypted {
			cls += " decrypted"
		}
		grow := 1 + math.Log2(float64(1+l.End-l.Start))
		name := l.Name
		if l.Encrypted {
			name = w["encrypted"]
		}
		r.printf("<div class=\"%s\" style=\"flex-grow:%.2f\"><b>%s</b><small>%d–%d</small></div>", cls, grow, esc(name), l.Start, max(l.End-1, l.Start))
	}
	r.printf("</div>\n<table class=\"layers\"><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n", w["layer"], w["bytes"], w["fields"])
	for _, l := range ls {
		name := l.Name
		if l.Encrypted {
			name = w["encrypted"]
		}
		r.printf("<tr><td>%s</td><td class=\"num\">%d–%d (%d)</td><td>%s</td></tr>\n", esc(name), l.Start, max(l.End-1, l.Start), l.End-l.Start, esc(strings.Join(l.Fields, "; ")))
	}
	r.printf("</tbody></table>\n")
}

// PickDataFrames chooses, per session, the data frame the encapsulation
// view dissects: preferably one sent by the client (like the article's
// example), carrying MPPE or IPv4; the earliest of the best.
func PickDataFrames(a *session.Analysis, frames []DataFrame) map[int]RawFrame {
	out := map[int]RawFrame{}
	sort.SliceStable(frames, func(i, j int) bool { return frames[i].Raw.Frame < frames[j].Raw.Frame })
	for _, s := range a.Sessions {
		best, bestScore := -1, -1
		for i := range frames {
			f := &frames[i]
			if len(sessionPackets(s, []DataPacket{f.Packet})) == 0 {
				continue
			}
			score := 0
			if f.Packet.Src == s.Client.Addr {
				score += 2
			}
			if f.Packet.Proto == "MPPE" || f.Packet.Msg == "IPv4" {
				score++
			}
			if score > bestScore {
				best, bestScore = i, score
			}
		}
		if best >= 0 {
			out[s.Index] = frames[best].Raw
		}
	}
	return out
}

// DataFrame is a candidate frame for the encapsulation view.
type DataFrame struct {
	Packet DataPacket
	Raw    RawFrame
}

// index lists the sessions at the top of a report with several: verdict,
// user and addresses beside each link.
func (r *reportWriter) index(a *session.Analysis) {
	lang := r.opts.Lang
	r.printf("<nav class=\"index\"><ol>\n")
	for _, s := range a.Sessions {
		user := T(lang, "report.index.no-user")
		if au := s.Auth; au != nil && au.User != "" {
			user = T(lang, "report.index.user", au.User)
		}
		r.printf("<li><a href=\"#s%d\">%s</a> <span class=\"verdict %s\">%s</span> <span class=\"who\">%s</span></li>\n",
			s.Index, esc(SessionTitle(lang, s)),
			s.Verdict(), esc(VerdictWord(lang, s.Verdict())), esc(user))
	}
	r.printf("</ol></nav>\n")
}
