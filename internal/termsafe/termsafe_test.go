package termsafe

import (
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"plain, 日本語\ttab":      "plain, 日本語\ttab",
		"\x1b[31mred\x1b[0m":   `\x1b[31mred\x1b[0m`,
		"bell\a":               `bell\x07`,
		"two\nlines\r\n":       `two\nlines\r\n`,
		"::error::x\n::stop::": `::error::x\n::stop::`,
		"nel\u0085csi\u009b":   `nel\u0085csi\u009b`,
		"rtl\u202eevil":        `rtl\u202eevil`,
		"sep\u2028x":           `sep\u2028x`,
		"del\x7f":              `del\x7f`,
		"bad\xffutf8":          `bad\xffutf8`,
	} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Text("a\nb\x1b"); got != "a\nb\\x1b" {
		t.Errorf("Text = %q", got)
	}
}

func FuzzString(f *testing.F) {
	f.Add("a\x1b\n\u0085\u202e")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range String(s) {
			if Unsafe(r) {
				t.Fatalf("String(%q) keeps %U", s, r)
			}
		}
	})
}

func TestWriter(t *testing.T) {
	var b strings.Builder
	w := NewWriter(&b)
	in := "title\x1b]0;pwned\a\nあ"
	for i := range len(in) { // one byte at a time: runes split between writes
		w.Write([]byte{in[i]})
	}
	if want := "title\\x1b]0;pwned\\x07\nあ"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
