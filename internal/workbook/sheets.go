package workbook

import (
	"github.com/soa-tool/soa/internal/layout"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/xlsx"
)

// gaps lists the gap report's findings, most severe first: the same
// findings `soa gap` prints, under a title that says the date they were
// judged as of.
func (b *builder) gaps() error {
	sh := b.sheet("gaps")
	asOf := b.rep.AsOf
	if asOf == "" {
		asOf = "-"
	}
	b.str(sh, 1, 1, b.l.F("gaps.title", b.l.Date(asOf)))
	b.style(sh, 1, 1, 1, 1, b.s.subtitle)
	b.height(sh, 1, 22)
	heads := []heading{{"gaps.severity", 11}, {"gaps.code", 26}, {"col.control", 9}, {"col.control_title", 36}, {"gaps.field", 14}, {"gaps.finding", 70}}
	b.headerRow(sh, heads)
	// In the order of rules.Severities: error, gap, warning, info.
	sevStyle := []xlsx.StyleID{b.s.legendBad, b.s.legendBad, b.s.legendPart, b.s.textCenter}
	r := 3
	for _, f := range b.rep.Findings {
		title := ""
		if c := b.st.Catalog.Control(f.Control); c != nil {
			title = b.l.Title(c.Title, c.TitleJA)
		}
		b.str(sh, 1, r, b.l.T("severity."+f.Severity.String()))
		b.str(sh, 2, r, f.Code)
		b.str(sh, 3, r, f.Control)
		b.str(sh, 4, r, title)
		b.str(sh, 5, r, b.l.T("field."+f.Field))
		b.str(sh, 6, r, f.Message)
		b.style(sh, 1, r, 1, r, sevStyle[f.Severity])
		b.style(sh, 2, r, 6, r, b.s.text)
		b.height(sh, r, rowHeight(b.l, []cellText{{title, 36}, {f.Message, 70}}, 10))
		r++
	}
	if len(b.rep.Findings) == 0 {
		b.str(sh, 1, 3, b.l.T("gaps.none"))
		r++
	}
	if b.err != nil {
		return b.err
	}
	sh.AutoFilter(xlsx.Cells(1, 2, len(heads), max(3, r-1)))
	sh.Freeze(0, 2)
	return b.printSetup(sh, 2, true)
}

// mapping writes the two directions of the 2013↔2022 correspondence as two
// tables, one below the other, so that no row holds controls of both: the
// 2022 controls with their 2013 sources (new controls highlighted), then,
// from a new printed page, the 2013 controls with their 2022 targets. Each
// row is as tall as its own text needs.
func (b *builder) mapping() error {
	sh := b.sheet("mapping")
	cat := b.st.Catalog
	s22, s13 := cat.Set(catalog.Set2022), cat.Set(catalog.Set2013)
	if s22 == nil || s13 == nil {
		return nil
	}
	type row struct {
		id, title, other string
		new              bool
	}
	var widths []float64 // set below, once the rows are known
	// table writes a band row with its title, a header row and one row per
	// control from row r, and returns the row after it.
	table := func(r int, title, otherHead string, rows []row) int {
		last := len(widths)
		b.str(sh, 1, r, title)
		b.merge(sh, 1, r, last, r)
		b.style(sh, 1, r, last, r, b.s.band)
		r++
		var heads []cellText
		for i, key := range []string{"col.control", "col.control_title", otherHead} {
			b.str(sh, 1+i, r, b.l.T(key))
			heads = append(heads, cellText{b.l.T(key), widths[i]})
		}
		b.style(sh, 1, r, len(widths), r, b.s.header)
		b.height(sh, r, headerRowHeight(b.l, heads))
		r++
		for _, c := range rows {
			st := b.s.text
			if c.new {
				st = b.s.textNew
			}
			b.str(sh, 1, r, c.id)
			b.str(sh, 2, r, c.title)
			b.str(sh, 3, r, c.other)
			b.style(sh, 1, r, 3, r, st)
			b.height(sh, r, rowHeight(b.l, []cellText{{c.id, widths[0]}, {c.title, widths[1]}, {c.other, widths[2]}}, 10))
			r++
		}
		return r
	}
	var from22 []row
	for _, c := range s22.Controls {
		from := b.refs2013(c)
		if c.New {
			from = b.l.T("map.new")
		}
		from22 = append(from22, row{c.ID, b.l.Title(c.Title, c.TitleJA), from, c.New})
	}
	var to22 []row
	for _, c := range s13.Controls {
		to22 = append(to22, row{c.ID, b.l.Title(c.Title, c.TitleJA), strings.Join(c.MapsTo, b.l.T("list.comma")), false})
	}
	// The third column fits the longest list of ids on one line, so that
	// no id breaks inside itself (Japanese lists have no space to break at).
	var lists []string
	for _, rows := range [][]row{from22, to22} {
		for _, r := range rows {
			lists = append(lists, r.other)
		}
	}
	widths = []float64{10, 44, columnWidth(lists, 16, 40)}
	for i, w := range widths {
		b.width(sh, i+1, w)
	}
	next := table(1, b.l.T("map.2022to2013"), "col.ref2013", from22)
	// One blank row between the tables on screen; in print, the second
	// starts a page of its own.
	second := next + 1
	table(second, b.l.T("map.2013to2022"), "col.ref2022", to22)
	if b.err != nil {
		return b.err
	}
	sh.BreakBefore(second)
	// No frozen header and no repeated print titles: one header would be
	// wrong for the other table.
	return b.printSetup(sh, 0, false)
}

