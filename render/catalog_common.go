package render

// Words shared by several outputs. Chinese terms follow the handshake
// article (../shared/reference/pptp-handshake-article.zh.txt): 控制连接,
// 隧道, 身份验证, LCP 协商, NCP 协商, CCP 协商, 封装, 解封装.
func init() {
	addCatalog(map[string]Text{
		"common.sessions.one":   {"%d session", "%d 个会话"},
		"common.sessions.other": {"%d sessions", "%d 个会话"},
		"common.client":         {"client", "客户端"},
		"common.server":         {"server", "服务器"},
		"common.frame":          {"frame", "帧"},
		"common.frames":         {"frames", "帧"},
	})
}
