package workbook_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/workbook"
	"github.com/xuri/excelize/v2"
)

// TestCellLimitEveryField: every text soa writes from the answers is
// measured as Excel measures it, in UTF-16 code units, and one too long is
// an error naming the field (and control) at its position; nothing is
// written, so nothing is truncated silently.
func TestCellLimitEveryField(t *testing.T) {
	const max = workbook.MaxCellText
	emoji := strings.Repeat("😀", 20000) // 20,000 runes, 40,000 UTF-16 units
	x := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		name string
		yaml string
		want string
	}{{
		name: "emoji justification",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\ncontrols:\n  \"5.1\":\n    applicable: true\n    justification: " + emoji + "\n",
		want: "t.yaml:7:20: error: control 5.1: justification: 40000 characters as Excel counts them (emoji and other characters beyond U+FFFF count two); an Excel cell holds at most 32767: shorten it or move the text to a document and cite it",
	}, {
		name: "scope",
		yaml: "organization:\n  name: X\n  scope: " + x(40000) + "\n  date: 2026-04-01\n",
		want: "t.yaml:3:10: error: organization.scope: 40000 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it",
	}, {
		name: "name, with the Summary title",
		yaml: "organization:\n  name: " + x(max-3) + "\n  date: 2026-04-01\n",
		want: "t.yaml:2:9: error: organization.name: 32764 characters; an Excel cell holds at most 32767, and the Summary sheet's title leaves room for 32757: shorten it or move the text to a document and cite it",
	}, {
		name: "soa_version, prepared_by, approved_by",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\n  soa_version: " + x(max+1) + "\n  prepared_by: " + emoji + "\n  approved_by: " + x(max+2) + "\n",
		want: "t.yaml:4:16: error: organization.soa_version: 32768 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it\n" +
			"t.yaml:5:16: error: organization.prepared_by: 40000 characters as Excel counts them (emoji and other characters beyond U+FFFF count two); an Excel cell holds at most 32767: shorten it or move the text to a document and cite it\n" +
			"t.yaml:6:16: error: organization.approved_by: 32769 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it",
	}, {
		name: "revisions",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\nrevisions:\n  - version: \"1\"\n    date: 2026-04-01\n    description: ok\n  - version: " + x(max+1) + "\n    author: " + emoji + "\n    description: " + x(40000) + "\n",
		want: "t.yaml:8:14: error: revisions.version: 32768 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it\n" +
			"t.yaml:9:13: error: revisions.author: 40000 characters as Excel counts them (emoji and other characters beyond U+FFFF count two); an Excel cell holds at most 32767: shorten it or move the text to a document and cite it\n" +
			"t.yaml:10:18: error: revisions.description: 40000 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it",
	}, {
		name: "notes and review share a cell",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\ncontrols:\n  \"5.1\":\n    applicable: true\n    notes: " + x(20000) + "\n    review: " + x(15000) + "\n",
		want: "t.yaml:7:12: error: control 5.1: notes: 20000 characters; an Excel cell holds at most 32767, and the review remark in the same cell leaves room for 17758: shorten it or move the text to a document and cite it",
	}, {
		name: "review alone, with its label",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\ncontrols:\n  \"5.1\":\n    applicable: true\n    review: " + x(max-2) + "\n",
		want: "t.yaml:7:13: error: control 5.1: review: 32765 characters; an Excel cell holds at most 32767, and the label \"REVIEW: \" leaves room for 32759: shorten it or move the text to a document and cite it",
	}, {
		name: "evidence, one line each",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\ncontrols:\n  \"5.1\":\n    applicable: true\n    evidence: [" + x(20000) + ", " + x(20000) + "]\n",
		want: "t.yaml:7:15: error: control 5.1: evidence: 40001 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it",
	}, {
		name: "owner, quoted by the in-progress finding",
		yaml: "organization:\n  name: X\n  date: 2026-04-01\ncontrols:\n  \"5.1\":\n    applicable: true\n    status: partial\n    owner: " + x(max-10) + "\n",
		want: "t.yaml:8:12: error: control 5.1: owner: 32757 characters; an Excel cell holds at most 32767, and the in-progress finding on the Gaps sheet leaves room for 32723: shorten it or move the text to a document and cite it",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := loadSrc(t, "t.yaml", []byte(tt.yaml))
			var buf bytes.Buffer
			err := workbook.Write(&buf, st, gap.Analyze(st, gap.Options{Lang: i18n.EN}), workbook.Options{Lang: i18n.EN})
			var l diag.List
			if !errors.As(err, &l) {
				t.Fatalf("err = %v, want diagnostics", err)
			}
			var got []string
			for _, d := range l {
				got = append(got, d.String())
			}
			if g := strings.Join(got, "\n"); g != tt.want {
				t.Errorf("got\n%s\nwant\n%s", g, tt.want)
			}
			if buf.Len() != 0 {
				t.Error("something was written")
			}
		})
	}
}

