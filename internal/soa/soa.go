// Package soa joins a catalogue and one organization's answers into a
// Statement of Applicability: the checked model every renderer reads.
package soa

import (
	"fmt"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/lazyre"
)

// Statement is the checked join of a catalogue and an answers file. Rows are
// in catalogue order: the edition's Annex A first, then the user's own sets
// that extend it.
type Statement struct {
	Catalog   *catalog.Catalog
	Source    string // the answers file's name
	Edition   string
	Org       answers.Organization
	Revisions []answers.Revision
	Rows      []Row
	FieldPos  map[string]diag.Pos // organization and revision values: see [answers.File.FieldPos]
}

// At returns the position of the organization or revision value at path,
// such as "organization.scope" or [answers.RevisionField](0, "author"), or
// the answers file when it is unknown.
func (s *Statement) At(path string) diag.Pos {
	if p, ok := s.FieldPos[path]; ok {
		return p
	}
	return diag.Pos{File: s.Source}
}

// Row is one control of the SoA and its answer.
type Row struct {
	Control *catalog.Control
	Theme   *catalog.Theme // nil for a set without themes
	Answer  *answers.Answer
}

// Answered reports whether the applicability question was answered.
func (r Row) Answered() bool { return r.Answer != nil && r.Answer.Applicable != nil }

// Applicable reports whether the control was answered as applicable.
func (r Row) Applicable() bool { return r.Answered() && *r.Answer.Applicable }

// Excluded reports whether the control was answered as not applicable.
func (r Row) Excluded() bool { return r.Answered() && !*r.Answer.Applicable }

var (
	id2013RE = lazyre.New(`^A\.\d+\.\d+\.\d+$`)
	id2022RE = lazyre.New(`^[5-8]\.\d+$`)
)

// Build joins cat and f and checks the rules that need both: unknown ids,
// ids of the other edition, unanswered controls, and the completeness of
// each answer. It returns the statement and every diagnostic, warnings
// included; the statement is nil when there is an error.
func Build(cat *catalog.Catalog, f *answers.File) (*Statement, diag.List) {
	var l diag.List
	sets := cat.EditionSets(f.Edition)
	if len(sets) == 0 {
		l.Add(diag.Diagnostic{Pos: f.EditionPos, Control: "", Field: "edition", Msg: fmt.Sprintf("the catalogue has no controls of edition %s", f.Edition)})
		return nil, l
	}
	inEdition := map[string]bool{}
	var ids []string
	for _, s := range sets {
		for _, c := range s.Controls {
			inEdition[c.ID] = true
			ids = append(ids, c.ID)
		}
	}
	byID := map[string]*answers.Answer{}
	for _, a := range f.Controls {
		if prev, dup := byID[a.ID]; dup {
			// Two spellings of one key ("5.1" and " 5.1") reach here.
			errorAt(&l, a.Pos, a.ID, "", "answered twice (first at line %d)", prev.Pos.Line)
			continue
		}
		byID[a.ID] = a
		if !inEdition[a.ID] {
			errorAt(&l, a.Pos, a.ID, "", "%s", unknownID(cat, f.Edition, a.ID, ids))
		}
	}
	st := &Statement{Catalog: cat, Source: f.Name, Edition: f.Edition, Org: f.Org, Revisions: f.Revisions, FieldPos: f.FieldPos}
	for _, s := range sets {
		for _, c := range s.Controls {
			row := Row{Control: c, Theme: s.Theme(c.Theme), Answer: byID[c.ID]}
			st.Rows = append(st.Rows, row)
			checkRow(&l, f, row)
		}
	}
	l.Sort()
	if l.HasErrors() {
		return nil, l
	}
	return st, l
}

// Load parses one answers file and joins it with cat: the one path that
// validate, generate and gap share. The statement is nil when there are
// errors; the sorted list holds the warnings too.
func Load(cat *catalog.Catalog, name string, src []byte) (*Statement, diag.List) {
	return load(cat, name, src, false)
}

// LoadForReport is Load for the gap report: errors that are findings of the
// report (an exclusion without a justification) do not stop it; they are
// left out of the list, since the report lists them itself.
func LoadForReport(cat *catalog.Catalog, name string, src []byte) (*Statement, diag.List) {
	return load(cat, name, src, true)
}

