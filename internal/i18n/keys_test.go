package i18n_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/controllist"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/scaffold"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/transition"
	"github.com/soa-tool/soa/internal/workbook"
	"github.com/soa-tool/soa/internal/workbook/workbooktest"
)

// missingKey is what T prints for a key the catalogue lacks: "[gap.h.new]".
var missingKey = regexp.MustCompile(`\[[a-z][a-z0-9_]*(\.[a-z0-9_]+)+\]`)

// TestNoMissingKey runs every renderer, in both languages and on inputs
// that reach their rarer branches (findings of every kind, a 2013 file, a
// migration with a second file), and fails on any "[key]" in the output: a
// key that a renderer asks for and the catalogue does not hold.
func TestNoMissingKey(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	load := func(path string) *soa.Statement {
		t.Helper()
		src, err := os.ReadFile(filepath.Join("..", "..", path))
		if err != nil {
			t.Fatal(err)
		}
		st, l := soa.Load(cat, filepath.Base(path), src)
		if st == nil {
			t.Fatalf("%s: %v", path, l)
		}
		return st
	}
	statements := map[string]*soa.Statement{}
	for _, p := range []string{
		"testdata/examples/saas-cloud.yaml", "testdata/examples/seimitsu-ja.yaml",
		"testdata/examples/legacy-2013.yaml", "testdata/bad/warnings.yaml",
	} {
		statements[filepath.Base(p)] = load(p)
	}
	check := func(t *testing.T, what string, out []byte) {
		t.Helper()
		if len(out) == 0 {
			t.Errorf("%s: no output", what)
		}
		for _, m := range missingKey.FindAll(out, -1) {
			t.Errorf("%s: missing message %s", what, m)
		}
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.JA} {
		t.Run(string(lang), func(t *testing.T) {
			t.Parallel() // renderers only read the statements and the catalogue
			for name, st := range statements {
				// Overdue dates and stale answers: as of a date after them all.
				for _, asOf := range []string{st.Org.Date, "2030-01-01"} {
					rep := gap.Analyze(st, gap.Options{AsOf: asOf, Lang: lang})
					for _, format := range gap.Formats.Names() {
						var b bytes.Buffer
						if err := gap.Write(&b, st, rep, gap.RenderOptions{Format: format, Lang: lang}); err != nil {
							t.Fatalf("gap %s %s: %v", name, format, err)
						}
						check(t, "gap "+format+" of "+name+" as of "+asOf, b.Bytes())
					}
				}
				var b bytes.Buffer
				if err := workbook.Write(&b, st, gap.Analyze(st, gap.Options{AsOf: st.Org.Date, Lang: lang}), workbook.Options{Lang: lang}); err != nil {
					t.Fatalf("workbook %s: %v", name, err)
				}
				dump, err := workbooktest.Dump(bytes.NewReader(b.Bytes()))
				if err != nil {
					t.Fatal(err)
				}
				check(t, "workbook of "+name, []byte(dump))
			}
			old := statements["legacy-2013.yaml"]
			r, err := transition.Derive(cat, old)
			if err != nil {
				t.Fatal(err)
			}
			var migrated bytes.Buffer
			if err := r.WriteAnswers(&migrated, transition.AnswersOptions{Date: "2026-05-01"}); err != nil {
				t.Fatal(err)
			}
			check(t, "migrated answers", migrated.Bytes())
			edited := bytes.Replace(migrated.Bytes(), []byte("status: partial"), []byte("status: implemented"), 1)
			cur, l := soa.Load(cat, "new.yaml", edited)
			if cur == nil {
				t.Fatal(l)
			}
			for _, format := range transition.Formats.Names() {
				for _, current := range []*soa.Statement{nil, cur} {
					var b bytes.Buffer
					if err := r.WriteReport(&b, transition.ReportOptions{Format: format, Lang: lang, Current: current}); err != nil {
						t.Fatal(err)
					}
					check(t, "transition "+format, b.Bytes())
				}
			}
			for _, edition := range []string{"2022", "2013"} {
				var ctls []*catalog.Control
				for _, s := range cat.EditionSets(edition) {
					ctls = append(ctls, s.Controls...)
				}
				for _, format := range []string{"table", "json"} {
					var b bytes.Buffer
					if err := controllist.Write(&b, cat, ctls, controllist.Options{Format: format, Lang: lang}); err != nil {
						t.Fatal(err)
					}
					check(t, "controls "+edition+" "+format, b.Bytes())
				}
				for _, c := range ctls {
					var b bytes.Buffer
					if err := controllist.WriteDetail(&b, cat, c, controllist.Options{Lang: lang}); err != nil {
						t.Fatal(err)
					}
					check(t, "controls show "+c.ID, b.Bytes())
				}
				var b bytes.Buffer
				if err := scaffold.Write(&b, cat, scaffold.Options{Edition: edition, Org: "Example", Date: "2026-04-01", Lang: lang, SchemaPath: "answers.schema.json"}); err != nil {
					t.Fatal(err)
				}
				check(t, "scaffold "+edition, b.Bytes())
			}
		})
	}
}

// TestMissingKeyPattern: the pattern finds what T returns for a missing
// key, so the test above can fail.
func TestMissingKeyPattern(t *testing.T) {
	for _, key := range []string{"gap.h.nothing_here", "tr.kind.split", "field.no_such_field"} {
		if got := i18n.JA.T(key); !missingKey.MatchString(got) {
			t.Errorf("T(%q) = %q: the pattern does not find it", key, got)
		}
	}
	if got := i18n.EN.T("col.control"); missingKey.MatchString(got) {
		t.Errorf("T(col.control) = %q matches the pattern", got)
	}
}
