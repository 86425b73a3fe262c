package yamlfile

import (
	"testing"
	"time"
)

var dateCases = []string{
	"2026-04-01", "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "0000-02-29",
	"2026-12-31", "2026-13-01", "2026-00-10", "2026-04-00", "2026-04-31", "2026-4-1",
	"2026-04-1", "2026-1-02", "20260401", "2026/04/01", "2026-04-01 ", "+026-04-01",
	"2026-0a-01", "-026-04-01", "", "9999-12-31", "2026-11-31", "2026-06-30", "2026-01-32",
}

// TestIsDate: isDate and isLooseDate accept exactly what time.Parse does
// with the layouts they stand for (DateOnly already takes exactly four,
// two and two ASCII digits, so the regexp once beside it added nothing).
func TestIsDate(t *testing.T) {
	for _, s := range dateCases {
		checkDate(t, s)
	}
}

func FuzzIsDate(f *testing.F) {
	for _, s := range dateCases {
		f.Add(s)
	}
	f.Fuzz(checkDate)
}

func checkDate(t *testing.T, s string) {
	_, err := time.Parse(time.DateOnly, s)
	if got := isDate(s); got != (err == nil) {
		t.Errorf("isDate(%q) = %v, time.Parse says %v", s, got, err == nil)
	}
	if isPlainDate(s) {
		_, err := time.Parse("2006-1-2", s)
		if got := isLooseDate(s); got != (err == nil) {
			t.Errorf("isLooseDate(%q) = %v, time.Parse says %v", s, got, err == nil)
		}
	}
}
