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
	wantText := `# Our answers. Keep this comment.
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
    status: implemented
    owner: CISO
    evidence:
      - POL-1
  "5.2":
    applicable: true
    reasons: [risk]
    status: planned
    owner: CEO
    target_date: 2026-12-31
  "7.5":
    applicable: false
    justification: No premises
`
	if text != wantText {
		t.Errorf("got\n%s\nwant\n%s", text, wantText)
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

// TestUpdateKeepsLayout: CRLF line endings, blank lines, comments, folded
// text and quoting outside the changed lines stay byte for byte; an answer
// shared through an anchor is refused.
func TestUpdateKeepsLayout(t *testing.T) {
	src := strings.ReplaceAll(`edition: "2022"
organization: {name: X, date: 2026-04-01}

revisions:
  - {version: "1.0", date: 2026-04-01, author: me, description: "First: draft"}

controls:
  "5.1":   # first
    applicable: true
    justification: >
      Folded text
      over two lines.
    evidence:
    - POL-1
    - POL-2
    status: partial

  "5.2":

  "5.3": {applicable: true, status: planned}
  "5.7": &x
    applicable: true
    owner: CISO
  "5.8":
    <<: *x
`, "\n", "\r\n")
	yes := true
	upd := &answers.File{Edition: "2022", Controls: []*answers.Answer{
		{ID: "5.1", Applicable: &yes, Justification: "Folded text over two lines.\n", Evidence: []string{"POL-1", "POL-3"}, Status: answers.Partial},
		{ID: "5.2", Applicable: &yes, Status: answers.Planned},
		{ID: "5.3", Applicable: &yes, Status: answers.Implemented},
	}}
	out, changes, err := answers.Update("a.yaml", []byte(src), upd, answers.UpdateOptions{Fields: []string{"applicable", "evidence", "status", "justification"}, Order: []string{"5.1", "5.2", "5.3"}})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(`edition: "2022"
organization: {name: X, date: 2026-04-01}

revisions:
  - {version: "1.0", date: 2026-04-01, author: me, description: "First: draft"}

controls:
  "5.1":   # first
    applicable: true
    justification: >
      Folded text
      over two lines.
    evidence:
    - POL-1
    - POL-3
    status: partial

  "5.2":
    applicable: true
    status: planned

  "5.3":
    applicable: true
    status: implemented
  "5.7": &x
    applicable: true
    owner: CISO
  "5.8":
    <<: *x
`, "\n", "\r\n")
	if string(out) != want {
		t.Errorf("got\n%q\nwant\n%q", out, want)
	}
	if len(changes) != 4 {
		t.Errorf("changes %v", changes)
	}
	_, _, err = answers.Update("a.yaml", []byte(src), &answers.File{Edition: "2022", Controls: []*answers.Answer{{ID: "5.7", Applicable: &yes, Owner: "Alice"}}}, answers.UpdateOptions{Fields: []string{"owner"}})
	if err == nil || !strings.Contains(err.Error(), "control 5.7: its answer shares fields with other controls through YAML anchors") {
		t.Errorf("anchor: %v", err)
	}
}
