package render

import (
	"strings"
	"testing"
)

func TestWrapWide(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		width int
		want  string
	}{
		{"addresses stay whole", "防火墙或 NAT 在客户端 10.0.0.2 → 服务器 10.0.0.1 方向上", 24,
			"防火墙或 NAT 在客户端\n10.0.0.2 → 服务器\n10.0.0.1 方向上"},
		{"no comma at a line start", "一二三四五，六七", 10, "一二三四\n五，六七"},
		{"no opening bracket at a line end", "一二三（Ack）", 8, "一二三\n（Ack）"},
		{"english unchanged", "the quick brown fox", 9, "the quick\nbrown fox"},
		{"a code keeps its count", "最常见的诊断：abnormal-teardown（1）、gre-missing（1）", 32,
			"最常见的诊断：\nabnormal-teardown（1）、\ngre-missing（1）"},
		{"a bracket after a name stays with it", "回复 Configure-Ack（配置确认）", 20, "回复\nConfigure-Ack（配置\n确认）"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := wrapWords(tc.in, tc.width)
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			for _, l := range strings.Split(got, "\n") {
				if cols(l) > tc.width {
					t.Errorf("line %q is %d columns wide, more than %d", l, cols(l), tc.width)
				}
			}
		})
	}
}

func TestPadCols(t *testing.T) {
	if got := padRight("阶段", 6); got != "阶段  " {
		t.Errorf("padRight: %q", got)
	}
	if got := padLeft("帧数", 7); got != "   帧数" {
		t.Errorf("padLeft: %q", got)
	}
	if got := padRight("client→server", 16); got != "client→server   " {
		t.Errorf("padRight arrow: %q", got)
	}
}
