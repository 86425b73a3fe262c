package answers

import "github.com/soa-tool/soa/internal/schema"

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
// these, and `soa schema answers` prints them as JSON Schema.
var (
	organizationFields = []schema.Field{
		{Name: "name", Type: schema.String, Required: true, Desc: "Legal or trading name of the organization"},
		{Name: "scope", Type: schema.String, Desc: "Scope of the ISMS"},
		{Name: "soa_version", Type: schema.String, Desc: "Version of this Statement of Applicability, such as 1.2"},
		{Name: "date", Type: schema.Date, Required: true, Desc: "Date of this SoA version (YYYY-MM-DD)"},
		{Name: "prepared_by", Type: schema.String, Desc: "Who prepared the SoA"},
		{Name: "approved_by", Type: schema.String, Desc: "Who approved the SoA"},
		{Name: "approved_on", Type: schema.Date, Desc: "Date of approval (YYYY-MM-DD)"},
		{Name: "language", Type: schema.Enum, Enum: Languages, Desc: "Default language of generated documents"},
	}
	revisionFields = []schema.Field{
		{Name: "version", Type: schema.String, Desc: "SoA version"},
		{Name: "date", Type: schema.Date, Desc: "Date of the revision (YYYY-MM-DD)"},
		{Name: "author", Type: schema.String},
		{Name: "description", Type: schema.String, Desc: "What changed"},
	}
	controlFields = []schema.Field{
		{Name: "applicable", Type: schema.Bool, Nullable: true, Desc: "Whether the control is applicable (included in the ISMS)"},
		{Name: "reasons", Type: schema.EnumList, Enum: Reasons, Desc: "Why the control is included"},
		{Name: "justification", Type: schema.String, RequiredWhenFalse: "applicable", Desc: "Justification for inclusion, or for exclusion when not applicable"},
		{Name: "status", Type: schema.Enum, Enum: Statuses, Desc: "Implementation status"},
		{Name: "owner", Type: schema.String, Desc: "Person or role responsible"},
		{Name: "evidence", Type: schema.StringList, Desc: "Documents and records that show the control works"},
		{Name: "target_date", Type: schema.Date, Desc: "When a partial or planned control will be implemented (YYYY-MM-DD)"},
		{Name: "notes", Type: schema.String},
		{Name: "review", Type: schema.String, Desc: "Something a person must check, such as a disagreement found when migrating from 2013"},
	}
	// topFields is the whole file.
	topFields = []schema.Field{
		{Name: "edition", Type: schema.Enum, Enum: Editions, Desc: "Which Annex A the control ids belong to (default 2022)"},
		{Name: "organization", Type: schema.Object, Fields: organizationFields, Required: true},
		{Name: "revisions", Type: schema.ObjectList, Nullable: true, Fields: revisionFields, Desc: "Revision history of the SoA"},
		{Name: "controls", Type: schema.Map, Nullable: true, NullEntries: true, KeyPattern: `^[A-Za-z0-9][A-Za-z0-9._-]*$`, Fields: controlFields, Desc: "Answers, keyed by control id"},
	}
)

// Schema describes the answers file for `soa schema answers`.
var Schema = schema.Document{
	ID:     "https://github.com/soa-tool/soa/schema/answers.json",
	Title:  "soa answers file",
	Desc:   "One organization's answers for its ISO/IEC 27001 Statement of Applicability",
	Fields: topFields,
}

// RuleExcludedWithoutJustification tags the error of an excluded control
// with no justification: it makes the file invalid, yet it is an answer an
// auditor would find wanting rather than a file soa cannot read, so the gap
// report lists it as a finding.
const RuleExcludedWithoutJustification = "excluded-without-justification"
