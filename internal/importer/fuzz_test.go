package importer

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
)

// FuzzRead: no workbook may crash the importer, and every failure is a
// diag.List naming the file.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/import/*.xlsx")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	cat, err := catalog.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Read(data, cat, Options{Name: "f.xlsx"})
		var l diag.List
		if err != nil && !errors.As(err, &l) {
			t.Fatalf("error %T: %v", err, err)
		}
	})
}

// FuzzValues: the cell readers accept or refuse any text without panicking,
// and what they accept is well formed.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"5.1", "A.5.1.1", "5.0999999999", "2026-04-01", "2026年4月1日", "45000", "○", "Partially implemented", "N/A", "a.18.2.3 Technical", ""} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, numeric bool) {
		if id, ok := parseID(s, numeric); ok && id.edition != "2013" && id.edition != "2022" {
			t.Fatalf("parseID(%q) = %+v", s, id)
		}
		if d, ok := parseDate(s); ok && d != "" && len(d) != 10 {
			t.Fatalf("parseDate(%q) = %q", s, d)
		}
		parseStatus(s)
		parseApplicable(s)
		parseMark(s)
		parseReasons(s)
		normalize(s)
	})
}
