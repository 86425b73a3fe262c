package importer

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/lazyre"
)

// The rows of a table that are not controls: empty rows, group headings
// (theme bands, 2013 clauses and control objectives), rows of the user's
// own notes. Group headings are skipped quietly; any other row with text
// of its own is reported, never silently dropped.

// sectionRE matches a bare clause, theme or objective number in the id
// cell, its title in the next: "A.6 | Organization of information
// security", "5 | Organizational controls", "A.9.1 | Business …".
var sectionRE = lazyre.New(`^(?i:a)?\.?\s*\d{1,2}(\.\d{1,2})?\.?$`)

// objectiveRE matches a 2013 control objective's id, alone or before its
// title: "A.5.1", "5.1", "A.9.1 Business requirements of access control".
var objectiveRE = lazyre.New(`^(?i:a)?\.?\s*(\d{1,2})\.(\d{1,2})\.?(?:[\s:：]+\S.*)?$`)

// objective returns the 2013 control objective an id cell names, or nil.
func (r *reader) objective(text string) *catalog.Objective {
	t := idCellText(text)
	if floatRE.MatchString(t) {
		// A section number stored as a number: 5.0999999999999996 is 5.1.
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			t = strconv.FormatFloat(math.Round(f*1e6)/1e6, 'f', -1, 64)
		}
	}
	m := objectiveRE.FindStringSubmatch(t)
	set := r.cat.Set(catalog.Set2013)
	if m == nil || set == nil {
		return nil
	}
	return set.Objective("A." + trimZero(m[1]) + "." + trimZero(m[2]))
}

// objectiveRow handles the row of a 2013 control objective: skipped
// quietly, unless it holds answers, which are not imported and so are
// reported.
func (r *reader) objectiveRow(t *table, i int, o *catalog.Objective) {
	what, _, ok := r.rowAnswers(t, i)
	if !ok {
		return
	}
	var ctls []string
	for _, c := range r.cat.Set(catalog.Set2013).Controls {
		if c.Objective == o.ID {
			ctls = append(ctls, c.ID)
		}
	}
	idText, idCol, _ := t.cell("", fID, i)
	r.res.Skipped++
	r.warnf(r.pos(t.sheet, idCol+1, i+1), "", "", "%s is the control objective %s (%s) of ISO/IEC 27001:2013, not a control: its answers (%s) are not imported; answer its controls (%s)",
		strings.TrimSpace(idText), o.ID, o.Title, what, strings.Join(ctls, ", "))
}

// rowAnswers describes the first answer a row holds (an applicability, a
// status or a reason marked), for a message about a row that is no
// control; ok is false when it holds none. n counts the kinds of answers
// it holds (applicability, status, reasons), one a control row would have
// but a legend or a totals row rarely does. Free text (a justification,
// an owner, notes) is no answer here: rows of notes have text like that;
// nor is a cell repeating its column's heading (a repeated header row).
func (r *reader) rowAnswers(t *table, i int) (what string, n int, ok bool) {
	answer := func(field, v string) bool {
		switch field {
		case fApplicable:
			val, ok := parseApplicable(v)
			return ok && val != nil
		case fStatus:
			st, ok := parseStatus(v)
			return ok && st != ""
		case fReasons:
			rs, _ := parseReasons(v)
			return len(rs) > 0
		}
		marked, ok := parseMark(v)
		return ok && marked
	}
	reasons := false
	for _, field := range []string{fApplicable, fStatus, fReasonLegal, fReasonContractual, fReasonRisk, fReasonBusiness, fReasonBestPractice, fReasons} {
		v, c, has := t.cell("", field, i)
		if !has || strings.TrimSpace(v) == "" || t.grid.copied(c, i) || repeatsHeading(t, c, v) || !answer(field, r.mapValue(field, v)) {
			continue
		}
		if field != fApplicable && field != fStatus {
			if reasons {
				continue
			}
			reasons = true
		}
		n++
		if !ok {
			ref := r.pos(t.sheet, c+1, i+1).Cell
			what = fmt.Sprintf("%s %q in %s", strings.TrimSpace(t.heads[c]), strings.TrimSpace(v), ref[strings.LastIndex(ref, "!")+1:])
			ok = true
		}
	}
	return what, n, ok
}

