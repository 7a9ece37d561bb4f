package render

// The errors of the packages left of render and of render itself, as data
// (capture.Msg, candidates.Msg, render.Error): a key per code,
// "err.<package>.<code>". The English of err.capture.* and
// err.candidates.* is the package's own format (capture.Messages,
// candidates.Messages), which TestErrorCatalogue compares; pptpscope
// (cmd/pptpscope/errtext.go) words the errors with them in the run's
// language.
func init() {
	addCatalog(map[string]Text{
		// capture: sentinels.
		"err.capture.empty":                 {"empty file", "空文件"},
		"err.capture.not-capture":           {"not a pcap or pcapng file", "不是 pcap 或 pcapng 文件"},
		"err.capture.truncated":             {"capture cut short", "抓包文件被截断"},
		"err.capture.corrupt":               {"corrupt capture", "抓包文件已损坏"},
		"err.capture.unsupported-link-type": {"unsupported link type", "不支持的链路类型"},
		"err.capture.no-interface":          {"no such interface", "没有该网络接口"},
		"err.capture.permission":            {"no permission to capture: capture needs root or the CAP_NET_RAW and CAP_NET_ADMIN capabilities", "没有抓包权限：抓包需要 root 权限，或 CAP_NET_RAW 和 CAP_NET_ADMIN 能力"},
		"err.capture.filter-unsupported":    {"capture filters (-f) need libpcap: this pptpscope was built without cgo and only supports the default filter %q", "抓包过滤器（-f）需要 libpcap：此 pptpscope 构建时未启用 cgo，只支持默认过滤器 %q"},
		"err.capture.live-unsupported":      {"live capture is not supported by this build (build with cgo and libpcap)", "此构建不支持实时抓包（请启用 cgo 并链接 libpcap 重新构建）"},

		// capture: opening.
		"err.capture.empty-gzip":        {"%s: %s (gzip-compressed)", "%s：%s（gzip 压缩）"},
		"err.capture.not-capture-is":    {"%s: %s: %s", "%s：%s：%s"},
		"err.capture.gzip-content":      {"gzip-compressed, and the content %s", "经过 gzip 压缩，其内容%s"},
		"err.capture.no-capture-in-dir": {"%s: %s: no pcap or pcapng file in the directory", "%s：%s：目录中没有 pcap 或 pcapng 文件"},

		// capture: what a file that is no capture looks like.
		"err.capture.looks.zip":        {"looks like a ZIP archive (unzip it first)", "看起来是 ZIP 压缩包（请先解压）"},
		"err.capture.looks.zip-empty":  {"looks like an empty ZIP archive", "看起来是空的 ZIP 压缩包"},
		"err.capture.looks.gzip":       {"looks like gzip-compressed data", "看起来是 gzip 压缩的数据"},
		"err.capture.looks.bzip2":      {"looks like bzip2-compressed data (decompress it first)", "看起来是 bzip2 压缩的数据（请先解压）"},
		"err.capture.looks.xz":         {"looks like xz-compressed data (decompress it first)", "看起来是 xz 压缩的数据（请先解压）"},
		"err.capture.looks.zstd":       {"looks like zstd-compressed data (decompress it first)", "看起来是 zstd 压缩的数据（请先解压）"},
		"err.capture.looks.7z":         {"looks like a 7-Zip archive", "看起来是 7-Zip 压缩包"},
		"err.capture.looks.rar":        {"looks like a RAR archive", "看起来是 RAR 压缩包"},
		"err.capture.looks.png":        {"looks like a PNG image", "看起来是 PNG 图片"},
		"err.capture.looks.pdf":        {"looks like a PDF document", "看起来是 PDF 文档"},
		"err.capture.looks.elf":        {"looks like an ELF executable", "看起来是 ELF 可执行文件"},
		"err.capture.looks.snoop":      {"looks like a Sun snoop capture (convert it with editcap -F pcap)", "看起来是 Sun snoop 抓包文件（请用 `editcap -F pcap` 转换）"},
		"err.capture.looks.kuznetzov":  {"looks like a modified (Kuznetzov) pcap (convert it with editcap -F pcap)", "看起来是修改版（Kuznetzov）pcap 文件（请用 `editcap -F pcap` 转换）"},
		"err.capture.looks.netmon":     {"looks like a Microsoft Network Monitor capture (convert it with editcap -F pcap)", "看起来是 Microsoft Network Monitor 抓包文件（请用 `editcap -F pcap` 转换）"},
		"err.capture.looks.observer":   {"looks like a Network Instruments Observer capture (convert it with editcap -F pcap)", "看起来是 Network Instruments Observer 抓包文件（请用 `editcap -F pcap` 转换）"},
		"err.capture.looks.git-lfs":    {"is a Git LFS pointer, not the file itself (run git lfs pull)", "是 Git LFS 指针，不是文件本身（请运行 `git lfs pull`）"},
		"err.capture.looks.html":       {"looks like an HTML page", "看起来是 HTML 网页"},
		"err.capture.looks.text":       {"looks like text", "看起来是文本"},
		"err.capture.looks.one-byte":   {"has only 1 byte (%02x)", "只有 1 个字节（%02x）"},
		"err.capture.looks.few-bytes":  {"has only %d bytes (% x)", "只有 %d 个字节（% x）"},
		"err.capture.looks.unknown":    {"starts with unknown bytes % x", "以未知的字节 % x 开头"},
		"err.capture.unsupported-link": {"%s %s (supported: %s)", "%s %s（支持的有：%s）"},

		// capture: where a bad record is, and what is wrong.
		"err.capture.after-frame":        {"after frame %d (byte %d)", "第 %d 帧之后（字节 %d）"},
		"err.capture.before-first-frame": {"before the first frame (byte %d)", "第一帧之前（字节 %d）"},
		"err.capture.truncated-at":       {"capture cut short %s: %s", "抓包文件在%s被截断：%s"},
		"err.capture.corrupt-at":         {"corrupt record %s: %s", "%s的记录已损坏：%s"},
		"err.capture.read-error-at":      {"read error %s: %s", "在%s读取出错：%s"},
		"err.capture.because":            {"%s: %s", "%s：%s"},
		"err.capture.truncated-part":     {"truncated %s", "%s被截断"},
		"err.capture.damaged-gzip":       {"damaged gzip stream", "gzip 数据流已损坏"},
		"err.capture.runs-past":          {"%s runs past its length", "%s超出了自身的长度"},

		// capture: the parts of a capture.
		"err.capture.part.gzip-header":          {"gzip header", "gzip 头部"},
		"err.capture.part.file-header":          {"file header", "文件头"},
		"err.capture.part.pcap-file-header":     {"pcap file header", "pcap 文件头"},
		"err.capture.part.packet-record-header": {"packet record header", "报文记录头"},
		"err.capture.part.packet-record":        {"packet record", "报文记录"},
		"err.capture.part.block-header":         {"block header", "块头"},
		"err.capture.part.shb":                  {"section header block", "节头块（SHB）"},
		"err.capture.part.idb":                  {"interface description block", "接口描述块（IDB）"},
		"err.capture.part.pb":                   {"packet block", "报文块（PB）"},
		"err.capture.part.spb":                  {"simple packet block", "简单报文块（SPB）"},
		"err.capture.part.epb":                  {"enhanced packet block", "增强报文块（EPB）"},
		"err.capture.part.block-type":           {"block of type %#x", "类型为 %#x 的块"},
		"err.capture.part.other":                {"%s", "%s"},

		// capture: pcap and pcapng records.
		"err.capture.truncated-file-header": {"truncated file header (%d bytes)", "文件头被截断（%d 字节）"},
		"err.capture.pcap-version":          {"pcap version %d.%d is not supported", "不支持 pcap 版本 %d.%d"},
		"err.capture.caplen-max":            {"captured length %d exceeds the maximum %d", "抓取长度 %d 超过上限 %d"},
		"err.capture.pcapgo-read":           {"%s: pcapgo read %d bytes of a %d-byte record", "%[1]s：记录长 %[3]d 字节，pcapgo 却读取了 %[2]d 字节"},
		"err.capture.shb-magic":             {"section header block with byte-order magic % x", "节头块（SHB）的字节序魔数为 % x"},
		"err.capture.block-length":          {"%s has length %d", "%s的长度为 %d"},
		"err.capture.block-length-limit":    {"%s has length %d, over the %d limit", "%s的长度为 %d，超过上限 %d"},
		"err.capture.block-caplen":          {"%s has captured length %d but holds %d bytes", "%s的抓取长度为 %d，但只含 %d 字节"},
		"err.capture.block-interface":       {"%s on interface %d, but the section describes %d", "%s属于接口 %d，但该节只描述了 %d 个接口"},
		"err.capture.ts-resolution":         {"interface %d has timestamp resolution %#x", "接口 %d 的时间戳精度为 %#x"},
		"err.capture.pcapgo-left":           {"%s: pcapgo left %d of its %d bytes unread", "%[1]s：共 %[3]d 字节，pcapgo 有 %[2]d 字节未读"},
		"err.capture.block-length-ends":     {"%s has length %d at its start and %d at its end", "%s开头的长度为 %d，结尾的长度却为 %d"},
		"err.capture.pcapng-version":        {"pcapng version %d.%d is not supported", "不支持 pcapng 版本 %d.%d"},

		// capture: live capture and rotating files.
		"err.capture.no-interface-in":   {"%s: %s (available: %s)", "%s：%s（可用的有：%s）"},
		"err.capture.permission-in":     {"%s: %s (%s)", "%s：%s（%s）"},
		"err.capture.bad-filter":        {"%s: bad capture filter %q: %s", "%s：抓包过滤器 %q 有误：%s"},
		"err.capture.invalid-size":      {"invalid size %q (e.g. 10M, 500K, 1G, 100000)", "无效的大小 %q（例如 10M、500K、1G、100000）"},
		"err.capture.interface-failure": {"%s: %s", "%s：%s"},

		// crack/candidates.
		"err.candidates.rule":               {"invalid rule", "无效的规则"},
		"err.candidates.mask":               {"invalid mask", "无效的掩码"},
		"err.candidates.wordlist":           {"unusable word list", "无法使用的字典"},
		"err.candidates.what.custom":        {"custom charset -%d %q", "自定义字符集 -%d %q"},
		"err.candidates.what.mask":          {"mask %q", "掩码 %q"},
		"err.candidates.mask.lone-question": {"%s: %s ends with a lone '?' (write ?? for a question mark)", "%s：%s 以单独的 '?' 结尾（问号请写成 ??）"},
		"err.candidates.mask.undefined":     {"%s: %s uses ?%c but custom charset %c is not defined (-%c)", "%s：%s 用了 ?%c，但没有定义自定义字符集 %c（-%c）"},
		"err.candidates.mask.unknown":       {"%s: %s: unknown charset ?%c (known: ?l ?u ?d ?h ?H ?s ?a ?b ?1-?4 ??)", "%s：%s：未知的字符集 ?%c（已知的有：?l ?u ?d ?h ?H ?s ?a ?b ?1-?4 ??）"},
		"err.candidates.mask.empty-set":     {"%s: %s is empty", "%s：%s 为空"},
		"err.candidates.mask.empty":         {"%s: the mask is empty", "%s：掩码为空"},
		"err.candidates.mask.too-long":      {"%s: mask %q has %d positions (at most %d)", "%s：掩码 %q 有 %d 个位置（最多 %d 个）"},
		"err.candidates.mask.increment-min": {"%s: --increment-min %d is longer than the mask (%d positions)", "%s：--increment-min %d 超过了掩码的长度（%d 个位置）"},
		"err.candidates.mask.too-many":      {"%s: mask %q has too many candidates", "%s：掩码 %q 生成的候选口令太多"},
		"err.candidates.rule.unknown":       {"%s: unknown or unsupported function %q at column %d", "%[1]s：第 %[3]d 列的函数 %[2]q 未知或不受支持"},
		"err.candidates.rule.parameters":    {"%s: function %q at column %d needs %d parameter(s)", "%[1]s：第 %[3]d 列的函数 %[2]q 需要 %[4]d 个参数"},
		"err.candidates.rule.position":      {"%s: function %q at column %d: %q is not a position (0-9, A-Z)", "%[1]s：第 %[3]d 列的函数 %[2]q：%[4]q 不是位置（0-9、A-Z）"},
		"err.candidates.rule.line":          {"%s line %d: %s", "%s 第 %d 行：%s"},
		"err.candidates.rule.too-many":      {"%s: %s: more than %d rules", "%s：%s：规则超过 %d 条"},
		"err.candidates.rule.read":          {"%s: %s: %s", "%s：%s：%s"},
		"err.candidates.rule.none":          {"%s: %s holds no rule", "%s：%s 中没有规则"},
		"err.candidates.rule.combine":       {"%s: the rule files combine into more than %d rules", "%s：规则文件组合后超过 %d 条规则"},
		"err.candidates.wordlist.read":      {"%s: %s: %s", "%s：%s：%s"},
		"err.candidates.wordlist.empty":     {"%s: %s is empty", "%s：%s 为空"},
		"err.candidates.wordlist.gzip":      {"%s: %s: gzip: %s", "%s：%s：gzip：%s"},

		// render.
		"err.render.unknown-phase":   {"unknown phase %q (one of %s; or 2.1 ... 2.6)", "未知的阶段 %q（可选 %s；或 2.1 ... 2.6）"},
		"err.render.no-session":      {"no session %d: the capture has %d", "没有会话 %d：抓包中共有 %d 个会话"},
		"err.render.not-a-time":      {"not a time", "不是时间"},
		"err.render.time-or-offset":  {"%q: %s: give an RFC 3339 time or +DURATION from the capture's start (+30s, +2m)", "%q：%s：请给出 RFC 3339 时间，或从抓包开始算起的 +DURATION（+30s、+2m）"},
		"err.render.negative-offset": {"%q: %s: the offset must not be negative", "%q：%s：偏移不能为负数"},
		"err.render.time":            {"%q: %s: give an RFC 3339 time (2024-05-01T10:00:00Z) or +DURATION from the capture's start (+30s)", "%q：%s：请给出 RFC 3339 时间（2024-05-01T10:00:00Z），或从抓包开始算起的 +DURATION（+30s）"},
	})
}
