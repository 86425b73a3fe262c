package workbook_test

import (
	"encoding/json"

	"github.com/soa-tool/soa/internal/answers"
	"github.com/soa-tool/soa/internal/i18n"
	"github.com/soa-tool/soa/internal/layout"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestRealClients opens the examples' workbooks with LibreOffice and
// openpyxl through scripts/check-clients.py. It runs where both are
// installed (.ci/run installs them) and is skipped elsewhere.
func TestRealClients(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice not installed")
	}
	python := pythonWithOpenpyxl()
	if python == "" {
		t.Skip("python3-openpyxl not installed")
	}
	dir := t.TempDir()
	var paths []string
	for _, ex := range examples {
		p := filepath.Join(dir, ex.name+".xlsx")
		if err := os.WriteFile(p, render(t, load(t, ex.name), ex.lang), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	// The script finds columns by their headings, from the column table.
	headings := map[string]map[string]string{}
	cols := layout.Columns("2022")
	for _, lang := range []i18n.Lang{i18n.EN, i18n.JA} {
		h := func(n int) string { return lang.T(cols[n-1].Heading) }
		headings[string(lang)] = map[string]string{
			"applicable": h(cols.Of(answers.KeyApplicable)), "title": h(cols.OfKind(layout.Title)), "theme": h(cols.OfKind(layout.ThemeKey)),
		}
	}
	js, _ := json.Marshal(headings)
	out, err := exec.Command(python, append([]string{"../../scripts/check-clients.py", "--columns", string(js)}, paths...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	t.Logf("%s", out)
}

// pythonWithOpenpyxl finds a Python that has openpyxl: Debian's package
// installs it for /usr/bin/python3, which a pyenv shim may hide.
func pythonWithOpenpyxl() string {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	return ""
}
