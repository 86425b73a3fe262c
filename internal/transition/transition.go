// Package transition carries an organization's answers for ISO/IEC
// 27001:2013 Annex A over to the 2022 edition through the correspondence
// of ISO/IEC 27002:2022 Annex B, and reports what changed.
//
// The rules, for each 2022 control, over the 2013 controls that map to it
// (its sources):
//   - it is applicable if any answered source is;
//   - its status is the weakest status among the applicable sources; an
//     applicable source without a status is unknown, which leaves the
//     status blank (unless another source is not_implemented, the weakest
//     status there is), and is named in the review note;
//   - reasons and evidence are the unions of the applicable sources';
//   - justifications, notes and review notes are kept from every source
//     that has them, each prefixed with its source when several sources
//     have an answer;
//   - where the sources disagree on applicability, status or owner, the
//     answer gets a review note naming the disagreement;
//   - text soa writes into the answers (review notes, the mark of a 2013
//     exclusion) is in the language of the 2013 file;
//   - a 2013 control mapped to several 2022 controls (a split) carries
//     into each; a 2022 control with several sources is a merge;
//   - the 11 controls new in 2022 are left unanswered.
package transition

import (
	"fmt"
	"slices"
	"strings"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
)

// Kind says how a 2022 control's answer came about.
type Kind string

const (
	New            Kind = "new"             // new in 2022: no 2013 source
	Carried        Kind = "carried"         // one source, carried as it was
	Merged         Kind = "merged"          // several sources that agree
	MergedConflict Kind = "merged_conflict" // several sources that disagree
	Unanswered     Kind = "unanswered"      // no source was answered
)

// Kinds lists the kinds in report order.
var Kinds = []Kind{Carried, Merged, MergedConflict, New, Unanswered}

// Source is a 2013 control behind a 2022 control, with its answer (nil when
// the 2013 file did not answer it).
type Source struct {
	Control *catalog.Control
	Answer  *answers.Answer
}

// Conflict is one field on which the sources disagree.
type Conflict struct {
	Field  string        // applicable, status or owner
	Values []SourceValue // one per source, in catalogue order
}

// SourceValue is what one 2013 source says about a field of a conflict.
type SourceValue struct {
	Source string // 2013 control id
	Value  string // "applicable" or "excluded"; a status; an owner
}

// Text describes the conflict in l: "status (A.9.2.2: implemented;
// A.9.2.5: partial)", "実施状況（A.9.2.2：実施済み、A.9.2.5：一部実施）".
func (c Conflict) Text(l i18n.Lang) string {
	return l.F("tr.conflict.values", l.T("field."+c.Field), strings.Join(c.ValueTexts(l), l.T("list.sep")))
}

// ValueTexts gives each source's value in l: "A.9.2.2: implemented".
func (c Conflict) ValueTexts(l i18n.Lang) []string {
	var out []string
	for _, v := range c.Values {
		out = append(out, l.F("tr.source_value", v.Source, c.ValueText(v.Value, l)))
	}
	return out
}

// ValueText is one value of the conflict's field in l: an owner as
// written, any other value in words ("implemented", "実施済み").
func (c Conflict) ValueText(v string, l i18n.Lang) string {
	if c.Field == "owner" {
		return v
	}
	return l.T("tr.value." + v)
}

// Resolved reports whether cur, the 2022 answer of c's control, has
// settled the conflict, and the value it chose (in the words of
// SourceValue.Value). A conflict is settled when the control is answered
// (applicable set) and either the review line naming the disagreement is
// gone or the field differs from the derived answer (the organization set
// it). A control made not applicable settles every conflict as "excluded".
func (c Control) Resolved(cf Conflict, cur *answers.Answer) (chosen string, ok bool) {
	if cur == nil || cur.Applicable == nil {
		return "", false
	}
	noteGone := true
	for _, line := range strings.Split(cur.Review, "\n") {
		if c.Disagreement != "" && strings.TrimSpace(line) == c.Disagreement {
			noteGone = false
		}
	}
	f := answers.FieldByKey(cf.Field)
	set := f != nil && !f.Equal(f.Get(c.Derived), f.Get(cur))
	if !noteGone && !set {
		return "", false
	}
	if cf.Field != "applicable" && isExcluded(cur) {
		return "excluded", true
	}
	return conflictValue(cf.Field, cur), true
}

