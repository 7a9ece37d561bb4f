package render

// Findings: the text of each finding code (session.FindingCodes) and its
// cases. Keys: finding.<code>[.<case>]; parts of a sentence have their own
// keys below the code's.
func init() {
	addCatalog(map[string]Text{
		"finding.direction":       {"%s %s → %s %s", "%s %s → %s %s"},
		"finding.term-reason":     {"%s: %q", "%s：%q"},
		"finding.term-reason.sep": {"; ", "；"},
		"finding.term-reasons":    {" (%s)", "（%s）"},
		"list.sep":                {", ", "；"},
		"finding.frames.one":      {" [frame %s]", " [帧 %s]"},
		"finding.frames.other":    {" [frames %s]", " [帧 %s]"},

		"finding.control-rejected": {
			"the server refused the control connection: Start-Control-Connection-Reply result %d (%s), error %d (%s); check the server's PPTP service and its connection limit",
			"服务器拒绝建立控制连接：Start-Control-Connection-Reply 的结果码为 %d（%s），错误码为 %d（%s）；请检查服务器上的 PPTP 服务及其连接数上限"},
		"finding.call-rejected": {
			"the server refused the call: Outgoing-Call-Reply result %d (%s), error %d (%s); the server may be out of call slots or refusing this client",
			"服务器拒绝了呼叫：Outgoing-Call-Reply 的结果码为 %d（%s），错误码为 %d（%s）；服务器可能已没有空闲的呼叫资源，或拒绝该客户端接入"},

		"finding.gre-missing.no-gre": {
			"the call was set up but the capture holds no GRE (IP protocol 47) packet, in either direction. Possible causes: a capture filter that let only the control connection through (e.g. \"tcp port 1723\"); a capture point that GRE does not pass; or a firewall or NAT between client and server that blocks GRE (Windows errors 619/806/807, pppd \"LCP: timeout sending Config-Requests\"). Capture again with \"tcp port 1723 or proto 47\"; if GRE is still missing, allow IP protocol 47 and enable the PPTP helper on NAT devices",
			"呼叫已经建立，但抓包中两个方向都没有任何 GRE（IP 协议 47）报文。可能的原因：抓包过滤器只放过了控制连接（例如 \"tcp port 1723\"）；抓包位置不在 GRE 经过的路径上；或者客户端与服务器之间的防火墙或 NAT 拦截了 GRE（Windows 错误 619/806/807，pppd 日志 \"LCP: timeout sending Config-Requests\"）。请用 \"tcp port 1723 or proto 47\" 重新抓包；如果仍然没有 GRE，请放行 IP 协议 47，并在 NAT 设备上启用 PPTP 助手（helper）"},
		"finding.gre-missing.one-direction": {
			"no GRE from the %s is in the capture while the %s's GRE arrives: GRE (IP protocol 47) is blocked in the %s direction; allow protocol 47 and enable the PPTP helper on NAT devices",
			"抓包中没有来自%s的 GRE，而%s的 GRE 正常到达：GRE（IP 协议 47）在%s 方向上被拦截；请放行协议 47，并在 NAT 设备上启用 PPTP 助手（helper）"},
		"finding.gre-missing.unanswered": {
			"GRE from the %s does not reach the %s: its %d LCP Configure-Requests were never answered%s. A firewall or NAT is dropping GRE (IP protocol 47) in the %s direction (Windows errors 619/806/807, pppd \"LCP: timeout sending Config-Requests\"); allow protocol 47 and enable the PPTP helper on NAT devices",
			"%s发出的 GRE 没有到达%s：它发出的 %d 个 LCP Configure-Request 始终没有得到应答%s。防火墙或 NAT 在%s 方向上丢弃了 GRE（IP 协议 47）（Windows 错误 619/806/807，pppd 日志 \"LCP: timeout sending Config-Requests\"）；请放行协议 47，并在 NAT 设备上启用 PPTP 助手（helper）"},
		"finding.gre-missing.unanswered.other-repeats": {
			", and the %s keeps repeating its own Configure-Request although the %s acknowledged it: the acknowledgments do not arrive either",
			"；而且%s虽已被%s确认（Configure-Ack），却仍在不断重发自己的 Configure-Request：说明这些确认报文也没有到达"},

		"finding.lcp-no-agreement": {
			"LCP did not converge: the %s's Configure-Requests got %d Naks and %d Rejects and never an Ack%s; compare the MRU, authentication and other LCP options both sides insist on",
			"LCP 协商没有收敛：%s的 Configure-Request 收到 %d 个 Nak 和 %d 个 Reject，却从未收到 Ack%s；请比较双方坚持的 MRU、身份验证协议等 LCP 选项"},
		"finding.lcp-no-agreement.then-terminated": {", then the link was terminated", "，随后链路被终止"},

		"finding.auth-failed.failure":             {"authentication failed for user %q with %s", "用户 %q 使用 %s 的身份验证失败"},
		"finding.auth-failed.failure.code":        {": E=%d %s (%s)", "：E=%d %s（%s）"},
		"finding.auth-failed.failure.server-says": {"; the server says %q", "；服务器返回的消息为 %q"},
		"finding.auth-failed.failure.check":       {"; check the user name and password", "；请检查用户名和密码"},
		"finding.auth-failed.auth-rejected": {
			"the %s refused the authentication protocol the %s asked for (LCP Configure-Reject of Authentication-Protocol) and the link was terminated%s; configure a method both sides accept (MS-CHAPv2)",
			"%s拒绝了%s要求的身份验证协议（LCP Configure-Reject：拒绝 Authentication-Protocol 选项），链路随即被终止%s；请配置双方都能接受的验证方法（MS-CHAPv2）"},
		"finding.auth-failed.terminated": {
			"the link was terminated during authentication of %q (%s)%s",
			"在对 %q 进行身份验证（%s）的过程中链路被终止%s"},

		"mschap.advice.646":   {"the account may not log on at this time", "该账户在此时段不允许登录"},
		"mschap.advice.647":   {"the account is disabled", "该账户已被禁用"},
		"mschap.advice.648":   {"the password has expired", "密码已过期"},
		"mschap.advice.649":   {"the account has no dial-in permission", "该账户没有拨入权限"},
		"mschap.advice.691":   {"wrong user name or password, or the account is not allowed on this server", "用户名或密码错误，或该账户不允许登录此服务器"},
		"mschap.advice.709":   {"changing the password failed", "修改密码失败"},
		"mschap.advice.other": {"see the server's log", "请查看服务器日志"},

		"finding.mppe-mismatch": {
			"encryption could not be agreed: %s%s; make the MPPE settings match (e.g. require-mppe-128 on both sides, or allow 40/56-bit)",
			"双方未能就加密达成一致：%s%s；请使双方的 MPPE 设置一致（例如两端都设置 require-mppe-128，或允许 40/56 位密钥）"},
		"finding.mppe-mismatch.server-rejected": {
			"the server rejected the MPPE option (CCP Configure-Reject of option 18): it does not offer encryption",
			"服务器拒绝了 MPPE 选项（CCP Configure-Reject：拒绝选项 18）：服务器不提供加密"},
		"finding.mppe-mismatch.client-rejected": {
			"the client rejected the MPPE option (CCP Configure-Reject of option 18)",
			"客户端拒绝了 MPPE 选项（CCP Configure-Reject：拒绝选项 18）"},
		"finding.mppe-mismatch.protocol-rejected": {
			"the %s does not run CCP at all (LCP Protocol-Reject)",
			"%s根本不运行 CCP（LCP Protocol-Reject）"},
		"finding.mppe-mismatch.naks": {
			"the two sides' MPPE offers (key length, stateless mode) never matched (CCP Configure-Naks)",
			"双方提出的 MPPE 参数（密钥长度、无状态模式）始终不一致（CCP Configure-Nak）"},
		"finding.mppe-mismatch.terminated": {
			"CCP did not finish before the link was terminated",
			"CCP 协商在链路被终止之前没有完成"},

		"finding.echo-unanswered.lcp": {
			"%d LCP Echo-Requests from the %s got no reply and the link went down: the tunnel's GRE stopped flowing (NAT timeout, route change, firewall); pppd says \"No response to N echo-requests\"",
			"%[2]s发出的 %[1]d 个 LCP Echo-Request 都没有得到回应，链路随之断开：隧道中的 GRE 不再流动（NAT 超时、路由变化或防火墙）；pppd 日志为 \"No response to N echo-requests\""},
		"finding.echo-unanswered.pptp": {
			"%d PPTP Echo-Requests from the %s on the control connection got no reply",
			"%[2]s在控制连接上发出的 %[1]d 个 PPTP Echo-Request 都没有得到回应"},

		"finding.abnormal-teardown":           {"the session did not end normally: %s", "会话没有正常结束：%s"},
		"finding.abnormal-teardown.cdn":       {"Call-Disconnect-Notify result %d (%s)", "Call-Disconnect-Notify 结果码 %d（%s）"},
		"finding.abnormal-teardown.wan-error": {"WAN-Error-Notify", "WAN-Error-Notify"},
		"finding.abnormal-teardown.reset":     {"the control connection was reset (TCP RST)", "控制连接被重置（TCP RST）"},

		"finding.gre-loss": {
			"%s: %d of %d GRE data packets lost (%.1f%%) and %d reordered (%d sent = %d received with a sequence number + %d missing; the table's %d GRE packets also count %d ack-only ones); the path drops or reorders packets: with stateful MPPE every loss stalls the tunnel until a resync",
			"%[1]s：%[3]d 个带序号的 GRE 数据报文中丢失 %[2]d 个（%.1[4]f%%），乱序 %[5]d 个（发送 %[6]d 个 = 收到的带序号报文 %[7]d 个 + 缺失 %[8]d 个；统计表中的 %[9]d 个 GRE 报文还包括 %[10]d 个仅确认报文）；路径上有丢包或乱序：在有状态 MPPE 下，每次丢包都会使隧道停顿，直到重新同步"},

		"finding.mid-session": {
			"the capture holds no handshake for this session: it started before the capture; which side is the client was inferred (%s)",
			"抓包中没有该会话的握手过程：会话在抓包开始之前就已建立；哪一端是客户端是推断出来的（%s）"},
		"finding.protocol-rejected": {
			"the %s does not run %s (LCP Protocol-Reject)",
			"%s不运行 %s（LCP Protocol-Reject）"},

		"inferred.port-1723": {
			"the side of the control connection not on TCP port 1723",
			"控制连接中不使用 TCP 1723 端口的一端"},
		"inferred.port-1723-no-handshake": {
			"the side of the control connection not on TCP port 1723 (its TCP handshake is not in the capture)",
			"控制连接中不使用 TCP 1723 端口的一端（其 TCP 握手不在抓包中）"},
		"inferred.authenticator": {
			"the side that answered the PPP authentication (the authenticator is the server); the call setup is not in the capture",
			"回应 PPP 身份验证的一端（发起验证的一端是服务器）；呼叫建立过程不在抓包中"},
		"inferred.first-gre": {
			"assumed from the first GRE packet; the call setup is not in the capture",
			"根据第一个 GRE 报文假定；呼叫建立过程不在抓包中"},
		"inferred.first-ppp": {
			"assumed from the first frame of the PPP link; the link's authentication, which tells the authenticator (the server), is not in the capture",
			"根据 PPP 链路的第一个帧假定；能说明验证方（服务器）的链路身份验证不在抓包中"},
	})
}
