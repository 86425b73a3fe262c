package workbook

import (
	"fmt"
	"math"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/textwidth"
	"github.com/soa-tool/soa/internal/xlsx"
)

// widths are the SoA sheet's column widths in characters, in order. The
// columns whose values are short (ids, yes or no, a status, dates, marks)
// are as wide as their longest value or the longest word of their heading;
// the columns of prose (the title, justification, owner, evidence, notes)
// share what is left of the paper's width in proportion to the layout's
// widths, so that the sheet prints one page wide at a readable size.
func (b *builder) widths(cols layout.Table) []float64 {
	out := make([]float64, len(cols))
	prose := make([]bool, len(cols))
	var ids, refs []string
	for _, row := range b.st.Rows {
		ids = append(ids, row.Control.ID)
		refs = append(refs, b.refs(row.Control, "\n"))
	}
	fixed, flex := 0.0, 0.0
	for i, c := range cols {
		head := headingWidth(b.l.T(c.Heading))
		switch {
		case c.Kind == layout.ID:
			out[i] = max(head, columnWidth(ids, 6, 14))
		case c.Kind == layout.Refs:
			out[i] = max(head, columnWidth(refs, 8, 14))
		case c.Kind == layout.New:
			out[i] = max(head, columnWidth([]string{b.l.T("value.new")}, 5, 10))
		case c.Kind == layout.ThemeKey:
			out[i] = c.Width(b.l)
			continue // hidden
		case c.Kind == layout.Title || c.Field != nil && (c.Field.Kind == answers.Text || c.Field.Kind == answers.TextList || c.Field.Kind == answers.Line):
			out[i], prose[i] = c.Width(b.l), true
			flex += out[i]
			continue
		case c.Field.Kind == answers.EnumSet:
			out[i] = 3.6 // a mark under a heading on its side
		case c.Field.Kind == answers.Bool:
			out[i] = max(head, columnWidth([]string{b.l.T("value.yes"), b.l.T("value.no")}, 6, 12))
		case c.Field.Kind == answers.Enum:
			out[i] = max(head, wordsWidth(layout.ValueLabels(c.Field, b.l), 8, 16))
		case c.Field.Kind == answers.Date:
			out[i] = max(head, 10)
		default:
			out[i] = max(head, min(c.Width(b.l), 10))
		}
		fixed += out[i]
	}
	if room := columnBudget(b.paper, true) - fixed; flex > room {
		for i := range out {
			if prose[i] {
				out[i] = max(8, math.Floor(out[i]*room/flex*2)/2)
			}
		}
	}
	return out
}

// headingWidth is the width a column needs so that no word of its heading
// breaks: the longest word, in bold. A heading in Japanese, which breaks
// between any two characters, needs room for four of them on a line
// (適用可否, 実施状況), or for the whole of a shorter one.
func headingWidth(h string) float64 {
	w := 0.0
	for _, word := range strings.Fields(h) {
		if n := len([]rune(word)); textwidth.Width(word) > n {
			w = max(w, float64(min(n, 4))*1.9+1.5)
			continue
		}
		w = max(w, textPoints(word, 10)*1.08/metricsOf[i18n.EN].unit+1)
	}
	return math.Ceil(w*2) / 2
}

// wordsWidth is the width that fits the longest word of texts, within [lo,
// hi]: values that may wrap at spaces ("Partially implemented").
func wordsWidth(texts []string, lo, hi float64) float64 {
	var words []string
	for _, t := range texts {
		words = append(words, strings.Fields(t)...)
	}
	return columnWidth(words, lo, hi)
}

