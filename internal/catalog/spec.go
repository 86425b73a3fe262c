package catalog

import (
	"github.com/soa-tool/soa/internal/lazy"
	"github.com/soa-tool/soa/internal/schema"
)

func attributeSpec() []schema.Field {
	var out []schema.Field
	for _, t := range AttributeTypes {
		out = append(out, schema.Field{Name: t.Key, Type: schema.EnumList, Enum: t.Values, Desc: t.Title})
	}
	return out
}

// fieldSpecs are the fields of each mapping of a catalogue file, for the
// loader's field lists and `soa schema catalog`; made on first use, since a
// run with only the bundled catalogue reads no catalogue YAML.
type fieldSpecs struct {
	set, theme, objective, control, overlay, overlayControl []schema.Field
}

var specs = lazy.Value[fieldSpecs]{Make: func() fieldSpecs {
	objectiveSpec := []schema.Field{
		{Name: "id", Type: schema.String, Required: true, Desc: "Objective id, such as A.5.1"},
		{Name: "title", Type: schema.String, Required: true},
		{Name: "title_ja", Type: schema.String},
	}
	themeSpec := []schema.Field{
		{Name: "id", Type: schema.String, Required: true, Desc: "Theme id (organizational) or 2013 clause (A.5)"},
		{Name: "number", Type: schema.String, Desc: "Number of a 2022 theme: 5, 6, 7 or 8"},
		{Name: "title", Type: schema.String, Required: true},
		{Name: "title_ja", Type: schema.String},
		{Name: "objectives", Type: schema.ObjectList, Fields: objectiveSpec, Desc: "2013 control objectives"},
	}
	controlSpec := []schema.Field{
		{Name: "id", Type: schema.String, Required: true, Desc: "Control id: 5.1 … 8.34, A.5.1.1 … A.18.2.3, or the set's prefix followed by the id"},
		{Name: "theme", Type: schema.String, Desc: "Id of the control's theme"},
		{Name: "objective", Type: schema.String, Desc: "Id of the 2013 control objective"},
		{Name: "title", Type: schema.String, Required: true, Desc: "Title as published"},
		{Name: "title_ja", Type: schema.String, Desc: "Japanese title (JIS Q 27001)"},
		{Name: "summary", Type: schema.String, Desc: "One sentence in your own words"},
		{Name: "summary_ja", Type: schema.String, Desc: "The summary in Japanese; without it, Japanese output shows the English summary"},
		{Name: "new", Type: schema.Bool, Desc: "New in ISO/IEC 27001:2022"},
		{Name: "attributes", Type: schema.Object, Fields: attributeSpec(), Desc: "ISO/IEC 27002:2022 attributes"},
		{Name: "maps_to", Type: schema.StringList, Desc: "Ids of corresponding controls in another set (2013 → 2022)"},
		{Name: "text", Type: schema.String, Desc: "Full control text, for a user's own set"},
		{Name: "guidance", Type: schema.String},
	}
	setSpec := []schema.Field{
		{Name: "set", Type: schema.String, Required: true, Desc: "Id of the control set"},
		{Name: "title", Type: schema.String, Required: true},
		{Name: "edition", Type: schema.Enum, Enum: Editions, Desc: "Edition of an ISO set; for a user's set, the edition whose SoA includes it"},
		{Name: "prefix", Type: schema.String, Desc: "Prefix of every id of a user's set, such as ORG- or CLD."},
		{Name: "themes", Type: schema.ObjectList, Nullable: true, Fields: themeSpec},
		{Name: "controls", Type: schema.ObjectList, Fields: controlSpec, Required: true},
	}
	overlayControlSpec := []schema.Field{
		{Name: "title_ja", Type: schema.String},
		{Name: "summary", Type: schema.String},
		{Name: "summary_ja", Type: schema.String},
		{Name: "text", Type: schema.String, Desc: "Licensed control text"},
		{Name: "guidance", Type: schema.String},
		{Name: "attributes", Type: schema.Object, Fields: attributeSpec(), Desc: "ISO/IEC 27002:2022 attributes; each type given replaces the control's"},
		{Name: "extra", Type: schema.StringMap, Desc: "Any other fields, shown as they are"},
	}
	overlaySpec := []schema.Field{
		{Name: "overlay", Type: schema.String, Required: true, Desc: "What the overlay adds"},
		{Name: "controls", Type: schema.Map, KeyPattern: `^[A-Za-z0-9][A-Za-z0-9._-]*$`, Fields: overlayControlSpec},
	}
	return fieldSpecs{setSpec, themeSpec, objectiveSpec, controlSpec, overlaySpec, overlayControlSpec}
}}

// Schema describes catalogue files for `soa schema catalog`: a control set
// or an overlay.
func Schema() schema.Document {
	s := specs.Get()
	return schema.Document{
		ID:    "https://github.com/soa-tool/soa/schema/catalog.json",
		Title: "soa catalogue file",
		Desc:  "A control set, or an overlay that adds fields to existing controls",
		OneOf: [][]schema.Field{s.set, s.overlay},
	}
}
