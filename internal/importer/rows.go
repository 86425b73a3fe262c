package importer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/lazyre"
	xreader "github.com/soa-tool/soa/internal/xlsx/reader"
)

// row is one control row as read, before the edition is known.
type row struct {
	n      int // 1-based sheet row
	id     parsedID
	idText string
	// how a number that may have lost a trailing zero (5.1 for 5.10) was
	// settled: "title", "order", "elimination", or "guess" (nothing said;
	// read as typed). "" for every other id.
	how    string
	answer *answers.Answer
	blank  bool // every answer cell empty, none of them for want of a saved value
}

// bandRE matches the group rows between controls: soa's theme bands
// ("5 Organizational controls") and the clause headings of hand-made SoAs
// ("A.5 Information security policies", "A.5.1 Management direction …").
var bandRE = lazyre.New(`^(?i:a\.)?\d{1,2}(\.\d{1,2})?\s+\S|^\d{1,2}\s*$`)

func (t *table) cell(row, field string, rowIdx int) (string, int, bool) {
	c, ok := t.cols[field]
	if !ok {
		return "", -1, false
	}
	r := t.rows[rowIdx]
	if c >= len(r) {
		return "", c, true
	}
	return r[c], c, true
}

func (r *reader) readRows(t *table, f *answers.File) {
	var rows []row
	var other []int // rows without a control id: told apart once the edition is known
	prev := ""
	for i := t.headerRow; i < len(t.rows); i++ {
		idText, idCol, _ := t.cell("", fID, i)
		if t.grid.copied(idCol, i) {
			// A control's id merged over several rows: the rows below the
			// first continue that control's row; they are not controls.
			idText = ""
		}
		numeric := r.numeric(t.sheet, idCol+1, i+1)
		var pid parsedID
		ok := false
		if !numeric { // a number is never a user set's id, and may hide 5.10
			pid, ok = r.catalogID(idText)
		}
		if !ok {
			pid, ok = parseID(idText, numeric)
		}
		if !ok && looksLikeID(idText) {
			// An id-shaped value that is no control: an error, not a note row.
			pid, ok = parsedID{id: strings.TrimSuffix(strings.TrimSpace(idText), "."), edition: "?"}, true
		}
		if !ok && strings.TrimSpace(idText) == "" && r.unsavedFormula(t.sheet, t.grid, idCol, i) {
			r.res.Skipped++
			r.warnf(r.pos(t.sheet, idCol+1, i+1), "", "id", "%s", unsavedFormulaMsg)
			continue
		}
		if !ok {
			other = append(other, i)
			continue
		}
		how := ""
		if pid.float {
			pid.id, how = r.settleFloat(t, i, pid.id, prev)
		}
		prev = pid.id
		rows = append(rows, row{n: i + 1, id: pid, idText: idText, how: how})
	}
	f.Edition = r.edition(rows)
	// In a 2013 SoA, the rows of the control objectives (A.5.1) are no
	// controls, though their ids read as those of 2022 controls.
	kept := rows[:0]
	for _, rw := range rows {
		if f.Edition == "2013" && rw.id.edition != "2013" {
			if o := r.objective(rw.idText); o != nil {
				r.objectiveRow(t, rw.n-1, o)
				continue
			}
		}
		kept = append(kept, rw)
	}
	rows = kept
	r.eliminate(rows)
	for _, i := range other {
		r.skipRow(t, i, f.Edition)
	}
	seen := map[string]int{}
	idCol := t.cols[fID]
	var read []row
	for _, rw := range rows {
		rw.answer, rw.blank = r.readAnswer(t, rw.n-1, rw.id.id)
		if first, dup := seen[rw.id.id]; dup {
			hint := ""
			if rw.id.float {
				hint = fmt.Sprintf(" (this cell holds the number %s: if it is %s0, store the ids as text)", strings.TrimSpace(rw.idText), rw.id.id)
			}
			r.errorf(r.pos(t.sheet, idCol+1, rw.n), rw.id.id, "", "the control appears twice (first in row %d); keep one row%s", first, hint)
			continue
		}
		seen[rw.id.id] = rw.n
		read = append(read, rw)
	}
	valid := map[string]bool{}
	var ids []string
	for _, id := range r.cat.ControlIDs(f.Edition) {
		valid[id] = true
		ids = append(ids, id)
	}
	var clauses []string // ids that are clauses of the standard itself
	for _, rw := range read {
		if rw.id.edition == "?" {
			msg := fmt.Sprintf("no control %s in the catalogue", rw.id.id)
			if isClause(rw.id.id) {
				clauses = append(clauses, rw.id.id)
				msg = fmt.Sprintf("%s is a clause of ISO/IEC 27001 itself (clauses 4 to 10 state the management system's requirements), not an Annex A control", rw.id.id)
			} else {
				msg += diag.DidYouMean(rw.id.id, ids, false)
			}
			r.errorf(r.pos(t.sheet, idCol+1, rw.n), rw.id.id, "", "%s", msg)
			continue
		}
		if rw.id.edition != f.Edition {
			r.errorf(r.pos(t.sheet, idCol+1, rw.n), rw.id.id, "", "a %s id in a sheet of %s ids; fix the id or split the sheet", rw.id.edition, f.Edition)
			continue
		}
		if !valid[rw.id.id] {
			msg := fmt.Sprintf("no control %s in ISO/IEC 27001:%s Annex A", rw.id.id, f.Edition)
			msg += diag.DidYouMean(rw.id.id, ids, false)
			r.errorf(r.pos(t.sheet, idCol+1, rw.n), rw.id.id, "", "%s", msg)
			continue
		}
		r.res.Rows++
		r.checkTitle(t, rw.n-1, rw.id.id, f.Edition)
		if rw.answer != nil {
			rw.answer.ID = rw.id.id
			f.Controls = append(f.Controls, rw.answer)
		}
		if rw.blank {
			r.res.Blank = append(r.res.Blank, rw.id.id)
		}
	}
	if len(clauses) > 0 && 2*len(clauses) >= len(read) {
		// What the table is, said once: a person reads this first.
		r.errorf(r.pos(t.sheet, idCol+1, t.headerRow), "", "", "this table lists clauses of ISO/IEC 27001 itself (%d rows, such as %s), not Annex A controls: it looks like a gap analysis of the management system, not a Statement of Applicability; import the SoA, or name its column of control ids with --column id=HEADING",
			len(clauses), strings.Join(clauses[:min(3, len(clauses))], ", "))
	}
	if r.res.Rows == 0 && r.res.Diags.Count(diag.Error) == 0 {
		// Never an empty answers file for a workbook import did not understand.
		r.errorf(diag.Pos{File: r.opts.Name}, "", "", "no control rows found in sheet %s below its header row %d (sheets looked at: %s); name the column of ids with --column id=HEADING", t.sheet, t.headerRow, strings.Join(r.sheetList, ", "))
		return
	}
	r.reportMissing(f.Edition, ids, seen)
	// Catalogue order, whatever order the rows were sorted in.
	order := map[string]int{}
	for i, id := range ids {
		order[id] = i
	}
	sortAnswers(f.Controls, order)
}

