package workbook_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoExcelize: the workbook is written by package xlsx; excelize is for
// tests only (workbooktest reads our files with it, as an independent
// client), so neither this package nor what it imports links it.
func TestNoExcelize(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(goTool, "list", "-deps", "github.com/soa-tool/soa/internal/workbook").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(dep, "excelize") {
			t.Errorf("internal/workbook depends on %s", dep)
		}
	}
}
