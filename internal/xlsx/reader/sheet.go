package reader

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/soa-tool/soa/internal/xlsx"
)

// CellType is a cell's t attribute.
type CellType uint8

// The cell types. TypeNumber is a cell with t="n" or none.
const (
	TypeNumber CellType = iota
	TypeShared          // t="s", V is the shared string
	TypeString          // t="str", a formula's text result
	TypeInline          // t="inlineStr", V is the inline string
	TypeBool            // t="b": V is 0 or 1
	TypeError           // t="e": V is #N/A, #REF! …
	TypeDate            // t="d": V is an ISO 8601 date
)

// Cell is one cell: its value as stored (a shared or inline string's text,
// a number as written), its type and style, and whether it has a formula.
type Cell struct {
	V    string
	S    int32 // the cell's own style index (s)
	T    CellType
	flag uint8
}

const (
	flagStored  = 1 << iota // the sheet has a <c> element for the cell
	flagF                   // the cell has an <f> element
	flagFormula             // the cell's formula has text (its own, or its shared formula's)
)

// Stored reports whether the sheet has an element for the cell: a cell
// with neither value nor formula may be stored for its style.
func (c Cell) Stored() bool { return c.flag&flagStored != 0 }

// HasF reports whether the cell has a formula element, even an empty one.
func (c Cell) HasF() bool { return c.flag&flagF != 0 }

// Formula reports whether the cell holds a formula: one of its own, or a
// cell of a shared formula whose first cell holds one.
func (c Cell) Formula() bool { return c.flag&flagFormula != 0 }

// Row is a row of a sheet.
type Row struct {
	// Cells are indexed by 0-based column, up to the last cell stored (at
	// most Limits.MaxColumns).
	Cells []Cell
	Style int32 // the row's style (s), for cells without one
}

// Sheet is a decoded worksheet.
type Sheet struct {
	Name string
	// Rows are indexed by 0-based row, up to the last row the sheet has
	// (at most Limits.MaxRows): rows the sheet skips are empty.
	Rows []Row
	// Merges are the merged ranges ("A1:C2"), at most Limits.MaxMerges.
	Merges        []string
	TooManyMerges bool // the sheet has more than Limits.MaxMerges
	// MoreRows says the sheet has rows below Limits.MaxRows; ColumnsCut is
	// the 1-based row (within Rows) of the first row with a value right of
	// Limits.MaxColumns, 0 for none.
	MoreRows   bool
	ColumnsCut int
	// colStyles are the styles of the columns <cols> gives one, by 0-based
	// column (at most Limits.MaxColumns).
	colStyles []int32
}

// Cell returns the cell at the 1-based col and row (a zero Cell when the
// sheet has none there).
func (sh *Sheet) Cell(col, row int) Cell {
	if row < 1 || row > len(sh.Rows) || col < 1 {
		return Cell{}
	}
	cells := sh.Rows[row-1].Cells
	if col > len(cells) {
		return Cell{}
	}
	return cells[col-1]
}

// StyleOf returns the style index that applies to the cell at the 1-based
// col and row: the cell's own, or else its row's or its column's.
func (sh *Sheet) StyleOf(col, row int) int {
	if s := sh.Cell(col, row).S; s != 0 {
		return int(s)
	}
	if row >= 1 && row <= len(sh.Rows) && sh.Rows[row-1].Style != 0 {
		return int(sh.Rows[row-1].Style)
	}
	if col >= 1 && col <= len(sh.colStyles) {
		return int(sh.colStyles[col-1])
	}
	return 0
}

// Sheet decodes the sheet called name.
func (w *Workbook) Sheet(name string) (*Sheet, error) {
	info := w.info(name)
	if info == nil {
		return nil, fmt.Errorf("the workbook has no sheet %q", name)
	}
	if info.part == "" {
		return nil, fmt.Errorf("sheet %q: %s has no relationship %s for it, so the workbook holds no part for the sheet", name, w.wbRels, info.rid)
	}
	if sh, ok := w.ahead.take(w, name); ok {
		return sh, nil
	}
	return w.decodeSheet(info, &w.left)
}

