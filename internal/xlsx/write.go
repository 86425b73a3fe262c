package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
)

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain    = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel  = "http://schemas.openxmlformats.org/package/2006/relationships"
	relOffice = nsRel + "/"

	ctSheet   = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
	ctDrawing = "application/vnd.openxmlformats-officedocument.drawing+xml"
	ctChart   = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
)

// stringTable is the shared strings: each distinct text once, in the order
// first written.
type stringTable struct {
	index map[string]int32
	list  []string
	refs  int // cells that refer to the table
}

func (t *stringTable) add(s string) int32 {
	t.refs++
	if i, ok := t.index[s]; ok {
		return i
	}
	i := int32(len(t.list))
	t.list = append(t.list, s)
	t.index[s] = i
	return i
}

// Level is the deflate level the zip is written with. Measured on the
// parts of the SoA workbooks of testdata/examples (issue 17), deflated one
// by one, best of 200 runs: level 2 gives 44.4 KB in 2.3 ms for
// saas-cloud.yaml and 51.0 KB in 2.6 ms for seimitsu-ja.yaml, where the
// default level (6) gives 40.3 KB in 4.2 ms and 46.2 KB in 5.7 ms: 10 %
// larger in half the time. BestSpeed (1) saves another 0.5 ms but is 19 %
// larger than the default.
const Level = 2

// compressors are flate writers at Level (some 1 MB each), kept for the
// next part and the next workbook of a batch.
var compressors sync.Pool

func compressor() *flate.Writer {
	if fw, ok := compressors.Get().(*flate.Writer); ok {
		return fw
	}
	fw, _ := flate.NewWriter(io.Discard, Level) // only an invalid level fails
	return fw
}

// entryTime is every entry's modification time, 1980-01-01 00:00 in MS-DOS
// form (the earliest it holds), so that no clock reaches the file.
const entryTime = 1<<5 | 1

// packed is one part, deflated.
type packed struct {
	data     []byte
	crc      uint32
	size     int
	finished chan struct{}
}

