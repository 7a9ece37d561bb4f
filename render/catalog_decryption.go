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

		"mismatch.password":      {"the %s does not match user %s's %s response in frame %d", "%[1]s与用户 %[2]s 在第 %[4]d 帧中的 %[3]s 响应不匹配"},
		"mismatch.authenticator": {"the %s matches user %s's %s response in frame %d but not the server's S= authenticator response in frame %d", "%[1]s与用户 %[2]s 在第 %[4]d 帧中的 %[3]s 响应匹配，但与服务器在第 %[5]d 帧中的 S= 认证响应不匹配"},
		"secret.password":        {"password", "密码"},
		"secret.nt-hash":         {"NT hash", "NT 哈希"},
		"keys.nothing-for":       {"nothing to derive for session %d: %s", "会话 %d 无密钥可推导：%s"},
	})
}
