package workbook_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/layout"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/workbook"
	"github.com/soa-tool/soa/internal/workbook/workbooktest"
)

// large is a statement with extra controls of a user's set, besides the
// 93 of Annex A, every control answered with a justification and notes of
// text bytes each (at most layout.MaxCellText; an answers file holds at
// most 8 MiB).
func large(t testing.TB, extra, text int) *soa.Statement {
	t.Helper()
	var set strings.Builder
	set.WriteString("set: bench\ntitle: Extra controls\nedition: \"2022\"\nprefix: B-\ncontrols:\n")
	for i := range extra {
		fmt.Fprintf(&set, "  - id: B-%d\n    title: Extra control number %d of the benchmark\n    summary: Do what the benchmark asks.\n", i+1, i+1)
	}
	base, err := catalog.DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	var user []catalog.File
	if extra > 0 {
		user = []catalog.File{{Name: "bench.yaml", Src: []byte(set.String())}}
	}
	cat, err := catalog.Load(base, user)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("words that wrap ", layout.MaxCellText/16+1)[:min(text, layout.MaxCellText)]
	long = strings.TrimSpace(long)
	var ans strings.Builder
	ans.WriteString("edition: \"2022\"\norganization: {name: Large Ltd, date: 2026-04-01}\ncontrols:\n")
	ids := []string{}
	for _, c := range cat.Set(catalog.Set2022).Controls {
		ids = append(ids, c.ID)
	}
	for i := range extra {
		ids = append(ids, fmt.Sprintf("B-%d", i+1))
	}
	for _, id := range ids {
		fmt.Fprintf(&ans, "  %q:\n    applicable: true\n    reasons: [risk]\n    justification: %q\n    status: partial\n    owner: %q\n    evidence: [%q]\n    notes: %q\n",
			id, long, long[:min(len(long), 200)], long[:min(len(long), 200)], long)
	}
	st, l := soa.Load(cat, "large.yaml", []byte(ans.String()))
	if st == nil {
		t.Fatal(l)
	}
	return st
}

// TestLarge: 1,000 extra controls, each answered with long texts, make a
// workbook of every row.
func TestLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large workbook")
	}
	st := large(t, 1000, 2000)
	var buf bytes.Buffer
	if err := workbook.Write(&buf, st, gap.Analyze(st, gap.Options{AsOf: st.Org.Date}), workbook.Options{Lang: i18n.EN}); err != nil {
		t.Fatal(err)
	}
	parts, err := workbooktest.Parts(buf.Bytes(), "xl/sharedStrings.xml", "xl/worksheets/sheet2.xml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(parts["xl/sharedStrings.xml"], "<t>words that wrap") {
		t.Error("the long text is not in the shared strings")
	}
	// The header, four theme rows and 1,093 controls, the last as tall as
	// Excel allows.
	sheet := parts["xl/worksheets/sheet2.xml"]
	if last := sheet[strings.LastIndex(sheet, `<row r="`):]; !strings.HasPrefix(last, `<row r="1098" ht="409" customHeight="1">`) {
		t.Errorf("last row of the SoA sheet: %.60s", last)
	}
}

// BenchmarkGenerateLarge: the time per control stays flat as controls are
// added, and the time per byte of text as texts grow to the cell limit
// (no cell write rescans the sheet; row heights stop measuring at the cap).
func BenchmarkGenerateLarge(b *testing.B) {
	for _, size := range []struct{ extra, text int }{{0, 100}, {250, 100}, {1000, 100}, {0, 3000}, {0, 30000}} {
		b.Run(fmt.Sprintf("extra=%d/text=%d", size.extra, size.text), func(b *testing.B) {
			st := large(b, size.extra, size.text)
			rep := gap.Analyze(st, gap.Options{AsOf: st.Org.Date})
			b.ReportAllocs()
			for b.Loop() {
				if err := workbook.Write(&bytes.Buffer{}, st, rep, workbook.Options{Lang: i18n.EN}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(93+size.extra), "ns/control")
		})
	}
}
