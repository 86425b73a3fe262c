package workbook_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/golden"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/soa/soatest"
	"github.com/soa-tool/soa/internal/workbook"
	"github.com/soa-tool/soa/internal/workbook/workbooktest"
	"github.com/xuri/excelize/v2"
)

var examples = []struct {
	name string
	lang i18n.Lang
}{
	{"saas-cloud", i18n.EN},
	{"seimitsu-ja", i18n.JA},
}

func load(t testing.TB, name string) *soa.Statement {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return soatest.Load(t, name+".yaml", src)
}

// analyze is the gap report the workbook shows, as of the SoA's date: the
// tests' fixed as-of, so that goldens do not move with the clock.
func analyze(st *soa.Statement, lang i18n.Lang) *gap.Report {
	return gap.Analyze(st, gap.Options{AsOf: st.Org.Date, Lang: lang})
}

func render(t testing.TB, st *soa.Statement, lang i18n.Lang) []byte {
	t.Helper()
	rep := analyze(st, lang)
	var buf bytes.Buffer
	if err := workbook.Write(&buf, st, rep, workbook.Options{Lang: lang}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGolden pins each example as a readable dump of every sheet, and the
// raw XML of what decides how the sheets print (rewrite with -update).
func TestGolden(t *testing.T) {
	for _, ex := range examples {
		t.Run(ex.name, func(t *testing.T) {
			data := render(t, load(t, ex.name), ex.lang)
			dump, err := workbooktest.Dump(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", ex.name+".dump"), []byte(dump))
			page, err := workbooktest.PageSetup(data)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", ex.name+".pagesetup.xml"), []byte(page))
		})
	}
}

// TestDeterministic: the same inputs give the same bytes, whether the
// statement is loaded again or the same statement is written twice.
func TestDeterministic(t *testing.T) {
	for _, ex := range examples {
		st := load(t, ex.name)
		a, b, c := render(t, st, ex.lang), render(t, st, ex.lang), render(t, load(t, ex.name), ex.lang)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the same statement written twice differs", ex.name)
		}
		if !bytes.Equal(a, c) {
			t.Errorf("%s: two loads of the same answers give different workbooks", ex.name)
		}
	}
}

// TestZipEntries: the zip's entries come in one fixed order, all with one
// fixed time, whatever the content.
func TestZipEntries(t *testing.T) {
	want := []string{
		"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
		"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/theme/theme1.xml", "xl/styles.xml",
		"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
		"xl/worksheets/sheet3.xml", "xl/worksheets/_rels/sheet3.xml.rels",
		"xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml", "xl/worksheets/sheet6.xml",
		"xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/charts/chart1.xml",
		"xl/sharedStrings.xml",
	}
	for _, ex := range examples {
		data := render(t, load(t, ex.name), ex.lang)
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
			if f.ModifiedDate != 1<<5|1 || f.ModifiedTime != 0 || len(f.Extra) != 0 {
				t.Errorf("%s: %s is not dated 1980-01-01 00:00 (MS-DOS date %d, time %d, extra %x)", ex.name, f.Name, f.ModifiedDate, f.ModifiedTime, f.Extra)
			}
			if f.Method != zip.Deflate {
				t.Errorf("%s: %s is not deflated", ex.name, f.Name)
			}
		}
		if !slices.Equal(names, want) {
			t.Errorf("%s: entries\n%q\nwant\n%q", ex.name, names, want)
		}
	}
}

func TestSheets(t *testing.T) {
	for _, ex := range examples {
		data := render(t, load(t, ex.name), ex.lang)
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		want := map[i18n.Lang][]string{
			i18n.EN: {"Cover", "SoA", "Summary", "Gaps", "Mapping", "Attributes"},
			i18n.JA: {"表紙", "適用宣言書", "集計", "ギャップ", "新旧対応表", "属性"},
		}[ex.lang]
		if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: sheets %v, want %v", ex.name, got, want)
		}
		rows, _ := f.GetRows(want[1])
		controls := 0
		for _, r := range rows[1:] {
			if len(r) > 1 && r[1] != "" {
				controls++
			}
		}
		if controls != 93 {
			t.Errorf("%s: %d control rows, want 93", ex.name, controls)
		}
		dvs, _ := f.GetDataValidations(want[1])
		if len(dvs) != 7 {
			t.Errorf("%s: %d data validations, want 7 (applicable, five reasons, status)", ex.name, len(dvs))
		}
		f.Close()
	}
}

// TestTextNeverFormula: answers that look like formulas are stored as text.
func TestTextNeverFormula(t *testing.T) {
	src := `organization: {name: "=cmd|' /C calc'!A0", date: 2026-04-01}
controls:
  "5.1":
    applicable: true
    reasons: [risk]
    justification: =HYPERLINK("http://evil.example","click")
    status: implemented
    owner: +CISO
    evidence: ["-1+1", "@SUM(A1:A2)"]
`
	data := render(t, soatest.Load(t, "inject.yaml", []byte(src)), i18n.EN)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range []string{"Cover", "SoA"} {
		rows, _ := f.GetRows(sheet)
		for ri, row := range rows {
			for ci, v := range row {
				ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				if formula, _ := f.GetCellFormula(sheet, ref); formula != "" && sheet != "Summary" {
					t.Errorf("%s!%s holds formula %q (value %q)", sheet, ref, formula, v)
				}
			}
		}
	}
	if v, _ := f.GetCellValue("SoA", "I3"); v != `=HYPERLINK("http://evil.example","click")` {
		t.Errorf("justification = %q", v)
	}
}

// TestCellLimit: the workbook never cuts text: given a statement that was
// not checked (rules.CellLimits names the field first, see package rules),
// it refuses, naming the cell, and writes nothing.
func TestCellLimit(t *testing.T) {
	long := strings.Repeat("x", layout.MaxCellText+1)
	src := fmt.Sprintf("organization: {name: X, date: 2026-04-01}\ncontrols:\n  \"5.1\":\n    applicable: true\n    justification: %s\n", long)
	st := soatest.Load(t, "long.yaml", []byte(src))
	var buf bytes.Buffer
	err := workbook.Write(&buf, st, gap.Analyze(st, gap.Options{}), workbook.Options{Lang: i18n.EN})
	col := layout.Columns("2022").Of(answers.KeyJustification)
	want := fmt.Sprintf("build workbook: SoA!%s3: 32768 characters; an Excel cell holds at most 32767", string(rune('A'+col-1)))
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	if buf.Len() != 0 {
		t.Error("something was written")
	}
}

func BenchmarkGenerate(b *testing.B) {
	st := load(b, "saas-cloud")
	b.ReportAllocs()
	for b.Loop() {
		rep := gap.Analyze(st, gap.Options{AsOf: st.Org.Date, Lang: i18n.EN})
		if err := workbook.Write(&bytes.Buffer{}, st, rep, workbook.Options{Lang: i18n.EN}); err != nil {
			b.Fatal(err)
		}
	}
}
