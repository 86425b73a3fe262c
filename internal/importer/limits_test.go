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

// TestUnknownIDShapes: a column of ids shaped like controls that the
// catalogue does not have says which, and what to do.
func TestUnknownIDShapes(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range [][]any{
		{"Control ID", "Title", "Applicable", "Justification"},
		{"CLD.9.1", "t", "Yes", "r"}, {"CLD.9.2", "t", "Yes", "r"}, {"CLD.9.1", "t", "No", "r"}, {"XYZ.1", "t", "Yes", "r"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf strings.Builder
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	_, err := read(t, []byte(buf.String()))
	want := `book.xlsx: error: no control rows found: the cells below Sheet1!A1 ("Control ID") hold ids such as CLD.9.1, CLD.9.2, XYZ.1, which are no controls`
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "--catalog DIR") {
		t.Errorf("got %v\nwant %s…", err, want)
	}
}