// Control is the derivation of one 2022 control.
type Control struct {
	Control   *catalog.Control
	Sources   []Source
	Derived   *answers.Answer // nil when new, or when no source holds an answer or any text to carry
	Kind      Kind
	Conflicts []Conflict
	// ExcludedSources are 2013 exclusions that became part of an applicable
	// 2022 control: their exclusion no longer holds on its own.
	ExcludedSources []string
	// Disagreement is the review line that names the conflicts ("" when
	// there are none): a 2022 file without it has settled them.
	Disagreement string
}

// Merge reports whether the control is made from several 2013 controls.
func (c Control) Merge() bool { return len(c.Sources) > 1 }

// Split is a 2013 control whose MapsTo names several 2022 controls: its
// answer carries into each of them.
type Split struct {
	Control *catalog.Control   // the 2013 control
	Into    []*catalog.Control // the 2022 controls, in the order of MapsTo
}

// Result is the whole carry-over.
type Result struct {
	Old      *soa.Statement
	Controls []Control // 2022 catalogue order
	Splits   []Split   // 2013 catalogue order
}

// Count returns how many controls are of kind k.
func (r *Result) Count(k Kind) int {
	n := 0
	for _, c := range r.Controls {
		if c.Kind == k {
			n++
		}
	}
	return n
}

// Derive carries old, a 2013 statement, over to every 2022 control of cat.
func Derive(cat *catalog.Catalog, old *soa.Statement) (*Result, error) {
	if old.Edition != "2013" {
		return nil, fmt.Errorf("%s is an edition %s answers file; the transition starts from 2013 answers (edition: \"2013\")", old.Source, old.Edition)
	}
	s22 := cat.Set(catalog.Set2022)
	if s22 == nil {
		return nil, fmt.Errorf("the catalogue has no 2022 controls")
	}
	answered := map[string]*answers.Answer{}
	for _, row := range old.Rows {
		if row.Answer != nil {
			answered[row.Control.ID] = row.Answer
		}
	}
	r := &Result{Old: old}
	l := lang(old.Org.Language)
	for _, c := range s22.Controls {
		d := Control{Control: c}
		for _, id := range c.MappedFrom {
			src := cat.Control(id)
			if src == nil || src.Set != catalog.Set2013 {
				continue
			}
			d.Sources = append(d.Sources, Source{Control: src, Answer: answered[id]})
		}
		derive(&d, l)
		r.Controls = append(r.Controls, d)
	}
	if s13 := cat.Set(catalog.Set2013); s13 != nil {
		for _, c := range s13.Controls {
			sp := Split{Control: c}
			for _, id := range c.MapsTo {
				if to := cat.Control(id); to != nil && to.Set == catalog.Set2022 {
					sp.Into = append(sp.Into, to)
				}
			}
			if len(sp.Into) > 1 {
				r.Splits = append(r.Splits, sp)
			}
		}
	}
	return r, nil
}

func isApplicable(a *answers.Answer) bool { return a != nil && a.Applicable != nil && *a.Applicable }
func isExcluded(a *answers.Answer) bool   { return a != nil && a.Applicable != nil && !*a.Applicable }

