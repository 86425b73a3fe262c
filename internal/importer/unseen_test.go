package importer_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/soa-tool/soa/internal/importer"
)

// TestUnseenWorkbooks is the acceptance test of issue 14, on workbooks no
// other test reads (testdata/import/unseen, made by make_unseen.py with
// openpyxl, in layouts and languages of their own): every SoA is read
// with no option and every control right; every workbook that is no SoA
// is refused with a message saying what was found. No silent wrong
// result: a control read with another answer than the one written fails.
// refusals are what the refusal of each workbook that is no SoA must say.
var refusals = map[string]string{
	"not-blank-template.xlsx": "no SoA table found",
	"not-theme-totals.xlsx":   "no SoA table found",
	"not-gap-analysis.xlsx":   "this table lists clauses of ISO/IEC 27001 itself",
}

func TestUnseenWorkbooks(t *testing.T) {
	t.Parallel()
	dir := "../../testdata/import/unseen"
	src, err := os.ReadFile(filepath.Join(dir, "want.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]struct {
		Org      *string           `json:"org"`
		Controls map[string][2]any `json:"controls"`
	}
	if err := json.Unmarshal(src, &want); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.*"))
	soas, refused := 0, 0
	for _, path := range files {
		name := filepath.Base(path)
		if name == "want.json" || strings.HasSuffix(name, ".py") {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res, err := importer.Read(data, defaultCatalog(t), importer.Options{Name: name})
		w, isSoA := want[name]
		if !isSoA {
			refused++
			if err == nil {
				t.Errorf("%s: no SoA, but read: %d controls", name, res.Rows)
			} else if msg, says := err.Error(), refusals[name]; !strings.Contains(msg, says) {
				t.Errorf("%s: refused without saying what was found (%q): %v", name, says, err)
			}
			continue
		}
		soas++
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if w.Org != nil && res.File.Org.Name != *w.Org {
			t.Errorf("%s: organization %q, want %q", name, res.File.Org.Name, *w.Org)
		}
		if len(res.File.Controls) != len(w.Controls) {
			t.Errorf("%s: %d controls read, want %d", name, len(res.File.Controls), len(w.Controls))
		}
		for _, a := range res.File.Controls {
			c, ok := w.Controls[a.ID]
			if !ok {
				t.Errorf("%s: control %s read, but not in the workbook", name, a.ID)
				continue
			}
			if a.Applicable == nil || *a.Applicable != c[0].(bool) || string(a.Status) != c[1].(string) {
				t.Errorf("%s: control %s = applicable %v status %q, want %v %q", name, a.ID, a.Applicable, a.Status, c[0], c[1])
			}
		}
	}
	if soas < 6 || refused < 3 {
		t.Errorf("%d SoAs and %d others, want 6 and 3", soas, refused)
	}
}
