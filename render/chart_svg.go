package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/pptpscope/pptpscope/session"
)

// The traffic chart: a session's GRE packets and bytes per second each way
// over time (session.Series), with its lost and reordered packets, its
// unanswered keepalives and its GRE round-trip times marked: the view that
// shows a tunnel that is up but slow or flapping.

// chart geometry, in pixels.
const (
	chartLeft   = 96 // left edge of the plots (the axis labels are left of it)
	chartRight  = svgWidth - 24
	chartPanelH = 90
	chartRTTH   = 60
	chartGap    = 26
)

var chartDirColors = [2]string{"#1565c0", "#ef6c00"} // client→server, server→client

// HasTraffic reports whether a session has a traffic chart to draw.
func HasTraffic(s *session.Session) bool {
	if s.Traffic == nil {
		return false
	}
	for _, b := range s.Traffic.Buckets {
		if b[0].Packets+b[1].Packets > 0 {
			return true
		}
	}
	return false
}

// TrafficChart returns the chart of a session as SVG elements svgWidth
// wide (to place in an <svg> or a <g>), and its height; "" when the
// session has no GRE traffic.
func TrafficChart(s *session.Session, lang string) (string, int) {
	if !HasTraffic(s) {
		return "", 0
	}
	tr := s.Traffic
	n := len(tr.Buckets)
	var b strings.Builder
	y := 20
	fmt.Fprintf(&b, `<text x="12" y="%d" font-size="14" font-weight="bold" fill="%s">%s</text>`+"\n", y, svgColorText,
		esc(T(lang, chartTitleKey(s), s.Index, bucketWidth(tr))))
	y += 14
	plotW := float64(chartRight - chartLeft)
	x := func(i float64) float64 { return chartLeft + plotW*i/float64(n) }
	var maxP, maxB float64
	var maxRTT uint16
	for _, bk := range tr.Buckets {
		for d := 0; d < 2; d++ {
			maxP = max(maxP, tr.Rate(bk[d].Packets))
			maxB = max(maxB, tr.Rate(bk[d].Bytes))
			maxRTT = max(maxRTT, bk[d].RTTMax)
		}
	}
	top := y + 10
	// Echo requests not answered in their bucket or the next: a grey band
	// over the plots.
	bottom := top + 2*chartPanelH + chartGap
	if maxRTT > 0 {
		bottom += chartGap + chartRTTH
	}
	for i := 0; i < n; i++ {
		for d := 0; d < 2; d++ {
			req := int(tr.Buckets[i][d].EchoReq)
			rep := int(tr.Buckets[i][1-d].EchoRep)
			if i+1 < n {
				rep += int(tr.Buckets[i+1][1-d].EchoRep)
			}
			if req > 0 && rep == 0 {
				fmt.Fprintf(&b, `<rect class="echo-gap" x="%.1f" y="%d" width="%.1f" height="%d" fill="#9e9e9e" fill-opacity="0.25"><title>%s</title></rect>`+"\n",
					x(float64(i)), top, max(x(float64(i+1))-x(float64(i)), 2), bottom-top,
					esc(T(lang, "chart.echogap", req, dirName(lang, d), svgSeconds(tr, s, i))))
			}
		}
	}
	y = chartPanel(&b, tr, top, chartPanelH, maxP, T(lang, "chart.packets"), func(bk session.Bucket) float64 { return tr.Rate(bk.Packets) }, formatRate)
	// Lost and reordered packets: marks along the top of the packets plot.
	for i, bk := range tr.Buckets {
		cx := x(float64(i) + 0.5)
		for d := 0; d < 2; d++ {
			if l := bk[d].Lost; l > 0 {
				my := float64(top + 2 + 7*d)
				fmt.Fprintf(&b, `<path class="lost" d="M%.1f,%.1f l-4,-6 h8 z" transform="translate(0,6)" fill="#c62828"><title>%s</title></path>`+"\n",
					cx, my, esc(T(lang, "chart.lost", l, dirName(lang, d), svgSeconds(tr, s, i))))
			}
			if r := bk[d].Reordered; r > 0 {
				my := float64(top + 18 + 7*d)
				fmt.Fprintf(&b, `<path class="reordered" d="M%.1f,%.1f l4,4 l-4,4 l-4,-4 z" fill="#f9a825"><title>%s</title></path>`+"\n",
					cx, my, esc(T(lang, "chart.reordered", r, dirName(lang, d), svgSeconds(tr, s, i))))
			}
		}
	}
	y = chartPanel(&b, tr, y+chartGap, chartPanelH, maxB, T(lang, "chart.bytes"), func(bk session.Bucket) float64 { return tr.Rate(bk.Bytes) }, formatBytesRate)
	if maxRTT > 0 {
		y = chartPanel(&b, tr, y+chartGap, chartRTTH, float64(maxRTT)/10, T(lang, "chart.rtt"), func(bk session.Bucket) float64 {
			if bk.RTTMax == 0 {
				return -1
			}
			return float64(bk.RTTMax) / 10
		}, func(v float64) string { return fmt.Sprintf("%.1f ms", v) })
	}
	// Time axis.
	for k := 0; k <= 4; k++ {
		i := float64(n) * float64(k) / 4
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>`+"\n", x(i), y+16,
			fmt.Sprintf("%.0f s", tr.At(0).Sub(s.Start).Seconds()+i*tr.Width.Seconds()))
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" fill="#555">%s</text>`+"\n", chartRight, y+32, esc(T(lang, "chart.axis")))
	y += 44
	// Legend.
	lx := chartLeft
	for d := 0; d < 2; d++ {
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/><text x="%d" y="%d">%s</text>`+"\n",
			lx, y-4, lx+24, y-4, chartDirColors[d], lx+30, y, esc(dirName(lang, d)))
		lx += 170
	}
	fmt.Fprintf(&b, `<path d="M%d,%d l-4,-6 h8 z" transform="translate(0,2)" fill="#c62828"/><text x="%d" y="%d">%s</text>`+"\n", lx+4, y, lx+12, y, esc(T(lang, "chart.legend.lost")))
	lx += 120
	fmt.Fprintf(&b, `<path d="M%d,%d l4,4 l-4,4 l-4,-4 z" fill="#f9a825"/><text x="%d" y="%d">%s</text>`+"\n", lx+4, y-9, lx+12, y, esc(T(lang, "chart.legend.reordered")))
	lx += 130
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="14" height="12" fill="#9e9e9e" fill-opacity="0.25"/><text x="%d" y="%d">%s</text>`+"\n", lx, y-10, lx+20, y, esc(T(lang, "chart.legend.echogap")))
	return b.String(), y + 12
}

