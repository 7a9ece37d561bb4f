package render

// Security findings (severity security, issue 13): what a captured session
// gives away even when it works.
func init() {
	addCatalog(map[string]Text{
		"finding.cleartext-password": {
			"the password of user %q crossed the wire in clear text (PAP): anyone who captures the handshake reads it in the Authenticate-Request; use MS-CHAPv2 with 128-bit MPPE at the least, better a VPN that is not PPTP",
			"用户 %q 的密码以明文（PAP）在网络上传输：任何抓到握手过程的人都能在 Authenticate-Request 中直接读出密码；至少应改用 MS-CHAPv2 加 128 位 MPPE，最好改用 PPTP 以外的 VPN"},
		"finding.md5-crackable": {
			"the %s challenge and response of user %q allow an offline dictionary attack on the password: whoever captures them can try passwords at full speed without asking the server",
			"用户 %[2]q 的 %[1]s 质询与响应可被离线字典攻击：抓到它们的人无需再连接服务器，就能以全速逐个尝试密码"},
		"finding.mschap-crackable": {
			"the %s exchange of user %q can be cracked offline: each password guess costs one MD4, and whatever the password, the NT hash that the MPPE keys come from falls to a single 2^56 DES search; whoever has it can decrypt the tunnel",
			"用户 %[2]q 的 %[1]s 交换可被离线破解：每猜一个密码只需一次 MD4 运算；而且无论密码强弱，推导 MPPE 密钥所用的 NT 哈希都能通过一次 2^56 的 DES 搜索得到，得到它的人即可解密整个隧道"},
		"finding.mppe-weak": {
			"MPPE with %d-bit keys: short enough to search exhaustively; require 128-bit keys (require-mppe-128)",
			"MPPE 使用 %d 位密钥：短到可以穷举搜索；应强制使用 128 位密钥（require-mppe-128）"},
		"finding.no-encryption.one": {
			"no encryption was negotiated: %d PPP data frame crossed the tunnel in clear",
			"没有协商加密：%d 个 PPP 数据帧以明文穿过隧道"},
		"finding.no-encryption.other": {
			"no encryption was negotiated: %d PPP data frames crossed the tunnel in clear",
			"没有协商加密：%d 个 PPP 数据帧以明文穿过隧道"},
		"finding.no-encryption.ppp-link.one": {
			"no encryption was negotiated: %d PPP data frame crossed the link in clear",
			"没有协商加密：%d 个 PPP 数据帧以明文经过链路"},
		"finding.no-encryption.ppp-link.other": {
			"no encryption was negotiated: %d PPP data frames crossed the link in clear",
			"没有协商加密：%d 个 PPP 数据帧以明文经过链路"},
		"finding.lm-response": {
			"the client of user %q sent an LM response (MS-CHAPv1): it comes from the upper-cased password cut into two 7-character halves and falls to a dictionary or exhaustive search far sooner than the NT response; turn LM responses off on the client",
			"用户 %q 的客户端发送了 LM 响应（MS-CHAPv1）：它由转为大写并切成两段 7 字符的密码计算而来，用字典或穷举破解远比 NT 响应容易；请在客户端关闭 LM 响应"},
	})
}
