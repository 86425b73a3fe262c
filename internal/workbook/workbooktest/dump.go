// Package workbooktest renders a workbook as stable text for golden tests
// and scripts: what a reviewer needs to see, without the zip's bytes.
package workbooktest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Dump lists, for each sheet in order: its visibility, column widths,
// frozen panes, merged ranges, data validations, conditional formats, and
// every non-empty cell with its value, formula and fill.
func Dump(r io.Reader) (string, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	props, err := f.GetDocProps()
	if err == nil {
		fmt.Fprintf(&b, "doc: creator=%q title=%q created=%s modified=%s\n", props.Creator, props.Title, props.Created, props.Modified)
	}
	for _, sheet := range f.GetSheetList() {
		if err := dumpSheet(&b, f, sheet); err != nil {
			return "", fmt.Errorf("sheet %s: %w", sheet, err)
		}
	}
	return b.String(), nil
}

func dumpSheet(b *strings.Builder, f *excelize.File, sheet string) error {
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
		fmt.Fprintf(b, "validation: %s %s %s\n", dv.Sqref, dv.Type, dv.Formula1)
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
	for ri, row := range rows {
		for ci, v := range row {
			ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
			formula, _ := f.GetCellFormula(sheet, ref)
			if v == "" && formula == "" {
				continue
			}
			line := ref + "\t" + fmt.Sprintf("%q", v)
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

// cellStyle summarizes what a reviewer sees of a style: fill, bold, wrap,
// rotation and number format.
func cellStyle(f *excelize.File, id int) string {
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return ""
	}
	var parts []string
	if st.Font != nil && st.Font.Bold {
		parts = append(parts, "bold")
	}
	if len(st.Fill.Color) > 0 {
		parts = append(parts, "fill="+st.Fill.Color[0])
	}
	if st.Alignment != nil && st.Alignment.TextRotation != 0 {
		parts = append(parts, fmt.Sprintf("rotate=%d", st.Alignment.TextRotation))
	}
	if st.CustomNumFmt != nil {
		parts = append(parts, "fmt="+*st.CustomNumFmt)
	}
	if len(parts) == 0 {
		return ""
	}
	return "\t[" + strings.Join(parts, " ") + "]"
}

func fill(f *excelize.File, id *int) string {
	if id == nil {
		return ""
	}
	st, err := f.GetConditionalStyle(*id)
	if err != nil || st == nil || len(st.Fill.Color) == 0 {
		return ""
	}
	return " fill=" + st.Fill.Color[0]
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
