// Package workbooktest renders a workbook as stable text for golden tests
// and scripts: what a reviewer needs to see, without the zip's bytes.
package workbooktest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Dump lists the workbook's document properties, the sheet it opens on,
// whether formulas are recalculated on opening, its default font and its
// defined names (print titles, filter ranges), then, for each sheet in order: its visibility,
// column widths, frozen panes, merged ranges, data validations with their
// messages, conditional formats with their colours, and each row's height
// followed by its non-empty cells, each with its value, type where not text, formula and what a
// reader sees of its style (font, fill, alignment, wrap, rotation, number format). Page set-up
// is not here: see PageSetup.
func Dump(r io.Reader) (string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return "", err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	defer f.Close()
	pk, err := readPackage(data)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, name := range pk.names {
		fmt.Fprintf(&b, "part: %s %s\n", name, pk.contentType(name))
	}
	props, err := f.GetDocProps()
	if err == nil {
		fmt.Fprintf(&b, "doc: creator=%q title=%q created=%s modified=%s\n", props.Creator, props.Title, props.Created, props.Modified)
	}
	fmt.Fprintf(&b, "opens on: %q\n", f.GetSheetName(f.GetActiveSheetIndex()))
	if calc, err := f.GetCalcProps(); err == nil && calc.FullCalcOnLoad != nil && *calc.FullCalcOnLoad {
		b.WriteString("calc: full on load\n")
	}
	if font, err := f.GetDefaultFont(); err == nil {
		fmt.Fprintf(&b, "font: %s\n", font)
	}
	for _, dn := range f.GetDefinedName() {
		fmt.Fprintf(&b, "name: %s scope=%q %s\n", dn.Name, dn.Scope, dn.RefersTo)
	}
	for _, sheet := range f.GetSheetList() {
		if err := dumpSheet(&b, f, pk, sheet); err != nil {
			return "", fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	return b.String(), nil
}

func dumpSheet(b *strings.Builder, f *excelize.File, pk *xlsxPackage, sheet string) error {
	visible, _ := f.GetSheetVisible(sheet)
	fmt.Fprintf(b, "\n== sheet %q visible=%v\n", sheet, visible)
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	maxCol := 0
	for _, row := range rows {
		maxCol = max(maxCol, len(row))
	}
	var widths []string
	for c := 1; c <= maxCol; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		w, _ := f.GetColWidth(sheet, name)
		vis, _ := f.GetColVisible(sheet, name)
		s := fmt.Sprintf("%s=%g", name, w)
		if !vis {
			s += "(hidden)"
		}
		widths = append(widths, s)
	}
	fmt.Fprintf(b, "cols: %s\n", strings.Join(widths, " "))
	if panes, err := f.GetPanes(sheet); err == nil && panes.Freeze {
		fmt.Fprintf(b, "freeze: %s\n", panes.TopLeftCell)
	}
	merged, _ := f.GetMergeCells(sheet)
	var ms []string
	for _, m := range merged {
		ms = append(ms, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	if len(ms) > 0 {
		fmt.Fprintf(b, "merged: %s\n", strings.Join(ms, " "))
	}
	dvs, _ := f.GetDataValidations(sheet)
	for _, dv := range dvs {
		fmt.Fprintf(b, "validation: %s %s %s", dv.Sqref, dv.Type, dv.Formula1)
		if dv.Formula2 != "" {
			fmt.Fprintf(b, " %s", dv.Formula2)
		}
		if dv.AllowBlank {
			b.WriteString(" blank-ok")
		}
		if dv.ShowErrorMessage {
			fmt.Fprintf(b, " error=%s:%q/%q", deref(dv.ErrorStyle), deref(dv.ErrorTitle), deref(dv.Error))
		}
		if dv.ShowInputMessage {
			fmt.Fprintf(b, " prompt=%q/%q", deref(dv.PromptTitle), deref(dv.Prompt))
		}
		b.WriteString("\n")
	}
	cfs, _ := f.GetConditionalFormats(sheet)
	var refs []string
	for ref := range cfs {
		refs = append(refs, ref)
	}
	slices.Sort(refs)
	for _, ref := range refs {
		for _, c := range cfs[ref] {
			fmt.Fprintf(b, "conditional: %s %s %s %s%s\n", ref, c.Type, c.Criteria, c.Value, fill(f, c.Format))
		}
	}
	if err := pk.dumpCharts(b, sheet); err != nil {
		return err
	}
	for ri, row := range rows {
		h, _ := f.GetRowHeight(sheet, ri+1)
		fmt.Fprintf(b, "row %d height=%g", ri+1, h)
		if vis, _ := f.GetRowVisible(sheet, ri+1); !vis {
			b.WriteString(" hidden")
		}
		b.WriteString("\n")
		for ci, v := range row {
			ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
			formula, _ := f.GetCellFormula(sheet, ref)
			if v == "" && formula == "" {
				continue
			}
			line := ref + "\t" + fmt.Sprintf("%q", v)
			if typ := cellType(f, sheet, ref); typ != "" {
				line += "\t" + typ
			}
			if formula != "" {
				line += "\t=" + formula
			}
			if id, err := f.GetCellStyle(sheet, ref); err == nil {
				line += cellStyle(f, id)
			}
			b.WriteString(line + "\n")
		}
	}
	return nil
}

// cellType names a cell's type where it is not text: a number stored as
// text, or text stored as a number, reads differently in a spreadsheet.
func cellType(f *excelize.File, sheet, ref string) string {
	t, err := f.GetCellType(sheet, ref)
	if err != nil {
		return ""
	}
	switch t {
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		return "number"
	case excelize.CellTypeBool:
		return "bool"
	case excelize.CellTypeDate:
		return "date"
	case excelize.CellTypeError:
		return "error"
	}
	return ""
}

// cellStyle summarizes what a reader sees of a style: font (bold, italic,
// size other than the body's 10 pt, colour), fill, horizontal and vertical
// alignment, wrap, rotation and number format.
func cellStyle(f *excelize.File, id int) string {
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return ""
	}
	def, _ := f.GetDefaultFont()
	parts := fontParts(st.Font, def)
	if len(st.Fill.Color) > 0 {
		parts = append(parts, "fill="+st.Fill.Color[0])
	}
	if a := st.Alignment; a != nil {
		if a.Horizontal != "" {
			parts = append(parts, "h="+a.Horizontal)
		}
		if a.Vertical != "" {
			parts = append(parts, "v="+a.Vertical)
		}
		if a.WrapText {
			parts = append(parts, "wrap")
		}
		if a.TextRotation != 0 {
			parts = append(parts, fmt.Sprintf("rotate=%d", a.TextRotation))
		}
	}
	if st.CustomNumFmt != nil {
		parts = append(parts, "fmt="+*st.CustomNumFmt)
	} else if st.NumFmt != 0 {
		parts = append(parts, fmt.Sprintf("numfmt=%d", st.NumFmt))
	}
	if len(parts) == 0 {
		return ""
	}
	return "\t[" + strings.Join(parts, " ") + "]"
}

func fontParts(ft *excelize.Font, defaultFont string) []string {
	if ft == nil {
		return nil
	}
	var parts []string
	if ft.Bold {
		parts = append(parts, "bold")
	}
	if ft.Italic {
		parts = append(parts, "italic")
	}
	if ft.Family != "" && ft.Family != defaultFont {
		parts = append(parts, "font="+ft.Family)
	}
	if ft.Size != 0 && ft.Size != 10 {
		parts = append(parts, fmt.Sprintf("%gpt", ft.Size))
	}
	if ft.Color != "" {
		parts = append(parts, "color="+ft.Color)
	}
	return parts
}

// fill describes a conditional format's style: its fill and font.
func fill(f *excelize.File, id *int) string {
	if id == nil {
		return ""
	}
	st, err := f.GetConditionalStyle(*id)
	if err != nil || st == nil {
		return ""
	}
	var parts []string
	if len(st.Fill.Color) > 0 {
		parts = append(parts, "fill="+st.Fill.Color[0])
	}
	def, _ := f.GetDefaultFont()
	parts = append(parts, fontParts(st.Font, def)...)
	if len(parts) == 0 {
		return ""
	}
	return " " + strings.Join(parts, " ")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// pageElements are a worksheet's elements that decide how it prints.
var pageElements = []string{"sheetPr", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks"}

// PageSetup returns, for each worksheet part in order, the raw XML of the
// elements that decide how it prints (sheet properties such as fit to page,
// print options, margins, paper and orientation, header and footer, page
// breaks), one element a line: the small raw part a golden test keeps
// where the readable Dump has no words for it.
func PageSetup(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	type part struct {
		n    int
		name string
	}
	var sheets []part
	for _, zf := range zr.File {
		var n int
		if _, err := fmt.Sscanf(zf.Name, "xl/worksheets/sheet%d.xml", &n); err == nil {
			sheets = append(sheets, part{n, zf.Name})
		}
	}
	slices.SortFunc(sheets, func(a, b part) int { return a.n - b.n })
	var b strings.Builder
	for _, p := range sheets {
		body, err := readPart(zr, p.name)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "== %s\n", p.name)
		d := xml.NewDecoder(bytes.NewReader(body))
		depth := 0
		for {
			start := d.InputOffset()
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				return "", fmt.Errorf("%s: %w", p.name, err)
			}
			switch t := tok.(type) {
			case xml.StartElement:
				depth++
				if depth == 2 && slices.Contains(pageElements, t.Name.Local) {
					if err := d.Skip(); err != nil {
						return "", fmt.Errorf("%s: %w", p.name, err)
					}
					depth--
					b.WriteString(strings.ReplaceAll(string(body[start:d.InputOffset()]), "><", ">\n<") + "\n")
				}
			case xml.EndElement:
				depth--
			}
		}
	}
	return b.String(), nil
}

func readPart(zr *zip.Reader, name string) ([]byte, error) {
	rc, err := zr.Open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// Parts returns the named parts of the xlsx zip, with a line break after
// every element so that golden diffs stay readable.
func Parts(data []byte, names ...string) (map[string]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		if !slices.Contains(names, zf.Name) {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		out[zf.Name] = strings.ReplaceAll(string(body), "><", ">\n<") + "\n"
	}
	for _, n := range names {
		if _, ok := out[n]; !ok {
			return nil, fmt.Errorf("no part %s", n)
		}
	}
	return out, nil
}
