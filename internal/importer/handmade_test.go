package importer_test

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

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

	// The only id column is empty, the ids are under a heading of no
	// field: the column of ids is read.
	data = handmade(t, "SoA",
		[]any{"Clause", "Item", "Applicable?", "Justification"},
		[]any{nil, "5.1", "Yes", "Risk"},
		[]any{nil, "5.2", "Yes", "Risk"},
	)
	if res, err := read(t, data); err != nil || res.Rows != 2 || !strings.Contains(fieldsRead(res), "id=SoA!B1") {
		t.Errorf("ids under Item: %v %v", err, res)
	}
	// No cell holds an id.
	data = handmade(t, "SoA",
		[]any{"Clause", "Item", "Applicable?", "Justification"},
		[]any{nil, "Policy", "Yes", "Risk"},
		[]any{nil, "Roles", "Yes", "Risk"},
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
	if got := diagLines(err, nil); !regexp.MustCompile(`^book.xlsx: error: no control rows found: Cover!B\d+ heads the id column \("No"\)`).MatchString(got) ||
		!strings.Contains(got, "(sheets looked at: Cover, Summary, Gaps, Mapping, Attributes); name the column of ids with --column id=HEADING") {
		t.Errorf("got\n%s", got)
	}
}

// TestObjectiveRows: in a 2013 SoA the rows of the control objectives
// (A.5.1, A.6.2, also split from their title or written without "A.") are
// not 2022 controls, and the clause rows (A.6 | Organization of …) are no
// notes: both are skipped quietly. An objective row holding answers is
// reported, since those answers are not imported.
func TestObjectiveRows(t *testing.T) {
	data := handmade(t, "SoA",
		[]any{"Acme Ltd – Statement of Applicability"},
		[]any{"ISO/IEC 27001:2013"},
		[]any{nil},
		[]any{"Control ref", "Control title", "Applicable?", "Justification for inclusion / exclusion"},
		[]any{"A.5 Information security policies"},
		[]any{"A.5.1 Management direction for information security"},
		[]any{"A.5.1.1", "Policies for information security", "Yes", "Risk"},
		[]any{"A.5.1.2", "Review of the policies for information security", "Yes", "Risk"},
		[]any{"A.6", "Organization of information security"},
		[]any{"A.6.1", "Internal organization"},
		[]any{"A.6.1.1", "Information security roles and responsibilities", "Yes", "Risk"},
		[]any{"6.1.2", "Segregation of duties", "Yes", "Risk"},
		[]any{"6.2 Mobile devices and teleworking"},
		[]any{"A.6.2.1", "Mobile device policy", "Yes", "Risk"},
		[]any{"7.1", "Prior to employment", "Yes", "All staff"},
		[]any{"A.7.1.1", "Screening", "Yes", "Risk"},
		[]any{"A.9", "Access control"},
		[]any{"A.9.1", "Business requirements of access control"},
		[]any{"A.9.1.1", "Access control policy", "Yes", "Risk"},
		[]any{"9.2", "User access management", "Yes", "Risk"},
		[]any{"A.9.2.1", "User registration and de-registration", "Yes", "Risk"},
	)
	res, err := read(t, data)
	if err != nil {
		t.Fatalf("%v", err)
	}
	if res.File.Edition != "2013" || res.Rows != 8 || len(res.File.Controls) != 8 {
		t.Errorf("edition %s, %d rows, %d answers", res.File.Edition, res.Rows, len(res.File.Controls))
	}
	var got []string
	for _, d := range res.Diags {
		if !strings.Contains(d.Msg, "have no row in the workbook") {
			got = append(got, d.String())
		}
	}
	want := []string{
		`book.xlsx:SoA!A15: warning: 7.1 is the control objective A.7.1 (Prior to employment) of ISO/IEC 27001:2013, not a control: its answers (Applicable? "Yes" in C15) are not imported; answer its controls (A.7.1.1, A.7.1.2)`,
		`book.xlsx:SoA!A20: warning: 9.2 is the control objective A.9.2 (User access management) of ISO/IEC 27001:2013, not a control: its answers (Applicable? "Yes" in C20) are not imported; answer its controls (A.9.2.1, A.9.2.2, A.9.2.3, A.9.2.4, A.9.2.5, A.9.2.6)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Skipped != 2 {
		t.Errorf("%d rows skipped, want 2", res.Skipped)
	}

	// In a 2022 sheet, 5.1 is a control.
	data = handmade(t, "SoA",
		[]any{"Control ref", "Control title", "Applicable?", "Justification"},
		[]any{"5 Organizational controls"},
		[]any{"5.1", "Policies for information security", "Yes", "Risk"},
		[]any{"5.2", "Information security roles and responsibilities", "Yes", "Risk"},
		[]any{"6", "People controls"},
		[]any{"6.1", "Screening", "Yes", "Risk"},
	)
	res, err = read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if res.File.Edition != "2022" || res.Rows != 3 || res.Skipped != 0 {
		t.Errorf("edition %s, %d rows, %d skipped: %v", res.File.Edition, res.Rows, res.Skipped, res.Diags)
	}
}

// TestIDSpellings: ids with a trailing full stop, a word before them or
// hyphens between their parts are read; a row holding answers whose id
// still cannot be read is an error, not a note.
func TestIDSpellings(t *testing.T) {
	data := handmade(t, "SoA",
		[]any{"Control ref", "Control title", "Applicable?", "Justification", "Status", "Notes"},
		[]any{"5.3.", "Segregation of duties", "Yes", "Risk", "Implemented"},
		[]any{"Control 5.4", "Management responsibilities", "Yes", "Risk", "Implemented"},
		[]any{"管理策 5.5", "Contact with authorities", "Yes", "Risk", "Implemented"},
		[]any{"管理策5.6", "Contact with special interest groups", "Yes", "Risk", "Implemented"},
		[]any{"5.7. Threat intelligence", nil, "Yes", "Risk", "Implemented"},
		[]any{"five point eight", "Information security in project management", "Yes", "Risk", "Implemented"},
		[]any{nil, "Inventory of information and other associated assets", nil, nil, "Planned"},
		[]any{nil, nil, nil, nil, nil, "Ask IT about the asset register"},
		[]any{"5.99.", "Return of assets", "Yes", "Risk"},
	)
	res, err := read(t, data)
	got := diagLines(err, res)
	for _, want := range []string{
		`book.xlsx:SoA!A7: error: id: "five point eight" is not a control id, but the row holds answers (Applicable? "Yes" in C7); write the id as 5.1 or A.5.1.1, or clear the row`,
		`book.xlsx:SoA!A8: error: id: the row has no control id, but holds answers (Status "Planned" in E8); write its id as 5.1 or A.5.1.1, or clear the row`,
		`book.xlsx:SoA!F9: warning: row without a control id, not imported: "Ask IT about the asset register"`,
		`book.xlsx:SoA!A10: error: control 5.99: no control 5.99 in ISO/IEC 27001:2022 Annex A`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if n := strings.Count(got, "error:"); n != 3 {
		t.Errorf("%d errors, want 3:\n%s", n, got)
	}
	if !strings.Contains(got, "1 control(s) of the 2022 catalogue") && !strings.Contains(got, "88 control(s) of the 2022 catalogue") {
		t.Errorf("5.3 to 5.7 not all read:\n%s", got)
	}

	data = handmade(t, "SoA",
		[]any{"Control ref", "Control title", "Applicable?", "Justification"},
		[]any{"5.1.1.", "Policies for information security", "Yes", "Risk"},
		[]any{"A.5.1.2.", "Review of the policies for information security", "Yes", "Risk"},
		[]any{"6-1-1", "Information security roles and responsibilities", "Yes", "Risk"},
		[]any{"A-6-1-2", "Segregation of duties", "Yes", "Risk"},
		[]any{"Control A.6.1.3", "Contact with authorities", "Yes", "Risk"},
	)
	res, err = read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range res.File.Controls {
		ids = append(ids, a.ID)
	}
	if want := []string{"A.5.1.1", "A.5.1.2", "A.6.1.1", "A.6.1.2", "A.6.1.3"}; !slices.Equal(ids, want) || res.File.Edition != "2013" {
		t.Errorf("edition %s, ids %v, want %v", res.File.Edition, ids, want)
	}
}

// TestFloatIDs: ids stored as numbers, in a sheet with no title column
// and not in catalogue order. A number such as 5.1 is 5.1 or 5.10: the
// row before it settles it only when that is the control before one of
// them in the catalogue; otherwise another row that surely holds one of
// them does (elimination); failing both, two rows holding the same number
// are an error.
func TestFloatIDs(t *testing.T) {
	head := []any{"#", "Applicable", "Status"}
	tests := []struct {
		name string
		rows [][]any
		want string // "id=status …" of the answers, or the error
	}{
		{"elimination", [][]any{{6.1, "Yes", "Implemented"}, {5.1, "Yes", "Planned"}, {5.2, "Yes", "Implemented"}, {"5.1", "Yes", "Partial"}},
			"5.1=partial 5.2=implemented 5.10=planned 6.1=implemented"},
		{"elimination, the sure row second", [][]any{{"5.10", "Yes", "Planned"}, {6.1, "Yes", "Implemented"}, {5.1, "Yes", "Partial"}},
			"5.1=partial 5.10=planned 6.1=implemented"},
		{"after 5.9", [][]any{{5.9, "Yes", "Implemented"}, {5.1, "Yes", "Planned"}, {6.1, "Yes", "Implemented"}},
			"5.9=implemented 5.10=planned 6.1=implemented"},
		{"after 8.9 is no 5.10", [][]any{{8.9, "Yes", "Implemented"}, {5.1, "Yes", "Planned"}},
			"5.1=planned 8.9=implemented"},
		{"nothing tells them apart", [][]any{{6.1, "Yes", "Implemented"}, {5.1, "Yes", "Planned"}, {7.2, "Yes", "Implemented"}, {5.1, "No", nil}},
			`book.xlsx:SoA!A5: error: control 5.1: the control appears twice (first in row 3); keep one row (this cell holds the number 5.1: if it is 5.10, store the ids as text)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := append([][]any{head}, tt.rows...)
			res, err := read(t, handmade(t, "SoA", rows...))
			var got string
			if err != nil {
				got = diagLines(err, nil)
				if i := strings.Index(got, "book.xlsx:SoA!"); i >= 0 {
					got = got[i:]
				}
			} else {
				var parts []string
				for _, a := range res.File.Controls {
					parts = append(parts, a.ID+"="+string(a.Status))
				}
				got = strings.Join(parts, " ")
			}
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestJapaneseHeadingLineBreaks: headings typed over two lines in their
// cell (Alt+Enter), as Japanese SoAs often are, are recognised.
func TestJapaneseHeadingLineBreaks(t *testing.T) {
	data := handmade(t, "Sheet1",
		[]any{"管理策\n番号", "管理策", "適用\n可否", "適用・除外の\n理由", "実施\r\n状況", "担当\n部署"},
		[]any{"5.1", "情報セキュリティのための方針群", "○", "リスク対応", "実施済"},
		[]any{"5.2", "情報セキュリティの役割及び責任", "○", "リスク対応", "一部実施", "総務部"},
	)
	res, err := read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fieldsRead(res), "id=Sheet1!A1 title=Sheet1!B1 applicable=Sheet1!C1 justification=Sheet1!D1 status=Sheet1!E1 owner=Sheet1!F1"; got != want {
		t.Errorf("columns %s, want %s", got, want)
	}
	if a := answer(res, "5.2"); a == nil || a.Owner != "総務部" || a.Status != "partial" {
		t.Errorf("5.2: %+v", a)
	}
}

// TestHeadingVariants: headings with a full stop, a part in brackets
// (ASCII or full-width) or other common wordings are guessed.
func TestHeadingVariants(t *testing.T) {
	tests := []struct {
		heads []any
		want  string
	}{
		{[]any{"Control Ref.", "Control title", "In Scope (Y/N)", "Reason for inclusion/exclusion", "Status of implementation", "Owner(s)"},
			"id title applicable justification status owner"},
		{[]any{"Ref.", "Applicability (Y/N)", "Remarks (Justification for exclusion)", "Implemented (Y/N)"},
			"id applicable justification_exclusion status"},
		{[]any{"Control No.", "Selected (Y/N)", "Reason for inclusion / exclusion", "Notes (optional)"},
			"id applicable justification notes"},
		{[]any{"Sec", "Title", "Applicable?", "Justification"},
			"id title applicable justification"},
		{[]any{"管理策番号", "適用の可否", "適用・除外理由", "実施状況（○/△/×）", "責任部門"},
			"id applicable justification status owner"},
		{[]any{"番号", "適用可否（○/×）", "選定理由", "担当部門"},
			"id applicable justification owner"},
	}
	for _, tt := range tests {
		data := handmade(t, "SoA", tt.heads, []any{"5.1", "Yes"}, []any{"5.2", "Yes"})
		res, err := read(t, data)
		if err != nil {
			t.Errorf("%q: %v", tt.heads, err)
			continue
		}
		var got []string
		for _, c := range res.Columns {
			got = append(got, c.Field)
		}
		if strings.Join(got, " ") != tt.want || len(res.Unmapped) != 0 {
			t.Errorf("%q: read as %v, want %s; not read %v", tt.heads, got, tt.want, res.Unmapped)
		}
	}
}

// TestTwoRowHeader: a heading over two columns (適用 over 適用可否 |
// 適用・除外理由), the others on the first row only: the row of
// sub-headings belongs to the header, and is no row without a control id.
func TestTwoRowHeader(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	rows := [][]any{
		{"管理策番号", "管理策名", "適用", nil, "実施状況", "リスク対応の理由", nil, nil},
		{nil, nil, "適用可否", "適用・除外理由", nil, "法令", "契約", "リスク"},
		{"5.1", "情報セキュリティのための方針群", "○", "基本方針", "実施済", nil, nil, "✓"},
		{"5.2", "情報セキュリティの役割及び責任", "×", "小規模のため", nil},
	}
	for i, row := range rows {
		for c, v := range row {
			if v != nil {
				ref, _ := excelize.CoordinatesToCellName(c+1, i+1)
				f.SetCellValue(sh, ref, v)
			}
		}
	}
	merge(t, f, sh, "C1", "D1")
	merge(t, f, sh, "F1", "H1")
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	res, err := read(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := "id=Sheet1!A1 title=Sheet1!B1 applicable=Sheet1!C2 justification=Sheet1!D2 status=Sheet1!E1 reason_legal=Sheet1!F2 reason_contractual=Sheet1!G2 reason_risk=Sheet1!H2"
	got := fieldsRead(res)
	// Columns are listed by column.
	if strings.Join(sortedFields(got), " ") != strings.Join(sortedFields(want), " ") || res.HeaderRow != 2 {
		t.Errorf("header row %d, columns\n%s\nwant\n%s", res.HeaderRow, got, want)
	}
	if res.Skipped != 0 || len(res.Diags) != 1 { // the controls with no row
		t.Errorf("skipped %d: %v", res.Skipped, res.Diags)
	}
	if a := answer(res, "5.2"); a == nil || *a.Applicable || a.Justification != "小規模のため" {
		t.Errorf("5.2: %+v", a)
	}
	if a := answer(res, "5.1"); a == nil || !slices.Equal(a.Reasons, []string{"risk"}) {
		t.Errorf("5.1: %+v", a)
	}
}

func sortedFields(s string) []string {
	f := strings.Fields(s)
	slices.Sort(f)
	return f
}

// TestLanguage: a hand-made SoA with Japanese headings is Japanese,
// whatever its sheets are called.
func TestLanguage(t *testing.T) {
	for _, tt := range []struct {
		sheet string
		heads []any
		want  string
	}{
		{"Sheet1", []any{"管理策番号", "管理策名", "適用可否", "適用理由"}, "ja"},
		{"附属書A", []any{"No.", "管理策", "適用", "理由"}, "ja"},
		// English is said too, so that import -o keeps language: en.
		{"Sheet1", []any{"Control ref", "Control title", "Applicable", "Justification"}, "en"},
	} {
		res, err := read(t, handmade(t, tt.sheet, tt.heads, []any{"5.1", "x", "○", "y"}))
		if err != nil {
			t.Fatal(err)
		}
		if got := res.File.Org.Language; got != tt.want {
			t.Errorf("%s %q: language %q, want %q", tt.sheet, tt.heads, got, tt.want)
		}
	}
}

// TestCoverValues: a version typed as a number reads as shown (2.0, not
// 2); a label and its value in one cell ("Date: 2023-05-02") are read;
// Japanese dates may be written in the era (令和6年4月1日).
func TestCoverValues(t *testing.T) {
	build := func(title [][]any, fn func(f *excelize.File)) []byte {
		f := excelize.NewFile()
		defer f.Close()
		rows := append(title, []any{nil},
			[]any{"Control ref", "Control title", "Applicable?", "Justification"},
			[]any{"5.1", "Policies for information security", "Yes", "Risk"})
		for i, row := range rows {
			for c, v := range row {
				if v != nil {
					ref, _ := excelize.CoordinatesToCellName(c+1, i+1)
					f.SetCellValue("Sheet1", ref, v)
				}
			}
		}
		if fn != nil {
			fn(f)
		}
		var buf bytes.Buffer
		if _, err := f.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	oneDecimal := func(f *excelize.File, ref string) {
		format := "0.0"
		st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		if err != nil {
			t.Fatal(err)
		}
		f.SetCellStyle("Sheet1", ref, ref, st)
	}
	data := build([][]any{
		{"Organisation:", "Harbour Ltd", nil, "Version:", 2.0},
		{"Date: 2023-05-02", nil, nil, "Approved by: J. Okafor"},
	}, func(f *excelize.File) { oneDecimal(f, "E1") })
	res, err := read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if o := res.File.Org; o.Name != "Harbour Ltd" || o.SoAVersion != "2.0" || o.Date != "2023-05-02" || o.ApprovedBy != "J. Okafor" {
		t.Errorf("organization %+v", o)
	}
	data = build([][]any{
		{"組織名", "株式会社みなと", "版", 3.1},
		{"改訂日", "令和6年4月1日", "承認日", "平成31年4月30日"},
	}, nil)
	res, err = read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if o := res.File.Org; o.Name != "株式会社みなと" || o.SoAVersion != "3.1" || o.Date != "2024-04-01" || o.ApprovedOn != "2019-04-30" {
		t.Errorf("organization %+v", o)
	}

	// soa's own Cover, with versions retyped as numbers.
	data = edit(t, render(t, loadExample(t, "saas-cloud"), i18n.EN), func(f *excelize.File, _ string) {
		rows, _ := f.GetRows("Cover")
		for i, row := range rows {
			if len(row) > 1 && (row[0] == "2.0" || row[0] == "SoA version") {
				ref := fmt.Sprintf("A%d", i+1)
				if row[0] == "SoA version" {
					ref = fmt.Sprintf("B%d", i+1)
				}
				f.SetCellFloat("Cover", ref, 2, -1, 64)
				format := "0.0"
				st, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
				f.SetCellStyle("Cover", ref, ref, st)
			}
		}
	})
	res, err = read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if v, revs := res.File.Org.SoAVersion, res.File.Revisions; v != "2.0" || len(revs) != 3 || revs[1].Version != "2.0" {
		t.Errorf("version %q, revisions %+v", v, revs)
	}
}

// TestNoteRowsWithAnswers: a legend, a totals row or a header row repeated
// down the table holds values that read as answers, but is no control row:
// a warning, and the controls are read. A row that looks like a control's
// (an id-shaped id, a control's title, or several kinds of answers) and
// cannot be read is an error.
func TestNoteRowsWithAnswers(t *testing.T) {
	head := []any{"Control ID", "Title", "Applicable", "Justification", "Implementation status"}
	body := func(from, to int) [][]any {
		var rows [][]any
		for n := from; n <= to; n++ {
			rows = append(rows, []any{fmt.Sprintf("5.%d", n), "t", "Yes", "r", "Implemented"})
		}
		return rows
	}
	cat := func(parts ...[][]any) [][]any {
		var rows [][]any
		for _, p := range parts {
			rows = append(rows, p...)
		}
		return rows
	}
	for _, tc := range []struct {
		name   string
		rows   [][]any
		errors []string // substrings, one per error; none: read with a warning
		warn   string
	}{
		{"repeated header", cat([][]any{head}, body(1, 9), [][]any{head}, body(10, 37)), nil, `SoA!A11: warning: row without a control id, not imported: "Control ID | Title | Applicable`},
		{"totals", cat([][]any{head}, body(1, 37), [][]any{{"Total excluded", nil, 0}}), nil, `SoA!A39: warning: row without a control id, not imported: "Total excluded | 0"`},
		{"legend", cat([][]any{head}, body(1, 37), [][]any{{}, {"凡例", nil, "○", "適用"}}), nil, `SoA!A40: warning: row without a control id, not imported: "凡例 | ○ | 適用"`},
		{"note", cat([][]any{head}, body(1, 37), [][]any{{"注記", nil, "○", "○＝適用、×＝除外"}}), nil, `SoA!A39: warning: row without a control id, not imported`},
		{"id-shaped", cat([][]any{head}, body(1, 37), [][]any{{"5.1.2.3", "t", "Yes"}}), []string{`SoA!A39: error: id: "5.1.2.3" is not a control id, but the row holds answers (Applicable "Yes" in C39)`}, ""},
		{"two answers", cat([][]any{head}, body(1, 37), [][]any{{"five", "t", "No", nil, "Planned"}, {nil, nil, "Yes", nil, "Implemented"}}), []string{
			`SoA!A39: error: id: "five" is not a control id, but the row holds answers (Applicable "No" in C39)`,
			`SoA!A40: error: id: the row has no control id, but holds answers (Applicable "Yes" in C40)`}, ""},
		{"control title", cat([][]any{head}, body(1, 37), [][]any{{nil, "Screening", nil, nil, "Planned"}}), []string{`SoA!A39: error: id: the row has no control id, but holds answers (Implementation status "Planned" in E39)`}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rows [][]any
			rows = append(rows, tc.rows...)
			res, err := read(t, handmade(t, "SoA", rows...))
			got := diagLines(err, res)
			if len(tc.errors) == 0 {
				if err != nil || res.Rows != 37 || !strings.Contains(got, tc.warn) {
					t.Errorf("err %v, %d rows; want %q in\n%s", err, res.Rows, tc.warn, got)
				}
				return
			}
			if n := strings.Count(got, "error:"); n != len(tc.errors) {
				t.Errorf("%d errors, want %d:\n%s", n, len(tc.errors), got)
			}
			for _, want := range tc.errors {
				if !strings.Contains(got, want) {
					t.Errorf("missing %q in\n%s", want, got)
				}
			}
		})
	}
}

// TestFreeTextEnumColumn: a column guessed as the status or applicability
// from its heading ("Implementation (details)") whose cells are mostly free
// text is not read, with a warning, rather than an error in every row; a
// few bad values among good ones are still errors, and so are the values of
// a column the user named.
func TestFreeTextEnumColumn(t *testing.T) {
	rows := func(head string, cell func(n int) string) [][]any {
		out := [][]any{{"Ref", "Title", "Applicable", "Justification", head}}
		for n := 1; n <= 37; n++ {
			out = append(out, []any{fmt.Sprintf("5.%d", n), "t", "Yes", "r", cell(n)})
		}
		return out
	}
	text := func(int) string { return "Documented in the ISMS manual" }
	for _, head := range []string{"Implementation (details)", "Comments (implementation)"} {
		res, err := read(t, handmade(t, "SoA", rows(head, text)...))
		if err != nil {
			t.Fatalf("%s: %v", head, err)
		}
		want := fmt.Sprintf(`book.xlsx:SoA!E1: warning: column %q is not read: 37 of its 37 cells in control rows are no implementation status (such as "Documented in the ISMS manual")`, head)
		if got := diagLines(nil, res); !strings.Contains(got, want) || res.Rows != 37 || len(res.Unmapped) != 1 || res.Unmapped[0].Heading != head {
			t.Errorf("%s: %d rows, unmapped %v; want %q in\n%s", head, res.Rows, res.Unmapped, want, got)
		}
		if a := answer(res, "5.1"); a == nil || a.Status != "" {
			t.Errorf("%s: 5.1 read as %+v", head, a)
		}
	}
	// Named with --column, the column is read and its values checked.
	_, err := readColumns(t, handmade(t, "SoA", rows("Implementation (details)", text)...), map[string]string{"status": "Implementation (details)"})
	if got := diagLines(err, nil); strings.Count(got, "is not an implementation status") != 37 {
		t.Errorf("named column:\n%s", got)
	}
	// One bad value among good ones is an error.
	maybe := rows("Status", func(n int) string {
		if n == 5 {
			return "Maybe"
		}
		return "Implemented"
	})
	_, err = read(t, handmade(t, "SoA", maybe...))
	if got := diagLines(err, nil); !strings.Contains(got, `SoA!E6: error: control 5.5: status: "Maybe" is not an implementation status`) {
		t.Errorf("one bad value:\n%s", got)
	}
}

// TestIDColumnDistinct: of two columns that could hold the ids, the one
// holding more distinct ids is read, not the first one repeating one id.
func TestIDColumnDistinct(t *testing.T) {
	rows := [][]any{{"Section", "Ref", "Control title", "Applicable"}}
	for n := 1; n <= 37; n++ {
		rows = append(rows, []any{"5.1", fmt.Sprintf("5.%d", n), "t", "Yes"})
	}
	res, err := read(t, handmade(t, "SoA", rows...))
	if err != nil {
		t.Fatal(err)
	}
	if got := fieldsRead(res); !strings.HasPrefix(got, "id=SoA!B1 ") || res.Rows != 37 {
		t.Errorf("columns %s, %d rows", got, res.Rows)
	}
}

// TestExcludedCross: Japanese SoAs mark an excluded control × in both the
// applicability and the status column: that × is no status. In a row that
// applies, × in the status column is "not implemented".
func TestExcludedCross(t *testing.T) {
	res, err := read(t, handmade(t, "SoA",
		[]any{"管理策番号", "管理策", "適用可否", "適用理由・除外理由", "実施状況"},
		[]any{"5.1", "t", "×", "使用しない", "×"},
		[]any{"5.2", "t", "×", "使用しない", "✕"},
		[]any{"5.3", "t", "除外", "使用しない", "対象外"},
		[]any{"5.4", "t", "○", "リスク", "×"},
		[]any{"5.5", "t", "○", "リスク", "△"},
	))
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"5.1": "", "5.2": "", "5.3": "", "5.4": "not_implemented", "5.5": "partial"} {
		if a := answer(res, id); a == nil || string(a.Status) != want {
			t.Errorf("%s: %+v, want status %q", id, a, want)
		}
	}
}

// TestObjectiveWord: a control objective written with a word before it
// ("Control A.5.1", "管理策 A.6.1") is an objective row like "A.5.1.", not a
// bad control id.
func TestObjectiveWord(t *testing.T) {
	res, err := read(t, handmade(t, "SoA",
		[]any{"Ref", "Title", "Applicable"},
		[]any{"Control A.5.1", "objective", "Yes"},
		[]any{"Control A.5.1.1", "t", "Yes"},
		[]any{"A.5.1.", "obj"},
		[]any{"管理策 A.6.1", "obj"},
		[]any{"Control 6.1.2", "t", "Yes"},
	))
	if err != nil {
		t.Fatal(diagLines(err, res))
	}
	got := diagLines(nil, res)
	if res.Rows != 2 || res.Skipped != 1 || !strings.Contains(got, `SoA!A2: warning: Control A.5.1 is the control objective A.5.1 (`) {
		t.Errorf("%d rows, %d skipped:\n%s", res.Rows, res.Skipped, got)
	}
}

// TestEraEnded: a date in an era after it ended (平成31年5月1日) is refused
// with a message saying the era ended, and the date to write.
func TestEraEnded(t *testing.T) {
	res, err := read(t, handmade(t, "SoA",
		[]any{"組織名", "テスト"},
		[]any{"発行日", "平成31年5月1日"},
		[]any{nil},
		[]any{"管理策番号", "管理策", "適用可否", "実施状況", "目標期日"},
		[]any{"5.1", "t", "○", "計画中", "平成31年5月1日"},
	))
	got := diagLines(err, res)
	for _, want := range []string{
		`SoA!B2: warning: organization.date: "平成31年5月1日" is not a date, not read: 平成 ended on 2019-04-30: write 令和元年5月1日 (2019-05-01)`,
		`SoA!E5: error: control 5.1: target_date: "平成31年5月1日" is not a date: 平成 ended on 2019-04-30: write 令和元年5月1日 (2019-05-01)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// TestDates1904: a workbook in the 1904 date system (Excel for Mac before
// 2011) stores 2026-04-01 as 44650, not 46113. Its dates are read as the
// days they show, on the Cover and in the SoA table alike.
func TestDates1904(t *testing.T) {
	for _, date1904 := range []bool{false, true} {
		f := excelize.NewFile()
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
			t.Fatal(err)
		}
		format := "yyyy-mm-dd"
		st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		if err != nil {
			t.Fatal(err)
		}
		serial := func(day string) float64 {
			d, _ := time.Parse(time.DateOnly, day)
			epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
			if date1904 {
				epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			return d.Sub(epoch).Hours() / 24
		}
		rows := [][]any{
			{"Organisation:", "Harbour Ltd"},
			{"Date", serial("2026-04-01")},
			{nil},
			{"Control ref", "Control title", "Applicable?", "Justification", "Target date"},
			{"5.1", "Policies for information security", "Yes", "Risk", serial("2027-01-31")},
		}
		for i, row := range rows {
			for c, v := range row {
				if v != nil {
					ref, _ := excelize.CoordinatesToCellName(c+1, i+1)
					f.SetCellValue("Sheet1", ref, v)
				}
			}
		}
		f.SetCellStyle("Sheet1", "B2", "B2", st)
		f.SetCellStyle("Sheet1", "E5", "E5", st)
		var buf bytes.Buffer
		if _, err := f.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		f.Close()
		res, err := read(t, buf.Bytes())
		if err != nil {
			t.Fatalf("date1904=%v: %v", date1904, err)
		}
		if got := res.File.Org.Date; got != "2026-04-01" {
			t.Errorf("date1904=%v: the Cover's date reads %q, want 2026-04-01", date1904, got)
		}
		if c := res.File.Controls; len(c) != 1 || c[0].TargetDate != "2027-01-31" {
			t.Errorf("date1904=%v: the controls read are %+v, want 5.1 with target date 2027-01-31", date1904, c)
		}
	}
}
