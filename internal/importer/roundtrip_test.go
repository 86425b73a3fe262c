package importer_test

import (
	"bytes"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/importer"
	"github.com/soa-tool/soa/internal/soa"
)

// TestRoundTrip: generate → import → generate gives the same bytes, for
// every example, in both languages.
func TestRoundTrip(t *testing.T) {
	for _, ex := range []string{"saas-cloud", "seimitsu-ja"} {
		for _, lang := range []i18n.Lang{i18n.EN, i18n.JA} {
			st := loadExample(t, ex)
			first := render(t, st, lang)
			res, err := importer.Read(first, defaultCatalog(t), importer.Options{Name: "book.xlsx"})
			if err != nil {
				t.Fatalf("%s/%s: %v", ex, lang, err)
			}
			var buf bytes.Buffer
			ids := defaultCatalog(t).ControlIDs(res.File.Edition)
			if err := answers.Encode(&buf, res.File, answers.EncodeOptions{IDs: ids}); err != nil {
				t.Fatal(err)
			}
			st2, l := soa.Load(defaultCatalog(t), "imported.yaml", buf.Bytes())
			if st2 == nil {
				t.Fatalf("%s/%s: imported answers invalid: %v\n%s", ex, lang, l, buf.String())
			}
			second := render(t, st2, lang)
			if !bytes.Equal(first, second) {
				t.Errorf("%s/%s: the regenerated workbook differs", ex, lang)
			}
		}
	}
}

// TestRoundTripListedUnanswered: controls listed with no answer ("5.4":
// with nothing under it) or with every field empty, as soa init writes
// them, round-trip to the same bytes too.
func TestRoundTripListedUnanswered(t *testing.T) {
	src := `organization: {name: Listed Ltd, date: 2026-04-01}
controls:
  "5.1":
    applicable: true
    reasons: [risk]
    status: implemented
    evidence: [POL-1]
  "5.4":
  "5.5":
    applicable:
    reasons: []
    justification:
    status:
    owner:
    evidence: []
    target_date:
    notes: ""
  "5.6": {justification: "", owner: "", evidence: [], notes: ""}
`
	cat := defaultCatalog(t)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.JA} {
		st, l := soa.Load(cat, "listed.yaml", []byte(src))
		if st == nil {
			t.Fatal(l)
		}
		first := render(t, st, lang)
		res, err := importer.Read(first, cat, importer.Options{Name: "book.xlsx"})
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		var buf bytes.Buffer
		if err := answers.Encode(&buf, res.File, answers.EncodeOptions{IDs: cat.ControlIDs(res.File.Edition)}); err != nil {
			t.Fatal(err)
		}
		st2, l := soa.Load(cat, "imported.yaml", buf.Bytes())
		if st2 == nil {
			t.Fatalf("%s: imported answers invalid: %v\n%s", lang, l, buf.String())
		}
		if second := render(t, st2, lang); !bytes.Equal(first, second) {
			t.Errorf("%s: the regenerated workbook differs", lang)
		}
	}
}
