package render

// Messages of `pptpscope crack`. Method names (MS-CHAPv2, PAP, ...) and
// hash format names stay untranslated.
func init() {
	addCatalog(map[string]Text{
		"crack.auth":             {"session %d, %s, user %q (frame %d)", "会话 %d，%s，用户 %q（帧 %d）"},
		"crack.found":            {"%s: found after %d candidates", "%s：在第 %d 个候选口令找到"},
		"crack.found.show":       {"%s: found after %d candidates: %s", "%s：在第 %d 个候选口令找到：%s"},
		"crack.found.latin1":     {"  (the word-list line is not UTF-8: it was hashed as Latin-1)", "  （该字典行不是 UTF-8：按 Latin-1 计算哈希）"},
		"crack.lmonly":           {"%s: only the LM response matched, after %d candidates; the LM hash ignores case, so the real password may differ in case (not written to -o)", "%s：在第 %d 个候选口令只有 LM 响应匹配；LM 哈希不区分大小写，真实密码的大小写可能不同（不写入 -o）"},
		"crack.lmonly.show":      {"%s: only the LM response matched, after %d candidates: %s (case unknown; not written to -o)", "%s：在第 %d 个候选口令只有 LM 响应匹配：%s（大小写未知；不写入 -o）"},
		"crack.clear":            {"%s: PAP sends the password in clear: no cracking needed (--show prints it)", "%s：PAP 以明文发送密码，无需破解（--show 可显示）"},
		"crack.clear.show":       {"%s: PAP sends the password in clear: %s", "%s：PAP 以明文发送密码：%s"},
		"crack.notfound":         {"%s: not found", "%s：未找到"},
		"crack.uncrackable":      {"%s: the response does not come from an NT password hash (its third DES block matches no key): cannot be cracked", "%s：该响应不是由 NT 密码哈希生成的（第三个 DES 块不匹配任何密钥），无法破解"},
		"crack.summary":          {"%d candidates tried in %s (%s candidates/s); %d of %d authentications found.", "已尝试 %d 个候选口令，用时 %s（每秒 %s 个）；%d/%d 个身份验证已找到。"},
		"crack.incomplete.one":   {"%d incomplete authentication (a challenge without its response, or the reverse) was left out.", "%d 个不完整的身份验证（只有挑战没有响应，或反之）被略过。"},
		"crack.incomplete.other": {"%d incomplete authentications (a challenge without its response, or the reverse) were left out.", "%d 个不完整的身份验证（只有挑战没有响应，或反之）被略过。"},
		"crack.notutf8":          {"%d candidates were not UTF-8 and were hashed as Latin-1 for MS-CHAP.", "%d 个候选口令不是 UTF-8，已按 Latin-1 计算 MS-CHAP 哈希。"},
		"crack.toolong":          {"%d candidates longer than 256 characters (the MS-CHAP limit) were skipped.", "%d 个超过 256 个字符（MS-CHAP 上限）的候选口令被跳过。"},
		"crack.wordlist":         {"Word list: %d lines, %d longer than 256 characters skipped, %d not UTF-8 (tried as Latin-1).", "字典：%d 行，其中 %d 行超过 256 个字符被跳过，%d 行不是 UTF-8（按 Latin-1 尝试）。"},
		"crack.written":          {"Passwords written to %s (user:password lines, readable by --credentials).", "密码已写入 %s（user:password 格式，可供 --credentials 读取）。"},
		"crack.interrupted":      {"Interrupted after %d candidates; to resume, run the same command with --skip %d.", "在第 %d 个候选口令处中断；要继续，请用相同命令加上 --skip %d。"},
		"crack.progress":         {"%d candidates, %s/s, %d found", "%d 个候选口令，每秒 %s 个，已找到 %d 个"},
		"crack.progress.eta":     {"%d of %d candidates (%.1f%%), %s/s, %d found, about %s left", "%d/%d 个候选口令（%.1f%%），每秒 %s 个，已找到 %d 个，约剩 %s"},
		"crack.noauth":           {"the capture holds no complete authentication to crack", "该抓包中没有可破解的完整身份验证"},
		"crack.notfound.err":     {"%d of %d authentications not found among the candidates", "%d/%d 个身份验证的密码不在候选口令中"},
		"crack.export.noline":    {"# %s: no %s line: %s", "# %s：没有 %s 格式的行：%s"},
		"crack.export.clear":     {"PAP sends the password in clear", "PAP 以明文发送密码"},
		"crack.export.challenge": {"hashcat mode 4800 takes only 16-octet challenges, this one has %d octets (john's $chap$ form takes any length)", "hashcat 模式 4800 只接受 16 字节的挑战，此挑战为 %d 字节（john 的 $chap$ 格式接受任意长度）"},
		"crack.export.uncrack":   {"the response cannot be cracked", "该响应无法破解"},
		"crack.export.mode":      {"# hashcat -m %d (%s)", "# hashcat -m %d（%s）"},

		"crack.explain.warning":   {"WARNING: this shows key material derived from the captured MS-CHAPv2 exchange (the last two octets of the user's NT password hash). Treat the output as a secret.", "警告：以下内容包含从抓到的 MS-CHAPv2 交换推导出的密钥材料（用户 NT 密码哈希的最后两个字节）。请把输出当作机密。"},
		"crack.explain.title":     {"Why MS-CHAPv2 falls to one DES key search (the reduction chapcrack demonstrated), %s:", "为什么 MS-CHAPv2 归结为一次 DES 密钥搜索（chapcrack 演示的归约），%s："},
		"crack.explain.chash":     {"1. Challenge hash = SHA1(peer challenge | authenticator challenge | user name)[0:8] = %s. No secret goes into it: anyone who captured the exchange computes it.", "1. 挑战哈希 = SHA1(对端挑战 | 认证方挑战 | 用户名)[0:8] = %s。其中没有任何秘密：抓到交换的人都能算出来。"},
		"crack.explain.blocks":    {"2. The 24-octet NT-Response is three DES encryptions of it, each with 7 octets of the 16-octet NT hash (MD4 of the password) as key:", "2. 24 字节的 NT-Response 是对它的三次 DES 加密，每次用 16 字节 NT 哈希（密码的 MD4）中的 7 个字节作密钥："},
		"crack.explain.block":     {"   DES(K%d = NT hash octets %s, challenge hash) = %s", "   DES(K%d = NT 哈希第 %s 字节，挑战哈希) = %s"},
		"crack.explain.k3":        {"3. K3 is only 2 octets of the hash followed by five zeros: 65,536 DES operations recover it from the third block. Here: NT hash octets 14-15 = %s.", "3. K3 只有哈希的 2 个字节，后面补 5 个零：用 65,536 次 DES 运算即可从第三块恢复。此处：NT 哈希第 14-15 字节 = %s。"},
		"crack.explain.k3none":    {"3. No 2-octet key reproduces the third block: this response was not made from an NT hash.", "3. 没有任何 2 字节密钥能得到第三块：该响应不是由 NT 哈希生成的。"},
		"crack.explain.k3many":    {"   (%d keys match; the others are chance collisions.)", "   （有 %d 个密钥匹配；其余是偶然碰撞。）"},
		"crack.explain.remaining": {"4. What remains are two independent 56-bit DES keys (K1, K2): 2 x 2^56 DES operations, whatever the password's length or complexity. The NT hash they give is as good as the password: it authenticates and derives the MPPE keys.", "4. 剩下的是两个互相独立的 56 位 DES 密钥（K1、K2）：2 x 2^56 次 DES 运算，与密码的长度和复杂度无关。得到的 NT 哈希与密码等价：可用于身份验证并推导 MPPE 密钥。"},
		"crack.explain.token":     {"5. chapcrack's token for that search (challenge hash, the first two blocks, the 2 recovered octets): %s", "5. chapcrack 用于该搜索的令牌（挑战哈希、前两块、恢复出的 2 个字节）：%s"},
		"crack.explain.rate":      {"6. This machine does %s DES key setups and encryptions per second on one core: the full search would take %s on one core (half that on average).", "6. 本机单核每秒完成 %s 次 DES 密钥设置和加密：完整搜索单核需要 %s（平均一半）。"},
		"crack.explain.notmschap": {"%s: --explain applies to MS-CHAPv2 only", "%s：--explain 只适用于 MS-CHAPv2"},
	})
}
