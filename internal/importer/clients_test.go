package importer_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/importer"
)

// TestClientFixtures reads the workbooks of testdata/clients, the same
// 93-control SoA written by openpyxl and LibreOffice in the shapes the
// workbook reader must read (made by testdata/clients/make_clients.py),
// and checks every control against expected/<name>.json. Each fixture is
// first checked to have its shape, so that a re-made file without it fails.
func TestClientFixtures(t *testing.T) {
	shapes := map[string][]struct{ part, has string }{
		"openpyxl-inline":            {{"xl/worksheets/sheet1.xml", `t="inlineStr"`}},
		"openpyxl-1904":              {{"xl/workbook.xml", `date1904="1"`}},
		"libreoffice-csv":            {{"xl/sharedStrings.xml", "<si>"}, {"docProps/app.xml", "LibreOffice"}},
		"libreoffice-ods":            {{"xl/sharedStrings.xml", "<si>"}, {"docProps/app.xml", "LibreOffice"}},
		"libreoffice-shared":         {{"xl/worksheets/sheet1.xml", `<f t="shared" ref="F2:F94" si="0">`}, {"xl/worksheets/sheet1.xml", `<f t="shared" si="0"/><v>CISO</v>`}},
		"libreoffice-shared-unsaved": {{"xl/worksheets/sheet1.xml", `<c r="F3" s="0"><f t="shared" si="0"/></c>`}},
		"strict":                     {{"xl/workbook.xml", `conformance="strict"`}, {"xl/worksheets/sheet1.xml", "http://purl.oclc.org/ooxml/spreadsheetml/main"}},
		"ja-phonetic":                {{"xl/sharedStrings.xml", `<rPh sb="0" eb="2"><t>カンリ</t></rPh>`}},
	}
	files, _ := filepath.Glob("testdata/clients/*.xlsx")
	if len(files) != len(shapes) {
		t.Fatalf("%d fixtures, want %d", len(files), len(shapes))
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".xlsx")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range shapes[name] {
				if part := zipPart(t, data, s.part); !strings.Contains(part, s.has) {
					t.Errorf("%s has no %s: the fixture lost its shape", s.part, s.has)
				}
			}
			var exp expected
			src, err := os.ReadFile(filepath.Join("testdata/clients/expected", name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(src, &exp); err != nil {
				t.Fatal(err)
			}
			res, err := importer.Read(data, defaultCatalog(t), importer.Options{Name: filepath.Base(path)})
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if len(res.File.Controls) != 93 || len(exp.Controls) != 93 {
				t.Errorf("%d controls read, %d expected, want 93", len(res.File.Controls), len(exp.Controls))
			}
			checkRead(t, res, exp)
			// Only the unsaved formulas are warned about, each at its cell.
			unsaved := 0
			for _, d := range res.Diags {
				switch {
				case strings.Contains(d.Msg, "formula with no saved value"):
					unsaved++
					if !strings.HasPrefix(d.Pos.Cell, "SoA!F") || d.Field != "owner" {
						t.Errorf("unsaved formula at %s %s", d.Pos.Cell, d.Field)
					}
				case d.Severity == diag.Warning && d.Field != "organization.name" && d.Field != "organization.date" && !strings.HasPrefix(d.Field, "organization"):
					t.Errorf("unexpected warning: %v", d)
				}
			}
			want := 0
			if name == "libreoffice-shared-unsaved" {
				for _, c := range exp.Controls {
					if *c.Applicable {
						want++
					}
				}
			}
			if unsaved != want {
				t.Errorf("%d unsaved formulas reported, want %d", unsaved, want)
			}
		})
	}
}

func zipPart(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return string(b)
		}
	}
	return ""
}
