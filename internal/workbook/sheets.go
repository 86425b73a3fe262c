package workbook

import (
	"fmt"
	"strings"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/xuri/excelize/v2"
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
	b.str(sh, "A1", b.l.F("gaps.title", b.l.Date(asOf)))
	b.style(sh, "A1", "A1", b.s.subtitle)
	b.height(sh, 1, 22)
	heads := []struct {
		key   string
		width float64
	}{{"gaps.severity", 11}, {"gaps.code", 26}, {"col.control", 9}, {"col.control_title", 36}, {"gaps.field", 14}, {"gaps.finding", 70}}
	var headTexts []cellText
	for i, h := range heads {
		b.width(sh, colName(i+1), h.width)
		b.str(sh, cell(i+1, 2), b.l.T(h.key))
		headTexts = append(headTexts, cellText{b.l.T(h.key), h.width})
	}
	b.style(sh, "A2", cell(len(heads), 2), b.s.header)
	b.height(sh, 2, headerRowHeight(headTexts))
	sevStyle := []int{b.s.legendBad, b.s.legendPart, b.s.legendPlan, b.s.textCenter}
	r := 3
	for _, f := range b.rep.Findings {
		title := ""
		if c := b.st.Catalog.Control(f.Control); c != nil {
			title = b.l.Title(c.Title, c.TitleJA)
		}
		b.str(sh, cell(1, r), b.l.T("severity."+f.Severity.String()))
		b.str(sh, cell(2, r), f.Code)
		b.str(sh, cell(3, r), f.Control)
		b.str(sh, cell(4, r), title)
		b.str(sh, cell(5, r), b.l.T("field."+f.Field))
		b.str(sh, cell(6, r), f.Message)
		b.style(sh, cell(1, r), cell(1, r), sevStyle[f.Severity])
		b.style(sh, cell(2, r), cell(6, r), b.s.text)
		b.height(sh, r, rowHeight([]cellText{{title, 36}, {f.Message, 70}}, 10))
		r++
	}
	if len(b.rep.Findings) == 0 {
		b.str(sh, "A3", b.l.T("gaps.none"))
		r++
	}
	if b.err != nil {
		return b.err
	}
	if err := b.f.AutoFilter(sh, fmt.Sprintf("A2:%s%d", colName(len(heads)), max(3, r-1)), nil); err != nil {
		return err
	}
	if err := b.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return b.printSetup(sh, "$1:$2", true)
}

// mapping writes both directions of the 2013↔2022 correspondence side by
// side, with the controls new in 2022 highlighted.
func (b *builder) mapping() error {
	sh := b.sheet("mapping")
	cat := b.st.Catalog
	s22, s13 := cat.Set(catalog.Set2022), cat.Set(catalog.Set2013)
	if s22 == nil || s13 == nil {
		return nil
	}
	widths := []float64{9, 44, 22, 3, 10, 44, 16}
	for i, w := range widths {
		b.width(sh, colName(i+1), w)
	}
	b.str(sh, "A1", b.l.T("map.2022to2013"))
	b.merge(sh, "A1", "C1")
	b.str(sh, "E1", b.l.T("map.2013to2022"))
	b.merge(sh, "E1", "G1")
	b.style(sh, "A1", "C1", b.s.band)
	b.style(sh, "E1", "G1", b.s.band)
	var heads []cellText
	for i, key := range []string{"col.control", "col.control_title", "col.ref2013"} {
		other := []string{"col.control", "col.control_title", "col.ref2022"}[i]
		b.str(sh, cell(1+i, 2), b.l.T(key))
		b.str(sh, cell(5+i, 2), b.l.T(other))
		heads = append(heads, cellText{b.l.T(key), widths[i]}, cellText{b.l.T(other), widths[4+i]})
	}
	b.style(sh, "A2", "C2", b.s.header)
	b.style(sh, "E2", "G2", b.s.header)
	b.height(sh, 2, headerRowHeight(heads))
	// Row 3 on holds a 2022 control on the left and a 2013 control on the
	// right: each row is as tall as the taller of the two needs.
	texts := make([][]cellText, max(len(s22.Controls), len(s13.Controls)))
	for i, c := range s22.Controls {
		r := 3 + i
		title := b.l.Title(c.Title, c.TitleJA)
		from := b.refs2013(c)
		st := b.s.text
		if c.New {
			from = b.l.T("map.new")
			st = b.s.textNew
		}
		b.str(sh, cell(1, r), c.ID)
		b.str(sh, cell(2, r), title)
		b.str(sh, cell(3, r), from)
		b.style(sh, cell(1, r), cell(3, r), st)
		texts[i] = append(texts[i], cellText{c.ID, widths[0]}, cellText{title, widths[1]}, cellText{from, widths[2]})
	}
	for i, c := range s13.Controls {
		r := 3 + i
		title, to := b.l.Title(c.Title, c.TitleJA), strings.Join(c.MapsTo, b.l.T("list.comma"))
		b.str(sh, cell(5, r), c.ID)
		b.str(sh, cell(6, r), title)
		b.str(sh, cell(7, r), to)
		b.style(sh, cell(5, r), cell(7, r), b.s.text)
		texts[i] = append(texts[i], cellText{c.ID, widths[4]}, cellText{title, widths[5]}, cellText{to, widths[6]})
	}
	for i, t := range texts {
		b.height(sh, 3+i, rowHeight(t, 10))
	}
	if b.err != nil {
		return b.err
	}
	if err := b.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return b.printSetup(sh, "$1:$2", false)
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
		b.width(sh, colName(i+1), widths[i])
		b.str(sh, cell(i+1, 1), h)
		headTexts = append(headTexts, cellText{h, widths[i]})
	}
	lastCol := len(heads)
	b.style(sh, "A1", cell(lastCol, 1), b.s.header)
	b.height(sh, 1, headerRowHeight(headTexts))
	for i, c := range s22.Controls {
		r := 2 + i
		title, theme := b.l.Title(c.Title, c.TitleJA), ""
		b.str(sh, cell(1, r), c.ID)
		b.str(sh, cell(2, r), title)
		if t := s22.Theme(c.Theme); t != nil {
			theme = b.l.Title(t.Title, t.TitleJA)
			b.str(sh, cell(3, r), theme)
		}
		texts := []cellText{{c.ID, widths[0]}, {title, widths[1]}, {theme, widths[2]}}
		for j, t := range catalog.AttributeTypes {
			var names []string
			for _, v := range c.Attributes.Get(t.Key) {
				names = append(names, b.l.Attr(v))
			}
			value := strings.Join(names, b.l.T("list.comma"))
			b.str(sh, cell(4+j, r), value)
			texts = append(texts, cellText{value, widths[3+j]})
		}
		b.style(sh, cell(1, r), cell(lastCol, r), b.s.text)
		b.height(sh, r, rowHeight(texts, 10))
	}
	if b.err != nil {
		return b.err
	}
	last := 1 + len(s22.Controls)
	if err := b.f.AutoFilter(sh, fmt.Sprintf("A1:%s%d", colName(lastCol), last), nil); err != nil {
		return err
	}
	if err := b.f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return b.printSetup(sh, "$1:$1", true)
}
