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
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/rules"
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
	l = rules.Validate(st, rules.Options{AsOf: "2026-05-01"})
	n := 0
	for _, d := range l {
		if d.Rule == "unanswered" {
			n++
		}
	}
	if n != 93-2 {
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

// TestReviewNotesCarried: review notes of the 2013 answers reach the 2022
// answer, beside soa's own; so do notes of a 2013 exclusion merged into an
// applicable control, and text of a source that does not say whether it
// applies.
func TestReviewNotesCarried(t *testing.T) {
	r := derive(t, `
  A.6.1.1: {applicable: true, reasons: [risk], justification: Roles, status: implemented, owner: CISO, evidence: [ORG-1], review: "KEEP ME"}
  A.5.1.1: {applicable: true, reasons: [risk], justification: Policy set, status: implemented, owner: CISO, evidence: [POL-1], review: "Re-read after the board meeting"}
  A.5.1.2: {applicable: true, reasons: [risk], justification: Annual review, status: partial, owner: CISO, target_date: 2026-03-31, review: "Ask internal audit\nabout the minutes"}
  A.11.1.2: {applicable: true, reasons: [risk], justification: Badges, status: implemented, owner: Facilities, evidence: [Log]}
  A.11.1.6: {applicable: false, justification: No loading bay, notes: Deliveries go to reception}
  A.9.1.1: {applicable: true, reasons: [risk], justification: Policy, status: implemented, owner: CISO, evidence: [AC-1]}
  A.9.1.2: {review: "Unclear whether the VPN counts"}
  A.6.1.2: {notes: Two-person rule for payments, review: "Answer this"}
`)
	tests := []struct {
		id, review string
	}{
		// One source: the note as it was.
		{"5.2", "KEEP ME"},
		// Several: soa's note first, then each source's, marked.
		{"5.1", "the 2013 sources disagree on status (A.5.1.1: implemented; A.5.1.2: partial); check the merged answer\n[2013 A.5.1.1] Re-read after the board meeting\n[2013 A.5.1.2] Ask internal audit\nabout the minutes"},
		// A source with only a review note still counts as text to keep.
		{"5.15", "A.9.1.2 had no answer in 2013; check that this answer covers it\n[2013 A.9.1.2] Unclear whether the VPN counts"},
		// No source says whether it applies: the text alone is carried.
		{"5.3", "Answer this"},
	}
	for _, tt := range tests {
		c := control(r, tt.id)
		if c.Derived == nil || c.Derived.Review != tt.review {
			t.Errorf("%s: review\n got %+v\nwant %q", tt.id, c.Derived, tt.review)
		}
	}
	if c := control(r, "5.3"); c.Kind != transition.Unanswered || c.Derived.Applicable != nil || c.Derived.Notes != "Two-person rule for payments" {
		t.Errorf("5.3: %s %+v", c.Kind, c.Derived)
	}
	if c := control(r, "7.2"); c.Derived.Notes != "[2013 A.11.1.6] Deliveries go to reception" {
		t.Errorf("7.2 notes %q", c.Derived.Notes)
	}
	// The written file keeps them and validates.
	var buf bytes.Buffer
	if err := r.WriteAnswers(&buf, transition.AnswersOptions{Date: "2026-05-01"}); err != nil {
		t.Fatal(err)
	}
	st, l := soa.Load(cat(t), "new.yaml", buf.Bytes())
	if st == nil || l.HasErrors() {
		t.Fatalf("%v\n%s", l, buf.String())
	}
	for _, row := range st.Rows {
		if row.Control.ID == "5.3" && (row.Answer == nil || row.Answer.Review != "Answer this") {
			t.Errorf("5.3 read back %+v", row.Answer)
		}
	}
}

// TestNoStatusIsUnknown: an applicable source without a status is not
// ignored. The merged status is left blank, since the weakest status is
// not known, unless another source is already not_implemented; either way
// the sources disagree on status.
func TestNoStatusIsUnknown(t *testing.T) {
	r := derive(t, `
  A.12.6.1: {applicable: true, reasons: [risk], justification: Patching}
  A.18.2.3: {applicable: true, reasons: [risk], justification: Scans, status: planned, owner: SecOps, target_date: 2026-06-30}
  A.12.4.1: {applicable: true, reasons: [risk], justification: Logs, status: not_implemented, owner: Ops}
  A.12.4.2: {applicable: true, reasons: [risk], justification: Protection}
  A.16.1.2: {applicable: true, reasons: [risk], justification: Events}
  A.16.1.3: {applicable: true, reasons: [risk], justification: Weaknesses}
`)
	c := control(r, "8.8")
	d := c.Derived
	if c.Kind != transition.MergedConflict || d.Status != "" || d.TargetDate != "2026-06-30" || d.Owner != "SecOps" {
		t.Errorf("8.8: %s %+v", c.Kind, d)
	}
	if len(c.Conflicts) != 1 || c.Conflicts[0].Field != "status" || strings.Join(c.Conflicts[0].ValueTexts(i18n.EN), "; ") != "A.12.6.1: no status; A.18.2.3: planned" {
		t.Errorf("8.8 conflicts %+v", c.Conflicts)
	}
	want := "the 2013 sources disagree on status (A.12.6.1: no status; A.18.2.3: planned); check the merged answer\n" +
		"A.12.6.1: applicable in 2013 without a status, so the merged status is left blank; set it"
	if d.Review != want {
		t.Errorf("8.8 review\n got %q\nwant %q", d.Review, want)
	}
	// not_implemented is the weakest whatever the unknown source's status.
	c = control(r, "8.15")
	if c.Derived.Status != answers.NotImplemented || c.Kind != transition.MergedConflict || strings.Contains(c.Derived.Review, "left blank") {
		t.Errorf("8.15: %s %+v", c.Kind, c.Derived)
	}
	// None has a status: nothing is known, and nothing disagrees.
	c = control(r, "6.8")
	if c.Derived.Status != "" || c.Kind != transition.Merged || c.Derived.Review != "" {
		t.Errorf("6.8: %s %+v", c.Kind, c.Derived)
	}
	var out bytes.Buffer
	if err := r.WriteReport(&out, transition.ReportOptions{Format: "text", Lang: i18n.EN}); err != nil {
		t.Fatal(err)
	}
	if want := "- 8.8 Management of technical vulnerabilities: status (A.12.6.1: no status; A.18.2.3: planned)\n"; !strings.Contains(out.String(), want) {
		t.Errorf("report lacks %q", want)
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
  A.12.6.1: {applicable: true, reasons: [risk], justification: 修正プログラムの適用, review: 担当を決める}
  A.18.2.3: {applicable: true, reasons: [risk], justification: 技術的レビュー, status: planned, owner: 情報システム部長, target_date: 2026-06-30}
`)
	if want := "2013年版の対応元で回答が食い違っている：実施状況（A.12.6.1：実施状況の記載なし、A.18.2.3：計画中）。統合した回答を確認すること。\n" +
		"A.12.6.1 は2013年版で適用だが実施状況の記載がないため、統合後の実施状況は空欄にした。記入すること。\n" +
		"[2013 A.12.6.1] 担当を決める"; control(r, "8.8").Derived.Review != want {
		t.Errorf("8.8 review\n got %q\nwant %q", control(r, "8.8").Derived.Review, want)
	}
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
			// Text fields every kind of answer may carry.
			text := fmt.Sprintf("notes: note-%s, review: rev-%s", ctl.ID, ctl.ID)
			if rng.IntN(2) == 0 {
				text = "notes: ''"
			}
			switch rng.IntN(6) {
			case 0: // unanswered
			case 1: // an answer that does not say whether it applies
				fmt.Fprintf(&b, "  %s: {%s}\n", ctl.ID, text)
			case 2:
				fmt.Fprintf(&b, "  %s: {applicable: false, justification: excl-%s, %s}\n", ctl.ID, ctl.ID, text)
			default:
				st := append([]string{""}, answers.Statuses...)[rng.IntN(5)] // "" : no status
				fmt.Fprintf(&b, "  %s: {applicable: true, reasons: [%s], justification: just-%s, status: %q, owner: own-%d, evidence: [ev-%s], target_date: 2026-0%d-01, %s}\n",
					ctl.ID, answers.Reasons[rng.IntN(5)], ctl.ID, st, rng.IntN(2), ctl.ID, 1+rng.IntN(9), text)
			}
		}
		r := derive(t, b.String())
		var buf bytes.Buffer
		if err := r.WriteAnswers(&buf, transition.AnswersOptions{Date: "2026-05-01"}); err != nil {
			t.Fatal(err)
		}
		if st, l := soa.Load(c, "new.yaml", buf.Bytes()); st == nil || l.HasErrors() {
			t.Fatalf("iter %d: the migrated file does not validate: %v", iter, l)
		}
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
				tc := control(r, target)
				d := tc.Derived
				if d == nil {
					if a.Applicable == nil && a.Notes+a.Review+a.Justification == "" {
						continue // an empty answer: nothing to carry
					}
					t.Fatalf("iter %d: %s answered but %s has no derived answer", iter, ctl.ID, target)
				}
				// No text is lost.
				if !strings.Contains(d.Notes, a.Notes) || !strings.Contains(d.Review, a.Review) || !strings.Contains(d.Justification, a.Justification) {
					t.Fatalf("iter %d: text of %s (%+v) lost in %s (%+v)", iter, ctl.ID, a, target, d)
				}
				switch {
				case a.Applicable == nil:
				case *a.Applicable:
					// The merged status is never better than a source's;
					// blank only when some applicable source had none.
					ok := *d.Applicable && slices.Contains(d.Evidence, a.Evidence[0]) && slices.Contains(d.Reasons, a.Reasons[0])
					if d.Status == "" {
						ok = ok && slices.ContainsFunc(tc.Sources, func(s transition.Source) bool {
							return s.Answer != nil && s.Answer.Applicable != nil && *s.Answer.Applicable && s.Answer.Status == ""
						})
					} else {
						ok = ok && a.Status != "" && slices.Index(answers.Statuses, string(d.Status)) >= slices.Index(answers.Statuses, string(a.Status)) ||
							ok && a.Status == "" && d.Status == answers.NotImplemented
					}
					if !ok {
						t.Fatalf("iter %d: %s (%+v) did not reach %s (%+v)", iter, ctl.ID, a, target, d)
					}
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

// TestNotImplementedKeepsTargetDate: when one part makes the merged control
// not_implemented, the date another part is planned for carries over.
func TestNotImplementedKeepsTargetDate(t *testing.T) {
	r := derive(t, `
  A.5.1.1: {applicable: true, reasons: [risk], justification: Policy, status: not_implemented, owner: CISO}
  A.5.1.2: {applicable: true, reasons: [risk], justification: Review, status: planned, owner: CISO, target_date: 2026-09-30}
`)
	d := control(r, "5.1").Derived
	if d.Status != answers.NotImplemented || d.TargetDate != "2026-09-30" {
		t.Errorf("5.1: %+v", d)
	}
}

// TestMarkdownEscapes: answer text in the Markdown report (here owners
// that disagree) shows as typed, never as markup.
func TestMarkdownEscapes(t *testing.T) {
	r := derive(t, `
  A.5.1.1: {applicable: true, reasons: [risk], justification: Policy, status: implemented, owner: "<script>x</script>", evidence: [P]}
  A.5.1.2: {applicable: true, reasons: [risk], justification: Review, status: implemented, owner: "*Bob* | [me](http://x)", evidence: [R]}
`)
	var out bytes.Buffer
	if err := r.WriteReport(&out, transition.ReportOptions{Format: "markdown", Lang: i18n.EN}); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, bad := range []string{"<script", "*Bob*", "[me](", "| [me"} {
		if strings.Contains(s, bad) {
			t.Errorf("Markdown holds %q:\n%s", bad, s)
		}
	}
	if !strings.Contains(s, `&lt;script&gt;x&lt;/script&gt;`) || !strings.Contains(s, `\*Bob\* \| \[me\](http://x)`) {
		t.Errorf("owners not shown as typed:\n%s", s)
	}
}

// TestMarkdownEscapesChanges: the values of a NEW file (old → new, the
// value that resolved a disagreement) are escaped in Markdown too.
func TestMarkdownEscapesChanges(t *testing.T) {
	r := derive(t, `
  A.5.1.1: {applicable: true, reasons: [risk], justification: Policy, status: implemented, owner: CISO, evidence: [P]}
  A.5.1.2: {applicable: true, reasons: [risk], justification: Review, status: implemented, owner: CTO, evidence: [R]}
`)
	src := "edition: \"2022\"\norganization: {name: New Ltd, date: 2026-01-01}\ncontrols:\n" +
		"  \"5.1\": {applicable: true, reasons: [risk], justification: \"*new* <i>policy</i>\\n[l](http://x)\", status: implemented, owner: \"<b>Eve</b> | _ops_\", evidence: [P]}\n"
	cur, l := soa.Load(cat(t), "new.yaml", []byte(src))
	if cur == nil {
		t.Fatal(l)
	}
	var out bytes.Buffer
	if err := r.WriteReport(&out, transition.ReportOptions{Format: "markdown", Lang: i18n.EN, Current: cur}); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, bad := range []string{"<b>", "<i>", "*new*", "[l](", "_ops_", "| _"} {
		if strings.Contains(s, bad) {
			t.Errorf("Markdown holds %q:\n%s", bad, s)
		}
	}
	for _, want := range []string{
		`  - owner: CISO → &lt;b&gt;Eve&lt;/b&gt; \| \_ops\_` + "\n",
		`  - justification: \[2013 A.5.1.1\] Policy ⏎ \[2013 A.5.1.2\] Review → \*new\* &lt;i&gt;policy&lt;/i&gt; ⏎ \[l\](http://x)` + "\n",
		`: resolved as &lt;b&gt;Eve&lt;/b&gt; \| \_ops\_` + "\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, s)
		}
	}
}

// TestNextVersion: the migrated SoA proposes the next major version in the
// form the 2013 one was written.
func TestNextVersion(t *testing.T) {
	c := cat(t)
	for old, want := range map[string]string{
		`"4.2"`: "5.0", `"4"`: "5.0", `"4.2.1"`: "5.0", `"v4.2"`: "v5.0", `"第4版"`: "第5版",
		`"第2.1版"`: "第3.0版", `"Rev. 3"`: "Rev. 4", `""`: "1.0", `"draft"`: "draft-2022", `"2024-1"`: "2024-1-2022",
	} {
		src := "edition: \"2013\"\norganization: {name: Old Ltd, soa_version: " + old + ", date: 2025-01-01}\ncontrols:\n  A.5.1.1: {applicable: true, reasons: [risk], status: implemented}\n"
		st, l := soa.Load(c, "old.yaml", []byte(src))
		if st == nil {
			t.Fatal(l)
		}
		r, err := transition.Derive(c, st)
		if err != nil {
			t.Fatal(err)
		}
		f := r.NewFile("2026-05-01")
		if f.Org.SoAVersion != want {
			t.Errorf("soa_version %s: migrated to %q, want %q", old, f.Org.SoAVersion, want)
		}
		if last := f.Revisions[len(f.Revisions)-1]; last.Version != want {
			t.Errorf("soa_version %s: revision line for %q, want %q", old, last.Version, want)
		}
	}
}

// TestResolved: a 2022 answer settles a disagreement when it answers the
// control and either drops the review line that names it or sets the
// field itself; the value chosen is the 2022 answer's.
func TestResolved(t *testing.T) {
	r := derive(t, `
  A.16.1.2: {applicable: true, reasons: [risk], justification: Events, status: implemented, owner: Service Desk}
  A.16.1.3: {applicable: true, reasons: [risk], justification: Weaknesses, status: partial, owner: CISO}
`)
	c := control(r, "6.8")
	if len(c.Conflicts) != 2 || c.Disagreement == "" || !strings.Contains(c.Derived.Review, c.Disagreement) {
		t.Fatalf("6.8: conflicts %+v, disagreement %q, review %q", c.Conflicts, c.Disagreement, c.Derived.Review)
	}
	status, owner := c.Conflicts[0], c.Conflicts[1]
	if status.Field != "status" || owner.Field != "owner" {
		t.Fatalf("conflicts %+v", c.Conflicts)
	}
	yes, no := true, false
	derived := func(edit func(a *answers.Answer)) *answers.Answer {
		a := *c.Derived
		edit(&a)
		return &a
	}
	for _, tc := range []struct {
		name   string
		cur    *answers.Answer
		cf     transition.Conflict
		chosen string
		ok     bool
	}{
		{"not in NEW", nil, status, "", false},
		{"applicable not set", &answers.Answer{ID: "6.8", Status: answers.Implemented}, status, "", false},
		{"as derived, note kept", derived(func(a *answers.Answer) {}), status, "", false},
		{"note kept among others", derived(func(a *answers.Answer) { a.Review = "Ask HR\n" + a.Review + "\n" }), owner, "", false},
		{"note gone", derived(func(a *answers.Answer) { a.Review = "" }), owner, "Service Desk", true},
		{"note gone, status blank", derived(func(a *answers.Answer) { a.Review, a.Status = "", "" }), status, "no_status", true},
		{"status set, note kept", derived(func(a *answers.Answer) { a.Status = answers.Implemented }), status, "implemented", true},
		{"status set settles only status", derived(func(a *answers.Answer) { a.Status = answers.Implemented }), owner, "", false},
		{"owner set", derived(func(a *answers.Answer) { a.Owner = "CISO" }), owner, "CISO", true},
		{"excluded", derived(func(a *answers.Answer) { a.Applicable = &no; a.Review = "" }), status, "excluded", true},
		{"excluded, note kept", derived(func(a *answers.Answer) { a.Applicable = &no }), owner, "", false},
		{"answered fresh", &answers.Answer{ID: "6.8", Applicable: &yes, Status: answers.Partial, Owner: "Service Desk"}, owner, "Service Desk", true},
	} {
		chosen, ok := c.Resolved(tc.cf, tc.cur)
		if chosen != tc.chosen || ok != tc.ok {
			t.Errorf("%s: %s resolved %v as %q, want %v %q", tc.name, tc.cf.Field, ok, chosen, tc.ok, tc.chosen)
		}
	}
}

// TestSplits: the splits come from the catalogue's MapsTo, and each split
// control is a source of every control it was split into.
func TestSplits(t *testing.T) {
	r := derive(t, "  A.18.2.3: {applicable: true, reasons: [risk], justification: Scans, status: planned, owner: SecOps}\n")
	if len(r.Splits) != 1 {
		t.Fatalf("splits %+v", r.Splits)
	}
	sp := r.Splits[0]
	var into []string
	for _, c := range sp.Into {
		into = append(into, c.ID)
		if !slices.ContainsFunc(control(r, c.ID).Sources, func(s transition.Source) bool { return s.Control.ID == sp.Control.ID }) {
			t.Errorf("%s is not a source of %s", sp.Control.ID, c.ID)
		}
	}
	if sp.Control.ID != "A.18.2.3" || !slices.Equal(into, []string{"5.36", "8.8"}) {
		t.Errorf("split %s into %v, want A.18.2.3 into 5.36, 8.8", sp.Control.ID, into)
	}
	n := 0
	for _, c := range r.Controls {
		if c.Merge() != (len(c.Sources) > 1) {
			t.Errorf("%s: merge %v with %d sources", c.Control.ID, c.Merge(), len(c.Sources))
		}
		if c.Merge() {
			n++
		}
	}
	if n != 24 {
		t.Errorf("%d merges, want 24 in the bundled mapping", n)
	}
}
