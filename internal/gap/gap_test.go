package gap_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/gap"
	"github.com/soa-tool/soa/internal/golden"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/soa/soatest"
	"github.com/soa-tool/soa/internal/textwidth"
)

const header = "organization: {name: X, date: 2026-04-01}\ncontrols:\n"

// TestRules: each rule on a one-control answers file. Every other control
// is unanswered, so "unanswered" findings are left out of the comparison.
func TestRules(t *testing.T) {
	tests := []struct {
		name, answer string
		want         []string // code control field: message
	}{
		{"not implemented", `"8.11": {applicable: true, reasons: [risk], risks: [R-1], status: not_implemented}`,
			[]string{"gap not-implemented 8.11 status: applicable but not implemented: Data masking"}},
		{"no reason", `"5.1": {applicable: true, status: implemented, reviewed_on: 2026-01-10, evidence: [POL-1]}`,
			[]string{"warning no-reason 5.1 reasons: applicable without a reason for inclusion (give one or more of legal, contractual, risk, business, best_practice)"}},
		{"no status", `"5.1": {applicable: true, reasons: [risk], risks: [R-1]}`,
			[]string{"warning no-status 5.1 status: applicable without an implementation status (give one of implemented, partial, planned, not_implemented)"}},
		{"no evidence", `"5.1": {applicable: true, reasons: [risk], risks: [R-1], status: implemented, reviewed_on: 2026-01-10}`,
			[]string{"warning no-evidence 5.1 evidence: implemented without evidence: name the documents or records that show it works"}},
		{"partial without owner or date", `"5.1": {applicable: true, reasons: [risk], risks: [R-1], status: partial}`,
			[]string{
				"warning no-owner 5.1 owner: partially implemented without an owner",
				"warning no-target-date 5.1 target_date: partially implemented without a target date (YYYY-MM-DD)",
				"info in-progress 5.1 status: partially implemented; target date -; owner -",
			}},
		{"overdue", `"5.1": {applicable: true, reasons: [risk], risks: [R-1], status: planned, owner: CISO, target_date: 2026-03-31}`,
			[]string{
				"warning overdue 5.1 target_date: target date 2026-03-31 has passed (as of 2026-04-01)",
				"info in-progress 5.1 status: planned; target date 2026-03-31; owner CISO",
			}},
		{"due on the day is not overdue", `"5.1": {applicable: true, reasons: [risk], risks: [R-1], status: planned, owner: CISO, target_date: 2026-04-01}`,
			[]string{"info in-progress 5.1 status: planned; target date 2026-04-01; owner CISO"}},
		{"new control excluded", `"5.7": {applicable: false, justification: none}`,
			[]string{"warning new-control-excluded 5.7 applicable: a control new in 2022 is excluded: Threat intelligence. What it asks: Gather and analyse information about security threats and turn it into intelligence the organization can act on. Auditors look closely at such exclusions."}},
		{"old control excluded is fine", `"7.5": {applicable: false, justification: No premises}`, nil},
		{"stale 2013 reference", `"5.15": {applicable: true, reasons: [risk], risks: [R-1], status: implemented, reviewed_on: 2026-01-10, evidence: ["Procedure per A.9.1.1"], notes: "see A.9.1.2 and A.99.1.1"}`,
			[]string{
				"warning stale-2013-reference 5.15 evidence: cites A.9.1.1, a 2013 control; in 2022 it is 5.15 Access control",
				"warning stale-2013-reference 5.15 notes: cites A.9.1.2, a 2013 control; in 2022 it is 5.15 Access control",
			}},
		{"stale review", `"5.1": {applicable: true, reasons: [legal], status: implemented, evidence: [POL-1], reviewed_on: 2025-03-31}`,
			[]string{"warning stale-review 5.1 reviewed_on: last reviewed on 2025-03-31, more than 12 months before 2026-04-01: review the answer and its evidence, then update reviewed_on"}},
		{"reviewed a year ago to the day is not stale", `"5.1": {applicable: true, reasons: [legal], status: implemented, evidence: [POL-1], reviewed_on: 2025-04-01}`, nil},
		{"no review date", `"5.1": {applicable: true, reasons: [legal], status: implemented, evidence: [POL-1]}`,
			[]string{"info no-review-date 5.1 reviewed_on: implemented, with no reviewed_on date saying when the answer and its evidence were last reviewed"}},
		{"risk without a risk id", `"5.1": {applicable: true, reasons: [risk], status: planned, owner: CISO, target_date: 2026-09-30}`,
			[]string{
				"info in-progress 5.1 status: planned; target date 2026-09-30; owner CISO",
				"info no-risk-id 5.1 risks: included to treat a risk, with no risks naming the risk register entries it treats",
			}},
		{"excluded with a status and reasons", `"7.5": {applicable: false, justification: No premises, status: planned, reasons: [risk]}`,
			[]string{
				"warning excluded-with-reasons 7.5 reasons: the control is excluded, so reasons for inclusion do not apply; put the reason for exclusion in justification",
				"warning excluded-with-status 7.5 status: the control is excluded, so its status \"planned\" is ignored; remove it or make the control applicable",
			}},
		{"clean", `"5.1": {applicable: true, reasons: [risk], risks: [R-1], status: implemented, reviewed_on: 2026-01-10, evidence: [POL-1]}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := soatest.Load(t, "a.yaml", []byte(header+"  "+tt.answer+"\n"))
			rep := gap.Analyze(st, gap.Options{AsOf: "2026-04-01", Lang: i18n.EN})
			var got []string
			for _, f := range rep.Findings {
				if f.Code == "unanswered" {
					continue
				}
				got = append(got, fmt.Sprintf("%s %s %s %s: %s", f.Severity, f.Code, f.Control, f.Field, f.Message))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if n := rep.Summary.Unanswered; n != 92 {
				t.Errorf("unanswered = %d, want 92", n)
			}
		})
	}
}

// TestNewControlExcludedJA: a Japanese report says what an excluded new
// control asks in Japanese (summary_ja, without its final 。 inside the
// parentheses), and falls back to the English summary for a control that
// has no Japanese one.
func TestNewControlExcludedJA(t *testing.T) {
	src := []byte(header + "  \"5.7\": {applicable: false, justification: none}\n")
	files, err := catalog.DefaultFiles()
	if err != nil {
		t.Fatal(err)
	}
	const sumJA = "    summary_ja: 情報セキュリティの脅威に関する情報を収集・分析し、組織が対策に活かせる脅威インテリジェンスにする。\n"
	var noJA []catalog.File
	for _, f := range files {
		if strings.HasSuffix(f.Name, "annex-a-2022.yaml") {
			if !bytes.Contains(f.Src, []byte(sumJA)) {
				t.Fatalf("%s lacks %q", f.Name, sumJA)
			}
			f.Src = bytes.Replace(f.Src, []byte(sumJA), nil, 1)
		}
		noJA = append(noJA, f)
	}
	bare, err := catalog.Load(noJA, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cat  *catalog.Catalog
		want string
	}{
		{"summary_ja", nil, "2022年版の新規管理策を除外している：脅威インテリジェンス（概要：情報セキュリティの脅威に関する情報を収集・分析し、組織が対策に活かせる脅威インテリジェンスにする）。審査で重点的に確認される除外である。"},
		{"no summary_ja", bare, "2022年版の新規管理策を除外している：脅威インテリジェンス（概要：Gather and analyse information about security threats and turn it into intelligence the organization can act on.）。審査で重点的に確認される除外である。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cat := tt.cat
			if cat == nil {
				cat = soatest.Load(t, "a.yaml", src).Catalog
			}
			st, l := soa.Load(cat, "a.yaml", src)
			if st == nil {
				t.Fatal(l)
			}
			rep := gap.Analyze(st, gap.Options{AsOf: "2026-04-01", Lang: i18n.JA})
			var got []string
			for _, f := range rep.Findings {
				if f.Code == "new-control-excluded" {
					got = append(got, f.Message)
				}
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestCounts(t *testing.T) {
	src := header + `  "5.1": {applicable: true, reasons: [risk], status: implemented, evidence: [x]}
  "5.2": {applicable: true, reasons: [risk], status: partial, owner: o, target_date: 2026-12-31}
  "5.3": {applicable: false, justification: j}
  "5.4": {applicable: true, reasons: [risk]}
`
	rep := gap.Analyze(soatest.Load(t, "a.yaml", []byte(src)), gap.Options{AsOf: "2026-04-01"})
	s := rep.Summary
	if s.Total != 93 || s.Applicable != 3 || s.Excluded != 1 || s.Unanswered != 89 || s.Implemented != 1 || s.Partial != 1 || s.NoStatus != 1 {
		t.Errorf("summary %+v", s)
	}
	if p := s.Percent(); p != 50 { // (1 + 0.5) / 3
		t.Errorf("percent %v, want 50", p)
	}
	if len(rep.Themes) != 4 || rep.Themes[0].Applicable != 3 || rep.Themes[1].Total != 8 {
		t.Errorf("themes %+v", rep.Themes)
	}
}

var examples = []struct {
	name string
	lang i18n.Lang
}{{"saas-cloud", i18n.EN}, {"seimitsu-ja", i18n.JA}}

// TestGolden pins every format for both examples (rewrite with -update).
func TestGolden(t *testing.T) {
	for _, ex := range examples {
		src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", ex.name+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		st := soatest.Load(t, ex.name+".yaml", src)
		rep := gap.Analyze(st, gap.Options{AsOf: "2026-11-25", Lang: ex.lang})
		for _, f := range []struct{ format, ext string }{{"text", "txt"}, {"markdown", "md"}, {"html", "html"}, {"json", "json"}} {
			var buf bytes.Buffer
			if err := gap.Write(&buf, st, rep, gap.RenderOptions{Format: f.format, Lang: ex.lang}); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", ex.name+"."+f.ext), buf.Bytes())
		}
	}
}

// TestHTMLEscapes: values from the answers are text in the HTML report, and
// the report has no script of its own.
func TestHTMLEscapes(t *testing.T) {
	src := `organization: {name: "<script>alert(1)</script>", date: 2026-04-01}
controls:
  "5.1": {applicable: true, status: implemented, owner: "<b>x</b>", evidence: ["<img src=x onerror=alert(2)>"]}
`
	st := soatest.Load(t, "x.yaml", []byte(src))
	var buf bytes.Buffer
	if err := gap.Write(&buf, st, gap.Analyze(st, gap.Options{}), gap.RenderOptions{Format: "html"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script", "<img", "<b>x", "<link", "src=", "href=", "url(", "@import"} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML contains %q", bad)
		}
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("organization name not escaped as text")
	}
}

// TestMarkdownEscapes: values from the answers are text in the Markdown
// report: no raw HTML, no heading, link or emphasis of their own. (A line
// break in a name is refused by validation; see TestControlCharacters.)
func TestMarkdownEscapes(t *testing.T) {
	src := `organization: {name: "Evil # Injected <script>x</script> *bold* [link](http://x) a|b", date: 2026-04-01}
controls:
  "5.1": {applicable: true, status: implemented, reasons: [risk], justification: "see A.9.2.1 <img src=x onerror=alert(2)>"}
`
	st := soatest.Load(t, "x.yaml", []byte(src))
	var buf bytes.Buffer
	if err := gap.Write(&buf, st, gap.Analyze(st, gap.Options{AsOf: "2026-04-01"}), gap.RenderOptions{Format: "markdown"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script", "<img", "\n# Injected", "[link](", " *bold*"} {
		if strings.Contains(out, bad) {
			t.Errorf("Markdown contains %q:\n%s", bad, out)
		}
	}
	if first, _, _ := strings.Cut(out, "\n"); !strings.Contains(first, `Evil \# Injected &lt;script&gt;x&lt;/script&gt; \*bold\* \[link\](http://x) a\|b`) {
		t.Errorf("heading = %q", first)
	}
}

// TestJSONRoundTrip: the JSON decodes into the documented shape.
func TestJSONRoundTrip(t *testing.T) {
	src, _ := os.ReadFile("../../testdata/examples/saas-cloud.yaml")
	st := soatest.Load(t, "s.yaml", src)
	var buf bytes.Buffer
	if err := gap.Write(&buf, st, gap.Analyze(st, gap.Options{AsOf: "2026-11-25"}), gap.RenderOptions{Format: "json"}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Version int `json:"version"`
		Summary struct {
			Total              int            `json:"total"`
			PercentImplemented float64        `json:"percent_implemented"`
			Findings           map[string]int `json:"findings"`
		} `json:"summary"`
		Themes []struct {
			ID    string `json:"id"`
			Total int    `json:"total"`
		} `json:"themes"`
		Findings []struct{ Code, Severity, Control, Field, Message string } `json:"findings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != 1 || got.Summary.Total != 93 || len(got.Themes) != 4 || got.Themes[3].ID != "technological" ||
		got.Summary.PercentImplemented != 91.9 || got.Summary.Findings["gap"] != 1 || len(got.Findings) == 0 || got.Findings[0].Severity != "gap" {
		t.Errorf("decoded %+v", got)
	}
}

// TestTemplateOverride: a user's template replaces the built-in one.
func TestTemplateOverride(t *testing.T) {
	src, _ := os.ReadFile("../../testdata/examples/saas-cloud.yaml")
	st := soatest.Load(t, "s.yaml", src)
	rep := gap.Analyze(st, gap.Options{AsOf: "2026-11-25"})
	var buf bytes.Buffer
	tmpl := []byte(`ACME brand {{.Organization}}: {{len .Findings}} findings, {{.Summary.Percent}}{{range .Findings}}{{if eq .Severity "gap"}} gap={{.Control}}{{end}}{{end}}`)
	if err := gap.Write(&buf, st, rep, gap.RenderOptions{Format: "markdown", Template: tmpl}); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "ACME brand Nimbus Ledger Ltd: 24 findings, 91.9% gap=8.11" {
		t.Errorf("got %q", got)
	}
	err := gap.Write(&buf, st, rep, gap.RenderOptions{Format: "markdown", Template: []byte("{{.Nope}}")})
	if err == nil || !strings.Contains(err.Error(), "can't evaluate field Nope") {
		t.Errorf("bad template: %v", err)
	}
}

func BenchmarkGap(b *testing.B) {
	src, _ := os.ReadFile("../../testdata/examples/saas-cloud.yaml")
	st := soatest.Load(b, "s.yaml", src)
	b.ReportAllocs()
	for b.Loop() {
		gap.Analyze(st, gap.Options{AsOf: "2026-11-25", Lang: i18n.EN})
	}
}

// TestColour: colour codes only when asked for (a terminal without
// NO_COLOR), and the words are the same either way.
func TestColour(t *testing.T) {
	src, _ := os.ReadFile("../../testdata/examples/saas-cloud.yaml")
	st := soatest.Load(t, "s.yaml", src)
	rep := gap.Analyze(st, gap.Options{AsOf: "2026-11-25"})
	var plain, colour bytes.Buffer
	if err := gap.Write(&plain, st, rep, gap.RenderOptions{Format: "text"}); err != nil {
		t.Fatal(err)
	}
	if err := gap.Write(&colour, st, rep, gap.RenderOptions{Format: "text", Color: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("plain output has colour codes")
	}
	if !strings.Contains(colour.String(), "\x1b[35mGap") || !strings.Contains(colour.String(), "\x1b[33mWarning") {
		t.Error("colour output lacks the severity colours")
	}
	stripped := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(colour.String(), "")
	if stripped != plain.String() {
		t.Error("colour changes the text")
	}
}

// TestChartFitsLabels: the chart's bars start after the longest theme title
// (the 2013 clauses are long), and a title cut short is whole on hover.
func TestChartFitsLabels(t *testing.T) {
	src, err := os.ReadFile("../../testdata/examples/legacy-2013.yaml")
	if err != nil {
		t.Fatal(err)
	}
	st := soatest.Load(t, "legacy.yaml", src)
	var buf bytes.Buffer
	if err := gap.Write(&buf, st, gap.Analyze(st, gap.Options{AsOf: "2026-04-01"}), gap.RenderOptions{Format: "html"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	barX := regexp.MustCompile(`<rect x="(\d+)"`).FindStringSubmatch(out)
	labels := regexp.MustCompile(`<text x="0" y="\d+">(?:<title>([^<]*)</title>)?([^<]*)</text>`).FindAllStringSubmatch(out, -1)
	if barX == nil || len(labels) != 14 {
		t.Fatalf("bars at %v, %d labels", barX, len(labels))
	}
	x, _ := strconv.Atoi(barX[1])
	cut := 0
	for _, l := range labels {
		title, label := html.UnescapeString(l[1]), html.UnescapeString(l[2])
		if w := textwidth.Width(label) * 6; w >= x {
			t.Errorf("label %q (~%dpx) runs under the bars at %dpx", label, w, x)
		}
		if title != "" {
			cut++
			if !strings.HasPrefix(title, strings.TrimSuffix(label, "…")) || !strings.HasSuffix(label, "…") {
				t.Errorf("title %q for label %q", title, label)
			}
		}
	}
	if cut == 0 {
		t.Error("no long 2013 clause title was cut short")
	}
}
