package importer_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/importer"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/xuri/excelize/v2"
)

// edit opens a generated workbook, applies fn to its SoA sheet, and
// returns the bytes.
func edit(t *testing.T, data []byte, fn func(f *excelize.File, sheet string)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fn(f, f.GetSheetList()[1])
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rowOf returns the sheet row of control id.
func rowOf(t *testing.T, f *excelize.File, sheet, id string) int {
	rows, _ := f.GetRows(sheet)
	for i, r := range rows {
		if len(r) > 0 && r[0] == id {
			return i + 1
		}
	}
	t.Fatalf("no row %s", id)
	return 0
}

func read(t testing.TB, data []byte) (*importer.Result, error) {
	t.Helper()
	return importer.Read(data, defaultCatalog(t), importer.Options{Name: "book.xlsx"})
}

func answer(res *importer.Result, id string) *answers.Answer {
	for _, a := range res.File.Controls {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// TestEdited: values typed in other cases and spellings, sorted rows,
// inserted note rows and hidden rows are all read.
func TestEdited(t *testing.T) {
	data := edit(t, render(t, loadExample(t, "saas-cloud"), i18n.EN), func(f *excelize.File, sh string) {
		r := rowOf(t, f, sh, "5.7")
		f.SetCellStr(sh, fmt.Sprintf("J%d", r), "IMPLEMENTED")
		r = rowOf(t, f, sh, "7.4")
		f.SetCellStr(sh, fmt.Sprintf("C%d", r), "yes")
		f.SetCellStr(sh, fmt.Sprintf("F%d", r), "x")
		f.SetCellStr(sh, fmt.Sprintf("J%d", r), "in progress")
		r = rowOf(t, f, sh, "8.11")
		f.SetCellStr(sh, fmt.Sprintf("M%d", r), "2026/12/31")
		// A row of the user's own notes, and a hidden row.
		f.InsertRows(sh, r, 1)
		f.SetCellStr(sh, fmt.Sprintf("N%d", r), "Ask the DBA team about masking in staging")
		f.SetRowVisible(sh, r+5, false)
		// Swap two rows: sorted by someone.
		a, b := rowOf(t, f, sh, "5.1"), rowOf(t, f, sh, "5.2")
		ra, _ := f.GetRows(sh)
		for c, v := range ra[a-1] {
			ref, _ := excelize.CoordinatesToCellName(c+1, b)
			f.SetCellStr(sh, ref, v)
		}
		for c, v := range ra[b-1] {
			ref, _ := excelize.CoordinatesToCellName(c+1, a)
			f.SetCellStr(sh, ref, v)
		}
	})
	res, err := read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if a := answer(res, "5.7"); a.Status != answers.Implemented {
		t.Errorf("5.7 status %q", a.Status)
	}
	if a := answer(res, "7.4"); !*a.Applicable || a.Status != answers.Partial || !slices.Equal(a.Reasons, []string{"risk"}) {
		t.Errorf("7.4 %+v", a)
	}
	if a := answer(res, "8.11"); a.TargetDate != "2026-12-31" {
		t.Errorf("8.11 target %q", a.TargetDate)
	}
	if res.Rows != 93 || res.Skipped != 1 || len(res.Diags) != 1 || !strings.Contains(res.Diags[0].String(), `warning: row without a control id, not imported: "Ask the DBA team`) {
		t.Errorf("rows %d skipped %d diags %v", res.Rows, res.Skipped, res.Diags)
	}
	if res.File.Controls[0].ID != "5.1" {
		t.Error("answers are not in catalogue order")
	}
}

// TestBadValues: every bad cell is reported, with its cell, in one run.
func TestBadValues(t *testing.T) {
	var cells map[string]string
	data := edit(t, render(t, loadExample(t, "saas-cloud"), i18n.EN), func(f *excelize.File, sh string) {
		r17 := rowOf(t, f, sh, "5.14")
		f.SetCellStr(sh, fmt.Sprintf("C%d", r17), "Maybe")
		r2 := rowOf(t, f, sh, "5.2")
		f.SetCellStr(sh, fmt.Sprintf("J%d", r2), "Done-ish")
		f.SetCellStr(sh, fmt.Sprintf("M%d", r2), "31/12/2026")
		r3 := rowOf(t, f, sh, "5.3")
		f.SetCellStr(sh, fmt.Sprintf("A%d", r3), "5.99")
		r4 := rowOf(t, f, sh, "6.4")
		f.SetCellStr(sh, fmt.Sprintf("A%d", r4), "6.3")
		f.SetCellStr(sh, fmt.Sprintf("E%d", r4), "maybe")
		cells = map[string]string{"c": fmt.Sprint(r17), "j": fmt.Sprint(r2), "a": fmt.Sprint(r3), "d": fmt.Sprint(r4)}
	})
	_, err := read(t, data)
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("err = %v", err)
	}
	want := []string{
		"book.xlsx:SoA!J" + cells["j"] + `: error: control 5.2: status: "Done-ish" is not an implementation status`,
		"book.xlsx:SoA!M" + cells["j"] + `: error: control 5.2: target_date: "31/12/2026" is not a date`,
		"book.xlsx:SoA!A" + cells["a"] + `: error: control 5.99: no control 5.99 in ISO/IEC 27001:2022 Annex A`,
		"book.xlsx:SoA!C" + cells["c"] + `: error: control 5.14: applicable: "Maybe" is not a value for applicability (use Yes or No`,
		"book.xlsx:SoA!E" + cells["d"] + `: error: control 6.3: reasons: "maybe" does not mark a reason`,
		"book.xlsx:SoA!A" + cells["d"] + `: error: control 6.3: the control appears twice`,
	}
	got := l.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, got)
		}
	}
	if n := l.Count(diag.Error); n != len(want) {
		t.Errorf("%d errors, want %d:\n%s", n, len(want), got)
	}
}

