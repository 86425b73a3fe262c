package workbook_test

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestMappingTables: the Mapping sheet holds the two directions as two
// tables that share no rows, 2022 → 2013 first, and the 2013 table starts a
// printed page of its own.
func TestMappingTables(t *testing.T) {
	for _, ex := range examples {
		t.Run(ex.name, func(t *testing.T) {
			data := render(t, load(t, ex.name), ex.lang)
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheet := f.GetSheetList()[4]
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			id22, id13 := regexp.MustCompile(`^[5-8]\.\d+$`), regexp.MustCompile(`^A\.\d+\.\d+\.\d+$`)
			var n22, n13, first13 int
			for i, r := range rows {
				if len(r) > 3 {
					t.Errorf("row %d has %d cells: %q", i+1, len(r), r)
				}
				if len(r) == 0 {
					continue
				}
				switch {
				case id22.MatchString(r[0]):
					n22++
					if n13 > 0 {
						t.Errorf("row %d: 2022 control %s below the 2013 table", i+1, r[0])
					}
				case id13.MatchString(r[0]):
					n13++
					if first13 == 0 {
						first13 = i + 1
					}
				}
			}
			if n22 != 93 || n13 != 114 {
				t.Errorf("%d 2022 rows and %d 2013 rows, want 93 and 114", n22, n13)
			}
			// 2 band and header rows per table, and a blank row between.
			if first13 != 2+93+1+2+1 {
				t.Errorf("the 2013 table's first control on row %d", first13)
			}
			if len(rows[first13-4]) != 0 {
				t.Errorf("no blank row between the tables: %q", rows[first13-4])
			}
		})
	}
}
