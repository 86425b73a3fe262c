package workbook

import (
	"fmt"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/textwidth"
	"github.com/xuri/excelize/v2"
)

// The SoA sheet's columns, in order. Reason columns follow Applicable;
// soa import finds columns by these headers, not by position.
const (
	colID = iota + 1
	colTitle
	colApplicable
	colReasonFirst
)

const (
	colJustification = colReasonFirst + 5 + iota
	colStatus
	colOwner
	colEvidence
	colTargetDate
	colNotes
	colRefs
	colNew
	colThemeKey // hidden: the theme of each row, which the Summary formulas count by
	colLast     = colNew
)

// soaColumn is a column of the SoA sheet: its header key and width (in
// characters) for English and Japanese.
type soaColumn struct {
	key    string
	en, ja float64
}

func soaColumns() []soaColumn {
	cols := []soaColumn{{"col.control", 8, 9}, {"col.control_title", 36, 34}, {"col.applicable", 11, 9}}
	for _, r := range answers.Reasons {
		cols = append(cols, soaColumn{"reason." + r, 4.5, 4.5})
	}
	return append(cols,
		soaColumn{"col.justification", 46, 46},
		soaColumn{"col.status", 15, 11},
		soaColumn{"col.owner", 16, 18},
		soaColumn{"col.evidence", 34, 34},
		soaColumn{"col.target_date", 11, 11},
		soaColumn{"col.notes", 26, 26},
		soaColumn{"col.ref2013", 12, 12},
		soaColumn{"col.new2022", 8, 8},
	)
}

// fitColumns sizes the columns whose content varies from one organization
// to the next to that content, full-width characters counting double.
func (b *builder) fitColumns(cols []soaColumn) {
	var ids, owners []string
	for _, row := range b.st.Rows {
		ids = append(ids, row.Control.ID)
		if row.Answer != nil {
			owners = append(owners, row.Answer.Owner)
		}
	}
	var statuses []string
	for _, s := range answers.Statuses {
		statuses = append(statuses, b.l.T("label."+s))
	}
	set := func(col int, w float64) { cols[col-1].en, cols[col-1].ja = w, w }
	set(colID, columnWidth(append(ids, b.l.T("col.control")), 7, 14))
	set(colOwner, columnWidth(append(owners, b.l.T("col.owner")), 10, 24))
	set(colStatus, columnWidth(statuses, 9, 15))
	set(colApplicable, columnWidth([]string{b.l.T("value.yes"), b.l.T("value.no"), b.l.T("col.applicable")}, 8, 12))
}

func (c soaColumn) width(ja bool) float64 {
	if ja {
		return c.ja
	}
	return c.en
}

