package render

import "github.com/pptpscope/pptpscope/decode"

// NoteText words a decoding note (decode.Note) in lang.
func NoteText(lang string, n decode.Note) string {
	return T(lang, "note."+n.Code, n.Args...)
}

// Decoding notes: non-fatal problems of a message (decode.NoteCodes).
func init() {
	addCatalog(map[string]Text{
		"note.pptp-bad-cookie":       {"magic cookie 0x%08x is not 0x%08x: not a PPTP control message", "magic cookie 0x%08x 不是 0x%08x：不是 PPTP 控制消息"},
		"note.pptp-truncated-header": {"truncated: %d bytes, the header needs %d", "被截断：只有 %d 字节，报头需要 %d 字节"},
		"note.pptp-truncated":        {"truncated: length %d, %d bytes captured", "被截断：长度为 %d，只抓到 %d 字节"},
		"note.pptp-length-short":     {"length %d is shorter than the %d-byte header", "长度 %d 短于 %d 字节的报头"},
		"note.pptp-message-type":     {"PPTP message type %d (%s) is not 1 (Control Message)", "PPTP 消息类型 %d（%s）不是 1（Control Message）"},
		"note.pptp-unknown-type":     {"unknown control message type %d", "未知的控制消息类型 %d"},
		"note.pptp-unprintable":      {"%s has %d bytes that are not printable text, shown as \\x escapes", "%s 含 %d 个不可打印的字节，以 \\x 转义显示"},
		"note.pptp-length-mismatch":  {"length %d disagrees with %s's %d bytes", "长度 %[1]d 与 %[2]s 的固定长度 %[3]d 字节不符"},

		"note.length-short":        {"Length %d is shorter than the 4-byte header", "Length %d 短于 4 字节的报头"},
		"note.truncated-length":    {"truncated: Length %d, only %d bytes captured", "被截断：Length 为 %d，只抓到 %d 字节"},
		"note.padding":             {"%d bytes of padding after Length", "Length 之后有 %d 字节填充"},
		"note.code-undefined":      {"%s code %d is not defined", "%s 代码 %d 未定义"},
		"note.option-length-exact": {"%s option %s has length %d (expected %d)", "%s 选项 %s 的长度为 %d（应为 %d）"},
		"note.option-length-min":   {"%s option %s has length %d (expected at least %d)", "%s 选项 %s 的长度为 %d（应至少为 %d）"},
		"note.option-length-range": {"%s option %s has length %d (expected %d to %d)", "%s 选项 %s 的长度为 %d（应为 %d 到 %d）"},
		"note.options-undecoded":   {"%s options after byte %d not decoded: %s", "%s 第 %d 字节之后的选项未能解码：%s"},
		"note.body":                {"%s", "%s"},

		"note.chap-empty-value":          {"CHAP %s has an empty value (RFC 1994 requires one or more octets)", "CHAP %s 的 Value 为空（RFC 1994 要求至少一个八位组）"},
		"note.mschapv2-challenge-length": {"MS-CHAPv2 Challenge of %d bytes (RFC 2759 requires 16)", "MS-CHAPv2 Challenge 长 %d 字节（RFC 2759 要求 16 字节）"},
		"note.mschapv1-challenge-length": {"MS-CHAPv1 Challenge of %d bytes (RFC 2433 requires 8)", "MS-CHAPv1 Challenge 长 %d 字节（RFC 2433 要求 8 字节）"},
		"note.mschap-response-length":    {"%s Response of %d bytes (49 required)", "%s Response 长 %d 字节（应为 49 字节）"},
		"note.md5-response-length":       {"MD5 Response of %d bytes (an MD5 digest is 16)", "MD5 Response 长 %d 字节（MD5 摘要为 16 字节）"},
		"note.mschapv2-reserved":         {"MS-CHAPv2 Response reserved octets are not zero", "MS-CHAPv2 Response 的保留八位组不为零"},
		"note.mschapv2-flags":            {"MS-CHAPv2 Response flags are not zero", "MS-CHAPv2 Response 的 Flags 不为零"},
		"note.mschapv1-use-nt":           {"MS-CHAPv1 Response use-NT flag is neither 0 nor 1", "MS-CHAPv1 Response 的 use-NT 标志既不是 0 也不是 1"},

		"note.eap-data":                      {"EAP %s carries %d bytes of data (RFC 3748 allows none)", "EAP %s 携带了 %d 字节数据（RFC 3748 不允许携带数据）"},
		"note.eap-mslength":                  {"EAP-MSCHAPv2 MS-Length %d is not the EAP Length minus 5 (%d)", "EAP-MSCHAPv2 的 MS-Length %d 不等于 EAP Length 减 5（%d）"},
		"note.eap-empty-value":               {"%s has an empty value", "%s 的 Value 为空"},
		"note.eap-change-password-extra":     {"bytes after the EAP-MSCHAPv2 Change-Password fields", "EAP-MSCHAPv2 Change-Password 字段之后还有多余字节"},
		"note.eap-mschapv2-challenge-length": {"EAP-MSCHAPv2 Challenge of %d bytes (16 required)", "EAP-MSCHAPv2 Challenge 长 %d 字节（应为 16 字节）"},
		"note.eap-mschapv2-response-length":  {"EAP-MSCHAPv2 Response of %d bytes (49 required)", "EAP-MSCHAPv2 Response 长 %d 字节（应为 49 字节）"},

		"note.pap-no-msg-length": {"%s has no Msg-Length octet (RFC 1334 requires one)", "%s 没有 Msg-Length 八位组（RFC 1334 要求有）"},
		"note.pap-trailing":      {"bytes after the last field of %s", "%s 的最后一个字段之后还有多余字节"},

		"note.cbcp-options":        {"CBCP option list: %s", "CBCP 选项列表：%s"},
		"note.cbcp-no-delay":       {"%s option has no delay octet", "%s 选项没有 delay 八位组"},
		"note.cbcp-address-no-nul": {"CBCP address runs past the end of its option (no NUL)", "CBCP 地址超出了所在选项的末尾（没有 NUL 结尾）"},

		"note.mppe-truncated": {"truncated: MPPE header needs 2 bytes", "被截断：MPPE 报头需要 2 字节"},
		"note.mppe-no-d-or-c": {"neither encrypted (D) nor compressed (C)", "既未加密（D）也未压缩（C）"},

		"note.frame-truncated":     {"frame truncated", "帧被截断"},
		"note.control-bytes-lost":  {"%d bytes of the control stream lost before this message", "此消息之前丢失了控制连接数据流中的 %d 字节"},
		"note.control-stream-ends": {"the control stream ends inside this message", "控制连接的数据流在此消息中间结束"},
	})
}
