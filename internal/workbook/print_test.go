package workbook_test

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/workbook"
)

// TestPrint prints the examples the way a reader gets them: LibreOffice
// converts each workbook to PDF on its default paper (and on the others),
// and pdftotext -bbox gives every printed word's box. On the SoA sheet's
// pages every word is at least 7 points high, ids are whole (no "A.14.1."
// on one line and "1" on the next), no row is much taller than its lines
// of text, and the sheet takes no more pages than its rows need.
//
// LibreOffice here has neither Calibri nor Yu Gothic: it substitutes
// DejaVu Sans and Noto Sans CJK and makes each unit of column width 7
// points, a third more than Excel, so a sheet fitted to the page's width
// prints smaller here than from Excel. The boxes pdftotext reports are 1.3
// times the font size.
func TestPrint(t *testing.T) {
	for _, tool := range []string{"soffice", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	if testing.Short() {
		t.Skip("slow: converts workbooks with LibreOffice")
	}
	cases := []struct {
		example  string
		lang     i18n.Lang
		paper    string
		maxPages int // SoA pages
	}{
		{"saas-cloud", i18n.EN, "", 11},
		{"seimitsu-ja", i18n.JA, "", 7},
		{"saas-cloud", i18n.EN, "letter", 12},
		{"seimitsu-ja", i18n.JA, "a4", 15},
	}
	dir := t.TempDir()
	var books []string
	for _, c := range cases {
		st := load(t, c.example)
		var buf bytes.Buffer
		if err := workbook.Write(&buf, st, analyze(st, c.lang), workbook.Options{Lang: c.lang, Paper: c.paper}); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, fmt.Sprintf("%s-%s.xlsx", c.example, c.paper+"default"))
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		books = append(books, name)
	}
	// A profile of its own, so that a LibreOffice already running (or
	// another test) does not take the conversion over.
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir}, books...)
	if out, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		t.Run(filepath.Base(books[i]), func(t *testing.T) {
			pdf := strings.TrimSuffix(books[i], ".xlsx") + ".pdf"
			out, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			pages := soaPages(parseBoxes(string(out)), c.lang.T("col.justification"))
			if len(pages) == 0 {
				t.Fatal("no page of the SoA sheet found")
			}
			if len(pages) > c.maxPages {
				t.Errorf("the SoA sheet prints on %d pages, want at most %d", len(pages), c.maxPages)
			}
			t.Logf("%d SoA pages, smallest word %.2f points high", len(pages), smallest(pages))
			for n, p := range pages {
				for _, w := range p {
					if w.h() < 7 {
						t.Errorf("SoA page %d: %q is %.2f points high, want 7 or more", n+1, w.text, w.h())
						break
					}
				}
				for _, w := range p {
					if brokenID(cat, w.text) {
						t.Errorf("SoA page %d: %q is an id broken across lines", n+1, w.text)
					}
				}
				tallRows(t, n+1, p)
			}
		})
	}
}

type box struct {
	x0, y0, x1, y1 float64
	text           string
}

func (b box) h() float64 { return b.y1 - b.y0 }

var (
	pageRE = regexp.MustCompile(`(?s)<page [^>]*>(.*?)</page>`)
	wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>`)
)

func parseBoxes(out string) [][]box {
	var pages [][]box
	for _, p := range pageRE.FindAllStringSubmatch(out, -1) {
		var words []box
		for _, m := range wordRE.FindAllStringSubmatch(p[1], -1) {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			words = append(words, box{f(m[1]), f(m[2]), f(m[3]), f(m[4]), html.UnescapeString(m[5])})
		}
		pages = append(pages, words)
	}
	return pages
}

// soaPages are the pages whose header row holds the heading of the
// justification column: the SoA sheet's, which repeats its header.
func soaPages(pages [][]box, heading string) [][]box {
	first := strings.Fields(heading)[0]
	var out [][]box
	for _, p := range pages {
		for _, w := range p {
			if w.text == first {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

func smallest(pages [][]box) float64 {
	m := math.Inf(1)
	for _, p := range pages {
		for _, w := range p {
			m = min(m, w.h())
		}
	}
	return m
}

var idPart = regexp.MustCompile(`^A\.[0-9.]*[0-9.]$`)

// brokenID reports whether text looks like the start of a 2013 id but is
// none ("A.14.1." or "A.14.2.1" cut from A.14.2.10 would be). Ids may end
// a list with a comma.
func brokenID(cat *catalog.Catalog, text string) bool {
	text = strings.TrimRight(text, ",、")
	if !idPart.MatchString(text) {
		return false
	}
	return cat.Control(text) == nil && cat.Set(catalog.Set2013).Theme(text) == nil
}

// tallRows reports the rows of page p that leave more than three lines
// empty below their tallest cell: a row starts at its control id in the
// first column and ends where the next one starts. Rows are sized for
// Excel's Calibri in Excel's narrower columns, where text wraps sooner, so
// here a row keeps a line or two to spare (before, a row of three lines
// was five tall).
func tallRows(t *testing.T, page int, p []box) {
	t.Helper()
	left := math.Inf(1)
	for _, w := range p {
		left = min(left, w.x0)
	}
	id := regexp.MustCompile(`^\d+\.\d+$|^A\.\d+\.\d+\.\d+$`)
	var starts []box
	for _, w := range p {
		if math.Abs(w.x0-left) < 2 && id.MatchString(w.text) {
			starts = append(starts, w)
		}
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i].y0 < starts[j].y0 })
	for i := 0; i+1 < len(starts); i++ {
		top, next := starts[i].y0, starts[i+1].y0
		bottom := top
		for _, w := range p {
			if w.y0 >= top-0.5 && w.y0 < next-0.5 {
				bottom = max(bottom, w.y1)
			}
		}
		if empty, line := next-bottom, starts[i].h(); empty > 3*line {
			t.Errorf("SoA page %d: the row of %s leaves %.0f points empty below its text, %.1f lines", page, starts[i].text, empty, empty/line)
		}
	}
}
