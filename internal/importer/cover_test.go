package importer_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// TestCoverProblems: Cover dates that cannot be read, and a formula with
// no saved value, are reported with their cells and not read.
func TestCoverProblems(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.JA} {
		cover := lang.T("wb.sheet.cover")
		cells := map[string]string{}
		data := edit(t, render(t, loadExample(t, "saas-cloud"), lang), func(f *excelize.File, _ string) {
			rows, _ := f.GetRows(cover)
			at := func(label string, off int, next ...string) string {
				for i, row := range rows {
					if len(row) > len(next) && row[0] == label && slices.Equal(row[1:1+len(next)], next) {
						return fmt.Sprintf("B%d", i+1+off)
					}
				}
				t.Fatalf("no %q on %s", label, cover)
				return ""
			}
			cells["date"] = at(lang.T("wb.date"), 0)
			// The approval block: the name in B, its date in D.
			cells["approved_on"] = "D" + at(lang.T("wb.approved_by"), 0)[1:]
			cells["prepared_by"] = at(lang.T("wb.prepared_by"), 0)
			cells["revision"] = at(lang.T("wb.rev.version"), 2, lang.T("wb.rev.date")) // the second revision
			f.SetCellStr(cover, cells["date"], "next Tuesday")
			f.SetCellStr(cover, cells["approved_on"], "08/04/2026")
			f.SetCellStr(cover, cells["revision"], "March 2025")
			f.SetCellValue(cover, cells["prepared_by"], nil)
			if err := f.SetCellFormula(cover, cells["prepared_by"], `"Priya"`); err != nil {
				t.Fatal(err)
			}
		})
		res, err := read(t, data)
		if err != nil {
			t.Fatal(err)
		}
		const fix = " is not a date, not read (write 2026-04-01 or 2026/04/01, or use a date cell)"
		want := []string{
			"book.xlsx:" + cover + "!" + cells["date"] + `: warning: organization.date: "next Tuesday"` + fix,
			"book.xlsx:" + cover + "!" + cells["prepared_by"] + ": warning: organization.prepared_by: formula with no saved value, not read; open and save the workbook in Excel or LibreOffice so its value is stored",
			"book.xlsx:" + cover + "!" + cells["approved_on"] + `: warning: organization.approved_on: "08/04/2026"` + fix,
			"book.xlsx:" + cover + "!" + cells["revision"] + `: warning: revisions.date: "March 2025"` + fix,
		}
		var got []string
		for _, d := range res.Diags {
			got = append(got, d.String())
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: diagnostics:\n%s\nwant\n%s", lang, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		o := res.File.Org
		if o.Date != "" || o.ApprovedOn != "" || o.PreparedBy != "" || o.ApprovedBy != "Tom Whitfield, CEO" {
			t.Errorf("%s: organization %+v", lang, o)
		}
		if revs := res.File.Revisions; len(revs) != 3 || revs[1].Date != "" || revs[1].Version != "2.0" {
			t.Errorf("%s: revisions %+v", lang, revs)
		}
	}
}

// TestCoverFreeText: text in the revision history and the legend that
// reads like a label and its value ("Approved by: …", "Date: …") is no
// organization field: only the title block holds those.
func TestCoverFreeText(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.JA} {
		cover := lang.T("wb.sheet.cover")
		data := edit(t, render(t, loadExample(t, "saas-cloud"), lang), func(f *excelize.File, _ string) {
			rows, _ := f.GetRows(cover)
			for i, row := range rows {
				switch {
				case len(row) > 0 && row[0] == lang.T("wb.approved_by"):
					f.SetCellValue(cover, fmt.Sprintf("B%d", i+1), nil)
				case len(row) > 1 && row[0] == lang.T("wb.rev.version") && row[1] == lang.T("wb.rev.date"):
					// Under the description, in C (merged with D).
					f.SetCellStr(cover, fmt.Sprintf("C%d", i+2), "Date: moved from the 2013 to the 2022 controls")
					f.SetCellStr(cover, fmt.Sprintf("C%d", i+3), "Approved by: the management review, not yet signed")
				case len(row) > 0 && row[0] == lang.T("wb.legend"):
					f.SetCellStr(cover, fmt.Sprintf("C%d", i+2), "Scope: every control of the ISMS")
				}
			}
		})
		res, err := read(t, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Diags {
			if strings.Contains(d.String(), "not a date") {
				t.Errorf("%s: %s", lang, d)
			}
		}
		o := res.File.Org
		if o.ApprovedBy != "" || o.Date != "2026-04-01" || strings.Contains(o.Scope, "every control") {
			t.Errorf("%s: organization %+v", lang, o)
		}
		if revs := res.File.Revisions; len(revs) != 3 || revs[1].Description != "Approved by: the management review, not yet signed" {
			t.Errorf("%s: revisions %+v", lang, revs)
		}
	}
}