// chartPanel draws one plot (axes, the maximum's label, a line per
// direction) at y and returns its bottom. A value below zero is a gap.
func chartPanel(b *strings.Builder, tr *session.Series, y, h int, maxV float64, label string,
	val func(session.Bucket) float64, format func(float64) string) int {
	n := len(tr.Buckets)
	plotW := float64(chartRight - chartLeft)
	bottom := y + h
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#bbb"/>`+"\n", chartLeft, y, chartRight-chartLeft, h)
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end" fill="#555">%s</text>`+"\n", chartLeft-6, y+10, esc(format(maxV)))
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end" fill="#555">0</text>`+"\n", chartLeft-6, bottom)
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end" fill="#555" font-size="11">%s</text>`+"\n", chartLeft-6, y+h/2+4, esc(label))
	if maxV <= 0 {
		maxV = 1
	}
	for d := 0; d < 2; d++ {
		var pts [][2]float64
		flush := func() {
			switch len(pts) {
			case 0:
			case 1:
				fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="2" fill="%s"/>`+"\n", pts[0][0], pts[0][1], chartDirColors[d])
			default:
				var ps strings.Builder
				for i, p := range pts {
					if i > 0 {
						ps.WriteByte(' ')
					}
					fmt.Fprintf(&ps, "%.1f,%.1f", p[0], p[1])
				}
				fmt.Fprintf(b, `<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"/>`+"\n", chartDirColors[d], ps.String())
			}
			pts = pts[:0]
		}
		for i, bk := range tr.Buckets {
			v := val(bk[d])
			if v < 0 {
				flush()
				continue
			}
			pts = append(pts, [2]float64{chartLeft + plotW*(float64(i)+0.5)/float64(n), float64(bottom) - float64(h)*v/maxV})
		}
		flush()
	}
	return bottom
}

// bucketWidth is the series' bucket width: whole seconds, or minutes.
func bucketWidth(tr *session.Series) string {
	if tr.Width >= 2*time.Minute && tr.Width%time.Minute == 0 {
		return fmt.Sprintf("%d min", int(tr.Width/time.Minute))
	}
	return fmt.Sprintf("%d s", int(tr.Width/time.Second))
}

func dirName(lang string, d int) string {
	if d == 0 {
		return T(lang, "chart.c2s")
	}
	return T(lang, "chart.s2c")
}

// svgSeconds is the time of bucket i since the session's start.
func svgSeconds(tr *session.Series, s *session.Session, i int) string {
	return fmt.Sprintf("%.0f s", tr.At(i).Sub(s.Start).Seconds())
}

func formatRate(v float64) string {
	if v >= 100 {
		return fmt.Sprintf("%.0f/s", v)
	}
	return fmt.Sprintf("%.1f/s", v)
}

func formatBytesRate(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.1f MB/s", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.1f kB/s", v/1e3)
	}
	return fmt.Sprintf("%.0f B/s", v)
}

// chartTitleKey: a PPP link session's traffic is PPP frames, not GRE.
func chartTitleKey(s *session.Session) string {
	if s.PPPLink {
		return "chart.title.ppp-link"
	}
	return "chart.title"
}
