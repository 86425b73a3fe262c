package catalog_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/golden"
	"github.com/soa-tool/soa/internal/schema/schematest"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return schematest.Compile(t, catalog.Schema(), func(t testing.TB, got []byte) {
		golden.Check(t, "../../schema/catalog.schema.json", got)
	})
}

// TestSchema: the committed catalogue schema is current, the bundled
// catalogue and the worked examples of a user's catalogue pass it, and the
// bad files whose fault is one of shape fail it.
func TestSchema(t *testing.T) {
	s := compileSchema(t)
	files, _ := filepath.Glob("../../controls/*.yaml")
	custom, _ := filepath.Glob("../../testdata/catalog/custom/*.yaml")
	if len(files) < 3 || len(custom) == 0 {
		t.Fatalf("catalogue files missing: %v %v", files, custom)
	}
	for _, p := range append(files, custom...) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := schematest.Validate(s, src); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, name := range []string{"unknown-field.yaml", "unknown-attribute-value.yaml", "unknown-attribute-type.yaml", "list-at-top.yaml"} {
		src, err := os.ReadFile(filepath.Join("../../testdata/catalog/bad", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := schematest.Validate(s, src); err == nil {
			t.Errorf("%s passes the schema", name)
		}
	}
}
