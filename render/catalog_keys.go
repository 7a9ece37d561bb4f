package render

// `pptpscope keys`: the key derivation, step by step. Quantities keep the
// RFCs' names (PasswordHash, NT-Response, StartKey ...) in every language.
func init() {
	addCatalog(map[string]Text{
		"keys.warning": {
			"WARNING: this output contains key material. The NT password hash is as good\nas the password for MS-CHAP (anyone holding it can log in as the user), and\nthe MPPE keys decrypt the whole session. Do not share it or paste it where\nothers can read it.",
			"警告：以下输出包含密钥材料。对 MS-CHAP 而言，NT 密码哈希与密码本身同样有效\n（持有它的人即可以该用户身份登录），而 MPPE 密钥可以解密整个会话。\n请勿分享，也不要粘贴到他人可见的地方。"},
		"keys.session":                 {"Session %d: %s → %s, user %s, %s", "会话 %d：%s → %s，用户 %s，%s"},
		"keys.keys":                    {"MPPE %d-bit %s keys (from the acknowledged CCP options)", "MPPE %d 位%s密钥（取自已被确认的 CCP 选项）"},
		"keys.keys.assumed":            {"MPPE %d-bit %s keys (assumed: the CCP exchange is not in the capture)", "MPPE %d 位%s密钥（假定值：CCP 交换不在抓包中）"},
		"keys.col.captured":            {"Captured", "抓包中的值"},
		"keys.col.value":               {"value (hex)", "值（十六进制）"},
		"keys.derivation":              {"Derivation", "推导过程"},
		"keys.check.match":             {"= the %s captured in frame %d", "= 第 %[2]d 帧中抓到的 %[1]s"},
		"keys.check.mismatch":          {"≠ the %s captured in frame %d", "≠ 第 %[2]d 帧中抓到的 %[1]s"},
		"keys.quantity.FirstPacketKey": {"first packet key", "第一个报文的密钥"},
		"keys.dir.client-to-server":    {"client→server", "客户端→服务器"},
		"keys.dir.server-to-client":    {"server→client", "服务器→客户端"},
		"keys.dir.both":                {"(both directions)", "（双向）"},
		"keys.note.given-nt-hash":      {"given (NT hash file): %s", "已给出（NT 哈希文件）：%s"},
		"keys.note.reduce-40":          {", then octets 0-2 set to D1 26 9E (40-bit reduction)", "，再把第 0-2 个八位组置为 D1 26 9E（缩减为 40 位）"},
		"keys.note.reduce-56":          {", then octet 0 set to D1 (56-bit reduction)", "，再把第 0 个八位组置为 D1（缩减为 56 位）"},
		"keys.note.stateless-rekey": {
			" (stateless: a new key before every packet, coherency count 0 included)",
			"（无状态模式：每个报文之前都换一次密钥，包括 coherency count 为 0 的报文）"},
		"keys.refnote.client-send":  {" (client send key = server receive key)", "（客户端发送密钥 = 服务器接收密钥）"},
		"keys.refnote.server-send":  {" (server send key = client receive key)", "（服务器发送密钥 = 客户端接收密钥）"},
		"keys.refnote.keys-40-56":   {" (40/56-bit keys)", "（40/56 位密钥）"},
		"keys.refnote.keys-128":     {" (128-bit keys)", "（128 位密钥）"},
		"keys.refnote.every-length": {" (every key length)", "（所有密钥长度）"},
		"keys.nothing-for":          {"nothing to derive for session %d: %s", "会话 %d 无法推导密钥：%s"},
	})
}