// decodeSheet decodes the sheet info, counting what it reads against left.
func (w *Workbook) decodeSheet(info *SheetInfo, left *budget) (*Sheet, error) {
	src, err := w.partWithin(info.part, left)
	if err != nil {
		return nil, err
	}
	if src == nil {
		return nil, fmt.Errorf("sheet %q: its part %s (relationship %s) is missing from the zip", info.Name, info.part, info.rid)
	}
	sh := &Sheet{Name: info.Name}
	d := &sheetDecoder{w: w, left: left, s: newScanner(info.part, src, w.lim.MaxDepth), sh: sh}
	if err := d.decode(); err != nil {
		return nil, err
	}
	return sh, nil
}

// take counts n more cells kept against Limits.MaxCells.
func (d *sheetDecoder) take(n int) error {
	if d.left.cells -= n; d.left.cells < 0 {
		return d.s.errorf(d.s.pos, "the workbook's sheets span more than %d cells in all (counting the empty cells before each stored one in its row); soa reads workbooks up to that size", d.w.lim.MaxCells)
	}
	return nil
}

type sheetDecoder struct {
	w     *Workbook
	left  *budget // what the limits leave, see take
	s     *scanner
	sh    *Sheet
	b     []byte
	index []byte // the <v> of the cell being read, when of type s
	// shared formulas: which si has a first cell with text, and the cells
	// that use one.
	masters  map[string]bool
	children []sharedUse
	width    int // the cells of the row decoded last
}

// atoi is strconv.Atoi for an attribute that is often absent: no error is
// made for an empty one.
func atoi(v string) (int, bool) {
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}

type sharedUse struct {
	row, col int
	si       string
}

func (d *sheetDecoder) decode() error {
	s := d.s
	for {
		ok, err := s.nextStart(0)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if s.depth() != 2 {
			continue
		}
		switch {
		case s.is("sheetData"):
			err = d.sheetData()
		case s.is("cols"):
			err = d.cols()
		case s.is("mergeCells"):
			err = d.mergeCells()
		default:
			err = s.skip()
		}
		if err != nil {
			return err
		}
	}
	for _, u := range d.children {
		if d.masters[u.si] {
			d.sh.Rows[u.row].Cells[u.col].flag |= flagFormula
		}
	}
	return nil
}

// cols reads the column styles of <cols>: the first <col> that covers a
// column gives its style, as Excel reads overlapping ranges (which it
// never writes). Ranges are clipped to Limits.MaxColumns, and each column
// is set once, so any number of ranges costs the columns they cover.
func (d *sheetDecoder) cols() error {
	s, sh := d.s, d.sh
	var next []int32 // next[c]: a column ≥ c not set yet (path-halving), len(colStyles) for none
	find := func(c int) int {
		for int(next[c]) != c {
			next[c] = next[next[c]]
			c = int(next[c])
		}
		return c
	}
	for {
		ok, err := s.nextStart(2)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if !s.is("col") {
			continue
		}
		lo, e1 := strconv.Atoi(attrText(s, "min"))
		hi, e2 := strconv.Atoi(attrText(s, "max"))
		st, e3 := strconv.Atoi(attrText(s, "style"))
		lo, hi = max(lo, 1), min(hi, d.w.lim.MaxColumns)
		if e1 != nil || e2 != nil || e3 != nil || st <= 0 || lo > hi {
			continue
		}
		if hi > len(sh.colStyles) {
			if err := d.take(hi - len(sh.colStyles)); err != nil {
				return err
			}
			for len(next) <= hi {
				next = append(next, int32(len(next)))
			}
			sh.colStyles = append(sh.colStyles, make([]int32, hi-len(sh.colStyles))...)
		}
		for c := find(lo - 1); c < hi; c = find(c) {
			sh.colStyles[c] = int32(min(st, 1<<30))
			next[c] = int32(c + 1)
		}
	}
}

