// Package layout says what soa's workbook shows where: the SoA sheet's
// columns, derived from the answer fields, and the cells that join several
// values (the Notes cell with a review remark, a theme's band). The
// workbook writes by it, soa import reads soa's own workbooks back by it,
// and the check of Excel's cell limits measures by it, so the three cannot
// disagree.
package layout

import (
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/lazy"
)

// Kind is what a column of the SoA sheet holds.
type Kind int

const (
	ID       Kind = iota // the control id
	Title                // the control's title
	Answer               // an answer field (or, for a set, one of its values)
	Refs                 // the controls of the other edition it maps to
	New                  // "New" for a control new in 2022
	ThemeKey             // hidden: the theme each row is counted in on the Summary sheet
)

// Column is one column of the SoA sheet.
type Column struct {
	Kind    Kind
	Heading string         // message key of the heading
	Field   *answers.Field // the answer field of an Answer column
	Value   string         // for a set field, the value this column marks ("legal")
	width   [2]float64
}

// Width is the column's width in characters in language l.
func (c Column) Width(l i18n.Lang) float64 {
	if l == i18n.JA {
		return c.width[1]
	}
	return c.width[0]
}

// Columns lists the SoA sheet's columns, in order, for a file of edition.
func Columns(edition string) Table {
	cols := Table{
		{Kind: ID, Heading: "col.control", width: [2]float64{8, 9}},
		{Kind: Title, Heading: "col.control_title", width: [2]float64{36, 34}},
	}
	for _, f := range answers.Fields {
		switch {
		case f.Column == "":
			// Shown in another field's cell (see NotesCell).
		case f.Kind == answers.EnumSet:
			for _, v := range f.Values {
				cols = append(cols, Column{Kind: Answer, Heading: f.Column + "." + v, Field: f, Value: v, width: f.Width})
			}
		default:
			cols = append(cols, Column{Kind: Answer, Heading: f.Column, Field: f, width: f.Width})
		}
	}
	refs := "col.ref2013"
	if edition == "2013" {
		refs = "col.ref2022" // a 2013 SoA points forward, to the 2022 controls
	}
	return append(cols,
		Column{Kind: Refs, Heading: refs, width: [2]float64{12, 12}},
		Column{Kind: New, Heading: "col.new2022", width: [2]float64{8, 8}},
		Column{Kind: ThemeKey, Heading: "col.theme_name", width: [2]float64{10, 10}},
	)
}

// Table is the list of the SoA sheet's columns.
type Table []Column

// Of returns the 1-based number of the column of the answer field key
// (for a set, of its first value), or 0.
func (cs Table) Of(key string) int {
	for i, c := range cs {
		if c.Field != nil && c.Field.Key == key {
			return i + 1
		}
	}
	return 0
}

// OfKind returns the 1-based number of the first column of kind k.
func (cs Table) OfKind(k Kind) int {
	for i, c := range cs {
		if c.Kind == k {
			return i + 1
		}
	}
	return 0
}

// Printed is the number of columns people see: all but the hidden theme key.
func (cs Table) Printed() int { return cs.OfKind(ThemeKey) - 1 }

// Cell is the text a column shows for the answer a in language l: the
// value as ValueText shows it, a mark for a set's value, the notes with
// the review remark (NotesCell). Dates are the YYYY-MM-DD text, which the
// workbook writes as a date cell.
func (c Column) Cell(a *answers.Answer, l i18n.Lang) string {
	if c.Field == nil || a == nil {
		return ""
	}
	v := c.Field.Get(a)
	switch {
	case c.Field.Key == answers.KeyNotes:
		return NotesCell(a, l)
	case len(v) == 0:
		return ""
	case c.Field.Kind == answers.EnumSet:
		if slices.Contains(v, c.Value) {
			return l.T("value.mark")
		}
		return ""
	case c.Field.Kind == answers.Date:
		return v[0]
	}
	return ValueText(c.Field, v, l)
}

// ValueText is v, a value of f, as the workbook shows it in language l:
// Yes/No and status labels, a set's value names, dates in the document's
// form, list items one per line (risks separated by commas).
func ValueText(f *answers.Field, v answers.Value, l i18n.Lang) string {
	if len(v) == 0 {
		return ""
	}
	switch f.Kind {
	case answers.Bool:
		if v[0] == "true" {
			return l.T("value.yes")
		}
		return l.T("value.no")
	case answers.Enum:
		return l.T("label." + v[0])
	case answers.EnumSet:
		var names []string
		for _, x := range f.Canonical(v) {
			names = append(names, l.T(f.Column+"."+x))
		}
		return strings.Join(names, l.T("list.comma"))
	case answers.TextList:
		return strings.Join(v, "\n")
	case answers.IDList:
		return strings.Join(v, l.T("list.comma"))
	case answers.Date:
		return l.Date(v[0])
	}
	return v[0]
}

// ValueLabels are the labels of an Enum field's values in l, in order: what
// the drop-down list offers.
func ValueLabels(f *answers.Field, l i18n.Lang) []string {
	out := make([]string, len(f.Values))
	for i, v := range f.Values {
		out[i] = l.T("label." + v)
	}
	return out
}

// NotesCell joins the notes and any review remark, which must stay
// visible, on a line of its own after a mark soa import knows in either
// language.
func NotesCell(a *answers.Answer, l i18n.Lang) string {
	if a.Review == "" {
		return a.Notes
	}
	if a.Notes == "" {
		return l.T("wb.review") + a.Review
	}
	return a.Notes + "\n" + l.T("wb.review") + a.Review
}

// reviewMarks are the marks before a review remark, in every language;
// taken on first use, as the messages are built then.
var reviewMarks = lazy.Value[[]string]{Make: func() []string { return []string{i18n.EN.T("wb.review"), i18n.JA.T("wb.review")} }}

// SplitNotes undoes NotesCell: the notes, and the review remark after a
// review mark in either language, which may run over several lines.
func SplitNotes(cell string) (notes, review string) {
	for _, mark := range reviewMarks.Get() {
		if strings.HasPrefix(cell, mark) {
			return "", cell[len(mark):]
		}
	}
	at, mark := -1, ""
	for _, m := range reviewMarks.Get() {
		if i := strings.Index(cell, "\n"+m); i >= 0 && (at < 0 || i < at) {
			at, mark = i, m
		}
	}
	if at >= 0 {
		return cell[:at], cell[at+1+len(mark):]
	}
	return cell, ""
}

// ThemeHeading is a theme band's text: "5 Organizational controls", "A.5
// Information security policies", or the title alone for a user's theme
// whose id is a word ("cloud").
func ThemeHeading(t *catalog.Theme, title string) string {
	switch {
	case t.Number != "":
		return t.Number + " " + title
	case strings.HasPrefix(t.ID, "A.") || (t.ID != "" && t.ID[0] >= '0' && t.ID[0] <= '9'):
		return t.ID + " " + title
	}
	return title
}

// SummaryTitle is the Summary sheet's first cell, which names the
// organization.
func SummaryTitle(l i18n.Lang, org string) string {
	return l.T("wb.sheet.summary") + " - " + org
}

// MaxCellText is Excel's limit on the text in one cell, in UTF-16 code
// units (what Excel calls characters).
const MaxCellText = 32767

// TextLen returns the length of s as Excel counts it: UTF-16 code units.
func TextLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
