package render

// Texts of the command line: every command's short and long description
// and examples, every flag's usage, the exit-status table, the words of
// cobra's help and usage templates, and the generic command-line errors.
// cmd/pptpscope sets them on its command tree (Short, Long, Example, flag
// usages) in the language of the run.
//
// Kept unchanged in both languages: command and flag names, metavariables
// (FILE, `N`, NAME, MASK ...), exit-status numbers, RFC message and protocol
// names, and the literal words of the usage lines ([flags], [command]).
// Long texts take their shared paragraphs (selection, redaction,
// credentials, candidates) as arguments, so that each is written once.
func init() {
	addCatalog(map[string]Text{
		// The root command and the exit-status table.
		"cli.root.short": {"Explain the PPTP VPN sessions in a packet capture", "解释抓包文件中的 PPTP VPN 会话"},
		"cli.root.long": {`pptpscope reads packet captures and explains PPTP VPN sessions: the PPTP
control connection (TCP 1723, RFC 2637), enhanced GRE, and the PPP negotiation
inside it (LCP, PAP, CHAP, MS-CHAP, EAP, IPCP, IPV6CP, CCP, MPPE).

%s`, `pptpscope 读取抓包文件，解释其中的 PPTP VPN 会话：PPTP 控制连接
（TCP 1723，RFC 2637）、增强型 GRE，以及隧道内的 PPP 协商
（LCP、PAP、CHAP、MS-CHAP、EAP、IPCP、IPV6CP、CCP、MPPE）。

%s`},
		"cli.exit-status": {`Exit status:
  0  success
  1  other error (e.g. the live interface went down)
  2  bad command line
  3  the input is not a pcap or pcapng capture, or is empty
  4  the capture is cut short or corrupt: the output covers the frames read before
  5  the input cannot be opened or read
  6  the capture's link type is not supported
  7  the password does not match the captured MS-CHAP authentication
  8  live: no such interface (the message lists the available ones)
  9  live: no permission to capture (needs root or CAP_NET_RAW and CAP_NET_ADMIN)
 10  the output (-o FILE, -w FILE, standard output) cannot be written
 11  keys, decrypt, crack: nothing to work on: no PPTP session in the capture, no session authenticated as --user,
     or (crack) no complete authentication to crack
 12  analyze --fail-on-failure: a session failed
 13  crack: a password was not found among the candidates
 14  crack: the word list, a rule file or the mask is unusable
130  live: interrupted before any packet was captured`, `退出状态：
  0  成功
  1  其他错误（例如 live 抓包的网络接口已关闭）
  2  命令行有误
  3  输入不是 pcap 或 pcapng 抓包文件，或为空
  4  抓包文件被截断或已损坏：输出涵盖此前读到的帧
  5  无法打开或读取输入
  6  不支持该抓包文件的链路类型
  7  密码与抓到的 MS-CHAP 身份验证不符
  8  live：没有该网络接口（错误信息列出可用的接口）
  9  live：没有抓包权限（需要 root，或 CAP_NET_RAW 与 CAP_NET_ADMIN 能力）
 10  无法写入输出（-o FILE、-w FILE、标准输出）
 11  keys、decrypt、crack：没有可处理的内容：抓包中没有 PPTP 会话，没有以 --user 身份验证的会话，
     或者（crack）没有完整的身份验证可供破解
 12  analyze --fail-on-failure：有会话失败
 13  crack：候选口令中没有找到密码
 14  crack：字典、规则文件或掩码不可用
130  live：在抓到任何包之前被中断`},

		// Paragraphs shared by several long texts.
		"cli.help.select": {`Selecting sessions: --host ADDR (client, server or tunnel address),
--auth-user NAME, --call-id N (either end's), --failed, --since/--until
TIME (RFC 3339, or +30s from the capture's first frame; a session
overlapping the window is shown). Each may be repeated or given a comma
list; a session must pass every one given. Sessions are judged when they
end; one line at the end says how many were left out and by what.
-c N stops after frame N, as tshark -c.`, `选择会话：--host ADDR（客户端、服务器或隧道地址）、--auth-user NAME、
--call-id N（任一端的呼叫 ID）、--failed、--since/--until TIME（RFC 3339
时间，或相对抓包第一帧的 +30s；与时间窗口重叠的会话都会显示）。每个选项
都可以重复或给出逗号分隔的列表；会话必须满足给出的每一个条件。会话在
结束时判定；最后一行说明有多少会话被略去及其原因。
-c N 在第 N 帧之后停止，同 tshark -c。`},
		"cli.help.redact": {`--redact replaces user names, server names, challenges, responses (an
NT-Response can be cracked), authenticator responses and passwords by
stable placeholders (user-1, <challenge-1>, ...) and leaves out frame bytes
(but MPPE ciphertext) and decrypted payloads, so that the output can be
pasted into a ticket;
--redact-addresses also replaces every IP address by a stable one of the
documentation ranges (192.0.2.0/24, ..., 2001:db8::/32).`, `--redact 把用户名、服务器名、质询（challenge）、响应（NT-Response 可被
破解）、认证方响应和密码替换为固定的占位符（user-1、<challenge-1> ……），
并略去帧的字节（MPPE 密文除外）和解密后的载荷，使输出可以直接贴进工单；
--redact-addresses 还把每个 IP 地址替换为文档专用地址段中固定的一个
（192.0.2.0/24 …… 2001:db8::/32）。`},
		"cli.help.credentials": {`Credentials (to verify the MS-CHAP password and decrypt MPPE; never
printed): --password-file FILE (first line), the PPTPSCOPE_PASSWORD
environment variable, --nt-hash-file FILE (32 hex digits) or, when
standard input is a terminal and --user is given, a prompt; --user NAME
limits that password to one user. --credentials FILE holds user:password
lines, one per user, chosen by the name each session authenticated with.
A password that does not match the captured MS-CHAP response ends the
command with exit status 7.`, `凭据（用于校验 MS-CHAP 密码并解密 MPPE；从不打印）：--password-file FILE
（第一行）、环境变量 PPTPSCOPE_PASSWORD、--nt-hash-file FILE（32 位十六进制
数字），或者在标准输入是终端且给出 --user 时提示输入；--user NAME 把该密码
限定给一个用户。--credentials FILE 每行一个 user:password，每个用户一行，
按各会话身份验证时使用的用户名选用。密码与抓到的 MS-CHAP 响应不符时，
命令以退出状态 7 结束。`},
		"cli.help.wordlist": {`Without the password: --wordlist FILE (with --rules FILE..., as crack) or
--mask MASK cracks each MS-CHAP authentication as soon as it is in the
capture (see pptpscope crack) and decrypts the session's traffic with the
password found; the password is never printed (crack -o writes it to a file).`, `没有密码时：--wordlist FILE（可加 --rules FILE...，同 crack）或 --mask MASK
会在抓包中出现每个 MS-CHAP 身份验证时立即破解它（见 pptpscope crack），
并用找到的密码解密该会话的流量；密码从不打印（crack -o 把它写入文件）。`},

		// Flags shared by several commands.
		"cli.flag.read":             {"read packets from `FILE` (pcap or pcapng, optionally gzip-compressed; - for standard input); several captures or a directory are given as arguments", "从 `FILE` 读取数据包（pcap 或 pcapng，可用 gzip 压缩；- 表示标准输入）；多个抓包文件或一个目录作为参数给出"},
		"cli.flag.color":            {"colour output: auto (when stdout is a terminal and NO_COLOR is unset), always or never", "彩色输出：auto（标准输出是终端且未设置 NO_COLOR 时）、always 或 never"},
		"cli.flag.lang":             {"language of the output: %s (default for text: from LC_ALL/LC_MESSAGES/LANG; JSON messages: English)", "输出语言：%s（文本默认取自 LC_ALL/LC_MESSAGES/LANG；JSON 消息默认英文）"},
		"cli.flag.lang.or":          {" or ", " 或 "},
		"cli.flag.redact":           {"replace user names, challenges, responses and passwords by placeholders, leave out bytes and payloads", "把用户名、质询、响应和密码替换为占位符，略去字节和载荷"},
		"cli.flag.redact-addresses": {"--redact, and replace IP addresses too", "同 --redact，并替换 IP 地址"},
		"cli.flag.host":             {"only sessions with address `ADDR` at either end (outer or tunnel address)", "只显示任一端地址为 `ADDR` 的会话（外层地址或隧道地址）"},
		"cli.flag.auth-user":        {"only sessions that authenticated as user `NAME`", "只显示以用户 `NAME` 身份验证的会话"},
		"cli.flag.call-id":          {"only sessions with PPTP call ID `N` (either end's)", "只显示 PPTP 呼叫 ID 为 `N` 的会话（任一端的）"},
		"cli.flag.failed":           {"only sessions whose verdict is failed", "只显示结论为失败的会话"},
		"cli.flag.since":            {"only sessions still going at `TIME` (RFC 3339, or +DURATION from the capture's start)", "只显示在 `TIME` 时仍在进行的会话（RFC 3339 时间，或相对抓包开始的 +DURATION）"},
		"cli.flag.until":            {"only sessions started by `TIME` (RFC 3339, or +DURATION from the capture's start)", "只显示在 `TIME` 之前开始的会话（RFC 3339 时间，或相对抓包开始的 +DURATION）"},
		"cli.flag.count":            {"stop after frame `N` (as tshark -c)", "在第 `N` 帧之后停止（同 tshark -c）"},
		"cli.flag.user":             {"the user `NAME` the password is for (default: any user)", "密码所属的用户 `NAME`（默认：任意用户）"},
		"cli.flag.password-file":    {"read the password from the first line of `FILE`", "从 `FILE` 的第一行读取密码"},
		"cli.flag.nt-hash-file":     {"read the NT password hash (32 hex digits) from `FILE`", "从 `FILE` 读取 NT 密码哈希（32 位十六进制数字）"},
		"cli.flag.credentials":      {"read user:password lines from `FILE` (one per user)", "从 `FILE` 读取 user:password 行（每个用户一行）"},
		"cli.flag.max-sessions":     {"track at most `N` sessions open at once; beyond, the least recently seen are finished early, with a warning (negative: no limit)", "同时最多跟踪 `N` 个未结束的会话；超出时最久未见的会话提前结束，并给出警告（负数：不限）"},
		"cli.flag.wordlist":         {"read candidates from `FILE` (plain or gzip; - for standard input)", "从 `FILE` 读取候选口令（纯文本或 gzip；- 表示标准输入）"},
		"cli.flag.rules":            {"apply the hashcat rules of `FILE` to each word (repeatable: combined as hashcat does)", "对每个单词应用 `FILE` 中的 hashcat 规则（可重复：按 hashcat 的方式组合）"},
		"cli.flag.mask":             {"generate candidates from a hashcat `MASK` (?l ?u ?d ?h ?H ?s ?a ?b ?1-?4, ?? for ?)", "按 hashcat 掩码 `MASK` 生成候选口令（?l ?u ?d ?h ?H ?s ?a ?b ?1-?4，?? 表示 ?）"},
		"cli.flag.custom-charset":   {"custom charset ?%d for --mask", "--mask 的自定义字符集 ?%d"},
		"cli.flag.increment":        {"--mask: also every shorter prefix of the mask, shortest first", "--mask：也尝试掩码的每个更短前缀，从最短的开始"},
		"cli.flag.increment-min":    {"--increment: start at this length", "--increment：从这个长度开始"},
		"cli.flag.width":            {"wrap width (default: the terminal's, else 80)", "换行宽度（默认：终端宽度，否则 80）"},

		// analyze
		"cli.analyze.short": {"Explain every PPTP session: handshake phases, negotiated values, diagnosis, statistics", "解释每个 PPTP 会话：握手阶段、协商结果、诊断、统计"},
		"cli.analyze.long": {`Explain every PPTP session of a capture: who talked to whom, how the handshake
went phase by phase (TCP connect, control connection, call setup, LCP,
authentication, NCP, CCP, data, teardown), what was negotiated, how the data
flowed, and, when the session failed, why.

The report ends with one line over all sessions shown: how many are OK,
failed and incomplete, and the most frequent finding codes; -q prints only
that line (and warnings). --fail-on-failure makes the exit status 12 when
a session shown failed (for scripts and monitoring).

--format json prints one document {"sessions": [...], "summary": {...}}.
--format csv prints one row per session under a header row with the
columns
%[1]s
(the summary line goes to standard error).

%[2]s

%[3]s

%[4]s

%[5]s`, `解释抓包中的每个 PPTP 会话：谁与谁通信，握手如何逐个阶段进行（建立 TCP
连接、控制连接、呼叫建立、LCP 协商、身份验证、NCP 协商、CCP 协商、数据传输、
连接拆除），协商了什么，数据如何传输，以及会话失败时的原因。

报告最后用一行汇总所显示的全部会话：正常、失败和不完整的各有多少，以及
最常见的诊断代码；-q 只打印这一行（和警告）。--fail-on-failure 在所显示的
会话中有失败时使退出状态为 12（供脚本和监控使用）。

--format json 打印一个文档 {"sessions": [...], "summary": {...}}。
--format csv 每个会话打印一行，首行为表头，各列为
%[1]s
（汇总行写到标准错误）。

%[2]s

%[3]s

%[4]s

%[5]s`},
		"cli.analyze.example": {`  pptpscope analyze capture.pcap
  pptpscope analyze -v capture.pcap          # every handshake message under its phase
  pptpscope analyze --format json capture.pcap | jq '.sessions[].findings'
  pptpscope analyze --user alice --password-file pw.txt capture.pcap   # decrypt: traffic inside the tunnel`, `  pptpscope analyze capture.pcap
  pptpscope analyze -v capture.pcap          # 在各阶段下列出每条握手报文
  pptpscope analyze --format json capture.pcap | jq '.sessions[].findings'
  pptpscope analyze --user alice --password-file pw.txt capture.pcap   # 解密：隧道内的流量`},
		"cli.analyze.flag.format":          {"output format: table, json or csv (one row per session)", "输出格式：table、json 或 csv（每个会话一行）"},
		"cli.analyze.flag.quiet":           {"print only the summary line over all sessions (and warnings)", "只打印所有会话的汇总行（和警告）"},
		"cli.analyze.flag.fail-on-failure": {"exit with status 12 when a session shown failed", "所显示的会话中有失败时以状态 12 退出"},
		"cli.analyze.flag.verbose":         {"list every handshake message under its phase", "在各阶段下列出每条握手报文"},

		// packets
		"cli.packets.short": {"List every PPTP control message and PPP control packet, decoded", "列出并解码每条 PPTP 控制报文和 PPP 控制包"},
		"cli.packets.long": {`List every PPTP control message and PPP control packet of a capture, in
capture order: frame number, time since the first frame, source and
destination, protocol, message name and key fields.

--format json prints one JSON object per line with the keys frame, time, src,
dst, proto, msg, id, call_id and fields (every decoded field).

--phase NAME lists the messages the session tracker put in one phase:
  control-connection  Start-Control-Connection-Request/Reply (2.2)
  call-setup          Outgoing/Incoming-Call messages, Set-Link-Info (2.2)
  lcp                 LCP Configure-Request/Ack/Nak/Reject (2.3)
  authentication      PAP, CHAP, MS-CHAP, EAP (2.4)
  ncp                 IPCP and IPV6CP (2.5)
  ccp                 CCP, the MPPE options (2.6)
  data                PPTP and LCP echoes, WAN-Error-Notify; with --all MPPE
                      frames, ack-only GRE and other PPP frames
  teardown            Call-Clear-Request, Call-Disconnect-Notify,
                      Stop-Control-Connection, LCP Terminate
tcp-connect (2.1) is refused: packets lists no TCP segments (diagram draws
that phase).

With credentials, --all shows what each decrypted MPPE frame carries (table:
"inner: ..."; JSON: an "inner" object with network, proto, src, dst, ports,
length).

--format csv prints one row per record under a header row, with the
columns
%[1]s
(fields: the JSON object of the decoded fields).

-x follows each record with the hex dump of its frame as tshark -x prints
it and, for a decrypted MPPE frame, of the decrypted PPP frame (protocol
field included); in JSON and CSV "raw" and "inner_raw" (hex). A PPTP
message completed in a later frame than the one it starts in has no dump.
-q prints only the session summary lines.

%[2]s
With a selection, each session's records are held until the session ends
and then listed if it is selected: the list goes session by session (each
in capture order), records in no session are left out, and at most %[3]d
records are held at once (beyond, they are counted in the last line).

%[4]s
With them, records are listed session by session as with a selection, so
that a name a session's authentication reveals is also replaced in its
earlier messages; -x cannot be combined with them.

%[5]s`, `按抓包顺序列出抓包中的每条 PPTP 控制报文和 PPP 控制包：帧号、距第一帧的
时间、源和目的地址、协议、报文名称和关键字段。

--format json 每行打印一个 JSON 对象，键为 frame、time、src、dst、proto、
msg、id、call_id 和 fields（每个解码出的字段）。

--phase NAME 列出会话跟踪器归入某一阶段的报文：
  control-connection  Start-Control-Connection-Request/Reply（2.2）
  call-setup          Outgoing/Incoming-Call 报文、Set-Link-Info（2.2）
  lcp                 LCP Configure-Request/Ack/Nak/Reject（2.3）
  authentication      PAP、CHAP、MS-CHAP、EAP（2.4）
  ncp                 IPCP 和 IPV6CP（2.5）
  ccp                 CCP，即 MPPE 选项（2.6）
  data                PPTP 和 LCP 回显、WAN-Error-Notify；加 --all 时还有
                      MPPE 帧、仅含确认号的 GRE 和其他 PPP 帧
  teardown            Call-Clear-Request、Call-Disconnect-Notify、
                      Stop-Control-Connection、LCP Terminate
tcp-connect（2.1）会被拒绝：packets 不列出 TCP 报文段（diagram 会画出
该阶段）。

有凭据时，--all 显示每个解密后的 MPPE 帧承载的内容（表格：“inner: ...”；
JSON：一个 "inner" 对象，含 network、proto、src、dst、ports、length）。

--format csv 每条记录打印一行，首行为表头，各列为
%[1]s
（fields：解码字段组成的 JSON 对象）。

-x 在每条记录后按 tshark -x 的格式打印其帧的十六进制转储，对解密后的 MPPE
帧还打印解密出的 PPP 帧（含协议字段）；JSON 和 CSV 中为 "raw" 和
"inner_raw"（十六进制）。在后续帧中才完整的 PPTP 报文没有转储。
-q 只打印会话汇总行。

%[2]s
有选择条件时，每个会话的记录会保留到会话结束，被选中才列出：列表逐个会话
给出（各自按抓包顺序），不属于任何会话的记录被略去，同时最多保留 %[3]d
条记录（超出的在最后一行计数）。

%[4]s
使用这些选项时，记录像有选择条件时一样逐个会话列出，这样会话身份验证中
暴露的名字在其之前的报文中也会被替换；-x 不能与它们同时使用。

%[5]s`},
		"cli.packets.example": {`  pptpscope packets capture.pcap
  pptpscope packets --all --format json capture.pcapng | jq .msg
  tcpdump -w - -i eth0 'tcp port 1723 or proto 47' | pptpscope packets -`, `  pptpscope packets capture.pcap
  pptpscope packets --all --format json capture.pcapng | jq .msg
  tcpdump -w - -i eth0 'tcp port 1723 or proto 47' | pptpscope packets -`},
		"cli.packets.flag.format":     {"output format: table, json (one object per line) or csv", "输出格式：table、json（每行一个对象）或 csv"},
		"cli.packets.flag.quiet":      {"print only the session summary lines, not the list", "只打印会话汇总行，不打印列表"},
		"cli.packets.flag.hex":        {"show each listed frame's bytes (and a decrypted frame's) as tshark -x", "按 tshark -x 的格式显示每个列出的帧的字节（以及解密后的帧的字节）"},
		"cli.packets.flag.all":        {"also list GRE data (MPPE), ack-only and other PPP frames", "也列出 GRE 数据（MPPE）、仅含确认号的 GRE 和其他 PPP 帧"},
		"cli.packets.flag.no-summary": {"do not print the session summary after the table", "不在表格后打印会话汇总"},
		"cli.packets.flag.phase":      {"list only the handshake phase `NAME` (see above): control-connection, call-setup, lcp, authentication, ncp, ccp, data, teardown (or 2.2 ... 2.6; tcp-connect: no TCP segments are listed)", "只列出握手阶段 `NAME`（见上文）：control-connection、call-setup、lcp、authentication、ncp、ccp、data、teardown（或 2.2 ... 2.6；tcp-connect：不列出 TCP 报文段）"},
		"cli.packets.flag.width":      {"table width in columns (default: the terminal's, else 80)", "表格宽度（列数；默认：终端宽度，否则 80）"},

		// crack
		"cli.crack.short": {"Recover passwords from the authentications of a capture", "从抓包中的身份验证恢复密码"},
		"cli.crack.long": {`crack finds the password of every authentication in the capture: MS-CHAPv2
(in CHAP and in EAP), MS-CHAPv1 (NT and LM responses), CHAP-MD5, EAP-MD5; PAP
sends it in clear. Candidates come from a word list (plain or gzip, - for
standard input) with hashcat rules (-r, repeatable, combined as hashcat does),
or from a hashcat mask (--mask '?l?l?d?d', -1..-4 custom charsets,
--increment). For MS-CHAP the last two octets of the NT hash are recovered
from the response first, so each candidate costs one MD4.

Found passwords are secrets: they are written only to -o FILE (mode 0600,
user:password lines that --credentials reads) and printed only with --show.
--export hashcat|john prints the lines those tools read instead of cracking;
--explain shows, without any password, why MS-CHAPv2 reduces to one DES key
search. Ctrl-C stops and says how to resume (--skip N).`, `crack 找出抓包中每个身份验证的密码：MS-CHAPv2（在 CHAP 和 EAP 中）、
MS-CHAPv1（NT 和 LM 响应）、CHAP-MD5、EAP-MD5；PAP 以明文发送密码。
候选口令来自字典（纯文本或 gzip，- 表示标准输入）加 hashcat 规则（-r，可
重复，按 hashcat 的方式组合），或来自 hashcat 掩码（--mask '?l?l?d?d'，
-1..-4 自定义字符集，--increment）。对 MS-CHAP，先从响应中恢复 NT 哈希的
最后两个字节，因此每个候选口令只需一次 MD4。

找到的密码是机密：只写入 -o FILE（权限 0600，--credentials 可读取的
user:password 行），只有加 --show 才打印。--export hashcat|john 打印这两个
工具读取的行，而不进行破解；--explain 在不涉及任何密码的情况下说明为什么
MS-CHAPv2 归结为一次 DES 密钥搜索。Ctrl-C 会停止并说明如何继续（--skip N）。`},
		"cli.crack.example": {`  pptpscope crack capture.pcap --wordlist words.txt -o found.txt
  pptpscope crack capture.pcap --wordlist words.txt.gz -r best64.rule --show
  pptpscope crack capture.pcap --mask '?l?l?l?l?d?d' --increment
  pptpscope crack capture.pcap --export hashcat > hashes.txt
  pptpscope analyze capture.pcap --credentials found.txt`, `  pptpscope crack capture.pcap --wordlist words.txt -o found.txt
  pptpscope crack capture.pcap --wordlist words.txt.gz -r best64.rule --show
  pptpscope crack capture.pcap --mask '?l?l?l?l?d?d' --increment
  pptpscope crack capture.pcap --export hashcat > hashes.txt
  pptpscope analyze capture.pcap --credentials found.txt`},
		"cli.crack.flag.output":  {"write found passwords to `FILE` (mode 0600, user:password lines)", "把找到的密码写入 `FILE`（权限 0600，user:password 行）"},
		"cli.crack.flag.show":    {"print the passwords found (they are secrets)", "打印找到的密码（它们是机密）"},
		"cli.crack.flag.quiet":   {"summary only: no progress line", "只打印汇总：不显示进度行"},
		"cli.crack.flag.lang":    {"language: en or zh (default: from the locale)", "语言：en 或 zh（默认：取自区域设置）"},
		"cli.crack.flag.export":  {"print hashcat or john lines for each authentication instead of cracking (`FORMAT`: hashcat or john)", "为每个身份验证打印 hashcat 或 john 的输入行，而不进行破解（`FORMAT`：hashcat 或 john）"},
		"cli.crack.flag.explain": {"show why MS-CHAPv2 reduces to one DES key search (shows key material)", "说明为什么 MS-CHAPv2 归结为一次 DES 密钥搜索（会显示密钥材料）"},
		"cli.crack.flag.skip":    {"skip the first `N` candidates (to resume an interrupted run)", "跳过前 `N` 个候选口令（用于继续被中断的运行）"},
		"cli.crack.flag.workers": {"hash on `N` goroutines (default: every core)", "用 `N` 个 goroutine 计算哈希（默认：每个 CPU 核一个）"},

		// decrypt
		"cli.decrypt.short": {"Write the decrypted traffic inside PPTP tunnels to a capture file", "把 PPTP 隧道内解密后的流量写入抓包文件"},
		"cli.decrypt.long": {`Decrypt the MPPE traffic of every PPTP session whose password is given, and
write the inner IPv4 and IPv6 packets, with their original timestamps, to a
capture file that Wireshark and tcpdump open: a pcap with the raw IP link type
(101), or, when FILE ends in .pcapng, a pcapng file in which each packet's
comment gives its frame number in the original capture. -w - writes the pcap
to standard output (the summary then goes to standard error).

The password is checked against each session's MS-CHAP authentication first
(NT-Response and the server's S=); the key length and mode come from the
acknowledged CCP options. Frames that cannot be decrypted (no password for
the user, authentication not captured, MPPC compression, duplicates) are
left out and counted in the summary; -q prints only the line saying what
was written.

%[1]s
With a selection, each session's decrypted packets are held until the
session ends and written if it is selected (session by session), at most
%[2]d at once.

%[3]s

%[4]s`, `解密每个给出了密码的 PPTP 会话的 MPPE 流量，把内层 IPv4 和 IPv6 包连同原始
时间戳写入 Wireshark 和 tcpdump 能打开的抓包文件：链路类型为原始 IP（101）
的 pcap，或者在 FILE 以 .pcapng 结尾时写 pcapng 文件，其中每个包的注释给出
它在原抓包中的帧号。-w - 把 pcap 写到标准输出（此时汇总写到标准错误）。

先用每个会话的 MS-CHAP 身份验证（NT-Response 和服务器的 S=）校验密码；
密钥长度和模式取自已确认的 CCP 选项。无法解密的帧（没有该用户的密码、
没有抓到身份验证、MPPC 压缩、重复帧）被略去并在汇总中计数；-q 只打印
说明写了什么的那一行。

%[1]s
有选择条件时，每个会话解密后的包会保留到会话结束，被选中才写出（逐个
会话），同时最多保留 %[2]d 个。

%[3]s

%[4]s`},
		"cli.decrypt.example": {`  pptpscope decrypt --user alice --password-file pw.txt capture.pcap -w inner.pcap
  pptpscope decrypt --credentials users.txt capture.pcapng -w inner.pcapng
  pptpscope decrypt --password-file pw.txt capture.pcap -w - | tshark -r -`, `  pptpscope decrypt --user alice --password-file pw.txt capture.pcap -w inner.pcap
  pptpscope decrypt --credentials users.txt capture.pcapng -w inner.pcapng
  pptpscope decrypt --password-file pw.txt capture.pcap -w - | tshark -r -`},
		"cli.decrypt.flag.write": {"write the decrypted packets to `FILE` (.pcapng: pcapng; else pcap; - for standard output)", "把解密后的包写入 `FILE`（.pcapng：pcapng；否则 pcap；- 表示标准输出）"},
		"cli.decrypt.flag.force": {"write the pcap to standard output even when it is a terminal", "即使标准输出是终端也把 pcap 写到标准输出"},
		"cli.decrypt.flag.quiet": {"print only the line saying what was written, not a line per session", "只打印说明写了什么的那一行，不为每个会话打印一行"},

		// diagram
		"cli.diagram.short": {"Draw the sequence diagram of each PPTP session, phase by phase", "逐个阶段画出每个 PPTP 会话的时序图"},
		"cli.diagram.long": {`Draw the handshake of each PPTP session as a sequence diagram: the client and
the server as two lifelines, one arrow per message with its key content, the
time (seconds since the first session started) in the margin and a header per
phase in the order of the classic teaching article (2.1 TCP connect, 2.2
control connection and call setup, 2.3 LCP, 2.4 authentication, 2.5 NCP, 2.6
CCP), then data and teardown. Retransmitted requests are drawn dashed and
marked, unanswered ones end in a cross. Data packets are summarized per
direction and repeated keepalives collapsed ("LCP Echo-Request/Reply ×120")
unless --data is given; with --data the svg format also draws, below each
session, its GRE packets and bytes per second each way over time, with
lost and reordered packets, unanswered echoes and GRE round-trip times
marked (as the report does).

Formats: text (Unicode box drawing, colour per phase on a terminal; --ascii
for plain ASCII), mermaid and plantuml (to paste into those tools), svg (a
standalone figure) and html (the figure and the packet table of each phase).

%[1]s
The line saying what was left out goes to standard error.

%[2]s`, `把每个 PPTP 会话的握手画成时序图：客户端和服务器是两条生命线，每条报文一个
箭头并标出关键内容，页边是时间（距第一个会话开始的秒数），各阶段按经典
教学文章的顺序加标题（2.1 建立 TCP 连接、2.2 PPTP 控制连接与呼叫建立、
2.3 LCP 协商、2.4 身份验证、2.5 NCP 协商、2.6 CCP 协商），然后是数据传输和
连接拆除。重传的请求画成虚线并加标记，没有应答的请求以叉号结束。除非给出
--data，数据包按方向汇总，重复的保活报文合并（“LCP Echo-Request/Reply ×120”）；
加 --data 时 svg 格式还会在每个会话下方画出其 GRE 包数和每秒字节数随时间的
变化（两个方向），并标出丢失和乱序的包、没有应答的回显和 GRE 往返时间
（与报告相同）。

格式：text（Unicode 制表符，在终端上按阶段着色；--ascii 改用纯 ASCII）、
mermaid 和 plantuml（可粘贴到这两个工具中）、svg（独立的图）和 html
（图以及每个阶段的报文表）。

%[1]s
说明略去了什么的那一行写到标准错误。

%[2]s`},
		"cli.diagram.example": {`  pptpscope diagram capture.pcap
  pptpscope diagram --phase lcp --session 2 capture.pcap
  pptpscope diagram --format svg -o handshake.svg capture.pcap
  pptpscope diagram --format mermaid capture.pcap > handshake.mmd`, `  pptpscope diagram capture.pcap
  pptpscope diagram --phase lcp --session 2 capture.pcap
  pptpscope diagram --format svg -o handshake.svg capture.pcap
  pptpscope diagram --format mermaid capture.pcap > handshake.mmd`},
		"cli.diagram.flag.format":  {"output format: text, mermaid, plantuml, svg or html", "输出格式：text、mermaid、plantuml、svg 或 html"},
		"cli.diagram.flag.session": {"draw only session `N` (as numbered by analyze)", "只画会话 `N`（按 analyze 的编号）"},
		"cli.diagram.flag.phase":   {"draw only phase `NAME`: tcp-connect, control-connection, call-setup, lcp, authentication, ncp, ccp, data, teardown (or 2.1 ... 2.6)", "只画阶段 `NAME`：tcp-connect、control-connection、call-setup、lcp、authentication、ncp、ccp、data、teardown（或 2.1 ... 2.6）"},
		"cli.diagram.flag.data":    {"draw every data packet and keepalive instead of summaries", "画出每个数据包和保活报文，而不是汇总"},
		"cli.diagram.flag.ascii":   {"text format: plain ASCII instead of Unicode box drawing", "text 格式：用纯 ASCII 代替 Unicode 制表符"},
		"cli.diagram.flag.width":   {"text format: width in columns (default: the terminal's, else 80)", "text 格式：宽度（列数；默认：终端宽度，否则 80）"},
		"cli.diagram.flag.output":  {"write to `FILE` instead of standard output", "写入 `FILE` 而不是标准输出"},

		// keys
		"cli.keys.short": {"Show, step by step, how the MPPE keys of a session follow from the password", "逐步展示会话的 MPPE 密钥如何由密码推导出来"},
		"cli.keys.long": {`Show, for each MS-CHAP session of a capture, how the MPPE keys are derived from
the user's password, step by step: the values captured on the wire, then the
password hash, password hash hash, challenge hash, NT-Response (checked
against the capture), authenticator response, master key, the start key of
each direction and the first session keys, each with its RFC formula and
its value in fixed-width hex. It is meant for teaching.

It needs the password (or NT hash) and displays key material: the output
says so at the top. It never guesses or cracks a password.

%s`, `对抓包中的每个 MS-CHAP 会话，逐步展示 MPPE 密钥如何由用户的密码推导出来：
先是线路上抓到的数值，然后是密码哈希、密码哈希的哈希、质询哈希、NT-Response
（与抓包核对）、认证方响应、主密钥、每个方向的起始密钥和最初的会话密钥，
每一步都给出 RFC 公式和定宽十六进制的值。用于教学。

它需要密码（或 NT 哈希），并会显示密钥材料：输出开头会说明这一点。它从不
猜测或破解密码。

%s`},
		"cli.keys.example": {`  pptpscope keys --password-file pw.txt capture.pcap
  pptpscope keys --user alice capture.pcap      # asks for the password`, `  pptpscope keys --password-file pw.txt capture.pcap
  pptpscope keys --user alice capture.pcap      # 提示输入密码`},
		"cli.keys.flag.session": {"only session `N` (as numbered by analyze)", "只显示会话 `N`（按 analyze 的编号）"},

		// live
		"cli.live.short": {"Capture on a network interface and show PPTP handshakes as they happen", "在网络接口上抓包，实时显示 PPTP 握手"},
		"cli.live.long": {`Capture on a network interface and print each PPTP handshake message as it
arrives, under a header whenever a session enters a new phase. On Ctrl-C,
SIGTERM, after -c packets or --duration, print the summary of every session
seen (as analyze does) and the capture statistics.

The default filter is "%[1]s". Capturing needs root or
the CAP_NET_RAW and CAP_NET_ADMIN capabilities. Started as root, pptpscope
stays root (and -w files are root's) unless -Z USER is given: then, once the
interface is open and before any file is created, it gives up root for USER
(supplementary groups, group and user), or stops with an error if it cannot. Built without cgo, pptpscope
captures with AF_PACKET (Linux) and cannot take -f.

--format json prints one JSON object per line with a "type": "message" (the
keys of packets --format json, plus "phase"), "phase", "finding" (a finding
certain before the session ends: gre-missing, auth-failed), "session-end"
(the session as analyze --format json gives it) and "stats".

A session is summarized when it ends: idle for --idle-timeout, or torn down
(TCP FIN/RST, Call-Disconnect-Notify, LCP Terminate) and quiet for 10s;
it is then forgotten, so memory stays bounded on long runs. At most
--max-sessions are tracked at once.

%[2]s`, `在网络接口上抓包，每条 PPTP 握手报文一到达就打印出来，会话每进入一个新阶段
就打印一个标题。收到 Ctrl-C、SIGTERM，抓满 -c 个包或到达 --duration 时，
打印所见每个会话的汇总（与 analyze 相同）和抓包统计。

默认过滤器是 "%[1]s"。抓包需要 root，或 CAP_NET_RAW
与 CAP_NET_ADMIN 能力。以 root 启动时 pptpscope 一直保持 root（-w 写的文件
属于 root），除非给出 -Z USER：这时在打开接口之后、创建任何文件之前，它放弃
root 改为 USER（附加组、组和用户），做不到就报错停止。不用 cgo 构建时，
pptpscope 用 AF_PACKET（Linux）抓包，不能使用 -f。

--format json 每行打印一个 JSON 对象，其 "type" 为 "message"（packets
--format json 的各键，外加 "phase"）、"phase"、"finding"（会话结束前即可
确定的诊断结果：gre-missing、auth-failed）、"session-end"（即 analyze
--format json 给出的会话）或 "stats"。

会话结束时打印其汇总：空闲达到 --idle-timeout，或已拆除（TCP FIN/RST、
Call-Disconnect-Notify、LCP Terminate）且静默 10 秒；之后即被遗忘，因此长时间
运行时内存有界。同时最多跟踪 --max-sessions 个会话。

%[2]s`},
		"cli.live.example": {`  pptpscope live -i eth0
  pptpscope live -i eth0 --format json | jq 'select(.type=="session-end")'
  pptpscope live -i eth0 -c 100 -w pptp.pcap`, `  pptpscope live -i eth0
  pptpscope live -i eth0 --format json | jq 'select(.type=="session-end")'
  pptpscope live -i eth0 -c 100 -w pptp.pcap`},
		"cli.live.flag.interface":             {"capture on `IFACE`", "在 `IFACE` 上抓包"},
		"cli.live.flag.filter":                {"BPF capture filter `EXPR` (default \"%s\"; needs libpcap)", "BPF 抓包过滤器 `EXPR`（默认 \"%s\"；需要 libpcap）"},
		"cli.live.flag.list-interfaces":       {"list the interfaces and exit", "列出网络接口后退出"},
		"cli.live.flag.snaplen":               {"keep at most `N` bytes of each packet (default 262144)", "每个包最多保留 `N` 字节（默认 262144）"},
		"cli.live.flag.promisc":               {"put the interface in promiscuous mode", "把接口置于混杂模式"},
		"cli.live.flag.realtime":              {"copy packets out of the kernel's buffer on a thread of the lowest real-time priority (SCHED_FIFO 1) while they come, when permitted (root or CAP_SYS_NICE), so that other busy programs cannot keep it from the CPU while the buffer fills", "抓包期间在最低实时优先级（SCHED_FIFO 1）的线程上把报文拷出内核缓冲区（需 root 或 CAP_SYS_NICE，否则不生效），使其他繁忙的程序不能在缓冲区填满时占住 CPU"},
		"cli.live.realtime-off":               {"--realtime: %v; packets are copied out of the kernel's buffer at the ordinary priority", "--realtime：%v；报文仍以普通优先级拷出内核缓冲区"},
		"cli.live.flag.buffer-size":           {"kernel capture buffer in `KiB`, as tcpdump -B (libpcap's buffer, or the AF_PACKET ring; default 2048)", "内核抓包缓冲区大小，单位 `KiB`，同 tcpdump -B（libpcap 的缓冲区或 AF_PACKET 环形缓冲区；默认 2048）"},
		"cli.live.flag.count":                 {"stop after `N` packets", "抓到 `N` 个包后停止"},
		"cli.live.flag.duration":              {"stop after `D` (e.g. 30s, 5m)", "经过 `D` 后停止（例如 30s、5m）"},
		"cli.live.flag.write":                 {"also write the captured packets to the pcap `FILE` (pcapng when it ends in .pcapng)", "同时把抓到的包写入 pcap 文件 `FILE`（以 .pcapng 结尾时写 pcapng）"},
		"cli.live.flag.rotate-size":           {"with -w, start FILE.1, FILE.2 ... when a file would exceed `SIZE` (e.g. 10M; K, M, G are 10^3, 10^6, 10^9 bytes)", "与 -w 一起使用：文件将超过 `SIZE` 时改写 FILE.1、FILE.2 ……（例如 10M；K、M、G 分别为 10^3、10^6、10^9 字节）"},
		"cli.live.flag.relinquish-privileges": {"after opening the interface, give up root and run as `USER` (as tcpdump -Z): -w files are then USER's", "打开接口后放弃 root，以 `USER` 身份运行（同 tcpdump -Z）：-w 写的文件属于 USER"},
		"cli.live.flag.format":                {"output format: text or json (one event per line)", "输出格式：text 或 json（每行一个事件）"},
		"cli.live.flag.width":                 {"wrap width of the summaries (default: the terminal's, else 80)", "汇总的换行宽度（默认：终端宽度，否则 80）"},
		"cli.live.flag.idle-timeout":          {"finish and forget a session not seen for `D`", "会话 `D` 时间内未出现就结束并遗忘它"},
		"cli.live.flag.max-sessions":          {"track at most `N` sessions at once (the least recently seen are finished beyond it; negative: no limit)", "同时最多跟踪 `N` 个会话（超出时结束最久未见的会话；负数：不限）"},
		"cli.live.flag.cpuprofile":            {"write a CPU profile of the capture to `FILE` (go tool pprof)", "把抓包过程的 CPU 剖析写入 `FILE`（供 go tool pprof 使用）"},
		"cli.live.flag.trace":                 {"write an execution trace of the capture to `FILE` (go tool trace)", "把抓包过程的执行跟踪写入 `FILE`（供 go tool trace 使用）"},

		// report
		"cli.report.short": {"Write a self-contained HTML teaching report of the PPTP sessions", "生成 PPTP 会话的独立 HTML 教学报告"},
		"cli.report.long": {`Write one HTML file that explains the capture's PPTP sessions to students: per
session the summary and diagnosis, a timeline of the phases, the
encapsulation of one data packet (Ethernet | IP | GRE | PPP | MPPE | ...), and
for each phase an explanation, the packet table and the sequence diagram.
Clicking a message shows what it does, its decoded fields and its bytes in
hex, with the bytes of the selected field highlighted; ↓/↑ (or j/k) step
through the handshake.

The file has no external resources (inline CSS, script and SVG): it opens
offline, e.g. from a USB stick on a classroom PC. --lang chooses English or
Chinese (default: from LC_ALL, LC_MESSAGES or LANG). With credentials the
encapsulation view shows the decrypted inner packet.

%[1]s
The report then covers the selected sessions; the line saying what was
left out goes to standard error.

%[2]s

%[3]s

%[4]s`, `生成一个 HTML 文件，向学生讲解抓包中的 PPTP 会话：每个会话的汇总和诊断、
各阶段的时间线、一个数据包的封装（Ethernet | IP | GRE | PPP | MPPE | ...），
以及每个阶段的讲解、报文表和时序图。点击一条报文可查看它的作用、解码出的
字段和十六进制字节，所选字段的字节会高亮；↓/↑（或 j/k）逐条浏览握手过程。

文件不依赖任何外部资源（CSS、脚本和 SVG 都内嵌）：可离线打开，例如在教室
电脑上从 U 盘打开。--lang 选择英文或中文（默认：取自 LC_ALL、LC_MESSAGES 或
LANG）。有凭据时，封装视图显示解密后的内层包。

%[1]s
此时报告只涵盖选中的会话；说明略去了什么的那一行写到标准错误。

%[2]s

%[3]s

%[4]s`},
		"cli.report.example": {`  pptpscope report capture.pcap -o report.html
  pptpscope report --lang zh capture.pcap -o 报告.html`, `  pptpscope report capture.pcap -o report.html
  pptpscope report --lang zh capture.pcap -o 报告.html`},
		"cli.report.flag.output": {"write the report to `FILE` (default: standard output)", "把报告写入 `FILE`（默认：标准输出）"},
		"cli.report.flag.force":  {"write the HTML to standard output even when it is a terminal", "即使标准输出是终端也把 HTML 写到标准输出"},

		// simulate
		"cli.simulate.short": {"Write a capture of simulated PPTP sessions, with faults to diagnose", "生成模拟 PPTP 会话的抓包文件，可注入故障供诊断"},
		"cli.simulate.long": {`Write a pcap or pcapng capture of PPTP sessions as pptp/pppd peers send them:
the TCP control connection, the PPTP control messages, enhanced GRE with
sequence and acknowledgment numbers, LCP, the authentication, CCP, IPCP,
IPV6CP, MPPE-encrypted traffic (the keys come from the password), echoes and
the teardown. The same options and --seed give the same bytes.

--fault injects a fault into every session (repeat it to combine faults;
--list-faults lists them with the analyze finding each one produces).
--exercises N -o DIR writes N captures with faults drawn at random, a sheet of
questions and an answer key, in English and Chinese.

The password comes from --password-file FILE (first line) or the
PPTPSCOPE_PASSWORD environment variable, never from the command line.
Contradictory options (e.g. PAP with MPPE: no keys) end with exit status 2
before anything is written; an output that cannot be written, with 10.`, `按 pptp/pppd 两端实际发送的样子生成 PPTP 会话的 pcap 或 pcapng 抓包文件：
TCP 控制连接、PPTP 控制报文、带序号和确认号的增强型 GRE、LCP、身份验证、
CCP、IPCP、IPV6CP、MPPE 加密的流量（密钥由密码推导）、回显和连接拆除。
相同的选项和 --seed 生成相同的字节。

--fault 向每个会话注入一个故障（重复使用可组合多个故障；--list-faults
列出所有故障及各自在 analyze 中产生的诊断结果）。
--exercises N -o DIR 生成 N 个随机注入故障的抓包文件、一份问题和一份答案，
中英文各一份。

密码取自 --password-file FILE（第一行）或环境变量 PPTPSCOPE_PASSWORD，
从不取自命令行。相互矛盾的选项（例如 PAP 加 MPPE：没有密钥）在写出任何
内容之前以退出状态 2 结束；无法写入输出时以 10 结束。`},
		"cli.simulate.example": {`  PPTPSCOPE_PASSWORD=secret pptpscope simulate -w lab.pcap --fault wrong-password
  pptpscope simulate --password-file pw.txt -w lossy.pcapng --stateful --fault loss=3 --traffic bulk=2M
  pptpscope simulate --password-file pw.txt --exercises 10 -o lab --seed 7
  pptpscope simulate --list-faults --lang zh`, `  PPTPSCOPE_PASSWORD=secret pptpscope simulate -w lab.pcap --fault wrong-password
  pptpscope simulate --password-file pw.txt -w lossy.pcapng --stateful --fault loss=3 --traffic bulk=2M
  pptpscope simulate --password-file pw.txt --exercises 10 -o lab --seed 7
  pptpscope simulate --list-faults --lang zh`},
		"cli.simulate.flag.write":         {"write the capture to `FILE` (- for standard output)", "把抓包写入 `FILE`（- 表示标准输出）"},
		"cli.simulate.flag.auth":          {"authentication: pap, chap-md5, mschapv1, mschapv2, eap-md5 or eap-mschapv2", "身份验证：pap、chap-md5、mschapv1、mschapv2、eap-md5 或 eap-mschapv2"},
		"cli.simulate.flag.client":        {"the client's behaviour: pppd (pptp-linux) or windows (the Windows built-in client)", "客户端的行为：pppd（pptp-linux）或 windows（Windows 内置客户端）"},
		"cli.simulate.flag.user":          {"the user `NAME`", "用户名 `NAME`"},
		"cli.simulate.flag.password-file": {"read the password from the first line of `FILE`", "从 `FILE` 的第一行读取密码"},
		"cli.simulate.flag.mppe":          {"MPPE key length: none, 40, 56 or 128 (default: 128 with MS-CHAP, none otherwise)", "MPPE 密钥长度：none、40、56 或 128（默认：MS-CHAP 时为 128，否则 none）"},
		"cli.simulate.flag.stateful":      {"stateful MPPE (default: stateless)", "有状态 MPPE（默认：无状态）"},
		"cli.simulate.flag.mppc":          {"MPPC compression (RFC 2118) inside MPPE: compressed, then encrypted; the history is stateless with stateless MPPE", "MPPE 内的 MPPC 压缩（RFC 2118）：先压缩再加密；无状态 MPPE 时历史缓冲区也是无状态的"},
		"cli.simulate.flag.ipv6":          {"IPv6 inside the tunnel (IPV6CP and IPv6 traffic)", "隧道内使用 IPv6（IPV6CP 和 IPv6 流量）"},
		"cli.simulate.flag.outer-ipv6":    {"IPv6 between client and server", "客户端与服务器之间使用 IPv6"},
		"cli.simulate.flag.link":          {"link type: ether, sll (Linux cooked) or raw (raw IP)", "链路类型：ether、sll（Linux cooked）或 raw（原始 IP）"},
		"cli.simulate.flag.traffic":       {"inner traffic: any of ping, dns, http, bulk=N (bytes; k, M, G)", "内层流量：ping、dns、http、bulk=N（字节；k、M、G）中的任意几种"},
		"cli.simulate.flag.sessions":      {"number of sessions", "会话个数"},
		"cli.simulate.flag.overlap":       {"time between the starts of consecutive sessions (0: one after the other)", "相邻会话开始时间的间隔（0：一个接一个）"},
		"cli.simulate.flag.seed":          {"random seed: the same options and seed give the same bytes", "随机种子：相同的选项和种子生成相同的字节"},
		"cli.simulate.flag.fault":         {"inject the fault `NAME[=VALUE]` into every session (repeatable; see --list-faults)", "向每个会话注入故障 `NAME[=VALUE]`（可重复；见 --list-faults）"},
		"cli.simulate.flag.list-faults":   {"list the faults and the analyze finding each produces", "列出所有故障及各自在 analyze 中产生的诊断结果"},
		"cli.simulate.flag.format":        {"pcap or pcapng (default: from the file name, else pcap)", "pcap 或 pcapng（默认：由文件名决定，否则 pcap）"},
		"cli.simulate.flag.lang":          {"language of --list-faults and the exercises: en or zh (default: from the locale)", "--list-faults 和练习的语言：en 或 zh（默认：取自区域设置）"},
		"cli.simulate.flag.exercises":     {"write `N` exercise captures with questions and answers into -o DIR", "把 `N` 个练习抓包文件及问题和答案写入 -o DIR"},
		"cli.simulate.flag.output":        {"the exercises' `DIR`", "练习的目录 `DIR`"},

		// man (hidden)
		"cli.man.short":  {"Write a man page per command to DIR (pptpscope.1, pptpscope-analyze.1, ...)", "为每个命令生成一个 man 手册页到 DIR（pptpscope.1、pptpscope-analyze.1 ……）"},
		"cli.man.manual": {"pptpscope manual", "pptpscope 手册"},
		// Section headings of the man pages (cobra/doc writes the English
		// ones) and the month of their date.
		"cli.man.sh.NAME":        {"NAME", "名称"},
		"cli.man.sh.SYNOPSIS":    {"SYNOPSIS", "概要"},
		"cli.man.sh.DESCRIPTION": {"DESCRIPTION", "描述"},
		"cli.man.sh.OPTIONS":     {"OPTIONS", "选项"},
		"cli.man.sh.OPTIONS INHERITED FROM PARENT COMMANDS": {"OPTIONS INHERITED FROM PARENT COMMANDS", "继承自父命令的选项"},
		"cli.man.sh.EXAMPLE":  {"EXAMPLE", "示例"},
		"cli.man.sh.SEE ALSO": {"SEE ALSO", "参见"},
		"cli.man.date":        {"Jan 2006", "2006年1月"}, // a time layout

		// The words of cobra's help and usage templates and of its help and
		// version flags. The English is the words cobra prints
		// (cmd/pptpscope leaves cobra's English in place; a test checks that
		// these entries still match it).
		"cli.cobra.usage":                      {"Usage:", "用法："},
		"cli.cobra.aliases":                    {"Aliases:", "别名："},
		"cli.cobra.examples":                   {"Examples:", "示例："},
		"cli.cobra.commands":                   {"Available Commands:", "可用命令："},
		"cli.cobra.additional-commands":        {"Additional Commands:", "其他命令："},
		"cli.cobra.flags":                      {"Flags:", "选项："},
		"cli.cobra.global-flags":               {"Global Flags:", "全局选项："},
		"cli.cobra.help-topics":                {"Additional help topics:", "其他帮助主题："},
		"cli.cobra.more":                       {`Use "%s [command] --help" for more information about a command.`, `使用 "%s [command] --help" 查看某个命令的详细信息。`},
		"cli.cobra.default":                    {" (default %s)", "（默认 %s）"},
		"cli.cobra.help-flag":                  {"help for %s", "显示 %s 的帮助"},
		"cli.cobra.version-flag":               {"version for %s", "显示 %s 的版本"},
		"cli.cobra.version":                    {"%s version %s", "%s 版本 %s"},
		"cli.cobra.help.unknown":               {"Unknown help topic %s", "没有帮助主题 %s"},
		"cli.cobra.completion.no-descriptions": {"disable completion descriptions", "补全时不显示说明"},

		// The help and completion commands cobra adds: the project's own
		// texts, in every language (cmd/pptpscope/help.go).
		"cli.help-cmd.short": {"Show the help of a command", "显示某个命令的帮助"},
		"cli.help-cmd.long": {`Shows the help of any command: %s help COMMAND is the same as %[1]s COMMAND --help.`,
			`显示任一命令的帮助：%s help COMMAND 与 %[1]s COMMAND --help 相同。`},
		"cli.completion.short": {"Print the completion script of a shell", "输出某个 shell 的补全脚本"},
		"cli.completion.long": {"Prints the script that teaches a shell to complete the commands, flags and values of %s.\n" +
			"`make install` installs the bash, zsh and fish scripts already; each shell's help says how to load one by hand.\n",
			"输出让 shell 补全 %s 的命令、选项和取值的脚本。\n" +
				"`make install` 已经安装了 bash、zsh 和 fish 的脚本；如何手动加载，见各 shell 子命令的帮助。\n"},
		"cli.completion.shell.short": {"Print the completion script of %s", "输出 %s 的补全脚本"},
		"cli.completion.bash.long": {`Prints the bash completion script of %[1]s. It needs the bash-completion package.

For this shell only:

	source <(%[1]s completion bash)

For every new shell (as root; make install puts it in the same place under /usr/local):

	%[1]s completion bash > /usr/share/bash-completion/completions/%[1]s
`, `输出 %[1]s 的 bash 补全脚本，需要 bash-completion 软件包。

只在当前 shell 中使用：

	source <(%[1]s completion bash)

在之后每个新 shell 中使用（需要 root；make install 会把它装到 /usr/local 下的同一位置）：

	%[1]s completion bash > /usr/share/bash-completion/completions/%[1]s
`},
		"cli.completion.zsh.long": {`Prints the zsh completion script of %[1]s. Completion must be on in zsh ("autoload -U compinit; compinit" in ~/.zshrc).

For this shell only:

	source <(%[1]s completion zsh)

For every new shell (make install puts it in /usr/local/share/zsh/site-functions):

	%[1]s completion zsh > "${fpath[1]}/_%[1]s"
`, `输出 %[1]s 的 zsh 补全脚本。zsh 需要已开启补全（~/.zshrc 中有 "autoload -U compinit; compinit"）。

只在当前 shell 中使用：

	source <(%[1]s completion zsh)

在之后每个新 shell 中使用（make install 会把它装到 /usr/local/share/zsh/site-functions）：

	%[1]s completion zsh > "${fpath[1]}/_%[1]s"
`},
		"cli.completion.fish.long": {`Prints the fish completion script of %[1]s.

For this shell only:

	%[1]s completion fish | source

For every new shell (make install puts it in /usr/local/share/fish/vendor_completions.d):

	%[1]s completion fish > ~/.config/fish/completions/%[1]s.fish
`, `输出 %[1]s 的 fish 补全脚本。

只在当前 shell 中使用：

	%[1]s completion fish | source

在之后每个新 shell 中使用（make install 会把它装到 /usr/local/share/fish/vendor_completions.d）：

	%[1]s completion fish > ~/.config/fish/completions/%[1]s.fish
`},
		"cli.completion.powershell.long": {`Prints the PowerShell completion script of %[1]s.

For this shell only:

	%[1]s completion powershell | Out-String | Invoke-Expression

For every new shell, add that line to your PowerShell profile ($PROFILE).
`, `输出 %[1]s 的 PowerShell 补全脚本。

只在当前 shell 中使用：

	%[1]s completion powershell | Out-String | Invoke-Expression

在之后每个新 shell 中使用：把这一行加入 PowerShell 的配置文件（$PROFILE）。
`},
	})
}

