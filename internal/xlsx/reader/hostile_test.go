package reader

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"runtime"
	"strings"
	"testing"
	"time"
)

// rawEntry is a zip entry written as is, with the sizes it declares.
type rawEntry struct {
	name     string
	data     []byte
	declared uint64 // the uncompressed size its headers declare
}

// rawZip writes entries stored (not compressed) with the sizes they
// declare, which may lie.
func rawZip(t testing.TB, entries ...rawEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Store, CRC32: crc32.ChecksumIEEE(e.data),
			CompressedSize64: uint64(len(e.data)), UncompressedSize64: e.declared})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// okParts are the parts of a small good workbook of one sheet, Data.
func okParts(sheetData string) []string {
	return []string{
		"_rels/.rels", rootRels,
		"xl/workbook.xml", `<workbook ` + mainNS + `><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml", `<worksheet ` + mainNS + `><sheetData>` + sheetData + `</sheetData></worksheet>`,
	}
}

func rawParts(parts []string) []rawEntry {
	var out []rawEntry
	for i := 0; i+1 < len(parts); i += 2 {
		out = append(out, rawEntry{parts[i], []byte(parts[i+1]), uint64(len(parts[i+1]))})
	}
	return out
}

// readAll opens data and decodes every sheet, returning the first error.
func readAll(data []byte, lim Limits) (*Workbook, []*Sheet, error) {
	wb, err := Open(data, lim)
	if err != nil {
		return nil, nil, err
	}
	var sheets []*Sheet
	for _, name := range wb.SheetNames() {
		sh, err := wb.Sheet(name)
		if err != nil {
			return wb, sheets, err
		}
		sheets = append(sheets, sh)
		for i, row := range sh.Rows {
			for j, c := range row.Cells {
				wb.Shown(c)
				sh.StyleOf(j+1, i+1)
			}
		}
	}
	return wb, sheets, nil
}

// TestHostile: workbooks made to break a reader are refused with an error
// that names the part (and the line and cell where there is one) and says
// what is wrong, or read within bounded time and memory; none panics.
func TestHostile(t *testing.T) {
	rels := func(target string) string {
		return `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="` + target + `"/></Relationships>`
	}
	withPart := func(name, body string, parts []string) []byte {
		for i := 0; i+1 < len(parts); i += 2 {
			if parts[i] == name {
				parts[i+1] = body
				return book(t, parts...)
			}
		}
		return book(t, append(parts, name, body)...)
	}
	sheet := func(data string) []byte { return book(t, okParts(data)...) }
	sst := func(data, strs string) []byte {
		parts := okParts(data)
		parts[5] = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
		return book(t, append(parts, "xl/sharedStrings.xml", `<sst `+mainNS+`>`+strs+`</sst>`)...)
	}
	lying := rawParts(okParts(`<row r="1"><c r="A1"><v>1</v></c></row>`))
	short, long := append([]rawEntry(nil), lying...), append([]rawEntry(nil), lying...)
	short[3].declared -= 10 // the sheet holds more than it declares
	long[3].declared += 10  // and less
	wrap := append(rawParts(okParts("")), rawEntry{"big.bin", []byte("x"), 1<<64 - 100})
	huge := append(rawParts(okParts("")), rawEntry{"big.bin", []byte("x"), 1 << 62})

	tests := []struct {
		name string
		data []byte
		want string // in the error; "" for none
	}{
		// The zip.
		{"sizes wrap around", rawZip(t, wrap...), "larger than the limit"},
		{"a huge declared size", rawZip(t, huge...), "larger than the limit"},
		{"an entry longer than declared", rawZip(t, short...), "xl/worksheets/sheet1.xml: the zip entry holds more than the "},
		{"an entry shorter than declared", rawZip(t, long...), "xl/worksheets/sheet1.xml: the zip entry holds fewer than the "},
		// Relationships.
		{"a sheet outside the package", withPart("xl/_rels/workbook.xml.rels", rels("../../x.xml"), okParts("")), `xl/_rels/workbook.xml.rels: line 1: relationship rId1: the target "../../x.xml" is outside the package`},
		{"a workbook outside the package", withPart("_rels/.rels", strings.Replace(rootRels, "xl/workbook.xml", "../xl/workbook.xml", 1), okParts("")), `_rels/.rels: line 1: relationship rId1: the target "../xl/workbook.xml" is outside the package`},
		{"a sheet that is the workbook", withPart("xl/_rels/workbook.xml.rels", rels("workbook.xml"), okParts("")), ""},
		{"a sheet that is its relationships", withPart("xl/_rels/workbook.xml.rels", rels("_rels/workbook.xml.rels"), okParts("")), ""},
		{"a workbook that is the root relationships", withPart("_rels/.rels", strings.Replace(rootRels, "xl/workbook.xml", "_rels/.rels", 1), okParts("")), ""},
		{"a missing sheet part", withPart("xl/_rels/workbook.xml.rels", rels("worksheets/none.xml"), okParts("")), `sheet "Data": its part xl/worksheets/none.xml (relationship rId1) is missing from the zip`},
		{"a sheet without relationship", withPart("xl/_rels/workbook.xml.rels", rels("worksheets/sheet1.xml")[:0]+`<Relationships/>`, okParts("")), `sheet "Data": xl/_rels/workbook.xml.rels has no relationship rId1 for it`},
		// Encodings and entities.
		{"Latin-1 bytes", withPart("xl/worksheets/sheet1.xml", "<worksheet>\n<sheetData><row><c t=\"inlineStr\"><is><t>caf\xe9</t></is></c></row></sheetData></worksheet>", okParts("")), "xl/worksheets/sheet1.xml: line 2: byte 0xE9 is not UTF-8 (the part must be in UTF-8;"},
		{"UTF-16", withPart("xl/worksheets/sheet1.xml", "\xff\xfe<\x00w\x00", okParts("")), "xl/worksheets/sheet1.xml: the part is in UTF-16; soa reads UTF-8 parts only"},
		{"a declared encoding", withPart("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="ISO-8859-1"?><worksheet/>`, okParts("")), `xl/worksheets/sheet1.xml: line 1: the part is in the encoding "ISO-8859-1"`},
		{"billion laughs", withPart("xl/worksheets/sheet1.xml", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>`+"\n"+`<worksheet><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`, okParts("")), "xl/worksheets/sheet1.xml: line 2: unknown entity &lol2;"},
		{"an external entity", withPart("xl/worksheets/sheet1.xml", `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>`, okParts("")), "unknown entity &xxe;"},
		{"a surrogate reference", sheet(`<row><c t="inlineStr"><is><t>&#xD800;</t></is></c></row>`), "invalid character reference &#xD800;"},
		{"a reference too large", sheet(`<row><c t="inlineStr"><is><t>&#99999999999;</t></is></c></row>`), "a & that starts no entity"},
		{"an entity in an attribute", sheet(`<row><c r="A&lt;1"/></row>`), `cell reference "A<1"`},
		// Rows and cells.
		{"a row beyond 1048576", sheet(`<row r="1048577"/>`), `xl/worksheets/sheet1.xml: line 1: row number "1048577" is not one of 1 to 1048576`},
		{"a negative row", sheet(`<row r="-1"/>`), `row number "-1"`},
		{"a cell beyond XFD", sheet(`<row r="1"><c r="XFE1"/></row>`), `xl/worksheets/sheet1.xml: line 1: row 1: cell reference "XFE1"`},
		{"a cell beyond row 1048576", sheet(`<row r="1"><c r="A1048577"/></row>`), `cell reference "A1048577"`},
		{"rows going backwards", sheet(`<row r="5"><c r="A5"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`), ""},
		{"cells going backwards", sheet(`<row r="1"><c r="C1"><v>1</v></c><c r="A1"><v>2</v></c><c r="C1"><v>3</v></c></row>`), ""},
		{"a shared string out of range", sst(`<row r="3"><c r="B3" t="s"><v>2</v></c></row>`, `<si><t>a</t></si><si><t>b</t></si>`), "xl/worksheets/sheet1.xml: line 1: cell B3: shared string 2 does not exist (the workbook has 2)"},
		{"a negative shared string", sst(`<row r="3"><c r="B3" t="s"><v>-1</v></c></row>`, `<si><t>a</t></si>`), "cell B3: shared string -1 does not exist (the workbook has 1)"},
		{"a shared string that is no number", sst(`<row r="3"><c r="B3" t="s"><v>x</v></c></row>`, `<si><t>a</t></si>`), `cell B3: "x" is no shared string index`},
		{"a shared string without strings", sheet(`<row r="3"><c r="B3" t="s"><v>0</v></c></row>`), "cell B3: shared string 0 does not exist (the workbook has 0)"},
		{"huge and negative styles", sheet(`<row r="1" s="99999999999999999999"><c r="A1" s="-5"><v>1</v></c><c r="B1" s="2147483648"><v>1</v></c><c r="C1" s="99999"><v>1</v></c></row>`), ""},
		{"a shared formula with a bad ref", sheet(`<row r="1"><c r="A1"><f t="shared" ref="ZZZZ9:A" si="0">1+1</f><v>2</v></c><c r="B1"><f t="shared" si="0"/></c><c r="C1"><f t="shared" si="-1"/></c></row>`), ""},
		{"columns with hostile ranges", sheet(`</sheetData><cols><col min="-5" max="99999999999" style="1"/><col min="16384" max="1" style="2"/><col min="x" max="3" style="3"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row>`), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(tt.data, DefaultLimits)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("err = %v, want none", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestHostileValues: where hostile input is read, it reads as defined.
func TestHostileValues(t *testing.T) {
	sheet := func(data string) *Sheet {
		t.Helper()
		_, sheets, err := readAll(book(t, okParts(data)...), DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		return sheets[0]
	}
	// A row whose r goes back follows the row before it.
	sh := sheet(`<row r="5"><c r="A5"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`)
	if len(sh.Rows) != 6 || sh.Cell(1, 5).V != "1" || sh.Cell(1, 6).V != "2" || sh.Cell(1, 2).Stored() {
		t.Errorf("rows going back: %d rows, A5 %q, A6 %q", len(sh.Rows), sh.Cell(1, 5).V, sh.Cell(1, 6).V)
	}
	// A cell whose r goes back replaces the one there.
	sh = sheet(`<row r="1"><c r="C1"><v>1</v></c><c r="A1"><v>2</v></c><c><v>4</v></c><c r="C1"><v>3</v></c></row>`)
	if got := fmt.Sprintf("%s %s %s", sh.Cell(1, 1).V, sh.Cell(2, 1).V, sh.Cell(3, 1).V); got != "2 4 3" {
		t.Errorf("cells going back: %s", got)
	}
	// Styles out of range are no style.
	wb, err := Open(book(t, okParts("")...), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	for _, idx := range []int{-1, 1 << 30, 5} {
		if _, ok := wb.Style(idx); ok {
			t.Errorf("style %d exists", idx)
		}
	}
	sh = sheet(`<row r="1" s="99999999999999999999"><c r="A1" s="-5"><v>1</v></c><c r="B1" s="2147483648"><v>1</v></c></row>`)
	if c := sh.Cell(1, 1); c.S != 0 {
		t.Errorf("negative style read as %d", c.S)
	}
	if c := sh.Cell(2, 1); c.S != 1<<30 || wb.Shown(c) != "1" {
		t.Errorf("huge style read as %d", c.S)
	}
	// Columns: the first that covers a column gives its style; ranges
	// beyond the sheet are clipped.
	sh = sheet(`</sheetData><cols><col min="2" max="3" style="7"/><col min="1" max="4" style="8"/><col min="5" max="99999999999" style="9"/><col min="9" max="1" style="2"/></cols><sheetData>`)
	for col, want := range map[int]int{1: 8, 2: 7, 3: 7, 4: 8, 5: 9, 16384: 9, 16385: 0, 0: 0} {
		if got := sh.StyleOf(col, 1); got != want {
			t.Errorf("column %d: style %d, want %d", col, got, want)
		}
	}
	sh = sheet(`</sheetData><cols><col min="5" max="16384" style="9"/></cols><sheetData>`)
	if sh.StyleOf(16384, 1) != 9 || sh.StyleOf(16385, 1) != 0 || sh.StyleOf(4, 1) != 0 {
		t.Errorf("a range to XFD: %d %d %d", sh.StyleOf(16384, 1), sh.StyleOf(16385, 1), sh.StyleOf(4, 1))
	}
}

// TestHostileCost: inputs built to cost time or memory out of proportion
// to their size are read within bounds.
func TestHostileCost(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	var b strings.Builder
	repeat := func(n int, s string) string {
		b.Reset()
		for i := 0; i < n; i++ {
			b.WriteString(s)
		}
		return b.String()
	}
	tests := []struct {
		name  string
		parts []string
		lim   Limits
		maxMB uint64 // allocated, in MiB
		want  string
	}{
		// A cell at XFD in every row makes a 16,384-cell row of 24 bytes
		// out of 30 bytes of XML.
		{"a far cell in each row", okParts(repeat(100_000, `<row><c r="XFD1"><v>1</v></c></row>`)), DefaultLimits, 400, "cells"},
		{"a far cell in each row, importer's limits", okParts(repeat(100_000, `<row><c r="GR1"><v>1</v></c></row>`)), Limits{MaxRows: 5000, MaxColumns: 200}, 100, ""},
		{"millions of tiny cells", okParts(repeat(700, "<row>"+repeat(5000, "<c/>")+"</row>")), DefaultLimits, 600, ""},
		{"one long attribute", okParts(`<row r="1"><c r="A1" x="` + strings.Repeat("a", 30<<20) + `"><v>1</v></c></row>`), DefaultLimits, 200, ""},
		{"one long text", okParts(`<row r="1"><c r="A1" t="inlineStr"><is><t>` + strings.Repeat("a&amp;", 5<<20) + `</t></is></c></row>`), DefaultLimits, 200, ""},
		{"many columns", append(okParts(`<row r="1"><c r="A1" s="1"/></row>`)[:6], "xl/worksheets/sheet1.xml", `<worksheet><cols>`+repeat(100_000, `<col min="1" max="16384" style="1"/>`)+`</cols><sheetData>`+repeat(200, `<row><c r="XFD1"/></row>`)+`</sheetData></worksheet>`), DefaultLimits, 800, ""},
		{"many merges", okParts(`</sheetData><mergeCells>` + repeat(1_000_000, `<mergeCell ref="A1:XFD1048576"/>`) + `</mergeCells><sheetData>`), DefaultLimits, 200, ""},
		{"many shared formulas", okParts(repeat(2000, "<row>"+repeat(100, `<c><f t="shared" si="1"/></c>`)+"</row>")), DefaultLimits, 400, ""},
		{"many sheets of one part", append(okParts(`<row><c r="XFD1"><v>1</v></c></row>`)[:2], "xl/workbook.xml", `<workbook `+mainNS+`><sheets>`+repeat(5000, `<sheet name="Data" sheetId="1" r:id="rId1"/>`)+`</sheets></workbook>`, okParts("")[4], okParts("")[5], "xl/worksheets/sheet1.xml", okParts(repeat(3000, `<row><c r="XFD1"><v>1</v></c></row>`))[7]), DefaultLimits, 400, "cells"},
		{"deep nesting everywhere", okParts(repeat(50_000, strings.Repeat("<a>", 120)+strings.Repeat("</a>", 120))), DefaultLimits, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := book(t, tt.parts...)
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			wb, err := Open(data, tt.lim)
			if err == nil {
				// Every sheet, as the importer may read them all.
				for _, name := range wb.SheetNames() {
					var sh *Sheet
					if sh, err = wb.Sheet(name); err != nil {
						break
					}
					for i := range min(len(sh.Rows), 3) {
						for j := range sh.Rows[i].Cells {
							sh.StyleOf(j+1, i+1)
						}
					}
				}
			}
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			mb := (after.TotalAlloc - before.TotalAlloc) >> 20
			t.Logf("%d KB zipped: %v, %d MiB, err %v", len(data)>>10, took, mb, err)
			// Memory, not time, is asserted: allocation is the same on any
			// machine (and the work is linear in it), time is not. The race
			// detector allocates more on its own, so it is not asserted there.
			if mb > tt.maxMB && !raceEnabled {
				t.Errorf("%d MiB allocated, want at most %d MiB", mb, tt.maxMB)
			}
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
			if err != nil && !strings.Contains(err.Error(), "xl/worksheets/sheet1.xml") && !errors.Is(err, ErrTooLarge) {
				t.Errorf("the error names no part: %v", err)
			}
		})
	}
}
