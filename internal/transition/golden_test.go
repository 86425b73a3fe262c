package transition_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

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
	// Given the migrated file as NEW, with one answer edited, the report
	// names what changed.
	edited := bytes.Replace(buf.Bytes(), []byte("status: partial"), []byte("status: implemented"), 1)
	cur, l := soa.Load(c, "new.yaml", edited)
	if cur == nil {
		t.Fatal(l)
	}
	var out bytes.Buffer
	if err := r.WriteReport(&out, transition.ReportOptions{Format: "markdown", Current: cur}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "legacy-2013.changed.md"), out.Bytes())
}
