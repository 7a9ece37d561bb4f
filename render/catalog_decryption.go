package render

// Why a session or a frame was not decrypted, the password check, and the
// notes of MPPE records.
func init() {
	addCatalog(map[string]Text{
		"why.no-auth":        {"the authentication of this session is not in the capture", "抓包中没有该会话的身份验证过程"},
		"why.unsup-auth":     {"MPPE keys come from MS-CHAP; this session used %s", "MPPE 密钥由 MS-CHAP 导出；该会话使用的是 %s"},
		"why.auth-failed":    {"the authentication failed", "身份验证失败"},
		"why.no-creds":       {"no password given for user %s", "没有提供用户 %s 的密码"},
		"why.unknown-user":   {"(unknown)", "（未知）"},
		"why.no-challenge":   {"the MS-CHAP challenge or response is not in the capture", "抓包中没有 MS-CHAP 的质询或响应"},
		"why.bad-values":     {"the captured MS-CHAP values cannot be checked: %s", "抓到的 MS-CHAP 数值无法校验：%s"},
		"why.no-ccp":         {"the key length and mode are unknown: the acknowledged CCP exchange is not in the capture", "密钥长度和模式未知：抓包中没有得到确认的 CCP 协商"},
		"why.no-encrypted":   {"the session carries no encrypted frames", "该会话没有加密帧"},
		"why.not-verified":   {"the password was not verified", "密码未经验证"},
		"why.no-key-variant": {"no start key variant gives a valid packet", "没有哪种初始密钥变体能解出有效的数据包"},

		"note.compressed":    {"MPPC compressed: decompression is not supported", "MPPC 压缩：尚不支持解压缩"},
		"note.not-decrypted": {"not decrypted: %s", "未解密：%s"},
		"note.mppc-desync":   {"decrypted, not decompressed: %s", "已解密，未能解压缩：%s"},
		"note.mppc-corrupt":  {"decrypted, not decompressed: %s", "已解密，未能解压缩：%s"},
		"note.decompressed":  {"MPPC: %d octets decompressed to %d", "MPPC：%d 字节解压缩为 %d 字节"},

		"mppc.row.compressed":       {"MPPC compressed", "MPPC 压缩帧"},
		"mppc.row.decompressed":     {"MPPC decompressed", "MPPC 已解压缩"},
		"mppc.row.desync":           {"MPPC out of sync", "MPPC 失去同步"},
		"mppc.row.corrupt":          {"MPPC corrupt", "MPPC 数据损坏"},
		"mppc.summary.decompressed": {"; %d of them MPPC-decompressed", "；其中 %d 帧经 MPPC 解压缩"},
		"mppc.summary.lost":         {"; %d compressed frames could not be decompressed (MPPC history out of sync)", "；%d 个压缩帧无法解压缩（MPPC 历史缓冲区失去同步）"},

		"note.duplicate": {"duplicate: this coherency count was decrypted before", "重复：该一致性计数（coherency count）之前已解密过"},

		"err.mppe.late":        {"late packet", "数据包来得太迟"},
		"err.mppe.discarded":   {"discarded until flushed packet", "在收到刷新（flushed）数据包之前被丢弃"},
		"err.mppe.not-flushed": {"flushed bit missing", "缺少刷新（flushed）位"},
		"err.mppe.empty":       {"empty packet", "空数据包"},

		"mismatch.password":      {"the %s does not match user %s's %s response in frame %d", "%[1]s与用户 %[2]s 在第 %[4]d 帧的 %[3]s 响应不符"},
		"mismatch.authenticator": {"the %s matches user %s's %s response in frame %d but not the server's S= authenticator response in frame %d", "%[1]s与用户 %[2]s 在第 %[4]d 帧的 %[3]s 响应相符，但与服务器在第 %[5]d 帧的 S= 验证者响应不符"},
		"secret.password":        {"password", "密码"},
		"secret.nt-hash":         {"NT hash", "NT 哈希"},
	})
}

