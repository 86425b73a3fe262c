package importer_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/importer"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// The workbooks of these tests reproduce, one cause each, why SoAs made
// by other people did not import (issue 14). Each is built here with
// excelize: small, and made once per test.

// book builds a workbook: sheets in order, each its rows from A1 down,
// then edit for styles, merges and properties.
func book(t *testing.T, sheets []string, rows map[string][][]any, edit func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh); err != nil {
			t.Fatal(err)
		}
		for r, row := range rows[sh] {
			for c, v := range row {
				if v == nil {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(sh, ref, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if edit != nil {
		edit(f)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mustRead(t *testing.T, data []byte, opts importer.Options) *importer.Result {
	t.Helper()
	if opts.Name == "" {
		opts.Name = "book.xlsx"
	}
	res, err := importer.Read(data, defaultCatalog(t), opts)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return res
}

func yes(a *answers.Answer) bool { return a != nil && a.Applicable != nil && *a.Applicable }
func no(a *answers.Answer) bool  { return a != nil && a.Applicable != nil && !*a.Applicable }

// table22 is a small 2022 table under header.
func table22(header []any, rows ...[]any) [][]any { return append([][]any{header}, rows...) }

// TestOrgAndDateFound: the organization and the date wherever a person
// looks: merged title lines, a Document Control sheet, labels, English
// long dates, the document properties.
func TestOrgAndDateFound(t *testing.T) {
	t.Parallel()
	body := [][]any{
		{"Control", "Title", "Applicable", "Justification"},
		{"5.1", "Policies for information security", "Yes", "Risk"},
		{"5.2", "Information security roles and responsibilities", "Yes", "Risk"},
	}
	cases := []struct {
		name        string
		sheets      []string
		rows        map[string][][]any
		edit        func(f *excelize.File)
		org, date   string
		version     string
		wantWarning string
	}{
		{name: "title lines", sheets: []string{"SoA"}, rows: map[string][][]any{"SoA": append([][]any{
			{"Example Financial Services Ltd — ISO 27001:2022 Statement of Applicability"},
			{"Version 1.0 | 01 April 2026"}, {nil}}, body...)},
			edit: func(f *excelize.File) { f.MergeCell("SoA", "A1", "D1"); f.MergeCell("SoA", "A2", "D2") },
			org:  "Example Financial Services Ltd", date: "2026-04-01", version: "1.0"},
		{name: "document control", sheets: []string{"Document Control", "Annex A"}, rows: map[string][][]any{
			"Document Control": {{"Organisation", "Acme GmbH"}, {"Last Review Date", "April 1, 2026"}},
			"Annex A":          body},
			org: "Acme GmbH", date: "2026-04-01"},
		{name: "document details", sheets: []string{"Document Details", "SoA"}, rows: map[string][][]any{
			"Document Details": {{"Company name:", "Nordlicht AG"}, {"Assessment date", "10 May 2026"}},
			"SoA":              body},
			org: "Nordlicht AG", date: "2026-05-10"},
		{name: "labels in the title block", sheets: []string{"SoA"}, rows: map[string][][]any{"SoA": append([][]any{
			{"Client", "Blue Harbour Ltd"}, {"Effective date", "2026-03-31"}, {nil}}, body...)},
			org: "Blue Harbour Ltd", date: "2026-03-31"},
		{name: "last reviewed", sheets: []string{"Cover", "SoA"}, rows: map[string][][]any{
			"Cover": {{"Statement of Applicability"}, {"Organization", "Kappa BV"}, {"Last Reviewed", "1st Feb 2026"}},
			"SoA":   body},
			org: "Kappa BV", date: "2026-02-01"},
		{name: "document properties", sheets: []string{"SoA"}, rows: map[string][][]any{"SoA": body},
			edit: func(f *excelize.File) {
				f.SetDocProps(&excelize.DocProperties{Title: "Zeta Labs Ltd - Statement of Applicability", Modified: "2026-03-03T10:00:00Z", Created: "2026-03-01T10:00:00Z"})
			},
			org: "Zeta Labs Ltd", date: "2026-03-03", wantWarning: "when the workbook was last saved"},
		{name: "none", sheets: []string{"SoA"}, rows: map[string][][]any{"SoA": body}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustRead(t, book(t, c.sheets, c.rows, c.edit), importer.Options{})
			o := res.File.Org
			if o.Name != c.org || o.Date != c.date || (c.version != "" && o.SoAVersion != c.version) {
				t.Errorf("org %q date %q version %q, want %q %q %q", o.Name, o.Date, o.SoAVersion, c.org, c.date, c.version)
			}
			if c.wantWarning != "" && !strings.Contains(res.Diags.Error(), c.wantWarning) {
				t.Errorf("no warning %q in\n%v", c.wantWarning, res.Diags)
			}
			if len(res.File.Controls) != 2 {
				t.Errorf("%d controls", len(res.File.Controls))
			}
		})
	}
}

// TestMarksAndSymbolFonts: marks in every common glyph, and letters in
// Wingdings and Wingdings 2 read by their font; a symbol that cannot be
// read is an error with its cell, never "not marked".
func TestMarksAndSymbolFonts(t *testing.T) {
	t.Parallel()
	rows := [][]any{
		{"Control", "Title", "Applicable", "LR", "CO", "BR/BP", "RRA", "Justification"},
		{"5.1", "Policies for information security", "n", "ü", nil, nil, "P", "Risk"}, // Wingdings n ■ | ü ✓ | Wingdings 2 P ✓
		{"5.2", "Information security roles and responsibilities", "▪", "■", "☑", "Χ", nil, "Risk"},
		{"5.3", "Segregation of duties", "R", "T", "O", nil, nil, "Risk"},             // Wingdings 2: R ☑, T ☒, O ✗
		{"5.4", "Management responsibilities", "û", nil, nil, nil, nil, "Small firm"}, // Wingdings û ✗
		{"5.5", "Contact with authorities", "✔", "q", nil, nil, nil, "Risk"},          // Wingdings 2 q: unreadable
	}
	data := book(t, []string{"SoA"}, map[string][][]any{"SoA": rows}, func(f *excelize.File) {
		wd, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Wingdings"}})
		wd2, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Wingdings 2"}})
		for _, ref := range []string{"C2", "D2", "C5"} {
			f.SetCellStyle("SoA", ref, ref, wd)
		}
		for _, ref := range []string{"G2", "C4", "D4", "E4", "D6"} {
			f.SetCellStyle("SoA", ref, ref, wd2)
		}
	})
	res, err := importer.Read(data, defaultCatalog(t), importer.Options{Name: "book.xlsx"})
	if err == nil {
		t.Fatal("no error for the unreadable symbol")
	}
	if got := err.Error(); !strings.Contains(got, "book.xlsx:SoA!D6: error: control 5.5: reasons: \"q [a symbol in the font Wingdings 2 that soa cannot read]\" does not mark a reason") {
		t.Errorf("error:\n%s", got)
	}
	_ = res
	// Without the unreadable cell, every mark reads.
	rows[5][3] = nil
	data = book(t, []string{"SoA"}, map[string][][]any{"SoA": rows}, func(f *excelize.File) {
		wd, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Wingdings"}})
		wd2, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Wingdings 2"}})
		for _, ref := range []string{"C2", "D2", "C5"} {
			f.SetCellStyle("SoA", ref, ref, wd)
		}
		for _, ref := range []string{"G2", "C4", "D4", "E4"} {
			f.SetCellStyle("SoA", ref, ref, wd2)
		}
	})
	res = mustRead(t, data, importer.Options{})
	got := map[string]string{}
	for _, a := range res.File.Controls {
		got[a.ID] = strings.Join(a.Reasons, ",")
		if a.Applicable != nil {
			got[a.ID] += map[bool]string{true: " yes", false: " no"}[*a.Applicable]
		}
	}
	want := map[string]string{"5.1": "legal,risk yes", "5.2": "legal,contractual,business yes", "5.3": "legal yes", "5.4": " no", "5.5": " yes"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s = %q, want %q", id, got[id], w)
		}
	}
}

// TestStatusQualifiers: a status with a qualifier reads as its status,
// the qualifier kept in the notes; N/A … on an excluded control is no
// status.
func TestStatusQualifiers(t *testing.T) {
	t.Parallel()
	data := book(t, []string{"SoA"}, map[string][][]any{"SoA": table22(
		[]any{"Control", "Title", "Applicable", "Justification", "Status", "Owner", "Evidence", "Notes"},
		[]any{"5.1", "Policies for information security", "Yes", "Risk", "Implemented (Documented)", "N/A", "-", "TBD"},
		[]any{"5.2", "Information security roles and responsibilities", "Yes", "Risk", "Gap — Not Addressed", "CISO", "—", nil},
		[]any{"5.3", "Segregation of duties", "Yes", "Risk", "Mostly Implemented", "なし", "該当なし", "Review"},
		[]any{"5.4", "Management responsibilities", "Yes", "Risk", "Not Assessed", nil, nil, nil},
		[]any{"5.5", "Contact with authorities", "No", "Cloud provider", "N/A - AWS Responsibility", nil, nil, nil},
	)}, nil)
	res := mustRead(t, data, importer.Options{})
	for _, c := range []struct {
		id, status, notes, owner string
		evidence                 int
	}{
		{"5.1", "implemented", "Status in the workbook: Implemented (Documented)", "", 0},
		{"5.2", "not_implemented", "Status in the workbook: Gap — Not Addressed", "CISO", 0},
		{"5.3", "partial", "Review", "", 0},
		{"5.4", "", "Status in the workbook: Not Assessed", "", 0},
		{"5.5", "", "Status in the workbook: N/A - AWS Responsibility", "", 0},
	} {
		a := answer(res, c.id)
		if a == nil || string(a.Status) != c.status || a.Notes != c.notes || a.Owner != c.owner || len(a.Evidence) != c.evidence {
			t.Errorf("%s: %+v, want status %q notes %q owner %q", c.id, a, c.status, c.notes, c.owner)
		}
	}
}

// TestTitleOfAnotherControl: a row whose title is another control's is a
// warning naming both and the cell.
func TestTitleOfAnotherControl(t *testing.T) {
	t.Parallel()
	data := book(t, []string{"SoA"}, map[string][][]any{"SoA": table22(
		[]any{"Ref", "Control", "Applicable", "Justification"},
		[]any{"A.6.1.1", "Information security roles and responsibilities", "Yes", "Risk"},
		[]any{"A.6.1.2", "Contact with authorities", "Yes", "Risk"},
		[]any{"A.6.1.3", "Contact with the authorities (regulators)", "Yes", "Risk"},
		[]any{"A.6.1.4", "Contact with special interest groups", "Yes", "Risk"},
	)}, nil)
	res := mustRead(t, data, importer.Options{})
	want := `book.xlsx:SoA!B3: warning: control A.6.1.2: title: the row of A.6.1.2 (Segregation of duties) has the title of A.6.1.3 ("Contact with authorities")`
	if got := res.Diags.Error(); !strings.Contains(got, want) || strings.Count(got, "has the title of") != 1 {
		t.Errorf("diagnostics:\n%s\nwant one\n%s", got, want)
	}
}

// TestIDColumnOfDistinctIDs: the column of distinct Annex A ids, with
// their titles, wins over a column of clause references.
func TestIDColumnOfDistinctIDs(t *testing.T) {
	t.Parallel()
	rows := [][]any{{"ISMS Clause", "ISO 27001:2022 Annex A", "Applicable", "Justification"}}
	cat := defaultCatalog(t)
	ids := cat.ControlIDs("2022")[:20]
	for _, id := range ids {
		rows = append(rows, []any{"8.1", "A." + id + " " + cat.Control(id).Title, "Yes", "Risk"})
	}
	res := mustRead(t, book(t, []string{"SoA"}, map[string][][]any{"SoA": rows}, nil), importer.Options{})
	if res.Rows != 20 || len(res.File.Controls) != 20 || res.File.Controls[19].ID != ids[19] {
		t.Errorf("%d rows, %d controls; columns %s", res.Rows, len(res.File.Controls), fieldsRead(res))
	}
}

// TestThreeRowHeader: a header over three rows with vertical merges; ids
// stored as dates and as numbers shown with two decimals read as shown.
func TestThreeRowHeader(t *testing.T) {
	t.Parallel()
	data := book(t, []string{"SoA"}, map[string][][]any{"SoA": {
		{"Ref", "Control title", "Selection", nil, nil, nil, "Implementation", nil},
		{nil, nil, "Applicable", "Reasons", nil, nil, "Status", "Owner"},
		{nil, nil, nil, "LR", "CO", "RRA", nil, nil},
		{"5.1", "Policies for information security", "Yes", "x", nil, "x", "Implemented", "CISO"},
		{5.1, "Acceptable use of information and other associated assets", "Yes", nil, "x", nil, "Planned", "PMO"},
		{nil, "Inventory of information and other associated assets", "Yes", nil, nil, "x", "Implemented", "IT"},
	}}, func(f *excelize.File) {
		f.MergeCell("SoA", "A1", "A3")
		f.MergeCell("SoA", "B1", "B3")
		f.MergeCell("SoA", "C1", "F1")
		f.MergeCell("SoA", "G1", "H1")
		f.MergeCell("SoA", "C2", "C3")
		f.MergeCell("SoA", "D2", "F2")
		f.MergeCell("SoA", "G2", "G3")
		f.MergeCell("SoA", "H2", "H3")
		two, _ := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00: 5.1 shows 5.10
		f.SetCellStyle("SoA", "A5", "A5", two)
		// 5.9 stored as a date: 2005-05-09 shown as m.d.
		date, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("m.d")})
		f.SetCellValue("SoA", "A6", 38481)
		f.SetCellStyle("SoA", "A6", "A6", date)
	})
	res := mustRead(t, data, importer.Options{})
	if res.HeaderRow != 3 {
		t.Errorf("header row %d; columns %s", res.HeaderRow, fieldsRead(res))
	}
	for id, want := range map[string]string{"5.1": "legal,risk", "5.10": "contractual", "5.9": ""} {
		a := answer(res, id)
		if a == nil || strings.Join(a.Reasons, ",") != want && id != "5.9" {
			t.Errorf("%s: %+v", id, a)
		}
	}
	if a := answer(res, "5.9"); a == nil || a.Owner != "IT" {
		t.Errorf("5.9 stored as a date: %+v; diags %v", a, res.Diags)
	}
}

func ptr[T any](v T) *T { return &v }

// TestFloatObjectiveRows: 2013 section numbers stored as numbers with
// binary noise (5.0999999999999996) are control-objective rows.
func TestFloatObjectiveRows(t *testing.T) {
	t.Parallel()
	data := book(t, []string{"SoA"}, map[string][][]any{"SoA": {
		{"Section", "Control", "Applicable", "Justification"},
		{5.1, "Management direction for information security"},
		{"A.5.1.1", "Policies for information security", "Yes", "Risk"},
		{"A.5.1.2", "Review of the policies for information security", "Yes", "Risk"},
		{8.1999999999999993, "Information classification"},
		{"A.8.2.1", "Classification of information", "Yes", "Risk"},
		{"A.8.2.2", "Labelling of information", "Yes", "Risk"},
		{8.3000000000000007, "Media handling"},
		{"A.8.3.1", "Management of removable media", "Yes", "Risk"},
	}}, nil)
	res := mustRead(t, data, importer.Options{})
	if res.File.Edition != "2013" || len(res.File.Controls) != 5 {
		t.Errorf("edition %s, %d controls; %v", res.File.Edition, len(res.File.Controls), res.Diags)
	}
}

// TestEdition2005Refused: an SoA of the 2005 edition is refused with one
// message naming it.
func TestEdition2005Refused(t *testing.T) {
	t.Parallel()
	rows := [][]any{{"Control", "Title", "Applicable", "Justification"}}
	for _, id := range []string{"A.10.1.1", "A.10.2.1", "A.10.3.1", "A.10.4.1", "A.11.7.1", "A.15.3.1", "A.5.1.1"} {
		rows = append(rows, []any{id, "x", "Yes", "Risk"})
	}
	_, err := importer.Read(book(t, []string{"SoA"}, map[string][][]any{"SoA": rows}, nil), defaultCatalog(t), importer.Options{Name: "book.xlsx"})
	if err == nil || strings.Count(err.Error(), "\n") != 0 || !strings.Contains(err.Error(), "ISO/IEC 27001:2005") {
		t.Errorf("err = %v", err)
	}
	// Named in the title line.
	rows = [][]any{{"ISO/IEC 27001:2005 Statement of Applicability"}, {nil}, {"Control", "Title", "Applicable", "Justification"}, {"A.5.1.1", "x", "Yes", "Risk"}}
	_, err = importer.Read(book(t, []string{"SoA"}, map[string][][]any{"SoA": rows}, nil), defaultCatalog(t), importer.Options{Name: "book.xlsx"})
	if err == nil || !strings.Contains(err.Error(), "ISO/IEC 27001:2005 (SoA!A1 says so)") {
		t.Errorf("err = %v", err)
	}
}

// TestValueOption: --value maps a value like --column maps a heading, and
// the error for an unknown value says so.
func TestValueOption(t *testing.T) {
	t.Parallel()
	data := book(t, []string{"SoA"}, map[string][][]any{"SoA": table22(
		[]any{"Control", "Title", "Applicable", "Justification", "Status"},
		[]any{"5.1", "Policies for information security", "Jawohl", "Risk", "Erledigt"},
		[]any{"5.2", "Information security roles and responsibilities", "Ja", "Risk", "Umgesetzt"},
	)}, nil)
	_, err := importer.Read(data, defaultCatalog(t), importer.Options{Name: "book.xlsx"})
	if err == nil || !strings.Contains(err.Error(), "--value applicable:Jawohl=VALUE (VALUE yes or no)") || !strings.Contains(err.Error(), "--value status:Erledigt=VALUE") {
		t.Errorf("err = %v", err)
	}
	res := mustRead(t, data, importer.Options{Values: map[string]map[string]string{"applicable": {"jawohl": "yes"}, "status": {"Erledigt": "implemented"}}})
	if a := answer(res, "5.1"); !yes(a) || a.Status != "implemented" {
		t.Errorf("5.1: %+v", a)
	}
}

// TestCSV: CSV in UTF-8 with and without a BOM, UTF-16 and Shift_JIS,
// separated by commas, semicolons or tabs, read as a sheet.
func TestCSV(t *testing.T) {
	t.Parallel()
	en := "Control;Title;Applicable;Justification\n5.1;Policies for information security;Yes;Risk\n5.2;Information security roles and responsibilities;No;\"Small; one person\"\n"
	ja := "管理策番号\t管理策\t適用可否\t理由\n5.1\t情報セキュリティのための方針群\t○\tリスク対応\n5.2\t情報セキュリティの役割及び責任\t×\t小規模のため\n"
	sjis, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte(ja))
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(strings.ReplaceAll(en, ";", ",")))
	for name, data := range map[string][]byte{
		"utf8.csv":     []byte(en),
		"utf8-bom.csv": append([]byte{0xEF, 0xBB, 0xBF}, en...),
		"utf16.csv":    u16,
		"sjis.csv":     sjis,
		"tab.tsv":      []byte(strings.ReplaceAll(en, ";", "\t")),
	} {
		res := mustRead(t, data, importer.Options{Name: name})
		if a, b := answer(res, "5.1"), answer(res, "5.2"); !yes(a) || !no(b) || b.Justification == "" {
			t.Errorf("%s: %+v %+v; %v", name, a, b, res.Diags)
		}
	}
}
