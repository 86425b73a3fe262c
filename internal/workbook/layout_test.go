package workbook_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/textwidth"
	"github.com/xuri/excelize/v2"
)

// TestRowsShowTheirText: in each example, on every sheet, every wrapped
// cell's row (or merged rows) is tall enough for the lines its text takes
// in its column (or merged columns). The wrapping here is a lenient
// estimate (more fits on a line than soa assumes, 12 points a line), so a
// failure means text hidden or overlapping the next row in Excel or in
// LibreOffice's PDF, not a rounding difference.
func TestRowsShowTheirText(t *testing.T) {
	for _, ex := range examples {
		f := open(t, render(t, load(t, ex.name), ex.lang))
		for _, sheet := range f.GetSheetList() {
			for _, p := range hiddenText(t, f, sheet) {
				t.Errorf("%s: %s", ex.name, p)
			}
		}
	}
}

// hiddenText lists the wrapped cells of sheet whose rows are too short.
func hiddenText(t *testing.T, f *excelize.File, sheet string) []string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	merged, _ := f.GetMergeCells(sheet)
	var out []string
	for ri, row := range rows {
		for ci, text := range row {
			if text == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
			id, _ := f.GetCellStyle(sheet, ref)
			st, _ := f.GetStyle(id)
			if st == nil || st.Alignment == nil {
				continue
			}
			if st.Alignment.TextRotation == 90 {
				// Upright text turned on its side: as tall as its
				// line is long, a full-width character its font's size.
				h, _ := f.GetRowHeight(sheet, ri+1)
				if need := rotatedLength(text, st.Font.Size) + 4; h < need {
					out = append(out, fmt.Sprintf("%s!%s: %q turned on its side takes %g points, row %g points high", sheet, ref, text, need, h))
				}
				continue
			}
			if !st.Alignment.WrapText || st.Alignment.TextRotation != 0 {
				continue
			}
			c0, r0, c1, r1 := ci+1, ri+1, ci+1, ri+1
			for _, m := range merged {
				if m.GetStartAxis() == ref {
					c1, r1, _ = excelize.CellNameToCoordinates(m.GetEndAxis())
				}
			}
			width, height := 0.0, 0.0
			for c := c0; c <= c1; c++ {
				w, _ := f.GetColWidth(sheet, colLetters(c))
				width += w
			}
			for r := r0; r <= r1; r++ {
				h, _ := f.GetRowHeight(sheet, r)
				height += h
			}
			if st.Font != nil && st.Font.Bold {
				width *= 0.9 // bold text is wider
			}
			if lines := lenientLines(text, width); height < float64(lines)*12 {
				out = append(out, fmt.Sprintf("%s!%s: %d lines of %q in a column %g wide, row %g points high", sheet, ref, lines, text, width, height))
			}
		}
	}
	return out
}

func colLetters(c int) string {
	s, _ := excelize.ColumnNumberToName(c)
	return s
}

// lenientLines counts the lines text takes when wrapped at spaces (or
// anywhere in a word too long for a line) in a column width characters
// wide, a line holding 1.3 times the width (wide characters count two):
// what Calibri's 10-point English prose averages in Excel, and DejaVu
// Sans in LibreOffice's wider columns.
//
// It is written out here, not borrowed from the workbook, so that the test
// checks the workbook's wrapping too, not only its width factor.
func lenientLines(text string, width float64) int {
	avail := int(math.Floor(width * 1.3))
	n := 0
	for _, para := range strings.Split(text, "\n") {
		lines, used := 1, 0
		for _, word := range strings.Fields(para) {
			w := textwidth.Width(word)
			switch {
			case used == 0:
				used = w
			case used+1+w <= avail:
				used += 1 + w
			default:
				lines, used = lines+1, w
			}
			for used > avail {
				lines, used = lines+1, used-avail
			}
		}
		n += lines
	}
	return n
}

// rotatedLength is the length of text on one line in a font of size pt:
// a full-width character takes pt, any other (leniently) 0.6 pt.
func rotatedLength(text string, pt float64) float64 {
	n := 0.0
	for _, r := range text {
		if textwidth.RuneWidth(r) == 2 {
			n += pt
		} else {
			n += 0.6 * pt
		}
	}
	return n
}
