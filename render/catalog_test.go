package render

import (
	"reflect"
	"strings"
	"testing"
)

// TestCatalogComplete: every catalogue entry exists in every language, with
// the same format arguments, and no English text hides in the Chinese one.
func TestCatalogComplete(t *testing.T) {
	if len(catalog) == 0 {
		t.Fatal("empty catalogue")
	}
	for _, k := range CatalogKeys() {
		e := catalog[k]
		if strings.TrimSpace(e.En) == "" {
			t.Errorf("%s: no English text", k)
		}
		if strings.TrimSpace(e.Zh) == "" {
			t.Errorf("%s: no Chinese text", k)
		}
		if ve, vz := formatVerbs(e.En), formatVerbs(e.Zh); !reflect.DeepEqual(ve, vz) {
			t.Errorf("%s: format verbs differ: en %v, zh %v", k, ve, vz)
		}
	}
}

func TestFormatVerbs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"%d lost of %d", []string{"1d", "2d"}},
		{"%[2]d 个中丢失 %[1]d", []string{"1d", "2d"}},
		{"100%% done %s", []string{"1s"}},
		{"%.1f%% %-8s", []string{"1f", "2s"}},
	} {
		if got := formatVerbs(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("formatVerbs(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestTUnknownAndPlural(t *testing.T) {
	if got := T("en", "no.such.key"); got != "!(no.such.key)" {
		t.Errorf("unknown key: %q", got)
	}
	if NormLang("fr") != "en" || NormLang("zh") != "zh" {
		t.Error("NormLang")
	}
	if got := TN("en", "common.sessions", 1, 1); got != "1 session" {
		t.Errorf("TN one: %q", got)
	}
	if got := TN("en", "common.sessions", 2, 2); got != "2 sessions" {
		t.Errorf("TN other: %q", got)
	}
	if got := TN("zh", "common.sessions", 2, 2); got != "2 个会话" {
		t.Errorf("TN zh: %q", got)
	}
}
