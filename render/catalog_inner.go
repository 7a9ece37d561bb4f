package render

// Packets inside the tunnel (decrypted MPPE): the descriptions of
// `packets --all`, the timeline and the diagrams. Protocol and ICMP message
// names stay as the RFCs spell them.
func init() {
	addCatalog(map[string]Text{
		"inner.prefix":              {"inner: ", "内层："},
		"inner.len":                 {"len=%d", "长度=%d"},
		"inner.invalid":             {"%s: %s (len=%d)", "%s：%s（长度=%d）"},
		"inner.fragment":            {"fragment offset=%d", "分片偏移=%d"},
		"inner.first-fragment":      {"first fragment", "首个分片"},
		"inner.transport-truncated": {"transport header truncated", "传输层首部被截断"},
		"inner.dns.query":           {"DNS query %s %s", "DNS 查询 %s %s"},
		"inner.dns.response":        {"DNS response %s %s", "DNS 响应 %s %s"},
		"inner.dns.answers":         {", %d answers", "，%d 条应答"},
		"inner.err.truncated":       {"%s header truncated (%d bytes)", "%s 首部被截断（%d 字节）"},
		"inner.err.version":         {"IP version %d in an %s frame", "%[2]s 帧中的 IP 版本号为 %[1]d"},
		"inner.err.ihl":             {"bad IPv4 header length %d", "IPv4 首部长度 %d 无效"},
		"inner.err.total":           {"IPv4 total length %d, %d bytes present", "IPv4 总长度为 %d，实际只有 %d 字节"},
		"inner.err.checksum":        {"bad IPv4 header checksum", "IPv4 首部校验和错误"},
		"inner.err.payload":         {"IPv6 payload length %d, %d bytes present", "IPv6 载荷长度为 %d，实际只有 %d 字节"},
		"inner.err.noproto":         {"no inner protocol field", "没有内层协议字段"},
		"inner.err.notnetwork":      {"not a network protocol (%s)", "不是网络层协议（%s）"},
	})
}
