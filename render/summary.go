package render

import (
	"sort"

	"github.com/pptpscope/pptpscope/session"
)

// SessionSummary counts the sessions of an analysis by verdict, and the
// sessions each finding code was reported for: the last line of `analyze`.
type SessionSummary struct {
	Sessions, OK, Failed, Incomplete int
	codes                            map[string]int
}

// Add counts a session.
func (c *SessionSummary) Add(s *session.Session) {
	c.Sessions++
	switch s.Verdict() {
	case "ok":
		c.OK++
	case "failed":
		c.Failed++
	default:
		c.Incomplete++
	}
	if c.codes == nil {
		c.codes = map[string]int{}
	}
	seen := map[string]bool{}
	for _, f := range s.Findings {
		if !seen[f.Code] {
			seen[f.Code] = true
			c.codes[f.Code]++
		}
	}
}

// CodeCount is a finding code and the sessions it was reported for.
type CodeCount struct {
	Code     string `json:"code"`
	Sessions int    `json:"sessions"`
}

// summaryTop is how many finding codes the summary names.
const summaryTop = 3

// Top returns the n most frequent finding codes, most frequent first (ties
// by code).
func (c *SessionSummary) Top(n int) []CodeCount {
	out := make([]CodeCount, 0, len(c.codes))
	for k, v := range c.codes {
		out = append(out, CodeCount{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Sessions != out[j].Sessions {
			return out[i].Sessions > out[j].Sessions
		}
		return out[i].Code < out[j].Code
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// Line is the summary in one line: "Summary: 3 sessions: 1 OK, 1 failed,
// 1 incomplete; most frequent findings: auth-failed (1), gre-loss (1)".
func (c *SessionSummary) Line(lang string) string {
	line := T(lang, "summary.line", TN(lang, "common.sessions", c.Sessions, c.Sessions), c.OK, c.Failed, c.Incomplete)
	if top := c.Top(summaryTop); len(top) > 0 {
		parts := make([]string, len(top))
		for i, cc := range top {
			parts[i] = T(lang, "summary.code", cc.Code, cc.Sessions)
		}
		line += T(lang, "summary.findings", ListText(lang, parts))
	}
	return line
}

// jsonSummary is the "summary" member of the analysis JSON.
type jsonSummary struct {
	Sessions   int         `json:"sessions"`
	OK         int         `json:"ok"`
	Failed     int         `json:"failed"`
	Incomplete int         `json:"incomplete"`
	Findings   []CodeCount `json:"top_findings"`
}

func (c *SessionSummary) json() *jsonSummary {
	return &jsonSummary{Sessions: c.Sessions, OK: c.OK, Failed: c.Failed, Incomplete: c.Incomplete, Findings: c.Top(summaryTop)}
}

// jsonSelection is the "selection" member of the analysis JSON.
type jsonSelection struct {
	Shown          int            `json:"shown"`
	Total          int            `json:"total"`
	LeftOut        map[string]int `json:"left_out"`
	RecordsDropped int            `json:"records_not_held,omitempty"`
}

func selectionJSON(r *SelectionResult) *jsonSelection {
	if r == nil {
		return nil
	}
	lo := map[string]int{}
	for k, v := range r.LeftOut {
		lo[critKeys[k]] = v
	}
	return &jsonSelection{Shown: r.Shown, Total: r.Total, LeftOut: lo, RecordsDropped: r.RecordsDropped}
}