// attributes lists the ISO/IEC 27002:2022 attributes of each control, one
// column per attribute type, with a filter.
func (b *builder) attributes() error {
	sh := b.sheet("attributes")
	s22 := b.st.Catalog.Set(catalog.Set2022)
	if s22 == nil {
		return nil
	}
	// There are four theme names: the column fits them on one line.
	var themes []string
	for _, t := range s22.Themes {
		themes = append(themes, b.l.Title(t.Title, t.TitleJA))
	}
	widths := append([]float64{9, 40, columnWidth(themes, 12, 26)}, 16, 26, 18, 34, 24)
	heads := []string{b.l.T("col.control"), b.l.T("col.control_title"), b.l.T("col.theme_name")}
	for _, t := range catalog.AttributeTypes {
		heads = append(heads, b.l.Title(t.Title, t.TitleJA))
	}
	var headTexts []cellText
	for i, h := range heads {
		b.width(sh, i+1, widths[i])
		b.str(sh, i+1, 1, h)
		headTexts = append(headTexts, cellText{h, widths[i]})
	}
	lastCol := len(heads)
	b.style(sh, 1, 1, lastCol, 1, b.s.header)
	b.height(sh, 1, headerRowHeight(b.l, headTexts))
	for i, c := range s22.Controls {
		r := 2 + i
		title, theme := b.l.Title(c.Title, c.TitleJA), ""
		b.str(sh, 1, r, c.ID)
		b.str(sh, 2, r, title)
		if t := s22.Theme(c.Theme); t != nil {
			theme = b.l.Title(t.Title, t.TitleJA)
			b.str(sh, 3, r, theme)
		}
		texts := []cellText{{c.ID, widths[0]}, {title, widths[1]}, {theme, widths[2]}}
		for j, t := range catalog.AttributeTypes {
			var names []string
			for _, v := range c.Attributes.Get(t.Key) {
				names = append(names, b.l.Attr(v))
			}
			value := strings.Join(names, b.l.T("list.comma"))
			b.str(sh, 4+j, r, value)
			texts = append(texts, cellText{value, widths[3+j]})
		}
		b.style(sh, 1, r, lastCol, r, b.s.text)
		b.height(sh, r, rowHeight(b.l, texts, 10))
	}
	if b.err != nil {
		return b.err
	}
	last := 1 + len(s22.Controls)
	sh.AutoFilter(xlsx.Cells(1, 1, lastCol, last))
	sh.Freeze(2, 1)
	return b.printSetup(sh, 1, true)
}

// changeSheet lists what changed since an earlier version (soa generate
// --since): one row per field that differs, old and new, under a title
// naming the earlier version, and the suggested revision line below.
func (b *builder) changeSheet() error {
	if b.changes == nil {
		return nil
	}
	sh := b.sheet("changes")
	ch := b.changes
	since := ch.Old.SoAVersion
	if since == "" {
		since = ch.Old.Name
	} else {
		since = b.l.Version(since)
	}
	b.str(sh, 1, 1, b.l.F("wb.changes.title", since))
	b.style(sh, 1, 1, 1, 1, b.s.subtitle)
	b.height(sh, 1, 22)
	heads := []heading{{"col.control", 9}, {"col.control_title", 30}, {"gaps.field", 16}, {"wb.changes.old", 40}, {"wb.changes.new", 40}}
	b.headerRow(sh, heads)
	r := 3
	for _, c := range ch.Changes {
		title, field, old, now := "", c.Field, c.Old, c.New
		if f := answers.FieldByKey(c.Field); f != nil && c.Control != "" {
			old, now = layout.ValueText(f, c.OldValue, b.l), layout.ValueText(f, c.NewValue, b.l)
		}
		if c.Control != "" {
			if ctl := b.st.Catalog.Control(c.Control); ctl != nil {
				title = b.l.Title(ctl.Title, ctl.TitleJA)
			}
			field = b.l.T("field." + c.Field)
		} else if f := answers.OrgFieldByKey(strings.TrimPrefix(c.Field, "organization.")); f != nil && f.Cover != "" {
			field = b.l.T(f.Cover)
		}
		for i, v := range []string{c.Control, title, field, old, now} {
			b.str(sh, i+1, r, v)
		}
		b.style(sh, 1, r, len(heads), r, b.s.text)
		b.height(sh, r, rowHeight(b.l, []cellText{{title, 30}, {old, 40}, {now, 40}}, 10))
		r++
	}
	if len(ch.Changes) == 0 {
		b.str(sh, 1, 3, b.l.T("wb.changes.none"))
		r++
	}
	b.str(sh, 1, r+1, ch.Revision)
	b.merge(sh, 1, r+1, len(heads), r+1)
	b.style(sh, 1, r+1, len(heads), r+1, b.s.note)
	b.height(sh, r+1, rowHeight(b.l, []cellText{{ch.Revision, 135}}, 10))
	if b.err != nil {
		return b.err
	}
	sh.Freeze(0, 2)
	return b.printSetup(sh, 2, true)
}

// heading is a column of a list sheet (Gaps, Changes): its heading's
// message key and its width.
type heading struct {
	key   string
	width float64
}

// headerRow writes the headings of a list sheet in row 2, under its title,
// and sets the columns' widths.
func (b *builder) headerRow(sh *xlsx.Sheet, heads []heading) {
	var texts []cellText
	for i, h := range heads {
		b.width(sh, i+1, h.width)
		b.str(sh, i+1, 2, b.l.T(h.key))
		texts = append(texts, cellText{b.l.T(h.key), h.width})
	}
	b.style(sh, 1, 2, len(heads), 2, b.s.header)
	b.height(sh, 2, headerRowHeight(b.l, texts))
}
