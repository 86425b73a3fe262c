package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/termsafe"
	"github.com/xuri/excelize/v2"
)

// FuzzRead: no workbook may crash the importer, and every failure is a
// diag.List naming the file.
//
// The seeds are the small workbooks of testdata (under 8 KB) and a tiny one built by hand: the
// generated ones, over 40 KB, took the fuzzer minutes to minimize, and most
// of what a mutated zip reaches is the zip reader. FuzzReadCells fuzzes
// what is in the cells.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/import/*.xlsx")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) < 8<<10 {
			f.Add(data)
		}
	}
	f.Add(tinyWorkbook([][]string{{"Control", "Applicable", "Status", "Owner"}, {"5.1", "Yes", "Implemented", "CISO"}, {"A.5.1.1", "No", "", ""}}))
	cat, err := catalog.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Read(data, cat, Options{Name: "f.xlsx"})
		var l diag.List
		if err != nil && !errors.As(err, &l) {
			t.Fatalf("error %T: %v", err, err)
		}
	})
}

// FuzzValues: the cell readers accept or refuse any text without panicking,
// and what they accept is well formed.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"5.1", "A.5.1.1", "5.0999999999", "2026-04-01", "2026年4月1日", "45000", "○", "Partially implemented", "N/A", "a.18.2.3 Technical", ""} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, numeric bool) {
		if id, ok := parseID(s, numeric); ok && id.edition != "2013" && id.edition != "2022" {
			t.Fatalf("parseID(%q) = %+v", s, id)
		}
		if d, ok := parseDate(s); ok && d != "" && len(d) != 10 {
			t.Fatalf("parseDate(%q) = %q", s, d)
		}
		parseStatus(s)
		parseApplicable(s)
		parseMark(s)
		parseReasons(s)
		normalize(s)
	})
}

// tinyWorkbook is the smallest .xlsx excelize and Excel read: one sheet
// named SoA holding rows of inline strings, no styles, no shared strings.
// Built by hand it costs microseconds, where excelize's writer costs
// milliseconds a run.
func tinyWorkbook(rows [][]string) []byte {
	var sheet strings.Builder
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i, row := range rows {
		fmt.Fprintf(&sheet, `<row r="%d">`, i+1)
		for j, v := range row {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			var esc bytes.Buffer
			_ = xml.EscapeText(&esc, []byte(v))
			fmt.Fprintf(&sheet, `<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, esc.String())
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	parts := [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="SoA" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", sheet.String()},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: zip.Store})
		w.Write([]byte(p[1]))
	}
	zw.Close()
	return buf.Bytes()
}

// FuzzReadCells reads a tiny workbook of fuzzed heading and cell texts: no
// panic, every failure a diag.List, and no control character in an
// imported answer (Excel's _x001B_ escape decodes to one).
func FuzzReadCells(f *testing.F) {
	f.Add("Control", "Applicable", "Owner", "5.1", "Yes", "CISO")
	f.Add("管理策", "適用", "責任者", "A.5.1.1", "○", "情報_x001B_システム部")
	f.Add("Control", "Status", "Notes", "5.10", "Partially implemented", "two\nlines")
	cat, err := catalog.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, h1, h2, h3, id, v2, v3 string) {
		data := tinyWorkbook([][]string{{h1, h2, h3}, {id, v2, v3}, {"5.2", v2, v3}})
		res, err := Read(data, cat, Options{Name: "f.xlsx"})
		var l diag.List
		if err != nil && !errors.As(err, &l) {
			t.Fatalf("error %T: %v", err, err)
		}
		if err != nil || res.File == nil {
			return
		}
		for _, a := range res.File.Controls {
			for _, s := range append([]string{a.Owner, a.Justification, a.Notes, a.Review}, a.Evidence...) {
				if strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && r != '\t' && termsafe.Control(r) }) {
					t.Fatalf("control %s: imported %q", a.ID, s)
				}
			}
		}
	})
}