// repeatsHeading reports whether a cell holds its column's heading, as in a
// header row repeated down the table (on each printed page).
func repeatsHeading(t *table, c int, v string) bool {
	if c < 0 || c >= len(t.heads) {
		return false
	}
	n := normalize(v)
	return n != "" && (v == t.heads[c] || n == normalize(t.heads[c]))
}

// controlTitle reports whether a row's title cell holds the title of a
// control of the catalogue: a control's row that lacks its id.
func (r *reader) controlTitle(t *table, i int) bool {
	title, c, ok := t.cell("", fTitle, i)
	if !ok || c == t.cols[fID] || t.grid.copied(c, i) || normalize(title) == "" {
		return false
	}
	tn := normalize(title)
	for _, s := range r.cat.Sets {
		for _, ctl := range s.Controls {
			if normalize(ctl.Title) == tn || (ctl.TitleJA != "" && normalize(ctl.TitleJA) == tn) {
				return true
			}
		}
	}
	return false
}

// idShapeLooseRE matches an id cell shaped like a control id (digits and
// dots or hyphens, maybe after "A."), though none the import reads:
// "5.1.2.3", "5-10".
var idShapeLooseRE = lazyre.New(`^(?i:a)?[.\-]?\s*\d{1,3}(\s*[.\-]\s*\d{1,3})+\.?$`)

// skipRow handles a row without a control id: nothing for an empty row
// or a group heading, a warning for anything else.
func (r *reader) skipRow(t *table, i int, edition string) {
	var text []string
	var at []int
	for c, v := range t.rows[i] {
		// Copies of merged cells above are no text of this row's own.
		if strings.TrimSpace(v) != "" && !t.grid.copied(c, i) {
			text = append(text, strings.TrimSpace(v))
			at = append(at, c)
		}
	}
	if len(text) == 0 {
		return
	}
	idText, idCol, _ := t.cell("", fID, i)
	if !t.grid.copied(idCol, i) { // not the continuation of a control's row
		if o := r.objective(idText); o != nil && edition == "2013" {
			r.objectiveRow(t, i, o)
			return
		}
		// Answers the import cannot give to any control are an error: left
		// as a warning, they would be lost without anyone noticing. Only in
		// a row that looks like a control's, though: its id shaped like an
		// id, its title a control's, or several kinds of answers in it. A
		// legend (凡例 | ○ | 適用), a totals row (Total excluded | 0) or a
		// repeated header row is a row of notes.
		what, n, ok := r.rowAnswers(t, i)
		if ok && (n >= 2 || idShapeLooseRE.MatchString(strings.TrimSpace(normalizeWidth(idText))) || r.controlTitle(t, i)) {
			r.res.Skipped++
			p := r.pos(t.sheet, idCol+1, i+1)
			if v := strings.TrimSpace(idText); v != "" {
				r.errorf(p, "", "id", "%q is not a control id, but the row holds answers (%s); write the id as 5.1 or A.5.1.1, or clear the row", v, what)
			} else {
				r.errorf(p, "", "id", "the row has no control id, but holds answers (%s); write its id as 5.1 or A.5.1.1, or clear the row", what)
			}
			return
		}
	}
	if r.band(t, text, at) {
		return
	}
	r.res.Skipped++
	shown := strings.Join(text, " | ")
	if len([]rune(shown)) > 60 {
		shown = string([]rune(shown)[:60]) + "…"
	}
	r.warnf(r.pos(t.sheet, at[0]+1, i+1), "", "", "row without a control id, not imported: %q", shown)
}

// band reports whether a row's own text, in columns at, is a group
// heading: one cell holding a theme, clause or objective number and title,
// or a title of the catalogue; or the number in the id column and the
// title in the next column that has one (the title column, if any).
func (r *reader) band(t *table, text []string, at []int) bool {
	switch len(text) {
	case 1:
		return bandRE.MatchString(text[0]) || r.bandTitle(text[0])
	case 2:
		titleCol, ok := t.cols[fTitle]
		if !ok || titleCol == t.cols[fID] {
			titleCol = at[1]
		}
		return at[0] == t.cols[fID] && at[1] == titleCol && sectionRE.MatchString(normalizeWidth(text[0]))
	}
	return false
}
