package render

// MPPC compression (RFC 2118; mppe.Decompressor): what analyze, packets,
// the report's encapsulation view and the CCP teaching text say about
// compressed tunnels. Chinese terms follow the handshake article: 压缩,
// 解压缩, 加密, 解密, CCP 协商; RFC message names stay in English.
//
// Arguments: a direction is a text already in the output's language
// (e.g. T(lang, "common.client") + " → " + T(lang, "common.server")); frame
// lists are preformatted ("12, 15-20"). mppc.reason.<code> has one entry
// per mppe.MPPCReason, <code> being its String().
func init() {
	addCatalog(map[string]Text{
		// Encapsulation view: the layer between MPPE and the inner packet.
		"mppc.layer":              {"MPPC compression", "MPPC 压缩"},
		"mppc.layer.decompressed": {"%[1]d octets decompressed to %[2]d", "%[1]d 字节解压缩为 %[2]d 字节"},
		"mppc.layer.uncompressed": {"sent uncompressed (C bit clear)", "未压缩发送（C 位为 0）"},
		"mppc.layer.failed":       {"not decompressed: %[1]s", "未能解压缩：%[1]s"},

		// Header bits, for packet details.
		"mppc.bit.a": {"A: history flushed", "A：历史缓冲区已清空"},
		"mppc.bit.b": {"B: placed at the front of the history", "B：放在历史缓冲区开头"},
		"mppc.bit.c": {"C: compressed", "C：已压缩"},
		"mppc.bit.d": {"D: encrypted", "D：已加密"},

		// Modes (CCP option 18, H bit).
		"mppc.mode.stateful":  {"stateful (history kept from frame to frame)", "有状态（历史缓冲区跨帧保留）"},
		"mppc.mode.stateless": {"stateless (H bit: history reset for every frame)", "无状态（H 位：每帧重置历史缓冲区）"},

		// analyze, per direction.
		"mppc.decompressed.one":   {"%[1]s: %[2]d frame decompressed", "%[1]s：已解压缩 %[2]d 帧"},
		"mppc.decompressed.other": {"%[1]s: %[2]d frames decompressed", "%[1]s：已解压缩 %[2]d 帧"},
		"mppc.uncompressed.one":   {"%[1]s: %[2]d frame sent uncompressed", "%[1]s：%[2]d 帧未压缩发送"},
		"mppc.uncompressed.other": {"%[1]s: %[2]d frames sent uncompressed", "%[1]s：%[2]d 帧未压缩发送"},
		"mppc.ratio": {
			"%[1]s: %[2]d octets of data carried in %[3]d compressed octets, compression ratio %.2[4]f:1",
			"%[1]s：%[2]d 字节的数据压缩为 %[3]d 字节，压缩比 %.2[4]f:1",
		},
		"mppc.ratio.none": {"%[1]s: no compressed frames", "%[1]s：没有压缩帧"},

		// The mppc-desync finding: direction, frame numbers, count.
		"mppc.desync.title": {"MPPC history out of sync", "MPPC 历史缓冲区失去同步"},
		"finding.mppc-desync.one": {
			"%[1]s: %[3]d compressed frame could not be decompressed (frame %[2]s): the receiver's MPPC history " +
				"no longer matched the sender's until the next frame with the A (flushed) bit, which the receiver " +
				"asks for with a CCP Reset-Request",
			"%[1]s：%[3]d 个压缩帧无法解压缩（帧 %[2]s）：接收方的 MPPC 历史缓冲区与发送方不再一致，" +
				"直到下一个 A 位（已清空）置位的帧；接收方用 CCP Reset-Request 请求这样的帧",
		},
		"finding.mppc-desync.other": {
			"%[1]s: %[3]d compressed frames could not be decompressed (frames %[2]s): the receiver's MPPC history " +
				"no longer matched the sender's until the next frame with the A (flushed) bit, which the receiver " +
				"asks for with a CCP Reset-Request",
			"%[1]s：%[3]d 个压缩帧无法解压缩（帧 %[2]s）：接收方的 MPPC 历史缓冲区与发送方不再一致，" +
				"直到下一个 A 位（已清空）置位的帧；接收方用 CCP Reset-Request 请求这样的帧",
		},
		"mppc.reason.corrupt": {
			"the compressed data is invalid (damaged, or decrypted with the wrong key)",
			"压缩数据无效（已损坏，或用错误的密钥解密）",
		},
		"mppc.reason.not-flushed": {
			"no frame with the A bit yet: the capture starts after the history did",
			"尚未出现 A 位置位的帧：抓包开始时历史缓冲区已在使用中",
		},
		"mppc.reason.gap": {
			"frames were lost (a gap in the coherency count)",
			"有帧丢失（相干计数不连续）",
		},
		"mppc.reason.after-corrupt": {
			"an earlier frame could not be decompressed",
			"之前的一帧无法解压缩",
		},

		// Teaching text, where the report explains CCP 协商.
		"mppc.explain": {
			"MPPC (Microsoft Point-to-Point Compression, RFC 2118) is negotiated in CCP together with MPPE, in the " +
				"same option (option 18, C bit). The sender compresses each PPP frame, then encrypts it; the " +
				"receiver decrypts, then decompresses. Compression is LZ77: each octet is sent either as a " +
				"literal (8 or 9 bits) or as part of a copy of earlier data, given as an offset back into an 8 KB " +
				"history of what was sent before and a length. In stateful mode the history runs on from frame to " +
				"frame; with the H bit (stateless) every frame starts with an empty history. Four bits of the " +
				"2-octet header tell the receiver what to do: A, the history was flushed; B, this frame goes to " +
				"the front of the history; C, the frame is compressed; D, it is encrypted. A frame that compression " +
				"would make longer is sent as is, with C clear. When frames are lost, the receiver's history no " +
				"longer matches the sender's: it sends a CCP Reset-Request and drops compressed frames until one " +
				"with the A bit arrives.",
			"MPPC（Microsoft 点对点压缩，RFC 2118）在 CCP 协商中与 MPPE 一起协商，使用同一个选项（选项 18 的 " +
				"C 位）。发送方先压缩每个 PPP 帧，再加密；接收方先解密，再解压缩。压缩采用 LZ77 方式：每个字节" +
				"要么作为字面量发送（8 或 9 位），要么属于对先前数据的一次复制，复制由向回指向 8 KB 历史缓冲区的" +
				"偏移量和长度表示。有状态模式下历史缓冲区跨帧延续；协商了 H 位（无状态）时，每一帧都从空的历史" +
				"缓冲区开始。2 字节头部中的四个位告诉接收方如何处理：A，历史缓冲区已清空；B，本帧放在历史缓冲区" +
				"开头；C，本帧已压缩；D，本帧已加密。压缩后反而变长的帧按原样发送，C 位为 0。丢帧后，接收方的" +
				"历史缓冲区与发送方不再一致：接收方发送 CCP Reset-Request，并丢弃压缩帧，直到收到 A 位置位的帧。",
		},
	})
}
