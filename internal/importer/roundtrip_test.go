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
