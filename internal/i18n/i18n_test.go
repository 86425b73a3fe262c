package i18n

import (
	"regexp"
	"strings"
	"testing"
)

// TestComplete: every key has text in both languages.
func TestComplete(t *testing.T) {
	for _, k := range Keys() {
		m, _ := lookup(k)
		if strings.TrimSpace(m.en) == "" || strings.TrimSpace(m.ja) == "" {
			t.Errorf("%s: en=%q ja=%q: every key needs both languages", k, m.en, m.ja)
		}
		if len(verb.FindAllString(m.en, -1)) != len(verb.FindAllString(m.ja, -1)) {
			t.Errorf("%s: en and ja take different arguments: %q / %q", k, m.en, m.ja)
		}
	}
}

var verb = regexp.MustCompile(`%[sdvq]`)

// latin finds runs of Latin letters. Japanese text may hold only the names
// of standards and a few established abbreviations.
var latin = regexp.MustCompile(`[A-Za-z_]+`)

var allowedLatin = map[string]bool{
	"ISO": true, "IEC": true, "JIS": true, "Q": true, "A": true, // standard names; 附属書A
	"ISMS": true, "ID": false, // ISMS is written so in Japanese documents
	"P": true, "N": true, // &P and &N: page number and count in footers
	"s": true, "d": true, // format verbs
	"applicable": true, "true": true, "false": true, "reasons": true, "status": true, // YAML keys and values in init's comments
	"justification": true, "partial": true, "planned": true, "target_date": true, "reviewed_on": true, "risks": true, "R": true,
	"YYYY": true, "MM": true, "DD": true,
	"soa": true, "validate": true, "generate": true, "migrate": true, "import": true, "review": true, "Excel": true, // command and field names
}

// TestNoEnglishInJapanese: no English words are left in the Japanese text.
func TestNoEnglishInJapanese(t *testing.T) {
	for _, k := range Keys() {
		m, _ := lookup(k)
		ja := m.ja
		for _, w := range latin.FindAllString(ja, -1) {
			if !allowedLatin[w] {
				t.Errorf("%s: Japanese text %q holds the English %q", k, ja, w)
			}
		}
	}
}

func TestDate(t *testing.T) {
	if got := JA.Date("2026-04-01"); got != "2026/04/01" {
		t.Errorf("JA.Date = %q", got)
	}
	if got := EN.Date("2026-04-01"); got != "2026-04-01" {
		t.Errorf("EN.Date = %q", got)
	}
	if got := JA.Date(""); got != "" {
		t.Errorf("JA.Date(\"\") = %q", got)
	}
}

// TestVersion: a bare number is labelled, a version written with words of
// its own is shown as written.
func TestVersion(t *testing.T) {
	for _, tc := range []struct {
		lang    Lang
		v, want string
	}{
		{JA, "3", "第3版"},
		{JA, "2.1", "第2.1版"},
		{JA, "第3版", "第3版"},
		{JA, "第2版", "第2版"},
		{JA, "Rev.3", "Rev.3"},
		{JA, "", ""},
		{EN, "2.1", "SoA version 2.1"},
		{EN, "v2.1", "SoA version v2.1"},
		{EN, "第3版", "SoA version 第3版"},
		{EN, " ", ""},
	} {
		if got := tc.lang.Version(tc.v); got != tc.want {
			t.Errorf("%s.Version(%q) = %q, want %q", tc.lang, tc.v, got, tc.want)
		}
	}
}
