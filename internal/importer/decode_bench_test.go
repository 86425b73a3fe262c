package importer_test

import (
	"testing"

	"github.com/soa-tool/soa/internal/i18n"
	xreader "github.com/soa-tool/soa/internal/xlsx/reader"
)

// BenchmarkDecode: the workbook reader alone on the example's workbook:
// the zip, the shared strings and styles, and every sheet, one after the
// other on one goroutine (what import's prefetch spreads over the cores).
func BenchmarkDecode(b *testing.B) {
	data := render(b, loadExample(b, "saas-cloud"), i18n.EN)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		wb, err := xreader.Open(data, xreader.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		for _, name := range wb.SheetNames() {
			if _, err := wb.Sheet(name); err != nil {
				b.Fatal(err)
			}
		}
	}
}
