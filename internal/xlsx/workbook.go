package xlsx

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// A Workbook is a workbook held in compact form until Write: sheets of rows
// of cells that carry a style id, one table of styles (each distinct style
// once), one table of shared strings (each distinct text once), and what a
// sheet adds (merges, widths, heights, panes, filters, validations,
// conditional formats, page set-up, charts).
//
// The writer writes what it is given: it neither cuts text nor checks that
// merged ranges do not overlap. Callers check the limits that matter to
// them (MaxCellText). No call rescans what was written before: a cell
// write takes constant time (but for a cell left of one already written
// in its row), a range's style time in its cells, and Write time in the
// size of the workbook.
//
// A Workbook is not safe for concurrent use; Write may run its own
// goroutines.
type Workbook struct {
	// Props are the document properties (docProps/core.xml and app.xml).
	Props Properties
	// Active is the index of the sheet the workbook opens on.
	Active int
	// FullCalcOnLoad asks spreadsheet programs to recompute every formula
	// when they open the file; cached values are then only for readers
	// that do not compute.
	FullCalcOnLoad bool

	font    Font // the default font
	sheets  []*Sheet
	styles  styleTable
	strings stringTable
	names   []definedName
	charts  int // charts added so far, over all sheets
}

// Properties are the document properties a workbook carries. Dates are
// W3C dates-times (2026-04-01T00:00:00Z); empty fields are left out.
type Properties struct {
	Title, Subject, Creator, LastModifiedBy, Language, Version string
	Created, Modified                                          string
	Application, Company                                       string
}

// MaxCellText is the most characters (UTF-16 code units) a cell holds.
const MaxCellText = 32767

// New returns an empty workbook whose default font (that of unstyled cells
// and the unit of column widths) is name at 11 points.
func New(name string) *Workbook {
	wb := &Workbook{font: Font{Name: name, Size: 11}}
	wb.styles.init(wb.font)
	wb.strings.index = map[string]int32{}
	return wb
}

// active is the index of the sheet the workbook opens on: Active, or the
// first sheet for an index out of range.
func (wb *Workbook) active() int {
	if wb.Active < 0 || wb.Active >= len(wb.sheets) {
		return 0
	}
	return wb.Active
}

// definedName is a workbook name local to a sheet: a filter range or the
// print titles.
type definedName struct {
	name   string
	sheet  int // index of the sheet it is local to
	ref    string
	hidden bool
}

// AddSheet adds a sheet called name after the others. A name has 1 to 31
// characters, none of : \ / ? * [ ], does not start or end with an
// apostrophe, and differs from the other sheets' names in any case.
func (wb *Workbook) AddSheet(name string) (*Sheet, error) {
	if n := utf8.RuneCountInString(name); n == 0 || n > 31 {
		return nil, fmt.Errorf("sheet name %q: a sheet name has 1 to 31 characters", name)
	}
	if strings.ContainsAny(name, `:\/?*[]`) || strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'") {
		return nil, fmt.Errorf("sheet name %q: a sheet name has none of : \\ / ? * [ ] and no apostrophe at either end", name)
	}
	for _, s := range wb.sheets {
		if strings.EqualFold(s.name, name) {
			return nil, fmt.Errorf("sheet name %q: there is already a sheet %q", name, s.name)
		}
	}
	s := &Sheet{wb: wb, name: name, index: len(wb.sheets)}
	wb.sheets = append(wb.sheets, s)
	return s, nil
}

// A Sheet is one worksheet. Columns and rows are 1-based; a call outside
// the sheet (beyond MaxColumns or MaxRows) is ignored.
type Sheet struct {
	wb    *Workbook
	name  string
	index int

	rows     []sheetRow // rows[r-1]
	formulas []string
	cols     []column // cols[c-1]
	merges   []Range  // in the order added
	freeze   [2]int   // columns and rows frozen
	filter   *Range   // the autofilter's range
	valids   []validation
	conds    []conditional
	priority int // of the last conditional rule
	page     *Page
	breaks   []int // rows a printed page starts at
	charts   []*chart
}

