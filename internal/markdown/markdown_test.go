package markdown

import "testing"

func TestEscape(t *testing.T) {
	for _, tt := range []struct{ in, cell, line string }{
		{"plain text", "plain text", "plain text"},
		{"a|b", `a\|b`, `a\|b`},
		{"<script>x</script>", "&lt;script&gt;x&lt;/script&gt;", "&lt;script&gt;x&lt;/script&gt;"},
		{"*bold* _it_ `code` [l](u)", "\\*bold\\* \\_it\\_ \\`code\\` \\[l\\](u)", "\\*bold\\* \\_it\\_ \\`code\\` \\[l\\](u)"},
		{"two\nlines", "two<br>lines", "two lines"},
		{"evil\n# heading", "evil<br>\\# heading", "evil \\# heading"},
		{"~gone~ $x$ Team #", "\\~gone\\~ \\$x\\$ Team \\#", "\\~gone\\~ \\$x\\$ Team \\#"},
		{`back\slash & amp`, `back\\slash &amp; amp`, `back\\slash &amp; amp`},
	} {
		if got := Cell(tt.in); got != tt.cell {
			t.Errorf("Cell(%q) = %q, want %q", tt.in, got, tt.cell)
		}
		if got := Line(tt.in); got != tt.line {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.line)
		}
	}
}
