package render

import (
	"strings"

	"github.com/pptpscope/pptpscope/session"
)

// Explanations of each handshake message and phase for students, in
// English and Chinese: what the message asks or tells, what the answer
// means, and where the RFC defines it. Written for pptpscope, in the spirit
// of the classic handshake article (whose section numbers the phases use).

// Explanation describes one message type.
type Explanation struct {
	Role   string // what the message asks or announces
	Answer string // what the answer means / what happens next
	RFC    string // where it is defined
}

// configProtos says what each PPP configuration protocol negotiates, for
// the shared Configure-* explanations.
var configProtos = map[string]map[string]string{
	"en": {
		"LCP":    "the link itself: the largest packet (MRU), the authentication protocol the peer must use, the magic number that detects looped links, header compression (PFC, ACFC), the control-character map (ACCM), callback",
		"IPCP":   "IPv4 on the tunnel: each side's address (0.0.0.0 means \"please assign me one\") and, with Microsoft's extension, DNS and WINS servers",
		"IPV6CP": "IPv6 on the tunnel: the 64-bit interface identifiers from which each side builds its link-local address",
		"CCP":    "compression and encryption of the data; for PPTP the MPPE option: key length 40, 56 or 128 bits, stateless mode, MPPC compression",
	},
	"zh": {
		"LCP":    "链路本身的参数：最大接收单元（MRU）、要求对方使用的认证协议、用于检测环路的魔术字（Magic Number）、地址/协议字段压缩（ACFC、PFC）、控制字符映射（ACCM）以及回拨等",
		"IPCP":   "隧道上的 IPv4 参数：双方的地址（0.0.0.0 表示“请给我分配一个”），以及微软扩展的 DNS、WINS 服务器地址",
		"IPV6CP": "隧道上的 IPv6 参数：双方用来生成链路本地地址的 64 位接口标识符",
		"CCP":    "数据的压缩与加密方式；在 PPTP 中就是 MPPE 选项：40、56 或 128 位密钥、无状态模式、MPPC 压缩",
	},
}

var configRFC = map[string]string{
	"LCP":    "RFC 1661",
	"IPCP":   "RFC 1332 (DNS/WINS: RFC 1877)",
	"IPV6CP": "RFC 5072",
	"CCP":    "RFC 1962 (MPPE: RFC 3078, keys: RFC 3079)",
}

// configSection is the RFC 1661 section of each Configure-*/Terminate-* code,
// which the NCPs and CCP reuse.
var configSection = map[string]string{
	"Configure-Request": "§5.1", "Configure-Ack": "§5.2", "Configure-Nak": "§5.3", "Configure-Reject": "§5.4",
	"Terminate-Request": "§5.5", "Terminate-Ack": "§5.5", "Code-Reject": "§5.6",
}

// Explain returns the explanation of a message (proto, RFC name) in lang.
func Explain(lang, proto, msg string) (Explanation, bool) {
	if lang != "zh" {
		lang = "en"
	}
	table := explanations[lang]
	if e, ok := table[proto+" "+msg]; ok {
		return e, true
	}
	if what, ok := configProtos[lang][proto]; ok {
		if e, ok := table["* "+msg]; ok {
			e.Role = strings.ReplaceAll(strings.ReplaceAll(e.Role, "{P}", proto), "{WHAT}", what)
			e.Answer = strings.ReplaceAll(e.Answer, "{P}", proto)
			rfc := configRFC[proto]
			if proto == "LCP" {
				rfc += " " + configSection[msg]
			} else {
				rfc += "; packet format: RFC 1661 " + configSection[msg]
				if lang == "zh" {
					rfc = configRFC[proto] + "；报文格式见 RFC 1661 " + configSection[msg]
				}
			}
			e.RFC = rfc
			return e, true
		}
	}
	return Explanation{}, false
}

// PhaseIntro is a paragraph on what a phase does, for the report.
func PhaseIntro(lang, phase string) string {
	if lang != "zh" {
		lang = "en"
	}
	return phaseIntros[lang][phase]
}

// SessionPhaseIntro is PhaseIntro for a phase of session s: a PPP link
// session (PPP on a serial line, no PPTP) has its own paragraphs where the
// PPTP ones speak of GRE, the control connection or TCP.
func SessionPhaseIntro(lang string, s *session.Session, phase string) string {
	if s != nil && s.PPPLink {
		if lang != "zh" {
			lang = "en"
		}
		if p, ok := phaseIntros[lang]["ppp-link-"+phase]; ok {
			return p
		}
	}
	return PhaseIntro(lang, phase)
}

