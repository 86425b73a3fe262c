package importer_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/importer"
	"github.com/xuri/excelize/v2"
)

// handmade builds a workbook of one sheet holding rows from A1 down, as a
// person might type them: strings, numbers, and nil for an empty cell.
func handmade(t *testing.T, sheet string, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, i+1)
			if err := f.SetCellValue(sheet, ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readColumns(t *testing.T, data []byte, columns map[string]string) (*importer.Result, error) {
	t.Helper()
	return importer.Read(data, defaultCatalog(t), importer.Options{Name: "book.xlsx", Columns: columns})
}

// fieldsRead lists "field=cell" for each column the import read.
func fieldsRead(res *importer.Result) string {
	var out []string
	for _, c := range res.Columns {
		out = append(out, c.Field+"="+c.Cell)
	}
	return strings.Join(out, " ")
}

// diagLines are the diagnostics as printed, one per line.
func diagLines(err error, res *importer.Result) string {
	var l diag.List
	if errors.As(err, &l) {
		return l.Error()
	}
	if res != nil {
		return res.Diags.Error()
	}
	return fmt.Sprint(err)
}

// TestColumnOverride: a column the user names with --column wins over a
// column guessed for the same field from its heading, wherever that is.
func TestColumnOverride(t *testing.T) {
	data := handmade(t, "SoA",
		[]any{"Clause", "Sec", "Applicable?", "Justification"},
		[]any{nil, "5.1", "Yes", "Risk"},
		[]any{nil, "5.2", "Yes", "Risk"},
		[]any{nil, "5.3", "No", "Small team"},
	)
	res, err := readColumns(t, data, map[string]string{"id": "Sec"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fieldsRead(res), "id=SoA!B1 applicable=SoA!C1 justification=SoA!D1"; got != want {
		t.Errorf("columns %s, want %s", got, want)
	}
	if res.Rows != 3 || len(res.File.Controls) != 3 || answer(res, "5.3") == nil || *answer(res, "5.3").Applicable {
		t.Errorf("rows %d, controls %d", res.Rows, len(res.File.Controls))
	}
	if !slices.ContainsFunc(res.Unmapped, func(c importer.Column) bool { return c.Heading == "Clause" }) {
		t.Errorf("Clause is not reported as not read: %+v", res.Unmapped)
	}

	// One heading named for two fields: the message says so; it never
	// claims that a heading of the row is missing.
	_, err = readColumns(t, data, map[string]string{"id": "Sec", "title": "Sec"})
	if got := diagLines(err, nil); !strings.Contains(got, `book.xlsx:SoA!B1: error: --column title="Sec": the column is already read as id (--column id="Sec")`) {
		t.Errorf("got\n%s", got)
	}
	_, err = readColumns(t, data, map[string]string{"id": "Sec", "owner": "Owner"})
	if got := diagLines(err, nil); !strings.Contains(got, `book.xlsx:SoA!A1: error: --column owner="Owner": the header row has no such heading (headings: Clause | Sec | Applicable? | Justification)`) {
		t.Errorf("got\n%s", got)
	}
}

// TestNoControlRows: the id column is the one holding control ids, and a
// table needs at least one control row; a workbook with none is an error
// naming the sheets looked at, not an empty answers file.
func TestNoControlRows(t *testing.T) {
	// Two columns headed as the id: the one holding ids is read.
	data := handmade(t, "SoA",
		[]any{"Clause", "Control no", "Applicable?", "Justification"},
		[]any{nil, "5.1", "Yes", "Risk"},
		[]any{nil, "5.2", "Yes", "Risk"},
	)
	res, err := read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fieldsRead(res), "id=SoA!B1 applicable=SoA!C1 justification=SoA!D1"; got != want || res.Rows != 2 {
		t.Errorf("columns %s, want %s; %d rows", got, want, res.Rows)
	}

	// The only id column is empty.
	data = handmade(t, "SoA",
		[]any{"Clause", "Item", "Applicable?", "Justification"},
		[]any{nil, "5.1", "Yes", "Risk"},
		[]any{nil, "5.2", "Yes", "Risk"},
	)
	_, err = read(t, data)
	want := `book.xlsx: error: no control rows found: SoA!A1 heads the id column ("Clause"), but no cell below it holds a control id such as 5.1 or A.5.1.1 (sheets looked at: SoA); name the column of ids with --column id=HEADING`
	if got := diagLines(err, nil); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	// soa's workbook without its SoA sheet: the Cover's legend (Applicable
	// | No) is no table.
	data = edit(t, render(t, loadExample(t, "saas-cloud"), i18n.EN), func(f *excelize.File, sh string) {
		if err := f.DeleteSheet(sh); err != nil {
			t.Fatal(err)
		}
	})
	_, err = read(t, data)
	if got := diagLines(err, nil); !strings.HasPrefix(got, "book.xlsx: error: no control rows found: Cover!B21 heads the id column (\"No\")") ||
		!strings.Contains(got, "(sheets looked at: Cover, Summary, Gaps, Mapping, Attributes); name the column of ids with --column id=HEADING") {
		t.Errorf("got\n%s", got)
	}
}
