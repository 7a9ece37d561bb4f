package render

import (
	"strings"
	"testing"

	"github.com/pptpscope/pptpscope/mppe"
)

// TestCatalogMPPC: every reason the decompressor gives has its sentence,
// and the finding reads right in both languages.
func TestCatalogMPPC(t *testing.T) {
	for r := mppe.ReasonCorrupt; r <= mppe.ReasonAfterCorrupt; r++ {
		if !HasText("mppc.reason." + r.String()) {
			t.Errorf("no catalogue entry for MPPC reason %v", r)
		}
	}
	for _, tc := range []struct {
		lang, key string
		n         int
		want      string
	}{
		{"en", "finding.mppc-desync", 1, "client → server: 1 compressed frame could not be decompressed (frame 12): "},
		{"en", "finding.mppc-desync", 3, "client → server: 3 compressed frames could not be decompressed (frames 12-14): "},
		{"zh", "finding.mppc-desync", 3, "client → server：3 个压缩帧无法解压缩（帧 12-14）："},
	} {
		frames := "12"
		if tc.n > 1 {
			frames = "12-14"
		}
		if got := TN(tc.lang, tc.key, tc.n, "client → server", frames, tc.n); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s %s %d: %q", tc.lang, tc.key, tc.n, got)
		}
	}
	if got := T("en", "mppc.ratio", "server → client", 3000, 1000, 3.0); got !=
		"server → client: 3000 octets of data carried in 1000 compressed octets, compression ratio 3.00:1" {
		t.Errorf("ratio: %q", got)
	}
	if T("zh", "mppc.layer") != "MPPC 压缩" || T("en", "mppc.layer") != "MPPC compression" {
		t.Error("layer name")
	}
}
