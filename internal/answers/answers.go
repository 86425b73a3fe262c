// Package answers holds one organization's answers: for each Annex A
// control, whether it applies, why, how far it is implemented, who owns it
// and what shows it works (ISO/IEC 27001:2022 clause 6.1.3 d).
package answers

import (
	"strconv"
	"strings"

	"github.com/soa-tool/soa/internal/diag"
)

// File is a parsed answers file. Controls keep file order.
type File struct {
	Name      string // as given by the user, for messages
	Edition   string // "2022" or "2013"
	Org       Organization
	Revisions []Revision
	Controls  []*Answer

	// Positions for messages about things the file lacks or holds.
	Pos         diag.Pos // the top of the file
	ControlsPos diag.Pos // the "controls:" key, or the top of the file
	EditionPos  diag.Pos
	// FieldPos holds the position of each organization and revision value,
	// keyed by RevisionField or "organization." and the key ("organization.scope").
	FieldPos map[string]diag.Pos
}

// RevisionField is the FieldPos key of field (such as "description") of
// the i-th revision, counted from 0.
func RevisionField(i int, field string) string {
	return "revisions." + strconv.Itoa(i) + "." + field
}

// Organization is the organization block.
type Organization struct {
	Name       string
	Scope      string
	SoAVersion string
	Date       string // YYYY-MM-DD
	PreparedBy string
	ApprovedBy string
	ApprovedOn string
	Language   string // "en", "ja" or "" (default)

	// Document control: the number and confidentiality marking printed on
	// every page, and who reviewed the SoA before its approval.
	DocumentID     string
	Classification string
	ReviewedBy     string
	ReviewedOn     string // YYYY-MM-DD
}

// Revision is one line of the revision history.
type Revision struct {
	Version     string
	Date        string
	Author      string
	Description string
	Notes       string // 備考: anything else about the revision
}

// Answer is the answer for one control. Applicable is nil when the
// question was not answered: a missing answer is never taken as "no".
type Answer struct {
	ID            string
	Applicable    *bool
	Reasons       []string
	Justification string
	Status        Status
	Owner         string
	Evidence      []string
	TargetDate    string
	ReviewedOn    string
	Risks         []string
	Notes         string
	Review        string

	Pos      diag.Pos   // the control's key
	FieldPos []FieldPos // each field's value, in file order
}

// FieldPos is where the value of an answer's field is. A control has a
// dozen fields at most, where a list is cheaper than a map (a map of nine
// fields or more for each of 93 controls was a seventh of what loading an
// answers file allocates beyond yaml.v3).
//
// It holds the line and column only: the file is the answer's own (Pos),
// and a position in full, with its file and cell, is three times the size.
type FieldPos struct {
	Key       string
	Line, Col int32
}

// At returns the position of field's value, or of the control's key when
// the field is absent.
func (a *Answer) At(field string) diag.Pos {
	// From the end: of a key given twice (an error), the last one counts.
	for i := len(a.FieldPos) - 1; i >= 0; i-- {
		if p := a.FieldPos[i]; p.Key == field {
			return diag.Pos{File: a.Pos.File, Line: int(p.Line), Col: int(p.Col)}
		}
	}
	return a.Pos
}

// SetField sets a's field named key (as the answers file names it) to the
// value src gives it.
func (a *Answer) SetField(key string, src *Answer) {
	if f := FieldByKey(key); f != nil {
		f.Set(a, f.Get(src))
	}
}

// Lookup returns the answer for id, or nil.
func (f *File) Lookup(id string) *Answer {
	for _, a := range f.Controls {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// Unjustified reports whether a is an exclusion without a justification:
// what ISO/IEC 27001 6.1.3 d) forbids. The rule of that name and soa
// import's check of a workbook's rows both ask here.
func (a *Answer) Unjustified() bool {
	return a != nil && a.Applicable != nil && !*a.Applicable && strings.TrimSpace(a.Justification) == ""
}