var phaseIntros = map[string]map[string]string{
	"en": {
		"tcp-connect":        "PPTP keeps its control messages on a TCP connection. The client first opens it to the server's port 1723 with TCP's three-way handshake: SYN, SYN-ACK, ACK.",
		"control-connection": "On that TCP connection the client and the server introduce themselves with Start-Control-Connection-Request and -Reply: protocol version, framing and bearer capabilities, host and vendor names. Nothing about the user is exchanged yet.",
		"call-setup":         "The client asks for a call with Outgoing-Call-Request. Each side picks a Call ID; every GRE packet (IP protocol 47) of the tunnel carries the receiver's Call ID, which is how PPP frames find their session. Set-Link-Info then passes on PPP's control-character map.",
		"lcp":                "Inside the GRE tunnel PPP starts with LCP. Each side sends a Configure-Request listing the options it wants for what it receives; the other side answers Configure-Ack (all accepted), Configure-Nak (other values, please) or Configure-Reject (drop these options). LCP is open when both directions are acknowledged.",
		"authentication":     "The server now checks who the client is, with the protocol that LCP agreed on: PAP sends the password in clear text; CHAP, MS-CHAPv1 and MS-CHAPv2 answer a random challenge with a hash of it and the password; EAP carries other methods. MS-CHAP also yields the keys MPPE will encrypt with.",
		"ncp":                "Network Control Protocols set up the network layer over the link. IPCP gives the client its address in the tunnel (it asks with 0.0.0.0 and the server answers with a Configure-Nak holding the assigned address) and, on Windows, DNS servers; IPV6CP agrees IPv6 interface identifiers.",
		"ccp":                "CCP agrees how the data is compressed and encrypted. With PPTP that is MPPE: RC4 with 40, 56 or 128-bit keys derived from the MS-CHAP exchange, usually stateless (a new key for every packet). Once both directions are acknowledged, data packets are encrypted.",
		"data":               "User traffic now travels as PPP frames inside GRE. With MPPE each frame has a small MPPE header (a coherency count and flags) followed by ciphertext. Echo-Request/Echo-Reply keepalives of LCP and of the PPTP control connection check that the peer is still there.",
		"teardown":           "The session ends with LCP Terminate-Request/Ack, the PPTP Call-Clear-Request answered by Call-Disconnect-Notify, Stop-Control-Connection-Request/Reply, and finally the TCP connection is closed (FIN) or reset (RST).",
		// A PPP link capture (PPP straight on the link layer, no PPTP).
		"ppp-link-lcp":      "Here PPP runs straight on the link (a serial line or a modem), with no PPTP tunnel around it, and starts with LCP. Each side sends a Configure-Request listing the options it wants for what it receives; the other side answers Configure-Ack (all accepted), Configure-Nak (other values, please) or Configure-Reject (drop these options). LCP is open when both directions are acknowledged.",
		"ppp-link-data":     "User traffic now travels as PPP frames on the link. With MPPE each frame has a small MPPE header (a coherency count and flags) followed by ciphertext. LCP Echo-Request/Echo-Reply keepalives check that the peer is still there.",
		"ppp-link-teardown": "The session ends with LCP Terminate-Request/Ack; then the link itself goes down (the modem hangs up).",
	},
	"zh": {
		"tcp-connect":        "PPTP 的控制报文走在一条 TCP 连接上。客户端先用 TCP 三次握手（SYN、SYN-ACK、ACK）连接服务器的 1723 端口。",
		"control-connection": "在这条 TCP 连接上，客户端和服务器用 Start-Control-Connection-Request/Reply 互相介绍：协议版本、成帧和承载能力、主机名和厂商名。此时还不涉及用户身份。",
		"call-setup":         "客户端用 Outgoing-Call-Request 请求建立一个“呼叫”。双方各自选一个 Call ID；隧道中每个 GRE 报文（IP 协议号 47）都带着接收方的 Call ID，PPP 帧就靠它找到所属的会话。随后 Set-Link-Info 传递 PPP 的控制字符映射。",
		"lcp":                "PPP 在 GRE 隧道里首先运行 LCP。每一方都发送 Configure-Request，列出自己接收方向希望使用的选项；对方用 Configure-Ack（全部接受）、Configure-Nak（请改用别的值）或 Configure-Reject（请去掉这些选项）回答。两个方向都被确认后，LCP 协商完成。",
		"authentication":     "接下来服务器用 LCP 商定的协议验证客户端身份：PAP 以明文发送密码；CHAP、MS-CHAPv1 和 MS-CHAPv2 用口令和随机挑战值计算出的散列值作答；EAP 则可以承载其他认证方法。MS-CHAP 还为后面的 MPPE 提供密钥材料。",
		"ncp":                "网络控制协议（NCP）在链路上配置网络层。IPCP 为客户端分配隧道内的地址（客户端先用 0.0.0.0 请求，服务器用带有分配地址的 Configure-Nak 回答），在 Windows 上还分配 DNS 服务器；IPV6CP 协商 IPv6 接口标识符。",
		"ccp":                "CCP 协商数据的压缩与加密方式。在 PPTP 中就是 MPPE：使用由 MS-CHAP 交换推导出的 40、56 或 128 位 RC4 密钥，通常为无状态模式（每个报文换一次密钥）。两个方向都确认后，数据报文即被加密。",
		"data":               "用户数据此时以 PPP 帧的形式装在 GRE 里传输。启用 MPPE 时，每帧先是一个很短的 MPPE 头（计数器和标志位），后面是密文。LCP 和 PPTP 控制连接各自的 Echo-Request/Echo-Reply 保活报文用来确认对端仍然在线。",
		"teardown":           "会话结束时依次出现：LCP Terminate-Request/Ack、PPTP 的 Call-Clear-Request 及其应答 Call-Disconnect-Notify、Stop-Control-Connection-Request/Reply，最后 TCP 连接被关闭（FIN）或重置（RST）。",
		"ppp-link-lcp":       "这里 PPP 直接运行在链路（串行线路或调制解调器）上，外面没有 PPTP 隧道，同样首先运行 LCP。每一方都发送 Configure-Request，列出自己接收方向希望使用的选项；对方用 Configure-Ack（全部接受）、Configure-Nak（请改用别的值）或 Configure-Reject（请去掉这些选项）回答。两个方向都被确认后，LCP 协商完成。",
		"ppp-link-data":      "用户数据此时以 PPP 帧的形式直接在链路上传输。启用 MPPE 时，每帧先是一个很短的 MPPE 头（计数器和标志位），后面是密文。LCP 的 Echo-Request/Echo-Reply 保活报文用来确认对端仍然在线。",
		"ppp-link-teardown":  "会话结束时出现 LCP Terminate-Request/Ack，随后链路本身断开（调制解调器挂断）。",
	},
}

