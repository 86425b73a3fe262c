package workbook

import (
	"time"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/xlsx"
)

// coverWidths are the cover's column widths after the label column: what
// a portrait page holds at a readable size.
var coverWidths = []float64{18, 20, 34, 22, 16}

// cover writes the title page: who, what scope, which standard and
// version, the document's number and classification, the approval block
// (prepared, reviewed, approved: who and when), the revision history and a
// legend of the values used.
func (b *builder) cover() error {
	sh := b.sheet("cover")
	o := b.st.Org
	var labels []string
	for _, k := range []string{"wb.organization", "wb.scope", "wb.standard", "wb.legend.applicable", "wb.legend.status", "wb.legend.reasons"} {
		labels = append(labels, b.l.T(k))
	}
	for _, f := range answers.OrgFields {
		if f.Cover != "" {
			labels = append(labels, b.l.T(f.Cover))
		}
	}
	widths := append([]float64{columnWidth(labels, 14, 24)}, coverWidths...)
	for col, w := range widths {
		b.width(sh, col+1, w)
	}
	last := len(widths)
	valueWidth := 0.0
	for _, w := range widths[1:] {
		valueWidth += w
	}
	b.str(sh, 1, 1, b.l.T("wb.title"))
	b.style(sh, 1, 1, 1, 1, b.s.title)
	b.height(sh, 1, 34)
	b.str(sh, 1, 2, b.l.F("wb.subtitle", b.l.T("wb.standard."+b.st.Edition)))
	b.style(sh, 1, 2, 1, 2, b.s.subtitle)
	type line struct {
		label, value string
		date         bool
	}
	rows := []line{
		{b.l.T("wb.organization"), o.Name, false},
		{b.l.T("wb.scope"), o.Scope, false},
		{b.l.T("wb.standard"), b.l.T("wb.standard." + b.st.Edition), false},
	}
	// The organization's other fields the cover shows, but for those of
	// the approval block: a name and the date beside it.
	dated := map[string]bool{}
	for _, f := range answers.OrgFields {
		if f.Dated != "" {
			dated[f.Key] = true
			dated[f.Dated] = f.Dated != "date" // the SoA's date has a row of its own too
		}
	}
	for _, f := range answers.OrgFields {
		if f.Cover != "" && f.Key != "name" && f.Key != "scope" && !dated[f.Key] {
			rows = append(rows, line{b.l.T(f.Cover), f.Get(&o), f.Kind == answers.Date})
		}
	}
	r := 4
	for _, row := range rows {
		b.str(sh, 1, r, row.label)
		b.style(sh, 1, r, 1, r, b.s.label)
		b.merge(sh, 2, r, last, r)
		if row.date {
			b.dateCell(sh, 2, r, row.value)
			b.style(sh, 2, r, last, r, b.s.dateLeft)
		} else {
			b.str(sh, 2, r, row.value)
			b.style(sh, 2, r, last, r, b.s.valueWrap)
		}
		b.height(sh, r, rowHeight(b.l, []cellText{{row.value, valueWidth}}, 10))
		r++
	}
	r = b.approval(sh, r+1)
	r = b.revisions(sh, r+1, widths)
	b.legend(sh, r+1)
	if b.err != nil {
		return b.err
	}
	return b.printSetup(sh, 0, false)
}

// approval writes the approval block from row r: one row for each role
// (prepared, reviewed, approved) with the name and the date, and returns
// the row after it. The name takes columns B and C, the date D.
func (b *builder) approval(sh *xlsx.Sheet, r int) int {
	o := b.st.Org
	b.str(sh, 1, r, b.l.T("wb.approval"))
	b.str(sh, 2, r, b.l.T("wb.approval.name"))
	b.str(sh, 4, r, b.l.T("wb.approval.date"))
	b.merge(sh, 2, r, 3, r)
	b.style(sh, 1, r, 4, r, b.s.header)
	r++
	for _, f := range answers.OrgFields {
		if f.Dated == "" {
			continue
		}
		b.str(sh, 1, r, b.l.T(f.Cover))
		b.style(sh, 1, r, 1, r, b.s.label)
		b.merge(sh, 2, r, 3, r)
		b.str(sh, 2, r, f.Get(&o))
		b.style(sh, 2, r, 3, r, b.s.valueWrap)
		b.dateCell(sh, 4, r, answers.OrgFieldByKey(f.Dated).Get(&o))
		b.style(sh, 4, r, 4, r, b.s.date)
		b.height(sh, r, max(22, rowHeight(b.l, []cellText{{f.Get(&o), coverWidths[0] + coverWidths[1]}}, 10)))
		r++
	}
	return r
}