// derive applies the rules to one control; text it writes into the
// answer is in l.
func derive(d *Control, l i18n.Lang) {
	if len(d.Sources) == 0 {
		d.Kind = New
		return
	}
	var known []Source
	for _, s := range d.Sources {
		if s.Answer != nil && s.Answer.Applicable != nil {
			known = append(known, s)
		}
	}
	// Text is kept from every source with an answer, even one that does
	// not say whether it applies; one such source needs no source marks.
	var texted []Source
	for _, s := range d.Sources {
		if s.Answer != nil {
			texted = append(texted, s)
		}
	}
	single := len(texted) == 1
	if len(known) == 0 {
		d.Kind = Unanswered
		// Nothing to derive, but what the sources' answers say is kept.
		a := &answers.Answer{ID: d.Control.ID}
		a.Justification = joinField(texted, single, func(x *answers.Answer) string { return x.Justification })
		a.Notes = joinField(texted, single, func(x *answers.Answer) string { return x.Notes })
		a.Review = joinField(texted, single, func(x *answers.Answer) string { return x.Review })
		if a.Justification != "" || a.Notes != "" || a.Review != "" {
			d.Derived = a
		}
		return
	}
	applicable := slices.ContainsFunc(known, func(s Source) bool { return isApplicable(s.Answer) })
	a := &answers.Answer{ID: d.Control.ID, Applicable: &applicable}
	var kept []Source // the sources whose answer shapes the derived one
	for _, s := range known {
		if isApplicable(s.Answer) == applicable {
			kept = append(kept, s)
		}
	}
	for _, s := range kept {
		a.Reasons = union(a.Reasons, s.Answer.Reasons)
		a.Evidence = union(a.Evidence, s.Answer.Evidence)
		a.Risks = union(a.Risks, s.Answer.Risks)
		// The merged answer was reviewed no later than its least recently
		// reviewed part.
		if d := s.Answer.ReviewedOn; d != "" && (a.ReviewedOn == "" || d < a.ReviewedOn) {
			a.ReviewedOn = d
		}
	}
	a.Reasons = inOrder(a.Reasons, answers.Reasons)
	a.Justification = joinField(texted, single, func(x *answers.Answer) string {
		if j := strings.TrimSpace(x.Justification); j != "" && applicable && isExcluded(x) {
			return l.F("migrate.excluded_2013", j)
		}
		return x.Justification
	})
	a.Notes = joinField(texted, single, func(x *answers.Answer) string { return x.Notes })
	var unknown []string // applicable sources without a status, when others have one
	if applicable {
		a.Status, unknown = mergedStatus(kept)
		a.Owner = firstOwner(kept)
		// A part still in progress keeps its date, even when another part
		// makes the whole not_implemented: the work is still scheduled.
		if a.Status != answers.Implemented {
			a.TargetDate = latestTarget(kept)
		}
	}
	d.Conflicts = conflicts(known)
	for _, s := range known {
		if applicable && isExcluded(s.Answer) {
			d.ExcludedSources = append(d.ExcludedSources, s.Control.ID)
		}
	}
	// Each note is a line of its own.
	var review []string
	if len(d.Conflicts) > 0 {
		var parts []string
		for _, c := range d.Conflicts {
			parts = append(parts, c.Text(l))
		}
		d.Disagreement = l.F("migrate.review.disagree", strings.Join(parts, l.T("list.comma")))
		review = append(review, d.Disagreement)
	}
	if len(known) < len(d.Sources) {
		var missing []string
		for _, s := range d.Sources {
			if s.Answer == nil || s.Answer.Applicable == nil {
				missing = append(missing, s.Control.ID)
			}
		}
		review = append(review, l.F("migrate.review.unanswered", strings.Join(missing, l.T("list.comma"))))
	}
	if len(unknown) > 0 && a.Status == "" {
		review = append(review, l.F("migrate.review.no_status", strings.Join(unknown, l.T("list.comma"))))
	}
	// Then the review notes of the 2013 answers, as they were.
	if r := joinField(texted, single, func(x *answers.Answer) string { return x.Review }); r != "" {
		review = append(review, r)
	}
	a.Review = strings.Join(review, "\n")
	d.Derived = a
	switch {
	case len(d.Sources) == 1:
		d.Kind = Carried
	case len(d.Conflicts) > 0:
		d.Kind = MergedConflict
	default:
		d.Kind = Merged
	}
}

