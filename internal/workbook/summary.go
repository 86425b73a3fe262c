package workbook

import (
	"fmt"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/xuri/excelize/v2"
)

// summaryColumns are the count columns after the theme name.
var summaryColumns = []string{"sum.controls", "sum.applicable", "sum.excluded", "sum.unanswered",
	"label.implemented", "label.partial", "label.planned", "label.not_implemented", "sum.percent"}

// summary writes counts per theme as COUNTIFS formulas over the SoA sheet,
// so they follow the sheet as people edit it, and a clustered bar chart of
// implementation by theme.
func (b *builder) summary() error {
	sh := b.sheet("summary")
	soaSh := b.sheet("soa")
	var titles []string
	for _, t := range b.rep.Themes {
		titles = append(titles, t.Number+" "+t.Title)
	}
	b.width(sh, "A", columnWidth(titles, 20, 44))
	for i := range summaryColumns {
		b.width(sh, colName(i+2), 13)
	}
	b.str(sh, "A1", layout.SummaryTitle(b.l, b.st.Org.Name))
	b.style(sh, "A1", "A1", b.s.subtitle)
	hr := 3
	b.str(sh, cell(1, hr), b.l.T("col.theme_name"))
	for i, key := range summaryColumns {
		b.str(sh, cell(i+2, hr), b.l.T(key))
	}
	b.style(sh, cell(1, hr), cell(len(summaryColumns)+1, hr), b.s.header)
	b.height(sh, hr, 32)
	rng := func(col int) string {
		c := colName(col)
		return fmt.Sprintf("'%s'!$%s$2:$%s$%d", soaSh, c, c, b.lastSoARow)
	}
	key, app, status := rng(b.cols.OfKind(layout.ThemeKey)), rng(b.cols.Of(answers.KeyApplicable)), rng(b.cols.Of(answers.KeyStatus))
	yes, no := quote(b.l.T("value.yes")), quote(b.l.T("value.no"))
	r := hr + 1
	for _, t := range b.rep.Themes {
		k := quote(firstOf(t.Number, t.ID)) // as themeKey writes it on the SoA sheet
		name := t.Title
		if t.Number != "" {
			name = t.Number + " " + name
		}
		b.str(sh, cell(1, r), name)
		c := t.Counts
		b.counted(sh, cell(2, r), fmt.Sprintf("COUNTIFS(%s,%s)", key, k), c.Total)
		b.counted(sh, cell(3, r), fmt.Sprintf("COUNTIFS(%s,%s,%s,%s)", key, k, app, yes), c.Applicable)
		b.counted(sh, cell(4, r), fmt.Sprintf("COUNTIFS(%s,%s,%s,%s)", key, k, app, no), c.Excluded)
		b.counted(sh, cell(5, r), fmt.Sprintf("%s-%s-%s", cell(2, r), cell(3, r), cell(4, r)), c.Unanswered)
		for i, s := range answers.Statuses {
			b.counted(sh, cell(6+i, r), fmt.Sprintf("COUNTIFS(%s,%s,%s,%s,%s,%s)", key, k, app, yes, status, quote(b.l.T("label."+s))), statusCount(c, s))
		}
		b.percentFormula(sh, r, c)
		b.style(sh, cell(1, r), cell(1, r), b.s.text)
		b.style(sh, cell(2, r), cell(9, r), b.s.integer)
		b.style(sh, cell(10, r), cell(10, r), b.s.percent)
		r++
	}
	first, last := hr+1, r-1
	b.str(sh, cell(1, r), b.l.T("sum.total"))
	total := b.rep.Summary
	for col, v := range []int{total.Total, total.Applicable, total.Excluded, total.Unanswered,
		total.Implemented, total.Partial, total.Planned, total.NotImplemented} {
		b.counted(sh, cell(col+2, r), fmt.Sprintf("SUM(%s:%s)", cell(col+2, first), cell(col+2, last)), v)
	}
	b.percentFormula(sh, r, total)
	b.style(sh, cell(1, r), cell(9, r), b.s.band)
	b.style(sh, cell(10, r), cell(10, r), b.s.percent)
	r += 2
	b.merge(sh, cell(1, r), cell(10, r))
	b.str(sh, cell(1, r), b.l.T("sum.note"))
	b.style(sh, cell(1, r), cell(10, r), b.s.note)
	b.height(sh, r, 28)
	if b.err != nil {
		return b.err
	}
	if err := b.chart(sh, first, last, r+2); err != nil {
		return err
	}
	return b.printSetup(sh, "", true)
}

// percentFormula writes (implemented + half of partial) / applicable, and
// c's value of it; nothing applicable gives an empty cell.
func (b *builder) percentFormula(sh string, r int, c gap.Counts) {
	formula := fmt.Sprintf(`IF(%s=0,"",(%s+0.5*%s)/%s)`, cell(3, r), cell(6, r), cell(7, r), cell(3, r))
	if c.Applicable == 0 {
		b.formula(sh, cell(10, r), formula)
		return
	}
	b.counted(sh, cell(10, r), formula, (float64(c.Implemented)+gap.PartialWeight*float64(c.Partial))/float64(c.Applicable))
}

// statusCount is c's count of controls with status s.
func statusCount(c gap.Counts, s string) int {
	switch answers.Status(s) {
	case answers.Implemented:
		return c.Implemented
	case answers.Partial:
		return c.Partial
	case answers.Planned:
		return c.Planned
	case answers.NotImplemented:
		return c.NotImplemented
	}
	return 0
}

// keepValue is the formula type whose SetCellFormula keeps the cell's
// value and type: see counted.
var keepValue = excelize.STCellFormulaTypeDataTable

// counted writes a Summary formula with its value, which soa computed
// from the same answers, as the cell's cached result (<f> and <v>), so
// that programs which show values without recalculating (pandas,
// openpyxl's data_only, file previews) show the counts; spreadsheet
// programs recalculate on load (finish sets fullCalcOnLoad) and follow
// edits.
//
// excelize v2.11.1 has no call for this: every SetCell* call removes the
// formula, and SetCellFormula types the cell t="str", which would make a
// cached 37 the text "37". Only SetCellFormula with the data table type
// returns before it touches the type, leaving the value just written, and
// before it records the type on the formula, so it is written as an
// ordinary formula. TestSummaryCachedValues checks the XML this gives: a
// later excelize that changes this fails the test rather than the users.
func (b *builder) counted(sh, ref, formula string, v any) {
	b.num(sh, ref, v)
	if b.err == nil {
		b.err = b.f.SetCellFormula(sh, ref, formula, excelize.FormulaOpts{Type: &keepValue})
	}
}

// chart adds a clustered bar chart: one bar per status for each theme.
func (b *builder) chart(sh string, first, last, at int) error {
	colors := []string{colorGoodText, "BF8F00", "2E75B6", "C00000"}
	var series []excelize.ChartSeries
	for i := range answers.Statuses {
		col := colName(6 + i)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$3", sh, col),
			Categories: fmt.Sprintf("'%s'!$A$%d:$A$%d", sh, first, last),
			Values:     fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sh, col, first, col, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colors[i]}},
		})
	}
	return b.f.AddChart(sh, cell(1, at), &excelize.Chart{
		Type:      excelize.Bar,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: b.l.T("sum.chart")}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 900, Height: 380},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: excelize.Font{Color: "404040"}},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: excelize.Font{Color: "404040"}},
	})
}
