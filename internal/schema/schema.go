// Package schema describes the shape of soa's YAML files once, as data:
// the loaders take their field names and enum lists from it, and
// `soa schema` turns it into a JSON Schema (draft 2020-12) for editors.
package schema

import (
	"encoding/json"
	"io"
)

// Type is the type of a field's value.
type Type int

const (
	String     Type = iota // text
	Date                   // YYYY-MM-DD
	Bool                   // true or false
	Enum                   // one of Enum
	EnumList               // a list of items of Enum (a single item is accepted)
	StringList             // a list of text items (a single item is accepted)
	Object                 // a mapping with Fields
	ObjectList             // a list of mappings with Fields
	Map                    // a mapping from keys matching KeyPattern to objects with Fields
	StringMap              // a mapping from any key to text
)

// Field is one key of a mapping.
type Field struct {
	Name       string
	Type       Type
	Desc       string
	Enum       []string
	Fields     []Field
	KeyPattern string
	Required   bool
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
	for _, f := range fields {
		props = append(props, kv{f.Name, property(f)})
		if f.Required {
			required = append(required, f.Name)
		}
	}
	o := ordered{{"type", "object"}, {"properties", props}, {"additionalProperties", false}}
	if len(required) > 0 {
		o = append(o, kv{"required", required})
	}
	return o
}

func property(f Field) ordered {
	var p ordered
	switch f.Type {
	case String:
		p = ordered{{"type", []string{"string", "number", "null"}}}
	case Date:
		p = ordered{{"type", "string"}, {"pattern", `^\d{4}-\d{2}-\d{2}$`}, {"format", "date"}}
	case Bool:
		p = ordered{{"type", "boolean"}}
	case Enum:
		p = ordered{{"enum", f.Enum}}
	case EnumList:
		p = ordered{{"oneOf", []ordered{
			{{"enum", f.Enum}},
			{{"type", "array"}, {"items", ordered{{"enum", f.Enum}}}, {"uniqueItems", true}},
		}}}
	case StringList:
		p = ordered{{"oneOf", []ordered{
			{{"type", "string"}},
			{{"type", "array"}, {"items", ordered{{"type", "string"}}}},
		}}}
	case Object:
		p = object(f.Fields)
	case ObjectList:
		p = ordered{{"type", "array"}, {"items", object(f.Fields)}}
	case Map:
		p = ordered{{"type", "object"}, {"propertyNames", ordered{{"pattern", f.KeyPattern}}}, {"additionalProperties", object(f.Fields)}}
	case StringMap:
		p = ordered{{"type", "object"}, {"additionalProperties", ordered{{"type", "string"}}}}
	}
	if f.Desc != "" {
		p = append(ordered{{"description", f.Desc}}, p...)
	}
	return p
}
