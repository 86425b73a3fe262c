package importer_test

import (
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/importer"
	"github.com/xuri/excelize/v2"
)

// TestSheetLimits: of a sheet with more rows or columns than an SoA ever
// has, only the first MaxRows rows and MaxColumns columns are read, each
// cut said once; the SoA sheet is read as usual.
func TestSheetLimits(t *testing.T) {
	book := edit(t, render(t, loadExample(t, "saas-cloud"), i18n.EN), func(f *excelize.File, _ string) {
		if _, err := f.NewSheet("Data"); err != nil {
			t.Fatal(err)
		}
		sw, err := f.NewStreamWriter("Data")
		if err != nil {
			t.Fatal(err)
		}
		wide := make([]any, importer.MaxColumns+50)
		for i := range wide {
			wide[i] = i
		}
		for r := 1; r <= importer.MaxRows+1000; r++ {
			row := []any{"x", r}
			if r <= 3 {
				row = wide
			}
			cell, _ := excelize.CoordinatesToCellName(1, r)
			if err := sw.SetRow(cell, row); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	})
	res, err := read(t, book)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 93 || len(res.File.Controls) != 93 {
		t.Errorf("read %d control rows, %d answers", res.Rows, len(res.File.Controls))
	}
	var cuts []string
	for _, d := range res.Diags {
		if strings.Contains(d.Msg, "only the first") {
			cuts = append(cuts, d.String())
		}
	}
	want := []string{
		"book.xlsx:Data!GS1: warning: the sheet has more than 200 columns; only the first 200 are read",
		"book.xlsx:Data!A5001: warning: the sheet has more than 5000 rows; only the first 5000 are read",
	}
	if strings.Join(cuts, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(cuts, "\n"), strings.Join(want, "\n"))
	}
}
