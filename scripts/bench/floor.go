//go:build ignore

// The floor of scripts/bench: the least a Go program can do to write the
// first four sheets of soa's workbook (Cover, SoA, Summary, Gaps, with the
// same cells) as an .xlsx file. The cells are compiled in (bench.go writes
// them to cells.go next to this file); the sheets are written as XML
// straight into a zip at the default deflate level, with one bold style and
// no shared strings. Whatever soa does beyond this is what it costs to be
// soa rather than a file copier.
package main

import (
	"archive/zip"
	"bufio"
	"os"
	"strconv"
	"strings"
)

type cell struct {
	v   string
	num bool
}

type sheet struct {
	name string
	rows [][]cell
}

func main() {
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	z := zip.NewWriter(bw)
	put := func(name, body string) {
		w, err := z.Create(name)
		if err != nil {
			panic(err)
		}
		w.Write([]byte(body))
	}
	var ct, wb, rels strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, s := range sheets {
		n := strconv.Itoa(i + 1)
		ct.WriteString(`<Override PartName="/xl/worksheets/sheet` + n + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
		wb.WriteString(`<sheet name="` + esc(s.name) + `" sheetId="` + n + `" r:id="rId` + n + `"/>`)
		rels.WriteString(`<Relationship Id="rId` + n + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet` + n + `.xml"/>`)
	}
	ns := strconv.Itoa(len(sheets) + 1)
	rels.WriteString(`<Relationship Id="rId` + ns + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`)
	ct.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	put("[Content_Types].xml", ct.String())
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", wb.String())
	put("xl/_rels/workbook.xml.rels", rels.String())
	put("xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+
		`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>`+
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>`+
		`<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>`+
		`<cellXfs count="2"><xf/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>`)
	for i, s := range sheets {
		w, err := z.Create("xl/worksheets/sheet" + strconv.Itoa(i+1) + ".xml")
		if err != nil {
			panic(err)
		}
		b := bufio.NewWriterSize(w, 32<<10)
		b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		for r, row := range s.rows {
			rn := strconv.Itoa(r + 1)
			b.WriteString(`<row r="` + rn + `">`)
			for c, x := range row {
				if x.v == "" {
					continue
				}
				ref := col(c) + rn
				style := ""
				if r == 0 {
					style = ` s="1"`
				}
				if x.num {
					b.WriteString(`<c r="` + ref + `"` + style + `><v>` + x.v + `</v></c>`)
				} else {
					b.WriteString(`<c r="` + ref + `"` + style + ` t="inlineStr"><is><t xml:space="preserve">` + esc(x.v) + `</t></is></c>`)
				}
			}
			b.WriteString(`</row>`)
		}
		b.WriteString(`</sheetData></worksheet>`)
		b.Flush()
	}
	if err := z.Close(); err != nil {
		panic(err)
	}
	if err := bw.Flush(); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}

func col(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func esc(s string) string { return escaper.Replace(s) }
