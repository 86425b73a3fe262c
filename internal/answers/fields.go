package answers

import (
	"slices"
	"strconv"
	"strings"

	"github.com/soa-tool/soa/internal/schema"
	"github.com/soa-tool/soa/internal/yamlfile"
	"go.yaml.in/yaml/v3"
)

// The keys of the answer fields, for the code that means one field in
// particular (a rule about target dates, the status colours). Everything
// that treats every field alike walks Fields instead.
const (
	KeyApplicable    = "applicable"
	KeyReasons       = "reasons"
	KeyJustification = "justification"
	KeyStatus        = "status"
	KeyOwner         = "owner"
	KeyEvidence      = "evidence"
	KeyTargetDate    = "target_date"
	KeyReviewedOn    = "reviewed_on"
	KeyRisks         = "risks"
	KeyNotes         = "notes"
	KeyReview        = "review"
)

// Kind is the shape of a field's value. Each consumer (the loader, the
// encoder, the in-place editor, the schema, the workbook and its import)
// knows how to handle each kind, so a new field of a known kind needs no
// code anywhere but its line in Fields.
type Kind int

const (
	Bool     Kind = iota // true or false; nil when not answered
	Enum                 // one of Values
	EnumSet              // any of Values, a set shown in Values' order
	Line                 // one line of text
	Text                 // text that may run over several lines
	TextList             // items of one line each
	IDList               // short identifiers (risk register entries) of one line each, without commas
	Date                 // YYYY-MM-DD
)

// Value is a field's value in one form for every kind: nil when the field
// is empty; "true" or "false" for a Bool; one item for Enum, Line, Text and
// Date; the items of a list.
type Value []string

// Field is one answer field: everything soa knows about it in one place.
type Field struct {
	Key    string
	Kind   Kind
	Values []string // Enum and EnumSet: the allowed values, in the order documents show them
	Desc   string   // for the JSON Schema
	// Column is the message key of the field's heading on the SoA sheet,
	// and its width in characters in English and Japanese. A field
	// without a Column is shown in another field's cell (see Remark).
	Column string
	Width  [2]float64
	// Remark marks soa's own note to a person (review): shown in the Notes
	// cell after a mark, not in the scaffold, not compared between
	// versions, and left out of JSON when empty.
	Remark bool
	// RequiredWhenFalse names a Bool field: when it is false, this one
	// must not be empty (the JSON Schema says so; the rule is a finding).
	RequiredWhenFalse string

	// Where an Answer holds the field, one of three by its kind: a text
	// (Enum, Line, Text, Date), a list (EnumSet, TextList, IDList) or a
	// Bool. Get and Set go through it, and so do read and Size, which
	// build no Value.
	text func(*Answer) *string
	list func(*Answer) *[]string
	flag func(*Answer) **bool
}

// Fields lists the answer fields in the order files, workbooks and reports
// show them.
var Fields = []*Field{
	{Key: KeyApplicable, Kind: Bool, Column: "col.applicable", Width: [2]float64{11, 9},
		Desc: "Whether the control is applicable (included in the ISMS)",
		flag: func(a *Answer) **bool { return &a.Applicable }},
	// A set of Values is one column per value on the SoA sheet, headed by
	// the message Column + "." + value ("reason.legal"), each Width wide.
	{Key: KeyReasons, Kind: EnumSet, Values: Reasons, Column: "reason", Width: [2]float64{4.5, 4.5},
		Desc: "Why the control is included",
		list: func(a *Answer) *[]string { return &a.Reasons }},
	{Key: KeyJustification, Kind: Text, Column: "col.justification", Width: [2]float64{46, 46}, RequiredWhenFalse: KeyApplicable,
		Desc: "Justification for inclusion, or for exclusion when not applicable",
		text: func(a *Answer) *string { return &a.Justification }},
	{Key: KeyStatus, Kind: Enum, Values: Statuses, Column: "col.status", Width: [2]float64{15, 11},
		Desc: "Implementation status",
		text: func(a *Answer) *string { return (*string)(&a.Status) }},
	{Key: KeyOwner, Kind: Line, Column: "col.owner", Width: [2]float64{16, 18},
		Desc: "Person or role responsible",
		text: func(a *Answer) *string { return &a.Owner }},
	{Key: KeyEvidence, Kind: TextList, Column: "col.evidence", Width: [2]float64{34, 34},
		Desc: "Documents and records that show the control works",
		list: func(a *Answer) *[]string { return &a.Evidence }},
	{Key: KeyTargetDate, Kind: Date, Column: "col.target_date", Width: [2]float64{11, 11},
		Desc: "When a partial or planned control will be implemented (YYYY-MM-DD)",
		text: func(a *Answer) *string { return &a.TargetDate }},
	{Key: KeyReviewedOn, Kind: Date, Column: "col.reviewed_on", Width: [2]float64{11, 11},
		Desc: "When the control's answer and evidence were last reviewed (YYYY-MM-DD)",
		text: func(a *Answer) *string { return &a.ReviewedOn }},
	{Key: KeyRisks, Kind: IDList, Column: "col.risks", Width: [2]float64{12, 12},
		Desc: "Risk register entries the control treats, such as R-012",
		list: func(a *Answer) *[]string { return &a.Risks }},
	{Key: KeyNotes, Kind: Text, Column: "col.notes", Width: [2]float64{26, 26},
		text: func(a *Answer) *string { return &a.Notes }},
	{Key: KeyReview, Kind: Text, Remark: true,
		Desc: "Something a person must check, such as a disagreement found when migrating from 2013",
		text: func(a *Answer) *string { return &a.Review }},
}