// soaSheet writes one row per control under a band row per theme, with
// drop-down lists, status colours, frozen panes, a filter and print setup.
func (b *builder) soaSheet() error {
	sh := b.sheet("soa")
	ja := b.l == "ja"
	cols := soaColumns()
	b.fitColumns(cols)
	if b.st.Edition == "2013" {
		cols[colRefs-1].key = "col.ref2022" // a 2013 SoA points forward, to the 2022 controls
	}
	for i, c := range cols {
		b.width(sh, colName(i+1), c.width(ja))
		b.str(sh, cell(i+1, 1), b.l.T(c.key))
	}
	b.style(sh, cell(1, 1), cell(colLast, 1), b.s.header)
	b.style(sh, cell(colReasonFirst, 1), cell(colReasonFirst+4, 1), b.s.headerRotated)
	b.height(sh, 1, headerHeight(b, cols))
	r := 2
	theme := ""
	for _, row := range b.st.Rows {
		if t := row.Theme; t != nil && t.ID != theme {
			theme = t.ID
			b.band(sh, r, themeHeading(t, b.l.Title(t.Title, t.TitleJA)))
			r++
		}
		b.controlRow(sh, r, row, cols, ja)
		r++
	}
	last := r - 1
	b.str(sh, cell(colThemeKey, 1), b.l.T("col.theme_name"))
	b.style(sh, cell(colThemeKey, 1), cell(colThemeKey, 1), b.s.header)
	if b.err == nil {
		b.err = b.f.SetColVisible(sh, colName(colThemeKey), false)
	}
	b.lastSoARow = last
	b.validations(sh, last)
	b.statusColours(sh, last)
	if b.err != nil {
		return b.err
	}
	if err := b.f.AutoFilter(sh, fmt.Sprintf("A1:%s%d", colName(colLast), last), nil); err != nil {
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

// themeHeading is a band's text: "5 Organizational controls", "A.5
// Information security policies", or the title alone for a user's theme
// whose id is a word ("cloud").
func themeHeading(t *catalog.Theme, title string) string {
	switch {
	case t.Number != "":
		return t.Number + " " + title
	case strings.HasPrefix(t.ID, "A.") || (t.ID != "" && t.ID[0] >= '0' && t.ID[0] <= '9'):
		return t.ID + " " + title
	}
	return title
}

// band writes a theme row across the whole table.
func (b *builder) band(sh string, r int, text string) {
	b.str(sh, cell(1, r), text)
	b.merge(sh, cell(1, r), cell(colLast, r))
	b.style(sh, cell(1, r), cell(colLast, r), b.s.band)
	b.height(sh, r, 18)
}

func (b *builder) controlRow(sh string, r int, row soa.Row, cols []soaColumn, ja bool) {
	c, a := row.Control, row.Answer
	title := b.l.Title(c.Title, c.TitleJA)
	b.str(sh, cell(colID, r), c.ID)
	b.str(sh, cell(colTitle, r), title)
	b.style(sh, cell(colID, r), cell(colLast, r), b.s.text)
	b.style(sh, cell(colApplicable, r), cell(colReasonFirst+4, r), b.s.textCenter)
	b.style(sh, cell(colStatus, r), cell(colStatus, r), b.s.textCenter)
	b.style(sh, cell(colTargetDate, r), cell(colTargetDate, r), b.s.date)
	b.style(sh, cell(colRefs, r), cell(colNew, r), b.s.textCenter)
	if c.New {
		b.str(sh, cell(colNew, r), b.l.T("value.new"))
		b.style(sh, cell(colNew, r), cell(colNew, r), b.s.textNew)
	}
	refs := b.refs2013(c)
	b.str(sh, cell(colRefs, r), refs)
	b.str(sh, cell(colThemeKey, r), themeKey(row))
	var evidence string
	if a != nil {
		if a.Applicable != nil {
			b.str(sh, cell(colApplicable, r), b.l.T(map[bool]string{true: "value.yes", false: "value.no"}[*a.Applicable]))
		}
		for i, reason := range answers.Reasons {
			if slices.Contains(a.Reasons, reason) {
				b.str(sh, cell(colReasonFirst+i, r), b.l.T("value.mark"))
			}
		}
		b.str(sh, cell(colJustification, r), a.Justification)
		if a.Status != "" {
			b.str(sh, cell(colStatus, r), b.l.T("label."+string(a.Status)))
		}
		b.str(sh, cell(colOwner, r), a.Owner)
		evidence = strings.Join(a.Evidence, "\n")
		b.str(sh, cell(colEvidence, r), evidence)
		b.dateCell(sh, cell(colTargetDate, r), a.TargetDate)
		b.str(sh, cell(colNotes, r), notes(a, b.l))
	}
	var texts []cellText
	if a != nil {
		texts = []cellText{
			{a.Justification, cols[colJustification-1].width(ja)},
			{a.Owner, cols[colOwner-1].width(ja)},
			{evidence, cols[colEvidence-1].width(ja)},
			{notes(a, b.l), cols[colNotes-1].width(ja)},
		}
	}
	texts = append(texts, cellText{title, cols[colTitle-1].width(ja)}, cellText{refs, cols[colRefs-1].width(ja)})
	b.height(sh, r, rowHeight(texts, 10))
}

// notes joins the notes and any review remark, which must stay visible,
// after a mark soa import knows in either language.
func notes(a *answers.Answer, l i18n.Lang) string {
	if a.Review == "" {
		return a.Notes
	}
	if a.Notes == "" {
		return l.T("wb.review") + a.Review
	}
	return a.Notes + "\n" + l.T("wb.review") + a.Review
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

func headerHeight(b *builder, cols []soaColumn) float64 {
	h := 30.0
	for i := range answers.Reasons {
		// Rotated text: the header is as tall as the longest reason name.
		h = max(h, rotatedLength(b.l.T(cols[colReasonFirst-1+i].key))+10)
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
	add(colApplicable, []string{b.l.T("value.yes"), b.l.T("value.no")}, b.l.T("col.applicable"))
	for i, r := range answers.Reasons {
		add(colReasonFirst+i, []string{b.l.T("value.mark")}, b.l.T("reason."+r))
	}
	var labels []string
	for _, s := range answers.Statuses {
		labels = append(labels, b.l.T("label."+s))
	}
	add(colStatus, labels, b.l.T("col.status"))
}

// statusColours colour the status cells by value, and grey out excluded
// rows, so the colours follow the values as people edit them.
func (b *builder) statusColours(sh string, last int) {
	if b.err != nil {
		return
	}
	status := fmt.Sprintf("%s2:%s%d", colName(colStatus), colName(colStatus), last)
	formats := []int{b.s.fmtGood, b.s.fmtPart, b.s.fmtPlan, b.s.fmtBad}
	var opts []excelize.ConditionalFormatOptions
	for i, s := range answers.Statuses {
		opts = append(opts, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==", Format: &formats[i], Value: quote(b.l.T("label." + s))})
	}
	if b.err = b.f.SetConditionalFormat(sh, status, opts); b.err != nil {
		return
	}
	rows := fmt.Sprintf("A2:%s%d", colName(colLast), last)
	app := colName(colApplicable)
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
