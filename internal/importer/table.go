package importer

import (
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/xlsx"
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
	headAt    []int    // the 0-based row of each heading (a header may have two rows)
	named     int      // columns named with --column
	ids       int      // cells of the id column that hold a control id
	score     int
}

// findTable looks for the header row in the first rows of sheet: the row
// whose headings name the most fields, with a control id column and at
// least one answer column, and control ids below it. It returns nil when
// the sheet has none; miss is the best header row with no control id
// below it, for the message when no sheet has a table.
func (r *reader) findTable(sheet string) (best, miss *table, err error) {
	g, err := r.readGrid(sheet)
	if err != nil {
		return nil, nil, single(r.pos(sheet, 1, 1), "cannot read sheet %s: %v", sheet, err)
	}
	for i := 0; i < len(g.rows) && i < maxHeaderRow; i++ {
		t := r.mapHeader(sheet, g, i)
		switch {
		case t == nil:
		case t.ids == 0:
			if miss == nil || t.score > miss.score {
				miss = t
			}
		case best == nil || t.score > best.score:
			best = t
		}
	}
	return best, miss, nil
}

// maxHeading is the length in bytes beyond which a cell is no heading:
// headings are short, and the header row is looked for among rows of long
// answers.
const maxHeading = 200

// heading returns the field a heading names (see fieldOfNorm), and whether it
// is a column soa writes that holds nothing to import, remembering both:
// the header row is looked for in the first rows of every sheet.
func (r *reader) heading(h string) (field string, skip bool) {
	if len(h) > maxHeading || idLike(h) {
		return "", false
	}
	if hf, ok := r.headings[h]; ok {
		return hf.field, hf.skip
	}
	n := normalize(h)
	field, skip = fieldOfNorm(h, n), ignoredNorm(n)
	if r.headings == nil {
		r.headings = map[string]headingField{}
	}
	r.headings[h] = headingField{field, skip}
	return field, skip
}

// idLike reports whether h is digits and dots, after an "A." or "a." or
// not (5.1, A.5.1.1, 18.2): the ids below a header row, which no heading
// is (TestIDLike), told without normalizing them.
func idLike(h string) bool {
	if len(h) >= 2 && (h[0] == 'A' || h[0] == 'a') && h[1] == '.' {
		h = h[2:]
	}
	if h == "" {
		return false
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; (c < '0' || c > '9') && c != '.' {
			return false
		}
	}
	return true
}

type headingField struct {
	field string
	skip  bool
}

