package importer_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"github.com/soa-tool/soa/internal/layout"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// merge merges from:to as Excel does: the cells other than the top-left
// one lose their values.
func merge(t *testing.T, f *excelize.File, sh, from, to string) {
	t.Helper()
	c1, r1, _ := excelize.CellNameToCoordinates(from)
	c2, r2, _ := excelize.CellNameToCoordinates(to)
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			if c == c1 && r == r1 {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c, r)
			if err := f.SetCellValue(sh, ref, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.MergeCell(sh, from, to); err != nil {
		t.Fatal(err)
	}
}

// TestMergedCells: a value merged over several rows belongs to each of
// them; one merged across columns belongs to its first column only.
func TestMergedCells(t *testing.T) {
	var first int
	data := edit(t, render(t, loadExample(t, "saas-cloud"), i18n.EN), func(f *excelize.File, sh string) {
		// One owner for 5.2, 5.3 and 5.4.
		first = rowOf(t, f, sh, "5.2")
		f.SetCellStr(sh, fmt.Sprintf("K%d", first), "ISMS Committee")
		merge(t, f, sh, fmt.Sprintf("K%d", first), fmt.Sprintf("K%d", first+2))
		// The justification of an excluded control merged across Status,
		// Owner and Evidence, which are empty.
		r := rowOf(t, f, sh, "7.5")
		merge(t, f, sh, fmt.Sprintf("I%d", r), fmt.Sprintf("L%d", r))
		// On the Cover: one date for the first two revisions.
		rows, _ := f.GetRows("Cover")
		for i, row := range rows {
			if len(row) > 0 && row[0] == "1.0" {
				merge(t, f, "Cover", fmt.Sprintf("B%d", i+1), fmt.Sprintf("B%d", i+2))
			}
		}
	})
	res, err := read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"5.2", "5.3", "5.4"} {
		if a := answer(res, id); a == nil || a.Owner != "ISMS Committee" {
			t.Errorf("%s: owner %+v, want ISMS Committee", id, a)
		}
	}
	if a := answer(res, "5.5"); a.Owner == "ISMS Committee" {
		t.Error("5.5: the merged owner spilled over the range")
	}
	if a := answer(res, "7.5"); a == nil || !strings.HasPrefix(a.Justification, "We own no buildings") || a.Status != "" || a.Owner != "" || a.Evidence != nil {
		t.Errorf("7.5: %+v", a)
	}
	if len(res.Diags) != 0 {
		t.Errorf("diagnostics: %v", res.Diags)
	}
	revs := res.File.Revisions
	if len(revs) != 3 || revs[0].Date != "2024-03-15" || revs[1].Date != "2024-03-15" || revs[2].Date != "2026-04-01" {
		t.Errorf("revisions: %+v", revs)
	}
}

// TestMergedHeader: a hand-made SoA with a two-row header. The reasons
// heading spans their five columns (a horizontal merge); the other
// headings are merged over both rows, and Owner over two columns as
// well. The rows of one control whose id is merged over two rows are one
// control.
func TestMergedHeader(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	set := func(ref, v string) {
		if err := f.SetCellStr(sh, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range []struct{ from, to, text string }{
		{"A1", "A2", "Control ref"}, {"B1", "B2", "Control title"}, {"C1", "C2", "Applicable"},
		{"D1", "H1", "Reasons for inclusion"}, {"I1", "I2", "Justification"}, {"J1", "J2", "Status"},
		{"K1", "L2", "Owner"},
	} {
		set(h.from, h.text)
		merge(t, f, sh, h.from, h.to)
	}
	for i, h := range []string{"Legal", "Contractual", "Risk", "Business", "Best practice"} {
		set(fmt.Sprintf("%c2", 'D'+i), h)
	}
	rows := [][]string{
		{"5.1", "Policies for information security", "Yes", "", "", "✓", "", "", "Board approved", "Implemented", "CISO"},
		{"5.2", "Information security roles and responsibilities", "Yes", "✓", "✓", "", "", "", "Contracts", "Partially implemented", "COO"},
		{"5.3", "Segregation of duties", "Yes", "", "", "✓", "", "", "Small team", "Planned", "CTO"},
		{"5.4", "Management responsibilities", "Yes", "", "", "", "", "✓", "Good practice", "Implemented", "CEO"},
	}
	for i, row := range rows {
		for c, v := range row {
			if v != "" {
				set(fmt.Sprintf("%c%d", 'A'+c, i+3), v)
			}
		}
	}
	// A second line for 5.4, its id merged over both rows.
	set("I7", "Second thought")
	merge(t, f, sh, "A6", "A7")
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	res, err := read(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if res.HeaderRow != 2 {
		t.Errorf("header row %d, want 2", res.HeaderRow)
	}
	var fields []string
	for _, c := range res.Columns {
		fields = append(fields, c.Field)
	}
	want := []string{"id", "title", "applicable", "reason_legal", "reason_contractual", "reason_risk", "reason_business", "reason_best_practice", "justification", "status", "owner"}
	if !slices.Equal(fields, want) {
		t.Errorf("fields %v, want %v", fields, want)
	}
	if len(res.Unmapped) != 0 {
		t.Errorf("unmapped %v", res.Unmapped)
	}
	if a := answer(res, "5.2"); a == nil || !slices.Equal(a.Reasons, []string{"legal", "contractual"}) || a.Status != answers.Partial || a.Owner != "COO" {
		t.Errorf("5.2: %+v", a)
	}
	if a := answer(res, "5.4"); a == nil || !slices.Equal(a.Reasons, []string{"best_practice"}) || a.Owner != "CEO" {
		t.Errorf("5.4: %+v", a)
	}
	if res.Rows != 4 || res.Skipped != 1 || !strings.Contains(res.Diags.Error(), `book.xlsx:Sheet1!I7: warning: row without a control id, not imported: "Second thought"`) {
		t.Errorf("rows %d, skipped %d, diags %v", res.Rows, res.Skipped, res.Diags)
	}
}

// TestMergedHuge: ranges merged down to the last row and across to the
// last column of the sheet are read only as far as the sheet has cells.
// (The merges are written into the sheet's XML: excelize's MergeCell
// itself makes every cell of such a range.)
func TestMergedHuge(t *testing.T) {
	book := render(t, loadExample(t, "saas-cloud"), i18n.EN)
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	patched := false
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == "xl/worksheets/sheet2.xml" {
			// 8.34's owner over every row below it; one range over the rest
			// of the sheet.
			i := bytes.Index(b, []byte("<mergeCell "))
			if i < 0 {
				t.Fatal("no mergeCell in the SoA sheet")
			}
			cols := layout.Columns("2022")
			owner, _ := excelize.ColumnNumberToName(cols.Of(answers.KeyOwner))
			past, _ := excelize.ColumnNumberToName(len(cols) + 1)
			b = slices.Concat(b[:i], []byte(`<mergeCell ref="`+owner+`98:`+owner+`1048576"/><mergeCell ref="`+past+`1:XFD1048576"/>`), b[i:])
			patched = true
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil || !patched {
		t.Fatal(err, patched)
	}
	res, err := read(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if a := answer(res, "8.34"); a == nil || a.Owner != "CISO" {
		t.Errorf("8.34: %+v", a)
	}
	if res.Rows != 93 || res.Skipped != 0 || len(res.Diags) != 0 {
		t.Errorf("rows %d, skipped %d, diags %v", res.Rows, res.Skipped, res.Diags)
	}
}