// Name is the sheet's name.
func (s *Sheet) Name() string { return s.name }

type sheetRow struct {
	height float64 // 0: the default
	cells  []cell  // by column
}

type column struct {
	width  float64 // 0: the default
	hidden bool
}

type cellKind uint8

const (
	cellEmpty   cellKind = iota // only a style
	cellString                  // a shared string
	cellNumber                  // a number
	cellFormula                 // a formula, with a cached number if hasNum
)

// cell is 24 bytes: a sheet of many cells stays small.
type cell struct {
	col    int32
	style  StyleID
	kind   cellKind
	hasNum bool
	str    int32 // the shared string's index, or the formula's in Sheet.formulas
	num    float64
}

// A Range is a block of cells, from its top-left to its bottom-right cell.
type Range struct{ FromCol, FromRow, ToCol, ToRow int }

// Cells is the range from (col1, row1) to (col2, row2).
func Cells(col1, row1, col2, row2 int) Range { return Range{col1, row1, col2, row2} }

func (r Range) valid() bool {
	return r.FromCol >= 1 && r.FromRow >= 1 && r.ToCol <= MaxColumns && r.ToRow <= MaxRows &&
		r.FromCol <= r.ToCol && r.FromRow <= r.ToRow
}

// String is the range in A1 form ("A1:C3"), or its one cell ("B2").
func (r Range) String() string {
	return string(appendRange(nil, r, false))
}

func appendRange(b []byte, r Range, absolute bool) []byte {
	b = appendCell(b, r.FromCol, r.FromRow, absolute)
	if r.ToCol != r.FromCol || r.ToRow != r.FromRow {
		b = append(b, ':')
		b = appendCell(b, r.ToCol, r.ToRow, absolute)
	}
	return b
}

func inSheet(col, row int) bool { return col >= 1 && col <= MaxColumns && row >= 1 && row <= MaxRows }

// growRows makes row a row of the sheet.
func (s *Sheet) growRows(row int) {
	if row <= len(s.rows) {
		return
	}
	if row > cap(s.rows) {
		s.rows = slices.Grow(s.rows, max(row, 2*cap(s.rows), 64)-len(s.rows))
	}
	s.rows = s.rows[:row]
}

// at returns the cell at (col, row), created empty if need be.
func (s *Sheet) at(col, row int) *cell {
	s.growRows(row)
	r := &s.rows[row-1]
	c := int32(col)
	if n := len(r.cells); n == 0 || r.cells[n-1].col < c {
		if n == 0 && row > 1 { // rows tend to be as wide as the one above
			r.cells = make([]cell, 0, max(col, cap(s.rows[row-2].cells)))
		}
		r.cells = append(r.cells, cell{col: c})
		return &r.cells[n]
	}
	i, found := slices.BinarySearchFunc(r.cells, c, func(x cell, c int32) int { return int(x.col - c) })
	if !found {
		r.cells = slices.Insert(r.cells, i, cell{col: c})
	}
	return &r.cells[i]
}

// SetString writes text as a string cell, keeping the cell's style. Text is
// never read as a formula or a number, whatever it starts with.
func (s *Sheet) SetString(col, row int, text string) {
	if !inSheet(col, row) {
		return
	}
	c := s.at(col, row)
	c.kind, c.str, c.hasNum = cellString, s.wb.strings.add(text), false
}

