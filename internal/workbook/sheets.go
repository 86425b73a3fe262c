package workbook

import (
	"fmt"
	"strings"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/xuri/excelize/v2"
)

// gaps lists the gap report's findings, most severe first: the same
// findings `soa gap` prints.
func (b *builder) gaps() error {
	sh := b.sheet("gaps")
	heads := []struct {
		key   string
		width float64
	}{{"gaps.severity", 11}, {"gaps.code", 26}, {"col.control", 9}, {"col.control_title", 36}, {"gaps.field", 14}, {"gaps.finding", 70}}
	for i, h := range heads {
		b.width(sh, colName(i+1), h.width)
		b.str(sh, cell(i+1, 1), b.l.T(h.key))
	}
	b.style(sh, "A1", cell(len(heads), 1), b.s.header)
	sevStyle := []int{b.s.legendBad, b.s.legendPart, b.s.legendPlan, b.s.textCenter}
	r := 2
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
		b.str(sh, "A2", b.l.T("gaps.none"))
		r++
	}
	if b.err != nil {
		return b.err
	}
	if err := b.f.AutoFilter(sh, fmt.Sprintf("A1:%s%d", colName(len(heads)), max(2, r-1)), nil); err != nil {
		return err
	}
	if err := b.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return b.printSetup(sh, "$1:$1", true)
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
	for i, w := range []float64{9, 44, 22, 3, 10, 44, 16} {
		b.width(sh, colName(i+1), w)
	}
	b.str(sh, "A1", b.l.T("map.2022to2013"))
	b.merge(sh, "A1", "C1")
	b.str(sh, "E1", b.l.T("map.2013to2022"))
	b.merge(sh, "E1", "G1")
	b.style(sh, "A1", "C1", b.s.band)
	b.style(sh, "E1", "G1", b.s.band)
	for i, key := range []string{"col.control", "col.control_title", "col.ref2013"} {
		b.str(sh, cell(1+i, 2), b.l.T(key))
		b.str(sh, cell(5+i, 2), b.l.T([]string{"col.control", "col.control_title", "col.ref2022"}[i]))
	}
	b.style(sh, "A2", "C2", b.s.header)
	b.style(sh, "E2", "G2", b.s.header)
	b.height(sh, 2, 30)
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
	}
	for i, c := range s13.Controls {
		r := 3 + i
		var to []string
		for _, id := range c.MapsTo {
			to = append(to, id)
		}
		b.str(sh, cell(5, r), c.ID)
		b.str(sh, cell(6, r), b.l.Title(c.Title, c.TitleJA))
		b.str(sh, cell(7, r), strings.Join(to, ", "))
		b.style(sh, cell(5, r), cell(7, r), b.s.text)
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
	b.width(sh, "A", 9)
	b.width(sh, "B", 40)
	b.width(sh, "C", 16)
	b.str(sh, "A1", b.l.T("col.control"))
	b.str(sh, "B1", b.l.T("col.control_title"))
	b.str(sh, "C1", b.l.T("col.theme_name"))
	widths := []float64{16, 20, 18, 34, 24}
	for i, t := range catalog.AttributeTypes {
		b.width(sh, colName(4+i), widths[i])
		b.str(sh, cell(4+i, 1), b.l.Title(t.Title, t.TitleJA))
	}
	lastCol := 3 + len(catalog.AttributeTypes)
	b.style(sh, "A1", cell(lastCol, 1), b.s.header)
	b.height(sh, 1, 30)
	for i, c := range s22.Controls {
		r := 2 + i
		b.str(sh, cell(1, r), c.ID)
		b.str(sh, cell(2, r), b.l.Title(c.Title, c.TitleJA))
		if t := s22.Theme(c.Theme); t != nil {
			b.str(sh, cell(3, r), b.l.Title(t.Title, t.TitleJA))
		}
		for j, t := range catalog.AttributeTypes {
			var names []string
			for _, v := range c.Attributes.Get(t.Key) {
				names = append(names, b.l.Attr(v))
			}
			b.str(sh, cell(4+j, r), strings.Join(names, b.l.T("list.comma")))
		}
		b.style(sh, cell(1, r), cell(lastCol, r), b.s.text)
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
