package answers

import (
	"sync"

	"github.com/soa-tool/soa/internal/schema"
)

// Status is how far an applicable control is implemented. The empty Status
// means the question was not answered.
type Status string

const (
	Implemented    Status = "implemented"
	Partial        Status = "partial"
	Planned        Status = "planned"
	NotImplemented Status = "not_implemented"
)

// Statuses lists the statuses from best to worst; reports use this order.
var Statuses = []string{string(Implemented), string(Partial), string(Planned), string(NotImplemented)}

// Reasons lists the reasons for including a control, in the order the SoA
// shows them.
var Reasons = []string{"legal", "contractual", "risk", "business", "best_practice"}

// Editions are the values of the edition field; the first is the default.
var Editions = []string{"2022", "2013"}

// Languages are the values of organization.language.
var Languages = []string{"en", "ja"}

// Field lists of the answers file. The loader takes its allowed keys from
// these, and `soa schema answers` prints them as JSON Schema. They are made
// from Fields and OrgFields on first use, not at package initialisation,
// which runs in every soa process; sync.Once since answers files are read
// on several goroutines.
type fileSpec struct {
	organization, control, top []schema.Field
	// controlKeys are the keys of control, which every control's mapping
	// is checked against.
	controlKeys []string
	doc         schema.Document
}

var (
	specOnce sync.Once
	spec     fileSpec
)

// theSpec returns the field lists, made on first use.
func theSpec() *fileSpec {
	specOnce.Do(buildSpec)
	return &spec
}

func buildSpec() {
	spec.organization = orgSchema()
	spec.control = controlSchema()
	spec.controlKeys = schema.Names(spec.control)
	spec.top = []schema.Field{
		{Name: "edition", Type: schema.Enum, Enum: Editions, Desc: "Which Annex A the control ids belong to (default 2022)"},
		{Name: "organization", Type: schema.Object, Fields: spec.organization, Required: true},
		{Name: "revisions", Type: schema.ObjectList, Nullable: true, Fields: revisionFields, Desc: "Revision history of the SoA"},
		{Name: "controls", Type: schema.Map, Nullable: true, NullEntries: true, KeyPattern: `^[A-Za-z0-9][A-Za-z0-9._-]*$`, Fields: spec.control, Desc: "Answers, keyed by control id"},
	}
	spec.doc = schema.Document{
		ID:     "https://github.com/soa-tool/soa/schema/answers.json",
		Title:  "soa answers file",
		Desc:   "One organization's answers for its ISO/IEC 27001 Statement of Applicability",
		Fields: spec.top,
	}
}

// revisionFields are the fields of a revision.
var revisionFields = []schema.Field{
	{Name: "version", Type: schema.String, Desc: "SoA version"},
	{Name: "date", Type: schema.Date, Desc: "Date of the revision (YYYY-MM-DD)"},
	{Name: "author", Type: schema.String},
	{Name: "description", Type: schema.String, Desc: "What changed, and why"},
	{Name: "notes", Type: schema.String, Desc: "Anything else about the revision (備考)"},
}

// Schema describes the answers file for `soa schema answers`.
func Schema() schema.Document { return theSpec().doc }

// RuleExcludedWithoutJustification tags the error of an excluded control
// with no justification: it makes the file invalid, yet it is an answer an
// auditor would find wanting rather than a file soa cannot read, so the gap
// report lists it as a finding.
const RuleExcludedWithoutJustification = "excluded-without-justification"

// controlSchema describes a control's answer: one schema field per answer field.
func controlSchema() []schema.Field {
	out := make([]schema.Field, len(Fields))
	for i, f := range Fields {
		out[i] = f.Schema()
	}
	return out
}

// orgSchema describes the organization block.
func orgSchema() []schema.Field {
	out := make([]schema.Field, len(OrgFields))
	for i, f := range OrgFields {
		out[i] = f.Schema()
	}
	return out
}
