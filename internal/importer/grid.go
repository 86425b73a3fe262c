package importer

import (
	"github.com/xuri/excelize/v2"
)

// grid is a sheet's cells as text (raw values: dates as serial numbers),
// with merged ranges filled in.
//
// Excel and LibreOffice keep a merged range's value in its top-left cell
// only; the other cells of the range read as empty. When a user merges one
// Owner cell over the rows of three controls, each of those rows means that
// owner, so the value is copied down the range's first column into every
// row of the range. It is not copied across into the range's other
// columns: those belong to other fields (a justification merged across
// Status and Owner says nothing about the status), and a heading merged
// across columns names one column, not several.
type grid struct {
	rows [][]string
	// origin maps a cell that holds a copy to the top-left cell of its
	// merged range. Keys and values are 0-based {column, row}.
	origin map[[2]int][2]int
}

// readGrid returns the grid of sheet, reading each sheet once: the Cover
// is looked through for the SoA table and then read for the organization,
// and reading it again would cost more than the first time (once excelize
// holds a sheet's model, it writes the model back to XML before streaming
// its rows). Callers do not change a grid.
func (r *reader) readGrid(sheet string) (*grid, error) {
	if g, ok := r.grids[sheet]; ok {
		return g, nil
	}
	g, err := r.readGridOnce(sheet)
	if err != nil {
		return nil, err
	}
	if r.grids == nil {
		r.grids = map[string]*grid{}
	}
	r.grids[sheet] = g
	return g, nil
}

// readGridOnce reads sheet into a grid: its first MaxRows rows and
// MaxColumns columns (the rest is reported once per sheet, never read).
// Merged ranges are clipped to the cells read, so a range such as
// A1:A1048576 costs nothing.
func (r *reader) readGridOnce(sheet string) (*grid, error) {
	rows, err := r.sheetRows(sheet)
	if err != nil {
		return nil, err
	}
	g := &grid{rows: rows, origin: map[[2]int][2]int{}}
	if r.cut["rows:"+sheet] {
		// Merged ranges are read from the whole sheet's model, which for a
		// sheet this size costs hundreds of megabytes: such a sheet is data
		// of another kind, not an SoA, and is read without them.
		return g, nil
	}
	merges, err := r.f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, err
	}
	for _, m := range merges {
		c1, r1, err := excelize.CellNameToCoordinates(m.GetStartAxis())
		if err != nil {
			continue
		}
		_, r2, err := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err != nil {
			continue
		}
		col, top := c1-1, r1-1
		v := ""
		if top < len(rows) && col < len(rows[top]) {
			v = rows[top][col]
		}
		for i := top + 1; i < r2 && i < len(rows); i++ {
			// Recorded even when empty: the top-left cell may hold a
			// formula with no saved value, which each row reports.
			g.origin[[2]int{col, i}] = [2]int{col, top}
			if v == "" {
				continue
			}
			for len(rows[i]) <= col {
				rows[i] = append(rows[i], "")
			}
			rows[i][col] = v
		}
	}
	return g, nil
}

// sheetRows streams the rows of sheet as GetRows would (raw values, trailing
// empty rows dropped), stopping at MaxRows rows and cutting rows at
// MaxColumns cells.
func (r *reader) sheetRows(sheet string) ([][]string, error) {
	it, err := r.f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var rows [][]string
	last := 0 // rows up to the last one with a value
	for it.Next() {
		if len(rows) == MaxRows {
			if r.once("rows:" + sheet) {
				r.warnf(r.pos(sheet, 1, MaxRows+1), "", "", "the sheet has more than %d rows; only the first %d are read", MaxRows, MaxRows)
			}
			break
		}
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		if len(cols) > MaxColumns {
			if r.once("columns:" + sheet) {
				r.warnf(r.pos(sheet, MaxColumns+1, len(rows)+1), "", "", "the sheet has more than %d columns; only the first %d are read", MaxColumns, MaxColumns)
			}
			cols = cols[:MaxColumns]
		}
		rows = append(rows, cols)
		if len(cols) > 0 {
			last = len(rows)
		}
	}
	if err := it.Error(); err != nil {
		return nil, err
	}
	return rows[:last], nil
}

// once reports whether key is new to r.cut, and records it.
func (r *reader) once(key string) bool {
	if r.cut == nil {
		r.cut = map[string]bool{}
	}
	if r.cut[key] {
		return false
	}
	r.cut[key] = true
	return true
}

// source returns the cell whose value the cell at 0-based col, row shows:
// itself, or the top-left cell of the merged range it is a copy from.
func (g *grid) source(col, row int) (int, int) {
	if o, ok := g.origin[[2]int{col, row}]; ok {
		return o[0], o[1]
	}
	return col, row
}

// copied reports whether the cell at 0-based col, row holds a copy of a
// merged range's value.
func (g *grid) copied(col, row int) bool {
	_, ok := g.origin[[2]int{col, row}]
	return ok
}