// override returns the field the user named for heading with --column.
func (r *reader) override(heading string) string {
	if len(r.opts.Columns) == 0 {
		return ""
	}
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
	heads, at, last := r.subHeadings(g, i)
	for _, h := range heads {
		if _, ok := parseID(h, false); ok || looksLikeID(h) {
			return nil // a row of a control is no header row
		}
	}
	if !r.namesAnswer(heads) {
		return nil // no answer column, see answersCols below
	}
	t := &table{sheet: sheet, headerRow: last + 1, rows: rows, grid: g, cols: map[string]int{}, heads: heads, headAt: at}
	cell := func(c int) string { return r.pos(sheet, c+1, at[c]+1).Cell }
	// The columns the user named come first: a heading they named wins over
	// any guess, and a column guessed for the same field is not read.
	named := map[int]bool{}
	for c, heading := range heads {
		if f := r.override(heading); f != "" && strings.TrimSpace(heading) != "" {
			if _, dup := t.cols[f]; !dup {
				t.cols[f] = c
				named[c] = true
				t.named++
			}
		}
	}
	ambiguous := -1
	var idCands []int // columns whose heading names the id
	var others []int  // columns whose heading names nothing
	for c, heading := range heads {
		if strings.TrimSpace(heading) == "" || named[c] {
			continue
		}
		if ambiguousHeading(heading) {
			ambiguous = c
			continue
		}
		field, skip := r.heading(heading)
		if field == "" || skip {
			if !skip {
				t.unmapped = append(t.unmapped, Column{Heading: heading, Cell: cell(c)})
				others = append(others, c)
			}
			continue
		}
		if _, dup := t.cols[field]; dup {
			t.unmapped = append(t.unmapped, Column{Heading: heading, Cell: cell(c)})
			continue
		}
		if field == fID {
			idCands = append(idCands, c)
			continue
		}
		t.cols[field] = c
	}
	answersCols := 0
	for _, f := range answerColumns {
		if _, ok := t.cols[f]; ok {
			answersCols++
		}
	}
	if answersCols == 0 {
		return nil
	}
	data := rows[last+1:]
	if _, ok := t.cols[fID]; !ok {
		// The id column is the one whose cells hold the most control ids:
		// a column headed as the id ("Clause" may be empty, the ids under
		// "Sec"), "Control" (the id in soa's workbooks, the title in many
		// others), or the title column when each cell starts with the id
		// ("A.5.1.1 Policies …").
		best, most := -1, 0
		try := func(c int) {
			if n := r.countIDs(data, c); n > most {
				best, most = c, n
			}
		}
		for _, c := range idCands {
			try(c)
		}
		if ambiguous >= 0 && idColumn(data, ambiguous) {
			try(ambiguous)
		}
		if c, ok := t.cols[fTitle]; ok && idColumn(data, c) {
			try(c)
		}
		// A column of ids under a heading import does not know ("ISO
		// 27001:2022 Annex A"), when it holds more distinct ids than the
		// columns above: a column of clause references (8.1 in every row)
		// does not win over it.
		for _, c := range others {
			if idColumn(data, c) {
				try(c)
			}
		}
		switch {
		case best >= 0:
			t.cols[fID], t.ids = best, most
		case len(idCands) > 0:
			t.cols[fID] = idCands[0] // no ids below: reported if no other table is found
		}
	} else {
		t.ids = r.countIDs(data, t.cols[fID])
	}
	idc, ok := t.cols[fID]
	if !ok {
		return nil
	}
	for _, c := range idCands {
		if c != idc {
			t.unmapped = append(t.unmapped, Column{Heading: heads[c], Cell: cell(c)})
		}
	}
	if slices.Contains(others, idc) {
		t.unmapped = slices.DeleteFunc(t.unmapped, func(col Column) bool { return col.Cell == cell(idc) })
	}
	if ambiguous >= 0 && ambiguous != idc {
		if _, hasTitle := t.cols[fTitle]; !hasTitle {
			t.cols[fTitle] = ambiguous
		} else {
			t.unmapped = append(t.unmapped, Column{Heading: heads[ambiguous], Cell: cell(ambiguous)})
		}
	}
	// A row holding the headings the user named is the header row; a row of
	// sub-headings is taken in only when it names more columns.
	t.score = 100*t.named + 2*len(t.cols)
	if last > i {
		t.score--
	}
	for _, f := range Fields {
		if c, ok := t.cols[f]; ok {
			t.columns = append(t.columns, Column{Field: f, Heading: heads[c], Cell: cell(c)})
		}
	}
	slices.SortStableFunc(t.columns, func(a, b Column) int { return cellOrder(a.Cell, b.Cell) })
	slices.SortStableFunc(t.unmapped, func(a, b Column) int { return cellOrder(a.Cell, b.Cell) })
	return t
}

// answerColumns are the fields a header row needs one of.
var answerColumns = []string{fApplicable, fStatus, fJustification, fJustificationInclude, fJustificationExclude}

// namesAnswer reports whether a header row of heads may have a column of
// answerColumns, as mapHeader reads them: a heading named with --column,
// or one that names such a field. It is false for most rows, which are
// then no header row without more ado.
func (r *reader) namesAnswer(heads []string) bool {
	for _, h := range heads {
		if strings.TrimSpace(h) == "" {
			continue
		}
		if r.override(h) != "" {
			return true
		}
		if ambiguousHeading(h) {
			continue // the id or the title
		}
		if f, skip := r.heading(h); !skip && slices.Contains(answerColumns, f) {
			return true
		}
	}
	return false
}

// subHeadings returns the headings of a header row at index i of g, with
// the row below it when that is a row of sub-headings: a heading over two
// columns (適用 merged over 適用可否 | 適用・除外理由), the others on the
// first row only, or merged down over both. A sub-heading takes the place
// of the heading above it. at gives the row index of each heading, last
// the header's last row.
//
// The row below is one of sub-headings when each cell of its own (not a
// copy of a cell merged down) is a heading import knows, and at least one
// of them is under an empty cell (the rest of a heading merged across): a
// row of answers right below the header ("Implemented" under Status) is
// not.
func (r *reader) subHeadings(g *grid, i int) (heads []string, at []int, last int) {
	heads = g.rows[i] // cloned before a sub-heading takes a place
	cloned := false
	at = make([]int, len(heads))
	for c := range at {
		at[c] = i
	}
	last = i
	// A header may have three rows: Selection over Reasons over LR | CO.
	for k := i + 1; k < len(g.rows) && k <= i+maxSubRows; k++ {
		below := g.rows[k]
		underEmpty, heading := false, true
		var own []int
		for c, v := range below {
			if strings.TrimSpace(v) == "" || g.copied(c, k) {
				continue
			}
			if f, skip := r.heading(v); f == "" && !skip && !ambiguousHeading(v) {
				heading = false
				break
			}
			own = append(own, c)
			if c >= len(heads) || strings.TrimSpace(heads[c]) == "" {
				underEmpty = true
			}
		}
		if !heading || !underEmpty {
			break
		}
		if !cloned {
			heads, cloned = slices.Clone(heads), true
		}
		for _, c := range own {
			for len(heads) <= c {
				heads = append(heads, "")
				at = append(at, i)
			}
			heads[c], at[c] = below[c], k
		}
		last = k
	}
	return heads, at, last
}

