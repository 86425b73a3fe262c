package transition_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/soa-tool/soa/internal/catalog"
	"github.com/soa-tool/soa/internal/golden"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/soa"
	"github.com/soa-tool/soa/internal/transition"
)

// TestGolden pins the migrated answers file and the transition report of
// the 2013 example in every format (rewrite with -update).
func TestGolden(t *testing.T) {
	src, err := os.ReadFile("../../testdata/examples/legacy-2013.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := cat(t)
	st, l := soa.Load(c, "legacy-2013.yaml", src)
	if st == nil {
		t.Fatal(l)
	}
	r, err := transition.Derive(c, st)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteAnswers(&buf, transition.AnswersOptions{Date: "2026-05-01", Schema: "answers.schema.json"}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "legacy-2013.migrated.yaml"), buf.Bytes())
	if migrated, l := soa.Load(c, "migrated.yaml", buf.Bytes()); migrated == nil || l.HasErrors() {
		t.Errorf("migrated file invalid: %v", l)
	}
	for _, f := range []struct {
		format, file string
		lang         i18n.Lang
	}{
		{"text", "legacy-2013.txt", i18n.EN},
		{"markdown", "legacy-2013.md", i18n.EN},
		{"json", "legacy-2013.json", i18n.EN},
		{"text", "legacy-2013.ja.txt", i18n.JA},
		{"markdown", "legacy-2013.ja.md", i18n.JA},
	} {
		var out bytes.Buffer
		if err := r.WriteReport(&out, transition.ReportOptions{Format: f.format, Lang: f.lang}); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", f.file), out.Bytes())
	}
	// Given the migrated file as NEW, edited as an organization would, the
	// report names what changed, old → new, and what is no longer open.
	cur := editedNew(t, c, buf.Bytes())
	for _, f := range []struct {
		format, file string
		lang         i18n.Lang
	}{
		{"markdown", "legacy-2013.changed.md", i18n.EN},
		{"text", "legacy-2013.changed.txt", i18n.EN},
		{"text", "legacy-2013.changed.ja.txt", i18n.JA},
		{"json", "legacy-2013.changed.json", i18n.EN},
	} {
		var out bytes.Buffer
		if err := r.WriteReport(&out, transition.ReportOptions{Format: f.format, Lang: f.lang, Current: cur}); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", f.file), out.Bytes())
	}
}

// editedNew is the migrated file as the organization has since edited it:
// 5.13 implemented; 5.18's status set (its review note kept), which
// settles the disagreement on status; 6.8's review note on the owners
// removed, which settles that one; the new control 5.7 answered.
func editedNew(t *testing.T, c *catalog.Catalog, migrated []byte) *soa.Statement {
	t.Helper()
	edited := bytes.Replace(migrated, []byte("status: partial"), []byte("status: implemented"), 1) // 5.13
	for _, e := range [][2]string{
		{"    status: partial\n    owner: Service Desk Manager\n    evidence:\n      - PRO-07", "    status: implemented\n    owner: Service Desk Manager\n    evidence:\n      - PRO-07"},
		{"    review: 'the 2013 sources disagree on owner (A.16.1.2: Service Desk Manager; A.16.1.3: CISO); check the merged answer'\n", ""},
		{"  \"5.7\":\n", "  \"5.7\":\n    applicable: true\n    reasons: [risk]\n    justification: |-\n      Threat feeds are reviewed weekly.\n      Alerts go to the SOC.\n    status: planned\n    owner: CISO\n    target_date: 2026-09-30\n"},
	} {
		if n := bytes.Count(edited, []byte(e[0])); n != 1 {
			t.Fatalf("%q occurs %d times in the migrated file, want once", e[0], n)
		}
		edited = bytes.Replace(edited, []byte(e[0]), []byte(e[1]), 1)
	}
	cur, l := soa.Load(c, "new.yaml", edited)
	if cur == nil || l.HasErrors() {
		t.Fatal(l)
	}
	return cur
}