// soaSheet writes one row per control under a band row per theme, with
// drop-down lists, status colours, frozen panes, a filter and print setup.
func (b *builder) soaSheet() error {
	sh := b.sheet("soa")
	cols := b.cols
	widths := b.widths(cols)
	last := cols.Printed()
	for i, c := range cols {
		b.width(sh, i+1, widths[i])
		b.str(sh, i+1, 1, b.l.T(c.Heading))
		b.style(sh, i+1, 1, i+1, 1, b.s.header)
		if c.Value != "" {
			b.style(sh, i+1, 1, i+1, 1, b.sideways())
		}
	}
	b.height(sh, 1, headerHeight(b, cols, widths))
	r := 2
	theme := ""
	for _, row := range b.st.Rows {
		if t := row.Theme; t != nil && t.ID != theme {
			theme = t.ID
			b.band(sh, r, layout.ThemeHeading(t, b.l.Title(t.Title, t.TitleJA)))
			r++
		}
		b.controlRow(sh, r, row, widths)
		r++
	}
	lastRow := r - 1
	sh.HideColumn(cols.OfKind(layout.ThemeKey))
	b.lastSoARow = lastRow
	b.validations(sh, lastRow)
	b.statusColours(sh, lastRow)
	if b.err != nil {
		return b.err
	}
	sh.AutoFilter(xlsx.Cells(1, 1, last, lastRow))
	sh.Freeze(2, 1)
	return b.printSetup(sh, 1, true)
}

