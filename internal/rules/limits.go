package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/soa"
)

// CellLimits lists the texts of st too long for the workbook cell they
// are written to, in a workbook of any language: what soa generate cannot
// write without cutting text short, for soa validate to say first. Excel
// counts text in UTF-16 code units: an emoji, or a kanji beyond U+FFFF,
// counts two. Where a cell holds more than the field (the Summary title,
// the Notes cell with a review remark, a finding quoting the owner), the
// field's room is what the rest of the cell leaves; the labels that share
// a cell differ in length between languages, so each is measured.
func CellLimits(st *soa.Statement) diag.List {
	type key struct {
		pos            diag.Pos
		control, field string
	}
	seen := map[key]bool{}
	var out diag.List
	rows := unfitRows(st)
	for i, code := range i18n.Languages {
		lang, _ := i18n.Parse(code)
		for _, d := range cellLimits(st, rows, lang, i == 0) {
			if k := (key{d.Pos, d.Control, d.Field}); !seen[k] {
				seen[k] = true
				out = append(out, d)
			}
		}
	}
	out.Sort()
	return out
}

// unfitRows are the rows of st that rowFits cannot vouch for, the same in
// every language: nearly always none.
func unfitRows(st *soa.Statement) []soa.Row {
	var rows []soa.Row
	for _, row := range st.Rows {
		if !rowFits(row) {
			rows = append(rows, row)
		}
	}
	return rows
}

// cellLimits checks the cells of st's workbook in language l, those of
// the rows given (unfitRows) only; with alone, also the cells that hold a
// value alone and as it is, which are the same in every language
// (CellLimits checks them once).
func cellLimits(st *soa.Statement, rows []soa.Row, l i18n.Lang, alone bool) diag.List {
	var list diag.List
	// check reports text, the value of field, if cell (the whole text of
	// the cell it is written to, which rest describes) is too long.
	check := func(pos diag.Pos, control, field, text, cell, rest string) {
		if len(cell) <= layout.MaxCellText {
			return // no text is longer in UTF-16 code units than in UTF-8 bytes
		}
		n, total := layout.TextLen(text), layout.TextLen(cell)
		if total <= layout.MaxCellText {
			return
		}
		msg := fmt.Sprintf("%d characters", n)
		if n != utf8.RuneCountInString(text) {
			msg += " as Excel counts them (emoji and other characters beyond U+FFFF count two)"
		}
		msg += fmt.Sprintf("; an Excel cell holds at most %d", layout.MaxCellText)
		if total != n {
			msg += fmt.Sprintf(", and %s leaves room for %d", rest, max(0, layout.MaxCellText-(total-n)))
		}
		list.Add(diag.Diagnostic{Pos: pos, Severity: diag.Error, Control: control, Field: field,
			Msg: msg + ": shorten it or move the text to a document and cite it"})
	}
	verbatim := func(pos diag.Pos, control, field, text string) { check(pos, control, field, text, text, "") }

	for _, f := range answers.OrgFields {
		path, text := f.Path(), f.Get(&st.Org)
		if f.Key == "name" && fits(text) {
			check(st.At(path), "", path, text, layout.SummaryTitle(l, text), "the Summary sheet's title")
			continue
		}
		if alone {
			verbatim(st.At(path), "", path, text)
		}
	}
	for i, rev := range st.Revisions {
		if !alone {
			break
		}
		for _, f := range []struct{ key, text string }{{"version", rev.Version}, {"author", rev.Author}, {"description", rev.Description}} {
			verbatim(st.At(answers.RevisionField(i, f.key)), "", "revisions."+f.key, f.text)
		}
	}
	// Titles come from the catalogue, which may be the user's own.
	titleField := func(ja string) string {
		if l == i18n.JA && ja != "" {
			return "title_ja"
		}
		return "title"
	}
	var themes []*catalog.Theme
	for _, row := range rows {
		c, a, id := row.Control, row.Answer, row.Control.ID
		verbatim(c.Pos, id, titleField(c.TitleJA), l.Title(c.Title, c.TitleJA))
		if t := row.Theme; t != nil && !slices.Contains(themes, t) {
			themes = append(themes, t)
			title := l.Title(t.Title, t.TitleJA)
			check(t.Pos, "", "themes."+titleField(t.TitleJA), title, layout.ThemeHeading(t, title), "the theme's number")
		}
		if a == nil {
			continue
		}
		for _, f := range answers.Fields {
			if !alone || f.Key == answers.KeyNotes || f.Key == answers.KeyReview {
				continue
			}
			verbatim(a.At(f.Key), id, f.Key, strings.Join(f.Get(a), "\n"))
		}
		notesLimits(check, verbatim, a, l)
		// Findings quote the answers in one place only: the in-progress
		// finding names the owner.
		if inProgressStatus(a) && fits(a.Owner) {
			msg := l.F("gap.in_progress", InProgressArgs(l.T, a)...)
			check(a.At(answers.KeyOwner), id, answers.KeyOwner, a.Owner, msg, "the in-progress finding on the Gaps sheet")
		}
	}
	return list
}

// notesLimits checks the Notes cell, which holds the notes and the review
// remark (see layout.NotesCell): the longer of the two is the one to
// shorten, and the other too if it is too long on its own.
func notesLimits(check func(pos diag.Pos, control, field, text, cell, rest string), verbatim func(pos diag.Pos, control, field, text string), a *answers.Answer, l i18n.Lang) {
	id, cell := a.ID, layout.NotesCell(a, l)
	switch {
	case a.Review == "":
		verbatim(a.At(answers.KeyNotes), id, answers.KeyNotes, a.Notes)
	case a.Notes == "":
		check(a.At(answers.KeyReview), id, answers.KeyReview, a.Review, cell, fmt.Sprintf("the label %q", l.T("wb.review")))
	case layout.TextLen(a.Notes) >= layout.TextLen(a.Review):
		check(a.At(answers.KeyNotes), id, answers.KeyNotes, a.Notes, cell, "the review remark in the same cell")
		verbatim(a.At(answers.KeyReview), id, answers.KeyReview, a.Review)
	default:
		check(a.At(answers.KeyReview), id, answers.KeyReview, a.Review, cell, "the notes in the same cell")
		verbatim(a.At(answers.KeyNotes), id, answers.KeyNotes, a.Notes)
	}
}

// fits reports whether s fits in a cell on its own, counted as Excel
// counts it; most texts are short enough for their length in bytes to
// say so.
func fits(s string) bool {
	return len(s) <= layout.MaxCellText || layout.TextLen(s) <= layout.MaxCellText
}

// labelRoom bounds what a cell adds to the texts of one row: labels, a
// theme's number, the words of a finding (TestLabelRoom checks that every
// message is far shorter).
const labelRoom = 4096

// rowFits reports whether no cell written from row can be too long: all
// of its texts together, with room for labels, fit in one cell (a text is
// never longer in UTF-16 code units than in UTF-8 bytes). It is the cheap
// check that spares building the cells of nearly every row, in every
// language.
func rowFits(row soa.Row) bool {
	c := row.Control
	n := len(c.ID) + len(c.Title) + len(c.TitleJA)
	if t := row.Theme; t != nil {
		n += len(t.ID) + len(t.Number) + len(t.Title) + len(t.TitleJA)
	}
	if a := row.Answer; a != nil {
		for _, f := range answers.Fields {
			n += f.Size(a) // with the line break that joins items
		}
	}
	return n+labelRoom <= layout.MaxCellText
}
