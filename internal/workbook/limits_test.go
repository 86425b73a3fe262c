package workbook_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/soa/soatest"
	"github.com/soa-tool/soa/internal/workbook"
	"github.com/xuri/excelize/v2"
)

// TestCellLimitFits: text exactly at the limit, counted in UTF-16 code
// units, is written whole.
func TestCellLimitFits(t *testing.T) {
	scope := strings.Repeat("😀", layout.MaxCellText/2) + "x" // 32,767 units
	src := fmt.Sprintf("organization:\n  name: X\n  scope: %s\n  date: 2026-04-01\n", scope)
	st := soatest.Load(t, "t.yaml", []byte(src))
	data := render(t, st, i18n.EN)
	f := open(t, data)
	if v, _ := f.GetCellValue("Cover", "B5"); v != scope {
		t.Errorf("Cover!B5 holds %d runes, want %d", len([]rune(v)), len([]rune(scope)))
	}
}

func open(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestCellLimitUnchecked: text no check foresaw (a 2013 title, shown on
// the Mapping sheet only) is refused by the workbook, naming the cell,
// rather than cut.
func TestCellLimitUnchecked(t *testing.T) {
	st := soatest.LoadOver(t, soatest.OwnCatalog(t), "t.yaml", []byte("organization:\n  name: X\n  date: 2026-04-01\n"))
	st.Catalog.Control("A.5.1.1").Title = strings.Repeat("x", 40000) // on the Mapping sheet only
	err := workbook.Write(&bytes.Buffer{}, st, analyze(st, i18n.EN), workbook.Options{Lang: i18n.EN})
	if err == nil || !strings.Contains(err.Error(), "Mapping!") || !strings.HasSuffix(err.Error(), ": 40000 characters; an Excel cell holds at most 32767") {
		t.Errorf("a long 2013 title: err = %v", err)
	}
}

// TestFooterLongName: the footer names the organization, the SoA version
// and the page; Excel allows 255 characters in all (counted after & is
// doubled to print as itself). A long name is cut with an ellipsis, short
// enough not to run into the centred version; the version and page number
// stay whole, on every sheet.
func TestFooterLongName(t *testing.T) {
	accents := "e" + strings.Repeat("\u0301", 300) // one column, 301 UTF-16 units
	tests := []struct {
		name, version string
		left          string // the footer's left section, as written
	}{
		{"R&D", "2.1", "R&&D"},
		{"株式会社サンプル精密工業", "2.1", "株式会社サンプル精密工業"},
		{strings.Repeat("R&D ", 80), "2.1", strings.Repeat("R&&D ", 11) + "R&&D…"},
		{strings.Repeat("&", 240), "2.1", strings.Repeat("&&", 47) + "…"},
		{strings.Repeat("😀&", 100), "1.0", strings.Repeat("😀&&", 15) + "😀…"},
		{strings.Repeat("情報", 30), "1.0", strings.Repeat("情報", 11) + "情…"},
		{accents, "1.0", accents[:len("e")+219*len("\u0301")] + "…"},
		{"Example", strings.Repeat("9", 300), "…"},
	}
	for _, tt := range tests {
		src := fmt.Sprintf("organization:\n  name: %q\n  soa_version: %q\n  date: 2026-04-01\n", tt.name, tt.version)
		st := soatest.Load(t, "t.yaml", []byte(src))
		f := open(t, render(t, st, i18n.EN))
		for _, sheet := range f.GetSheetList() {
			hf, err := f.GetHeaderFooter(sheet)
			if err != nil {
				t.Fatal(err)
			}
			footer := hf.OddFooter
			if n := len(utf16.Encode([]rune(footer))); n > 255 {
				t.Errorf("%.20s…: %s: footer is %d UTF-16 units", tt.name, sheet, n)
			}
			left, rest, _ := strings.Cut(strings.TrimPrefix(footer, "&L"), "&C")
			if left != tt.left {
				t.Errorf("%.20s…: %s: left section %q, want %q", tt.name, sheet, left, tt.left)
			}
			want := "SoA version " + tt.version + "&RPage &P of &N"
			if len(tt.version) > 100 {
				// Only a version too long to leave the name any room is cut.
				want = "SoA version " + strings.Repeat("9", 222) + "…&RPage &P of &N"
			}
			if rest != want {
				t.Errorf("%.20s…: %s: footer ends %q, want %q", tt.name, sheet, rest, want)
			}
		}
	}
}