// The decryption block of analyze and the summary of decrypt.
func init() {
	addCatalog(map[string]Text{
		"dec.short.ok":                 {"decrypted %d of %d", "已解密 %d/%d"},
		"dec.short.verified":           {"password verified", "密码已验证"},
		"dec.short.not":                {"not decrypted", "未解密"},
		"dec.frame":                    {" (frame %d)", "（第 %d 帧）"},
		"dec.verified":                 {"%s of %s verified against the %s NT-Response%s", "%[2]s 的%[1]s已通过 %[3]s NT-Response 验证%[4]s"},
		"dec.cracked":                  {"found by cracking (--wordlist/--mask); ", "通过破解找到（--wordlist/--mask）；"},
		"dec.verified.s":               {" and the server's S=%s", "，并通过服务器的 S= 验证%s"},
		"dec.verified.no-s":            {"; the server's S= is not in the capture", "；抓包中没有服务器的 S="},
		"dec.label":                    {"decryption", "解密"},
		"dec.encrypted-frames.one":     {" (%d encrypted frame)", "（%d 个加密帧）"},
		"dec.encrypted-frames.other":   {" (%d encrypted frames)", "（%d 个加密帧）"},
		"dec.none-to-decrypt":          {"no encrypted frames to decrypt", "没有需要解密的加密帧"},
		"dec.stateful":                 {"stateful", "有状态"},
		"dec.stateless":                {"stateless", "无状态"},
		"dec.keys":                     {"MPPE %d-bit %s (from the acknowledged CCP options)", "MPPE %d 位，%s（来自得到确认的 CCP 选项）"},
		"dec.v1-variant":               {"; MS-CHAPv1 start key: %s", "；MS-CHAPv1 初始密钥：%s"},
		"dec.keys.label":               {"keys", "密钥"},
		"dec.frames":                   {"MPPE frames", "MPPE 帧"},
		"dec.row.encrypted":            {"encrypted", "加密"},
		"dec.row.decrypted":            {"decrypted", "已解密"},
		"dec.row.invalid":              {"not a valid packet", "不是有效数据包"},
		"dec.row.duplicates":           {"duplicate copies", "重复副本（未计入）"},
		"dec.row.encrypted.distinct":   {"encrypted (distinct)", "加密（不同的包）"},
		"dec.row.lost":                 {"skipped counts (lost)", "跳过的计数（丢失）"},
		"dec.row.late":                 {"too late", "来得太迟"},
		"dec.row.discarded":            {"discarded (stateful)", "丢弃（有状态）"},
		"dec.row.not-flushed":          {"flushed bit missing", "缺少刷新位"},
		"dec.row.resets":               {"CCP resets", "CCP 重置"},
		"dec.row.rekeys":               {"key changes", "密钥更换"},
		"dec.inner":                    {"Inner traffic", "隧道内流量"},
		"dec.packets":                  {"packets", "报文"},
		"dec.bytes":                    {"bytes", "字节"},
		"dec.protocols-unlisted.one":   {"(%d packet of further protocols not listed: only %d are named per session)", "（另有 %d 个其他协议的包未列出：每个会话最多列出 %d 种协议）"},
		"dec.protocols-unlisted.other": {"(%d packets of further protocols not listed: only %d are named per session)", "（另有 %d 个其他协议的包未列出：每个会话最多列出 %d 种协议）"},
		"dec.total":                    {"total", "合计"},
		"dec.ip-counts.one":            {"IPv4 %d, IPv6 %d, other %d; %d flow", "IPv4 %d，IPv6 %d，其他 %d；%d 条流"},
		"dec.ip-counts.other":          {"IPv4 %d, IPv6 %d, other %d; %d flows", "IPv4 %d，IPv6 %d，其他 %d；%d 条流"},
		"dec.talkers":                  {"Top talkers (both directions)", "流量最多的主机对（双向）"},
		"dec.timeline-flows":           {"the timeline shows the first packets of the %d inner flows with the most bytes, of %d", "时间线只显示字节最多的 %d 条内层流（共 %d 条）的前几个报文"},
		"dec.no-session":               {"no encrypted PPTP session in the capture", "抓包中没有加密的 PPTP 会话"},
		"dec.line.head":                {"session %d %s → %s", "会话 %d %s → %s"},
		"dec.line.user":                {" (%s)", "（%s）"},
		"dec.line.sep":                 {": ", "："},
		"dec.line.ok.one":              {"%d of %d encrypted frame decrypted (%d of %d client→server, %d of %d server→client)", "%[2]d 个加密帧中已解密 %[1]d 个（客户端→服务器 %[4]d 个中 %[3]d 个，服务器→客户端 %[6]d 个中 %[5]d 个）"},
		"dec.line.ok.other":            {"%d of %d encrypted frames decrypted (%d of %d client→server, %d of %d server→client)", "%[2]d 个加密帧中已解密 %[1]d 个（客户端→服务器 %[4]d 个中 %[3]d 个，服务器→客户端 %[6]d 个中 %[5]d 个）"},
		"dec.line.dups.one":            {"; %d duplicate frame (a copy of a packet counted above) left out", "；另有 %d 个重复帧（上面已计入的包的副本）未计入"},
		"dec.line.dups.other":          {"; %d duplicate frames (copies of packets counted above) left out", "；另有 %d 个重复帧（上面已计入的包的副本）未计入"},
		"dec.line.invalid.one":         {"; %d decrypted frame is not a valid packet", "；%d 个已解密的帧不是有效数据包"},
		"dec.line.invalid.other":       {"; %d decrypted frames are not valid packets", "；%d 个已解密的帧不是有效数据包"},
		"dec.line.verified":            {"password verified; no encrypted frames", "密码已验证；没有加密帧"},
	})
}

func init() {
	addCatalog(map[string]Text{
		"diagram.data-bytes.one":   {"%d byte", "%d 字节"},
		"diagram.data-bytes.other": {"%d bytes", "%d 字节"},
	})
}
