package reader

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpen: no input makes the reader panic, and what it reads stays
// within its limits. Seeded with the small real workbooks of the test data
// and the hand-made shapes of TestShapes.
func FuzzOpen(f *testing.F) {
	files, _ := filepath.Glob("../../../testdata/import/*.xlsx")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil && len(data) < 16<<10 {
			f.Add(data)
		}
	}
	f.Add(simple(f, mainNS, `<workbookPr date1904="1"/>`, `<row><c t="inlineStr"><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c><c><f t="shared" ref="B1:B2" si="0">1</f><v>1</v></c></row>`, `<si><t>x_x0041_</t></si>`))
	f.Add(simple(f, strictNS, "", `<row r="3"><c r="C3" s="1"><v>40179</v></c></row>`, ""))
	lim := Limits{MaxUnzipped: 1 << 20, MaxEntries: 50, MaxDepth: 32, MaxRows: 100, MaxColumns: 20, MaxMerges: 10}
	f.Fuzz(func(t *testing.T, data []byte) {
		wb, err := Open(data, lim)
		if err != nil {
			return
		}
		for _, name := range wb.SheetNames() {
			sh, err := wb.Sheet(name)
			if err != nil {
				continue
			}
			if len(sh.Rows) > lim.MaxRows || len(sh.Merges) > lim.MaxMerges {
				t.Fatalf("%s: %d rows, %d merges", name, len(sh.Rows), len(sh.Merges))
			}
			for i, row := range sh.Rows {
				if len(row.Cells) > lim.MaxColumns {
					t.Fatalf("%s: row %d has %d cells", name, i+1, len(row.Cells))
				}
				for j, c := range row.Cells {
					wb.Shown(c)
					sh.StyleOf(j+1, i+1)
				}
			}
		}
	})
}

// FuzzFormatNumber: any format code and value render without panicking.
func FuzzFormatNumber(f *testing.F) {
	for _, code := range refFormats {
		f.Add("5.1", code, false)
	}
	f.Add("40179", `[$-411]yyyy"年"m"月"d"日";@`, true)
	f.Fuzz(func(t *testing.T, v, code string, date1904 bool) {
		FormatNumber(v, code, date1904)
	})
}
