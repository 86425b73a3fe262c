package workbook

// Excel's limits on text, and how soa keeps within them. Excel counts
// text in UTF-16 code units: an emoji, or a kanji beyond U+FFFF, counts
// two. excelize cuts a cell's text at the limit without a word, so soa
// checks every text it writes from the answers first, and an over-long
// one is an error naming the field, at its position; nothing is written.
// The page footer is the one place soa shortens text itself, visibly,
// with an ellipsis: the organization's name there only repeats the cover.

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/textwidth"
)

// MaxCellText is Excel's limit on the text in one cell, in UTF-16 code
// units (what Excel calls characters).
const MaxCellText = 32767

// textLen returns the length of s as Excel counts it: UTF-16 code units.
func textLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// summaryTitle is the Summary sheet's first cell, which names the
// organization.
func summaryTitle(l i18n.Lang, org string) string {
	return l.T("wb.sheet.summary") + " - " + org
}

// checkCellText reports every text from the answers, and every title from
// the catalogue, that is too long for the cell it is written to. Where a
// cell holds more than the field (the Summary title, the Notes column with
// a review remark, a finding quoting the owner), the field's room is what
// the rest of the cell leaves.
func checkCellText(st *soa.Statement, rep *gap.Report, l i18n.Lang) error {
	if list := CheckText(st, rep, l); len(list) > 0 {
		return list
	}
	return nil
}

