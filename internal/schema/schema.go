// Package schema describes the shape of soa's YAML files once, as data:
// the loaders take their field names and enum lists from it, and
// `soa schema` turns it into a JSON Schema (draft 2020-12) for editors.
//
// The JSON Schema accepts what the loaders read without an error, as far as
// a schema can see it: each Type below accepts what the yamlfile.Reader
// method that reads it accepts, an empty value (null) wherever the loader
// takes it as "not given", and the spellings of true and false the loader
// takes. Editors see YAML through the YAML 1.2 core schema, where yes and
// 2026-04-01 are text and 2022 is a number; the schema follows that. Rules
// about meaning (unknown control ids, a partial control without an owner)
// are left to soa validate.
package schema

import (
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/soa-tool/soa/internal/yamlfile"
)

// Type is the type of a field's value.
type Type int

const (
	String     Type = iota // text; numbers and true/false are read as their text; empty is ""
	Date                   // YYYY-MM-DD; empty is no date
	Bool                   // true or false, or a spelling in yamlfile.TrueWords and FalseWords; empty only if Nullable
	Enum                   // one of Enum; empty is no value
	EnumList               // a list of items of Enum (a single item is accepted); empty is no items
	StringList             // a list of text items (a single item is accepted); empty is no items
	Object                 // a mapping with Fields; empty only if Nullable
	ObjectList             // a list of mappings with Fields; empty only if Nullable
	Map                    // a mapping from keys matching KeyPattern to mappings with Fields; empty only if Nullable
	StringMap              // a mapping from any key to text; empty only if Nullable
)

// Field is one key of a mapping.
type Field struct {
	Name       string
	Type       Type
	Desc       string
	Enum       []string
	Fields     []Field
	KeyPattern string
	// Required: the key must be there; a required String or Date must not
	// be empty.
	Required bool
	// Nullable: an empty value ("key:" or ~) is read as "not given". Only
	// for Bool, Object, ObjectList, Map and StringMap: the other types
	// always accept it.
	Nullable bool
	// NullEntries: a Map entry may be empty ("5.1:" lists a control without
	// answering it).
	NullEntries bool
	// RequiredWhenFalse names a Bool field of the same mapping: when that
	// field is false, this one must be given and not blank (a control that
	// is not applicable needs a justification).
	RequiredWhenFalse string
}

// Names returns the names of fields in order.
func Names(fields []Field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Name
	}
	return out
}

