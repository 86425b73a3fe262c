package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/importer"
	"github.com/xuri/excelize/v2"
)

// editWorkbook opens path, applies fn to its SoA sheet and saves it.
func editWorkbook(t *testing.T, path string, fn func(f *excelize.File, sh string)) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fn(f, "SoA")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// exampleWorkbook copies the English example into a temporary directory
// and generates its workbook there.
func exampleWorkbook(t *testing.T) (dir string, src []byte, yml, book string) {
	t.Helper()
	dir = t.TempDir()
	src, err := os.ReadFile("../../testdata/examples/saas-cloud.yaml")
	if err != nil {
		t.Fatal(err)
	}
	yml = filepath.Join(dir, "answers.yaml")
	book = filepath.Join(dir, "soa.xlsx")
	if err := os.WriteFile(yml, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runSoa(t, "", "generate", yml, "-o", book); code != ExitOK {
		t.Fatalf("generate: exit %d: %s", code, errOut)
	}
	return dir, src, yml, book
}

// TestImportUnsavedFormula: a formula cell with no saved value is
// reported and leaves its field alone with --into; with -o the field is
// empty. The other cells are read as usual.
func TestImportUnsavedFormula(t *testing.T) {
	dir, src, yml, book := exampleWorkbook(t)
	// 5.2 is row 4, 5.3 row 5: K is Owner, J Status.
	editWorkbook(t, book, func(f *excelize.File, sh string) {
		if v, _ := f.GetCellValue(sh, "A4"); v != "5.2" {
			t.Fatalf("A4 = %q, want 5.2", v)
		}
		f.SetCellValue(sh, "K4", nil)
		if err := f.SetCellFormula(sh, "K4", `"CI"&"SO"`); err != nil {
			t.Fatal(err)
		}
		f.SetCellStr(sh, "J5", "Planned")
	})
	const warning = "SoA!K4: warning: control 5.2: owner: formula with no saved value, not read; open and save the workbook in Excel or LibreOffice so its value is stored\n"

	code, out, errOut := runSoa(t, "", "import", book, "--into", yml)
	if code != ExitOK {
		t.Fatalf("--into: exit %d: %s", code, errOut)
	}
	if out != "5.3: status: implemented → planned\n" {
		t.Errorf("--into: changes:\n%s", out)
	}
	if !strings.Contains(errOut, warning) {
		t.Errorf("--into: no warning in\n%s", errOut)
	}
	got, _ := os.ReadFile(yml)
	at := bytes.Index(src, []byte(`"5.3":`))
	want := append(bytes.Clone(src[:at]), bytes.Replace(src[at:], []byte("status: implemented"), []byte("status: planned"), 1)...)
	if !bytes.Equal(got, want) {
		t.Errorf("--into: the file is not the original with 5.3's status changed")
	}

	back := filepath.Join(dir, "back.yaml")
	code, _, errOut = runSoa(t, "", "import", book, "-o", back)
	if code != ExitOK {
		t.Fatalf("-o: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, warning) {
		t.Errorf("-o: no warning in\n%s", errOut)
	}
	b, _ := os.ReadFile(back)
	i := bytes.Index(b, []byte(`"5.2":`))
	j := bytes.Index(b, []byte(`"5.3":`))
	if i < 0 || j < i || bytes.Contains(b[i:j], []byte("owner: CISO")) {
		t.Errorf("-o: 5.2 should have no owner:\n%s", b[max(i, 0):max(j, 0)])
	}
}

// TestReportMappingLong: the "not read:" line names the first ten
// headings, each at most 40 characters, and counts the rest.
func TestReportMappingLong(t *testing.T) {
	res := &importer.Result{Sheet: "SoA", HeaderRow: 1, Columns: []importer.Column{{Field: "id", Heading: "Control", Cell: "SoA!A1"}}}
	for i := range 250 {
		res.Unmapped = append(res.Unmapped, importer.Column{Heading: fmt.Sprintf("Heading %d", i+1), Cell: fmt.Sprintf("SoA!B%d", i+1)})
	}
	res.Unmapped[1].Heading = strings.Repeat("long ", 20)
	var b strings.Builder
	reportMapping(&b, res)
	want := `not read: "Heading 1" (SoA!B1), "long long long long long long long long …" (SoA!B2), "Heading 3" (SoA!B3), ` +
		`"Heading 4" (SoA!B4), "Heading 5" (SoA!B5), "Heading 6" (SoA!B6), "Heading 7" (SoA!B7), "Heading 8" (SoA!B8), ` +
		`"Heading 9" (SoA!B9), "Heading 10" (SoA!B10), … and 240 more (name them with --column FIELD=HEADING)`
	lines := strings.Split(b.String(), "\n")
	if len(lines) < 2 || lines[1] != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestImportClearedRow: a control whose row the user emptied in the
// workbook has its fields cleared by --into, and only those.
func TestImportClearedRow(t *testing.T) {
	_, _, yml, book := exampleWorkbook(t)
	// 5.3 is row 5: clear every answer cell (C: Applicable … P: New in 2022 are read or ignored).
	editWorkbook(t, book, func(f *excelize.File, sh string) {
		if v, _ := f.GetCellValue(sh, "A5"); v != "5.3" {
			t.Fatalf("A5 = %q, want 5.3", v)
		}
		for c := 'C'; c <= 'N'; c++ {
			f.SetCellValue(sh, fmt.Sprintf("%c5", c), nil)
		}
	})
	code, out, errOut := runSoa(t, "", "import", book, "--into", yml, "--dry-run")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "5.3: applicable: true → (empty)\n") || strings.Contains(out, "5.2:") || strings.Contains(out, "5.4:") {
		t.Errorf("changes:\n%s", out)
	}
	if !strings.Contains(out, "5.3: status: implemented → (empty)\n") {
		t.Errorf("status not cleared:\n%s", out)
	}
}

// TestImportNoControlRows: a workbook with no control rows (here soa's own
// without its SoA sheet) fails with exit 1 and writes nothing.
func TestImportNoControlRows(t *testing.T) {
	dir, _, _, book := exampleWorkbook(t)
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.DeleteSheet("SoA"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := filepath.Join(dir, "out.yaml")
	code, _, errOut := runSoa(t, "", "import", book, "-o", out)
	if code != ExitInvalid || !strings.Contains(errOut, "error: no control rows found: Cover!B") || !strings.Contains(errOut, "nothing written") {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an answers file was written")
	}
}

// TestImportNameNotUTF8: a workbook whose file name is not UTF-8 is
// imported, named in the header with U+FFFD (yaml.v3 panicked on the
// comment; answers.Encode replaces what is not UTF-8 in comments).
func TestImportNameNotUTF8(t *testing.T) {
	dir, _, _, book := exampleWorkbook(t)
	odd := filepath.Join(dir, "soa\x81.xlsx")
	if err := os.Rename(book, odd); err != nil {
		t.Skip("the file system refuses the name:", err)
	}
	back := filepath.Join(dir, "back.yaml")
	code, _, errOut := runSoa(t, "", "import", odd, "-o", back)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, _ := os.ReadFile(back)
	if want := "# Answers read from " + filepath.Join(dir, "soa\uFFFD.xlsx") + " by soa import.\n"; !strings.Contains(string(b), want) {
		t.Errorf("no %q in\n%.300s", want, b)
	}
}
