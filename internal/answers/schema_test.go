package answers_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/golden"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/scaffold"
	"github.com/soa-tool/soa/internal/schema"
	"github.com/soa-tool/soa/internal/schema/schematest"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/transition"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	// The committed copy, which examples' modelines point at, must match.
	return schematest.Compile(t, answers.Schema(), func(t testing.TB, got []byte) {
		golden.Check(t, "../../schema/answers.schema.json", got)
	})
}

// loaderErrors returns the errors (not warnings) the loader reports in src.
// loaderErrors are the errors soa validate finds in src that a schema can
// see: the loader's, and the one rule about a single answer's shape, an
// exclusion without a justification (the JSON Schema requires one too).
func loaderErrors(name string, src []byte) diag.List {
	f, l := answers.Parse(name, src)
	var errs diag.List
	for _, d := range l {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	if f != nil {
		for _, a := range f.Controls {
			if a.Unjustified() {
				errs.Add(diag.Diagnostic{Pos: a.Pos, Severity: diag.Error, Control: a.ID, Field: "justification", Msg: "excluded without a justification"})
			}
		}
	}
	return errs
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// TestSchemaAcceptsWhatSoaWrites: every file soa writes passes the schema
// it writes beside it: the scaffolds of soa init and the output of soa
// migrate.
func TestSchemaAcceptsWhatSoaWrites(t *testing.T) {
	s := compileSchema(t)
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, edition := range answers.Editions {
		for _, code := range i18n.Languages {
			for _, org := range []string{"", "Example KK"} {
				var buf bytes.Buffer
				opts := scaffold.Options{Edition: edition, Org: org, Date: "2026-04-01", Lang: i18n.Lang(code), SchemaPath: "answers.schema.json"}
				if err := scaffold.Write(&buf, cat, opts); err != nil {
					t.Fatal(err)
				}
				err := schematest.Validate(s, buf.Bytes())
				switch {
				case org != "" && err != nil:
					t.Errorf("soa init --edition %s --lang %s --org %q: %v", edition, code, org, err)
				case org == "" && err == nil:
					// Without --org the name is left to fill in, and both
					// the loader and the schema say so.
					t.Errorf("soa init --edition %s --lang %s: passes the schema without organization.name", edition, code)
				case org == "" && len(loaderErrors("init.yaml", buf.Bytes())) != 1:
					t.Errorf("soa init --edition %s --lang %s: want one error (organization.name), got %v", edition, code, loaderErrors("init.yaml", buf.Bytes()))
				}
			}
		}
	}

	src := mustRead(t, "../../testdata/examples/legacy-2013.yaml")
	st, l := soa.Load(cat, "legacy-2013.yaml", src)
	if st == nil {
		t.Fatal(l)
	}
	r, err := transition.Derive(cat, st)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteAnswers(&buf, transition.AnswersOptions{Date: "2026-05-01", Schema: "answers.schema.json"}); err != nil {
		t.Fatal(err)
	}
	if err := schematest.Validate(s, buf.Bytes()); err != nil {
		t.Errorf("soa migrate legacy-2013.yaml: %v", err)
	}
}

func TestSchemaAcceptsExamples(t *testing.T) {
	s := compileSchema(t)
	files, _ := filepath.Glob("../../testdata/examples/*.yaml")
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	for _, p := range files {
		if err := schematest.Validate(s, mustRead(t, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// schemaCatches lists the bad files whose fault is one of shape, which the
// schema sees too. The others are faults of meaning (an unknown control id,
// a 2013 id in a 2022 file), of YAML itself (syntax, tabs, duplicate keys,
// several documents: editors report those without a schema), or of bytes
// (invalid UTF-8, an alias bomb, an empty file).
var schemaCatches = []string{
	"bad-date.yaml", "bad-enum.yaml", "excluded-without-justification.yaml", "list.yaml",
	"missing-organization.yaml", "empty-date.yaml", "mixed-errors.yaml", "unknown-field.yaml", "wrong-type.yaml",
}

// TestSchemaAndBadFiles: every bad file the loader accepts (warnings only)
// passes the schema, and every bad file the schema can catch fails it.
func TestSchemaAndBadFiles(t *testing.T) {
	s := compileSchema(t)
	files, _ := filepath.Glob("../../testdata/bad/*.yaml")
	if len(files) == 0 {
		t.Fatal("no bad files")
	}
	accepted := 0
	for _, p := range files {
		name := filepath.Base(p)
		src := mustRead(t, p)
		errs := loaderErrors(name, src)
		catches := slices.Contains(schemaCatches, name)
		switch {
		case len(errs) == 0:
			accepted++
			if err := schematest.Validate(s, src); err != nil {
				t.Errorf("%s: the loader accepts it, the schema does not: %v", name, err)
			}
			if catches {
				t.Errorf("%s: listed as caught by the schema, but the loader accepts it", name)
			}
		case catches:
			if err := schematest.Validate(s, src); err == nil {
				t.Errorf("%s passes the schema; the loader says:\n%v", name, errs)
			}
		}
	}
	if accepted == 0 {
		t.Error("no bad file is accepted by the loader: the first half of the test checks nothing")
	}
}

// TestSchemaAgreesWithLoader puts sample values of every shape in each
// field of a small valid file and checks that the schema accepts a value
// exactly when the loader reads it without an error.
func TestSchemaAgreesWithLoader(t *testing.T) {
	s := compileSchema(t)
	base := []byte(`organization:
  name: X
  date: 2026-04-01
revisions:
  - version: "1.0"
controls:
  "5.1":
    applicable: true
    justification: j
`)
	samples := append(slices.Clone(schematest.Samples),
		`[risk]`, `[risk, legal]`, `[risk, risk]`, `[risk, ~]`, `[risk, ""]`, `[risk, "", ""]`, `[Risk]`, `2022.0`,
		`[{version: "1"}]`, `{name: X, date: 2026-04-01}`, `{name: X}`, `{name: "", date: 2026-04-01}`,
		`{"5.1": ~}`, `{"5.1": {}}`, `{"5.1": x}`, `{"5.1": {applicable: yes}}`, `{"5.1": {applicable: no}}`,
		`{"5.1": {applicable: "No", justification: ~}}`, `{"5.1": {applicable: false, justification: " "}}`,
		`{"5.1": {applicable: FALSE, justification: 0}}`, `{"5.1": {applicable: ~, justification: ~}}`,
	)
	// Where the loader is stricter than the schema, and why.
	gaps := map[string]string{
		`controls.5.1.reasons: [risk, "", ""]`: "the loader skips empty items before it looks for repeats; uniqueItems counts them",
		`edition: 2022.0`:                      `the loader reads the number's text, "2022.0"; to JSON Schema 2022.0 and 2022 are equal`,
	}
	top := answers.Schema().Fields
	org, _ := schema.Lookup(top, "organization")
	rev, _ := schema.Lookup(top, "revisions")
	ctl, _ := schema.Lookup(top, "controls")
	slots := []schematest.Slot{
		{Fields: top},
		{Path: []string{"organization"}, Fields: org.Fields},
		{Path: []string{"revisions", "0"}, Fields: rev.Fields},
		{Path: []string{"controls", "5.1"}, Fields: ctl.Fields},
	}
	schematest.Sweep(t, s, base, slots, samples, gaps, func(src []byte) []string {
		var out []string
		for _, d := range loaderErrors("sample.yaml", src) {
			out = append(out, d.String())
		}
		return out
	})
}
