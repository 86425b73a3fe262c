package importer_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/golden"
	"github.com/soa-tool/soa/internal/importer"
)

// expected is the shape of testdata/import/expected/*.json, written when
// the fixtures were made (see testdata/import/README.md).
type expected struct {
	Sheet        string `json:"sheet"`
	HeaderRow    int    `json:"header_row"`
	Edition      string `json:"edition"`
	Organization struct {
		Name string `json:"name"`
		Date string `json:"date"`
	} `json:"organization"`
	Columns  map[string]string `json:"columns"`
	Controls []struct {
		Row           int       `json:"row"`
		ID            string    `json:"id"`
		Applicable    *bool     `json:"applicable"`
		Reasons       *[]string `json:"reasons"`
		Justification *string   `json:"justification"`
		Status        *string   `json:"status"`
		Owner         *string   `json:"owner"`
		Evidence      *[]string `json:"evidence"`
		TargetDate    *string   `json:"target_date"`
		Notes         *string   `json:"notes"`
	} `json:"controls"`
	Errors []struct {
		Cell string `json:"cell"`
	} `json:"errors"`
}

// TestFixtures reads every workbook of testdata/import, made by openpyxl
// and LibreOffice, and checks what was read against its expected/*.json;
// the messages of each bad workbook are pinned in <name>.want (-update).
func TestFixtures(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/import/*.xlsx")
	if len(files) < 13 {
		t.Fatalf("%d fixtures, want 13", len(files))
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".xlsx")
		t.Run(name, func(t *testing.T) {
			var exp expected
			src, err := os.ReadFile(filepath.Join("../../testdata/import/expected", name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(src, &exp); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res, err := importer.Read(data, defaultCatalog(t), importer.Options{Name: filepath.Base(path)})
			if len(exp.Errors) > 0 {
				checkErrors(t, path, err, exp)
				return
			}
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			checkRead(t, res, exp)
		})
	}
}

func checkErrors(t *testing.T, path string, err error, exp expected) {
	t.Helper()
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("err = %v, want errors", err)
	}
	for _, e := range exp.Errors {
		if e.Cell == "" {
			continue
		}
		if !slices.ContainsFunc(l, func(d diag.Diagnostic) bool { return d.Pos.Cell == e.Cell && d.Severity == diag.Error }) {
			t.Errorf("no error at %s in\n%v", e.Cell, l)
		}
	}
	if n := l.Count(diag.Error); n != len(exp.Errors) {
		t.Errorf("%d errors, want %d:\n%v", n, len(exp.Errors), l)
	}
	var buf bytes.Buffer
	_ = diag.Write(&buf, "text", l)
	golden.Check(t, strings.TrimSuffix(path, ".xlsx")+".want", buf.Bytes())
}

func checkRead(t *testing.T, res *importer.Result, exp expected) {
	t.Helper()
	if res.Sheet != exp.Sheet || res.HeaderRow != exp.HeaderRow || res.File.Edition != exp.Edition {
		t.Errorf("sheet %q row %d edition %s, want %q %d %s", res.Sheet, res.HeaderRow, res.File.Edition, exp.Sheet, exp.HeaderRow, exp.Edition)
	}
	if exp.Organization.Name != "" && res.File.Org.Name != exp.Organization.Name {
		t.Errorf("organization %q, want %q", res.File.Org.Name, exp.Organization.Name)
	}
	if exp.Organization.Date != "" && res.File.Org.Date != exp.Organization.Date {
		t.Errorf("date %q, want %q", res.File.Org.Date, exp.Organization.Date)
	}
	for col, field := range exp.Columns {
		if !slices.ContainsFunc(res.Columns, func(c importer.Column) bool {
			return c.Field == field && strings.HasSuffix(c.Cell, "!"+col+itoa(exp.HeaderRow))
		}) {
			t.Errorf("column %s not read as %s: %+v", col, field, res.Columns)
		}
	}
	t.Logf("%d controls expected, %d read, columns %d", len(exp.Controls), len(res.File.Controls), len(exp.Columns))
	byID := map[string]*answers.Answer{}
	for _, a := range res.File.Controls {
		byID[a.ID] = a
	}
	for _, c := range exp.Controls {
		a := byID[c.ID]
		if a == nil {
			if c.Applicable != nil || c.Status != nil {
				t.Errorf("row %d: control %s not read", c.Row, c.ID)
			}
			continue
		}
		check := func(field, got string, want *string) {
			if want != nil && got != *want {
				t.Errorf("row %d control %s %s = %q, want %q", c.Row, c.ID, field, got, *want)
			}
		}
		if c.Applicable != nil && (a.Applicable == nil || *a.Applicable != *c.Applicable) {
			t.Errorf("row %d control %s applicable = %v, want %v", c.Row, c.ID, a.Applicable, *c.Applicable)
		}
		if c.Reasons != nil && strings.Join(a.Reasons, ",") != strings.Join(*c.Reasons, ",") {
			t.Errorf("row %d control %s reasons = %v, want %v", c.Row, c.ID, a.Reasons, *c.Reasons)
		}
		check("justification", a.Justification, c.Justification)
		check("status", string(a.Status), c.Status)
		check("owner", a.Owner, c.Owner)
		check("target_date", a.TargetDate, c.TargetDate)
		check("notes", a.Notes, c.Notes)
		if c.Evidence != nil && strings.Join(a.Evidence, "\n") != strings.Join(*c.Evidence, "\n") {
			t.Errorf("row %d control %s evidence = %q, want %q", c.Row, c.ID, a.Evidence, *c.Evidence)
		}
	}
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+n%10))) }