func (d *sheetDecoder) mergeCells() error {
	s, sh := d.s, d.sh
	for {
		ok, err := s.nextStart(2)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if !s.is("mergeCell") || s.depth() != 3 {
			continue
		}
		if len(sh.Merges) >= d.w.lim.MaxMerges {
			sh.TooManyMerges = true
			continue
		}
		ref, err := s.attrString("ref")
		if err != nil {
			return err
		}
		sh.Merges = append(sh.Merges, ref)
	}
}

func (d *sheetDecoder) sheetData() error {
	s, sh, lim := d.s, d.sh, d.w.lim
	prev := 0 // the row number of the previous row
	for {
		ok, err := s.nextNamed(2, "row")
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		// A row without r follows the one before it, as does a row whose
		// r goes back (readers place it there too).
		num := prev + 1
		if v, ok := s.attr("r"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(string(v)))
			if err != nil || n < 1 || n > xlsx.MaxRows {
				return s.errorf(s.pos, "row number %q is not one of 1 to %d", v, xlsx.MaxRows)
			}
			num = max(n, prev+1)
		}
		prev = num
		if num > lim.MaxRows {
			sh.MoreRows = true
			if err := s.skip(); err != nil {
				return err
			}
			continue
		}
		if num > len(sh.Rows) {
			if err := d.take(num - len(sh.Rows)); err != nil {
				return err
			}
		}
		for len(sh.Rows) < num {
			sh.Rows = append(sh.Rows, Row{})
		}
		if st, ok := atoi(attrText(s, "s")); ok && st > 0 {
			sh.Rows[num-1].Style = int32(min(st, 1<<30))
		}
		if s.empty {
			s.next()
			continue
		}
		if err := d.row(num - 1); err != nil {
			return err
		}
	}
}

// row reads the cells of the row whose start tag was just read, the
// 0-based row i.
func (d *sheetDecoder) row(i int) error {
	s, sh, lim := d.s, d.sh, d.w.lim
	col := 0 // the 1-based column of the previous cell
	cells := sh.Rows[i].Cells
	defer func() { sh.Rows[i].Cells, d.width = cells, len(cells) }()
	for {
		ok, err := s.nextNamed(3, "c")
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		// A cell without r follows the one before it.
		col++
		if raw, ok := s.attr("r"); ok {
			if c, ok := plainColumn(raw); ok {
				col = c
			} else if col, err = d.column(i); err != nil {
				return err
			}
		}
		c := Cell{flag: flagStored}
		if st, ok := atoi(attrText(s, "s")); ok && st > 0 {
			c.S = int32(min(st, 1<<30))
		}
		t, _ := s.attr("t")
		switch string(t) {
		case "s":
			c.T = TypeShared
		case "str":
			c.T = TypeString
		case "inlineStr":
			c.T = TypeInline
		case "b":
			c.T = TypeBool
		case "e":
			c.T = TypeError
		case "d":
			c.T = TypeDate
		}
		var shared string
		d.index = d.index[:0]
		if !s.empty {
			if shared, err = d.cell(&c); err != nil {
				return err
			}
		} else {
			s.next()
		}
		if c.T == TypeShared && len(d.index) > 0 {
			if err := d.sharedString(&c, col, i+1); err != nil {
				return err
			}
		}
		if col > lim.MaxColumns {
			if (c.V != "" || c.HasF()) && sh.ColumnsCut == 0 {
				sh.ColumnsCut = i + 1
			}
			continue
		}
		if col > len(cells) {
			if err := d.take(col - len(cells)); err != nil {
				return err
			}
		}
		if col > len(cells) {
			// At once: a cell far right must not grow the row by doubling.
			// A row is most often as wide as the one before, so the first
			// cell makes room for as many (no more than twice the cells
			// kept in all).
			n := col - len(cells)
			if cells == nil && col <= d.width {
				n = d.width
			}
			cells = slices.Grow(cells, n)[:col]
		}
		cells[col-1] = c
		if shared != "" {
			d.children = append(d.children, sharedUse{i, col - 1, shared})
		}
	}
}

