package workbook_test

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"testing"

	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/soa/soatest"
	"github.com/soa-tool/soa/internal/workbook/workbooktest"
	"github.com/xuri/excelize/v2"
)

// TestSummaryCachedValues: each Summary count is a formula, so it follows
// edits, and carries the value soa computed, so that programs which read
// values without recalculating (pandas, openpyxl's data_only, previews)
// see the counts rather than blanks.
func TestSummaryCachedValues(t *testing.T) {
	all := "organization: {name: X, date: 2026-04-01}\n" // nothing answered: no theme has an applicable control
	for _, tt := range []struct {
		name string
		src  []byte
		lang i18n.Lang
	}{
		{"saas-cloud", nil, i18n.EN},
		{"seimitsu-ja", nil, i18n.JA},
		{"unanswered", []byte(all), i18n.EN},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var st *soa.Statement
			if tt.src == nil {
				st = load(t, tt.name)
			} else {
				st = soatest.Load(t, tt.name+".yaml", tt.src)
			}
			rep := gap.Analyze(st, gap.Options{AsOf: st.Org.Date, Lang: tt.lang})
			data := render(t, st, tt.lang)
			f := open(t, data)
			sheet := f.GetSheetList()[2]
			rows := append([]gap.Counts{}, rep.Summary)
			for _, th := range rep.Themes {
				rows = append(rows, th.Counts)
			}
			for i, c := range rows {
				r := 4 + len(rep.Themes) // the total
				if i > 0 {
					r = 4 + i - 1
				}
				want := []int{c.Total, c.Applicable, c.Excluded, c.Unanswered, c.Implemented, c.Partial, c.Planned, c.NotImplemented}
				for j, w := range want {
					ref := fmt.Sprintf("%c%d", 'B'+j, r)
					checkCached(t, f, sheet, ref, strconv.Itoa(w))
				}
				ref := fmt.Sprintf("J%d", r)
				if c.Applicable == 0 {
					checkCached(t, f, sheet, ref, "") // the formula gives ""
					continue
				}
				// excelize keeps 15 significant digits, as Excel shows.
				pct := (float64(c.Implemented) + 0.5*float64(c.Partial)) / float64(c.Applicable)
				got, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
				if v, err := strconv.ParseFloat(got, 64); err != nil || math.Abs(v-pct) > 1e-14 {
					t.Errorf("%s!%s caches %q, want %g", sheet, ref, got, pct)
				}
				checkCached(t, f, sheet, ref, got)
			}
			// Numbers are stored as numbers: a cached value typed as text
			// (t="str") would read back as a string.
			parts, err := workbooktest.Parts(data, "xl/worksheets/sheet3.xml")
			if err != nil {
				t.Fatal(err)
			}
			xml := parts["xl/worksheets/sheet3.xml"]
			asText := regexp.MustCompile(`<c r="[B-J]\d+"[^>]* t="(str|s|inlineStr)">\n<f>`)
			if m := asText.FindString(xml); m != "" {
				t.Errorf("a count stored as text: %s", m)
			}
			// Each count is an untyped (numeric) cell: its formula, then its
			// value.
			counts := regexp.MustCompile(`<c r="[B-I]\d+"( s="\d+")?>\n<f>[^<]+</f>\n<v>\d+</v>`)
			if n, want := len(counts.FindAllString(xml, -1)), 8*len(rows); n != want {
				t.Errorf("%d counts stored as a number with their formula, want %d", n, want)
			}
		})
	}
}

// checkCached checks that ref holds a formula and, cached, the value want.
func checkCached(t *testing.T, f *excelize.File, sheet, ref, want string) {
	t.Helper()
	if formula, _ := f.GetCellFormula(sheet, ref); formula == "" {
		t.Errorf("%s!%s holds no formula", sheet, ref)
	}
	if got, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true}); got != want {
		t.Errorf("%s!%s caches %q, want %q", sheet, ref, got, want)
	}
}
