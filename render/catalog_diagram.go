package render

// Sequence diagrams (text, Mermaid, PlantUML, SVG, HTML).
func init() {
	addCatalog(map[string]Text{
		"diagram.client-inferred":         {"client (inferred)", "客户端（推断）"},
		"diagram.not-in-capture":          {"not in the capture", "不在抓包中"},
		"diagram.frames-no-message.one":   {"%d frame, no handshake message", "%d 帧，没有握手消息"},
		"diagram.frames-no-message.other": {"%d frames, no handshake message", "%d 帧，没有握手消息"},
		"diagram.data.one":                {"data: %d GRE packet, %d bytes", "数据：%d 个 GRE 报文，%d 字节"},
		"diagram.data.other":              {"data: %d GRE packets, %d bytes", "数据：%d 个 GRE 报文，%d 字节"},
		"diagram.data.ppp-link.one":       {"data: %d PPP frame, %d bytes", "数据：%d 个 PPP 帧，%d 字节"},
		"diagram.data.ppp-link.other":     {"data: %d PPP frames, %d bytes", "数据：%d 个 PPP 帧，%d 字节"},
		"diagram.data.encrypted":          {"%d encrypted (MPPE)", "%d 个已加密（MPPE）"},
		"diagram.data.compressed":         {"%d compressed", "%d 个已压缩"},
		"diagram.data.plain":              {"%d unencrypted", "%d 个未加密"},
		"diagram.data.ack-only":           {"%d ack-only", "%d 个仅确认"},
		"diagram.data.lost":               {"%d lost", "%d 个丢失"},
		"diagram.sep":                     {", ", "，"},
		"diagram.keepalive":               {"keepalive", "保活"},
		"diagram.without-answer":          {", %d without answer", "，%d 个没有应答"},
		"diagram.retransmission":          {"retransmission", "重传"},
		"diagram.no-answer":               {"no answer", "无应答"},
		"diagram.marks":                   {"(%s)", "（%s）"},
		"diagram.no-session":              {"No PPTP session in the capture", "抓包中没有 PPTP 会话"},
		"diagram.no-session.text":         {"No PPTP session in the capture.", "抓包中没有 PPTP 会话。"},
		"diagram.time":                    {"t (s)", "时间 (s)"},
		"diagram.legend.message":          {"message", "消息"},
		"diagram.legend.repeat":           {"repeated exchange (×N)", "重复的交换（×N）"},
		"diagram.legend.repeat-short":     {"repeated exchange", "重复的交换"},
		"diagram.legend.data":             {"data (summary)", "数据（汇总）"},
		"diagram.legend.data-short":       {"data", "数据"},
		"diagram.section":                 {"%s: %s", "%s：%s"},
		"diagram.section.note":            {" (%s)", "（%s）"},
		"diagram.frame-ref":               {" (frame %d)", "（帧 %d）"},
	})
}
