package answers_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/soa-tool/soa/internal/answers"
)

func TestParseFields(t *testing.T) {
	// Every field, in the forgiving spellings people write: yes for true,
	// one reason or one evidence item without brackets, an unquoted 5.10,
	// a number as soa_version, and a merge key reusing another answer.
	src := `edition: "2022"
organization:
  name: Example KK
  scope: Everything
  soa_version: 1.2
  date: 2026-04-01
  prepared_by: ISMS manager
  approved_by: CEO
  approved_on: 2026-04-05
  language: ja
revisions:
  - {version: "1.2", date: 2026-04-01, author: ISMS manager, description: Annual review}
controls:
  "5.9": &implemented
    applicable: true
    reasons: [legal, risk]
    status: implemented
    owner: CISO
    evidence: [Asset register]
  5.10:
    <<: *implemented
    applicable: yes
    reasons: risk
    justification: Needed
    evidence: Acceptable use policy v2
    target_date: 2026-09-30
    notes: a note
    review: check this
  "7.5":
    applicable: false
    justification: No premises
`
	f, l := answers.Parse("all.yaml", []byte(src))
	if len(l) != 0 {
		t.Fatalf("diagnostics: %v", l)
	}
	o := f.Org
	if o.Name != "Example KK" || o.SoAVersion != "1.2" || o.Date != "2026-04-01" || o.ApprovedOn != "2026-04-05" || o.Language != "ja" || o.Scope == "" || o.PreparedBy == "" || o.ApprovedBy != "CEO" {
		t.Errorf("organization: %+v", o)
	}
	if len(f.Revisions) != 1 || f.Revisions[0].Description != "Annual review" {
		t.Errorf("revisions: %+v", f.Revisions)
	}
	if len(f.Controls) != 3 {
		t.Fatalf("controls: %d", len(f.Controls))
	}
	a := f.Controls[1]
	if a.ID != "5.10" || a.Applicable == nil || !*a.Applicable || !slices.Equal(a.Reasons, []string{"risk"}) ||
		a.Status != answers.Implemented || a.Owner != "CISO" || !slices.Equal(a.Evidence, []string{"Acceptable use policy v2"}) ||
		a.TargetDate != "2026-09-30" || a.Notes != "a note" || a.Review != "check this" || a.Justification != "Needed" {
		t.Errorf("5.10: %+v", a)
	}
	if a.At("status").Line != 17 { // merged from the anchor, so the position is the anchor's
		t.Errorf("5.10 status position %v", a.At("status"))
	}
	if b := f.Controls[2]; b.ID != "7.5" || *b.Applicable {
		t.Errorf("7.5: %+v", b)
	}
}

// addAnswerFiles seeds a fuzz target with every example and bad answers
// file.
func addAnswerFiles(f *testing.F) {
	for _, dir := range []string{"../../testdata/bad", "../../testdata/examples"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, p := range files {
			src, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
}

// FuzzParse: no input may panic the loader, and every answer it returns
// must carry a position.
func FuzzParse(f *testing.F) {
	addAnswerFiles(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		file, l := answers.Parse("fuzz.yaml", src)
		if file == nil && len(l) == 0 {
			t.Fatal("no file and no diagnostics")
		}
		if file != nil {
			for _, a := range file.Controls {
				if a.Pos.Line == 0 {
					t.Fatalf("answer %q has no position", a.ID)
				}
			}
		}
	})
}

// TestFieldSize: Size adds up what Get returns, one more byte an item,
// for every field, set and empty.
func TestFieldSize(t *testing.T) {
	yes := true
	full := &answers.Answer{Applicable: &yes, Reasons: []string{"risk", "legal"}, Justification: "Because", Status: answers.Partial, Owner: "CISO",
		Evidence: []string{"A", "B", "Cé"}, TargetDate: "2026-12-31", ReviewedOn: "2026-01-01", Risks: []string{"R-1"}, Notes: "n", Review: "r\nq"}
	for _, a := range []*answers.Answer{full, {}, nil} {
		for _, f := range answers.Fields {
			want := 0
			for _, s := range f.Get(a) {
				want += len(s) + 1
			}
			if got := f.Size(a); got != want {
				t.Errorf("%s of %+v: Size %d, Get's items %d", f.Key, a, got, want)
			}
		}
	}
}