var explanations = map[string]map[string]Explanation{
	"en": {
		// TCP (RFC 9293).
		"TCP SYN":     {"The client opens a TCP connection to the server's port 1723, the PPTP control port. This is the first step of the three-way handshake; it carries the client's initial sequence number.", "The server answers SYN-ACK if something listens on port 1723, or RST if the port is closed. No answer at all usually means a firewall drops the packets.", "RFC 9293 §3.5"},
		"TCP SYN-ACK": {"The server accepts the connection: it acknowledges the client's SYN and sends its own initial sequence number.", "The client's ACK completes the handshake.", "RFC 9293 §3.5"},
		"TCP ACK":     {"The client acknowledges the server's SYN: the TCP connection is established.", "PPTP control messages can now be sent on it, starting with Start-Control-Connection-Request.", "RFC 9293 §3.5"},
		"TCP FIN":     {"This side has nothing more to send and closes its half of the TCP connection.", "The other side acknowledges and sends its own FIN; the control connection is then gone.", "RFC 9293 §3.6"},
		"TCP RST":     {"The connection is reset: closed at once, without the FIN exchange. Windows often closes the PPTP control connection this way after Stop-Control-Connection.", "No answer; any later segment of this connection is refused.", "RFC 9293 §3.5.2"},

		// PPTP (RFC 2637).
		"PPTP Start-Control-Connection-Request": {"The client starts the PPTP control connection: it gives the protocol version (1.0), its framing and bearer capabilities, the number of channels, its firmware revision and its host and vendor names.", "The server answers with Start-Control-Connection-Reply; result code 1 means the control connection is established and calls may be set up.", "RFC 2637 §2.1"},
		"PPTP Start-Control-Connection-Reply":   {"The server answers the client's request and describes itself the same way (version, capabilities, host and vendor names).", "Result 1 is success. Other results: 2 general error, 3 a control connection already exists, 4 the requester is not authorized, 5 the protocol version is not supported.", "RFC 2637 §2.2"},
		"PPTP Stop-Control-Connection-Request":  {"One side closes the control connection (reason 1: none given, 2: stop protocol, 3: local shutdown). Its calls must already be cleared.", "The peer answers Stop-Control-Connection-Reply; then the TCP connection is closed.", "RFC 2637 §2.3"},
		"PPTP Stop-Control-Connection-Reply":    {"The answer to Stop-Control-Connection-Request.", "Result 1 means the control connection is closed; the TCP connection follows.", "RFC 2637 §2.4"},
		"PPTP Echo-Request":                     {"A keepalive on the control connection, sent when nothing has been received for a while (60 seconds by default). It carries an identifier.", "The peer must answer Echo-Reply with the same identifier; when replies stop coming, the sender closes the control connection.", "RFC 2637 §2.5"},
		"PPTP Echo-Reply":                       {"The answer to an Echo-Request, with the same identifier: the peer is alive.", "Result 1 means OK.", "RFC 2637 §2.6"},
		"PPTP Outgoing-Call-Request":            {"The client asks the server for a call: in a VPN this is the tunnel for one PPP session. It picks its Call ID (the server will put it in the GRE header of every packet it sends back), gives a call serial number, the speed range, the bearer and framing types and its receive window in packets.", "The server answers Outgoing-Call-Reply with its own Call ID; from then on PPP frames travel in GRE.", "RFC 2637 §2.7"},
		"PPTP Outgoing-Call-Reply":              {"The server's answer to the call request. It gives its own Call ID (the client puts it in the GRE header of every packet to the server) and repeats the client's as the Peer Call ID, with the connect speed and its receive window.", "Result 1 (Connected) means the tunnel is up and PPP negotiation starts in GRE. Others: 2 general error, 3 no carrier, 4 busy, 5 no dial tone, 6 time-out, 7 do not accept.", "RFC 2637 §2.8"},
		"PPTP Incoming-Call-Request":            {"The access concentrator (PAC) announces an incoming call to the network server (PNS); the reverse direction of Outgoing-Call-Request, rare in VPNs.", "The PNS answers Incoming-Call-Reply, then the PAC sends Incoming-Call-Connected.", "RFC 2637 §2.9"},
		"PPTP Incoming-Call-Reply":              {"The network server accepts or refuses the incoming call and gives its Call ID.", "If accepted, Incoming-Call-Connected follows.", "RFC 2637 §2.10"},
		"PPTP Incoming-Call-Connected":          {"The access concentrator confirms the incoming call is connected, with the connect speed and window size.", "PPP negotiation starts in GRE.", "RFC 2637 §2.11"},
		"PPTP Call-Clear-Request":               {"The client (network server side) asks to end the call, naming its Call ID.", "The server clears the call and answers Call-Disconnect-Notify.", "RFC 2637 §2.12"},
		"PPTP Call-Disconnect-Notify":           {"The server reports that the call is gone, with a result code (1 lost carrier, 2 general error, 3 administrative shutdown, 4 request) and sometimes call statistics.", "No answer; the GRE tunnel of this call is finished.", "RFC 2637 §2.13"},
		"PPTP WAN-Error-Notify":                 {"The server reports error counters of the call (CRC, framing, hardware and buffer overruns, time-outs, alignment errors).", "Informational: no answer.", "RFC 2637 §2.14"},
		"PPTP Set-Link-Info":                    {"Sent after PPP has negotiated its control-character map (ACCM): it tells the peer which control characters to escape in each direction. Over GRE nothing is escaped, so this is mostly a formality (0xffffffff values are common).", "No answer is expected.", "RFC 2637 §2.15"},

		// Configure-* family shared by LCP, IPCP, IPV6CP and CCP.
		"* Configure-Request": {"This {P} Configure-Request proposes the options the sender wants for the packets it receives. {P} negotiates {WHAT}. Each side sends its own request: the two directions are negotiated independently.", "The peer answers Configure-Ack (everything accepted), Configure-Nak (options understood but other values wanted, with those values) or Configure-Reject (options it does not know or will not negotiate). A request that gets no answer is repeated after a time-out.", ""},
		"* Configure-Ack":     {"The {P} options of the peer's Configure-Request are all accepted, unchanged; the Ack repeats them with the same identifier.", "This direction of the {P} negotiation is finished. {P} is open once both sides have received an Ack.", ""},
		"* Configure-Nak":     {"The options of the {P} request are understood but some values are not acceptable; the Nak lists the values the sender would accept (for example the authentication protocol it wants, or the address the server assigns).", "The peer sends a new Configure-Request with the suggested values (and a new identifier).", ""},
		"* Configure-Reject":  {"Some options of the {P} request are not recognized or may not be negotiated at all; the Reject lists them.", "The peer must send a new Configure-Request without those options.", ""},
		"* Terminate-Request": {"The sender closes {P} (for LCP: the whole link). The data often says why, e.g. \"MPPE required but peer refused\" or \"User request\".", "The peer answers Terminate-Ack; the request is repeated if no Ack comes.", ""},
		"* Terminate-Ack":     {"Acknowledges a Terminate-Request: {P} is closed.", "For LCP, the PPP link is down; PPTP then clears the call.", ""},
		"* Code-Reject":       {"The received {P} packet had a code the sender does not know.", "The peer should not send such packets again.", ""},

		// LCP only.
		"LCP Protocol-Reject": {"The sender does not run the PPP protocol named in the packet (for example IPV6CP or CCP), so the peer must stop using it.", "Not an error for the session: the peer simply stops negotiating that protocol.", "RFC 1661 §5.7"},
		"LCP Echo-Request":    {"A link keepalive: it carries the sender's magic number and asks the peer to answer.", "The peer answers Echo-Reply with the same identifier. When several requests in a row get no reply, pppd or Windows declares the link dead (\"LCP echo timeout\").", "RFC 1661 §5.8"},
		"LCP Echo-Reply":      {"The answer to an Echo-Request, with the replier's magic number: the link works in both directions.", "Nothing more; the next request follows after the echo interval.", "RFC 1661 §5.8"},
		"LCP Discard-Request": {"A packet the receiver must silently throw away, used to test a link.", "No answer.", "RFC 1661 §5.9"},
		"LCP Identification":  {"Information about the sender, e.g. Windows sends its RAS version and host name (\"MSRASV5.20\").", "No answer; it does not change the negotiation.", "RFC 1570 §2.1"},
		"LCP Time-Remaining":  {"Tells the peer how many seconds the link may still stay up.", "No answer.", "RFC 1570 §2.2"},

		// CCP only.
		"CCP Reset-Request": {"With stateful MPPE a receiver that missed a packet cannot decrypt the following ones; it asks the sender to reset its state.", "The sender answers Reset-Ack and flushes (the next packet has the flushed bit set), so both sides resynchronize their keys.", "RFC 1962 §3.1, RFC 3078 §3"},
		"CCP Reset-Ack":     {"Confirms a Reset-Request: the compression/encryption state was reset.", "Decryption continues from the next packet.", "RFC 1962 §3.1"},

		// PAP (RFC 1334).
		"PAP Authenticate-Request": {"The client sends its user name and its password in clear text. Anyone who captures this packet can read the password.", "The server answers Authenticate-Ack (accepted) or Authenticate-Nak (refused).", "RFC 1334 §2.2.1"},
		"PAP Authenticate-Ack":     {"The user name and password were accepted.", "PPP moves on to the network protocols (NCP) and CCP.", "RFC 1334 §2.2.2"},
		"PAP Authenticate-Nak":     {"The user name or password was refused.", "The server terminates the link.", "RFC 1334 §2.2.2"},

		// CHAP, MS-CHAP (RFC 1994, 2433, 2759).
		"CHAP Challenge": {"The server (the authenticator) sends a random challenge and its name. For MS-CHAPv2 the challenge is 16 bytes.", "The client must answer with a Response computed from the challenge and its password, so the password itself is never sent.", "RFC 1994 §4.1; MS-CHAPv1: RFC 2433 §3; MS-CHAPv2: RFC 2759 §3"},
		"CHAP Response":  {"The client sends its user name in clear text and a value computed from the challenge and the password: an MD5 hash for CHAP, a DES-based NT-Response for MS-CHAP. MS-CHAPv2 adds the client's own 16-byte peer challenge.", "The server computes the same value from the stored password and answers Success or Failure. Note that a captured Challenge/Response pair can be attacked offline (MS-CHAPv2 reduces to one 56-bit DES key: chapcrack, asleap).", "RFC 1994 §4.1; MS-CHAPv1: RFC 2433 §4; MS-CHAPv2: RFC 2759 §4"},
		"CHAP Success":   {"The response was right: the user is authenticated. With MS-CHAPv2 the message carries S=, the authenticator response, which proves that the server knows the password too (mutual authentication).", "PPP continues with callback control (Windows), the network protocols and CCP.", "RFC 1994 §4.2; MS-CHAPv2: RFC 2759 §5"},
		"CHAP Failure":   {"The response was wrong or the user may not connect. MS-CHAP gives an error code E= (691: authentication failure, 649: no dial-in permission, 648: password expired, 709: error changing password) and R= (whether a retry is allowed).", "Usually the server terminates the link.", "RFC 1994 §4.2; MS-CHAPv2: RFC 2759 §6"},

		// EAP (RFC 3748).
		"EAP Request":  {"The server asks something of the client: its identity (type 1), an MD5 challenge (type 4), or a step of another method such as EAP-MSCHAPv2 (type 26).", "The client answers with an EAP Response of the same identifier, or a Nak (type 3) to propose another method.", "RFC 3748 §4.1, §5"},
		"EAP Response": {"The client's answer to an EAP Request: its identity, or the result of the method's computation.", "The server sends the next Request, or Success / Failure.", "RFC 3748 §4.1"},
		"EAP Success":  {"The EAP method succeeded: the client is authenticated.", "PPP continues with the network protocols and CCP.", "RFC 3748 §4.2"},
		"EAP Failure":  {"The EAP method failed: the client is not authenticated.", "The server terminates the link.", "RFC 3748 §4.2"},

		// CBCP (Microsoft callback control protocol).
		"CBCP Callback-Request":  {"After authentication the server offers callback: it can hang up and call the client back. Windows servers offer it, usually with \"No callback\".", "The client answers Callback-Response with its choice.", "draft-ietf-pppext-callback-cp-02 (Microsoft PPP Callback Control Protocol)"},
		"CBCP Callback-Response": {"The client's choice of callback, almost always \"No callback\" for a VPN.", "The server confirms with Callback-Ack.", "draft-ietf-pppext-callback-cp-02"},
		"CBCP Callback-Ack":      {"The server confirms the callback choice.", "Without callback, PPP goes on to the network protocols.", "draft-ietf-pppext-callback-cp-02"},
	},
	"zh": {
		"TCP SYN":     {"客户端向服务器的 1723 端口（PPTP 控制端口）发起 TCP 连接，这是三次握手的第一步，带有客户端的初始序号。", "若 1723 端口有服务在监听，服务器回 SYN-ACK；若端口关闭则回 RST；完全没有回应通常说明报文被防火墙丢弃。", "RFC 9293 §3.5"},
		"TCP SYN-ACK": {"服务器接受连接：确认客户端的 SYN，同时发出自己的初始序号。", "客户端再回一个 ACK，握手完成。", "RFC 9293 §3.5"},
		"TCP ACK":     {"客户端确认服务器的 SYN，TCP 连接建立。", "此后就可以在这条连接上发送 PPTP 控制报文，第一条是 Start-Control-Connection-Request。", "RFC 9293 §3.5"},
		"TCP FIN":     {"这一端已经没有数据要发，关闭自己方向的 TCP 连接。", "对端确认后也发出 FIN，控制连接随之结束。", "RFC 9293 §3.6"},
		"TCP RST":     {"连接被重置：不经过 FIN 交换直接关闭。Windows 常在 Stop-Control-Connection 之后这样关闭 PPTP 控制连接。", "没有应答；这条连接之后的报文都会被拒绝。", "RFC 9293 §3.5.2"},

		"PPTP Start-Control-Connection-Request": {"客户端建立 PPTP 控制连接：报告协议版本（1.0）、成帧与承载能力、信道数、固件版本以及主机名和厂商名。", "服务器回 Start-Control-Connection-Reply；结果码 1 表示控制连接建立成功，可以开始建立呼叫。", "RFC 2637 §2.1"},
		"PPTP Start-Control-Connection-Reply":   {"服务器对客户端请求的应答，并以同样的方式介绍自己（版本、能力、主机名和厂商名）。", "结果码 1 表示成功；其他值：2 一般错误，3 控制连接已存在，4 请求方未被授权，5 不支持该协议版本。", "RFC 2637 §2.2"},
		"PPTP Stop-Control-Connection-Request":  {"一方关闭控制连接（原因 1：未说明，2：停止协议，3：本地关机）。在此之前它的呼叫应已清除。", "对端回 Stop-Control-Connection-Reply，随后关闭 TCP 连接。", "RFC 2637 §2.3"},
		"PPTP Stop-Control-Connection-Reply":    {"对 Stop-Control-Connection-Request 的应答。", "结果码 1 表示控制连接已关闭，接着关闭 TCP 连接。", "RFC 2637 §2.4"},
		"PPTP Echo-Request":                     {"控制连接上的保活报文，在一段时间（默认 60 秒）没有收到任何报文时发送，带有一个标识符。", "对端必须用相同标识符回 Echo-Reply；若一直收不到应答，发送方会关闭控制连接。", "RFC 2637 §2.5"},
		"PPTP Echo-Reply":                       {"对 Echo-Request 的应答，标识符相同，说明对端仍然在线。", "结果码 1 表示正常。", "RFC 2637 §2.6"},
		"PPTP Outgoing-Call-Request":            {"客户端请求服务器建立一个呼叫：在 VPN 中就是承载一个 PPP 会话的隧道。它选定自己的 Call ID（服务器发回的每个 GRE 报文头都会带上它），并给出呼叫序列号、速率范围、承载和成帧类型以及接收窗口大小。", "服务器回 Outgoing-Call-Reply 并给出自己的 Call ID；此后 PPP 帧就在 GRE 中传输。", "RFC 2637 §2.7"},
		"PPTP Outgoing-Call-Reply":              {"服务器对呼叫请求的应答。它给出自己的 Call ID（客户端发往服务器的每个 GRE 报文头都带上它），并把客户端的 Call ID 作为 Peer Call ID 回填，同时给出连接速率和接收窗口。", "结果码 1（Connected）表示隧道建立，PPP 协商随即在 GRE 中开始。其他值：2 一般错误，3 无载波，4 忙，5 无拨号音，6 超时，7 不接受。", "RFC 2637 §2.8"},
		"PPTP Incoming-Call-Request":            {"接入集中器（PAC）向网络服务器（PNS）报告有呼入，是 Outgoing-Call-Request 的反方向，VPN 中很少见。", "PNS 回 Incoming-Call-Reply，随后 PAC 发送 Incoming-Call-Connected。", "RFC 2637 §2.9"},
		"PPTP Incoming-Call-Reply":              {"网络服务器接受或拒绝呼入，并给出自己的 Call ID。", "若接受，接着会收到 Incoming-Call-Connected。", "RFC 2637 §2.10"},
		"PPTP Incoming-Call-Connected":          {"接入集中器确认呼入已接通，并给出连接速率和窗口大小。", "PPP 协商在 GRE 中开始。", "RFC 2637 §2.11"},
		"PPTP Call-Clear-Request":               {"客户端（网络服务器一侧）请求结束呼叫，报文中带有它的 Call ID。", "服务器清除呼叫并回 Call-Disconnect-Notify。", "RFC 2637 §2.12"},
		"PPTP Call-Disconnect-Notify":           {"服务器通知呼叫已断开，给出结果码（1 载波丢失，2 一般错误，3 管理性关闭，4 应请求断开），有时附带呼叫统计信息。", "没有应答；这个呼叫的 GRE 隧道到此结束。", "RFC 2637 §2.13"},
		"PPTP WAN-Error-Notify":                 {"服务器报告该呼叫的错误计数（CRC 错误、成帧错误、硬件和缓冲区溢出、超时、对齐错误）。", "仅供参考，没有应答。", "RFC 2637 §2.14"},
		"PPTP Set-Link-Info":                    {"在 PPP 协商出控制字符映射（ACCM）之后发送，告诉对端每个方向上需要转义哪些控制字符。GRE 上其实不做转义，所以这基本只是个形式（常见取值 0xffffffff）。", "不需要应答。", "RFC 2637 §2.15"},

		"* Configure-Request": {"{P} Configure-Request 提出发送方希望在自己接收方向上使用的选项。{P} 协商的是{WHAT}。双方各自发送自己的请求，两个方向的协商互相独立。", "对端回 Configure-Ack（全部接受）、Configure-Nak（选项认识但希望换成别的值，并给出这些值）或 Configure-Reject（不认识或不愿协商的选项）。若没有收到应答，请求会在超时后重发。", ""},
		"* Configure-Ack":     {"对端 Configure-Request 中的 {P} 选项全部被原样接受；Ack 使用相同的标识符并重复这些选项。", "{P} 在这个方向上的协商完成；双方都收到 Ack 后 {P} 进入打开状态。", ""},
		"* Configure-Nak":     {"{P} 请求中的选项能够识别，但其中某些取值不能接受；Nak 列出发送方可以接受的值（例如希望使用的认证协议，或服务器分配的地址）。", "对端用建议的值（和新的标识符）重新发送 Configure-Request。", ""},
		"* Configure-Reject":  {"{P} 请求中的某些选项无法识别或根本不允许协商，Reject 把它们列出来。", "对端必须去掉这些选项后重新发送 Configure-Request。", ""},
		"* Terminate-Request": {"发送方关闭 {P}（对 LCP 来说就是关闭整条链路）。数据部分常说明原因，例如 “MPPE required but peer refused” 或 “User request”。", "对端回 Terminate-Ack；收不到 Ack 时请求会重发。", ""},
		"* Terminate-Ack":     {"确认 Terminate-Request：{P} 已关闭。", "对 LCP 而言，PPP 链路断开，随后 PPTP 清除呼叫。", ""},
		"* Code-Reject":       {"收到的 {P} 报文使用了发送方不认识的代码。", "对端不应再发送这类报文。", ""},

		"LCP Protocol-Reject": {"发送方不支持报文中指明的 PPP 协议（例如 IPV6CP 或 CCP），对端必须停止使用它。", "这不是会话错误：对端只是不再协商该协议。", "RFC 1661 §5.7"},
		"LCP Echo-Request":    {"链路保活报文：带有发送方的魔术字，要求对端应答。", "对端用相同标识符回 Echo-Reply。若连续多个请求都没有应答，pppd 或 Windows 会认为链路已断（“LCP echo timeout”）。", "RFC 1661 §5.8"},
		"LCP Echo-Reply":      {"对 Echo-Request 的应答，带有应答方的魔术字，说明链路双向都通。", "无需后续动作，下一个请求按回显间隔发送。", "RFC 1661 §5.8"},
		"LCP Discard-Request": {"接收方必须静默丢弃的报文，用于测试链路。", "没有应答。", "RFC 1661 §5.9"},
		"LCP Identification":  {"发送方的说明信息，例如 Windows 会发送它的 RAS 版本和主机名（“MSRASV5.20”）。", "没有应答，也不影响协商。", "RFC 1570 §2.1"},
		"LCP Time-Remaining":  {"告诉对端这条链路还能保持多少秒。", "没有应答。", "RFC 1570 §2.2"},

		"CCP Reset-Request": {"在有状态 MPPE 中，接收方丢了一个报文后就无法解密后面的报文，于是请求发送方重置状态。", "发送方回 Reset-Ack 并刷新状态（下一个报文置 flushed 位），双方的密钥重新同步。", "RFC 1962 §3.1，RFC 3078 §3"},
		"CCP Reset-Ack":     {"确认 Reset-Request：压缩/加密状态已重置。", "从下一个报文起继续解密。", "RFC 1962 §3.1"},

		"PAP Authenticate-Request": {"客户端以明文发送用户名和密码。任何抓到这个报文的人都能直接读出密码。", "服务器回 Authenticate-Ack（通过）或 Authenticate-Nak（拒绝）。", "RFC 1334 §2.2.1"},
		"PAP Authenticate-Ack":     {"用户名和密码被接受。", "PPP 接着进入网络控制协议（NCP）和 CCP 协商。", "RFC 1334 §2.2.2"},
		"PAP Authenticate-Nak":     {"用户名或密码被拒绝。", "服务器终止链路。", "RFC 1334 §2.2.2"},

		"CHAP Challenge": {"服务器（认证方）发送一个随机挑战值和自己的名字。MS-CHAPv2 的挑战值为 16 字节。", "客户端必须用挑战值和自己的口令计算出 Response 作答，因此口令本身从不在网络上传输。", "RFC 1994 §4.1；MS-CHAPv1：RFC 2433 §3；MS-CHAPv2：RFC 2759 §3"},
		"CHAP Response":  {"客户端以明文发送用户名，并附上由挑战值和口令计算出的结果：CHAP 用 MD5 散列，MS-CHAP 用基于 DES 的 NT-Response。MS-CHAPv2 还会加上客户端自己的 16 字节对端挑战值。", "服务器用保存的口令算出同样的值，然后回 Success 或 Failure。注意：抓到的挑战/应答对可以离线破解（MS-CHAPv2 等价于破解一个 56 位 DES 密钥，见 chapcrack、asleap）。", "RFC 1994 §4.1；MS-CHAPv1：RFC 2433 §4；MS-CHAPv2：RFC 2759 §4"},
		"CHAP Success":   {"应答正确，用户通过认证。MS-CHAPv2 的报文中带有 S=（认证方应答），证明服务器同样知道口令（双向认证）。", "PPP 接着进行回拨控制（Windows）、网络控制协议和 CCP 协商。", "RFC 1994 §4.2；MS-CHAPv2：RFC 2759 §5"},
		"CHAP Failure":   {"应答错误或该用户不允许连接。MS-CHAP 会给出错误码 E=（691：认证失败，649：无拨入权限，648：密码已过期，709：修改密码出错）和 R=（是否允许重试）。", "服务器通常随后终止链路。", "RFC 1994 §4.2；MS-CHAPv2：RFC 2759 §6"},

		"EAP Request":  {"服务器向客户端索取信息：身份（类型 1）、MD5 挑战（类型 4），或 EAP-MSCHAPv2（类型 26）等其他方法中的一步。", "客户端用相同标识符的 EAP Response 作答，或用 Nak（类型 3）建议改用别的方法。", "RFC 3748 §4.1、§5"},
		"EAP Response": {"客户端对 EAP Request 的应答：它的身份，或认证方法的计算结果。", "服务器发送下一个 Request，或者 Success / Failure。", "RFC 3748 §4.1"},
		"EAP Success":  {"EAP 认证方法成功，客户端通过认证。", "PPP 接着进行网络控制协议和 CCP 协商。", "RFC 3748 §4.2"},
		"EAP Failure":  {"EAP 认证方法失败，客户端未通过认证。", "服务器终止链路。", "RFC 3748 §4.2"},

		"CBCP Callback-Request":  {"认证之后，服务器提供回拨：它可以挂断后再回拨客户端。Windows 服务器会发这个报文，通常选项为 “No callback”。", "客户端用 Callback-Response 给出自己的选择。", "draft-ietf-pppext-callback-cp-02（微软 PPP 回拨控制协议）"},
		"CBCP Callback-Response": {"客户端对回拨的选择，VPN 中几乎总是 “No callback”。", "服务器用 Callback-Ack 确认。", "draft-ietf-pppext-callback-cp-02"},
		"CBCP Callback-Ack":      {"服务器确认回拨选择。", "不回拨时，PPP 接着进入网络控制协议协商。", "draft-ietf-pppext-callback-cp-02"},
	},
}
