package answers_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/golden"
	"github.com/soa-tool/soa/internal/schema"
	"go.yaml.in/yaml/v3"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	var buf bytes.Buffer
	if err := schema.Write(&buf, answers.Schema); err != nil {
		t.Fatal(err)
	}
	// The committed copy, which examples' modelines point at, must match.
	golden.Check(t, "../../schema/answers.schema.json", buf.Bytes())
	doc, err := jsonschema.UnmarshalJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("answers.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("answers.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// toJSON converts YAML the way the YAML language server does before it
// applies a schema: keys and timestamps are text, numbers and booleans
// keep their type.
func toJSON(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		return toJSON(n.Content[0])
	case yaml.AliasNode:
		return toJSON(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Tag == "!!merge" {
				if sub, ok := toJSON(n.Content[i+1]).(map[string]any); ok {
					for k, v := range sub {
						if _, set := m[k]; !set {
							m[k] = v
						}
					}
				}
				continue
			}
			m[n.Content[i].Value] = toJSON(n.Content[i+1])
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
		v, _ := strconv.ParseBool(n.Value)
		return v
	case "!!int", "!!float":
		return json.Number(n.Value)
	}
	return n.Value
}

func loadYAML(t *testing.T, path string) any {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		t.Fatal(err)
	}
	return toJSON(&n)
}

func TestSchemaAcceptsExamples(t *testing.T) {
	s := compileSchema(t)
	files, _ := filepath.Glob("../../testdata/examples/*.yaml")
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	for _, p := range files {
		if err := s.Validate(loadYAML(t, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// TestSchemaRejectsBad: each bad file whose fault is one of shape (not of
// meaning, such as an unknown control id) fails the schema too.
func TestSchemaRejectsBad(t *testing.T) {
	s := compileSchema(t)
	for _, name := range []string{
		"unknown-field.yaml", "bad-enum.yaml", "wrong-type.yaml", "missing-organization.yaml",
		"bad-date.yaml", "list.yaml",
	} {
		if err := s.Validate(loadYAML(t, filepath.Join("../../testdata/bad", name))); err == nil {
			t.Errorf("%s passes the schema", name)
		}
	}
}