func TestBadFiles(t *testing.T) {
	empty := excelize.NewFile()
	empty.SetSheetName("Sheet1", "Notes")
	empty.SetCellStr("Notes", "A1", "Nothing to see")
	var noTable bytes.Buffer
	empty.WriteTo(&noTable)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not xlsx", []byte("id,applicable\n5.1,yes\n"), "book.xlsx: error: not an .xlsx workbook"},
		{"encrypted", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), "book.xlsx: error: the workbook is password-protected (encrypted), or an old .xls file"},
		{"too large", append([]byte("PK\x03\x04"), make([]byte, importer.MaxFileSize)...), "book.xlsx: error: the workbook is larger than the limit of 32 MiB"},
		{"broken zip", []byte("PK\x03\x04garbage"), "book.xlsx: error: cannot read the workbook: "},
		{"no table", noTable.Bytes(), "book.xlsx: error: no SoA table found: no sheet has a header row naming a control id column"},
	}
	for _, tt := range tests {
		_, err := read(t, tt.data)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestRandomRoundTrip: random answers survive generate → import.
func TestRandomRoundTrip(t *testing.T) {
	cat := defaultCatalog(t)
	rng := rand.New(rand.NewPCG(7, 11))
	texts := []string{"Plain text", "=SUM(A1)", "Text with\nline break", "日本語の理由（テスト）", "  padded", "a | b; c", "<script>x</script>", "-1"}
	for iter := range 12 {
		var b strings.Builder
		b.WriteString("organization: {name: \"Org " + fmt.Sprint(iter) + "\", date: 2026-04-01}\ncontrols:\n")
		for _, id := range cat.ControlIDs("2022") {
			switch rng.IntN(5) {
			case 0:
				continue
			case 1:
				fmt.Fprintf(&b, "  %q: {applicable: false, justification: %q}\n", id, texts[rng.IntN(len(texts))])
			default:
				st := answers.Statuses[rng.IntN(4)]
				fmt.Fprintf(&b, "  %q: {applicable: true, reasons: [%s], justification: %q, status: %s, owner: %q, evidence: [%q, %q], target_date: 2026-%02d-15, notes: %q, review: %q}\n",
					// An owner is one line (validate refuses a line break in it).
					id, answers.Reasons[rng.IntN(5)], texts[rng.IntN(len(texts))], st, strings.ReplaceAll(texts[rng.IntN(len(texts))], "\n", " "),
					// Evidence items are one line each: the workbook lists them one per line.
					strings.ReplaceAll(texts[rng.IntN(len(texts))], "\n", " "), "DOC-"+id, 1+rng.IntN(12), texts[rng.IntN(len(texts))],
					// A review is shown after the notes, behind a mark in the
					// workbook's language; import takes it back out.
					[]string{"", "", "check the merged answer\n[2013 A.5.1.2] ask the CISO", "統合した回答を確認すること。"}[rng.IntN(4)])
			}
		}
		st, l := soa.Load(cat, "r.yaml", []byte(b.String()))
		if st == nil {
			t.Fatalf("%v\n%s", l, b.String())
		}
		lang := []i18n.Lang{i18n.EN, i18n.JA}[iter%2]
		data := render(t, st, lang)
		res, err := read(t, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range st.Rows {
			want, got := row.Answer, answer(res, row.Control.ID)
			if want == nil {
				if got != nil {
					t.Fatalf("iter %d %s: unanswered became %+v", iter, row.Control.ID, got)
				}
				continue
			}
			// Import trims the whitespace around single-line values, as people
			// leave it in spreadsheets by accident.
			var ev []string
			for _, e := range want.Evidence {
				ev = append(ev, strings.TrimSpace(e))
			}
			w := fmt.Sprintf("%v %v %q %s %q %q %s %q %q", *want.Applicable, want.Reasons, strings.TrimSpace(want.Justification), want.Status, strings.TrimSpace(want.Owner), ev, want.TargetDate, want.Notes, want.Review)
			g := fmt.Sprintf("%v %v %q %s %q %q %s %q %q", *got.Applicable, got.Reasons, got.Justification, got.Status, got.Owner, got.Evidence, got.TargetDate, got.Notes, got.Review)
			if w != g {
				t.Fatalf("iter %d (%s) %s:\nwant %s\n got %s", iter, lang, row.Control.ID, w, g)
			}
		}
	}
}

func BenchmarkImport(b *testing.B) {
	data := render(b, loadExample(b, "saas-cloud"), i18n.EN)
	cat := defaultCatalog(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := importer.Read(data, cat, importer.Options{Name: "b.xlsx"}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestUserCatalogue: controls of a user's own sets round-trip too.
func TestUserCatalogue(t *testing.T) {
	cat := customCatalog(t)
	src := "organization: {name: X, date: 2026-04-01}\ncontrols:\n" +
		"  CLD.6.3.1: {applicable: true, reasons: [contractual], justification: Shared model, status: implemented, owner: CTO, evidence: [RACI]}\n" +
		"  ORG-1: {applicable: false, justification: Not yet}\n"
	st, l := soa.Load(cat, "c.yaml", []byte(src))
	if st == nil {
		t.Fatal(l)
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.JA} {
		res, err := importer.Read(render(t, st, lang), cat, importer.Options{Name: "c.xlsx"})
		if err != nil {
			t.Fatal(err)
		}
		if a := answer(res, "CLD.6.3.1"); a == nil || a.Owner != "CTO" {
			t.Errorf("%s: CLD.6.3.1: %+v", lang, a)
		}
		if a := answer(res, "ORG-1"); a == nil || *a.Applicable {
			t.Errorf("%s: ORG-1: %+v", lang, a)
		}
		// The band of the user's theme ("Cloud services") is no stray row.
		if len(res.Diags) != 0 || res.Skipped != 0 {
			t.Errorf("%s: %d rows skipped: %v", lang, res.Skipped, res.Diags)
		}
	}
	data := render(t, st, i18n.EN)
	// Without the user's catalogue, those rows are errors, not notes.
	_, err := importer.Read(data, defaultCatalog(t), importer.Options{Name: "c.xlsx"})
	if err == nil || !strings.Contains(err.Error(), "control CLD.6.3.1: no control CLD.6.3.1 in the catalogue") {
		t.Errorf("err = %v", err)
	}
}

// TestReadProblems: a missing --column heading, an exclusion without a
// justification, deleted rows, and a number that hid 8.10.
func TestReadProblems(t *testing.T) {
	data := edit(t, render(t, loadExample(t, "saas-cloud"), i18n.EN), func(f *excelize.File, sh string) {
		r := rowOf(t, f, sh, "7.5")
		f.SetCellStr(sh, fmt.Sprintf("I%d", r), "")
		f.RemoveRow(sh, rowOf(t, f, sh, "6.2"))
		// 8.10 typed as a number, with a title that does not settle it:
		// coming after 8.9, it is read as 8.10.
		r = rowOf(t, f, sh, "8.10")
		f.SetCellFloat(sh, fmt.Sprintf("A%d", r), 8.1, -1, 64)
		f.SetCellStr(sh, fmt.Sprintf("B%d", r), "Deletion")
		// A number that nothing settles clashes with 8.1, with a hint.
		r = rowOf(t, f, sh, "8.12")
		f.SetCellFloat(sh, fmt.Sprintf("A%d", r), 8.1, -1, 64)
		f.SetCellStr(sh, fmt.Sprintf("B%d", r), "Leakage")
	})
	_, err := importer.Read(data, defaultCatalog(t), importer.Options{Name: "b.xlsx", Columns: map[string]string{"owner": "Control owner"}})
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("err = %v", err)
	}
	got := l.Error()
	for _, want := range []string{
		`b.xlsx:SoA!A1: error: --column owner="Control owner": the header row has no such heading (headings: Control | Control title | Applicable`,
		`error: control 7.5: justification: excluded without a justification`,
		`b.xlsx: warning: 2 control(s) of the 2022 catalogue have no row in the workbook, so nothing is read for them: 6.2, 8.12`,
		`error: control 8.1: the control appears twice (first in row`,
		`(this cell holds the number 8.1: if it is 8.10, store the ids as text)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}
