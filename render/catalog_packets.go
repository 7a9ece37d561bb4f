package render

// The packet table of `packets`.
func init() {
	addCatalog(map[string]Text{
		"packets.col.no":      {"No.", "序号"},
		"packets.col.time":    {"Time", "时间"},
		"packets.col.addrs":   {"Source → Destination", "源 → 目的"},
		"packets.col.message": {"Message", "消息"},
		"packets.col.info":    {"Info", "信息"},
		"packets.ppp-link":    {"(PPP link)", "（PPP 链路）"},
	})
}
