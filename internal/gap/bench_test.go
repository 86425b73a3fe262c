package gap_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/soa/soatest"
)

// BenchmarkGapLarge analyses and writes (text) the gap report of large
// inputs at 1× and 10× their size: every text of every control 1,000 and
// then 10,000 characters long, and 100 and then 1,000 controls of the
// user's own, all answered. ns/op grows 10× from 1× to 10× (MB/s, per
// byte of the answers file, stays about the same): linear in the input.
func BenchmarkGapLarge(b *testing.B) {
	soatest.Sizes(b, func(b *testing.B, cat *catalog.Catalog, src []byte) {
		st, l := soa.Load(cat, "large.yaml", src)
		if st == nil {
			b.Fatal(l)
		}
		b.ReportAllocs()
		b.SetBytes(int64(len(src)))
		var buf bytes.Buffer
		for b.Loop() {
			rep := gap.Analyze(st, gap.Options{AsOf: "2026-04-01", Lang: i18n.EN})
			buf.Reset()
			if err := gap.Write(&buf, st, rep, gap.RenderOptions{Format: "text", Lang: i18n.EN}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkWriteText writes the text report of the example, as soa gap
// prints it (the analysis done once, outside the loop).
func BenchmarkWriteText(b *testing.B) {
	src, err := os.ReadFile("../../testdata/examples/saas-cloud.yaml")
	if err != nil {
		b.Fatal(err)
	}
	st := soatest.Load(b, "saas-cloud.yaml", src)
	rep := gap.Analyze(st, gap.Options{AsOf: "2026-01-01", Lang: i18n.EN})
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := gap.Write(&buf, st, rep, gap.RenderOptions{Format: "text", Lang: i18n.EN}); err != nil {
			b.Fatal(err)
		}
	}
}