// TestCellLimitFits: text exactly at the limit, counted in UTF-16 code
// units, is written whole.
func TestCellLimitFits(t *testing.T) {
	scope := strings.Repeat("😀", workbook.MaxCellText/2) + "x" // 32,767 units
	src := fmt.Sprintf("organization:\n  name: X\n  scope: %s\n  date: 2026-04-01\n", scope)
	st := loadSrc(t, "t.yaml", []byte(src))
	data := render(t, st, i18n.EN)
	f := open(t, data)
	if v, _ := f.GetCellValue("Cover", "B5"); v != scope {
		t.Errorf("Cover!B5 holds %d runes, want %d", len([]rune(v)), len([]rune(scope)))
	}
}

func open(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestCellLimitCatalogue: titles come from the catalogue, which may be the
// user's own: a title too long for its cell is an error too, naming the
// control and field, or, for text no check foresaw, the cell.
func TestCellLimitCatalogue(t *testing.T) {
	long := strings.Repeat("x", 40000)
	src := "organization:\n  name: X\n  date: 2026-04-01\n"
	write := func(st *soa.Statement) error {
		return workbook.Write(&bytes.Buffer{}, st, gap.Analyze(st, gap.Options{Lang: i18n.EN}), workbook.Options{Lang: i18n.EN})
	}

	st := loadSrc(t, "t.yaml", []byte(src))
	st.Rows[0].Control.Title = long
	err := write(st)
	var l diag.List
	if !errors.As(err, &l) || len(l) != 1 || !strings.HasPrefix(l[0].String(), "controls/annex-a-2022.yaml:") ||
		!strings.HasSuffix(l[0].String(), ": error: control 5.1: title: 40000 characters; an Excel cell holds at most 32767: shorten it or move the text to a document and cite it") {
		t.Errorf("a long control title: err = %v", err)
	}

	st = loadSrc(t, "t.yaml", []byte(src))
	st.Catalog.Control("A.5.1.1").Title = long // on the Mapping sheet only
	if err := write(st); err == nil || err.Error() != "build workbook: Mapping!B99: 40000 characters; an Excel cell holds at most 32767" {
		t.Errorf("a long 2013 title: err = %v", err)
	}
}

// TestFooterLongName: the footer names the organization, the SoA version
// and the page; Excel allows 255 characters in all (counted after & is
// doubled to print as itself). A long name is cut with an ellipsis, short
// enough not to run into the centred version; the version and page number
// stay whole, on every sheet.
func TestFooterLongName(t *testing.T) {
	accents := "e" + strings.Repeat("\u0301", 300) // one column, 301 UTF-16 units
	tests := []struct {
		name, version string
		left          string // the footer's left section, as written
	}{
		{"R&D", "2.1", "R&&D"},
		{"株式会社サンプル精密工業", "2.1", "株式会社サンプル精密工業"},
		{strings.Repeat("R&D ", 80), "2.1", strings.Repeat("R&&D ", 11) + "R&&D…"},
		{strings.Repeat("&", 240), "2.1", strings.Repeat("&&", 47) + "…"},
		{strings.Repeat("😀&", 100), "1.0", strings.Repeat("😀&&", 15) + "😀…"},
		{strings.Repeat("情報", 30), "1.0", strings.Repeat("情報", 11) + "情…"},
		{accents, "1.0", accents[:len("e")+219*len("\u0301")] + "…"},
		{"Example", strings.Repeat("9", 300), "…"},
	}
	for _, tt := range tests {
		src := fmt.Sprintf("organization:\n  name: %q\n  soa_version: %q\n  date: 2026-04-01\n", tt.name, tt.version)
		st := loadSrc(t, "t.yaml", []byte(src))
		f := open(t, render(t, st, i18n.EN))
		for _, sheet := range f.GetSheetList() {
			hf, err := f.GetHeaderFooter(sheet)
			if err != nil {
				t.Fatal(err)
			}
			footer := hf.OddFooter
			if n := len(utf16.Encode([]rune(footer))); n > 255 {
				t.Errorf("%.20s…: %s: footer is %d UTF-16 units", tt.name, sheet, n)
			}
			left, rest, _ := strings.Cut(strings.TrimPrefix(footer, "&L"), "&C")
			if left != tt.left {
				t.Errorf("%.20s…: %s: left section %q, want %q", tt.name, sheet, left, tt.left)
			}
			want := "SoA version " + tt.version + "&RPage &P of &N"
			if len(tt.version) > 100 {
				// Only a version too long to leave the name any room is cut.
				want = "SoA version " + strings.Repeat("9", 222) + "…&RPage &P of &N"
			}
			if rest != want {
				t.Errorf("%.20s…: %s: footer ends %q, want %q", tt.name, sheet, rest, want)
			}
		}
	}
}
