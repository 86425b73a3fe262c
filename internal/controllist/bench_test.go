package controllist_test

import (
	"bytes"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/controllist"
	"github.com/soa-tool/soa/internal/i18n"
)

// BenchmarkControls is soa controls' core: the 93 controls of 2022 in each
// format. Loading the catalogue is BenchmarkLoadCatalog's part.
func BenchmarkControls(b *testing.B) {
	cat, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	ctls := cat.Set(catalog.Set2022).Controls
	for _, format := range controllist.Formats.Names() {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var buf bytes.Buffer
				if err := controllist.Write(&buf, cat, ctls, controllist.Options{Format: format, Lang: i18n.EN}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