// CheckText lists the texts of st that would not fit their workbook cell
// in language l (rep, the gap report the workbook shows, may be nil): what
// soa generate would refuse, for soa validate to say first.
func CheckText(st *soa.Statement, rep *gap.Report, l i18n.Lang) diag.List {
	var list diag.List
	// check reports text, the value of field, if cell (the whole text of
	// the cell it is written to, which rest describes) is too long.
	check := func(pos diag.Pos, control, field, text, cell, rest string) {
		n, total := textLen(text), textLen(cell)
		if total <= MaxCellText {
			return
		}
		msg := fmt.Sprintf("%d characters", n)
		if n != utf8.RuneCountInString(text) {
			msg += " as Excel counts them (emoji and other characters beyond U+FFFF count two)"
		}
		msg += fmt.Sprintf("; an Excel cell holds at most %d", MaxCellText)
		if total != n {
			msg += fmt.Sprintf(", and %s leaves room for %d", rest, max(0, MaxCellText-(total-n)))
		}
		list.Add(diag.Diagnostic{Pos: pos, Severity: diag.Error, Control: control, Field: field,
			Msg: msg + ": shorten it or move the text to a document and cite it"})
	}
	verbatim := func(pos diag.Pos, control, field, text string) { check(pos, control, field, text, text, "") }

	o := st.Org
	for _, f := range []struct{ key, text string }{
		{"name", o.Name}, {"scope", o.Scope}, {"soa_version", o.SoAVersion}, {"prepared_by", o.PreparedBy}, {"approved_by", o.ApprovedBy},
	} {
		path := "organization." + f.key
		if f.key == "name" && textLen(f.text) <= MaxCellText {
			check(st.At(path), "", path, f.text, summaryTitle(l, f.text), "the Summary sheet's title")
			continue
		}
		verbatim(st.At(path), "", path, f.text)
	}
	for i, rev := range st.Revisions {
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
	owners := map[string]bool{} // controls whose owner is already reported
	for _, row := range st.Rows {
		c, a, id := row.Control, row.Answer, row.Control.ID
		verbatim(c.Pos, id, titleField(c.TitleJA), l.Title(c.Title, c.TitleJA))
		if t := row.Theme; t != nil && !slices.Contains(themes, t) {
			themes = append(themes, t)
			title := l.Title(t.Title, t.TitleJA)
			check(t.Pos, "", "themes."+titleField(t.TitleJA), title, themeHeading(t, title), "the theme's number")
		}
		if a == nil {
			continue
		}
		verbatim(a.At("justification"), id, "justification", a.Justification)
		verbatim(a.At("owner"), id, "owner", a.Owner)
		owners[id] = textLen(a.Owner) > MaxCellText
		verbatim(a.At("evidence"), id, "evidence", strings.Join(a.Evidence, "\n"))
		// The Notes column holds the notes and the review remark (see
		// notes): the longer of the two is the one to shorten, and the
		// other too if it is too long on its own.
		switch cell := notes(a, l); {
		case a.Review == "":
			verbatim(a.At("notes"), id, "notes", a.Notes)
		case a.Notes == "":
			check(a.At("review"), id, "review", a.Review, cell, fmt.Sprintf("the label %q", l.T("wb.review")))
		case textLen(a.Notes) >= textLen(a.Review):
			check(a.At("notes"), id, "notes", a.Notes, cell, "the review remark in the same cell")
			verbatim(a.At("review"), id, "review", a.Review)
		default:
			check(a.At("review"), id, "review", a.Review, cell, "the notes in the same cell")
			verbatim(a.At("notes"), id, "notes", a.Notes)
		}
	}

	// Findings quote the answers in one place only: the in-progress
	// finding names the owner.
	if rep != nil {
		for _, f := range rep.Findings {
			if f.Code != "in-progress" || owners[f.Control] || textLen(f.Message) <= MaxCellText {
				continue
			}
			for _, row := range st.Rows {
				if a := row.Answer; row.Control.ID == f.Control && a != nil {
					check(a.At("owner"), f.Control, "owner", a.Owner, f.Message, "the in-progress finding on the Gaps sheet")
				}
			}
		}
	}
	return list
}

// MaxHeaderFooter is Excel's limit on a page header or footer, codes
// included, in UTF-16 code units.
const MaxHeaderFooter = 255

// footerNameWidth is the most columns of the organization's name the
// footer shows: more would run into the centred version on a portrait
// page (Excel and LibreOffice do not keep the three parts apart). The
// cover shows the name in full.
const footerNameWidth = 48

// footer is the page footer: the organization on the left, the SoA
// version in the centre, the page number on the right. A long name is cut
// with an ellipsis, to footerNameWidth columns and to what Excel's limit
// leaves; the version and the page stay whole unless the version alone
// leaves no room for the name.
func footer(l i18n.Lang, org, version string) string {
	page := "&R" + l.T("footer.page")
	centre := func(v string) string { return "&C" + headerFooterText(l.F("footer.version", v)) }
	room := MaxHeaderFooter - textLen("&L"+centre(version)+page)
	if room < 1 { // a version of some 200 characters: keep "…" for the name
		over := textLen("&L…"+centre(version)+page) - MaxHeaderFooter
		version = ellipsize(version, -1, textLen(headerFooterText(version))-over)
		room = 1
	}
	return "&L" + headerFooterText(ellipsize(org, footerNameWidth, room)) + centre(version) + page
}

// ellipsize shortens s to at most cols columns (wide characters count
// two; -1 for any number) that take at most units UTF-16 code units once
// escaped by headerFooterText, ending it with "…" when cut. It cuts the
// text before escaping, so a doubled & is never split.
func ellipsize(s string, cols, units int) string {
	if cols < 0 {
		cols = math.MaxInt
	}
	if textwidth.Width(s) <= cols && textLen(headerFooterText(s)) <= units {
		return s
	}
	w, n, cut := 0, 0, 0
	for i, r := range s {
		u := utf16.RuneLen(r)
		if r == '&' {
			u = 2
		}
		// Leave room for the ellipsis, one column and one unit.
		if w+textwidth.RuneWidth(r) > cols-1 || n+u > units-1 {
			break
		}
		w, n, cut = w+textwidth.RuneWidth(r), n+u, i+utf8.RuneLen(r)
	}
	return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + "…"
}

// headerFooterText escapes & so that text from the answers is printed as it
// is rather than read as a header/footer code.
func headerFooterText(s string) string { return strings.ReplaceAll(s, "&", "&&") }
