package workbook

import (
	"fmt"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/xlsx"
)

// summaryColumns are the count columns after the theme name.
var summaryColumns = []string{"sum.controls", "sum.applicable", "sum.excluded", "sum.unanswered",
	"label.implemented", "label.partial", "label.planned", "label.not_implemented", "sum.percent"}

// summary writes counts per theme as COUNTIFS formulas over the SoA sheet,
// so they follow the sheet as people edit it, and a clustered bar chart of
// implementation by theme.
func (b *builder) summary() error {
	sh := b.sheet("summary")
	soaSh := b.sheet("soa").Name()
	var titles []string
	for _, t := range b.rep.Themes {
		titles = append(titles, t.Number+" "+t.Title)
	}
	b.width(sh, 1, columnWidth(titles, 20, 44))
	for i := range summaryColumns {
		b.width(sh, i+2, 13)
	}
	b.str(sh, 1, 1, layout.SummaryTitle(b.l, b.st.Org.Name))
	b.style(sh, 1, 1, 1, 1, b.s.subtitle)
	hr := 3
	b.str(sh, 1, hr, b.l.T("col.theme_name"))
	for i, key := range summaryColumns {
		b.str(sh, i+2, hr, b.l.T(key))
	}
	b.style(sh, 1, hr, len(summaryColumns)+1, hr, b.s.header)
	b.height(sh, hr, 32)
	rng := func(col int) string {
		c := colName(col)
		return fmt.Sprintf("%s!$%s$2:$%s$%d", xlsx.QuoteSheet(soaSh), c, c, b.lastSoARow)
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
		b.str(sh, 1, r, name)
		c := t.Counts
		b.counted(sh, 2, r, fmt.Sprintf("COUNTIFS(%s,%s)", key, k), c.Total)
		b.counted(sh, 3, r, fmt.Sprintf("COUNTIFS(%s,%s,%s,%s)", key, k, app, yes), c.Applicable)
		b.counted(sh, 4, r, fmt.Sprintf("COUNTIFS(%s,%s,%s,%s)", key, k, app, no), c.Excluded)
		b.counted(sh, 5, r, fmt.Sprintf("%s-%s-%s", cell(2, r), cell(3, r), cell(4, r)), c.Unanswered)
		for i, s := range answers.Statuses {
			b.counted(sh, 6+i, r, fmt.Sprintf("COUNTIFS(%s,%s,%s,%s,%s,%s)", key, k, app, yes, status, quote(b.l.T("label."+s))), statusCount(c, s))
		}
		b.percentFormula(sh, r, c)
		b.style(sh, 1, r, 1, r, b.s.text)
		b.style(sh, 2, r, 9, r, b.s.integer)
		b.style(sh, 10, r, 10, r, b.s.percent)
		r++
	}
	first, last := hr+1, r-1
	b.str(sh, 1, r, b.l.T("sum.total"))
	total := b.rep.Summary
	for col, v := range []int{total.Total, total.Applicable, total.Excluded, total.Unanswered,
		total.Implemented, total.Partial, total.Planned, total.NotImplemented} {
		b.counted(sh, col+2, r, fmt.Sprintf("SUM(%s:%s)", cell(col+2, first), cell(col+2, last)), v)
	}
	b.percentFormula(sh, r, total)
	b.style(sh, 1, r, 9, r, b.s.band)
	b.style(sh, 10, r, 10, r, b.s.percent)
	r += 2
	b.merge(sh, 1, r, 10, r)
	b.str(sh, 1, r, b.l.T("sum.note"))
	b.style(sh, 1, r, 10, r, b.s.note)
	b.height(sh, r, 28)
	if b.err != nil {
		return b.err
	}
	if err := b.chart(sh, first, last, r+2); err != nil {
		return err
	}
	return b.printSetup(sh, 0, true)
}

// percentFormula writes (implemented + half of partial) / applicable, and
// c's value of it; nothing applicable gives an empty cell.
func (b *builder) percentFormula(sh *xlsx.Sheet, r int, c gap.Counts) {
	formula := fmt.Sprintf(`IF(%s=0,"",(%s+0.5*%s)/%s)`, cell(3, r), cell(6, r), cell(7, r), cell(3, r))
	if c.Applicable == 0 {
		sh.SetFormula(10, r, formula)
		return
	}
	sh.SetFormulaNumber(10, r, formula, (float64(c.Implemented)+gap.PartialWeight*float64(c.Partial))/float64(c.Applicable))
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

// counted writes a Summary formula with its value, which soa computed
// from the same answers, as the cell's cached result (<f> and <v>), so
// that programs which show values without recalculating (pandas,
// openpyxl's data_only, file previews) show the counts; spreadsheet
// programs recalculate on load (finish sets fullCalcOnLoad) and follow
// edits. TestSummaryCachedValues checks the XML this gives.
func (b *builder) counted(sh *xlsx.Sheet, col, row int, formula string, v int) {
	sh.SetFormulaNumber(col, row, formula, float64(v))
}

// cell returns the A1 reference of column col (1-based) and row, for
// formulas.
func cell(col, row int) string { return xlsx.CellName(col, row) }

// chart adds a clustered bar chart: one bar per status for each theme.
func (b *builder) chart(sh *xlsx.Sheet, first, last, at int) error {
	colors := []string{colorGoodText, "BF8F00", "2E75B6", "C00000"}
	name := xlsx.QuoteSheet(sh.Name())
	var series []xlsx.Series
	for i := range answers.Statuses {
		col := colName(6 + i)
		series = append(series, xlsx.Series{
			Name:       fmt.Sprintf("%s!$%s$3", name, col),
			Categories: fmt.Sprintf("%s!$A$%d:$A$%d", name, first, last),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", name, col, first, col, last),
			Color:      colors[i],
		})
	}
	return sh.AddBarChart(1, at, xlsx.BarChart{
		Title:             b.l.T("sum.chart"),
		Series:            series,
		Legend:            "b",
		Width:             900,
		Height:            380,
		AxisColor:         "404040",
		ReverseCategories: true,
		Gridlines:         true,
	})
}
