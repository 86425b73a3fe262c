package rules_test

import (
	"os"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/rules"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/soa/soatest"
)

var judge = rules.Options{AsOf: "2026-04-01", MaxReviewAge: rules.DefaultMaxReviewAge}

// BenchmarkValidate is what soa validate does with the example after
// reading it: load it (soa.Load) and check it (rules.Validate, the cell
// limits in every language and the rules' errors and warnings).
func BenchmarkValidate(b *testing.B) {
	cat, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	src, err := os.ReadFile("../../testdata/examples/saas-cloud.yaml")
	if err != nil {
		b.Fatal(err)
	}
	st := soatest.Load(b, "saas-cloud.yaml", src)
	b.Run("Load+Validate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			st, _ := soa.Load(cat, "saas-cloud.yaml", src)
			rules.Validate(st, judge)
		}
	})
	b.Run("Validate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rules.Validate(st, judge)
		}
	})
	b.Run("CellLimits", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rules.CellLimits(st)
		}
	})
}

// BenchmarkValidateLarge loads and validates large inputs at 1× and 10×
// their size: every text of every control 1,000 and then 10,000
// characters long (10,000 is as far as the 8 MiB file limit lets every
// text of every control go), and 100 and then 1,000
// controls of the user's own, all answered. MB/s stays about the same
// from 1× to 10×: the time is linear in the input.
func BenchmarkValidateLarge(b *testing.B) {
	soatest.Sizes(b, func(b *testing.B, cat *catalog.Catalog, src []byte) {
		if st, l := soa.Load(cat, "large.yaml", src); st == nil {
			b.Fatal(l)
		}
		b.ReportAllocs()
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			st, _ := soa.Load(cat, "large.yaml", src)
			rules.Validate(st, judge)
		}
	})
}