// cell reads the children of a <c>: its value, inline string and formula.
// It returns the index (si) of the shared formula the cell uses without
// text of its own.
func (d *sheetDecoder) cell(c *Cell) (shared string, err error) {
	s := d.s
	depth := s.depth()
	var v string
	inline, hasInline := "", false
	for {
		ok, err := s.nextStart(depth)
		if err != nil {
			return "", err
		}
		if !ok {
			break
		}
		switch {
		case s.is("v"):
			d.b = d.b[:0]
			if err := s.elementText(&d.b); err != nil {
				return "", err
			}
			if c.T == TypeShared {
				// An index, for sharedString: the value is the string.
				d.index = append(d.index[:0], d.b...)
				continue
			}
			v = string(d.b)
		case s.is("f"):
			c.flag |= flagF
			typ, _ := s.attr("t")
			si, hasSI := s.attr("si")
			_, hasRef := s.attr("ref")
			siText := string(si)
			d.b = d.b[:0]
			if err := s.elementText(&d.b); err != nil {
				return "", err
			}
			text := len(d.b) > 0
			if string(typ) == "shared" && hasSI {
				if hasRef {
					if d.masters == nil {
						d.masters = map[string]bool{}
					}
					d.masters[siText] = d.masters[siText] || text
				}
				// A shared formula's cell reads as the formula of its
				// range's first cell, whatever it holds itself.
				shared = siText
			} else if text {
				c.flag |= flagFormula
			}
		case s.is("is"):
			d.b = d.b[:0]
			if d.b, err = s.stringItem(d.b); err != nil {
				return "", err
			}
			inline, hasInline = unescapeBstr(string(d.b)), true
		default:
			if err := s.skip(); err != nil {
				return "", err
			}
		}
	}
	if c.T == TypeInline && hasInline {
		v = inline
	}
	c.V = v
	return shared, nil
}

// sharedString sets c's value to the shared string of the index d.index
// holds (the text of the cell's <v>): a cell of the 1-based col and row
// whose index is out of range is an error, as its text is lost (Excel says
// the file is damaged).
func (d *sheetDecoder) sharedString(c *Cell, col, row int) error {
	if n, ok := plainIndex(d.index); ok && n < len(d.w.strings) {
		c.V = d.w.strings[n]
		return nil
	}
	v := strings.TrimSpace(string(d.index))
	n, err := strconv.Atoi(v)
	cell := xlsx.CellName(col, row)
	if cell == "" {
		cell = fmt.Sprintf("in row %d, column %d", row, col)
	}
	switch {
	case err != nil:
		return d.s.errorf(d.s.pos, "cell %s: %q is no shared string index (a cell of type s holds the number of a string of the shared strings)", cell, v)
	case n < 0 || n >= len(d.w.strings):
		return d.s.errorf(d.s.pos, "cell %s: shared string %d does not exist (the workbook has %d): the file is damaged", cell, n, len(d.w.strings))
	}
	c.V = d.w.strings[n]
	return nil
}

// column returns the column of the cell reference of the <c> just read, in
// row i (0-based), as CellCoordinates reads it, or the error it makes.
func (d *sheetDecoder) column(i int) (int, error) {
	v, err := d.s.attrString("r")
	if err != nil {
		return 0, err
	}
	c, _, err := xlsx.CellCoordinates(v)
	if err != nil {
		return 0, d.s.errorf(d.s.pos, "row %d: cell reference %q: %v", i+1, v, err)
	}
	return c, nil
}

// plainColumn returns the column of a cell reference as Excel writes it,
// upper-case letters and a row number (B7), which CellCoordinates would
// read the same; false for any other, left to it.
func plainColumn(ref []byte) (int, bool) {
	i, col := 0, 0
	for ; i < len(ref) && i < 3 && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
	}
	row, ok := plainIndex(ref[i:])
	if i == 0 || !ok || col > xlsx.MaxColumns || row < 1 || row > xlsx.MaxRows {
		return 0, false
	}
	return col, true
}

// plainIndex reads a number of up to nine digits and nothing else, as
// strconv.Atoi would; false for any other text, left to it.
func plainIndex(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
