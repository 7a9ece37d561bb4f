package render

// `decrypt`: the line about the file written.
func init() {
	addCatalog(map[string]Text{
		"decrypt.wrote":       {"wrote %d decrypted packets to %s (%s)", "已将 %d 个解密后的数据包写入 %s（%s）"},
		"decrypt.kind.pcap":   {"pcap, raw IP", "pcap，原始 IP"},
		"decrypt.kind.pcapng": {"pcapng, raw IP, original frame numbers as packet comments", "pcapng，原始 IP，原始帧号写在数据包注释中"},
		"decrypt.stdout":      {"standard output", "标准输出"},
	})
}