// maxSubRows is how many rows of sub-headings a header may have below its
// first row.
const maxSubRows = 2

// countIDs counts the distinct control ids in the cells of column c: a
// column repeating one id ("Section" holding 5.1 in every row) holds one.
func (r *reader) countIDs(rows [][]string, c int) int {
	seen := map[string]bool{}
	for _, row := range rows {
		if c >= len(row) || strings.TrimSpace(row[c]) == "" {
			continue
		}
		if id, ok := r.catalogID(row[c]); ok {
			seen[id.id] = true
		} else if id, ok := parseID(row[c], true); ok {
			seen[id.id] = true
		}
	}
	return len(seen)
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
	// A short table may have fewer than three rows: then every cell is an id.
	return ids >= 1 && ids >= other && (ids >= 3 || other == 0)
}

func cellOrder(a, b string) int {
	ca, _, _ := xlsx.SplitCellName(a[strings.LastIndex(a, "!")+1:])
	cb, _, _ := xlsx.SplitCellName(b[strings.LastIndex(b, "!")+1:])
	na, _ := xlsx.ColumnNumber(ca)
	nb, _ := xlsx.ColumnNumber(cb)
	return na - nb
}

// dropUnreadable leaves out a column guessed from its heading for a field
// of set values (applicability, status, reasons) when most of its cells
// in control rows hold none of them: free text under a heading such as
// "Implementation (details)" or "Comments (implementation)", which would
// otherwise be an error in every row. The column is reported as not read.
// A column the user named is always read, and a few bad values in a column
// of good ones are still errors.
func (r *reader) dropUnreadable(t *table) {
	fieldNoun := map[string]string{fApplicable: "applicability (Yes/No)", fStatus: "implementation status", fReasons: "reason for inclusion"}
	parse := map[string]func(string) bool{
		fApplicable: func(v string) bool { _, ok := parseApplicable(v); return ok },
		fStatus:     func(v string) bool { _, ok := parseStatus(v); return ok },
		fReasons:    func(v string) bool { _, unknown := parseReasons(v); return len(unknown) == 0 },
	}
	for _, field := range []string{fApplicable, fStatus, fReasons} {
		c, ok := t.cols[field]
		if !ok || r.override(t.heads[c]) != "" {
			continue
		}
		good, bad := 0, 0
		example := ""
		for i := t.headerRow; i < len(t.rows); i++ {
			row := t.rows[i]
			idc := t.cols[fID]
			if c >= len(row) || idc >= len(row) || strings.TrimSpace(row[c]) == "" || t.grid.copied(c, i) || repeatsHeading(t, c, row[c]) {
				continue
			}
			if _, ok := r.catalogID(row[idc]); !ok {
				if _, ok := parseID(row[idc], true); !ok {
					continue
				}
			}
			if parse[field](r.mapValue(field, row[c])) {
				good++
			} else {
				bad++
				if example == "" {
					example = strings.TrimSpace(row[c])
				}
			}
		}
		if bad <= good {
			continue
		}
		delete(t.cols, field)
		at := r.pos(t.sheet, c+1, t.headAt[c]+1)
		t.columns = slices.DeleteFunc(t.columns, func(col Column) bool { return col.Field == field })
		t.unmapped = append(t.unmapped, Column{Heading: t.heads[c], Cell: at.Cell})
		slices.SortStableFunc(t.unmapped, func(a, b Column) int { return cellOrder(a.Cell, b.Cell) })
		h := strings.TrimSpace(t.heads[c])
		r.warnf(at, "", "", "column %q is not read: %d of its %d cells in control rows are no %s (such as %q); to keep its text, name it with --column notes=%q (or --column %s=%q to check its values)",
			h, bad, good+bad, fieldNoun[field], example, h, answerField(field), h)
	}
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
			r.errorf(r.pos(t.sheet, c+1, t.headAt[c]+1), "", "", "--column %s=%q: the column is already read as %s (--column %s=%q)", field, want, other, other, r.opts.Columns[other])
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
