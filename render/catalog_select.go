package render

// Selection and summary lines (select.go, summary.go).
func init() {
	addCatalog(map[string]Text{
		"select.shown.one":   {"%d of %d session shown", "显示 %d 个会话（共 %d 个）"},
		"select.shown.other": {"%d of %d sessions shown", "显示 %d 个会话（共 %d 个）"},
		"select.leftout":     {"; %s", "；%s"},
		"select.by":          {"%d left out by %s", "%d 个被 %s 排除"},
		"select.dropped":     {"; %d records of open sessions not listed: more than %d were held waiting for their session's end", "；未列出未结束会话的 %d 条记录：等待会话结束而保留的记录超过 %d 条"},
		"summary.line":       {"Summary: %s: %d OK, %d failed, %d incomplete", "汇总：%s：%d 个成功，%d 个失败，%d 个不完整"},
		"summary.findings":   {"; most frequent findings: %s", "；最常见的诊断：%s"},
		"summary.code":       {"%s (%d)", "%s（%d）"},
	})
}

// Hex dumps (hexdump.go): tshark's data source headers.
func init() {
	addCatalog(map[string]Text{
		"hexdump.frame": {"Frame (%d bytes):", "帧（%d 字节）："},
		"hexdump.inner": {"Decrypted PPP (%d bytes):", "解密后的 PPP（%d 字节）："},
	})
}

// The traffic chart (chart_svg.go).
func init() {
	addCatalog(map[string]Text{
		"chart.title":            {"Session %d: GRE traffic over time (one point per %s)", "会话 %d：GRE 流量随时间的变化（每 %s 一个点）"},
		"chart.title.ppp-link":   {"Session %d: PPP traffic over time (one point per %s)", "会话 %d：PPP 流量随时间的变化（每 %s 一个点）"},
		"chart.packets":          {"packets/s", "包/秒"},
		"chart.bytes":            {"bytes/s", "字节/秒"},
		"chart.rtt":              {"GRE RTT", "GRE 往返时间"},
		"chart.axis":             {"seconds since the session started", "自会话开始的秒数"},
		"chart.c2s":              {"client → server", "客户端 → 服务器"},
		"chart.s2c":              {"server → client", "服务器 → 客户端"},
		"chart.lost":             {"%d lost (%s) at %s", "%d 个丢失（%s），%s"},
		"chart.reordered":        {"%d reordered (%s) at %s", "%d 个乱序（%s），%s"},
		"chart.echogap":          {"%d echo requests unanswered (%s) at %s", "%d 个回显请求未获应答（%s），%s"},
		"chart.legend.lost":      {"lost", "丢失"},
		"chart.legend.reordered": {"reordered", "乱序"},
		"chart.legend.echogap":   {"echo unanswered", "回显未应答"},
		"chart.heading":          {"Traffic over time", "流量随时间的变化"},
	})
}
