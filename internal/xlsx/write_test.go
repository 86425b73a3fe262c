package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestEscape(t *testing.T) {
	for _, tt := range []struct {
		in, text, attr string
	}{
		{"plain", "plain", "plain"},
		{`a&b<c>"d"`, `a&amp;b&lt;c&gt;"d"`, `a&amp;b&lt;c&gt;&quot;d&quot;`},
		{"two\nlines\tand tab", "two\nlines\tand tab", "two&#10;lines&#9;and tab"},
		{"cr\r\n", "cr_x000D_\n", "cr_x000D_&#10;"},
		{"bell\x07 nul\x00 esc\x1b", "bell_x0007_ nul_x0000_ esc_x001B_", "bell_x0007_ nul_x0000_ esc_x001B_"},
		{"_x0041_ stays", "_x005F_x0041_ stays", "_x005F_x0041_ stays"},
		{"_x004g_ _x12 _x1234", "_x004g_ _x12 _x1234", "_x004g_ _x12 _x1234"},
		{"_x005F_", "_x005F_x005F_", "_x005F_x005F_"},
		{"non\uFFFEchar\uFFFF", "non_xFFFE_char_xFFFF_", "non_xFFFE_char_xFFFF_"},
		{"bad\xffutf8", "bad\uFFFDutf8", "bad\uFFFDutf8"},
		{"日本語 ✓ \U0001F600", "日本語 ✓ \U0001F600", "日本語 ✓ \U0001F600"},
	} {
		if got := string(appendText(nil, tt.in)); got != tt.text {
			t.Errorf("text %q = %q, want %q", tt.in, got, tt.text)
		}
		if got := string(appendAttr(nil, tt.in)); got != tt.attr {
			t.Errorf("attr %q = %q, want %q", tt.in, got, tt.attr)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {37, "37"}, {-2, "-2"}, {0.5, "0.5"}, {-0.25, "-0.25"},
		{33.0 / 37, "0.891891891891891"}, // 15 significant digits, cut
		{0.9186046511627907, "0.918604651162790"},
		{46113, "46113"},
		{1e20, "100000000000000000000"},
		{1234567890123456789, "1234567890123450000"},
		{1.5e-7, "0.00000015"},
	} {
		if got := string(appendNumber(nil, tt.v)); got != tt.want {
			t.Errorf("%v = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestSheetNames(t *testing.T) {
	wb := New("Calibri")
	if _, err := wb.AddSheet("Sheet 1"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"", "sheet 1", "a:b", "a/b", "[x]", "'quoted'", strings.Repeat("x", 32)} {
		if _, err := wb.AddSheet(name); err == nil {
			t.Errorf("AddSheet(%q) succeeded", name)
		}
	}
	if _, err := wb.AddSheet(strings.Repeat("表", 31)); err != nil {
		t.Errorf("31 characters: %v", err)
	}
}

// sample is a small workbook with every kind of content.
func sample(t *testing.T) *Workbook {
	t.Helper()
	wb := New("Calibri")
	wb.Props = Properties{Title: "T & <t>", Creator: "soa", Created: "2026-04-01T00:00:00Z", Modified: "2026-04-01T00:00:00Z"}
	wb.FullCalcOnLoad = true
	wb.Active = 1
	a, err := wb.AddSheet("First")
	if err != nil {
		t.Fatal(err)
	}
	b, err := wb.AddSheet("It's second")
	if err != nil {
		t.Fatal(err)
	}
	bold := wb.AddStyle(Style{Font: Font{Bold: true, Size: 10, Color: "FF0000"}, Fill: "D9E1F2", Border: "BFBFBF",
		Align: Alignment{Horizontal: "center", Vertical: "top", Wrap: true}})
	date := wb.AddStyle(Style{Format: "yyyy-mm-dd"})
	if again := wb.AddStyle(Style{Font: Font{Bold: true, Size: 10, Color: "FF0000"}, Fill: "D9E1F2", Border: "BFBFBF",
		Align: Alignment{Horizontal: "center", Vertical: "top", Wrap: true}}); again != bold {
		t.Errorf("the same style twice: ids %d and %d", bold, again)
	}
	hl := wb.AddHighlight(Highlight{Color: "006100", Fill: "C6EFCE"})
	for _, s := range []*Sheet{a, b} {
		s.SetString(3, 1, "third")
		s.SetString(1, 1, "  leading and trailing  ")
		s.SetString(2, 1, "ctl\x01 _x0041_ <&>\r\nline")
		s.SetStyle(Cells(1, 1, 3, 1), bold)
		s.SetNumber(1, 2, 37)
		s.SetNumber(2, 2, 0.125)
		s.SetDate(3, 2, time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
		s.SetStyle(Cells(3, 2, 3, 2), date)
		s.SetFormulaNumber(4, 2, "A2*2", 74)
		s.SetFormula(5, 2, `IF(A2=0,"",1)`)
		s.Merge(Cells(1, 4, 3, 4))
		s.SetColWidth(1, 20)
		s.SetColWidth(2, 20)
		s.HideColumn(5)
		s.SetRowHeight(1, 30)
		s.Freeze(1, 1)
		s.AutoFilter(Cells(1, 1, 5, 2))
		s.PrintTitleRows(1, 1)
		s.BreakBefore(3)
		if err := s.AddList(Cells(1, 2, 1, 9), []string{"Yes", "No"}, "Pick", "Yes, No"); err != nil {
			t.Fatal(err)
		}
		if err := s.AddConditional(Cells(1, 2, 1, 9), Rule{Equal: `"Yes"`, Highlight: hl}); err != nil {
			t.Fatal(err)
		}
		s.SetPage(Page{Paper: 9, Landscape: true, FitWidth: 1, Left: 0.4, Right: 0.4, Top: 0.7, Bottom: 0.7, Header: 0.3, Footer: 0.3, OddFooter: "&LA && B&RPage &P"})
	}
	if err := b.AddBarChart(1, 6, BarChart{Title: "Chart", Width: 400, Height: 200, Legend: "b",
		Series: []Series{{Name: "'It''s second'!$A$1", Categories: "'It''s second'!$A$2:$A$3", Values: "'It''s second'!$B$2:$B$3", Color: "006100"}}}); err != nil {
		t.Fatal(err)
	}
	return wb
}

func write(t *testing.T, wb *Workbook) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRoundTrip reads a written workbook back with excelize, a client
// independent of this writer.
func TestRoundTrip(t *testing.T) {
	data := write(t, sample(t))
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"First", "It's second"}) {
		t.Fatalf("sheets %v", got)
	}
	for _, sheet := range f.GetSheetList() {
		for ref, want := range map[string]string{
			"A1": "  leading and trailing  ", "B1": "ctl\x01 _x0041_ <&>\r\nline", "C1": "third",
			"A2": "37", "B2": "0.125", "C2": "46113", "D2": "74",
		} {
			if got, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true}); got != want {
				t.Errorf("%s!%s = %q, want %q", sheet, ref, got, want)
			}
		}
		if got, _ := f.GetCellFormula(sheet, "D2"); got != "A2*2" {
			t.Errorf("%s!D2 formula %q", sheet, got)
		}
		st, _ := f.GetCellStyle(sheet, "A1")
		if s, err := f.GetStyle(st); err != nil || !s.Font.Bold || s.Font.Color != "FF0000" || s.Alignment == nil || !s.Alignment.WrapText {
			t.Errorf("%s!A1 style %+v, %v", sheet, s, err)
		}
		if vis, _ := f.GetColVisible(sheet, "E"); vis {
			t.Errorf("%s: column E visible", sheet)
		}
		if m, _ := f.GetMergeCells(sheet); len(m) != 1 || m[0].GetStartAxis() != "A4" || m[0].GetEndAxis() != "C4" {
			t.Errorf("%s: merged %v", sheet, m)
		}
	}
	if props, err := f.GetDocProps(); err != nil || props.Title != "T & <t>" {
		t.Errorf("title %q, %v", props.Title, err)
	}
}

// TestBytes: the same workbook gives the same bytes, its entries in the
// order Parts lists, all dated 1980-01-01.
func TestBytes(t *testing.T) {
	a, b := write(t, sample(t)), write(t, sample(t))
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same workbook differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if want := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC); !f.Modified.Equal(want) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, want)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rc); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		rc.Close()
	}
	want := []string{
		"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
		"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/theme/theme1.xml", "xl/styles.xml",
		"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/_rels/sheet2.xml.rels",
		"xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/charts/chart1.xml",
		"xl/sharedStrings.xml",
	}
	if !slices.Equal(names, want) {
		t.Errorf("entries\n%q\nwant\n%q", names, want)
	}
	if p := sample(t).Parts(); !slices.Equal(p, want) {
		t.Errorf("Parts() = %q", p)
	}
}

// TestCellOrder: cells written out of order come out in column order.
func TestCellOrder(t *testing.T) {
	wb := New("Calibri")
	s, _ := wb.AddSheet("S")
	s.SetString(3, 1, "c")
	s.SetString(1, 1, "a")
	s.SetString(2, 1, "b")
	s.SetString(1, 1, "A") // overwrites
	b := s.appendRows(nil)
	want := `<sheetData><row r="1"><c r="A1" t="s"><v>3</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s"><v>0</v></c></row></sheetData>`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}
