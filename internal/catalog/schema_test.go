package catalog_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/golden"
	"github.com/soa-tool/soa/internal/schema"
	"go.yaml.in/yaml/v3"
)

// TestSchema: the committed catalogue schema is current, and the bundled
// catalogue and the worked example of a user's catalogue pass it.
func TestSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := schema.Write(&buf, catalog.Schema); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "../../schema/catalog.schema.json", buf.Bytes())
	doc, err := jsonschema.UnmarshalJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("catalog.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("catalog.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../controls/*.yaml")
	custom, _ := filepath.Glob("../../testdata/catalog/custom/*.yaml")
	for _, p := range append(files, custom...) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := yaml.Unmarshal(src, &v); err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(jsonValue(v)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, name := range []string{"unknown-field.yaml", "unknown-attribute-value.yaml", "unknown-attribute-type.yaml", "list-at-top.yaml"} {
		src, _ := os.ReadFile(filepath.Join("../../testdata/catalog/bad", name))
		var v any
		if err := yaml.Unmarshal(src, &v); err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(jsonValue(v)); err == nil {
			t.Errorf("%s passes the schema", name)
		}
	}
}

// jsonValue turns what yaml.v3 decodes into JSON values: map keys become
// text (ids such as 5.1 decode as numbers without this).
func jsonValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonValue(e)
		}
		return x
	case map[any]any:
		m := map[string]any{}
		for k, e := range x {
			m[yamlKey(k)] = jsonValue(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = jsonValue(e)
		}
		return x
	case int:
		return float64(x)
	}
	return v
}

func yamlKey(k any) string {
	out, _ := yaml.Marshal(k)
	return string(bytes.TrimSpace(out))
}