func load(cat *catalog.Catalog, name string, src []byte, findings bool) (*Statement, diag.List) {
	f, l := answers.Parse(name, src)
	if findings {
		l = slices.DeleteFunc(l, func(d diag.Diagnostic) bool { return d.Rule != "" })
	}
	if f == nil {
		l.Sort()
		return nil, l
	}
	if l.HasErrors() {
		// Report the errors that need the catalogue too (unknown ids, ids
		// of the other edition), so one run shows every error; the
		// warnings of a file that does not parse would mislead.
		_, l2 := Build(cat, f)
		for _, d := range l2 {
			if d.Severity == diag.Error {
				l = append(l, d)
			}
		}
		l.Sort()
		return nil, l
	}
	st, l2 := Build(cat, f)
	l = append(l, l2...)
	l.Sort()
	return st, l
}

// unknownID explains an id that is not a control of the file's edition.
func unknownID(cat *catalog.Catalog, edition, id string, ids []string) string {
	other := map[string]string{"2022": "2013", "2013": "2022"}[edition]
	if c := cat.Control(id); c != nil && c.Set == catalog.EditionSet(other) {
		msg := fmt.Sprintf("%s is an ISO/IEC 27001:%s control, but this file is edition %s", id, other, edition)
		if other == "2013" && len(c.MapsTo) > 0 {
			msg += fmt.Sprintf("; it became %s in 2022", strings.Join(c.MapsTo, ", "))
		}
		return msg + fmt.Sprintf(" (to answer %s controls, set edition: %q; soa migrate converts 2013 answers)", other, other)
	}
	if edition == "2022" && id2013RE.MatchString(id) || edition == "2013" && id2022RE.MatchString(id) {
		return fmt.Sprintf("%s looks like a %s id, but this file is edition %s and the catalogue has no such control", id, other, edition)
	}
	msg := fmt.Sprintf("no control %s in ISO/IEC 27001:%s Annex A or the catalogue's added sets", id, edition)
	return msg + diag.DidYouMean(id, ids, false)
}

// checkRow reports what an auditor would ask about one control's answer.
func checkRow(l *diag.List, f *answers.File, row Row) {
	c, a := row.Control, row.Answer
	if a == nil {
		warnAt(l, f.ControlsPos, c.ID, "", "not answered (%s)", c.Title)
		return
	}
	if a.Applicable == nil {
		warnAt(l, a.Pos, c.ID, "applicable", "not answered: say applicable: true or false")
		return
	}
	if !*a.Applicable {
		if a.Status != "" {
			warnAt(l, a.At("status"), c.ID, "status", "the control is excluded, so its status %q is ignored; remove it or make the control applicable", a.Status)
		}
		if len(a.Reasons) > 0 {
			warnAt(l, a.At("reasons"), c.ID, "reasons", "the control is excluded, so reasons for inclusion do not apply; put the reason for exclusion in justification")
		}
		return
	}
	if len(a.Reasons) == 0 {
		warnAt(l, a.At("reasons"), c.ID, "reasons", "applicable without a reason for inclusion (give one or more of %s)", strings.Join(answers.Reasons, ", "))
	}
	switch a.Status {
	case "":
		warnAt(l, a.At("status"), c.ID, "status", "applicable without an implementation status (give one of %s)", strings.Join(answers.Statuses, ", "))
	case answers.Implemented:
		if len(a.Evidence) == 0 {
			warnAt(l, a.At("evidence"), c.ID, "evidence", "implemented without evidence: name the documents or records that show it works")
		}
	case answers.Partial, answers.Planned:
		if strings.TrimSpace(a.Owner) == "" {
			warnAt(l, a.At("owner"), c.ID, "owner", "%s without an owner: name who will finish it", a.Status)
		}
		if a.TargetDate == "" {
			warnAt(l, a.At("target_date"), c.ID, "target_date", "%s without a target date (YYYY-MM-DD)", a.Status)
		}
	}
}

func errorAt(l *diag.List, pos diag.Pos, control, field, format string, args ...any) {
	l.Add(diag.Diagnostic{Pos: pos, Severity: diag.Error, Control: control, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func warnAt(l *diag.List, pos diag.Pos, control, field, format string, args ...any) {
	l.Add(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Control: control, Field: field, Msg: fmt.Sprintf(format, args...)})
}
