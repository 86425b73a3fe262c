package reader

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// sheetsBook is a workbook whose sheets are named names, sheet k holding the
// sheet data of data[parts[k]] (two sheets may share a part).
func sheetsBook(t *testing.T, names []string, parts []int, data []string) []byte {
	t.Helper()
	var wb, rels strings.Builder
	for k, name := range names {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, name, k+1, k+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, k+1, parts[k]+1)
	}
	p := []string{
		"_rels/.rels", rootRels,
		"xl/workbook.xml", `<workbook ` + mainNS + `><sheets>` + wb.String() + `</sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`,
	}
	for k, d := range data {
		p = append(p, fmt.Sprintf("xl/worksheets/sheet%d.xml", k+1), `<worksheet `+mainNS+`><sheetData>`+d+`</sheetData></worksheet>`)
	}
	return book(t, p...)
}

// readOrder opens data and decodes the sheets in order, with Prefetch or
// without, returning the sheets and each error.
func readOrder(t *testing.T, data []byte, lim Limits, order []string, prefetch bool) ([]*Sheet, []string) {
	t.Helper()
	wb, err := Open(data, lim)
	if err != nil {
		t.Fatal(err)
	}
	if prefetch {
		wb.Prefetch(order)
		defer wb.StopPrefetch()
	}
	var sheets []*Sheet
	var errs []string
	for _, name := range order {
		sh, err := wb.Sheet(name)
		sheets = append(sheets, sh)
		errs = append(errs, fmt.Sprint(err))
	}
	return sheets, errs
}

// TestPrefetchSame: Sheet returns the same sheets and the same errors with
// Prefetch as without, also when the limits run out on the way (a sheet
// decoded ahead that no longer fits is decoded again, to say the same
// error), when two sheets share a part, and for names that are no sheet.
func TestPrefetchSame(t *testing.T) {
	row := func(n, cols int) string {
		var b strings.Builder
		for r := 1; r <= n; r++ {
			fmt.Fprintf(&b, `<row r="%d">`, r)
			for c := 1; c <= cols; c++ {
				fmt.Fprintf(&b, `<c t="inlineStr"><is><t>r%dc%d</t></is></c>`, r, c)
			}
			b.WriteString(`</row>`)
		}
		return b.String()
	}
	five := []string{"A", "B", "C", "D", "E"}
	data := []string{row(10, 3), row(20, 5), row(5, 2), row(30, 4), `<row r="1"><c r="A1"><v>x</row>`}
	tests := []struct {
		name  string
		names []string
		parts []int
		lim   Limits
		order []string
	}{
		{"plain", five, []int{0, 1, 2, 3, 4}, Limits{}, five},
		{"another order", five, []int{0, 1, 2, 3, 4}, Limits{}, []string{"D", "A", "E", "C", "B"}},
		{"cells run out at the fourth sheet", five, []int{0, 1, 2, 3, 4}, Limits{MaxCells: 300}, five},
		{"cells run out at the second sheet", five, []int{0, 1, 2, 3, 4}, Limits{MaxCells: 100}, five},
		{"cells run out in another order", five, []int{0, 1, 2, 3, 4}, Limits{MaxCells: 200}, []string{"D", "B", "A", "C", "E"}},
		{"shared parts within the byte limit", five, []int{1, 1, 1, 3, 3}, Limits{}, five},
		{"no such sheet, and one asked twice", five, []int{0, 1, 2, 3, 4}, Limits{}, []string{"A", "Z", "A", "B"}},
		{"two sheets of one name", []string{"A", "A", "B"}, []int{0, 1, 2}, Limits{}, []string{"A", "B", "A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			book := sheetsBook(t, tt.names, tt.parts, data)
			want, wantErrs := readOrder(t, book, tt.lim, tt.order, false)
			for range 5 {
				got, gotErrs := readOrder(t, book, tt.lim, tt.order, true)
				if !reflect.DeepEqual(gotErrs, wantErrs) {
					t.Fatalf("errors with Prefetch:\n%q\nwithout:\n%q", gotErrs, wantErrs)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("sheets differ with Prefetch")
				}
			}
			if tt.lim.MaxCells > 0 && !strings.Contains(strings.Join(wantErrs, "\n"), "cells in all") {
				t.Errorf("the cells did not run out: %q", wantErrs)
			}
		})
	}
}

// TestPrefetchBytesRunOut: a part read by two sheets counts twice against
// the byte limit, with Prefetch as without.
func TestPrefetchBytesRunOut(t *testing.T) {
	big := strings.Repeat(`<row><c t="inlineStr"><is><t>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</t></is></c></row>`, 200)
	data := []string{big, `<row r="1"><c><v>1</v></c></row>`}
	book := sheetsBook(t, []string{"A", "B", "C"}, []int{0, 1, 0}, data)
	wb, err := Open(book, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	// Room for every part once, and not for the big one twice.
	var total int64
	for _, f := range wb.parts {
		total += int64(f.UncompressedSize64)
	}
	lim := Limits{MaxUnzipped: total}
	order := []string{"A", "B", "C"}
	want, wantErrs := readOrder(t, book, lim, order, false)
	if !strings.Contains(wantErrs[2], "larger than the limit") {
		t.Fatalf("the bytes did not run out: %q", wantErrs)
	}
	for range 5 {
		got, gotErrs := readOrder(t, book, lim, order, true)
		if !reflect.DeepEqual(gotErrs, wantErrs) || !reflect.DeepEqual(got, want) {
			t.Fatalf("with Prefetch: %q, without: %q", gotErrs, wantErrs)
		}
	}
}

// TestPrefetchBounded: the sheets decoded ahead keep within the limits
// together (twice them at most, with two decoding at once), and decoding
// ahead stops once they are spent.
func TestPrefetchBounded(t *testing.T) {
	var names []string
	var parts []int
	var data []string
	for k := range 20 {
		names, parts = append(names, fmt.Sprintf("S%d", k)), append(parts, k)
		data = append(data, strings.Repeat(`<row><c r="A1"><v>1</v></c><c r="J1"><v>2</v></c></row>`, 10)) // 110 cells
	}
	const maxCells = 300
	wb, err := Open(sheetsBook(t, names, parts, data), Limits{MaxCells: maxCells})
	if err != nil {
		t.Fatal(err)
	}
	wb.Prefetch(names)
	decoded := 0
	for _, name := range names {
		s := wb.ahead.slots[name]
		<-s.done
		if s.sh != nil {
			decoded++
		}
	}
	if used := wb.ahead.used.cells; used > 2*maxCells || decoded > 5 {
		t.Errorf("%d sheets decoded ahead, %d cells, for a limit of %d cells", decoded, used, maxCells)
	}
	if decoded < 2 {
		t.Errorf("only %d sheets decoded ahead", decoded)
	}
}
