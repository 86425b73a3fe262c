package main

import (
	"os"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/soa-tool/soa/internal/schema/schematest"
)

// cmdJSONSchema checks YAML files against a JSON Schema file the way an
// editor does (schematest.FromYAML), so scripts can check that what soa
// writes passes the schema it writes:
//
//	jsonschema SCHEMA.json FILE.yaml...
func cmdJSONSchema(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: jsonschema SCHEMA.json FILE.yaml...")
	}
	f, err := os.Open(ts.MkAbs(args[0]))
	ts.Check(err)
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	ts.Check(err)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	ts.Check(c.AddResource("schema.json", doc))
	s, err := c.Compile("schema.json")
	ts.Check(err)
	for _, name := range args[1:] {
		src, err := os.ReadFile(ts.MkAbs(name))
		ts.Check(err)
		err = schematest.Validate(s, src)
		switch {
		case neg && err == nil:
			ts.Fatalf("%s passes the schema", name)
		case !neg && err != nil:
			ts.Fatalf("%s: %v", name, err)
		}
	}
}
