// Package schematest checks YAML files against the JSON Schemas that
// `soa schema` prints, seeing the YAML as the YAML language server does.
package schematest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/soa-tool/soa/internal/schema"
	"go.yaml.in/yaml/v3"
)

// Compile writes d as JSON Schema, checks it against the committed copy at
// golden (when not ""), and compiles it. Formats such as "date" are
// asserted, as editors do.
func Compile(t testing.TB, d schema.Document, check func(t testing.TB, got []byte)) *jsonschema.Schema {
	t.Helper()
	var buf bytes.Buffer
	if err := schema.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	if check != nil {
		check(t, buf.Bytes())
	}
	doc, err := jsonschema.UnmarshalJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// FromYAML converts one YAML document to the JSON value an editor checks
// against the schema. It follows the YAML 1.2 core schema, as the YAML
// language server does by default: keys and timestamps are text, yes and no
// are text, true, false, numbers and null keep their type, aliases and
// merge keys are expanded. A leading byte-order mark is skipped.
func FromYAML(src []byte) (any, error) {
	src = bytes.TrimPrefix(src, []byte{0xEF, 0xBB, 0xBF})
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		return nil, err
	}
	if n.Kind != yaml.DocumentNode || len(n.Content) == 0 {
		return nil, fmt.Errorf("no YAML document")
	}
	return toJSON(n.Content[0]), nil
}

func toJSON(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		return toJSON(n.Content[0])
	case yaml.AliasNode:
		return toJSON(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		var merged []map[string]any
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Tag == "!!merge" {
				merged = append(merged, mergeSources(v)...)
				continue
			}
			m[k.Value] = toJSON(v)
		}
		// Keys written in the mapping win over merged ones.
		for _, sub := range merged {
			for k, v := range sub {
				if _, set := m[k]; !set {
					m[k] = v
				}
			}
		}
		return m
	case yaml.SequenceNode:
		s := []any{}
		for _, c := range n.Content {
			s = append(s, toJSON(c))
		}
		return s
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err == nil {
			return b
		}
	case "!!int", "!!float":
		var f float64
		if err := n.Decode(&f); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			if _, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
				return json.Number(n.Value)
			}
			return f
		}
	}
	return n.Value
}

func mergeSources(v *yaml.Node) []map[string]any {
	for v.Kind == yaml.AliasNode {
		v = v.Alias
	}
	if v.Kind == yaml.SequenceNode {
		var out []map[string]any
		for _, c := range v.Content {
			out = append(out, mergeSources(c)...)
		}
		return out
	}
	if m, ok := toJSON(v).(map[string]any); ok {
		return []map[string]any{m}
	}
	return nil
}

// Validate converts src with FromYAML and validates it against s.
func Validate(s *jsonschema.Schema, src []byte) error {
	v, err := FromYAML(src)
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// With returns the YAML document base with key set to value (YAML text,
// such as `~` or `[a, b]`) in the mapping found by following path from the
// top: mapping keys, or list indexes written as numbers. An empty value
// means a key with nothing after it.
func With(base []byte, path []string, key, value string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(base, &doc); err != nil {
		return nil, err
	}
	var v yaml.Node
	if err := yaml.Unmarshal([]byte("v: "+value), &v); err != nil {
		return nil, fmt.Errorf("value %s: %w", value, err)
	}
	val := v.Content[0].Content[1]
	n := doc.Content[0]
	for _, p := range path {
		switch n.Kind {
		case yaml.MappingNode:
			next := lookup(n, p)
			if next == nil {
				return nil, fmt.Errorf("no key %q in %v", p, path)
			}
			n = next
		case yaml.SequenceNode:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil, fmt.Errorf("no item %q in %v", p, path)
			}
			n = n.Content[i]
		default:
			return nil, fmt.Errorf("%v does not lead to a mapping", path)
		}
	}
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%v does not lead to a mapping", path)
	}
	if old := lookup(n, key); old != nil {
		*old = *val
	} else {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, val)
	}
	return yaml.Marshal(&doc)
}

func lookup(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// Samples are values of every shape: empty values, text, numbers, the
// spellings of true and false, dates good and bad, lists and mappings.
var Samples = []string{
	`~`, ``, `""`, `"  "`, `x`, `"x"`, `1`, `"1"`, `0`, `1.5`, `-3`,
	`true`, `false`, `True`, `FALSE`, `yes`, `No`, `"YES"`, `"false"`, `'tRuE'`, `on`, `y`,
	`2022`, `"2022"`, `2013`, `2019`,
	`2026-04-01`, `"2026-04-01"`, `2026-02-30`, `2026-4-1`, `01/04/2026`, `20260401`,
	`[]`, `[x]`, `[x, 1, true, ~]`, `[[x]]`, `[{a: b}]`, `[~]`, `{}`, `{a: b}`, `{a: [b]}`, `{a: ~}`,
}

// Slot is a mapping in a base document, found by Path as in With, and the
// fields it may hold.
type Slot struct {
	Path   []string
	Fields []schema.Field
	// Skip names fields left out of the sweep, with the reason: fields
	// whose rules are about meaning, which a schema cannot check.
	Skip map[string]string
}

// Sweep puts each sample, and each field's enum values (as written, quoted
// and in upper case), into each field of each slot of base, and reports
// every case where the schema and the loader disagree; loader returns the
// errors it finds in a file. gaps lists cases, named "path.field: sample",
// known to disagree, with the reason; a gap that no longer happens is
// reported too, so the list stays true.
func Sweep(t *testing.T, s *jsonschema.Schema, base []byte, slots []Slot, samples []string, gaps map[string]string, loader func(src []byte) []string) {
	t.Helper()
	if err := Validate(s, base); err != nil {
		t.Fatalf("the base file fails the schema: %v", err)
	}
	if errs := loader(base); len(errs) > 0 {
		t.Fatalf("the base file fails the loader: %v", errs)
	}
	seen := map[string]bool{}
	for _, sl := range slots {
		prefix := strings.Join(sl.Path, ".")
		if prefix != "" {
			prefix += "."
		}
		for _, f := range sl.Fields {
			if _, skip := sl.Skip[f.Name]; skip {
				continue
			}
			vals := slices.Clone(samples)
			for _, e := range f.Enum {
				vals = append(vals, e, strconv.Quote(e), strings.ToUpper(e))
			}
			for _, v := range vals {
				name := prefix + f.Name + ": " + v
				src, err := With(base, sl.Path, f.Name, v)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				errs := loader(src)
				serr := Validate(s, src)
				if (len(errs) == 0) == (serr == nil) {
					continue
				}
				if _, ok := gaps[name]; ok {
					seen[name] = true
					continue
				}
				if len(errs) == 0 {
					t.Errorf("%s: the loader accepts it, the schema does not: %v", name, serr)
				} else {
					t.Errorf("%s: the schema accepts it, the loader does not: %s", name, strings.Join(errs, "; "))
				}
			}
		}
	}
	for name := range gaps {
		if !seen[name] {
			t.Errorf("known gap %q no longer happens; remove it", name)
		}
	}
}
