package importer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// TestUnsavedFormula: a cell holding a formula that was never calculated
// reads as empty. It is reported with its cell, control and field, and the
// field is not read: Keep gives it back the answers file's value.
func TestUnsavedFormula(t *testing.T) {
	const msg = "formula with no saved value, not read; open and save the workbook in Excel or LibreOffice so its value is stored"
	tests := []struct {
		name   string
		id     string
		col    string // column of the formula
		want   string // the warning, after the cell
		unread []string
		check  func(t *testing.T, a *answers.Answer) // the answer after Keep
	}{
		{"owner", "5.2", "K", "warning: control 5.2: owner: " + msg, []string{"owner"},
			func(t *testing.T, a *answers.Answer) {
				if a.Owner != "CISO" {
					t.Errorf("owner %q, want CISO", a.Owner)
				}
			}},
		{"status", "5.7", "J", "warning: control 5.7: status: " + msg, []string{"status"},
			func(t *testing.T, a *answers.Answer) {
				if a.Status != answers.Partial {
					t.Errorf("status %q, want partial", a.Status)
				}
			}},
		{"reason column", "5.1", "F", "warning: control 5.1: reasons: " + msg, []string{"reasons"},
			func(t *testing.T, a *answers.Answer) {
				if !slices.Equal(a.Reasons, []string{"risk", "contractual", "best_practice"}) {
					t.Errorf("reasons %v", a.Reasons)
				}
			}},
		{"justification of an excluded control", "7.5", "I", "warning: control 7.5: justification: " + msg, []string{"justification"},
			func(t *testing.T, a *answers.Answer) {
				if !strings.HasPrefix(a.Justification, "We own no buildings") {
					t.Errorf("justification %q", a.Justification)
				}
			}},
		{"target date", "5.7", "M", "warning: control 5.7: target_date: " + msg, []string{"target_date"},
			func(t *testing.T, a *answers.Answer) {
				if a.TargetDate != "2026-06-30" {
					t.Errorf("target date %q", a.TargetDate)
				}
			}},
		{"id", "5.3", "A", "warning: id: " + msg, nil, nil},
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", "saas-cloud.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	book := render(t, loadExample(t, "saas-cloud"), i18n.EN)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cell string
			data := edit(t, book, func(f *excelize.File, sh string) {
				cell = fmt.Sprintf("%s%d", tt.col, rowOf(t, f, sh, tt.id))
				if err := f.SetCellValue(sh, cell, nil); err != nil {
					t.Fatal(err)
				}
				if err := f.SetCellFormula(sh, cell, `"x"&"y"`); err != nil {
					t.Fatal(err)
				}
			})
			res, err := read(t, data)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"book.xlsx:SoA!" + cell + ": " + tt.want}
			if tt.col == "A" {
				// The row is not read, so its control has no row.
				want = append([]string{"book.xlsx: warning: 1 control(s) of the 2022 catalogue have no row in the workbook, so nothing is read for them: " + tt.id}, want...)
			}
			var got []string
			for _, d := range res.Diags {
				got = append(got, d.String())
			}
			if !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if got := res.Unread[tt.id]; !slices.Equal(got, tt.unread) {
				t.Errorf("unread %v, want %v", got, tt.unread)
			}
			if tt.check == nil {
				return
			}
			a := answer(res, tt.id)
			for _, f := range tt.unread {
				if v := reflect.ValueOf(*a).FieldByNameFunc(func(n string) bool {
					return strings.EqualFold(n, strings.ReplaceAll(f, "_", ""))
				}); !v.IsZero() {
					t.Errorf("%s read as %v before Keep", f, v)
				}
			}
			old, l := answers.Parse("saas-cloud.yaml", src)
			if old == nil {
				t.Fatal(l)
			}
			res.Keep(old)
			tt.check(t, a)
		})
	}
}

// TestUnsavedFormulaMerged: a formula with no saved value merged over
// three rows is not read for any of them.
func TestUnsavedFormulaMerged(t *testing.T) {
	var first int
	data := edit(t, render(t, loadExample(t, "saas-cloud"), i18n.EN), func(f *excelize.File, sh string) {
		first = rowOf(t, f, sh, "5.2")
		top := fmt.Sprintf("K%d", first)
		merge(t, f, sh, top, fmt.Sprintf("K%d", first+2))
		f.SetCellValue(sh, top, nil)
		if err := f.SetCellFormula(sh, top, `"x"&"y"`); err != nil {
			t.Fatal(err)
		}
	})
	res, err := read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diags {
		got = append(got, d.String())
	}
	var want []string
	for i, id := range []string{"5.2", "5.3", "5.4"} {
		want = append(want, fmt.Sprintf("book.xlsx:SoA!K%d: warning: control %s: owner: formula with no saved value, not read; open and save the workbook in Excel or LibreOffice so its value is stored", first+i, id))
		if u := res.Unread[id]; !slices.Equal(u, []string{"owner"}) {
			t.Errorf("%s: unread %v", id, u)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