// FieldByKey returns the field called key, or nil.
func FieldByKey(key string) *Field {
	for _, f := range Fields {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// FieldKeys lists the keys of Fields in order.
func FieldKeys() []string {
	keys := make([]string, len(Fields))
	for i, f := range Fields {
		keys[i] = f.Key
	}
	return keys
}

// Get returns the field's value in a (nil for a nil answer).
func (f *Field) Get(a *Answer) Value {
	switch {
	case a == nil:
		return nil
	case f.text != nil:
		return textValue(*f.text(a))
	case f.list != nil:
		return listValue(*f.list(a))
	}
	return boolValue(*f.flag(a))
}

// Set sets the field's value in a; an empty value clears it.
func (f *Field) Set(a *Answer, v Value) {
	if len(v) == 0 {
		v = nil
	}
	switch {
	case f.text != nil:
		*f.text(a) = valueText(v)
	case f.list != nil:
		*f.list(a) = v
	default:
		*f.flag(a) = valueBool(v)
	}
}

// Size is how many bytes the items of Get(a) hold, and one more for each
// item (the line break that joins them in a cell), without building them:
// the rules ask it of every field of every control.
func (f *Field) Size(a *Answer) int {
	switch {
	case a == nil:
		return 0
	case f.text != nil:
		if s := *f.text(a); s != "" {
			return len(s) + 1
		}
		return 0
	case f.list != nil:
		n := 0
		for _, s := range *f.list(a) {
			n += len(s) + 1
		}
		return n
	}
	if b := *f.flag(a); b != nil {
		return len(strconv.FormatBool(*b)) + 1
	}
	return 0
}

// Multiline reports whether the field's text may hold line breaks.
func (f *Field) Multiline() bool { return f.Kind == Text }

// IsList reports whether the field holds several items.
func (f *Field) IsList() bool { return f.Kind == EnumSet || f.Kind == TextList || f.Kind == IDList }

// Canonical is v as compared: a set in Values' order, a text without the
// line break a YAML block ends with (which a spreadsheet cell does not
// keep: "text\n" in the file and "text" in the workbook are one answer).
func (f *Field) Canonical(v Value) Value {
	switch f.Kind {
	case EnumSet:
		var out Value
		for _, x := range f.Values {
			if slices.Contains(v, x) {
				out = append(out, x)
			}
		}
		return out
	case Text:
		if len(v) == 1 {
			if s := strings.TrimRight(v[0], "\n"); s != "" {
				return Value{s}
			}
			return nil
		}
	}
	return v
}

// Equal reports whether x and y are the same answer.
func (f *Field) Equal(x, y Value) bool { return slices.Equal(f.Canonical(x), f.Canonical(y)) }

// Show is v for people, on one line where it can be: a change line, a
// comparison of two versions. Evidence items are separated by "; ", a
// set's values come in Values' order.
func (f *Field) Show(v Value) string {
	v = f.Canonical(v)
	switch f.Kind {
	case TextList:
		return strings.Join(v, "; ")
	case EnumSet, IDList:
		return strings.Join(v, ", ")
	}
	return strings.Join(v, "")
}

// Node is v as YAML, the way soa writes it: reasons and risks as a flow
// list, evidence as a block list, dates unquoted, several lines as a
// literal block. It is nil for an empty value.
func (f *Field) Node(v Value) *yaml.Node { return f.node(onHeap, v) }

// node is Node, made in ns.
func (f *Field) node(ns *nodes, v Value) *yaml.Node {
	if len(v) == 0 {
		return nil
	}
	switch f.Kind {
	case Bool:
		return ns.new(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: v[0]})
	case Date:
		return ns.date(v[0])
	case EnumSet, IDList, TextList:
		seq := ns.new(yaml.Node{Kind: yaml.SequenceNode, Content: ns.list(len(v))})
		if f.Kind != TextList {
			seq.Style = yaml.FlowStyle
		}
		for _, item := range v {
			seq.Content = append(seq.Content, ns.text(item))
		}
		return seq
	}
	return ns.text(v[0])
}

// valueIn is Get(a), its one item held in one rather than in a slice of
// its own (a is not nil).
func (f *Field) valueIn(a *Answer, one *[1]string) Value {
	switch {
	case f.text != nil:
		if one[0] = *f.text(a); one[0] == "" {
			return nil
		}
		return one[:]
	case f.list != nil:
		return listValue(*f.list(a))
	}
	if b := *f.flag(a); b != nil {
		one[0] = strconv.FormatBool(*b)
		return one[:]
	}
	return nil
}

// read sets the field in a to its value in n, or clears it when n does
// not hold one, reporting what is wrong at at.
func (f *Field) read(r *yamlfile.Reader, n *yamlfile.Node, at yamlfile.At, a *Answer) {
	switch f.Kind {
	case Bool:
		var b *bool
		if !yamlfile.IsNull(n) {
			if v, ok := r.Bool(n, at); ok {
				b = &v
			}
		}
		*f.flag(a) = b
	case EnumSet:
		v, _ := r.EnumList(n, at, f.Values)
		*f.list(a) = listValue(v)
	case TextList, IDList:
		v, _ := r.Strings(n, at)
		*f.list(a) = listValue(v)
	case Enum:
		*f.text(a), _ = r.Enum(n, at, f.Values)
	case Date:
		*f.text(a), _ = r.Date(n, at)
	default:
		*f.text(a), _ = r.String(n, at)
	}
}

// Schema describes the field for `soa schema answers`.
func (f *Field) Schema() schema.Field {
	return schema.Field{Name: f.Key, Type: schemaTypes[f.Kind], Enum: f.Values, Desc: f.Desc, Nullable: f.Kind == Bool,
		RequiredWhenFalse: f.RequiredWhenFalse}
}

// schemaTypes is the JSON Schema type of each kind of field. An array
// rather than a map: the schemas are built at start-up, every run.
var schemaTypes = [...]schema.Type{Bool: schema.Bool, Enum: schema.Enum, EnumSet: schema.EnumList, Line: schema.String,
	Text: schema.String, TextList: schema.StringList, IDList: schema.StringList, Date: schema.Date}

// Scaffold is the field's line in an answers file to fill in.
func (f *Field) Scaffold() string {
	if f.IsList() {
		return f.Key + ": []"
	}
	return f.Key + ":"
}

func boolValue(b *bool) Value {
	if b == nil {
		return nil
	}
	return Value{strconv.FormatBool(*b)}
}

func valueBool(v Value) *bool {
	if len(v) == 0 {
		return nil
	}
	b := v[0] == "true"
	return &b
}

func textValue(s string) Value {
	if s == "" {
		return nil
	}
	return Value{s}
}

func valueText(v Value) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

func listValue(items []string) Value {
	if len(items) == 0 {
		return nil
	}
	return Value(items)
}

// OrgField is one field of the organization block.
type OrgField struct {
	Key      string
	Kind     Kind // Line, Text, Date or Enum
	Values   []string
	Required bool
	Desc     string
	// Cover is the message key of the field's label on the workbook's
	// cover, "" when the cover does not show it; soa import reads back the
	// fields the cover shows.
	Cover string
	// Quoted fields are written in double quotes, so that a version such
	// as 1.10 stays text.
	Quoted bool
	// Dated names the date field the cover's approval block shows beside
	// this name field ("approved_by" is dated by "approved_on").
	Dated string
	get   func(*Organization) *string
}

// OrgFields lists the organization fields in the order files show them.
var OrgFields = []*OrgField{
	{Key: "name", Kind: Line, Required: true, Cover: "wb.organization", Desc: "Legal or trading name of the organization",
		get: func(o *Organization) *string { return &o.Name }},
	{Key: "scope", Kind: Text, Cover: "wb.scope", Desc: "Scope of the ISMS",
		get: func(o *Organization) *string { return &o.Scope }},
	{Key: "soa_version", Kind: Line, Quoted: true, Cover: "wb.soa_version", Desc: "Version of this Statement of Applicability, such as 1.2",
		get: func(o *Organization) *string { return &o.SoAVersion }},
	{Key: "date", Kind: Date, Required: true, Cover: "wb.date", Desc: "Date of this SoA version (YYYY-MM-DD)",
		get: func(o *Organization) *string { return &o.Date }},
	{Key: "document_id", Kind: Line, Cover: "wb.document_id", Desc: "Document number of the SoA in the ISMS document register, such as ISMS-SOA-001; printed on every page",
		get: func(o *Organization) *string { return &o.DocumentID }},
	{Key: "classification", Kind: Line, Cover: "wb.classification", Desc: "Confidentiality marking printed on every page, such as Confidential or 社外秘",
		get: func(o *Organization) *string { return &o.Classification }},
	{Key: "prepared_by", Kind: Line, Cover: "wb.prepared_by", Dated: "date", Desc: "Who prepared the SoA",
		get: func(o *Organization) *string { return &o.PreparedBy }},
	{Key: "reviewed_by", Kind: Line, Cover: "wb.reviewed_by", Dated: "reviewed_on", Desc: "Who reviewed the SoA before its approval",
		get: func(o *Organization) *string { return &o.ReviewedBy }},
	{Key: "reviewed_on", Kind: Date, Cover: "wb.reviewed_on", Desc: "Date of the review before approval (YYYY-MM-DD)",
		get: func(o *Organization) *string { return &o.ReviewedOn }},
	{Key: "approved_by", Kind: Line, Cover: "wb.approved_by", Dated: "approved_on", Desc: "Who approved the SoA",
		get: func(o *Organization) *string { return &o.ApprovedBy }},
	{Key: "approved_on", Kind: Date, Cover: "wb.approved_on", Desc: "Date of approval (YYYY-MM-DD)",
		get: func(o *Organization) *string { return &o.ApprovedOn }},
	{Key: "language", Kind: Enum, Values: Languages, Desc: "Default language of generated documents",
		get: func(o *Organization) *string { return &o.Language }},
}

// OrgFieldByKey returns the organization field called key, or nil.
func OrgFieldByKey(key string) *OrgField {
	for _, f := range OrgFields {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// Get returns the field's value in o.
func (f *OrgField) Get(o *Organization) string { return *f.get(o) }

// Set sets the field's value in o.
func (f *OrgField) Set(o *Organization, v string) { *f.get(o) = v }

// Path is the field's path for messages and positions: "organization.scope".
func (f *OrgField) Path() string { return "organization." + f.Key }

// Node is the field's value v as YAML.
func (f *OrgField) Node(v string) *yaml.Node {
	switch {
	case f.Quoted:
		return onHeap.quoted(v)
	case f.Kind == Date:
		return onHeap.date(v)
	}
	return onHeap.text(v)
}

func (f *OrgField) read(r *yamlfile.Reader, n *yamlfile.Node, at yamlfile.At) string {
	var s string
	switch f.Kind {
	case Date:
		s, _ = r.Date(n, at)
	case Enum:
		s, _ = r.Enum(n, at, f.Values)
	default:
		s, _ = r.String(n, at)
	}
	return s
}

// Schema describes the field for `soa schema answers`.
func (f *OrgField) Schema() schema.Field {
	return schema.Field{Name: f.Key, Type: schemaTypes[f.Kind], Enum: f.Values, Required: f.Required, Desc: f.Desc}
}