// joinField keeps every source's text, each prefixed "[2013 A.x.y.z]" when
// there are several sources (the gap report knows the prefix is deliberate).
func joinField(srcs []Source, single bool, get func(*answers.Answer) string) string {
	var parts []string
	for _, s := range srcs {
		t := strings.TrimSpace(get(s.Answer))
		if t == "" {
			continue
		}
		if single {
			parts = append(parts, t)
		} else {
			parts = append(parts, "[2013 "+s.Control.ID+"] "+t)
		}
	}
	return strings.Join(parts, "\n")
}

// mergedStatus is the status of a control merged from the applicable
// sources srcs: the weakest of theirs. A source without a status could be
// anything, so when some have one and others do not, the merged status is
// unknown (""), unless a known one is already the weakest possible
// (not_implemented). unknown lists the sources without a status, when
// others have one.
func mergedStatus(srcs []Source) (status answers.Status, unknown []string) {
	status = weakest(srcs)
	if status == "" {
		return "", nil // none has a status: nothing is known, nothing disagrees
	}
	for _, s := range srcs {
		if s.Answer.Status == "" {
			unknown = append(unknown, s.Control.ID)
		}
	}
	if len(unknown) > 0 && status != answers.NotImplemented {
		status = ""
	}
	return status, unknown
}

// weakest returns the least implemented status among srcs, ignoring
// sources without one.
func weakest(srcs []Source) answers.Status {
	w := -1
	for _, s := range srcs {
		if i := slices.Index(answers.Statuses, string(s.Answer.Status)); i > w {
			w = i
		}
	}
	if w < 0 {
		return ""
	}
	return answers.Status(answers.Statuses[w])
}

func firstOwner(srcs []Source) string {
	for _, s := range srcs {
		if o := strings.TrimSpace(s.Answer.Owner); o != "" {
			return o
		}
	}
	return ""
}

// latestTarget is the latest target date of the sources still in progress:
// the merged control is done when its last part is.
func latestTarget(srcs []Source) string {
	t := ""
	for _, s := range srcs {
		st := s.Answer.Status
		if (st == answers.Partial || st == answers.Planned) && s.Answer.TargetDate > t {
			t = s.Answer.TargetDate
		}
	}
	return t
}

// conflicts lists the fields on which answered sources disagree.
func conflicts(known []Source) []Conflict {
	var out []Conflict
	collect := func(field string, sources []Source, get func(*answers.Answer) string) {
		var values []SourceValue
		distinct := map[string]bool{}
		for _, s := range sources {
			v := get(s.Answer)
			if v == "" {
				continue
			}
			distinct[v] = true
			values = append(values, SourceValue{Source: s.Control.ID, Value: v})
		}
		if len(distinct) > 1 {
			out = append(out, Conflict{Field: field, Values: values})
		}
	}
	collect("applicable", known, func(a *answers.Answer) string { return conflictValue("applicable", a) })
	var applicable []Source
	for _, s := range known {
		if isApplicable(s.Answer) {
			applicable = append(applicable, s)
		}
	}
	// An applicable source without a status disagrees with one that has a
	// status; when none has one, nothing disagrees.
	collect("status", applicable, func(a *answers.Answer) string { return conflictValue("status", a) })
	collect("owner", applicable, func(a *answers.Answer) string { return conflictValue("owner", a) })
	return out
}

// conflictValue is what an answer says about a field of a conflict:
// "applicable" or "excluded"; a status, or "no_status"; an owner.
func conflictValue(field string, a *answers.Answer) string {
	switch field {
	case "applicable":
		if isApplicable(a) {
			return "applicable"
		}
		return "excluded"
	case "status":
		if a.Status == "" {
			return "no_status"
		}
		return string(a.Status)
	}
	return strings.TrimSpace(a.Owner)
}

// union is list with the items of more it lacks added, in order.
func union(list, more []string) []string {
	for _, x := range more {
		if !slices.Contains(list, x) {
			list = append(list, x)
		}
	}
	return list
}

func inOrder(vals, order []string) []string {
	var out []string
	for _, o := range order {
		if slices.Contains(vals, o) {
			out = append(out, o)
		}
	}
	return out
}
