package diff_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diff"
	"github.com/soa-tool/soa/internal/i18n"
)

// BenchmarkCompare is soa diff's core: two versions of the example's 93
// answers (every control changed in one field) compared and written as
// text. Reading the two files is BenchmarkValidateAnswers' part.
func BenchmarkCompare(b *testing.B) {
	src, err := os.ReadFile("../../testdata/examples/saas-cloud.yaml")
	if err != nil {
		b.Fatal(err)
	}
	old, l := answers.Parse("old.yaml", src)
	if old == nil || len(l) > 0 {
		b.Fatal(l)
	}
	changed, _ := answers.Parse("new.yaml", src)
	for _, a := range changed.Controls {
		a.Owner += " (acting)"
	}
	cat, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	ids := cat.ControlIDs(old.Edition)
	b.ReportAllocs()
	for b.Loop() {
		r, err := diff.Compare(old, changed, ids, i18n.EN)
		if err != nil {
			b.Fatal(err)
		}
		if err := diff.Text(&bytes.Buffer{}, r); err != nil {
			b.Fatal(err)
		}
	}
}