// SetNumber writes v as a number cell, keeping the cell's style. A cell
// cannot hold NaN or an infinity: they are written as 0.
func (s *Sheet) SetNumber(col, row int, v float64) {
	if !inSheet(col, row) {
		return
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	c := s.at(col, row)
	c.kind, c.num, c.hasNum = cellNumber, v, true
}

// SetDate writes the calendar date of t (its year, month and day, in its
// own location) as a date serial number in the 1900 date system; give the
// cell a date format to show it as a date.
func (s *Sheet) SetDate(col, row int, t time.Time) {
	s.SetNumber(col, row, DateSerial(t))
}

// DateSerial is the serial number of t's calendar date in Excel's 1900
// date system: 1 is 1900-01-01 and 25569 is 1970-01-01 (Excel counts a
// 29 February 1900 that never was, so dates from March 1900 line up).
func DateSerial(t time.Time) float64 {
	y, m, d := t.Date()
	days := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	return float64(days + 25569)
}

// SetFormula writes a formula (without the leading =) with no cached
// value: readers that do not compute see an empty cell.
func (s *Sheet) SetFormula(col, row int, formula string) {
	if !inSheet(col, row) {
		return
	}
	c := s.at(col, row)
	c.kind, c.str, c.hasNum = cellFormula, s.formula(formula), false
}

// SetFormulaNumber writes a formula (without the leading =) with v as its
// cached result, for readers that show values without computing.
func (s *Sheet) SetFormulaNumber(col, row int, formula string, v float64) {
	if !inSheet(col, row) {
		return
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		s.SetFormula(col, row, formula)
		return
	}
	c := s.at(col, row)
	c.kind, c.str, c.num, c.hasNum = cellFormula, s.formula(formula), v, true
}

func (s *Sheet) formula(f string) int32 {
	s.formulas = append(s.formulas, f)
	return int32(len(s.formulas) - 1)
}

// SetStyle gives every cell of r the style id, keeping their values.
func (s *Sheet) SetStyle(r Range, id StyleID) {
	if !r.valid() {
		return
	}
	for row := r.FromRow; row <= r.ToRow; row++ {
		for col := r.FromCol; col <= r.ToCol; col++ {
			s.at(col, row).style = id
		}
	}
}

// Merge merges the cells of r: the top-left one shows across all of them.
func (s *Sheet) Merge(r Range) {
	if r.valid() && r != (Range{r.FromCol, r.FromRow, r.FromCol, r.FromRow}) {
		s.merges = append(s.merges, r)
	}
}

func (s *Sheet) column(col int) *column {
	for len(s.cols) < col {
		s.cols = append(s.cols, column{})
	}
	return &s.cols[col-1]
}

// SetColWidth sets the width of column col in characters of the default
// font's digits.
func (s *Sheet) SetColWidth(col int, width float64) {
	if col >= 1 && col <= MaxColumns && width > 0 && width <= 255 {
		s.column(col).width = width
	}
}

// HideColumn hides column col.
func (s *Sheet) HideColumn(col int) {
	if col >= 1 && col <= MaxColumns {
		s.column(col).hidden = true
	}
}

// SetRowHeight sets the height of row in points (at most 409, Excel's
// largest).
func (s *Sheet) SetRowHeight(row int, height float64) {
	if row < 1 || row > MaxRows || height <= 0 {
		return
	}
	s.growRows(row)
	s.rows[row-1].height = min(height, 409)
}

// Freeze keeps the first cols columns and rows rows in view as the rest
// scrolls.
func (s *Sheet) Freeze(cols, rows int) {
	s.freeze = [2]int{max(0, cols), max(0, rows)}
}

// AutoFilter puts filter buttons on the first row of r, over the rows
// below it.
func (s *Sheet) AutoFilter(r Range) {
	if !r.valid() {
		return
	}
	s.filter = &r
	s.wb.names = append(s.wb.names, definedName{"_xlnm._FilterDatabase", s.index, s.quoted(r, true), true})
}

// PrintTitleRows repeats rows first to last at the top of every printed
// page.
func (s *Sheet) PrintTitleRows(first, last int) {
	if first < 1 || last < first || last > MaxRows {
		return
	}
	ref := fmt.Sprintf("%s!$%d:$%d", QuoteSheet(s.name), first, last)
	s.wb.names = append(s.wb.names, definedName{"_xlnm.Print_Titles", s.index, ref, false})
}

// quoted is r on this sheet, as a formula names it ('Sheet'!$A$1:$B$2).
func (s *Sheet) quoted(r Range, absolute bool) string {
	return QuoteSheet(s.name) + "!" + string(appendRange(nil, r, absolute))
}

// QuoteSheet is a sheet's name as a formula refers to it: in apostrophes,
// with an apostrophe inside doubled.
func QuoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// BreakBefore starts a new printed page at row.
func (s *Sheet) BreakBefore(row int) {
	if row > 1 && row <= MaxRows {
		s.breaks = append(s.breaks, row)
	}
}

// Page is how a sheet prints.
type Page struct {
	Paper     int  // the OOXML paperSize: 9 A4, 8 A3, 1 Letter
	Landscape bool // else portrait
	// FitWidth and FitHeight are the pages the sheet is scaled to fit
	// across and down; 0 is as many as it takes. Both 0 print at 100 %.
	FitWidth, FitHeight int
	// Margins, in inches.
	Left, Right, Top, Bottom, Header, Footer float64
	// Header and footer texts, with Excel's codes (&L, &C, &R, &P, &N, &B;
	// && is an ampersand).
	OddHeader, OddFooter string
}

// SetPage sets how the sheet prints.
func (s *Sheet) SetPage(p Page) { s.page = &p }

// validation is a drop-down list on a range.
type validation struct {
	ref             Range
	list            string // the formula: "a,b,c"
	errTitle, error string
}

// MaxListValidation is the longest list, values and commas, a drop-down
// holds.
const MaxListValidation = 255

// AddList adds a drop-down list of values to the cells of r: a value not
// in the list is refused with the message errText under errTitle. A value
// may not hold a comma or a quote, and the list, joined by commas, has at
// most MaxListValidation characters.
func (s *Sheet) AddList(r Range, values []string, errTitle, errText string) error {
	if !r.valid() {
		return fmt.Errorf("list validation: range %s is outside the sheet", r)
	}
	for _, v := range values {
		if strings.ContainsAny(v, `,"`) {
			return fmt.Errorf("list validation %s: value %q holds a comma or a quote", r, v)
		}
	}
	list := strings.Join(values, ",")
	if n := utf16Len(list); n > MaxListValidation {
		return fmt.Errorf("list validation %s: %d characters; a list holds at most %d", r, n, MaxListValidation)
	}
	s.valids = append(s.valids, validation{r, `"` + list + `"`, errTitle, errText})
	return nil
}

// A Rule is one conditional format: when a cell equals Equal (a formula
// value, such as "\"Yes\""), or when Formula is true for it (written for
// the range's top-left cell, as Excel does), the cell takes Highlight.
// Exactly one of Equal and Formula is set.
type Rule struct {
	Equal, Formula string
	Highlight      HighlightID
}

type conditional struct {
	ref      Range
	rules    []Rule
	priority int // of the first rule
}

// AddConditional adds rules to the cells of r; earlier rules, of this call
// and of earlier calls, take precedence.
func (s *Sheet) AddConditional(r Range, rules ...Rule) error {
	if !r.valid() {
		return fmt.Errorf("conditional format: range %s is outside the sheet", r)
	}
	for _, rule := range rules {
		if (rule.Equal == "") == (rule.Formula == "") {
			return fmt.Errorf("conditional format %s: a rule has one of Equal and Formula", r)
		}
		if int(rule.Highlight) < 0 || int(rule.Highlight) >= len(s.wb.styles.dxfs) {
			return fmt.Errorf("conditional format %s: no highlight %d", r, rule.Highlight)
		}
	}
	s.conds = append(s.conds, conditional{r, rules, s.priority + 1})
	s.priority += len(rules)
	return nil
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
