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
	heads     []string // the headings, by column
	named     int      // columns named with --column
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
	t := &table{sheet: sheet, headerRow: i + 1, rows: rows, grid: g, cols: map[string]int{}, heads: rows[i]}
	// The columns the user named come first: a heading they named wins over
	// any guess, and a column guessed for the same field is not read.
	named := map[int]bool{}
	for c, heading := range rows[i] {
		if f := r.override(heading); f != "" && strings.TrimSpace(heading) != "" {
			if _, dup := t.cols[f]; !dup {
				t.cols[f] = c
				named[c] = true
				t.named++
			}
		}
	}
	ambiguous := -1
	for c, heading := range rows[i] {
		if strings.TrimSpace(heading) == "" || named[c] {
			continue
		}
		if normalize(heading) == ambiguousControl {
			ambiguous = c
			continue
		}
		field := fieldOf(heading)
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
	// A row holding the headings the user named is the header row.
	t.score = 100*t.named + len(t.cols)
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

// checkNamed reports each --column heading that the table does not read as
// its field: one the header row lacks, or one named for two fields.
func (r *reader) checkNamed(t *table) {
	for _, field := range Fields {
		want, ok := r.opts.Columns[field]
		if !ok {
			continue
		}
		if c, ok := t.cols[field]; ok && normalize(t.heads[c]) == normalize(want) {
			continue
		}
		if c := slices.IndexFunc(t.heads, func(h string) bool { return normalize(h) == normalize(want) }); c >= 0 {
			other := r.override(t.heads[c])
			r.errorf(r.pos(t.sheet, c+1, t.headerRow), "", "", "--column %s=%q: the column is already read as %s (--column %s=%q)", field, want, other, other, r.opts.Columns[other])
			continue
		}
		var heads []string
		for _, h := range t.heads {
			if strings.TrimSpace(h) != "" {
				heads = append(heads, strings.TrimSpace(h))
			}
		}
		r.errorf(r.pos(t.sheet, 1, t.headerRow), "", "", "--column %s=%q: the header row has no such heading (headings: %s)", field, want, strings.Join(heads, " | "))
	}
}
