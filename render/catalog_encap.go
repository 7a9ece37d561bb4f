package render

// The report's encapsulation view: the layers of one data packet and their
// main fields. Field and protocol names that Wireshark shows (TTL, SYN, ACK,
// GRE, PPP) stay as they are.
func init() {
	addCatalog(map[string]Text{
		"encap.payload":         {"payload", "载荷"},
		"encap.encrypted":       {"encrypted", "已加密"},
		"encap.decrypted":       {"decrypted", "已解密"},
		"encap.undecoded":       {"undecoded", "未解码"},
		"encap.trailer":         {"trailer", "尾部"},
		"encap.inner-what":      {"inner IP | TCP/UDP/ICMP | data", "内层 IP | TCP/UDP/ICMP | 数据"},
		"encap.ciphertext":      {"%d bytes of RC4 ciphertext", "%d 字节 RC4 密文"},
		"encap.src":             {"src %s", "源 %s"},
		"encap.dst":             {"dst %s", "目的 %s"},
		"encap.type":            {"type %s", "类型 %s"},
		"encap.protocol":        {"protocol %d (%s)", "协议 %d（%s）"},
		"encap.ttl":             {"ttl %d", "TTL %d"},
		"encap.total-length":    {"total length %d", "总长度 %d"},
		"encap.next-header":     {"next header %d (%s)", "下一报头 %d（%s）"},
		"encap.hop-limit":       {"hop limit %d", "跳数限制 %d"},
		"encap.gre-version":     {"version 1 (enhanced GRE)", "版本 1（增强 GRE）"},
		"encap.call-id":         {"call ID %d", "呼叫 ID %d"},
		"encap.payload-length":  {"payload length %d", "载荷长度 %d"},
		"encap.seq":             {"seq %d", "序号 %d"},
		"encap.ack":             {"ack %d", "确认号 %d"},
		"encap.ppp-protocol":    {"protocol %s (%s)", "协议 %s（%s）"},
		"encap.address-control": {"address/control ff 03", "地址/控制字段 ff 03"},
		"encap.flag-a":          {"A flushed", "A 已刷新"},
		"encap.flag-c":          {"C compressed", "C 已压缩"},
		"encap.flag-d":          {"D encrypted", "D 已加密"},
		"encap.ccount":          {"coherency count %d", "一致性计数（coherency count）%d"},
		"encap.flags":           {"flags %s", "标志 %s"},
		"encap.ports":           {"port %d → %d", "端口 %d → %d"},
		"encap.length":          {"length %d", "长度 %d"},
		"encap.icmp-id":         {"id %d seq %d", "标识 %d 序号 %d"},
		"encap.bytes.one":       {"%d byte", "%d 字节"},
		"encap.bytes.other":     {"%d bytes", "%d 字节"},
	})
}