// revisionColumns are the revision history's columns: the field, its
// heading, and how many of the cover's columns it spans. The order is the
// one Japanese documents follow (版数 | 制定/改訂日 | 改定箇所、改訂理由 |
// 備考), the author last.
var revisionColumns = []struct {
	key  string // the message key wb.rev.<key>
	span int
}{{"version", 1}, {"date", 1}, {"description", 2}, {"notes", 1}, {"author", 1}}

// revisions writes the revision history from row r and returns the row
// after it.
func (b *builder) revisions(sh *xlsx.Sheet, r int, widths []float64) int {
	b.str(sh, 1, r, b.l.T("wb.revisions"))
	b.style(sh, 1, r, 1, r, b.s.band)
	r++
	col := 1
	for _, c := range revisionColumns {
		b.str(sh, col, r, b.l.T("wb.rev."+c.key))
		if c.span > 1 {
			b.merge(sh, col, r, col+c.span-1, r)
		}
		col += c.span
	}
	b.style(sh, 1, r, col-1, r, b.s.header)
	r++
	for _, rev := range b.st.Revisions {
		values := map[string]string{"version": rev.Version, "date": rev.Date, "description": rev.Description, "notes": rev.Notes, "author": rev.Author}
		var texts []cellText
		col := 1
		for _, c := range revisionColumns {
			end := col + c.span - 1
			width := 0.0
			for i := col; i < col+c.span; i++ {
				width += widths[i-1]
			}
			if c.span > 1 {
				b.merge(sh, col, r, end, r)
			}
			switch c.key {
			case "date":
				b.dateCell(sh, col, r, rev.Date)
				b.style(sh, col, r, end, r, b.s.date)
			case "version":
				b.str(sh, col, r, rev.Version)
				b.style(sh, col, r, end, r, b.s.textCenter)
			default:
				b.str(sh, col, r, values[c.key])
				b.style(sh, col, r, end, r, b.s.text)
				texts = append(texts, cellText{values[c.key], width})
			}
			col += c.span
		}
		b.height(sh, r, rowHeight(b.l, texts, 10))
		r++
	}
	return r
}

// legend explains every value the SoA sheet uses, coloured as there.
func (b *builder) legend(sh *xlsx.Sheet, r int) {
	b.str(sh, 1, r, b.l.T("wb.legend"))
	b.style(sh, 1, r, 1, r, b.s.band)
	r++
	group := func(title string, items [][2]string, styleOf func(i int) xlsx.StyleID) {
		b.str(sh, 1, r, title)
		b.style(sh, 1, r, 1, r+len(items)-1, b.s.label)
		if len(items) > 1 {
			b.merge(sh, 1, r, 1, r+len(items)-1)
		}
		for i, it := range items {
			b.str(sh, 2, r, it[0])
			b.style(sh, 2, r, 2, r, styleOf(i))
			last := len(coverWidths) + 1
			b.merge(sh, 3, r, last, r)
			b.str(sh, 3, r, it[1])
			b.style(sh, 3, r, last, r, b.s.valueWrap)
			r++
		}
	}
	plain := func(int) xlsx.StyleID { return b.s.textCenter }
	group(b.l.T("wb.legend.applicable"), [][2]string{
		{b.l.T("value.yes"), b.l.T("legend.yes")},
		{b.l.T("value.no"), b.l.T("legend.no")},
	}, plain)
	var statuses [][2]string
	for _, s := range answers.Statuses {
		statuses = append(statuses, [2]string{b.l.T("label." + s), b.l.T("legend." + s)})
	}
	statusStyles := []xlsx.StyleID{b.s.legendGood, b.s.legendPart, b.s.legendPlan, b.s.legendBad}
	group(b.l.T("wb.legend.status"), statuses, func(i int) xlsx.StyleID { return statusStyles[i] })
	var reasons [][2]string
	for _, s := range answers.Reasons {
		reasons = append(reasons, [2]string{b.l.T("reason." + s), b.l.T("legend." + s)})
	}
	group(b.l.T("wb.legend.reasons"), reasons, plain)
}

// dateCell writes a YYYY-MM-DD date as a real date, so that it sorts and
// filters as one; an empty date leaves the cell empty.
func (b *builder) dateCell(sh *xlsx.Sheet, col, row int, date string) {
	if date == "" {
		return
	}
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		b.str(sh, col, row, date)
		return
	}
	sh.SetDate(col, row, t)
}
