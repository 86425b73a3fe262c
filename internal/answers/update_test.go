package answers_test

import (
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
)

func TestUpdate(t *testing.T) {
	src := `# Our answers. Keep this comment.
edition: "2022"
organization:
  name: Example KK   # trading name
  date: 2026-04-01
controls:
  # Policies
  "5.1":
    applicable: true
    reasons: [risk, legal]
    justification: Board approved   # do not touch
    status: partial
    owner: CISO
    target_date: 2026-09-30
  "7.5":
    applicable: false
    justification: No premises
`
	yes, no := true, false
	upd := &answers.File{Edition: "2022", Org: answers.Organization{Name: "Example KK", Date: "2026-04-01"}, Controls: []*answers.Answer{
		{ID: "5.1", Applicable: &yes, Reasons: []string{"legal", "risk"}, Justification: "Board approved", Status: answers.Implemented, Owner: "CISO", Evidence: []string{"POL-1"}},
		{ID: "5.2", Applicable: &yes, Reasons: []string{"risk"}, Status: answers.Planned, Owner: "CEO", TargetDate: "2026-12-31"},
		{ID: "7.5", Applicable: &no, Justification: "No premises"},
	}}
	out, changes, err := answers.Update("a.yaml", []byte(src), upd, answers.UpdateOptions{
		Fields: []string{"applicable", "reasons", "justification", "status", "owner", "evidence", "target_date"},
		Order:  []string{"5.1", "5.2", "7.5"},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range changes {
		got = append(got, c.String())
	}
	want := []string{
		"5.1: status: partial → implemented",
		"5.1: evidence: (empty) → POL-1",
		"5.1: target_date: 2026-09-30 → (empty)",
		"5.2: applicable: (empty) → true",
		"5.2: reasons: (empty) → risk",
		"5.2: status: (empty) → planned",
		"5.2: owner: (empty) → CEO",
		"5.2: target_date: (empty) → 2026-12-31",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	text := string(out)
	for _, keep := range []string{"# Our answers. Keep this comment.", "name: Example KK # trading name", "# Policies",
		"justification: Board approved # do not touch", "reasons: [risk, legal]"} {
		if !strings.Contains(text, keep) {
			t.Errorf("lost %q:\n%s", keep, text)
		}
	}
	if strings.Index(text, `"5.2":`) > strings.Index(text, `"7.5":`) || strings.Contains(text, "2026-09-30") {
		t.Errorf("5.2 not placed in catalogue order, or target date kept:\n%s", text)
	}
	f, l := answers.Parse("a.yaml", out)
	if f == nil || l.HasErrors() {
		t.Fatalf("result does not parse: %v", l)
	}
	// Nothing to change: the same bytes come back.
	again, changes, err := answers.Update("a.yaml", out, upd, answers.UpdateOptions{Fields: []string{"status"}, Order: []string{"5.1"}})
	if err != nil || len(changes) != 0 || string(again) != text {
		t.Errorf("second update: %v %v", changes, err)
	}
	// A file of the other edition is refused.
	if _, _, err := answers.Update("a.yaml", []byte(src), &answers.File{Edition: "2013"}, answers.UpdateOptions{}); err == nil ||
		!strings.Contains(err.Error(), "the file answers edition 2022, the workbook edition 2013") {
		t.Errorf("edition mismatch: %v", err)
	}
}
