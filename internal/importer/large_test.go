package importer_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/importer"
	"github.com/xuri/excelize/v2"
)

// textWorkbook is a workbook of a small SoA table and sheets-1 sheets of
// rows rows of text in 6 columns each, made with excelize's stream writer.
func textWorkbook(tb testing.TB, sheets, rows int) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for s := range sheets {
		name := fmt.Sprintf("Data %d", s+1)
		if s == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			tb.Fatal(err)
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			tb.Fatal(err)
		}
		if s == 0 {
			for r, row := range [][]any{{"Control", "Applicable", "Justification"}, {"5.1", "Yes", "Policy"}, {"5.2", "No", "Not needed"}} {
				if err := sw.SetRow(fmt.Sprintf("A%d", r+1), row); err != nil {
					tb.Fatal(err)
				}
			}
			if err := sw.Flush(); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		for r := 1; r <= rows; r++ {
			row := make([]any, 6)
			for c := range row {
				row[c] = fmt.Sprintf("Text %d of row %d of sheet %d, %s", c, r, s, strings.Repeat("words ", r%7))
			}
			if err := sw.SetRow(fmt.Sprintf("A%d", r), row); err != nil {
				tb.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkImportLarge: sheets of text that hold no table cost time and
// memory in proportion to their cells.
func BenchmarkImportLarge(b *testing.B) {
	cat := defaultCatalog(b)
	for _, size := range [][2]int{{5, 500}, {20, 500}, {20, 2000}} {
		data := textWorkbook(b, size[0], size[1])
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := importer.Read(data, cat, importer.Options{Name: "large.xlsx"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestLargeLinear: 16 times the cells (4 times the sheets, 4 times the
// rows) take well under 40 times the time and memory of the small
// workbook, and the largest stays within a memory bound.
func TestLargeLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("builds workbooks of 240,000 cells")
	}
	cat := defaultCatalog(t)
	// Allocations, not time, are compared: they are the same on any
	// machine and under any load, and the work is linear in them: 16 times
	// the cells may cost at most 24 times (a quadratic path would be 256).
	measure := func(sheets, rows int) (allocs, bytes uint64) {
		data := textWorkbook(t, sheets, rows)
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		if _, err := importer.Read(data, cat, importer.Options{Name: "large.xlsx"}); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&m1)
		return m1.Mallocs - m0.Mallocs, m1.TotalAlloc - m0.TotalAlloc
	}
	a1, m1 := measure(5, 500)
	a2, m2 := measure(20, 2000)
	t.Logf("5×500: %d allocations, %d KiB; 20×2000: %d allocations, %d KiB (16 times the cells)", a1, m1>>10, a2, m2>>10)
	if a2 > 24*a1 {
		t.Errorf("20×2000 made %d allocations, more than 24 times the %d of 5×500", a2, a1)
	}
	if m2 > 24*m1 {
		t.Errorf("20×2000 allocated %d KiB, more than 24 times the %d KiB of 5×500", m2>>10, m1>>10)
	}
	if m2 > 256<<20 {
		t.Errorf("20×2000 allocated %d MiB, more than 256 MiB", m2>>20)
	}
}
