package gap

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa/soatest"
)

// TestTextFollowsTemplate: writeText prints, byte for byte, what
// templates/gap.txt.tmpl prints for the same view: for every example in
// both languages, with and without colour, and for views made up to reach
// the template's other branches (no weak groups, no findings) with values
// that are hostile, wide or longer than their columns.
func TestTextFollowsTemplate(t *testing.T) {
	var views []view
	matches, err := filepath.Glob(filepath.Join("..", "..", "testdata", "examples", "*.yaml"))
	if err != nil || len(matches) == 0 {
		t.Fatal("no examples", err)
	}
	for _, path := range matches {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		st := soatest.Load(t, filepath.Base(path), src)
		for _, l := range []i18n.Lang{i18n.EN, i18n.JA} {
			rep := Analyze(st, Options{AsOf: "2026-11-25", Lang: l})
			views = append(views, newView(Output{st, rep, RenderOptions{Lang: l}}).safe())
		}
	}
	views = append(views, view{}, view{Organization: "{{.X}} %d %s", SummaryTable: "", Weakest: []countsView{{Title: "", Percent: ""}}})
	rng := rand.New(rand.NewPCG(17, 2026))
	for range 200 {
		views = append(views, randomView(rng))
	}
	for i, v := range views {
		for _, l := range []i18n.Lang{i18n.EN, i18n.JA} {
			for _, color := range []bool{false, true} {
				var want bytes.Buffer
				if err := execText(&want, "gap.txt.tmpl", RenderOptions{Lang: l, Color: color}, v); err != nil {
					t.Fatal(err)
				}
				if got := writeText(v, l, color); got != want.String() {
					t.Fatalf("view %d, %s, colour %v: writeText differs from the template\n got: %q\nwant: %q", i, l, color, got, want.String())
				}
			}
		}
	}
}

// randomView is a view of random values, each from words that include
// markup, format verbs, control characters and wide characters.
func randomView(rng *rand.Rand) view {
	words := []string{"", "a", "Access control", "アクセス制御", "{{end}}", "%s", "%!", "\x1b[31m", "\n", "  ", "<b>", "|", "ｱ", "🙂", strings.Repeat("x", 40)}
	text := func() string {
		var b strings.Builder
		for range rng.IntN(4) {
			b.WriteString(words[rng.IntN(len(words))])
		}
		return b.String()
	}
	severities := []string{"error", "warning", "gap", "info", "", "other"}
	counts := func() countsView {
		c := countsView{Title: text(), Percent: text()}
		c.Applicable = rng.IntN(100) - 1
		return c
	}
	v := view{Organization: text(), Standard: text(), AsOf: text(), FindingCounts: text(), SummaryTable: text()}
	for range rng.IntN(3) {
		v.Weakest = append(v.Weakest, counts())
	}
	for range rng.IntN(4) {
		v.Findings = append(v.Findings, findingView{Severity: severities[rng.IntN(len(severities))], SeverityLabel: text(),
			Control: text(), Code: text(), Message: text()})
	}
	return v
}