// Lookup returns the field called name.
func Lookup(fields []Field, name string) (Field, bool) {
	for _, f := range fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// Document is a whole file: its top-level fields and metadata.
type Document struct {
	ID     string
	Title  string
	Desc   string
	Fields []Field
	// OneOf, when set, lists alternative shapes of the file instead of Fields.
	OneOf [][]Field
}

// Write prints d as an indented JSON Schema, draft 2020-12.
func Write(w io.Writer, d Document) error {
	var s ordered
	if len(d.OneOf) > 0 {
		var alts []ordered
		for _, fields := range d.OneOf {
			alts = append(alts, object(fields))
		}
		s = ordered{{"oneOf", alts}}
	} else {
		s = object(d.Fields)
	}
	out := ordered{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", d.ID},
		{"title", d.Title},
		{"description", d.Desc},
	}
	out = append(out, s...)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// ordered is a JSON object whose keys keep their order.
type ordered []kv

type kv struct {
	k string
	v any
}

func (o ordered) MarshalJSON() ([]byte, error) {
	buf := []byte{'{'}
	for i, e := range o {
		if i > 0 {
			buf = append(buf, ',')
		}
		k, err := json.Marshal(e.k)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(e.v)
		if err != nil {
			return nil, err
		}
		buf = append(append(append(buf, k...), ':'), v...)
	}
	return append(buf, '}'), nil
}

func object(fields []Field) ordered {
	props := ordered{}
	var required []string
	var rules []ordered
	for _, f := range fields {
		props = append(props, kv{f.Name, property(f)})
		if f.Required {
			required = append(required, f.Name)
		}
		if f.RequiredWhenFalse != "" {
			rules = append(rules, ordered{
				{"if", ordered{{"properties", ordered{{f.RequiredWhenFalse, isFalse()}}}, {"required", []string{f.RequiredWhenFalse}}}},
				{"then", ordered{{"properties", ordered{{f.Name, ordered{{"type", scalar}, {"pattern", `\S`}}}}}, {"required", []string{f.Name}}}},
			})
		}
	}
	o := ordered{{"type", "object"}, {"properties", props}, {"additionalProperties", false}}
	if len(required) > 0 {
		o = append(o, kv{"required", required})
	}
	if len(rules) > 0 {
		o = append(o, kv{"allOf", rules})
	}
	return o
}

// scalar is what yamlfile.Reader.String reads as text: any scalar.
var scalar = []string{"string", "number", "boolean"}

// text is a String: any scalar, or null for "".
var text = []string{"string", "number", "boolean", "null"}

func property(f Field) ordered {
	var p ordered
	switch f.Type {
	case String:
		p = ordered{{"type", text}}
		if f.Required {
			// Not empty, and not only spaces: the loaders trim.
			p = ordered{{"type", scalar}, {"minLength", 1}, {"pattern", `\S`}}
		}
	case Date:
		date := ordered{{"type", "string"}, {"pattern", `^\d{4}-\d{2}-\d{2}$`}, {"format", "date"}}
		p = ordered{{"anyOf", []ordered{date, {{"enum", []any{"", nil}}}}}}
		if f.Required {
			p = date
		}
	case Bool:
		p = ordered{{"anyOf", []ordered{
			{{"type", "boolean"}},
			{{"type", "string"}, {"pattern", wordsPattern(append(slices.Clone(yamlfile.TrueWords), yamlfile.FalseWords...))}},
		}}}
	case Enum:
		p = enumItem(f.Enum)
	case EnumList:
		item := enumItem(f.Enum)
		p = ordered{{"anyOf", []ordered{
			item,
			{{"type", "array"}, {"items", item}, {"uniqueItems", true}},
		}}}
	case StringList:
		item := ordered{{"type", text}}
		p = ordered{{"anyOf", []ordered{
			item,
			{{"type", "array"}, {"items", item}},
		}}}
	case Object:
		p = object(f.Fields)
	case ObjectList:
		p = ordered{{"type", "array"}, {"items", object(f.Fields)}}
	case Map:
		entry := object(f.Fields)
		if f.NullEntries {
			entry = nullable(entry)
		}
		p = ordered{{"type", "object"}, {"propertyNames", ordered{{"pattern", f.KeyPattern}}}, {"additionalProperties", entry}}
	case StringMap:
		p = ordered{{"type", "object"}, {"additionalProperties", ordered{{"type", text}}}}
	}
	if f.Nullable {
		p = nullable(p)
	}
	if f.Desc != "" {
		p = append(ordered{{"description", f.Desc}}, p...)
	}
	return p
}

// nullable lets p be null too: a "type" gains "null", anything else is
// wrapped in anyOf.
func nullable(p ordered) ordered {
	if len(p) > 0 && p[0].k == "type" {
		if t, ok := p[0].v.(string); ok {
			return append(ordered{{"type", []string{t, "null"}}}, p[1:]...)
		}
	}
	if len(p) == 1 && p[0].k == "anyOf" {
		alts := append(p[0].v.([]ordered), ordered{{"type", "null"}})
		return ordered{{"anyOf", alts}}
	}
	return ordered{{"anyOf", []ordered{p, {{"type", "null"}}}}}
}

// isFalse matches what yamlfile.Reader.Bool reads as false.
func isFalse() ordered {
	return ordered{{"anyOf", []ordered{
		{{"const", false}},
		{{"type", "string"}, {"pattern", wordsPattern(yamlfile.FalseWords)}},
	}}}
}

// wordsPattern matches any of words in any case.
func wordsPattern(words []string) string {
	alts := make([]string, len(words))
	for i, w := range words {
		var b strings.Builder
		for _, r := range w {
			if up := unicode.ToUpper(r); up != r {
				b.WriteString("[" + string(r) + string(up) + "]")
			} else {
				b.WriteRune(r)
			}
		}
		alts[i] = b.String()
	}
	return "^(?:" + strings.Join(alts, "|") + ")$"
}

// enumItem accepts the values as listed, and in any case (Implemented),
// as yamlfile.Reader.Enum does.
func enumItem(values []string) ordered {
	return ordered{{"anyOf", []ordered{
		{{"enum", enumValues(values)}},
		{{"type", "string"}, {"pattern", wordsPattern(values)}},
	}}}
}

// enumValues lists what yamlfile.Reader.Enum accepts for values: each
// value, a number whose text is the value (edition: 2022 unquoted), and
// the empty value.
func enumValues(values []string) []any {
	out := make([]any, 0, 2*len(values)+2)
	for _, v := range values {
		out = append(out, v)
	}
	for _, v := range values {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && strconv.FormatInt(n, 10) == v {
			out = append(out, json.Number(v))
		}
	}
	return append(out, "", nil)
}
