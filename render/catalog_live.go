package render

// Live capture (`pptpscope live`).
func init() {
	addCatalog(map[string]Text{
		"live.no-session": {"No PPTP session seen.", "没有看到 PPTP 会话。"},
		"live.capped": {
			"warning: %d sessions were finished early: more than the --max-sessions limit were tracked at once",
			"警告：有 %d 个会话被提前结束：同时跟踪的会话超过了 --max-sessions 上限"},
		"live.down": {"interface %s went down", "接口 %s 已断开"},
		"live.stats": {
			"%d packets captured on %s (%s), %d received by filter, %d dropped by kernel",
			"在 %[2]s（%[3]s）上抓到 %[1]d 个报文，过滤器收到 %[4]d 个，内核丢弃 %[5]d 个"},
	})
}
