package render

import (
	"fmt"
	"math"
	"time"
)

func init() {
	addCatalog(map[string]Text{
		"crack.unit.years":   {"%.3g years", "%.3g 年"},
		"crack.unit.days":    {"%.3g days", "%.3g 天"},
		"crack.unit.hours":   {"%.3g hours", "%.3g 小时"},
		"crack.unit.minutes": {"%.3g minutes", "%.3g 分钟"},
		"crack.unit.seconds": {"%.3g s", "%.3g 秒"},
	})
}

// CrackDuration writes a duration for people, from seconds to years.
func CrackDuration(lang string, d time.Duration) string { return CrackSeconds(lang, d.Seconds()) }

// CrackSeconds is CrackDuration for a number of seconds (which may exceed
// what a time.Duration holds).
func CrackSeconds(lang string, s float64) string {
	switch {
	case s >= 365.25*86400:
		return T(lang, "crack.unit.years", s/(365.25*86400))
	case s >= 86400:
		return T(lang, "crack.unit.days", s/86400)
	case s >= 3600:
		return T(lang, "crack.unit.hours", s/3600)
	case s >= 60:
		return T(lang, "crack.unit.minutes", s/60)
	}
	return T(lang, "crack.unit.seconds", s)
}

// CrackRate writes a rate with an SI prefix (12.3k, 4.56M).
func CrackRate(r float64) string {
	switch {
	case math.IsNaN(r) || math.IsInf(r, 0):
		return "-"
	case r >= 1e9:
		return fmt.Sprintf("%.3gG", r/1e9)
	case r >= 1e6:
		return fmt.Sprintf("%.3gM", r/1e6)
	case r >= 1e3:
		return fmt.Sprintf("%.3gk", r/1e3)
	}
	return fmt.Sprintf("%.3g", r)
}

// CrackWrap wraps a paragraph of crack's text output to 100 columns, the
// continuation lines indented by indent spaces (text without spaces, such
// as Chinese, is left as it is).
func CrackWrap(s string, indent int) string { return wrapHanging(s, 100, indent) }