// themeKey names the group a row is counted in on the Summary sheet: the
// theme's number (5 … 8), the 2013 clause (A.5 …), or a user set's id.
// Numbers read the same in every language.
func themeKey(row soa.Row) string {
	if t := row.Theme; t != nil {
		return firstOf(t.Number, t.ID)
	}
	return row.Control.Set
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// band writes a theme row across the whole table.
func (b *builder) band(sh *xlsx.Sheet, r int, text string) {
	b.str(sh, 1, r, text)
	b.merge(sh, 1, r, b.cols.Printed(), r)
	b.style(sh, 1, r, b.cols.Printed(), r, b.s.band)
	b.height(sh, r, 18)
}

func (b *builder) controlRow(sh *xlsx.Sheet, r int, row soa.Row, widths []float64) {
	c, a := row.Control, row.Answer
	var texts []cellText // what the row's height must make room for
	b.style(sh, 1, r, b.cols.Printed(), r, b.s.text)
	for i, col := range b.cols {
		at := i + 1 // the cell's column
		var text string
		switch col.Kind {
		case layout.ID:
			text = c.ID
		case layout.Title:
			text = b.l.Title(c.Title, c.TitleJA)
		case layout.Refs:
			text = b.refs(c, "\n") // one id a line: none breaks inside itself
			b.style(sh, at, r, at, r, b.s.textCenter)
		case layout.New:
			b.style(sh, at, r, at, r, b.s.textCenter)
			if c.New {
				text = b.l.T("value.new")
				b.style(sh, at, r, at, r, b.s.textNew)
			}
		case layout.ThemeKey:
			text = themeKey(row)
		case layout.Answer:
			text = col.Cell(a, b.l)
			switch col.Field.Kind {
			case answers.Bool, answers.Enum, answers.EnumSet:
				b.style(sh, at, r, at, r, b.s.textCenter)
			case answers.Date:
				b.style(sh, at, r, at, r, b.s.date)
				b.dateCell(sh, at, r, text)
				continue
			}
		}
		b.str(sh, at, r, text)
		if col.Kind != layout.ThemeKey && col.Kind != layout.New {
			texts = append(texts, cellText{text, widths[i]})
		}
	}
	b.height(sh, r, rowHeight(b.l, texts, 10))
}

// refs2013 lists the 2013 controls behind a 2022 control (or the 2022
// controls a 2013 control became).
func (b *builder) refs2013(c *catalog.Control) string {
	return b.refs(c, b.l.T("list.comma"))
}

// refs is refs2013 joined by sep.
func (b *builder) refs(c *catalog.Control, sep string) string {
	var ids []string
	if c.Set == catalog.Set2013 {
		ids = c.MapsTo
	} else {
		for _, id := range c.MappedFrom {
			if src := b.st.Catalog.Control(id); src != nil && src.Set == catalog.Set2013 {
				ids = append(ids, id)
			}
		}
	}
	return strings.Join(ids, sep)
}

// headerHeight is the height of the SoA sheet's header row: room for the
// longest heading on its side (or stacked), and for every other heading
// wrapped in its column.
func headerHeight(b *builder, cols layout.Table, widths []float64) float64 {
	var flat []cellText
	h := 0.0
	for i, c := range cols {
		text := b.l.T(c.Heading)
		switch {
		case c.Kind == layout.ThemeKey:
		case c.Value == "":
			flat = append(flat, cellText{text, widths[i]})
		case b.l == i18n.JA:
			h = max(h, stackedLength(text)+8)
		default:
			h = max(h, rotatedLength(text)+10)
		}
	}
	return max(h, headerRowHeight(b.l, flat))
}

// sideways is the style of a heading over a narrow column: turned on its
// side, or in Japanese stacked upright.
func (b *builder) sideways() xlsx.StyleID {
	if b.l == i18n.JA {
		return b.s.headerStacked
	}
	return b.s.headerRotated
}

// stackedLength is the height in points of text stacked one character
// under another in the 10-point bold header font: a line a character.
func stackedLength(text string) float64 {
	return float64(len([]rune(text))) * 13.5
}

// validations add drop-down lists so that an editor can only pick values
// that soa import reads back.
func (b *builder) validations(sh *xlsx.Sheet, last int) {
	add := func(col int, values []string, title string) {
		if b.err == nil {
			b.err = sh.AddList(xlsx.Cells(col, 2, col, last), values, title, strings.Join(values, ", "))
		}
	}
	for i, c := range b.cols {
		if c.Kind != layout.Answer {
			continue
		}
		switch c.Field.Kind {
		case answers.Bool:
			add(i+1, []string{b.l.T("value.yes"), b.l.T("value.no")}, b.l.T(c.Heading))
		case answers.EnumSet:
			add(i+1, []string{b.l.T("value.mark")}, b.l.T(c.Heading))
		case answers.Enum:
			add(i+1, layout.ValueLabels(c.Field, b.l), b.l.T(c.Heading))
		}
	}
}

// statusColours colour the status cells by value, and grey out excluded
// rows, so the colours follow the values as people edit them.
func (b *builder) statusColours(sh *xlsx.Sheet, last int) {
	if b.err != nil {
		return
	}
	col := b.cols.Of(answers.KeyStatus)
	formats := []xlsx.HighlightID{b.s.fmtGood, b.s.fmtPart, b.s.fmtPlan, b.s.fmtBad}
	var rules []xlsx.Rule
	for i, s := range answers.Statuses {
		rules = append(rules, xlsx.Rule{Equal: quote(b.l.T("label." + s)), Highlight: formats[i]})
	}
	if b.err = sh.AddConditional(xlsx.Cells(col, 2, col, last), rules...); b.err != nil {
		return
	}
	app := colName(b.cols.Of(answers.KeyApplicable))
	b.err = sh.AddConditional(xlsx.Cells(1, 2, b.cols.Printed(), last), xlsx.Rule{
		Formula: fmt.Sprintf("$%s2=%s", app, quote(b.l.T("value.no"))), Highlight: b.s.fmtExcluded,
	})
}

// quote makes s a string literal in a formula.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// printSetup prints on the builder's paper, one page wide, with the first
// titleRows rows (none for 0) on every page, the document's title, number
// and classification in the page header and a footer naming the
// organization, version and page.
func (b *builder) printSetup(sh *xlsx.Sheet, titleRows int, landscape bool) error {
	o := b.st.Org
	sh.SetPage(xlsx.Page{
		Paper: b.paper.code, Landscape: landscape, FitWidth: 1, FitHeight: 0,
		Left: marginSide, Right: marginSide, Top: marginTop, Bottom: marginBottom, Header: marginHF, Footer: marginHF,
		OddHeader: header(b.l, o.DocumentID, o.Classification),
		OddFooter: footer(b.l, o.Name, o.SoAVersion),
	})
	if titleRows > 0 {
		sh.PrintTitleRows(1, titleRows)
	}
	return b.err
}

// rotatedLength is the length in points of text turned on its side in the
// rotated header's 10-point bold font: a full-width character takes the
// font's full size and a little more, 11 points; others 8.3, which
// leaves room for bold capitals.
func rotatedLength(text string) float64 {
	n := 0.0
	for _, r := range text {
		if textwidth.RuneWidth(r) == 2 {
			n += 11
		} else {
			n += 8.3
		}
	}
	return n
}
