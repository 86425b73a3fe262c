package textwidth

import "testing"

func TestWidth(t *testing.T) {
	tests := []struct {
		s     string
		w     int
		trunc string // Truncate(s, 6)
	}{
		{"abc", 3, "abc"},
		{"情報セキュリティ", 16, "情報…"},
		{"ＡＢ", 4, "ＡＢ"},
		{"5.1 方針", 8, "5.1 …"},
		{"", 0, ""},
	}
	for _, tt := range tests {
		if got := Width(tt.s); got != tt.w {
			t.Errorf("Width(%q) = %d, want %d", tt.s, got, tt.w)
		}
		if got := Truncate(tt.s, 6); got != tt.trunc {
			t.Errorf("Truncate(%q, 6) = %q, want %q", tt.s, got, tt.trunc)
		}
		if got := Width(Pad(tt.s, 20)); got != max(20, tt.w) {
			t.Errorf("Pad(%q) is %d wide", tt.s, got)
		}
	}
}
