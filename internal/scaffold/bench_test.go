package scaffold_test

import (
	"bytes"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/scaffold"
)

// BenchmarkScaffold is soa init's core: the answers file of every control,
// in both languages.
func BenchmarkScaffold(b *testing.B) {
	cat, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, l := range []i18n.Lang{i18n.EN, i18n.JA} {
		b.Run(string(l), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				opts := scaffold.Options{Edition: "2022", Org: "Acme", Date: "2026-04-01", Lang: l}
				if err := scaffold.Write(&bytes.Buffer{}, cat, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
