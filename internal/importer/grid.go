package importer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/termsafe"
	"github.com/soa-tool/soa/internal/xlsx"
	xreader "github.com/soa-tool/soa/internal/xlsx/reader"
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
// is looked through for the SoA table and then read for the organization.
// Callers do not change a grid.
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
	sh, err := r.sheet(sheet)
	if err != nil {
		return nil, err
	}
	rows := r.sheetRows(sh)
	r.readShown(sheet, rows)
	g := &grid{rows: rows, origin: map[[2]int][2]int{}}
	r.findControls(sheet, rows)
	if r.cut["rows:"+sheet] {
		// A sheet this size is data of another kind, not an SoA, and is
		// read without its merged ranges.
		return g, nil
	}
	if sh.TooManyMerges {
		return nil, fmt.Errorf("it has more than %d merged ranges (an SoA has a few hundred); unmerge the cells (Home > Merge & Center in Excel) and import again", MaxMerges)
	}
	filled := 0
	for _, ref := range sh.Merges {
		first, last, _ := strings.Cut(ref, ":")
		if last == "" {
			last = first
		}
		c1, r1, err := xlsx.CellCoordinates(first)
		if err != nil {
			continue
		}
		_, r2, err := xlsx.CellCoordinates(last)
		if err != nil {
			continue
		}
		if r2 < r1 {
			r1, r2 = r2, r1
		}
		if filled += max(0, min(r2, len(rows))-r1); filled > maxMergedCells {
			return nil, fmt.Errorf("its merged ranges overlap over and over (more than %d cells filled); unmerge the cells and import again", maxMergedCells)
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

// sheetRows returns the values of sh's rows as stored (raw values: dates
// as serial numbers), each row up to its last cell with a value or a
// formula, trailing empty rows dropped: its first MaxRows rows and
// MaxColumns columns, with a warning for what the sheet has beyond.
func (r *reader) sheetRows(sh *xreader.Sheet) [][]string {
	sheet := sh.Name
	if sh.MoreRows && r.once("rows:"+sheet) {
		r.warnf(r.pos(sheet, 1, MaxRows+1), "", "", "the sheet has more than %d rows; only the first %d are read", MaxRows, MaxRows)
	}
	if sh.ColumnsCut > 0 && r.once("columns:"+sheet) {
		r.warnf(r.pos(sheet, MaxColumns+1, sh.ColumnsCut), "", "", "the sheet has more than %d columns; only the first %d are read", MaxColumns, MaxColumns)
	}
	rows := make([][]string, len(sh.Rows))
	last := 0 // rows up to the last one with a value
	for i, row := range sh.Rows {
		n := len(row.Cells)
		for n > 0 && row.Cells[n-1].V == "" && !row.Cells[n-1].HasF() {
			n--
		}
		if n == 0 {
			continue
		}
		vals := make([]string, n)
		for j, c := range row.Cells[:n] {
			vals[j] = r.value(c)
		}
		rows[i], last = vals, i+1
	}
	return rows[:last]
}

// value is c's value as stored, except that a date of a workbook in the
// 1904 date system (Excel for Mac before 2011 made them) becomes the serial
// of the same day in the 1900 system, which every later step reads.
func (r *reader) value(c xreader.Cell) string {
	if r.wb == nil || !r.wb.Date1904 || !r.wb.IsDate(c) {
		return c.V
	}
	f, err := strconv.ParseFloat(c.V, 64)
	if err != nil {
		return c.V
	}
	return strconv.FormatFloat(f+xreader.Days1904, 'f', -1, 64)
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

// controlCell is a cell holding a control character.
type controlCell struct {
	col, row int // 1-based
	char     rune
}

// findControls records the cells of sheet that hold a control character
// other than tab and line breaks: Excel writes one as _x001B_ in the file,
// which reads back as the character itself. Left in an answer it would
// reach terminals and come back as U+FFFD from the next workbook.
func (r *reader) findControls(sheet string, rows [][]string) {
	if _, done := r.controls[sheet]; done {
		return
	}
	if r.controls == nil {
		r.controls = map[string][]controlCell{}
	}
	var found []controlCell
	for i, row := range rows {
		for j, v := range row {
			if !mayHoldControl(v) {
				continue
			}
			for _, c := range v {
				if c != '\t' && c != '\n' && c != '\r' && termsafe.Control(c) {
					found = append(found, controlCell{j + 1, i + 1, c})
					break
				}
			}
		}
	}
	r.controls[sheet] = found
}

// mayHoldControl reports whether v may hold a control character other than
// tab and line breaks: a byte of C0 or DEL, or the lead byte 0xC2 of C1
// (U+0080 to U+009F). Most cells hold none, and are not decoded rune by rune.
func mayHoldControl(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f || c == 0xc2 {
			return true
		}
	}
	return false
}

// reportControls reports, as errors at their cells, the control
// characters of the SoA sheet and of the Cover.
func (r *reader) reportControls(table string) {
	for sheet, cells := range r.controls {
		if n := normalize(sheet); sheet != table && n != "cover" && n != "表紙" {
			continue
		}
		for _, c := range cells {
			r.res.Diags.Add(diag.Diagnostic{Pos: r.pos(sheet, c.col, c.row), Severity: diag.Error,
				Msg: fmt.Sprintf("the cell holds a control character (%s; Excel shows it as _x%04X_); remove it and import again", termsafe.String(string(c.char)), c.char)})
		}
	}
}
