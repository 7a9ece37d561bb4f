package render

// Phases, statuses, severities, verdicts and the text report of `analyze`.
// Phase titles follow the article's sections (2.1 建立TCP连接 ... 2.6 CCP 协商).
func init() {
	addCatalog(map[string]Text{
		"phase.tcp-connect":        {"2.1 TCP connect", "2.1 建立 TCP 连接"},
		"phase.control-connection": {"2.2 control connection", "2.2 PPTP 控制连接"},
		"phase.call-setup":         {"2.2 call setup and GRE tunnel", "2.2 呼叫建立与 GRE 隧道"},
		"phase.lcp":                {"2.3 LCP", "2.3 LCP 协商"},
		"phase.authentication":     {"2.4 authentication", "2.4 身份验证"},
		"phase.ncp":                {"2.5 NCP (IPCP, IPV6CP)", "2.5 NCP 协商（IPCP、IPV6CP）"},
		"phase.ccp":                {"2.6 CCP (MPPE)", "2.6 CCP 协商（MPPE）"},
		"phase.data":               {"3 data", "3 数据传输"},
		"phase.teardown":           {"teardown", "连接拆除"},

		"phase-note.after-handshake":    {"the capture starts after the TCP handshake", "抓包开始于 TCP 握手之后"},
		"phase-note.no-syn-ack":         {"no SYN-ACK from the server", "服务器没有回复 SYN-ACK"},
		"phase-note.only-set-link-info": {"only Set-Link-Info: the call request is not in the capture", "只有 Set-Link-Info：呼叫请求不在抓包中"},
		"phase-note.auth-no-packets":    {"authentication was negotiated but no authentication packet is in the capture", "已协商身份验证协议，但抓包中没有任何身份验证报文"},
		"phase-note.no-auth":            {"no authentication protocol was negotiated", "没有协商身份验证协议"},
		"phase-note.keepalives-only":    {"keepalives only, no data", "只有保活报文，没有数据"},
		"phase-note.still-up":           {"the session is still up at the end of the capture", "抓包结束时会话仍在进行"},

		"status.ok":         {"ok", "成功"},
		"status.failed":     {"failed", "失败"},
		"status.incomplete": {"incomplete", "未完成"},
		"status.missing":    {"missing", "缺失"},

		"severity.error":    {"error", "错误"},
		"severity.warning":  {"warning", "警告"},
		"severity.info":     {"info", "提示"},
		"severity.security": {"security", "安全"},

		"verdict.ok":         {"OK", "成功"},
		"verdict.failed":     {"FAILED", "失败"},
		"verdict.incomplete": {"INCOMPLETE", "未完成"},

		"analyze.session":            {"Session %d: %s → %s", "会话 %d：%s → %s"},
		"analyze.row.endpoints":      {"endpoints", "两端"},
		"analyze.row.call-ids":       {"call IDs", "呼叫 ID"},
		"analyze.row.user":           {"user", "用户"},
		"analyze.row.encryption":     {"encryption", "加密"},
		"analyze.row.addresses":      {"addresses", "地址"},
		"analyze.row.ipv6-ids":       {"IPv6 IDs", "IPv6 标识"},
		"analyze.row.lcp":            {"LCP", "LCP"},
		"analyze.row.duration":       {"duration", "时长"},
		"analyze.endpoints":          {"client %s; server %s", "客户端 %s；服务器 %s"},
		"analyze.endpoints.client":   {"client %s", "客户端 %s"},
		"analyze.inferred":           {" — inferred: %s", " — 推断依据：%s"},
		"analyze.pair":               {"client %s, server %s", "客户端 %s，服务器 %s"},
		"analyze.lcp-pair":           {"client %s; server %s", "客户端 %s；服务器 %s"},
		"analyze.user.with":          {"%s with %s", "%s，使用 %s"},
		"analyze.user.result":        {"%s: %s", "%s：%s"},
		"analyze.user.failure-code":  {" (E=%d %s)", "（E=%d %s）"},
		"analyze.user.none":          {"no authentication in the capture", "抓包中没有身份验证"},
		"auth-result.success":        {"success", "成功"},
		"auth-result.failure":        {"failure", "失败"},
		"auth-result.none":           {"none", "无结果"},
		"analyze.mppe":               {"MPPE %d-bit %s", "MPPE %d 位%s"},
		"analyze.mppe.stateful":      {"stateful", "有状态"},
		"analyze.mppe.stateless":     {"stateless", "无状态"},
		"analyze.mppc":               {", MPPC compression", "，MPPC 压缩"},
		"analyze.enc.unknown-mid":    {"unknown: CCP is not in the capture", "未知：CCP 协商不在抓包中"},
		"analyze.enc.none":           {"none negotiated", "未协商加密"},
		"analyze.enc.unknown-cut":    {"unknown: the capture ends before CCP", "未知：抓包在 CCP 协商之前就结束了"},
		"analyze.enc.unknown-no-gre": {"unknown: the capture holds no GRE, which would carry CCP", "未知：抓包中没有 GRE，而 CCP 协商是在 GRE 中进行的"},
		"analyze.dns":                {", DNS %s", "，DNS %s"},
		"analyze.wins":               {", WINS %s", "，WINS %s"},
		"analyze.duration":           {"%s (%s → %s UTC)", "%s（%s → %s UTC）"},
		"analyze.lcp.not-acked":      {"not acknowledged", "未被确认"},
		"analyze.lcp.defaults":       {"defaults", "默认值"},
		"analyze.lcp.auth":           {"auth %s", "验证 %s"},
		"analyze.lcp.magic":          {"magic %s", "magic %s"},
		"analyze.col.phase":          {"Phase", "阶段"},
		"analyze.col.status":         {"Status", "状态"},
		"analyze.col.start":          {"Start", "开始"},
		"analyze.col.duration":       {"Duration", "时长"},
		"analyze.col.frames":         {"Frames", "帧数"},
		"analyze.more-messages":      {"(%d more messages not kept)", "（另有 %d 条消息未保留）"},
		"analyze.findings":           {"Findings", "诊断结果"},
		"analyze.findings.none":      {"none", "无"},
		"analyze.data":               {"Data", "数据"},
		"analyze.c2s":                {"client→server", "客户端→服务器"},
		"analyze.s2c":                {"server→client", "服务器→客户端"},
		"analyze.stat.gre-packets":   {"GRE packets", "GRE 报文"},
		"analyze.stat.gre-bytes":     {"GRE payload bytes", "GRE 载荷字节"},
		"analyze.stat.encrypted":     {"encrypted (MPPE)", "已加密（MPPE）"},
		"analyze.stat.compressed":    {"compressed (MPPC)", "已压缩（MPPC）"},
		"analyze.stat.plain":         {"unencrypted data", "未加密数据"},
		"analyze.stat.control":       {"PPP control", "PPP 控制报文"},
		"analyze.stat.ack-only":      {"ack-only", "仅确认"},
		"analyze.stat.lost":          {"lost (sequence gaps)", "丢失（序号缺口）"},
		"analyze.stat.reordered":     {"reordered", "乱序"},
		"analyze.stat.duplicated":    {"duplicated", "重复"},
		"analyze.stat.lcp-echo-req":  {"LCP echo requests", "LCP Echo-Request"},
		"analyze.stat.lcp-echo-rep":  {"LCP echo replies", "LCP Echo-Reply"},
		"analyze.stat.pptp-echo-req": {"PPTP echo requests", "PPTP Echo-Request"},
		"analyze.stat.pptp-echo-rep": {"PPTP echo replies", "PPTP Echo-Reply"},
		"analyze.stat.gre-rtt":       {"GRE RTT (seq/ack)", "GRE 往返时间"},
		"analyze.stat.lcp-rtt":       {"LCP echo RTT", "LCP Echo 往返时间"},
		"analyze.rtt.one":            {"%s min, %s avg, %s max (%d samples)", "最小 %s，平均 %s，最大 %s（%d 个样本）"},
		"analyze.rtt.other":          {"%s min, %s avg, %s max (%d samples)", "最小 %s，平均 %s，最大 %s（%d 个样本）"},

		"analyze.no-session.ppp.one": {
			"No PPTP session: this is a PPP link capture (%d PPP frame, no IP); `pptpscope packets` lists its PPP negotiation.",
			"没有 PPTP 会话：这是 PPP 链路的抓包（%d 个 PPP 帧，没有 IP）；`pptpscope packets` 可列出其中的 PPP 协商。"},
		"analyze.no-session.ppp": {
			"No PPTP session: this is a PPP link capture (%d PPP frames, no IP); `pptpscope packets` lists its PPP negotiation.",
			"没有 PPTP 会话：这是 PPP 链路的抓包（%d 个 PPP 帧，没有 IP）；`pptpscope packets` 可列出其中的 PPP 协商。"},
		"analyze.no-session": {
			"No PPTP session in %d frames: no TCP port 1723 and no enhanced GRE (IP protocol 47, version 1).",
			"%d 帧中没有 PPTP 会话：既没有 TCP 1723 端口，也没有增强型 GRE（IP 协议 47，版本 1）。"},
		"analyze.warn.streams-dropped": {
			"%d control connections were not followed: more than 65536 were open at once; their sessions are incomplete above",
			"有 %d 个控制连接没有被跟踪：同时打开的控制连接超过 65536 个；上面列出的相应会话不完整"},
		"analyze.warn.bytes-lost": {
			"%d bytes of PPTP control streams are in no message: segments missing from the capture, data that is not PPTP, or a message cut off at the end",
			"PPTP 控制连接的数据流中有 %d 字节不属于任何消息：抓包中缺少报文段、存在非 PPTP 数据，或末尾的消息被截断"},
		"analyze.warn.untracked-gre": {
			"%d GRE packets were not followed: too many GRE flows (65536) were tracked at once",
			"有 %d 个 GRE 报文没有被跟踪：同时跟踪的 GRE 流过多（65536 个）"},
		"analyze.warn.capped": {
			"%d sessions were finished early: more than %d were open at once (--max-sessions); later packets of theirs make new sessions",
			"有 %d 个会话被提前结束：同时打开的会话超过 %d 个（--max-sessions）；这些会话后续的报文会组成新的会话"},
		"analyze.warn.held-back": {
			"%d sessions are listed before a session that started earlier: it was still open while more than 1024 later sessions had ended",
			"有 %d 个会话排在一个更早开始的会话之前：那个会话仍未结束时，已有超过 1024 个更晚的会话结束"},

		"summary.no-session":  {"No PPTP session (see pptpscope analyze).", "没有 PPTP 会话（参见 pptpscope analyze）。"},
		"summary.session":     {"Session %d: %s → %s: %s", "会话 %d：%s → %s：%s"},
		"summary.sep":         {"; ", "；"},
		"summary.no-findings": {"no findings", "无诊断结果"},
		"summary.auth":        {"%s %s %s", "%s %s %s"},
		"summary.mppe":        {"MPPE-%d %s", "MPPE-%d %s"},
		"summary.finding":     {"%s %s", "%s %s"},
	})
}

func init() {
	addCatalog(map[string]Text{
		"analyze.finding.colon": {": ", "："},
	})
}