// Write writes the workbook to w as an .xlsx file. The zip's entries come
// in one fixed order (Parts) with one fixed time, and nothing depends on
// the clock, the machine or map order: the same workbook gives the same
// bytes.
//
// Parts are built and deflated by up to GOMAXPROCS goroutines, each part
// on its own, and written in order as they are done; a part's bytes do not
// depend on which goroutine made them. Nothing changes the workbook while
// Write runs.
func (wb *Workbook) Write(w io.Writer) error {
	if len(wb.sheets) == 0 {
		return fmt.Errorf("write workbook: a workbook has at least one sheet")
	}
	parts := wb.parts()
	packs := make([]packed, len(parts))
	for i := range packs {
		packs[i].finished = make(chan struct{})
	}
	var next atomic.Int32
	workers := min(runtime.GOMAXPROCS(0), len(parts), 4)
	for range workers {
		go func() {
			fw := compressor()
			defer compressors.Put(fw)
			raw := make([]byte, 0, 64<<10)
			for {
				i := int(next.Add(1) - 1)
				if i >= len(parts) {
					return
				}
				raw = parts[i].build(raw[:0])
				var out bytes.Buffer
				out.Grow(len(raw)/4 + 512)
				fw.Reset(&out)
				fw.Write(raw) // a bytes.Buffer does not fail
				fw.Close()
				packs[i].data, packs[i].crc, packs[i].size = out.Bytes(), crc32.ChecksumIEEE(raw), len(raw)
				close(packs[i].finished)
			}
		}()
	}
	zw := zip.NewWriter(w)
	for i, p := range parts {
		pk := &packs[i]
		<-pk.finished
		// ModifiedDate rather than Modified: Modified adds an extended
		// timestamp field to every entry, bytes that say nothing here.
		f, err := zw.CreateRaw(&zip.FileHeader{
			//lint:ignore SA1019 the MS-DOS date is the one we mean to write
			Name: p.name, Method: zip.Deflate, ModifiedDate: entryTime,
			CRC32: pk.crc, CompressedSize64: uint64(len(pk.data)), UncompressedSize64: uint64(pk.size),
		})
		if err == nil {
			_, err = f.Write(pk.data)
		}
		if err != nil {
			for _, rest := range packs[i+1:] { // let the workers finish
				<-rest.finished
			}
			return fmt.Errorf("write workbook: %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

type part struct {
	name  string
	build func([]byte) []byte
}

// Parts lists the names of the workbook's parts in the order Write writes
// them.
func (wb *Workbook) Parts() []string {
	var names []string
	for _, p := range wb.parts() {
		names = append(names, p.name)
	}
	return names
}

func (wb *Workbook) parts() []part {
	ps := []part{
		{"[Content_Types].xml", wb.appendContentTypes},
		{"_rels/.rels", appendRootRels},
		{"docProps/core.xml", wb.appendCore},
		{"docProps/app.xml", wb.appendApp},
		{"xl/workbook.xml", wb.appendWorkbook},
		{"xl/_rels/workbook.xml.rels", wb.appendWorkbookRels},
		{"xl/theme/theme1.xml", func(b []byte) []byte { return append(b, theme...) }},
		{"xl/styles.xml", wb.styles.appendStyles},
	}
	for _, s := range wb.sheets {
		ps = append(ps, part{sheetPart(s.index), s.appendSheet})
		if len(s.charts) > 0 {
			ps = append(ps, part{"xl/worksheets/_rels/sheet" + strconv.Itoa(s.index+1) + ".xml.rels", s.appendSheetRels})
		}
	}
	for _, s := range wb.sheets {
		if len(s.charts) == 0 {
			continue
		}
		d := s.charts[0].drawing
		ps = append(ps,
			part{drawingPart(d), s.appendDrawing},
			part{"xl/drawings/_rels/drawing" + strconv.Itoa(d) + ".xml.rels", s.appendDrawingRels})
		for _, c := range s.charts {
			ps = append(ps, part{chartPart(c.id), c.appendChart})
		}
	}
	return append(ps, part{"xl/sharedStrings.xml", wb.strings.appendSST})
}

func sheetPart(i int) string   { return "xl/worksheets/sheet" + strconv.Itoa(i+1) + ".xml" }
func drawingPart(d int) string { return "xl/drawings/drawing" + strconv.Itoa(d) + ".xml" }
func chartPart(c int) string   { return "xl/charts/chart" + strconv.Itoa(c) + ".xml" }

func appendOverride(b []byte, name, ct string) []byte {
	b = append(b, `<Override PartName="/`...)
	b = append(b, name...)
	b = append(b, `" ContentType="`...)
	b = append(b, ct...)
	return append(b, `"/>`...)
}

func (wb *Workbook) appendContentTypes(b []byte) []byte {
	b = append(b, xmlHeader+`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`+
		`<Default Extension="xml" ContentType="application/xml"/>`...)
	b = appendOverride(b, "docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
	b = appendOverride(b, "docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
	b = appendOverride(b, "xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
	b = appendOverride(b, "xl/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml")
	b = appendOverride(b, "xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
	for _, s := range wb.sheets {
		b = appendOverride(b, sheetPart(s.index), ctSheet)
	}
	for _, s := range wb.sheets {
		if len(s.charts) > 0 {
			b = appendOverride(b, drawingPart(s.charts[0].drawing), ctDrawing)
		}
		for _, c := range s.charts {
			b = appendOverride(b, chartPart(c.id), ctChart)
		}
	}
	b = appendOverride(b, "xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")
	return append(b, `</Types>`...)
}

func appendRel(b []byte, id int, typ, target string) []byte {
	b = append(b, `<Relationship Id="rId`...)
	b = strconv.AppendInt(b, int64(id), 10)
	b = append(b, `" Type="`...)
	b = append(b, typ...)
	b = append(b, `" Target="`...)
	b = appendAttr(b, target)
	return append(b, `"/>`...)
}

func appendRootRels(b []byte) []byte {
	b = append(b, xmlHeader+`<Relationships xmlns="`+nsPkgRel+`">`...)
	b = appendRel(b, 1, relOffice+"officeDocument", "xl/workbook.xml")
	b = appendRel(b, 2, "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml")
	b = appendRel(b, 3, relOffice+"extended-properties", "docProps/app.xml")
	return append(b, `</Relationships>`...)
}

// appendElem appends <name>text</name>, or nothing for empty text.
func appendElem(b []byte, name, text string) []byte {
	if text == "" {
		return b
	}
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	b = appendText(b, text)
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, '>')
}

func (wb *Workbook) appendCore(b []byte) []byte {
	p := wb.Props
	b = append(b, xmlHeader+`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`...)
	b = appendElem(b, "dc:title", p.Title)
	b = appendElem(b, "dc:subject", p.Subject)
	b = appendElem(b, "dc:creator", p.Creator)
	b = appendElem(b, "cp:lastModifiedBy", p.LastModifiedBy)
	b = appendElem(b, "dc:language", p.Language)
	for _, d := range []struct{ name, v string }{{"dcterms:created", p.Created}, {"dcterms:modified", p.Modified}} {
		if d.v == "" {
			continue
		}
		b = append(b, '<')
		b = append(b, d.name...)
		b = append(b, ` xsi:type="dcterms:W3CDTF">`...)
		b = appendText(b, d.v)
		b = append(b, "</"...)
		b = append(b, d.name...)
		b = append(b, '>')
	}
	b = appendElem(b, "cp:version", p.Version)
	return append(b, `</cp:coreProperties>`...)
}

func (wb *Workbook) appendApp(b []byte) []byte {
	b = append(b, xmlHeader+`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`...)
	b = appendElem(b, "Application", wb.Props.Application)
	b = appendElem(b, "Company", wb.Props.Company)
	return append(b, `</Properties>`...)
}

func (wb *Workbook) appendWorkbook(b []byte) []byte {
	b = append(b, xmlHeader+`<workbook xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><workbookPr/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="14805" windowHeight="8010"`...)
	if a := wb.active(); a > 0 {
		b = append(b, ` activeTab="`...)
		b = strconv.AppendInt(b, int64(a), 10)
		b = append(b, '"')
	}
	b = append(b, `/></bookViews><sheets>`...)
	for _, s := range wb.sheets {
		b = append(b, `<sheet name="`...)
		b = appendAttr(b, s.name)
		b = append(b, `" sheetId="`...)
		b = strconv.AppendInt(b, int64(s.index+1), 10)
		b = append(b, `" r:id="rId`...)
		b = strconv.AppendInt(b, int64(s.index+1), 10)
		b = append(b, `"/>`...)
	}
	b = append(b, `</sheets>`...)
	if len(wb.names) > 0 {
		b = append(b, `<definedNames>`...)
		for _, n := range wb.names {
			b = append(b, `<definedName name="`...)
			b = append(b, n.name...)
			b = append(b, `" localSheetId="`...)
			b = strconv.AppendInt(b, int64(n.sheet), 10)
			b = append(b, '"')
			if n.hidden {
				b = append(b, ` hidden="1"`...)
			}
			b = append(b, '>')
			b = appendText(b, n.ref)
			b = append(b, `</definedName>`...)
		}
		b = append(b, `</definedNames>`...)
	}
	b = append(b, `<calcPr calcId="191029"`...)
	if wb.FullCalcOnLoad {
		b = append(b, ` fullCalcOnLoad="1"`...)
	}
	return append(b, `/></workbook>`...)
}

func (wb *Workbook) appendWorkbookRels(b []byte) []byte {
	b = append(b, xmlHeader+`<Relationships xmlns="`+nsPkgRel+`">`...)
	n := len(wb.sheets)
	for _, s := range wb.sheets {
		b = appendRel(b, s.index+1, relOffice+"worksheet", "worksheets/sheet"+strconv.Itoa(s.index+1)+".xml")
	}
	b = appendRel(b, n+1, relOffice+"styles", "styles.xml")
	b = appendRel(b, n+2, relOffice+"theme", "theme/theme1.xml")
	b = appendRel(b, n+3, relOffice+"sharedStrings", "sharedStrings.xml")
	return append(b, `</Relationships>`...)
}

func (t *stringTable) appendSST(b []byte) []byte {
	b = append(b, xmlHeader+`<sst xmlns="`+nsMain+`" count="`...)
	b = strconv.AppendInt(b, int64(t.refs), 10)
	b = append(b, `" uniqueCount="`...)
	b = strconv.AppendInt(b, int64(len(t.list)), 10)
	b = append(b, `">`...)
	for _, s := range t.list {
		if needsPreserve(s) {
			b = append(b, `<si><t xml:space="preserve">`...)
		} else {
			b = append(b, `<si><t>`...)
		}
		b = appendText(b, s)
		b = append(b, `</t></si>`...)
	}
	return append(b, `</sst>`...)
}

// appendSheet writes a worksheet, its elements in the schema's order.
func (s *Sheet) appendSheet(b []byte) []byte {
	b = append(b, xmlHeader+`<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRel+`">`...)
	// sheetPr: the page set-up's fit to page, and a filter.
	if s.filter != nil || s.page != nil {
		b = append(b, `<sheetPr`...)
		if s.filter != nil {
			b = append(b, ` filterMode="true"`...)
		}
		b = append(b, `>`...)
		if s.page != nil && (s.page.FitWidth > 0 || s.page.FitHeight > 0) {
			b = append(b, `<pageSetUpPr fitToPage="true"></pageSetUpPr>`...)
		}
		b = append(b, `</sheetPr>`...)
	}
	b = append(b, `<dimension ref="`...)
	b = appendRange(b, s.dimension(), false)
	b = append(b, `"/><sheetViews><sheetView`...)
	if s.wb.active() == s.index {
		b = append(b, ` tabSelected="1"`...)
	}
	b = append(b, ` workbookViewId="0"`...)
	if x, y := s.freeze[0], s.freeze[1]; x > 0 || y > 0 {
		b = append(b, `><pane`...)
		if x > 0 {
			b = append(b, ` xSplit="`...)
			b = strconv.AppendInt(b, int64(x), 10)
			b = append(b, '"')
		}
		if y > 0 {
			b = append(b, ` ySplit="`...)
			b = strconv.AppendInt(b, int64(y), 10)
			b = append(b, '"')
		}
		b = append(b, ` topLeftCell="`...)
		b = appendCell(b, x+1, y+1, false)
		pane := "bottomRight"
		switch {
		case x == 0:
			pane = "bottomLeft"
		case y == 0:
			pane = "topRight"
		}
		b = append(b, `" activePane="`...)
		b = append(b, pane...)
		b = append(b, `" state="frozen"/><selection pane="`...)
		b = append(b, pane...)
		b = append(b, `"/></sheetView>`...)
	} else {
		b = append(b, `/>`...)
	}
	b = append(b, `</sheetViews><sheetFormatPr defaultRowHeight="15"/>`...)
	b = s.appendCols(b)
	b = s.appendRows(b)
	if s.filter != nil {
		b = append(b, `<autoFilter ref="`...)
		b = appendRange(b, *s.filter, false)
		b = append(b, `"/>`...)
	}
	if len(s.merges) > 0 {
		b = append(b, `<mergeCells count="`...)
		b = strconv.AppendInt(b, int64(len(s.merges)), 10)
		b = append(b, `">`...)
		for _, m := range s.merges {
			b = append(b, `<mergeCell ref="`...)
			b = appendRange(b, m, false)
			b = append(b, `"/>`...)
		}
		b = append(b, `</mergeCells>`...)
	}
	b = s.appendConditionals(b)
	b = s.appendValidations(b)
	if p := s.page; p != nil {
		b = appendPage(b, p)
	}
	if len(s.breaks) > 0 {
		b = append(b, `<rowBreaks count="`...)
		b = strconv.AppendInt(b, int64(len(s.breaks)), 10)
		b = append(b, `" manualBreakCount="`...)
		b = strconv.AppendInt(b, int64(len(s.breaks)), 10)
		b = append(b, `">`...)
		for _, r := range s.breaks {
			b = append(b, `<brk id="`...)
			b = strconv.AppendInt(b, int64(r-1), 10)
			b = append(b, `" max="16383" man="true"></brk>`...)
		}
		// An empty colBreaks after them, as soa's workbooks have always
		// had (excelize wrote it); the page set-up golden files pin it.
		b = append(b, `</rowBreaks><colBreaks></colBreaks>`...)
	}
	if len(s.charts) > 0 {
		b = append(b, `<drawing r:id="rId1"/>`...)
	}
	return append(b, `</worksheet>`...)
}

// dimension is the range the sheet's cells take, A1 when it has none.
func (s *Sheet) dimension() Range {
	d := Range{1, 1, 1, 1}
	first := true
	for i, r := range s.rows {
		if len(r.cells) == 0 {
			continue
		}
		lo, hi := int(r.cells[0].col), int(r.cells[len(r.cells)-1].col)
		if first {
			d, first = Range{lo, i + 1, hi, i + 1}, false
			continue
		}
		d.FromCol, d.ToCol, d.ToRow = min(d.FromCol, lo), max(d.ToCol, hi), i+1
	}
	return d
}

func (s *Sheet) appendCols(b []byte) []byte {
	open := false
	for i := 0; i < len(s.cols); {
		c := s.cols[i]
		j := i + 1
		for j < len(s.cols) && s.cols[j] == c {
			j++
		}
		if c != (column{}) {
			if !open {
				b = append(b, `<cols>`...)
				open = true
			}
			b = append(b, `<col min="`...)
			b = strconv.AppendInt(b, int64(i+1), 10)
			b = append(b, `" max="`...)
			b = strconv.AppendInt(b, int64(j), 10)
			b = append(b, `" width="`...)
			b = appendFloat(b, cmpOr(c.width, 9.140625))
			b = append(b, `"`...)
			if c.width > 0 {
				b = append(b, ` customWidth="1"`...)
			}
			if c.hidden {
				b = append(b, ` hidden="1"`...)
			}
			b = append(b, `/>`...)
		}
		i = j
	}
	if open {
		b = append(b, `</cols>`...)
	}
	return b
}

func cmpOr(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

func (s *Sheet) appendRows(b []byte) []byte {
	b = append(b, `<sheetData>`...)
	for i := range s.rows {
		r := &s.rows[i]
		if len(r.cells) == 0 && r.height == 0 {
			continue
		}
		b = append(b, `<row r="`...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, '"')
		if r.height > 0 {
			b = append(b, ` ht="`...)
			b = appendFloat(b, r.height)
			b = append(b, `" customHeight="1"`...)
		}
		if len(r.cells) == 0 {
			b = append(b, `/>`...)
			continue
		}
		b = append(b, '>')
		for j := range r.cells {
			b = s.appendCellXML(b, &r.cells[j], i+1)
		}
		b = append(b, `</row>`...)
	}
	return append(b, `</sheetData>`...)
}

func (s *Sheet) appendCellXML(b []byte, c *cell, row int) []byte {
	b = append(b, `<c r="`...)
	b = appendCell(b, int(c.col), row, false)
	b = append(b, '"')
	if c.style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(c.style), 10)
		b = append(b, '"')
	}
	switch c.kind {
	case cellEmpty:
		return append(b, `/>`...)
	case cellString:
		b = append(b, ` t="s"><v>`...)
		b = strconv.AppendInt(b, int64(c.str), 10)
		return append(b, `</v></c>`...)
	case cellNumber:
		b = append(b, `><v>`...)
		b = appendNumber(b, c.num)
		return append(b, `</v></c>`...)
	}
	b = append(b, `><f>`...)
	b = appendText(b, s.formulas[c.str])
	b = append(b, `</f>`...)
	if c.hasNum {
		b = append(b, `<v>`...)
		b = appendNumber(b, c.num)
		b = append(b, `</v>`...)
	}
	return append(b, `</c>`...)
}

func (s *Sheet) appendConditionals(b []byte) []byte {
	for _, cf := range s.conds {
		b = append(b, `<conditionalFormatting sqref="`...)
		b = appendRange(b, cf.ref, false)
		b = append(b, `">`...)
		for i, r := range cf.rules {
			typ, formula := "cellIs", r.Equal
			if r.Formula != "" {
				typ, formula = "expression", r.Formula
			}
			b = append(b, `<cfRule type="`...)
			b = append(b, typ...)
			b = append(b, `" dxfId="`...)
			b = strconv.AppendInt(b, int64(r.Highlight), 10)
			b = append(b, `" priority="`...)
			b = strconv.AppendInt(b, int64(cf.priority+i), 10)
			b = append(b, '"')
			if typ == "cellIs" {
				b = append(b, ` operator="equal"`...)
			}
			b = append(b, `><formula>`...)
			b = appendText(b, formula)
			b = append(b, `</formula></cfRule>`...)
		}
		b = append(b, `</conditionalFormatting>`...)
	}
	return b
}

func (s *Sheet) appendValidations(b []byte) []byte {
	if len(s.valids) == 0 {
		return b
	}
	b = append(b, `<dataValidations count="`...)
	b = strconv.AppendInt(b, int64(len(s.valids)), 10)
	b = append(b, `">`...)
	for _, v := range s.valids {
		b = append(b, `<dataValidation type="list" errorStyle="stop" allowBlank="1" showErrorMessage="1" errorTitle="`...)
		b = appendAttr(b, v.errTitle)
		b = append(b, `" error="`...)
		b = appendAttr(b, v.error)
		b = append(b, `" sqref="`...)
		b = appendRange(b, v.ref, false)
		b = append(b, `"><formula1>`...)
		b = appendText(b, v.list)
		b = append(b, `</formula1></dataValidation>`...)
	}
	return append(b, `</dataValidations>`...)
}

// appendPage writes the margins, the page set-up and the header and
// footer, each element with an end tag, as soa's page set-up golden files
// pin them.
func appendPage(b []byte, p *Page) []byte {
	b = append(b, `<pageMargins left="`...)
	b = appendFloat(b, p.Left)
	b = append(b, `" right="`...)
	b = appendFloat(b, p.Right)
	b = append(b, `" top="`...)
	b = appendFloat(b, p.Top)
	b = append(b, `" bottom="`...)
	b = appendFloat(b, p.Bottom)
	b = append(b, `" header="`...)
	b = appendFloat(b, p.Header)
	b = append(b, `" footer="`...)
	b = appendFloat(b, p.Footer)
	b = append(b, `"></pageMargins><pageSetup fitToHeight="`...)
	b = strconv.AppendInt(b, int64(p.FitHeight), 10)
	b = append(b, `" fitToWidth="`...)
	b = strconv.AppendInt(b, int64(p.FitWidth), 10)
	b = append(b, `" orientation="`...)
	if p.Landscape {
		b = append(b, `landscape`...)
	} else {
		b = append(b, `portrait`...)
	}
	b = append(b, `" paperSize="`...)
	b = strconv.AppendInt(b, int64(p.Paper), 10)
	b = append(b, `"></pageSetup>`...)
	if p.OddHeader == "" && p.OddFooter == "" {
		return b
	}
	b = append(b, `<headerFooter>`...)
	b = appendElem(b, "oddHeader", p.OddHeader)
	b = appendElem(b, "oddFooter", p.OddFooter)
	return append(b, `</headerFooter>`...)
}
