package catalog

import (
	"testing"

	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/schema"
	"github.com/soa-tool/soa/internal/schema/schematest"
)

// TestSchemaAgreesWithParser puts sample values of every shape in each
// field of small valid catalogue files and checks that the schema accepts a
// value exactly when the parser reads the file without an error. Rules
// that look across files (where maps_to points, which controls an overlay
// names) come later, in Load, and are not the schema's business.
func TestSchemaAgreesWithParser(t *testing.T) {
	s := schematest.Compile(t, Schema(), nil)
	parse := func(src []byte) []string {
		_, l := parseFile(File{Name: "sample.yaml", Src: src})
		var out []string
		for _, d := range l {
			if d.Severity == diag.Error {
				out = append(out, d.String())
			}
		}
		return out
	}
	byMeaning := map[string]string{
		"set":       "lower-case id, checked by the parser",
		"prefix":    "a user's set needs one that cannot be mistaken for an Annex A id",
		"id":        "ids follow the set's prefix, objectives their theme",
		"theme":     "names a theme of the set",
		"objective": "names an objective of the set",
		"new":       "only 2022 Annex A controls can be new; swept on an ISO control below",
		"themes":    "controls must then name a theme; swept on a set without themes below",
	}
	field := func(spec []schema.Field, name string) []schema.Field {
		f, ok := schema.Lookup(spec, name)
		if !ok {
			t.Fatalf("no field %s", name)
		}
		return f.Fields
	}
	only := func(spec []schema.Field, names ...string) []schema.Field {
		var out []schema.Field
		for _, n := range names {
			f, ok := schema.Lookup(spec, n)
			if !ok {
				t.Fatalf("no field %s", n)
			}
			out = append(out, f)
		}
		return out
	}
	gaps := map[string]string{}

	userSet := []byte(`set: example-org
title: T
edition: "2022"
prefix: ORG-
themes:
  - id: t1
    title: Theme
    objectives:
      - id: t1.1
        title: Objective
controls:
  - id: ORG-1
    title: C
    theme: t1
    attributes:
      control_type: [preventive]
`)
	schematest.Sweep(t, s, userSet, []schematest.Slot{
		{Fields: specs.Get().set, Skip: byMeaning},
		{Path: []string{"themes", "0"}, Fields: specs.Get().theme, Skip: byMeaning},
		{Path: []string{"themes", "0", "objectives", "0"}, Fields: specs.Get().objective, Skip: byMeaning},
		{Path: []string{"controls", "0"}, Fields: specs.Get().control, Skip: byMeaning},
		{Path: []string{"controls", "0", "attributes"}, Fields: field(specs.Get().control, "attributes")},
	}, schematest.Samples, gaps, parse)

	noThemes := []byte("set: example-org\ntitle: T\nprefix: ORG-\ncontrols:\n  - id: ORG-1\n    title: C\n")
	schematest.Sweep(t, s, noThemes, []schematest.Slot{{Fields: only(specs.Get().set, "themes")}}, schematest.Samples, gaps, parse)

	iso := []byte(`set: iso27001-2022
title: ISO/IEC 27001:2022 Annex A
edition: "2022"
themes:
  - {id: organizational, number: "5", title: Organizational controls}
controls:
  - {id: "5.1", title: Policies, summary: s}
`)
	schematest.Sweep(t, s, iso, []schematest.Slot{{Path: []string{"controls", "0"}, Fields: only(specs.Get().control, "new")}}, schematest.Samples, gaps, parse)

	overlay := []byte(`overlay: Licensed text
controls:
  "5.1":
    text: t
    attributes:
      control_type: [preventive]
    extra:
      ref: POL-1
`)
	schematest.Sweep(t, s, overlay, []schematest.Slot{
		{Fields: specs.Get().overlay},
		{Path: []string{"controls", "5.1"}, Fields: specs.Get().overlayControl},
		{Path: []string{"controls", "5.1", "attributes"}, Fields: field(specs.Get().overlayControl, "attributes")},
		{Path: []string{"controls", "5.1", "extra"}, Fields: []schema.Field{{Name: "ref", Type: schema.String}}},
	}, schematest.Samples, gaps, parse)
}
