package reader

import (
	"archive/zip"
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/xlsx"
)

// book zips parts (name, XML) into a workbook.
func book(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	mainNS   = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	strictNS = `xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"`
	rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
)

// simple is a workbook of one sheet with the given sheet data, shared
// strings and workbook properties.
func simple(t testing.TB, ns, wbPr, sheetData, sst string) []byte {
	parts := []string{
		"_rels/.rels", rootRels,
		"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ` + ns + `>` + wbPr + `<sheets><sheet name="Data" sheetId="1" r:id="rId1"/><sheet name="Hidden" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/Sheet2.XML"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml", `<worksheet ` + ns + `><sheetData>` + sheetData + `</sheetData><mergeCells count="1"><mergeCell ref="A1:A3"/></mergeCells></worksheet>`,
		"xl/worksheets/sheet2.xml", `<worksheet ` + ns + `><sheetData/></worksheet>`,
	}
	if sst != "" {
		parts = append(parts, "xl/sharedStrings.xml", `<sst `+ns+`>`+sst+`</sst>`)
	}
	return book(t, parts...)
}

func TestShapes(t *testing.T) {
	data := `<row r="1"><c r="A1" t="inlineStr"><is><t>inline</t></is></c><c t="s"><v>0</v></c><c><v>5.1</v></c></row>` +
		`<row><c r="B2" t="s"><v>1</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><f>A1</f><v>x_x0041_</v></c></row>` +
		`<row r="5"><c r="A5"><f t="shared" ref="A5:A7" si="0">B5*2</f><v>2</v></c></row>` +
		`<row r="6"><c r="A6"><f t="shared" si="0"/></c><c r="B6"><f t="shared" si="9"/></c><c r="C6"><f/></c></row>` +
		`<row r="7"><c r="D7" t="d"><v>2026-04-01T00:00:00Z</v></c><x:c xmlns:x="urn:x" r="E7"><x:v>7</x:v></x:c></row>`
	sst := `<si><t>plain &amp; simple</t></si>` +
		`<si><r><rPr><b/></rPr><t>東京</t></r><r><t xml:space="preserve"> 本社</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>`
	for _, ns := range []string{mainNS, strictNS} {
		wb, err := Open(simple(t, ns, `<workbookPr date1904="1"/>`, data, sst), DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(wb.SheetNames(), ","); got != "Data,Hidden" || wb.Sheets[1].State != "hidden" || !wb.Date1904 {
			t.Errorf("sheets %s %+v, 1904 %v", got, wb.Sheets, wb.Date1904)
		}
		sh, err := wb.Sheet("Data")
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			col, row int
			v        string
			typ      CellType
			formula  bool
		}{
			{1, 1, "inline", TypeInline, false}, {2, 1, "plain & simple", TypeShared, false}, {3, 1, "5.1", TypeNumber, false},
			{2, 2, "東京 本社", TypeShared, false}, {3, 2, "1", TypeBool, false}, {4, 2, "#N/A", TypeError, false},
			{5, 2, "x_x0041_", TypeString, true}, // str values keep their escapes, as Excel's do
			{1, 5, "2", TypeNumber, true}, {1, 6, "", TypeNumber, true}, {2, 6, "", TypeNumber, false}, {3, 6, "", TypeNumber, false},
			{4, 7, "2026-04-01T00:00:00Z", TypeDate, false}, {5, 7, "7", TypeNumber, false},
		} {
			c := sh.Cell(tt.col, tt.row)
			if c.V != tt.v || c.T != tt.typ || c.Formula() != tt.formula || !c.Stored() {
				t.Errorf("cell %d,%d = %+v (formula %v), want %q type %d formula %v", tt.col, tt.row, c, c.Formula(), tt.v, tt.typ, tt.formula)
			}
		}
		if c := sh.Cell(3, 6); !c.HasF() {
			t.Error("C6: an empty <f/> is a formula element")
		}
		if len(sh.Rows) != 7 || len(sh.Merges) != 1 || sh.Merges[0] != "A1:A3" {
			t.Errorf("%d rows, merges %v", len(sh.Rows), sh.Merges)
		}
		if _, err := wb.Sheet("Hidden"); err != nil {
			t.Errorf("an absolute target of odd case: %v", err)
		}
	}
}

func TestEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"a_x001B_b": "a\x1bb", "_x005F_x0001_": "_x0001_", "_x00_": "_x00_", "__x0041_": "_A", "_xD800_x": "x", "plain": "plain", "_x0041": "_x0041",
	} {
		if got := unescapeBstr(in); got != want {
			t.Errorf("unescapeBstr(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBadWorkbooks(t *testing.T) {
	ok := simple(t, mainNS, "", `<row r="1"><c r="A1"><v>1</v></c></row>`, "")
	deep := strings.Repeat("<a>", 200) + strings.Repeat("</a>", 200)
	tests := []struct {
		name string
		data []byte
		lim  Limits
		want string
	}{
		{"not a zip", []byte("PK\x03\x04garbage"), DefaultLimits, "zip"},
		{"no workbook", book(t, "a.txt", "x"), DefaultLimits, "xl/workbook.xml is missing"},
		{"too large", ok, Limits{MaxUnzipped: 100}, "larger than the limit"},
		{"too many entries", ok, Limits{MaxEntries: 2}, "more than the 2"},
		{"deep", simple(t, mainNS, "", `<row>`+deep+`</row>`, ""), DefaultLimits, "nested more than 128 deep"},
		{"bad row", simple(t, mainNS, "", `<row r="x"/>`, ""), DefaultLimits, `row number "x"`},
		{"bad cell", simple(t, mainNS, "", `<row><c r="ZZZZ1"/></row>`, ""), DefaultLimits, `cell reference "ZZZZ1"`},
		{"unclosed", simple(t, mainNS, "", `<row><c>`, ""), DefaultLimits, "</sheetData> closes <c>"},
		{"entity", simple(t, mainNS, "", `<row><c t="inlineStr"><is><t>&bomb;</t></is></c></row>`, ""), DefaultLimits, "unknown entity &bomb;"},
	}
	for _, tt := range tests {
		wb, err := Open(tt.data, tt.lim)
		if err == nil {
			_, err = wb.Sheet("Data")
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
		if tt.name == "too large" && !errors.Is(err, ErrTooLarge) {
			t.Errorf("too large: %v is not ErrTooLarge", err)
		}
	}
}

func TestCaps(t *testing.T) {
	data := `<row r="1"><c r="A1"><v>1</v></c><c r="E1"><v>2</v></c></row><row r="2"/><row r="9"><c r="A9"><v>3</v></c></row>`
	wb, err := Open(simple(t, mainNS, "", data, ""), Limits{MaxRows: 3, MaxColumns: 4, MaxMerges: 1})
	if err != nil {
		t.Fatal(err)
	}
	sh, err := wb.Sheet("Data")
	if err != nil {
		t.Fatal(err)
	}
	if len(sh.Rows) != 2 || !sh.MoreRows || sh.ColumnsCut != 1 || len(sh.Rows[0].Cells) != 1 || sh.TooManyMerges {
		t.Errorf("rows %d, more %v, columns cut at %d, %d cells, too many merges %v", len(sh.Rows), sh.MoreRows, sh.ColumnsCut, len(sh.Rows[0].Cells), sh.TooManyMerges)
	}
}

// TestRealFiles reads every workbook of the repository's test data, made
// by Excel, LibreOffice, openpyxl and excelize.
func TestRealFiles(t *testing.T) {
	files, _ := filepath.Glob("../../../testdata/import/*.xlsx")
	more, _ := filepath.Glob("../../../testdata/import/unseen/*.xlsx")
	for _, p := range append(files, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("PK")) {
			continue
		}
		wb, err := Open(data, DefaultLimits)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		for _, name := range wb.SheetNames() {
			if _, err := wb.Sheet(name); err != nil {
				t.Errorf("%s: %s: %v", p, name, err)
			}
		}
	}
}

// TestPlainShortcuts: the cell references and shared string indices the
// decoder reads without strconv and CellCoordinates are read as those
// read them, and the rest is left to them.
func TestPlainShortcuts(t *testing.T) {
	texts := []string{"A1", "B7", "XFD1048576", "XFE1", "A1048577", "A0", "A01", "a1", "$A$1", "AAAA1", "A", "1", "", " 1", "1 ", "+1", "-1",
		"123456789", "1234567890", "0", "007"}
	rnd := rand.New(rand.NewPCG(7, 8))
	const alphabet = "AZXFDaz$019 +-"
	for range 20000 {
		b := make([]byte, rnd.IntN(10))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		texts = append(texts, string(b))
	}
	cols, indices := 0, 0
	for _, s := range texts {
		if col, ok := plainColumn([]byte(s)); ok {
			cols++
			if c, _, err := xlsx.CellCoordinates(s); err != nil || c != col {
				t.Errorf("plainColumn(%q) = %d, but CellCoordinates says %d, %v", s, col, c, err)
			}
		}
		if n, ok := plainIndex([]byte(s)); ok {
			indices++
			if m, err := strconv.Atoi(strings.TrimSpace(s)); err != nil || m != n {
				t.Errorf("plainIndex(%q) = %d, but Atoi says %d, %v", s, n, m, err)
			}
		}
	}
	if cols < 100 || indices < 100 {
		t.Errorf("only %d references and %d indices took the shortcut", cols, indices)
	}
}
