package workbook

import (
	"time"

	"github.com/soa-tool/soa/internal/answers"
)

// cover writes the title page: who, what scope, which standard and
// version, the revision history and a legend of the values used.
func (b *builder) cover() error {
	sh := b.sheet("cover")
	o := b.st.Org
	var labels []string
	for _, k := range []string{"wb.organization", "wb.scope", "wb.standard", "wb.soa_version", "wb.date", "wb.prepared_by",
		"wb.approved_by", "wb.approved_on", "wb.legend.applicable", "wb.legend.status", "wb.legend.reasons"} {
		labels = append(labels, b.l.T(k))
	}
	for col, w := range []float64{columnWidth(labels, 14, 30), 16, 24, 64} {
		b.width(sh, colName(col+1), w)
	}
	b.str(sh, "A1", b.l.T("wb.title"))
	b.style(sh, "A1", "A1", b.s.title)
	b.height(sh, 1, 34)
	b.str(sh, "A2", b.l.F("wb.subtitle", b.l.T("wb.standard."+b.st.Edition)))
	b.style(sh, "A2", "A2", b.s.subtitle)
	rows := []struct {
		key, value string
		date       bool
	}{
		{"wb.organization", o.Name, false},
		{"wb.scope", o.Scope, false},
		{"wb.standard", b.l.T("wb.standard." + b.st.Edition), false},
		{"wb.soa_version", o.SoAVersion, false},
		{"wb.date", o.Date, true},
		{"wb.prepared_by", o.PreparedBy, false},
		{"wb.approved_by", o.ApprovedBy, false},
		{"wb.approved_on", o.ApprovedOn, true},
	}
	r := 4
	for _, row := range rows {
		b.str(sh, cell(1, r), b.l.T(row.key))
		b.style(sh, cell(1, r), cell(1, r), b.s.label)
		b.merge(sh, cell(2, r), cell(4, r))
		if row.date {
			b.dateCell(sh, cell(2, r), row.value)
			b.style(sh, cell(2, r), cell(4, r), b.s.dateLeft)
		} else {
			b.str(sh, cell(2, r), row.value)
			b.style(sh, cell(2, r), cell(4, r), b.s.valueWrap)
		}
		b.height(sh, r, rowHeight([]cellText{{row.value, 104}}, 10))
		r++
	}
	r++
	b.str(sh, cell(1, r), b.l.T("wb.revisions"))
	b.style(sh, cell(1, r), cell(1, r), b.s.band)
	r++
	for i, key := range []string{"wb.rev.version", "wb.rev.date", "wb.rev.author", "wb.rev.description"} {
		b.str(sh, cell(i+1, r), b.l.T(key))
	}
	b.style(sh, cell(1, r), cell(4, r), b.s.header)
	r++
	for _, rev := range b.st.Revisions {
		b.str(sh, cell(1, r), rev.Version)
		b.dateCell(sh, cell(2, r), rev.Date)
		b.str(sh, cell(3, r), rev.Author)
		b.str(sh, cell(4, r), rev.Description)
		b.style(sh, cell(1, r), cell(1, r), b.s.textCenter)
		b.style(sh, cell(2, r), cell(2, r), b.s.date)
		b.style(sh, cell(3, r), cell(4, r), b.s.text)
		b.height(sh, r, rowHeight([]cellText{{rev.Author, 24}, {rev.Description, 64}}, 10))
		r++
	}
	r++
	b.legend(sh, r)
	if b.err != nil {
		return b.err
	}
	return b.printSetup(sh, "", false)
}

// legend explains every value the SoA sheet uses, coloured as there.
func (b *builder) legend(sh string, r int) {
	b.str(sh, cell(1, r), b.l.T("wb.legend"))
	b.style(sh, cell(1, r), cell(1, r), b.s.band)
	r++
	group := func(title string, items [][2]string, styleOf func(i int) int) {
		b.str(sh, cell(1, r), title)
		b.style(sh, cell(1, r), cell(1, r+len(items)-1), b.s.label)
		if len(items) > 1 {
			b.merge(sh, cell(1, r), cell(1, r+len(items)-1))
		}
		for i, it := range items {
			b.str(sh, cell(2, r), it[0])
			b.style(sh, cell(2, r), cell(2, r), styleOf(i))
			b.merge(sh, cell(3, r), cell(4, r))
			b.str(sh, cell(3, r), it[1])
			b.style(sh, cell(3, r), cell(4, r), b.s.valueWrap)
			r++
		}
	}
	plain := func(int) int { return b.s.textCenter }
	group(b.l.T("wb.legend.applicable"), [][2]string{
		{b.l.T("value.yes"), b.l.T("legend.yes")},
		{b.l.T("value.no"), b.l.T("legend.no")},
	}, plain)
	var statuses [][2]string
	for _, s := range answers.Statuses {
		statuses = append(statuses, [2]string{b.l.T("label." + s), b.l.T("legend." + s)})
	}
	statusStyles := []int{b.s.legendGood, b.s.legendPart, b.s.legendPlan, b.s.legendBad}
	group(b.l.T("wb.legend.status"), statuses, func(i int) int { return statusStyles[i] })
	var reasons [][2]string
	for _, s := range answers.Reasons {
		reasons = append(reasons, [2]string{b.l.T("reason." + s), b.l.T("legend." + s)})
	}
	group(b.l.T("wb.legend.reasons"), reasons, plain)
}

// dateCell writes a YYYY-MM-DD date as a real date, so that it sorts and
// filters as one; an empty date leaves the cell empty.
func (b *builder) dateCell(sh, ref, date string) {
	if date == "" {
		return
	}
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		b.str(sh, ref, date)
		return
	}
	b.num(sh, ref, t)
}
