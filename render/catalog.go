package render

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

// The message catalogue: every sentence, word, header, unit and legend that
// pptpscope prints for people, in every language. The model (session,
// decode, mppe) hands over codes and typed arguments; render looks up the
// text here. Protocol names and RFC message names (Configure-Request,
// Start-Control-Connection-Request) are not translated: students must
// recognise them in Wireshark.
//
// A catalogue file (catalog_*.go) registers its entries in an init
// function with addCatalog. TestCatalogComplete fails when an entry lacks a
// language or when the languages' format verbs differ.

// Text is one catalogue entry in each language. Format verbs follow fmt;
// a translation may reorder its arguments with explicit indexes (%[2]s).
type Text struct {
	En, Zh string
}

// Languages the outputs are written in.
var Languages = []string{"en", "zh"}

var catalog = map[string]Text{}

// addCatalog registers entries; a key defined twice is a programming error.
func addCatalog(entries map[string]Text) {
	for k, v := range entries {
		if _, dup := catalog[k]; dup {
			panic("render: catalogue key " + k + " defined twice")
		}
		catalog[k] = v
	}
}

// NormLang returns lang if pptpscope speaks it, else "en".
func NormLang(lang string) string {
	if lang == "zh" {
		return "zh"
	}
	return "en"
}

// ValidLang reports whether lang is one of Languages.
func ValidLang(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// LangFromEnv picks the language of text output from the locale: LC_ALL,
// then LC_MESSAGES, then LANG; zh_* gives Chinese, anything else English.
func LangFromEnv() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			if strings.HasPrefix(strings.ToLower(s), "zh") {
				return "zh"
			}
			return "en"
		}
	}
	return "en"
}

// HasText reports whether the catalogue has key.
func HasText(key string) bool {
	_, ok := catalog[key]
	return ok
}

// T returns the catalogue text of key in lang, formatted with args. An
// unknown key gives "!(key)" so that a test comparing output sees it; the
// catalogue tests make sure none reaches a user.
func T(lang, key string, args ...any) string {
	t, ok := catalog[key]
	if !ok {
		return "!(" + key + ")"
	}
	s := t.En
	if lang == "zh" {
		s = t.Zh
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// TN is T for a count: it uses key+".one" when n is 1 and the catalogue
// has that entry, else key+".other" when it exists, else key. n is not
// passed as an argument by itself: give it in args where the text shows it.
func TN(lang, key string, n int, args ...any) string {
	if n == 1 {
		if _, ok := catalog[key+".one"]; ok {
			return T(lang, key+".one", args...)
		}
	}
	if _, ok := catalog[key+".other"]; ok {
		return T(lang, key+".other", args...)
	}
	return T(lang, key, args...)
}

// CatalogKeys lists every catalogue key, sorted (for tests and tools).
func CatalogKeys() []string {
	keys := make([]string, 0, len(catalog))
	for k := range catalog {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// formatVerbs lists the fmt verbs of s in argument order, with explicit
// indexes resolved, so that two translations can be compared.
func formatVerbs(s string) []string {
	var verbs []string
	next := 1
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		j := i + 1
		if j < len(s) && s[j] == '%' {
			i = j
			continue
		}
		idx := 0
		for j < len(s) && strings.IndexByte("+-# 0123456789.*[]", s[j]) >= 0 {
			if s[j] == '[' {
				k := strings.IndexByte(s[j:], ']')
				if k < 0 {
					break
				}
				fmt.Sscanf(s[j+1:j+k], "%d", &idx)
				j += k
			}
			j++
		}
		if j >= len(s) {
			break
		}
		if idx == 0 {
			idx = next
		}
		next = idx + 1
		verbs = append(verbs, fmt.Sprintf("%d%c", idx, s[j]))
		i = j
	}
	sort.Strings(verbs)
	return verbs
}