func sortAnswers(a []*answers.Answer, order map[string]int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && order[a[j].ID] < order[a[j-1].ID]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// catalogId reads a cell that holds a control id exactly as the catalogue
// spells it: the way to read the ids of a user's own sets (CLD.6.3.1).
func (r *reader) catalogID(text string) (parsedID, bool) {
	c := r.cat.Control(strings.TrimSpace(text))
	if c == nil {
		return parsedID{}, false
	}
	ed := "2022"
	if s := r.cat.SetOf(c); s != nil && s.Edition != "" {
		ed = s.Edition
	}
	return parsedID{id: c.ID, edition: ed}, true
}

var idShapeRE = lazyre.New(`^(?i:a\.?)?\d{1,2}(\.\d{1,2}){1,2}$|^[A-Za-z]{2,6}[.-]\d+(\.\d+)*$`)

// looksLikeID reports whether a cell holds something shaped like a control
// id (9.1, A.19.1.1, CLD.99.1), so that a wrong id is an error rather than a
// row of notes.
func looksLikeID(s string) bool {
	w := normalizeWidth(s)
	return hasDigit(w) && idShapeRE.MatchString(strings.TrimSuffix(strings.TrimSpace(w), "."))
}

// reportMissing warns about controls of the edition that have no row, such
// as rows a client deleted.
func (r *reader) reportMissing(edition string, ids []string, seen map[string]int) {
	var missing []string
	for _, id := range ids {
		if _, ok := seen[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return
	}
	shown := missing
	if len(shown) > 12 {
		shown = append(shown[:12:12], "…")
	}
	r.warnf(diag.Pos{File: r.opts.Name}, "", "", "%d control(s) of the %s catalogue have no row in the workbook, so nothing is read for them: %s", len(missing), edition, strings.Join(shown, ", "))
}

// edition decides from the ids: the edition most rows belong to. Two-part
// ids that are also 2013 control objectives (5.1, A.6.2) count for neither:
// a 2013 SoA lists its objectives between the controls.
func (r *reader) edition(rows []row) string {
	n13, n22 := 0, 0
	for _, rw := range rows {
		switch {
		case rw.id.edition == "2013":
			n13++
		case r.objective(rw.idText) == nil:
			n22++
		}
	}
	if n13 > n22 {
		return "2013"
	}
	return "2022"
}

// numeric reports whether a cell holds a number rather than text.
func (r *reader) numeric(sheet string, col, row int) bool {
	if _, shown := r.shown[sheet][[2]int{col - 1, row - 1}]; col < 1 || shown {
		return false
	}
	return r.cell(sheet, col, row).T == xreader.TypeNumber
}

// settleFloat decides what a number such as 5.1 stood for: 5.1, or 5.10
// stored as a number, and says how (see row.how). The row's title settles
// it; failing that, the row before: 5.1 right after 5.9 is 5.10, right
// after a band or 4.x it is 5.1. A sheet sorted in another order says
// nothing: eliminate may settle it later.
func (r *reader) settleFloat(t *table, i int, id, prev string) (string, string) {
	alt := id + "0"
	if r.cat.Control(alt) == nil {
		return id, ""
	}
	if title, _, ok := t.cell("", fTitle, i); ok && strings.TrimSpace(title) != "" {
		tn := normalize(title)
		for _, cand := range []string{id, alt} {
			if c := r.cat.Control(cand); c != nil && (normalize(c.Title) == tn || normalize(c.TitleJA) == tn || strings.Contains(tn, normalize(c.Title))) {
				return cand, "title"
			}
		}
	}
	switch before := r.before(); {
	case prev != "" && before[alt] == prev:
		return alt, "order"
	case prev != "" && before[id] == prev:
		return id, "order"
	}
	return id, "guess"
}

// before maps each 2022 control to the one before it in the catalogue.
func (r *reader) before() map[string]string {
	if r.prevID == nil {
		r.prevID = map[string]string{}
		ids := r.cat.ControlIDs("2022")
		for i := 1; i < len(ids); i++ {
			r.prevID[ids[i]] = ids[i-1]
		}
	}
	return r.prevID
}

// eliminate settles the numbers nothing else settled (how "guess", read
// as typed: 5.1): when another row surely holds that control and no row
// holds the other reading (5.10), the number is the other. Two guessed
// rows of the same number cannot be told apart, and stay a duplicate.
func (r *reader) eliminate(rows []row) {
	sure := map[string]bool{}
	guesses := map[string]int{}
	for _, rw := range rows {
		if rw.how == "guess" {
			guesses[rw.id.id]++
		} else {
			sure[rw.id.id] = true
		}
	}
	for k := range rows {
		rw := &rows[k]
		alt := rw.id.id + "0"
		if rw.how == "guess" && guesses[rw.id.id] == 1 && sure[rw.id.id] && !sure[alt] && guesses[alt] == 0 {
			rw.id.id, rw.how = alt, "elimination"
			sure[alt] = true
		}
	}
}

// bandTitle reports whether text is the title of a control set or theme of
// the catalogue, in either language, alone or after the theme's number or
// id: the band rows of a user's own sets ("Cloud services"), which
// bandRE does not know.
func (r *reader) bandTitle(text string) bool {
	if r.bands == nil {
		r.bands = map[string]bool{}
		add := func(prefixes []string, titles ...string) {
			for _, title := range titles {
				if strings.TrimSpace(title) == "" {
					continue
				}
				r.bands[normalize(title)] = true
				for _, p := range prefixes {
					if p != "" {
						r.bands[normalize(p+" "+title)] = true
					}
				}
			}
		}
		for _, s := range r.cat.Sets {
			add(nil, s.Title)
			for _, t := range s.Themes {
				add([]string{t.Number, t.ID}, t.Title, t.TitleJA)
			}
		}
	}
	return r.bands[normalize(text)]
}

// readAnswer reads one control row. A row whose answer cells are all empty
// is an unanswered control (nil); blank says so when every cell was read.
// lazyPos is the 1-based col and row of sheet, made into a diag.Pos by pos.
type lazyPos struct {
	r        *reader
	sheet    string
	col, row int
}

func (p lazyPos) pos() diag.Pos { return p.r.pos(p.sheet, p.col, p.row) }

func (r *reader) readAnswer(t *table, i int, id string) (a *answers.Answer, blank bool) {
	a = &answers.Answer{ID: id}
	empty := true
	unread := map[string]bool{}
	// The cell's position is made only for a message.
	get := func(field string) (string, lazyPos, bool) {
		v, c, ok := t.cell("", field, i)
		p := lazyPos{r, t.sheet, c + 1, i + 1}
		switch {
		case ok && strings.TrimSpace(v) != "":
			empty = false
		case ok && r.unsavedFormula(t.sheet, t.grid, c, i):
			af := answerField(field)
			unread[af] = true
			r.warnf(p.pos(), id, af, "%s", unsavedFormulaMsg)
		}
		if field == fTargetDate {
			v = r.raw(t.sheet, c, i, v)
		}
		return r.mapValue(field, v), p, ok
	}
	if v, p, ok := get(fApplicable); ok {
		val, good := parseApplicable(v)
		if !good {
			r.errorf(p.pos(), id, "applicable", "%q is not a value for applicability (use Yes or No; also read: Y/N, ○/×, 適用/除外, true/false, N/A, ✓/✗, and yes/no in 14 languages); to read it, map it with --value applicable:%s (VALUE yes or no)", v, valueHint(v, "VALUE"))
		}
		a.Applicable = val
	}
	for _, f := range []string{fReasonLegal, fReasonContractual, fReasonRisk, fReasonBusiness, fReasonBestPractice} {
		v, p, ok := get(f)
		if !ok {
			continue
		}
		marked, good := parseMark(v)
		if !good {
			r.errorf(p.pos(), id, "reasons", "%q does not mark a reason (leave the cell empty, or mark it with ✓, ○ or x); to read it, map it with --value %s:%s (VALUE yes or no)", v, f, valueHint(v, "VALUE"))
		}
		if marked {
			for _, reason := range reasonField[f] {
				if !contains(a.Reasons, reason) {
					a.Reasons = append(a.Reasons, reason)
				}
			}
		}
	}
	if v, p, ok := get(fReasons); ok {
		rs, unknown := parseReasons(v)
		if len(unknown) > 0 {
			r.errorf(p.pos(), id, "reasons", "%q is not a reason for inclusion (allowed: %s)", strings.Join(unknown, ", "), strings.Join(answers.Reasons, ", "))
		}
		for _, reason := range rs {
			if !contains(a.Reasons, reason) {
				a.Reasons = append(a.Reasons, reason)
			}
		}
	}
	a.Reasons = inReasonOrder(a.Reasons)
	just, _, _ := get(fJustification)
	incl, _, _ := get(fJustificationInclude)
	excl, _, _ := get(fJustificationExclude)
	a.Justification = pickJustification(a.Applicable, just, incl, excl)
	statusNote := ""
	if v, p, ok := get(fStatus); ok {
		st, note, good := parseStatusNote(v)
		statusNote = note
		if a.Applicable != nil && !*a.Applicable && oneOf(word(v), crossWords) {
			// Japanese SoAs mark an excluded control × in both columns: no
			// status, not "not implemented".
			st = ""
		}
		if !good {
			r.errorf(p.pos(), id, "status", "%q is not an implementation status (use Implemented, Partially implemented, Planned or Not implemented; also read: In progress, Not started, Done, ○/△/×, 実施済み, 一部実施, 計画中, 未実施, and these in 14 languages); to read it, map it with --value status:%s (VALUE one of implemented, partial, planned, not_implemented, n/a)", v, valueHint(v, "VALUE"))
		}
		a.Status = st
	}
	for _, f := range answers.Fields {
		if readSpecially[f.Key] {
			continue
		}
		// Placeholders ("N/A", "-", "TBD") are no answer.
		if v, p, ok := get(f.Key); ok && strings.TrimSpace(v) != "" && !placeholder(v) {
			val, problem := readCell(f, v)
			if problem != "" {
				r.errorf(p.pos(), id, f.Key, "%q %s", v, problem)
			}
			f.Set(a, val)
		}
	}
	if v, _, _ := get(fNotes); v != "" && !placeholder(v) {
		a.Notes, a.Review = layout.SplitNotes(v)
	}
	if statusNote != "" {
		// The qualifier of a status ("Implemented (Documented)") is kept.
		a.Notes = strings.TrimSpace(strings.TrimSpace(a.Notes) + "\nStatus in the workbook: " + statusNote)
	}
	if a.Unjustified() && !unread[answers.KeyJustification] {
		p := r.pos(t.sheet, t.cols[fApplicable]+1, i+1)
		for _, f := range []string{fJustification, fJustificationExclude} {
			if c, ok := t.cols[f]; ok {
				p = r.pos(t.sheet, c+1, i+1)
				break
			}
		}
		r.errorf(p, id, "justification", "excluded without a justification: ISO/IEC 27001 6.1.3 d) asks why each excluded control is excluded")
	}
	if empty {
		return nil, len(unread) == 0
	}
	for _, f := range unreadOrder {
		if unread[f] {
			r.res.Unread[id] = append(r.res.Unread[id], f)
		}
	}
	// A field not read is not half read from its other columns either.
	if unread["reasons"] {
		a.Reasons = nil
	}
	if unread["justification"] {
		a.Justification = ""
	}
	return a, false
}

// unsavedFormulaMsg explains a formula cell whose value was never stored:
// it reads as empty, though it is not.
const unsavedFormulaMsg = "formula with no saved value, not read; open and save the workbook in Excel or LibreOffice so its value is stored"

// unsavedFormula reports whether the cell at 0-based col, row of sheet,
// which reads as empty, holds a formula: one written by a program and
// never calculated, so no value was saved with it. (A formula whose saved
// result is empty text reads the same: the workbook does not tell them apart.)
func (r *reader) unsavedFormula(sheet string, g *grid, col, row int) bool {
	if col < 0 {
		return false
	}
	c, rw := g.source(col, row)
	return r.cell(sheet, c+1, rw+1).Formula()
}

// answerField is the answers file's field a column's field feeds.
func answerField(field string) string {
	switch {
	case field == fReasons || strings.HasPrefix(field, "reason_"):
		return "reasons"
	case strings.HasPrefix(field, fJustification):
		return "justification"
	}
	return field
}

// unreadOrder lists the answer fields Result.Unread may name, in order.
var unreadOrder = answers.FieldKeys()

// readSpecially are the fields readAnswer reads with rules of their own:
// applicability, reasons (a column per reason, or one for all),
// justification (one column, or separate inclusion and exclusion ones),
// status (spellings and marks) and notes (with the review remark). Every
// other field is read by its kind (readCell).
var readSpecially = map[string]bool{answers.KeyApplicable: true, answers.KeyReasons: true, answers.KeyJustification: true,
	answers.KeyStatus: true, answers.KeyNotes: true, answers.KeyReview: true}

// pickJustification chooses among one justification column and separate
// inclusion and exclusion columns.
func pickJustification(applicable *bool, just, incl, excl string) string {
	just, incl, excl = strings.TrimSpace(just), strings.TrimSpace(incl), strings.TrimSpace(excl)
	if just != "" {
		return just
	}
	if applicable != nil && !*applicable && excl != "" {
		return excl
	}
	if incl != "" {
		return incl
	}
	return excl
}

func inReasonOrder(rs []string) []string {
	var out []string
	for _, r := range answers.Reasons {
		if contains(rs, r) {
			out = append(out, r)
		}
	}
	return out
}

// isClause reports whether id is a clause number of ISO/IEC 27001 itself
// (4.1 … 10.2, 6.1.2), which gap analyses list, rather than a control:
// clauses 4 to 10, one to three levels deep.
func isClause(id string) bool {
	parts := strings.Split(id, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || (i == 0 && (n < 4 || n > 10)) {
			return false
		}
	}
	return true
}
