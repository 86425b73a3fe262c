// Package textwidth measures text as terminals and spreadsheets lay it out:
// East Asian wide and full-width characters take two columns.
package textwidth

import (
	"strings"
	"unicode"
)

// Width returns the number of columns s takes.
func Width(s string) int {
	w := 0
	for _, r := range s {
		w += RuneWidth(r)
	}
	return w
}

// RuneWidth returns 0 for combining marks and control characters, 2 for
// wide characters and 1 otherwise.
func RuneWidth(r rune) int {
	if r < 0x300 { // below the first combining mark: Latin, and the C0 and C1 controls
		if r < 0x20 || r >= 0x7F && r < 0xA0 {
			return 0
		}
		return 1
	}
	switch {
	case r == 0, unicode.Is(unicode.Mn, r), unicode.IsControl(r):
		return 0
	case wide(r):
		return 2
	}
	return 1
}

// wide reports whether r is East Asian Wide or Fullwidth. The ranges cover
// CJK ideographs, kana, Hangul, full-width forms and CJK punctuation, which
// is what soa's Japanese output contains.
func wide(r rune) bool {
	return (r >= 0x1100 && r <= 0x115F) ||
		(r >= 0x2E80 && r <= 0x303E) ||
		(r >= 0x3041 && r <= 0x33FF) ||
		(r >= 0x3400 && r <= 0x4DBF) ||
		(r >= 0x4E00 && r <= 0x9FFF) ||
		(r >= 0xA000 && r <= 0xA4CF) ||
		(r >= 0xAC00 && r <= 0xD7A3) ||
		(r >= 0xF900 && r <= 0xFAFF) ||
		(r >= 0xFE30 && r <= 0xFE4F) ||
		(r >= 0xFF00 && r <= 0xFF60) ||
		(r >= 0xFFE0 && r <= 0xFFE6) ||
		(r >= 0x1F300 && r <= 0x1F64F) ||
		(r >= 0x20000 && r <= 0x3FFFD)
}

// Truncate shortens s to at most w columns, ending it with "…" when cut.
func Truncate(s string, w int) string {
	if Width(s) <= w {
		return s
	}
	out, used := []rune{}, 0
	for _, r := range s {
		rw := RuneWidth(r)
		if used+rw > w-1 {
			break
		}
		out = append(out, r)
		used += rw
	}
	return string(out) + "…"
}

// Pad appends spaces to s until it takes w columns, all at once: a
// string for every space added made a 30-column column of the gap report
// cost dozens of allocations a line.
func Pad(s string, w int) string {
	if n := Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
