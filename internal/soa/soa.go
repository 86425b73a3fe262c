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
	// ControlsPos is the "controls:" key (or the top of the file), where a
	// message about a control the file does not list is placed.
	ControlsPos diag.Pos
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

// Build joins cat and f and checks what makes the join impossible: unknown
// ids, ids of the other edition, a control answered twice. What the
// answers say is judged by package rules. The statement is nil when there
// is an error.
func Build(cat *catalog.Catalog, f *answers.File) (*Statement, diag.List) {
	var l diag.List
	sets := cat.EditionSets(f.Edition)
	if len(sets) == 0 {
		l.Add(diag.Diagnostic{Pos: f.EditionPos, Control: "", Field: "edition", Msg: fmt.Sprintf("the catalogue has no controls of edition %s", f.Edition)})
		return nil, l
	}
	byID := make(map[string]*answers.Answer, len(f.Controls))
	for _, a := range f.Controls {
		if prev, dup := byID[a.ID]; dup {
			// Two spellings of one key ("5.1" and " 5.1") reach here.
			errorAt(&l, a.Pos, a.ID, "", "answered twice (first at line %d)", prev.Pos.Line)
			continue
		}
		byID[a.ID] = a
	}
	st := join(cat, f, byID)
	// Each answer to a control of the edition is on a row; only when some
	// answer is not is there one to look for, and to explain.
	if answeredRows(st) < len(byID) {
		ids := cat.ControlIDs(f.Edition)
		for _, a := range f.Controls {
			if byID[a.ID] == a && !inSets(cat.Control(a.ID), sets) {
				errorAt(&l, a.Pos, a.ID, "", "%s", unknownID(cat, f.Edition, a.ID, ids))
			}
		}
	}
	l.Sort()
	if l.HasErrors() {
		return nil, l
	}
	return st, l
}

// answeredRows counts the rows of st with an answer.
func answeredRows(st *Statement) int {
	n := 0
	for _, r := range st.Rows {
		if r.Answer != nil {
			n++
		}
	}
	return n
}

// inSets reports whether c is a control of one of sets. A control's id
// is unique in the catalogue, so its set says.
func inSets(c *catalog.Control, sets []*catalog.Set) bool {
	return c != nil && slices.ContainsFunc(sets, func(s *catalog.Set) bool { return s.ID == c.Set })
}

// join makes the statement of f's answers, byID, in catalogue order.
func join(cat *catalog.Catalog, f *answers.File, byID map[string]*answers.Answer) *Statement {
	st := &Statement{Catalog: cat, Source: f.Name, Edition: f.Edition, Org: f.Org, Revisions: f.Revisions, FieldPos: f.FieldPos, ControlsPos: f.ControlsPos}
	sets := cat.EditionSets(f.Edition)
	n := 0
	for _, s := range sets {
		n += len(s.Controls)
	}
	st.Rows = make([]Row, 0, n)
	for _, s := range sets {
		for _, c := range s.Controls {
			st.Rows = append(st.Rows, Row{Control: c, Theme: s.Theme(c.Theme), Answer: byID[c.ID]})
		}
	}
	return st
}

// Partial joins cat and f whatever errors f has: the catalogue's controls
// with the answers that could be read (the first of a control answered
// twice), so that validate can say what the rules find in a file that has
// errors too. Never render it.
func Partial(cat *catalog.Catalog, f *answers.File) *Statement {
	byID := make(map[string]*answers.Answer, len(f.Controls))
	for _, a := range f.Controls {
		if _, dup := byID[a.ID]; !dup {
			byID[a.ID] = a
		}
	}
	return join(cat, f, byID)
}

// Load parses one answers file and joins it with cat: the one path every
// command that reads answers shares. The statement is nil when there are
// errors.
func Load(cat *catalog.Catalog, name string, src []byte) (*Statement, diag.List) {
	f, l := answers.Parse(name, src)
	return Join(cat, f, l)
}

// Join is Load's second half: it joins f and l, what answers.Parse gave,
// with cat. A caller parses before it has the catalogue, while the
// catalogue loads on another core.
func Join(cat *catalog.Catalog, f *answers.File, l diag.List) (*Statement, diag.List) {
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
	return st, diag.Merge(l, l2)
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

func errorAt(l *diag.List, pos diag.Pos, control, field, format string, args ...any) {
	l.Add(diag.Diagnostic{Pos: pos, Severity: diag.Error, Control: control, Field: field, Msg: fmt.Sprintf(format, args...)})
}
