package render

// Texts of `pptpscope simulate`: --list-faults and the exercise sheets.
func init() {
	addCatalog(map[string]Text{
		"simulate.list.fault":   {"FAULT", "故障"},
		"simulate.list.finding": {"ANALYZE FINDING", "analyze 诊断结果"},
		"simulate.list.what":    {"WHAT HAPPENS", "模拟的情况"},
		"simulate.list.none":    {"(none)", "（无）"},

		"simulate.fault.gre-blocked-to-server": {"a firewall drops GRE from the client to the server: LCP Configure-Requests repeat unanswered", "防火墙丢弃从客户端到服务器的 GRE：LCP Configure-Request 反复重发却得不到回应"},
		"simulate.fault.gre-blocked-to-client": {"a firewall drops GRE from the server to the client: no GRE from the server in the capture", "防火墙丢弃从服务器到客户端的 GRE：抓包中没有来自服务器的 GRE"},
		"simulate.fault.control-rejected":      {"the server refuses the control connection (Start-Control-Connection-Reply result RESULT, error ERROR of RFC 2637)", "服务器拒绝控制连接（Start-Control-Connection-Reply 的结果码 RESULT、错误码 ERROR，见 RFC 2637）"},
		"simulate.fault.call-rejected":         {"the server refuses the call (Outgoing-Call-Reply result RESULT, error ERROR of RFC 2637)", "服务器拒绝呼叫（Outgoing-Call-Reply 的结果码 RESULT、错误码 ERROR，见 RFC 2637）"},
		"simulate.fault.lcp-no-agreement":      {"the client insists on an MRU the server Naks: LCP negotiation never converges", "客户端坚持服务器不接受（Configure-Nak）的 MRU：LCP 协商始终不收敛"},
		"simulate.fault.auth-mismatch":         {"the client rejects the server's authentication protocol (LCP Configure-Reject); the server ends the link", "客户端拒绝服务器要求的身份验证协议（LCP Configure-Reject），服务器终止链路"},
		"simulate.fault.wrong-password":        {"the client uses a wrong password: MS-CHAP Failure E=691, CHAP Failure, PAP Authenticate-Nak or EAP Failure", "客户端使用了错误的密码：MS-CHAP Failure E=691、CHAP Failure、PAP Authenticate-Nak 或 EAP Failure"},
		"simulate.fault.mppe-mismatch":         {"the client requires MPPE, the server offers none and rejects it (CCP Configure-Reject)", "客户端要求 MPPE，服务器不提供加密并拒绝该选项（CCP Configure-Reject）"},
		"simulate.fault.echo-timeout":          {"after the data the server's GRE stops arriving: the client's LCP Echo-Requests go unanswered and it ends the link", "数据传输之后服务器的 GRE 不再到达：客户端的 LCP Echo-Request 得不到回应，客户端终止链路"},
		"simulate.fault.ipv6cp-rejected":       {"the server does not run IPV6CP: LCP Protocol-Reject (needs --ipv6)", "服务器不运行 IPV6CP：LCP Protocol-Reject（需要 --ipv6）"},
		"simulate.fault.control-reset":         {"the server resets the control connection (TCP RST) instead of closing it", "服务器以 TCP RST 重置控制连接，而不是正常关闭"},
		"simulate.fault.loss":                  {"PERCENT of the data phase's GRE packets are lost (stateful MPPE: CCP Reset-Request)", "数据阶段百分之 PERCENT 的 GRE 包丢失（有状态 MPPE：CCP Reset-Request）"},
		"simulate.fault.reorder":               {"PERCENT of the data phase's GRE packets arrive after the next one", "数据阶段百分之 PERCENT 的 GRE 包晚于其后一个包到达（乱序）"},
		"simulate.fault.duplicate":             {"PERCENT of the data phase's GRE packets are captured twice (counted as duplicated)", "数据阶段百分之 PERCENT 的 GRE 包被抓到两次（统计为重复）"},
		"simulate.fault.mtu":                   {"outer IPv4 packets longer than BYTES are fragmented", "长于 BYTES 字节的外层 IPv4 包被分片"},
		"simulate.fault.mid-session":           {"the capture starts in the data phase: no handshake", "抓包从数据阶段开始：没有握手过程"},
		"simulate.fault.end-early":             {"the capture stops a few packets into the data phase", "抓包在数据阶段开始后不久就结束"},

		"simulate.exercises.written": {"wrote %d exercises with questions and answers to %s", "已将 %d 个练习及问题和答案写入 %s"},

		"simulate.ex.questions.title": {"PPTP exercises: questions", "PPTP 练习：问题"},
		"simulate.ex.questions.intro": {"Open each capture (Wireshark, or pptpscope analyze / report) and answer the questions.", "打开每个抓包文件（Wireshark，或 pptpscope analyze / report），回答下列问题。"},
		"simulate.ex.exercise":        {"Exercise", "练习"},
		"simulate.ex.q.works":         {"Did the tunnel come up and carry data? If not, in which phase did it stop (control connection, call setup, LCP negotiation, authentication, CCP negotiation, NCP negotiation, data)?", "隧道是否建立并传输了数据？如果没有，它停在哪个阶段（控制连接、呼叫建立、LCP 协商、身份验证、CCP 协商、NCP 协商、数据传输）？"},
		"simulate.ex.q.auth":          {"Which authentication protocol and which encryption (MPPE key length, stateless or stateful) were negotiated?", "协商了哪种身份验证协议和哪种加密（MPPE 密钥长度，无状态还是有状态）？"},
		"simulate.ex.q.where":         {"Which frames show the problem, if there is one? Quote the messages.", "如果存在问题，哪些帧体现了它？请引用相关报文。"},
		"simulate.ex.q.fix":           {"What would you change on the client, the server or the network?", "你会在客户端、服务器或网络上做什么修改？"},
		"simulate.ex.answers.title":   {"PPTP exercises: answer key", "PPTP 练习：答案"},
		"simulate.ex.a.setup":         {"Set-up: %s client, authentication %s, %s.", "配置：%s 客户端，身份验证 %s，%s。"},
		"simulate.ex.a.noenc":         {"no encryption", "不加密"},
		"simulate.ex.a.mppe":          {"MPPE %d-bit %s", "MPPE %d 位 %s"},
		"simulate.ex.a.stateless":     {"stateless", "无状态"},
		"simulate.ex.a.stateful":      {"stateful", "有状态"},
		"simulate.ex.a.nofault":       {"No fault: the session works (analyze reports no error or warning).", "没有故障：会话正常（analyze 不报告错误或警告）。"},
		"simulate.ex.a.fault":         {"Fault `%s`: %s.", "故障 `%s`：%s。"},
		"simulate.ex.a.finding":       {"pptpscope analyze reports: %s.", "pptpscope analyze 报告：%s。"},
	})
}
