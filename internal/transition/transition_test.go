package transition_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/diag"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/transition"
)

func cat(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func derive(t testing.TB, controls string) *transition.Result {
	t.Helper()
	return deriveLang(t, "en", controls)
}

// deriveLang derives from a 2013 file whose organization.language is lang.
func deriveLang(t testing.TB, lang, controls string) *transition.Result {
	t.Helper()
	c := cat(t)
	src := "edition: \"2013\"\norganization: {name: Old Ltd, soa_version: \"4.2\", date: 2025-01-01, approved_on: 2025-01-02, language: " + lang + "}\nrevisions:\n  - {version: \"4.2\", date: 2025-01-01, author: CISO, description: Review}\ncontrols:\n" + controls
	st, l := soa.Load(c, "old.yaml", []byte(src))
	if st == nil {
		t.Fatal(l)
	}
	r, err := transition.Derive(c, st)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func control(r *transition.Result, id string) transition.Control {
	for _, c := range r.Controls {
		if c.Control.ID == id {
			return c
		}
	}
	panic("no control " + id)
}

func TestRules(t *testing.T) {
	r := derive(t, `
  A.5.1.1: {applicable: true, reasons: [legal, risk], justification: Policy set, status: implemented, owner: CISO, evidence: [POL-1]}
  A.5.1.2: {applicable: true, reasons: [best_practice], justification: Annual review, status: partial, owner: CISO, evidence: [POL-1, MIN-3], target_date: 2026-03-31}
  A.11.1.2: {applicable: true, reasons: [risk], justification: Badge readers, status: implemented, owner: Facilities, evidence: [Badge log]}
  A.11.1.6: {applicable: false, justification: No loading bay}
  A.16.1.2: {applicable: true, reasons: [risk], justification: Report events, status: implemented, owner: Service Desk, evidence: [Form]}
  A.16.1.3: {applicable: true, reasons: [risk], justification: Report weaknesses, status: implemented, owner: CISO, evidence: [Form]}
  A.7.2.2: {applicable: true, reasons: [risk], justification: Training, status: planned, owner: HR, target_date: 2026-06-30}
  A.14.2.7: {applicable: false, justification: Nothing outsourced}
  A.18.2.3: {applicable: true, reasons: [risk], justification: Scans, status: implemented, owner: SecOps, evidence: [Scan report]}
`)
	// Merged, agreeing on applicability and owner; status is the weakest,
	// reasons and evidence are unions, justifications are kept with sources.
	c := control(r, "5.1")
	d := c.Derived
	if c.Kind != transition.MergedConflict || !*d.Applicable || d.Status != answers.Partial || d.Owner != "CISO" ||
		!slices.Equal(d.Reasons, []string{"legal", "risk", "best_practice"}) || !slices.Equal(d.Evidence, []string{"POL-1", "MIN-3"}) ||
		d.Justification != "[2013 A.5.1.1] Policy set\n[2013 A.5.1.2] Annual review" || d.TargetDate != "2026-03-31" {
		t.Errorf("5.1: kind %s %+v", c.Kind, d)
	}
	if len(c.Conflicts) != 1 || c.Conflicts[0].Field != "status" {
		t.Errorf("5.1 conflicts %+v", c.Conflicts)
	}
	// Applicability disagreement: applicable if any source is; the exclusion
	// is kept in the justification and reported.
	c = control(r, "7.2")
	if !*c.Derived.Applicable || c.Kind != transition.MergedConflict || !slices.Equal(c.ExcludedSources, []string{"A.11.1.6"}) ||
		!strings.Contains(c.Derived.Justification, "[2013 A.11.1.6] (excluded in 2013) No loading bay") ||
		!strings.Contains(c.Derived.Review, "applicable (A.11.1.2: applicable; A.11.1.6: excluded)") {
		t.Errorf("7.2: %+v %+v", c, c.Derived)
	}
	// Owner disagreement.
	c = control(r, "6.8")
	if c.Kind != transition.MergedConflict || c.Derived.Owner != "Service Desk" || !strings.Contains(c.Derived.Review, "owner (A.16.1.2: Service Desk; A.16.1.3: CISO)") {
		t.Errorf("6.8: %s %+v", c.Kind, c.Derived)
	}
	// One source: carried as it was, no prefix.
	c = control(r, "6.3")
	if c.Kind != transition.Carried || c.Derived.Justification != "Training" || c.Derived.Status != answers.Planned || c.Derived.TargetDate != "2026-06-30" {
		t.Errorf("6.3: %s %+v", c.Kind, c.Derived)
	}
	// An exclusion carries over as an exclusion.
	c = control(r, "8.30")
	if c.Kind != transition.Carried || *c.Derived.Applicable || c.Derived.Justification != "Nothing outsourced" {
		t.Errorf("8.30: %+v", c.Derived)
	}
	// A split: A.18.2.3 reaches both 5.36 and 8.8.
	for _, id := range []string{"5.36", "8.8"} {
		if c := control(r, id); c.Derived == nil || !slices.Contains(c.Derived.Evidence, "Scan report") {
			t.Errorf("%s did not receive A.18.2.3: %+v", id, c.Derived)
		}
	}
	// New controls stay unanswered; unanswered sources stay unanswered.
	if c := control(r, "5.7"); c.Kind != transition.New || c.Derived != nil {
		t.Errorf("5.7: %+v", c)
	}
	if c := control(r, "8.1"); c.Kind != transition.Unanswered || c.Derived != nil {
		t.Errorf("8.1: %+v", c)
	}
	if r.Count(transition.New) != 11 {
		t.Errorf("new = %d", r.Count(transition.New))
	}
}

func TestWrongEdition(t *testing.T) {
	c := cat(t)
	st, _ := soa.Load(c, "new.yaml", []byte("organization: {name: X, date: 2026-01-01}\n"))
	if _, err := transition.Derive(c, st); err == nil || !strings.Contains(err.Error(), `new.yaml is an edition 2022 answers file; the transition starts from 2013 answers`) {
		t.Errorf("err = %v", err)
	}
}

// TestWrittenFileValidates: the migrated file passes soa validate with
// warnings only (for the new controls), and reads back to the derived
// answers.
func TestWrittenFileValidates(t *testing.T) {
	r := derive(t, `
  A.5.1.1: {applicable: true, reasons: [legal], justification: "Policy: set\nby the board", status: implemented, owner: CISO, evidence: ["POL-1: policy"]}
  A.11.1.6: {applicable: false, justification: "#1 no loading bay"}
`)
	var buf bytes.Buffer
	if err := r.WriteAnswers(&buf, transition.AnswersOptions{Date: "2026-05-01"}); err != nil {
		t.Fatal(err)
	}
	st, l := soa.Load(cat(t), "new.yaml", buf.Bytes())
	if st == nil || l.HasErrors() {
		t.Fatalf("%v\n%s", l, buf.String())
	}
	if n := l.Count(diag.Warning); n != 93-2 {
		t.Errorf("%d warnings, want %d (every unanswered control)", n, 93-2)
	}
	if st.Org.SoAVersion != "5.0" || st.Org.Date != "2026-05-01" || st.Org.ApprovedOn != "" || len(st.Revisions) != 2 || st.Revisions[1].Author != "soa migrate" {
		t.Errorf("organization %+v revisions %+v", st.Org, st.Revisions)
	}
	for _, row := range st.Rows {
		switch row.Control.ID {
		case "5.1":
			if a := row.Answer; a.Justification != "Policy: set\nby the board" || a.Evidence[0] != "POL-1: policy" ||
				a.Review != "A.5.1.2 had no answer in 2013; check that this answer covers it" {
				t.Errorf("5.1 read back %+v", a)
			}
		case "7.2":
			if a := row.Answer; *a.Applicable || a.Justification != "#1 no loading bay" || a.Review != "A.11.1.2 had no answer in 2013; check that this answer covers it" {
				t.Errorf("7.2 read back %+v", a)
			}
		}
	}
	out := buf.String()
	for _, want := range []string{
		`"5.1":`, "# Policies for information security (from A.5.1.1, A.5.1.2)",
		"# Threat intelligence: NEW in 2022, to answer. It asks: ",
		"  - {version: \"4.2\", date: 2025-01-01, author: CISO, description: Review}",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// TestJapaneseComments: a migrated Japanese file says, above each new
// control, what the control asks, in Japanese.
func TestJapaneseComments(t *testing.T) {
	r := deriveLang(t, "ja", `
  A.5.1.1: {applicable: true, reasons: [legal], justification: 方針, status: implemented, owner: CISO, evidence: [POL-1]}
`)
	var buf bytes.Buffer
	if err := r.WriteAnswers(&buf, transition.AnswersOptions{Date: "2026-05-01"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"  # 脅威インテリジェンス：2022年版の新規管理策。回答を記入すること。概要：情報セキュリティの脅威に関する情報を収集・分析し、組織が対策に活かせる脅威インテリジェンスにする。\n",
		"  # データマスキング：2022年版の新規管理策。回答を記入すること。概要：PIIなどの機微なデータを",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if n := strings.Count(out, "概要："); n != 11 {
		t.Errorf("%d comments with a summary, want 11 (the new controls)", n)
	}
}

// TestJapaneseText: what migrate writes into the answers of a Japanese
// file (review notes, the mark of a 2013 exclusion) is Japanese, and the
// transition report names conflicting values in Japanese.
func TestJapaneseText(t *testing.T) {
	r := deriveLang(t, "ja", `
  A.9.2.2: {applicable: true, reasons: [risk], justification: 登録手順, status: implemented, owner: 情報システム部長, evidence: [手順書]}
  A.9.2.5: {applicable: true, reasons: [risk], justification: 定期見直し, status: partial, owner: 情報システム部長, target_date: 2026-09-30}
  A.9.2.6: {applicable: false, justification: 対象者なし}
  A.11.1.2: {applicable: true, reasons: [risk], justification: 入退管理, status: implemented, owner: 総務部長, evidence: [入退記録]}
`)
	c := control(r, "5.18")
	want := "2013年版の対応元で回答が食い違っている：適用可否（A.9.2.2：適用、A.9.2.5：適用、A.9.2.6：除外）、実施状況（A.9.2.2：実施済み、A.9.2.5：一部実施）。統合した回答を確認すること。"
	if c.Derived.Review != want {
		t.Errorf("5.18 review\n got %q\nwant %q", c.Derived.Review, want)
	}
	if !strings.Contains(c.Derived.Justification, "[2013 A.9.2.6] （2013年版では除外）対象者なし") {
		t.Errorf("5.18 justification %q", c.Derived.Justification)
	}
	c = control(r, "7.2")
	if want := "A.11.1.6 は2013年版で未回答。この回答で対応できているか確認すること。"; c.Derived.Review != want {
		t.Errorf("7.2 review\n got %q\nwant %q", c.Derived.Review, want)
	}
	var out bytes.Buffer
	if err := r.WriteReport(&out, transition.ReportOptions{Format: "text", Lang: i18n.JA}); err != nil {
		t.Fatal(err)
	}
	if want := "- 5.18 アクセス権：適用可否（A.9.2.2：適用、A.9.2.5：適用、A.9.2.6：除外）\n- 5.18 アクセス権：実施状況（A.9.2.2：実施済み、A.9.2.5：一部実施）\n"; !strings.Contains(out.String(), want) {
		t.Errorf("report lacks %q:\n%s", want, out.String())
	}
	// Nothing English is left: ids, the [2013 …] source marks and the
	// answers' own words aside.
	strip := regexp.MustCompile(`\[2013 A(\.\d+)+\]|\bA(\.\d+)+|\b\d+(\.\d+)+\b`)
	for _, c := range r.Controls {
		if c.Derived == nil {
			continue
		}
		for _, text := range []string{c.Derived.Review, c.Derived.Justification} {
			if w := regexp.MustCompile(`[A-Za-z]+`).FindString(strip.ReplaceAllString(text, "")); w != "" {
				t.Errorf("%s: %q holds the English %q", c.Control.ID, text, w)
			}
		}
	}
	// The JSON report keeps the answers file's words for tools.
	out.Reset()
	if err := r.WriteReport(&out, transition.ReportOptions{Format: "json", Lang: i18n.JA}); err != nil {
		t.Fatal(err)
	}
	if want := `"A.9.2.5: partial"`; !strings.Contains(out.String(), want) {
		t.Errorf("JSON lacks %s", want)
	}
}

// TestEveryAnswerReachesItsTargets: over many random 2013 answer files,
// each answered 2013 control's answer reaches every 2022 control it maps to.
func TestEveryAnswerReachesItsTargets(t *testing.T) {
	c := cat(t)
	s13 := c.Set(catalog.Set2013)
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := range 40 {
		var b strings.Builder
		for _, ctl := range s13.Controls {
			switch rng.IntN(4) {
			case 0: // unanswered
			case 1:
				fmt.Fprintf(&b, "  %s: {applicable: false, justification: excl-%s}\n", ctl.ID, ctl.ID)
			default:
				st := answers.Statuses[rng.IntN(4)]
				fmt.Fprintf(&b, "  %s: {applicable: true, reasons: [%s], justification: just-%s, status: %s, owner: own-%d, evidence: [ev-%s], target_date: 2026-0%d-01}\n",
					ctl.ID, answers.Reasons[rng.IntN(5)], ctl.ID, st, rng.IntN(2), ctl.ID, 1+rng.IntN(9))
			}
		}
		r := derive(t, b.String())
		old := map[string]*answers.Answer{}
		for _, row := range r.Old.Rows {
			old[row.Control.ID] = row.Answer
		}
		for _, ctl := range s13.Controls {
			a := old[ctl.ID]
			if a == nil {
				continue
			}
			for _, target := range ctl.MapsTo {
				d := control(r, target).Derived
				if d == nil {
					t.Fatalf("iter %d: %s answered but %s has no derived answer", iter, ctl.ID, target)
				}
				if *a.Applicable {
					ok := *d.Applicable && slices.Contains(d.Evidence, a.Evidence[0]) && slices.Contains(d.Reasons, a.Reasons[0]) &&
						strings.Contains(d.Justification, a.Justification) &&
						slices.Index(answers.Statuses, string(d.Status)) >= slices.Index(answers.Statuses, string(a.Status))
					if !ok {
						t.Fatalf("iter %d: %s (%+v) did not reach %s (%+v)", iter, ctl.ID, a, target, d)
					}
				} else if !strings.Contains(d.Justification, a.Justification) {
					t.Fatalf("iter %d: exclusion of %s lost in %s: %+v", iter, ctl.ID, target, d)
				}
			}
		}
	}
}

func BenchmarkMigrate(b *testing.B) {
	var sb strings.Builder
	for _, ctl := range cat(b).Set(catalog.Set2013).Controls {
		fmt.Fprintf(&sb, "  %s: {applicable: true, reasons: [risk], justification: j, status: implemented, owner: o, evidence: [e]}\n", ctl.ID)
	}
	src := []byte("edition: \"2013\"\norganization: {name: Old Ltd, date: 2025-01-01}\ncontrols:\n" + sb.String())
	c := cat(b)
	b.ReportAllocs()
	// Derive and write the 2022 file from checked 2013 answers. Reading and
	// checking the answers is BenchmarkValidateAnswers' part.
	st, l := soa.Load(c, "old.yaml", src)
	if st == nil {
		b.Fatal(l)
	}
	for b.Loop() {
		r, err := transition.Derive(c, st)
		if err != nil {
			b.Fatal(err)
		}
		if err := r.WriteAnswers(&bytes.Buffer{}, transition.AnswersOptions{Date: "2026-05-01"}); err != nil {
			b.Fatal(err)
		}
	}
}
