package workbook

import (
	"fmt"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/textwidth"
	"github.com/xuri/excelize/v2"
)

// widths are the SoA sheet's column widths in characters, in order: the
// layout's, with the columns whose content varies from one organization
// to the next sized to that content, full-width characters counting double.
func (b *builder) widths(cols layout.Table) []float64 {
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = c.Width(b.l)
	}
	var ids, owners []string
	for _, row := range b.st.Rows {
		ids = append(ids, row.Control.ID)
		if row.Answer != nil {
			owners = append(owners, row.Answer.Owner)
		}
	}
	status := answers.FieldByKey(answers.KeyStatus)
	set := func(col int, w float64) {
		if col > 0 {
			out[col-1] = w
		}
	}
	set(cols.OfKind(layout.ID), columnWidth(append(ids, b.l.T("col.control")), 7, 14))
	set(cols.Of(answers.KeyOwner), columnWidth(append(owners, b.l.T("col.owner")), 10, 24))
	set(cols.Of(answers.KeyStatus), columnWidth(layout.ValueLabels(status, b.l), 9, 15))
	set(cols.Of(answers.KeyApplicable), columnWidth([]string{b.l.T("value.yes"), b.l.T("value.no"), b.l.T("col.applicable")}, 8, 12))
	return out
}

// soaSheet writes one row per control under a band row per theme, with
// drop-down lists, status colours, frozen panes, a filter and print setup.
func (b *builder) soaSheet() error {
	sh := b.sheet("soa")
	cols := b.cols
	widths := b.widths(cols)
	last := cols.Printed()
	for i, c := range cols {
		b.width(sh, colName(i+1), widths[i])
		b.str(sh, cell(i+1, 1), b.l.T(c.Heading))
		b.style(sh, cell(i+1, 1), cell(i+1, 1), b.s.header)
		if c.Value != "" {
			b.style(sh, cell(i+1, 1), cell(i+1, 1), b.s.headerRotated)
		}
	}
	b.height(sh, 1, headerHeight(b, cols))
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
	if b.err == nil {
		b.err = b.f.SetColVisible(sh, colName(cols.OfKind(layout.ThemeKey)), false)
	}
	b.lastSoARow = lastRow
	b.validations(sh, lastRow)
	b.statusColours(sh, lastRow)
	if b.err != nil {
		return b.err
	}
	if err := b.f.AutoFilter(sh, fmt.Sprintf("A1:%s%d", colName(last), lastRow), nil); err != nil {
		return err
	}
	if err := b.f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return b.printSetup(sh, "$1:$1", true)
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
func (b *builder) band(sh string, r int, text string) {
	b.str(sh, cell(1, r), text)
	b.merge(sh, cell(1, r), cell(b.cols.Printed(), r))
	b.style(sh, cell(1, r), cell(b.cols.Printed(), r), b.s.band)
	b.height(sh, r, 18)
}

func (b *builder) controlRow(sh string, r int, row soa.Row, widths []float64) {
	c, a := row.Control, row.Answer
	var texts []cellText // what the row's height must make room for
	b.style(sh, cell(1, r), cell(b.cols.Printed(), r), b.s.text)
	for i, col := range b.cols {
		at := cell(i+1, r)
		var text string
		switch col.Kind {
		case layout.ID:
			text = c.ID
		case layout.Title:
			text = b.l.Title(c.Title, c.TitleJA)
		case layout.Refs:
			text = b.refs2013(c)
			b.style(sh, at, at, b.s.textCenter)
		case layout.New:
			b.style(sh, at, at, b.s.textCenter)
			if c.New {
				text = b.l.T("value.new")
				b.style(sh, at, at, b.s.textNew)
			}
		case layout.ThemeKey:
			text = themeKey(row)
		case layout.Answer:
			text = col.Cell(a, b.l)
			switch col.Field.Kind {
			case answers.Bool, answers.Enum, answers.EnumSet:
				b.style(sh, at, at, b.s.textCenter)
			case answers.Date:
				b.style(sh, at, at, b.s.date)
				b.dateCell(sh, at, text)
				continue
			}
		}
		b.str(sh, at, text)
		if col.Kind != layout.ThemeKey && col.Kind != layout.New {
			texts = append(texts, cellText{text, widths[i]})
		}
	}
	b.height(sh, r, rowHeight(texts, 10))
}

// refs2013 lists the 2013 controls behind a 2022 control (or the 2022
// controls a 2013 control became).
func (b *builder) refs2013(c *catalog.Control) string {
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
	return strings.Join(ids, b.l.T("list.comma"))
}

func headerHeight(b *builder, cols layout.Table) float64 {
	h := 30.0
	for _, c := range cols {
		if c.Value != "" {
			// Rotated text: the header is as tall as the longest value's name.
			h = max(h, rotatedLength(b.l.T(c.Heading))+10)
		}
	}
	return h
}

// rotatedLength is the length in points of text turned on its side in the
// rotated header's 9-point bold font: a full-width character takes the
// font's full size and a little more, 10 points; others 7.5, which
// leaves room for bold capitals.
func rotatedLength(text string) float64 {
	n := 0.0
	for _, r := range text {
		if textwidth.RuneWidth(r) == 2 {
			n += 10
		} else {
			n += 7.5
		}
	}
	return n
}

// validations add drop-down lists so that an editor can only pick values
// that soa import reads back.
func (b *builder) validations(sh string, last int) {
	add := func(col int, values []string, title string) {
		if b.err != nil {
			return
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", colName(col), colName(col), last)
		if b.err = dv.SetDropList(values); b.err != nil {
			return
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, title, strings.Join(values, ", "))
		b.err = b.f.AddDataValidation(sh, dv)
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
func (b *builder) statusColours(sh string, last int) {
	if b.err != nil {
		return
	}
	col := colName(b.cols.Of(answers.KeyStatus))
	status := fmt.Sprintf("%s2:%s%d", col, col, last)
	formats := []int{b.s.fmtGood, b.s.fmtPart, b.s.fmtPlan, b.s.fmtBad}
	var opts []excelize.ConditionalFormatOptions
	for i, s := range answers.Statuses {
		opts = append(opts, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==", Format: &formats[i], Value: quote(b.l.T("label." + s))})
	}
	if b.err = b.f.SetConditionalFormat(sh, status, opts); b.err != nil {
		return
	}
	rows := fmt.Sprintf("A2:%s%d", colName(b.cols.Printed()), last)
	app := colName(b.cols.Of(answers.KeyApplicable))
	b.err = b.f.SetConditionalFormat(sh, rows, []excelize.ConditionalFormatOptions{{
		Type: "formula", Criteria: fmt.Sprintf("$%s2=%s", app, quote(b.l.T("value.no"))), Format: &b.s.fmtExcluded,
	}})
}

// quote makes s a string literal in a formula.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// printSetup prints A4 landscape, one page wide, with the header rows on
// every page and a footer naming the organization, version and page.
func (b *builder) printSetup(sh, titleRows string, landscape bool) error {
	a4, one, zero := 9, 1, 0
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	if err := b.f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := b.f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if titleRows != "" {
		if err := b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!%s", sh, titleRows), Scope: sh}); err != nil {
			return err
		}
	}
	return b.f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{OddFooter: footer(b.l, b.st.Org.Name, b.st.Org.SoAVersion)})
}
