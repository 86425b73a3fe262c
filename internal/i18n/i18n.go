// Package i18n is soa's message catalogue: every fixed string of a document
// or report, in English and Japanese. Renderers look strings up by key and
// never hold text of their own, so a Japanese document has no English left
// in it and a test can prove every key has both languages.
package i18n

import (
	"fmt"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/lazyre"
)

// Languages lists the supported languages, the default first.
var Languages = []string{"en", "ja"}

// Lang is a validated language code.
type Lang string

const (
	EN Lang = "en"
	JA Lang = "ja"
)

// Parse returns the language for a code, accepting any case.
func Parse(code string) (Lang, error) {
	l := strings.ToLower(strings.TrimSpace(code))
	if slices.Contains(Languages, l) {
		return Lang(l), nil
	}
	return "", fmt.Errorf("unknown language %q (allowed: %s)", code, strings.Join(Languages, ", "))
}

// T returns the text of key in language l. A missing key returns the key
// itself in brackets, which the completeness test catches.
func (l Lang) T(key string) string {
	m, ok := lookup(key)
	if !ok {
		return "[" + key + "]"
	}
	return m.in(l)
}

// F formats the text of key with args.
func (l Lang) F(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// Title picks the Japanese title when l is Japanese and one exists.
func (l Lang) Title(en, ja string) string { return l.Pick(en, ja) }

// Pick returns ja when l is Japanese and ja is not empty, else en: a text
// from the catalogue (a title, a summary) that may lack a translation.
func (l Lang) Pick(en, ja string) string {
	if l == JA && ja != "" {
		return ja
	}
	return en
}

// Date formats a YYYY-MM-DD date the way documents in l write it:
// 2026-04-01 in English (ISO 8601), 2026/04/01 in Japanese.
func (l Lang) Date(d string) string {
	if l == JA && len(d) == 10 && d[4] == '-' && d[7] == '-' {
		return d[:4] + "/" + d[5:7] + "/" + d[8:]
	}
	return d
}

// Version shows an SoA version as a document in l labels it: "SoA version
// 2.1" in English; in Japanese a bare number is wrapped as 第2.1版, and a
// version written in words of its own (第3版, Rev.3) is shown as written,
// never as 第第3版版. An empty version shows as nothing.
func (l Lang) Version(v string) string {
	switch {
	case strings.TrimSpace(v) == "":
		return ""
	case bareVersion.MatchString(v):
		return l.F("footer.version", v)
	}
	return l.F("footer.version_written", v)
}

// bareVersion is a version that is only a number: 3, 2.1, 1.0.2.
var bareVersion = lazyre.New(`^[0-9]+(\.[0-9]+)*$`)

// Attr returns the display name of an attribute value such as "detect";
// a value without one is shown as it is.
func (l Lang) Attr(value string) string {
	if m, ok := lookup("attr." + value); ok {
		return m.in(l)
	}
	return value
}

// Has reports whether the catalogue has a message called key.
func Has(key string) bool {
	_, ok := lookup(key)
	return ok
}

// Keys returns every message key, sorted.
func Keys() []string {
	keys := make([]string, len(messageTable))
	for i, e := range messageTable {
		keys[i] = e.key
	}
	return keys
}

type message struct{ en, ja string }

// in returns the text of m in language l.
func (m message) in(l Lang) string {
	if l == JA {
		return m.ja
	}
	return m.en
}

// messageEntry is a message with its key, as messageTable holds it.
type messageEntry struct{ key, en, ja string }

// lookup finds key's message in messageTable through messageIndex, an
// open-addressing hash table of the keys (FNV-1a, linear probing). Both
// are generated from documentMessages and serveMessages, the maps people
// edit (messages_gen.go, checked by TestMessagesGenerated), and laid out
// by the linker: building those maps on first use took 75 µs and 40 KB of
// every run that printed a message, and a binary search made a workbook
// 5% slower to build than the map.
func lookup(key string) (message, bool) {
	for i := keyHash(key) & (len(messageIndex) - 1); messageIndex[i] != 0; i = (i + 1) & (len(messageIndex) - 1) {
		if e := &messageTable[messageIndex[i]-1]; e.key == key {
			return message{e.en, e.ja}, true
		}
	}
	return message{}, false
}

// keyHash is the 32-bit FNV-1a hash of key.
func keyHash(key string) int {
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h = (h ^ uint32(key[i])) * 16777619
	}
	return int(h)
}
