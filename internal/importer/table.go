package importer

import (
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// table is a sheet's SoA table: where the header row is and which column
// holds which field.
type table struct {
	sheet     string
	headerRow int        // 1-based
	rows      [][]string // grid.rows
	grid      *grid
	cols      map[string]int // field → 0-based column
	columns   []Column
	unmapped  []Column
	score     int
}

// findTable looks for the header row in the first rows of sheet: the row
// whose headings name the most fields, with a control id column and at
// least one answer column. It returns nil when the sheet has none.
func (r *reader) findTable(sheet string) (*table, error) {
	g, err := r.readGrid(sheet)
	if err != nil {
		return nil, single(r.pos(sheet, 1, 1), "cannot read sheet %s: %v", sheet, err)
	}
	var best *table
	for i := 0; i < len(g.rows) && i < maxHeaderRow; i++ {
		t := r.mapHeader(sheet, g, i)
		if t == nil {
			continue
		}
		if best == nil || t.score > best.score {
			best = t
		}
	}
	return best, nil
}

// override returns the field the user named for heading with --column.
func (r *reader) override(heading string) string {
	h := normalize(heading)
	for _, f := range Fields {
		if want, ok := r.opts.Columns[f]; ok && normalize(want) == h {
			return f
		}
	}
	return ""
}

func (r *reader) mapHeader(sheet string, g *grid, i int) *table {
	rows := g.rows
	t := &table{sheet: sheet, headerRow: i + 1, rows: rows, grid: g, cols: map[string]int{}}
	ambiguous := -1
	for c, heading := range rows[i] {
		if strings.TrimSpace(heading) == "" {
			continue
		}
		field := r.override(heading)
		if field == "" && normalize(heading) == ambiguousControl {
			ambiguous = c
			continue
		}
		if field == "" {
			field = fieldOf(heading)
		}
		if field == "" || ignored(heading) {
			if !ignored(heading) {
				t.unmapped = append(t.unmapped, Column{Heading: heading, Cell: r.pos(sheet, c+1, i+1).Cell})
			}
			continue
		}
		if _, dup := t.cols[field]; dup {
			t.unmapped = append(t.unmapped, Column{Heading: heading, Cell: r.pos(sheet, c+1, i+1).Cell})
			continue
		}
		t.cols[field] = c
	}
	// "Control" is the id column in soa's workbooks and the title column in
	// many others: what the column holds decides.
	if ambiguous >= 0 {
		_, hasID := t.cols[fID]
		switch {
		case !hasID && idColumn(rows[i+1:], ambiguous):
			t.cols[fID] = ambiguous
		case hasID:
			if _, hasTitle := t.cols[fTitle]; !hasTitle {
				t.cols[fTitle] = ambiguous
			}
		default:
			t.cols[fTitle] = ambiguous
		}
	}
	if _, ok := t.cols[fID]; !ok {
		// Some sheets put the id and the title in one cell: "A.5.1.1 Policies …".
		if c, ok := t.cols[fTitle]; ok && idColumn(rows[i+1:], c) {
			t.cols[fID] = c
		} else {
			return nil
		}
	}
	answersCols := 0
	for _, f := range []string{fApplicable, fStatus, fJustification, fJustificationInclude, fJustificationExclude} {
		if _, ok := t.cols[f]; ok {
			answersCols++
		}
	}
	if answersCols == 0 {
		return nil
	}
	t.score = len(t.cols)
	for _, f := range Fields {
		if c, ok := t.cols[f]; ok {
			t.columns = append(t.columns, Column{Field: f, Heading: rows[i][c], Cell: r.pos(sheet, c+1, i+1).Cell})
		}
	}
	slices.SortStableFunc(t.columns, func(a, b Column) int { return cellOrder(a.Cell, b.Cell) })
	return t
}

// idColumn reports whether most non-empty cells of column c look like ids.
func idColumn(rows [][]string, c int) bool {
	ids, other := 0, 0
	for _, row := range rows {
		if c >= len(row) || strings.TrimSpace(row[c]) == "" {
			continue
		}
		if _, ok := parseID(row[c], true); ok {
			ids++
		} else {
			other++
		}
	}
	return ids >= 3 && ids >= other
}

func cellOrder(a, b string) int {
	ca, _, _ := excelize.SplitCellName(a[strings.LastIndex(a, "!")+1:])
	cb, _, _ := excelize.SplitCellName(b[strings.LastIndex(b, "!")+1:])
	na, _ := excelize.ColumnNameToNumber(ca)
	nb, _ := excelize.ColumnNameToNumber(cb)
	return na - nb
}