// Generic command-line errors and notes (cmd/pptpscope/errtext.go). The
// errors pptpscope makes (textErr) are these entries in every language. For
// the errors cobra, pflag and the operating system make, English keeps their
// own message; the English here only glosses what the Chinese translates.
func init() {
	addCatalog(map[string]Text{
		"cli.err.list-sep":              {", ", "、"},
		"cli.err.see-help":              {" (see '%s --help')", "（见 '%s --help'）"},
		"cli.err.unknown-flag":          {"unknown flag: %s", "未知选项：%s"},
		"cli.err.unknown-shorthand":     {"unknown shorthand flag: '%s' in -%s", "未知的短选项：'%s'（在 -%s 中）"},
		"cli.err.needs-value":           {"flag needs an argument: %s", "选项 %s 需要一个参数"},
		"cli.err.needs-value-shorthand": {"flag needs an argument: '%s' in -%s", "选项 '%s'（在 -%s 中）需要一个参数"},
		"cli.err.invalid-value":         {"invalid argument %s for %s: %s", "选项 %[2]s 的参数 %[1]s 无效：%[3]s"},
		"cli.err.want.int":              {"not an integer", "应为整数"},
		"cli.err.want.int64":            {"not an integer", "应为整数"},
		"cli.err.want.uint64":           {"not a non-negative integer", "应为非负整数"},
		"cli.err.want.intSlice":         {"not a comma-separated list of integers", "应为逗号分隔的整数列表"},
		"cli.err.want.bool":             {"not true or false", "应为 true 或 false"},
		"cli.err.want.duration":         {"not a duration (e.g. 30s, 5m)", "应为时长（例如 30s、5m）"},
		"cli.err.want.lang":             {"not a language: en or zh", "应为语言：en 或 zh"},
		"cli.err.bad-syntax":            {"bad flag syntax: %s", "选项语法错误：%s"},
		"cli.err.accepts-args":          {"accepts %s arg(s), received %s", "需要 %s 个参数，实际收到 %s 个"},
		"cli.err.unknown-command":       {"unknown command %s for %q", "%[2]q 没有命令 %[1]s"},
		"cli.err.did-you-mean":          {"; did you mean %s?", "；你是不是要用 %s？"},
		"cli.err.unknown-value":         {"unknown %s %s (%s)", "未知的 %s 值 %s（可选 %s）"},

		"cli.err.no-capture":          {"no capture given: pptpscope COMMAND CAPTURE... (or -r CAPTURE, - for standard input)", "没有给出抓包文件：pptpscope COMMAND CAPTURE...（或 -r CAPTURE，- 表示标准输入）"},
		"cli.err.read-and-args":       {"give the capture either with -r or as arguments, not both", "抓包文件要么用 -r 给出，要么作为参数给出，不能两者都用"},
		"cli.err.count":               {"-c %d: give a number of frames, 1 or more", "-c %d：请给出帧数，至少为 1"},
		"cli.err.stdin-one":           {"standard input (-) can only be the one capture", "标准输入（-）只能是唯一的抓包文件"},
		"cli.err.quiet-table":         {"-q is for the table format", "-q 只用于 table 格式"},
		"cli.err.quiet-table.analyze": {"-q is for the table format: JSON has the summary in \"summary\", CSV on standard error", "-q 只用于 table 格式：JSON 的汇总在 \"summary\" 中，CSV 的汇总写到标准错误"},
		"cli.err.session-number":      {"--session must be 1 or more", "--session 必须至少为 1"},
		"cli.err.session-failed":      {"a session failed (--fail-on-failure)", "有会话失败（--fail-on-failure）"},
		"cli.err.no-shell":            {"no shell given: pptpscope completion %s", "没有给出 shell：pptpscope completion %s"},
		"cli.err.write-capture":       {"cannot write the capture: %v", "无法写入抓包文件：%v"},
		"cli.err.write-exercises":     {"cannot write the exercises: %v", "无法写入练习：%v"},
		"cli.err.man":                 {"writing the man pages to %s: %v", "把 man 手册页写入 %s 时出错：%v"},
		"cli.err.terminal":            {"not writing %s to a terminal: %s, or --force", "不把%s写到终端：%s，或使用 --force"},
		"cli.terminal.pcap":           {"a pcap", " pcap 文件"},
		"cli.terminal.pcap.instead":   {"redirect it (-w - > FILE, | tshark -r -) or give -w FILE", "请重定向（-w - > FILE，| tshark -r -）或给出 -w FILE"},
		"cli.terminal.html":           {"an HTML report", " HTML 报告"},
		"cli.terminal.html.instead":   {"give -o FILE or redirect it", "请给出 -o FILE 或重定向输出"},
		"cli.width.max":               {"--width %d is more than the %d columns allowed; using %d", "--width %d 超过允许的 %d 列；改用 %d"},
		"cli.width.min":               {"--width %d is narrower than the %d columns %s; using %d", "--width %d 小于%[3]s的 %[2]d 列；改用 %[4]d"},
		"cli.width.analyze":           {"the analyze tables need", " analyze 表格所需"},
		"cli.width.packets":           {"the packet table needs", "报文表所需"},
		"cli.width.diagram":           {"the text diagram needs", "文本时序图所需"},
		"cli.width.keys":              {"the key derivation needs", "密钥推导所需"},
		"cli.width.live":              {"the session summary needs", "会话汇总所需"},

		"cli.err.wordlist-or-mask":     {"give either --wordlist FILE or --mask MASK", "请给出 --wordlist FILE 或 --mask MASK 二者之一"},
		"cli.err.rules-mask":           {"--rules applies to --wordlist, not to --mask", "--rules 用于 --wordlist，不用于 --mask"},
		"cli.err.mask-only":            {"--increment, --increment-min and -1..-4 apply to --mask", "--increment、--increment-min 和 -1..-4 只用于 --mask"},
		"cli.err.skip":                 {"--skip must not be negative", "--skip 不能为负数"},
		"cli.err.stdin-twice":          {"the capture and the word list cannot both come from standard input", "抓包文件和字典不能都来自标准输入"},
		"cli.err.interrupted":          {"interrupted", "已中断"},
		"cli.err.password-or-hash":     {"give either --password-file or --nt-hash-file, not both", "--password-file 和 --nt-hash-file 只能给出一个"},
		"cli.err.empty-password":       {"empty password", "密码为空"},
		"cli.err.flag-file":            {"%s: %v", "%s：%v"},
		"cli.err.file-too-large":       {"%s %s: larger than %d bytes", "%s %s：大于 %d 字节"},
		"cli.err.first-line-empty":     {"--password-file %s: the first line is empty", "--password-file %s：第一行为空"},
		"cli.err.not-nt-hash":          {"--nt-hash-file %s: not an NT hash (32 hex digits)", "--nt-hash-file %s：不是 NT 哈希（应为 32 位十六进制数字）"},
		"cli.err.credentials-line":     {"--credentials %s line %d: expected user:password", "--credentials %s 第 %d 行：应为 user:password"},
		"cli.err.credentials-twice":    {"--credentials %s line %d: user %s appears twice with different passwords", "--credentials %s 第 %d 行：用户 %s 出现两次且密码不同"},
		"cli.err.credentials-empty":    {"--credentials %s: no user:password line", "--credentials %s：没有 user:password 行"},
		"cli.err.no-session":           {"no PPTP session in the capture", "抓包中没有 PPTP 会话"},
		"cli.err.no-user-in-capture":   {"no session authenticated as %s: no user name is in the capture", "没有以 %s 身份验证的会话：抓包中没有用户名"},
		"cli.err.no-such-user":         {"no session authenticated as %s (the capture has %s)", "没有以 %s 身份验证的会话（抓包中有 %s）"},
		"cli.err.decrypt-no-output":    {"no output file: -w FILE (.pcap or .pcapng; - for standard output)", "没有给出输出文件：-w FILE（.pcap 或 .pcapng；- 表示标准输出）"},
		"cli.err.no-session-n":         {"no session %d: the capture has %d", "没有会话 %d：抓包中共有 %d 个会话"},
		"cli.err.no-interface":         {"no interface given: pptpscope live -i IFACE (-D lists them)", "没有给出网络接口：pptpscope live -i IFACE（-D 列出所有接口）"},
		"cli.err.rotate-needs-write":   {"--rotate-size needs -w FILE", "--rotate-size 需要 -w FILE"},
		"cli.err.live-interrupted":     {"interrupted before any packet was captured", "在抓到任何包之前被中断"},
		"cli.err.buffer-size":          {"-B %d: the buffer is given in KiB, from 1 to %d (4 GiB)", "-B %d：缓冲区以 KiB 为单位，取值 1 到 %d（4 GiB）"},
		"cli.err.hex-redact":           {"-x shows the frames' bytes, which --redact leaves out", "-x 显示帧的字节，而 --redact 会略去它们"},
		"cli.err.packets-tcp-connect":  {"packets lists no TCP segments, so --phase tcp-connect would list nothing: the TCP handshake (SYN, SYN-ACK, ACK) is drawn by 'pptpscope diagram --phase tcp-connect' and timed by 'pptpscope analyze'", "packets 不列出 TCP 报文段，所以 --phase tcp-connect 什么也不会列出：TCP 握手（SYN、SYN-ACK、ACK）由 'pptpscope diagram --phase tcp-connect' 画出，由 'pptpscope analyze' 计时"},
		"cli.err.no-such-runas":        {"-Z %s: no such user", "-Z %s：没有该用户"},
		"cli.err.host":                 {"--host %s: not an IPv4 or IPv6 address", "--host %s：不是 IPv4 或 IPv6 地址"},
		"cli.err.call-id":              {"--call-id %d: a call ID is 0 to 65535", "--call-id %d：呼叫 ID 的取值为 0 到 65535"},
		"cli.err.sessions":             {"--sessions must be at least 1", "--sessions 必须至少为 1"},
		"cli.err.exercises":            {"--exercises must be positive", "--exercises 必须为正数"},
		"cli.err.simulate-no-output":   {"no output file: -w FILE (or --exercises N -o DIR, or --list-faults)", "没有给出输出文件：-w FILE（或 --exercises N -o DIR，或 --list-faults）"},
		"cli.err.exercises-dir":        {"--exercises needs -o DIR", "--exercises 需要 -o DIR"},
		"cli.err.exercises-fault":      {"--exercises draws the faults itself: leave out --fault", "--exercises 自行随机选择故障：请去掉 --fault"},
		"cli.err.mppe":                 {"--mppe %s: use none, 40, 56 or 128", "--mppe %s：请使用 none、40、56 或 128"},
		"cli.err.simulate-no-password": {"no password: give --password-file FILE or set %s", "没有密码：请给出 --password-file FILE 或设置 %s"},
		"cli.err.wordlist-stdin":       {"--wordlist -: give the word list as a file here: it is read again for each authentication", "--wordlist -：这里请用文件给出字典：每个身份验证都要重新读取它"},

		"cli.err.semicolon-sep":      {"; ", "；"},
		"cli.err.flag-value":         {"%s %v", "%s %v"},
		"cli.err.what.password":      {"a password", "密码"},
		"cli.err.what.user-password": {"the password of user %s", "用户 %s 的密码"},
		"cli.err.password-needed":    {"%v is needed: give --password-file, --nt-hash-file, --credentials or %s (standard input is not a terminal, so it cannot be asked for)", "需要%v：请给出 --password-file、--nt-hash-file、--credentials 或 %s（标准输入不是终端，无法询问）"},
		"cli.err.reading-password":   {"reading the password: %v", "读取密码时出错：%v"},
		"cli.err.keys-session":       {"session %d: %v", "会话 %d：%v"},
		"cli.err.no-keys":            {"no key derivation to show: %s", "没有可显示的密钥推导：%s"},
		"cli.err.interface-down":     {"interface %s went down: %v", "接口 %s 已断开：%v"},
		"cli.err.capture-failed":     {"capture on %s failed: %v", "在 %s 上抓包失败：%v"},
		"cli.err.runas-id":           {"-Z %s: %s %q: %v", "-Z %s：%s %q 无效：%v"},
		"cli.err.drop":               {"cannot give up root", "无法放弃 root 权限"},
		"cli.err.drop-not-root":      {"-Z %s: %v: not running as root (uid %d)", "-Z %s：%v：当前不是以 root 身份运行（uid %d）"},
		"cli.err.drop-setgroups":     {"-Z %s: %v: setgroups: %v", "-Z %s：%v：setgroups 失败：%v"},
		"cli.err.drop-setgid":        {"-Z %s: %v: setgid %d: %v", "-Z %s：%v：setgid %d 失败：%v"},
		"cli.err.drop-setuid":        {"-Z %s: %v: setuid %d: %v", "-Z %s：%v：setuid %d 失败：%v"},
		"cli.err.drop-still-root":    {"-Z %s: %v: still able to become root", "-Z %s：%v：仍能重新获得 root 权限"},

		"cli.err.errno.enoent":  {"no such file or directory", "文件或目录不存在"},
		"cli.err.errno.eacces":  {"permission denied", "权限不足"},
		"cli.err.errno.eperm":   {"operation not permitted", "不允许的操作"},
		"cli.err.errno.eisdir":  {"is a directory", "这是一个目录"},
		"cli.err.errno.enotdir": {"not a directory", "不是目录"},
		"cli.err.errno.enospc":  {"no space left on device", "设备上没有剩余空间"},
		"cli.err.errno.erofs":   {"read-only file system", "只读文件系统"},
		"cli.err.errno.eexist":  {"file exists", "文件已存在"},
		"cli.err.errno.eio":     {"input/output error", "输入/输出错误"},
		"cli.err.errno.epipe":   {"broken pipe", "管道已断开"},
		"cli.err.cannot-open":   {"cannot open %s: %s", "无法打开 %s：%s"},
		"cli.err.cannot-read":   {"cannot read %s: %s", "无法读取 %s：%s"},
		"cli.err.cannot-write":  {"cannot write %s: %s", "无法写入 %s：%s"},
		"cli.err.cannot-mkdir":  {"cannot create the directory %s: %s", "无法创建目录 %s：%s"},
	})
}
